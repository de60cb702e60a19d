//! The other families on the console (keys in, state and screen out): `O`
//! lists every request with a tab per family and the overdue ones marked
//! and counted; Enter shows the chain (✔ done, ● current, ○ pending); `a`
//! records the current step done, as `mesa request advance` does.

mod console_harness;

use console_harness::{H, open};
use crossterm::event::KeyCode;
use mesa::clock::Clock;

fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// An access-key request, registered at `at` (RFC 3339).
fn key_request(h: &mut H, at: &str, name: &str) -> String {
    let was = h.desk.clock;
    h.desk.clock = Clock::Fixed(
        chrono::DateTime::parse_from_rfc3339(at)
            .unwrap()
            .with_timezone(&chrono::Utc),
    );
    let (r, _) = h
        .desk
        .new_request(
            "beto",
            "claves-acceso",
            "clave-nueva",
            &fields(&[
                ("dni", "41234567"),
                ("nombres", name),
                ("cargo", "Jefa"),
                ("unidad", "Prensa"),
                ("correo", "rquispe@regionjunin.gob.pe"),
                ("servicio", "Síntesis Informativa"),
            ]),
            &[],
        )
        .unwrap();
    h.desk.clock = was;
    r.id
}

#[test]
fn requests_are_listed_by_family_with_their_chain_and_a_step_is_recorded() {
    let mut h = open();
    // One a month old (its first step is overdue by now), one of today.
    let late = key_request(&mut h, "2026-10-20T10:00:00-05:00", "Rosa Quispe Huamán");
    let fresh = key_request(&mut h, "2026-11-23T08:30:00-05:00", "Ana Salas Rojas");

    // The queue's header counts the late one (with the heartbeat).
    h.run(vec![mesa::tui::app::Effect::Heartbeat]);
    let queue = h.screen(120, 30);
    assert!(queue.contains("1 solicitud vencida (O)"), "{queue}");

    h.key(KeyCode::Char('O'));
    let screen = h.screen(120, 30);
    assert!(screen.contains("Otras solicitudes"), "{screen}");
    assert!(screen.contains("1 con el paso vencido"), "{screen}");
    let line = |screen: &str, id: &str| {
        screen
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line(&screen, &late).contains('!'), "{screen}");
    assert!(!line(&screen, &fresh).contains('!'), "{screen}");

    // A tab per family: the access keys' holds both; the CNV one none.
    let families = h.desk.families().unwrap();
    let mut seen_keys_tab = false;
    for _ in 0..families.len() {
        h.key(KeyCode::Tab);
        let screen = h.screen(120, 30);
        let title = screen.lines().next().unwrap_or_default().to_string();
        let holds = screen.contains(&late) && screen.contains(&fresh);
        if title.contains("(2)") {
            assert!(holds, "{screen}");
            seen_keys_tab = true;
        } else {
            assert!(!screen.contains(&late), "{screen}");
        }
    }
    assert!(seen_keys_tab);
    // Back to «Todas», on the late one: its chain.
    h.key(KeyCode::Tab);
    h.key(KeyCode::Home);
    h.key(KeyCode::Enter);
    let chain = h.screen(120, 30);
    assert!(chain.contains('●') && chain.contains('○'), "{chain}");
    assert!(chain.contains("Rosa Quispe Huamán"), "{chain}");
    h.key(KeyCode::Esc);

    // a: nothing typed is refused and changes nothing.
    h.key(KeyCode::Char('a'));
    h.key(KeyCode::Enter);
    assert!(
        h.screen(120, 30).contains("escriba qué se envió"),
        "{}",
        h.screen(120, 30)
    );
    assert!(h.desk.request(&late).unwrap().log.is_empty());
    // What was sent, then Enter: the step is done, by beto, the next one
    // starts; the list says so.
    h.typ("turnada a la oficina");
    h.key(KeyCode::Enter);
    let r = h.desk.request(&late).unwrap();
    assert_eq!(r.log.len(), 1, "{}", h.status_text());
    assert_eq!(r.log[0].sent, "turnada a la oficina");
    assert_eq!(r.log[0].by, "beto");
    assert!(h.status_text().contains(&late), "{}", h.status_text());
    h.key(KeyCode::Enter);
    let chain = h.screen(120, 30);
    assert!(chain.contains('✔'), "{chain}");
}
