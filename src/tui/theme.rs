//! Styles, with every color dropped under NO_COLOR (bold, reverse and
//! underline stay: they are not color). A light terminal background
//! (`[console] theme = "claro"`) gets each colour's darker counterpart,
//! where yellow and cyan would be hard to read.

use ratatui::style::{Color, Modifier, Style};

use super::app::App;

pub struct Theme {
    color: bool,
    light: bool,
}

/// A colour of the dark palette as the light one shows it.
fn on_light(c: Color) -> Color {
    match c {
        Color::Cyan => Color::Blue,
        Color::Yellow => Color::Magenta,
        Color::Green => Color::Rgb(0, 110, 0),
        Color::Red => Color::Rgb(170, 0, 0),
        other => other,
    }
}

impl Theme {
    pub fn of(app: &App) -> Theme {
        Theme {
            color: app.color,
            light: app.light,
        }
    }

    fn fg(&self, c: Color) -> Style {
        match (self.color, self.light) {
            (false, _) => Style::default(),
            (true, false) => Style::default().fg(c),
            (true, true) => Style::default().fg(on_light(c)),
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default()
        }
    }
    pub fn urgent(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn selected_mark(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn cursor(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn active_tab(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn fail(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn info(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn key(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn header(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn focus(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
}
