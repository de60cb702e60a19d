//! The console's correction form: keys in, the store on disk out (demo
//! store, seed 1, fixed now), through the real effects.

mod console_harness;

use crossterm::event::KeyCode;

use console_harness::{H, open};
use mesa::domain::{Kind, Move, Status};
use mesa::tui::app::Screen;

fn write_png(path: &std::path::Path, w: u32, hgt: u32) {
    image::RgbImage::from_fn(w, hgt, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 7])
    })
    .save(path)
    .unwrap();
}

/// Tabs to a field of the first applicant.
fn focus(h: &mut H, column: &str) {
    for _ in 0..20 {
        let f = h.app.form.as_ref().unwrap().focused();
        if f.column == column && f.applicant == Some(0) {
            return;
        }
        h.key(KeyCode::Tab);
    }
    panic!("no field {column}");
}

fn observed(h: &H) -> mesa::domain::Ticket {
    h.first(|t| t.status == Status::Observado && t.kind.is_batched() && t.applicants.len() == 1)
}

#[test]
fn an_observed_ticket_is_corrected_from_its_screen_with_the_intake_form() {
    let mut h = open();
    let t = observed(&h);
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("foto-nueva.png");
    write_png(&photo, 480, 640);
    let sha = mesa::media::sha256_hex(&std::fs::read(&photo).unwrap());

    h.find(&t.id);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Ticket);
    assert!(
        h.screen(120, 40).contains("e:corregir"),
        "{}",
        h.screen(120, 40)
    );

    h.key(KeyCode::Char('e'));
    assert_eq!(h.app.screen, Screen::Form, "{}", h.status_text());
    let screen = h.screen(120, 40);
    assert!(screen.contains(&format!("Corregir {}", t.id)), "{screen}");
    assert!(screen.contains(&t.applicants[0].email), "{screen}");
    assert!(screen.contains("(no se corrige)"), "{screen}");
    let form = h.app.form.as_ref().unwrap();
    assert_eq!(form.applicants[0]["dni"], t.applicants[0].dni);

    // The DNI cannot be typed over.
    focus(&mut h, "dni");
    h.typ("9");
    assert_eq!(
        h.app.form.as_ref().unwrap().applicants[0]["dni"],
        t.applicants[0].dni
    );
    assert!(
        h.status_text().contains("DNI no se corrige"),
        "{}",
        h.status_text()
    );

    // A personal email: the inline check refuses to save, nothing written.
    focus(&mut h, "email");
    h.ctrl('u');
    h.typ("luis@gmail.com");
    h.ctrl('s');
    assert_eq!(h.app.screen, Screen::Form);
    assert!(
        h.status_text().contains("No se puede guardar"),
        "{}",
        h.status_text()
    );
    assert_eq!(h.desk.ticket(&t.id).unwrap(), t);

    // The right address and a new photo: saved on the same ticket.
    h.ctrl('u');
    h.typ("luis.nuevo@regioncajamarca.gob.pe");
    focus(&mut h, "photo");
    h.typ(photo.to_str().unwrap());
    h.ctrl('s');
    assert_eq!(h.app.screen, Screen::Ticket, "{}", h.status_text());
    assert!(h.status_text().contains("corregido"), "{}", h.status_text());

    let after = h.desk.ticket(&t.id).unwrap();
    assert_eq!(after.status, Status::EnAtencion);
    assert_eq!(after.registered_at, t.registered_at);
    assert_eq!(
        after.applicants[0].email,
        "luis.nuevo@regioncajamarca.gob.pe"
    );
    assert_eq!(after.applicants[0].photo.as_ref().unwrap().sha256, sha);
    assert_eq!(h.app.queue.get(&t.id).unwrap().status, Status::EnAtencion);
    let last = h.desk.history(&t.id).unwrap().pop().unwrap();
    assert_eq!(last.action, Some(Move::Correct));
    assert_eq!(last.by, "beto");
    let fields: Vec<_> = last.changes.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [mesa::domain::Field::Email, mesa::domain::Field::Photo]
    );
    let mail = h.desk.store.outbox().unwrap();
    assert!(
        mail.iter().any(|m| m.ticket == t.id
            && m.event == "correccion_recibida"
            && m.to == "luis.nuevo@regioncajamarca.gob.pe"),
        "{mail:#?}"
    );
    // The ticket screen, reloaded, shows the correction.
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("luis.nuevo@regioncajamarca.gob.pe"),
        "{screen}"
    );
}

#[test]
fn esc_with_unsaved_changes_asks_and_the_queue_key_opens_the_form_too() {
    let mut h = open();
    let t = observed(&h);
    h.find(&t.id);
    h.key(KeyCode::Char('E'));
    assert_eq!(h.app.screen, Screen::Form, "{}", h.status_text());
    // Untouched: Esc leaves at once, back to the queue.
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Queue);
    h.key(KeyCode::Char('E'));
    focus(&mut h, "full_name");
    h.typ(" de la Cruz");
    h.key(KeyCode::Esc);
    assert!(h.app.form.as_ref().unwrap().confirm_discard);
    h.key(KeyCode::Char('n'));
    assert_eq!(h.app.screen, Screen::Form);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('s'));
    assert_eq!(h.app.screen, Screen::Queue);
    assert_eq!(h.desk.ticket(&t.id).unwrap(), t, "nothing saved");

    // Kind cycles only between emission and re-emission while correcting.
    h.key(KeyCode::Char('E'));
    let start = h.app.form.as_ref().unwrap().kind;
    h.key(KeyCode::Right);
    let next = h.app.form.as_ref().unwrap().kind;
    assert!(matches!(next, Kind::Emision | Kind::Reemision) && next != start);
    h.key(KeyCode::Right);
    assert_eq!(h.app.form.as_ref().unwrap().kind, start);
}

#[test]
fn a_sent_ticket_is_not_opened_for_correction_and_says_why() {
    let mut h = open();
    let t = h.first(|t| t.status == Status::Enviado);
    h.find(&t.id);
    h.key(KeyCode::Char('E'));
    assert_eq!(h.app.screen, Screen::Queue);
    assert!(h.app.form.is_none());
    assert!(
        h.status_text().contains("no se puede corregir"),
        "{}",
        h.status_text()
    );
}

#[test]
fn a_ticket_moved_by_someone_else_while_the_form_was_open_is_not_overwritten() {
    let mut h = open();
    let t = observed(&h);
    h.find(&t.id);
    h.key(KeyCode::Char('E'));
    focus(&mut h, "email");
    h.ctrl('u');
    h.typ("otra.direccion@regioncajamarca.gob.pe");
    // Meanwhile another analyst takes it.
    h.desk.act(&t.id, Move::Take, "mvasquez", &[]).unwrap();
    let before = h.desk.ticket(&t.id).unwrap();
    h.ctrl('s');
    assert_eq!(h.app.screen, Screen::Form);
    assert!(
        h.status_text().contains("cambió desde que lo abrió"),
        "{}",
        h.status_text()
    );
    assert_eq!(h.desk.ticket(&t.id).unwrap(), before);
}
