//! Styles, with every color dropped under NO_COLOR (bold, reverse and
//! underline stay: they are not color). A light terminal background
//! (`[console] theme = "claro"`) gets each colour's darker counterpart,
//! where yellow and cyan would be hard to read. Each role's colour may be
//! chosen in `[console.colores]` (`titulo = "magenta"`, `tecla = "#ffaa00"`):
//! a chosen colour is used as written, on either background.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use ratatui::style::{Color, Modifier, Style};

use super::app::App;
use crate::strings::find as s;

/// What a colour is for on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Titles and headings.
    Title,
    /// Keys in the footer and help.
    Key,
    /// What is chosen: marks, the active tab, the focused field.
    Accent,
    /// Checks passed and good news.
    Ok,
    /// Errors, failed checks, urgent tickets.
    Error,
    /// Secondary text.
    Dim,
}

/// Each role by its name in the file (Spanish first, English too).
pub const ROLES: &[(&str, &str, Role)] = &[
    ("titulo", "title", Role::Title),
    ("tecla", "key", Role::Key),
    ("acento", "accent", Role::Accent),
    ("correcto", "ok", Role::Ok),
    ("error", "error", Role::Error),
    ("tenue", "dim", Role::Dim),
];

/// Colour names as people write them in Spanish; anything else is read
/// as ratatui reads it (`red`, `light-blue`, `#rrggbb`, `0`-`255`).
const SPANISH: &[(&str, Color)] = &[
    ("negro", Color::Black),
    ("rojo", Color::Red),
    ("verde", Color::Green),
    ("amarillo", Color::Yellow),
    ("azul", Color::Blue),
    ("magenta", Color::Magenta),
    ("cian", Color::Cyan),
    ("gris", Color::Gray),
    ("gris oscuro", Color::DarkGray),
    ("blanco", Color::White),
];

fn color_of(text: &str) -> Option<Color> {
    let folded = crate::domain::text::fold(text);
    SPANISH
        .iter()
        .find(|(n, _)| *n == folded)
        .map(|(_, c)| *c)
        .or_else(|| folded.replace(' ', "-").parse::<Color>().ok())
}

type Chosen = HashMap<Role, Color>;

static CHOSEN: OnceLock<Chosen> = OnceLock::new();
static PROBLEMS: OnceLock<Vec<String>> = OnceLock::new();

/// The chosen colours and what could not be read, without applying them.
pub fn choose(config: &BTreeMap<String, String>) -> (Chosen, Vec<String>) {
    let mut chosen = Chosen::new();
    let mut problems = Vec::new();
    for (name, text) in config {
        let key = crate::domain::text::fold(name);
        let Some((_, _, role)) = ROLES.iter().find(|(es, en, _)| *es == key || *en == key) else {
            let valid: Vec<&str> = ROLES.iter().map(|(es, _, _)| *es).collect();
            problems.push(s::unknown_color_role(name, &valid.join(", ")));
            continue;
        };
        match color_of(text) {
            Some(c) => {
                chosen.insert(*role, c);
            }
            None => problems.push(s::bad_color(name, text)),
        }
    }
    (chosen, problems)
}

/// Applies the console's colours for this process; what was left out.
pub fn apply(config: &BTreeMap<String, String>) -> Vec<String> {
    let (chosen, problems) = choose(config);
    let _ = CHOSEN.set(chosen);
    let _ = PROBLEMS.set(problems.clone());
    problems
}

/// What `apply` left out, said when the queue first shows.
pub fn problems() -> Option<String> {
    PROBLEMS
        .get()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" · "))
}

fn chosen(role: Role) -> Option<Color> {
    CHOSEN.get().and_then(|c| c.get(&role)).copied()
}

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

    /// A role's colour: the chosen one as written, else the palette's
    /// (its light counterpart on a light background); none under NO_COLOR.
    fn fg(&self, role: Role, c: Color) -> Style {
        match (self.color, chosen(role), self.light) {
            (false, _, _) => Style::default(),
            (true, Some(mine), _) => Style::default().fg(mine),
            (true, None, false) => Style::default().fg(c),
            (true, None, true) => Style::default().fg(on_light(c)),
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Role::Title, Color::Cyan)
            .add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        match (self.color, chosen(Role::Dim)) {
            (false, _) => Style::default(),
            (true, Some(mine)) => Style::default().fg(mine),
            (true, None) => Style::default().fg(Color::DarkGray),
        }
    }
    pub fn urgent(&self) -> Style {
        self.fg(Role::Error, Color::Red)
            .add_modifier(Modifier::BOLD)
    }
    pub fn selected_mark(&self) -> Style {
        self.fg(Role::Accent, Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }
    pub fn cursor(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn active_tab(&self) -> Style {
        self.fg(Role::Accent, Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn ok(&self) -> Style {
        self.fg(Role::Ok, Color::Green)
    }
    pub fn fail(&self) -> Style {
        self.fg(Role::Error, Color::Red)
            .add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Role::Error, Color::Red)
            .add_modifier(Modifier::BOLD)
    }
    pub fn info(&self) -> Style {
        self.fg(Role::Ok, Color::Green)
    }
    pub fn key(&self) -> Style {
        self.fg(Role::Key, Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }
    pub fn header(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn focus(&self) -> Style {
        self.fg(Role::Accent, Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_and_colours_are_read_as_people_write_them() {
        let config: BTreeMap<String, String> = [
            ("Título", "Magenta"),
            ("tecla", "#ffaa00"),
            ("dim", "gris oscuro"),
            ("acento", "light-blue"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let (chosen, problems) = choose(&config);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(chosen[&Role::Title], Color::Magenta);
        assert_eq!(chosen[&Role::Key], Color::Rgb(0xff, 0xaa, 0x00));
        assert_eq!(chosen[&Role::Dim], Color::DarkGray);
        assert_eq!(chosen[&Role::Accent], Color::LightBlue);
    }

    #[test]
    fn an_unknown_role_or_colour_is_left_out_and_named() {
        let config: BTreeMap<String, String> = [("fondo", "rojo"), ("titulo", "fucsia")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let (chosen, problems) = choose(&config);
        assert!(chosen.is_empty());
        assert_eq!(problems.len(), 2);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("fondo") && p.contains("titulo"))
        );
        assert!(problems.iter().any(|p| p.contains("fucsia")));
    }
}
