//! Filter expressions in the queue's filter, beside free words:
//! `estado:`, `trámite:`, `envío:`, `dni:`, with Tab completion and a clear
//! Spanish error that keeps the typed text.

mod console_harness;

use console_harness::{H, open};
use crossterm::event::KeyCode;
use mesa::domain::{Kind, Query, Status, Ticket};

fn filter(h: &mut H, text: &str) {
    h.key(KeyCode::Char('/'));
    h.typ(text);
}

fn listed(h: &H, q: Query) -> Vec<String> {
    h.desk.list(&q).unwrap().into_iter().map(|t| t.id).collect()
}

fn all(h: &H) -> Vec<Ticket> {
    h.desk.list(&Default::default()).unwrap()
}

#[test]
fn estado_and_tramite_narrow_the_queue_accents_optional() {
    let mut h = open();
    filter(&mut h, "estado:observado");
    let want = listed(
        &h,
        Query {
            statuses: vec![Status::Observado],
            ..Default::default()
        },
    );
    assert!(!want.is_empty());
    assert_eq!(h.visible_ids(), want);
    h.key(KeyCode::Esc);

    filter(&mut h, "tramite:reemision");
    let plain = h.visible_ids();
    h.key(KeyCode::Esc);
    filter(&mut h, "trámite:reemisión");
    let want = listed(
        &h,
        Query {
            kind: Some(Kind::Reemision),
            ..Default::default()
        },
    );
    assert!(!want.is_empty() && want.len() < all(&h).len());
    assert_eq!(h.visible_ids(), want);
    assert_eq!(plain, want, "accents are optional");
}

#[test]
fn expressions_combine_with_free_words() {
    let mut h = open();
    let t = h.first(|t| t.kind == Kind::Emision && t.applicants.len() == 1);
    let surname = t.applicants[0]
        .full_name
        .split_whitespace()
        .nth(1)
        .unwrap()
        .to_string();
    filter(&mut h, &format!("{surname} trámite:emisión"));
    let ids = h.visible_ids();
    assert!(ids.contains(&t.id));
    let by_name = listed(
        &h,
        Query {
            text: surname.clone(),
            ..Default::default()
        },
    );
    let want: Vec<String> = all(&h)
        .into_iter()
        .filter(|x| x.kind == Kind::Emision && by_name.contains(&x.id))
        .map(|x| x.id)
        .collect();
    assert_eq!(ids, want);
}

#[test]
fn envio_takes_a_day_and_dni_a_start() {
    let mut h = open();
    let t = h.first(|t| t.dispatch.is_some());
    let on = t.dispatch.unwrap().dispatch.on;
    filter(&mut h, &format!("envío:{}", on.format("%d/%m")));
    let want: Vec<String> = all(&h)
        .into_iter()
        .filter(|x| x.dispatch.is_some_and(|d| d.dispatch.on == on))
        .map(|x| x.id)
        .collect();
    assert!(want.contains(&t.id));
    assert_eq!(h.visible_ids(), want);
    h.key(KeyCode::Esc);

    let dni = t.applicants[0].dni.clone();
    filter(&mut h, &format!("dni:{}", &dni[..5]));
    let ids = h.visible_ids();
    assert!(ids.contains(&t.id));
    for id in &ids {
        assert!(h.app.queue.get(id).unwrap().dni.starts_with(&dni[..5]));
    }
    assert!(ids.len() < all(&h).len());
}

