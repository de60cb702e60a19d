//! The ticket view shows each applicant's photo and signature (Unicode
//! half-blocks where the terminal has no graphics, as under `TestBackend`),
//! on a panel at the right, and keeps working on a small screen.

mod console_harness;

use crossterm::event::KeyCode;

fn open_ticket_with_photo(h: &mut console_harness::H) -> mesa::domain::Ticket {
    let t = h.first(|t| {
        t.applicants.len() == 1
            && t.applicants[0]
                .photo
                .as_ref()
                .is_some_and(|p| p.image.is_some())
    });
    h.find(&t.id);
    h.key(KeyCode::Enter);
    t
}

/// The columns at or after `from` of each screen line.
fn right_part(screen: &str, from: usize) -> String {
    screen
        .lines()
        .map(|l| l.chars().skip(from).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_photo_is_drawn_in_half_blocks_beside_the_ticket() {
    let mut h = console_harness::open();
    let t = open_ticket_with_photo(&mut h);
    for (w, rows) in [(120u16, 40u16), (80, 24)] {
        let screen = h.screen(w, rows);
        assert!(screen.contains("Solicitante 1"), "{screen}");
        let panel = right_part(&screen, usize::from(w) - 22);
        assert!(
            panel.contains("Foto 1"),
            "no photo caption at {w}×{rows}:\n{screen}"
        );
        let blocks = panel.matches('▀').count();
        // A 20-column picture of at least a few rows.
        assert!(
            blocks >= 60,
            "only {blocks} half-blocks at {w}×{rows}:\n{screen}"
        );
        // The text keeps its side: the DNI is not under the picture.
        let dni = &t.applicants[0].dni;
        assert!(screen.contains(dni.as_str()), "{screen}");
        assert!(!panel.contains(dni.as_str()), "{screen}");
    }
}

#[test]
fn the_signature_follows_when_the_screen_is_tall_enough() {
    let mut h = console_harness::open();
    let t = h.first(|t| {
        t.applicants.len() == 1
            && t.applicants[0].photo.is_some()
            && t.applicants[0]
                .signature
                .as_ref()
                .is_some_and(|f| f.image.is_some())
    });
    h.find(&t.id);
    h.key(KeyCode::Enter);
    let screen = h.screen(120, 40);
    assert!(screen.contains("Firma 1"), "{screen}");
}

#[test]
fn a_small_screen_draws_without_the_panel_and_without_panic() {
    let mut h = console_harness::open();
    open_ticket_with_photo(&mut h);
    for (w, rows) in [(60u16, 20u16), (40, 10), (1, 1)] {
        let screen = h.screen(w, rows);
        assert!(!screen.contains('▀'), "{screen}");
    }
}

#[test]
fn without_a_desktop_the_key_says_why() {
    let has_desktop = ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()));
    if has_desktop {
        // The tmux test (photo_e2e) proves it with the variables removed.
        return;
    }
    let mut h = console_harness::open();
    open_ticket_with_photo(&mut h);
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("v:ver foto"),
        "the footer offers the key:\n{screen}"
    );
    h.key(KeyCode::Char('v'));
    assert!(
        h.status_text().contains("no tiene escritorio gráfico"),
        "{}",
        h.status_text()
    );
}

#[test]
fn the_intake_form_shows_a_checked_photo_on_a_wide_screen() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("foto.png");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/sample/fotos/41234567.png"
        ),
        &real,
    )
    .unwrap();
    let fake = dir.path().join("otra.jpg");
    std::fs::write(&fake, "esto no es una foto\n").unwrap();
    let mut h = console_harness::open();
    h.key(KeyCode::Char('n'));
    // kind, motive, name, DNI, DNI issue date, email, then the photo.
    for _ in 0..6 {
        h.key(KeyCode::Tab);
    }
    h.typ(fake.to_str().unwrap());
    h.key(KeyCode::Tab);
    let screen = h.screen(120, 40);
    assert!(
        !screen.contains('▀'),
        "a file that is no photo is not drawn:\n{screen}"
    );
    h.key(KeyCode::BackTab);
    for _ in 0..fake.to_str().unwrap().chars().count() {
        h.key(KeyCode::Backspace);
    }
    h.typ(real.to_str().unwrap());
    h.key(KeyCode::Tab);
    let screen = h.screen(120, 40);
    let panel = right_part(&screen, 120 - 22);
    assert!(panel.contains("Foto 1"), "{screen}");
    let blocks = panel.chars().filter(|c| matches!(c, '▀' | '▄')).count();
    assert!(blocks >= 30, "only {blocks} half-blocks:\n{screen}");
    // 80 columns keep the whole width for the form.
    let narrow = h.screen(80, 24);
    assert!(!narrow.contains('▀'), "{narrow}");
}
