//! Colours chosen one by one in `config.toml` (`[console.colores]`): each
//! role's colour is drawn as written, NO_COLOR still drops them all, and a
//! role or colour that cannot be read is left out and said when the queue
//! opens. One test in its own binary: the chosen colours are the
//! process's, as in the real console.

mod console_harness;

use console_harness::open;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use mesa::config::Config;
use mesa::tui::views;

/// The foreground colour of the first cell of `text` on screen.
fn colour_of(app: &mesa::tui::app::App, text: &str) -> Color {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| views::draw(app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    for y in 0..40u16 {
        let line: String = (0..120u16)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(byte) = line.find(text) {
            let x = line[..byte].chars().count() as u16;
            return buf[(x, y)].fg;
        }
    }
    panic!("«{text}» not on screen");
}

#[test]
fn colours_chosen_in_the_configuration_are_drawn_and_mistakes_are_said() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "[console.colores]\ntitulo = \"magenta\"\nacento = \"#00aa88\"\nfondo = \"rojo\"\n",
    )
    .unwrap();
    let config = Config::load(&path).unwrap();
    let problems = mesa::tui::theme::apply(&config.console.colors);
    assert_eq!(problems.len(), 1, "{problems:?}");

    let mut h = open();
    h.app.size = (120, 40);
    h.app.color = true;
    assert_eq!(colour_of(&h.app, "Próximo envío"), Color::Magenta);
    assert_eq!(colour_of(&h.app, "0 Todos"), Color::Rgb(0x00, 0xaa, 0x88));
    // A role left alone keeps the palette's colour; a light background
    // does not change a colour that was chosen.
    h.app.light = true;
    assert_eq!(colour_of(&h.app, "Próximo envío"), Color::Magenta);
    // NO_COLOR wins.
    h.app.color = false;
    assert_eq!(colour_of(&h.app, "Próximo envío"), Color::Reset);

    // What could not be read is said when the queue opens.
    h.app.start();
    let said = h.status_text();
    assert!(said.contains("fondo") && said.contains("titulo"), "{said}");
}
