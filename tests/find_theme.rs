//! A light theme for light terminals (`[console] theme = "claro"`): the
//! colours that would vanish on white change, NO_COLOR still drops them
//! all, and a wrong theme is refused in Spanish naming the key.

mod console_harness;
mod support;

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
fn the_light_theme_swaps_the_colours_light_backgrounds_hide() {
    let mut h = open();
    h.app.size = (120, 40);
    h.app.color = true;
    let title = "Próximo envío";
    let active_tab = "0 Todos";
    assert_eq!(colour_of(&h.app, title), Color::Cyan);
    assert_eq!(colour_of(&h.app, active_tab), Color::Yellow);
    h.app.light = true;
    assert_eq!(colour_of(&h.app, title), Color::Blue);
    assert_eq!(colour_of(&h.app, active_tab), Color::Magenta);
    // NO_COLOR wins over the theme.
    h.app.color = false;
    assert_eq!(colour_of(&h.app, title), Color::Reset);
    assert_eq!(colour_of(&h.app, active_tab), Color::Reset);
}

#[test]
fn the_theme_is_read_from_the_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    for (text, light) in [("claro", true), ("Oscuro", false), ("light", true)] {
        std::fs::write(&path, format!("[console]\ntheme = \"{text}\"\n")).unwrap();
        assert_eq!(Config::load(&path).unwrap().console.light, light, "{text}");
    }
    std::fs::write(&path, "").unwrap();
    assert!(
        !Config::load(&path).unwrap().console.light,
        "dark by default"
    );
}

#[test]
fn a_wrong_theme_is_refused_naming_the_key_and_the_choices() {
    let m = support::Mesa::new();
    let config = m.dir.path().join("config.toml");
    std::fs::write(&config, "[console]\ntheme = \"azul\"\n").unwrap();
    let out = m
        .command(&["list"])
        .env("MESA_CONFIG", &config)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("console.theme"), "{err}");
    assert!(
        err.contains("«azul» no es un tema: use «claro» u «oscuro»"),
        "{err}"
    );
}