#[test]
fn a_wrong_key_or_value_is_named_with_the_valid_ones_and_the_text_stays() {
    let mut h = open();
    filter(&mut h, "rosa color:rojo");
    let screen = h.screen(240, 40);
    assert!(screen.contains("«color:» no es un filtro"), "{screen}");
    assert!(
        screen.contains("estado:, trámite:, envío:, dni:"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    assert!(h.app.typing_filter, "still typing: the text can be fixed");
    assert_eq!(h.app.filters.text, "rosa color:rojo");
    assert!(
        h.status_text().contains("«color:» no es un filtro"),
        "{}",
        h.status_text()
    );
    for _ in 0.."color:rojo".len() {
        h.key(KeyCode::Backspace);
    }
    h.typ("estado:perdido");
    let screen = h.screen(240, 40);
    assert!(
        screen.contains("«perdido» no es un valor de estado: use nuevo, en_atencion"),
        "{screen}"
    );
    h.key(KeyCode::Enter);
    assert!(h.app.typing_filter);
    assert!(h.status_text().contains("perdido"));
}

#[test]
fn tab_completes_the_key_then_the_value() {
    let mut h = open();
    filter(&mut h, "est");
    h.key(KeyCode::Tab);
    assert_eq!(h.app.filters.text, "estado:");
    h.typ("obs");
    h.key(KeyCode::Tab);
    assert_eq!(h.app.filters.text, "estado:observado ");
    for id in h.visible_ids() {
        assert_eq!(h.app.queue.get(&id).unwrap().status, Status::Observado);
    }
    h.key(KeyCode::Enter);
    assert!(!h.app.typing_filter);
}

#[test]
fn up_and_down_walk_the_analysts_filters_kept_across_sessions() {
    let mut h = open();
    filter(&mut h, "estado:observado");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    filter(&mut h, "trámite:emisión");
    h.key(KeyCode::Enter);
    h.key(KeyCode::Esc);
    assert!(h.app.filters.is_empty());

    // A new session of the same analyst on the same store.
    let mut app = mesa::tui::app::App::new(
        h.desk.now(),
        h.desk.config.dispatch.clone(),
        h.desk.config.validation.clone(),
        "beto",
    );
    app.color = false;
    let start = app.start();
    h.app = app;
    h.run(start);
    filter(&mut h, "ros");
    h.key(KeyCode::Up);
    assert_eq!(h.app.filters.text, "trámite:emisión");
    for id in h.visible_ids() {
        assert_eq!(h.app.queue.get(&id).unwrap().kind, Kind::Emision);
    }
    h.key(KeyCode::Up);
    assert_eq!(h.app.filters.text, "estado:observado");
    h.key(KeyCode::Up);
    assert_eq!(
        h.app.filters.text, "estado:observado",
        "stops at the oldest"
    );
    h.key(KeyCode::Down);
    assert_eq!(h.app.filters.text, "trámite:emisión");
    h.key(KeyCode::Down);
    assert_eq!(h.app.filters.text, "ros", "back to what was being typed");

    // Another analyst has a history of their own.
    let mut other = mesa::tui::app::App::new(
        h.desk.now(),
        h.desk.config.dispatch.clone(),
        h.desk.config.validation.clone(),
        "carla",
    );
    other.color = false;
    let start = other.start();
    h.app = other;
    h.run(start);
    filter(&mut h, "x");
    h.key(KeyCode::Up);
    assert_eq!(h.app.filters.text, "x");
}

#[test]
fn on_a_narrow_screen_the_error_is_shortened_never_cut() {
    let mut h = open();
    filter(&mut h, "estado:perdido");
    let line = |h: &H, w: u16| {
        h.screen(w, 24)
            .lines()
            .find(|l| l.contains("/estado:perdido"))
            .unwrap()
            .to_string()
    };
    let narrow = line(&h, 80);
    assert!(
        narrow.contains("«perdido» no vale en estado: (Enter)"),
        "{narrow}"
    );
    assert!(narrow.contains(" de 60"), "{narrow}");
    let wide = line(&h, 240);
    assert!(wide.contains("use nuevo, en_atencion, observado"), "{wide}");
    h.key(KeyCode::Enter);
    assert!(
        h.status_text()
            .contains("use nuevo, en_atencion, observado"),
        "{}",
        h.status_text()
    );
}

#[test]
fn the_palette_offers_the_analysts_recent_commands_first_across_sessions() {
    let mut h = open();
    let first_offered = |h: &H| {
        let Some(mesa::tui::app::Modal::Palette(p)) = &h.app.modal else {
            panic!("the palette is open");
        };
        mesa::tui::palette::palette_matches_recent(
            &p.query,
            h.app.role,
            &h.app.filter_history.palette,
        )[0]
    };
    h.key(KeyCode::Char(':'));
    let usual = first_offered(&h);
    h.typ("ver observado");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.filters.status, Some(Status::Observado));
    assert_ne!(usual, mesa::tui::action::Command::StatusTab(3));

    let mut app = mesa::tui::app::App::new(
        h.desk.now(),
        h.desk.config.dispatch.clone(),
        h.desk.config.validation.clone(),
        "beto",
    );
    app.color = false;
    let start = app.start();
    h.app = app;
    h.run(start);
    h.key(KeyCode::Char(':'));
    assert_eq!(first_offered(&h), mesa::tui::action::Command::StatusTab(3));
    let screen = h.screen(120, 40);
    let first = screen
        .lines()
        .find(|l| l.contains("Ver "))
        .unwrap_or_default();
    assert!(first.contains("Ver Observado"), "{screen}");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.filters.status, Some(Status::Observado));
}
