//! Keys chosen in `config.toml` (`[keys]`, action = key): they replace the
//! action's keys wherever the keymap binds it, so the footer, the help and
//! the key handling all follow (one keymap still drives the three). A key
//! already taken on a screen, an unknown action or a key that cannot be
//! read is not applied, and the console says so when it opens.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use crossterm::event::{KeyCode, KeyModifiers};

use super::action::Command;
use super::keymap::{Binding, KEYMAP, Key, Scope};
use crate::strings::find as s;

/// The actions that can be given other keys, by their name in the file.
pub const ACTIONS: &[(&str, Command)] = &[
    ("take", Command::Take),
    ("observe", Command::Observe),
    ("schedule", Command::Schedule),
    ("withdraw", Command::Withdraw),
    ("close", Command::Close),
    ("new", Command::NewTicket),
    ("filter", Command::Filter),
    ("urgent", Command::ToggleUrgent),
    ("kind", Command::CycleKind),
    ("mark", Command::ToggleSelect),
    ("mark_all", Command::SelectAll),
    ("reload", Command::Reload),
    ("batches", Command::Batches),
    ("views", Command::Views),
    ("columns", Command::ChooseColumns),
    ("copy_id", Command::CopyId),
    ("copy_dni", Command::CopyDni),
    ("undo", Command::Undo),
    ("reassign", Command::Reassign),
    ("next", Command::TakeNext),
    ("view_photo", Command::ViewPhoto),
    ("help", Command::Help),
    ("palette", Command::Palette),
];

/// The keys chosen per binding (scope and command).
type Chosen = HashMap<(Scope, Command), &'static [Key]>;

static CHOSEN: OnceLock<Chosen> = OnceLock::new();
static PROBLEMS: OnceLock<Vec<String>> = OnceLock::new();

/// What `apply` left out, said when the queue first shows.
pub fn problems() -> Option<String> {
    PROBLEMS
        .get()
        .filter(|p| !p.is_empty())
        .map(|p| p.join(" · "))
}

/// A binding's keys: the chosen ones, else the keymap's.
pub fn keys_of(b: &Binding) -> &[Key] {
    CHOSEN
        .get()
        .and_then(|c| c.get(&(b.scope, b.command)).copied())
        .unwrap_or(b.keys)
}

/// "a", "Z", "Ctrl-x", "F5", "Enter", "Tab", "Esc": a key as written.
pub fn parse_key(text: &str) -> Option<Key> {
    let t = text.trim();
    let (mods, rest) = match t.strip_prefix("Ctrl-").or_else(|| t.strip_prefix("ctrl-")) {
        Some(r) => (KeyModifiers::CONTROL, r),
        None => (KeyModifiers::NONE, t),
    };
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() && c != ' ' => {
            if mods == KeyModifiers::CONTROL {
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        _ => match rest.to_lowercase().as_str() {
            "enter" => KeyCode::Enter,
            "tab" => KeyCode::Tab,
            "esc" => KeyCode::Esc,
            "espacio" | "space" => KeyCode::Char(' '),
            f if f.starts_with('f') => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            _ => return None,
        },
    };
    Some(Key { code, mods })
}

/// The keys a binding would have once `chosen` is applied.
fn keys_with(b: &Binding, chosen: &Chosen) -> Vec<Key> {
    chosen
        .get(&(b.scope, b.command))
        .map(|k| k.to_vec())
        .unwrap_or_else(|| b.keys.to_vec())
}

/// The bindings that share keys with `scope`'s: its own and the global
/// ones (outside text entry); for a global key, every screen's.
fn reachable(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    KEYMAP.iter().filter(move |b| {
        b.scope == scope
            || (scope == Scope::Global && !b.scope.is_text_entry())
            || (b.scope == Scope::Global && !scope.is_text_entry())
    })
}

/// Works out the keys `config` chooses; what cannot be applied is left out
/// and said, one line each, in Spanish. Applied once per process.
pub fn apply(config: &BTreeMap<String, String>) -> Vec<String> {
    let (chosen, problems) = choose(config);
    let _ = CHOSEN.set(chosen);
    let _ = PROBLEMS.set(problems.clone());
    problems
}

/// The chosen keys and the problems, without applying them.
pub fn choose(config: &BTreeMap<String, String>) -> (Chosen, Vec<String>) {
    let mut chosen = Chosen::new();
    let mut problems = Vec::new();
    for (name, text) in config {
        let Some((_, command)) = ACTIONS.iter().find(|(n, _)| n == name) else {
            let valid: Vec<&str> = ACTIONS.iter().map(|(n, _)| *n).collect();
            problems.push(s::unknown_action(name, &valid.join(", ")));
            continue;
        };
        let Some(key) = parse_key(text) else {
            problems.push(s::bad_key(name, text));
            continue;
        };
        let mut trial = chosen.clone();
        let keys: &'static [Key] = Box::leak(Box::new([key]));
        for b in KEYMAP.iter().filter(|b| b.command == *command) {
            trial.insert((b.scope, b.command), keys);
        }
        // The key must not mean something else where the action is bound.
        let clash = KEYMAP
            .iter()
            .filter(|b| b.command == *command)
            .flat_map(|b| reachable(b.scope).map(move |o| (b, o)))
            .find(|(b, o)| o.command != b.command && keys_with(o, &trial).contains(&key));
        match clash {
            Some((b, other)) => problems.push(s::key_conflict(
                text.trim(),
                crate::strings::tui::command(b.command),
                crate::strings::tui::command(other.command),
            )),
            None => chosen = trial,
        }
    }
    (chosen, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn keys_are_read_as_written() {
        assert_eq!(
            parse_key("a"),
            Some(Key {
                code: KeyCode::Char('a'),
                mods: KeyModifiers::NONE
            })
        );
        assert_eq!(
            parse_key("Ctrl-K"),
            Some(Key {
                code: KeyCode::Char('k'),
                mods: KeyModifiers::CONTROL
            })
        );
        assert_eq!(
            parse_key("F5"),
            Some(Key {
                code: KeyCode::F(5),
                mods: KeyModifiers::NONE
            })
        );
        assert_eq!(parse_key("ab"), None);
        assert_eq!(parse_key("F13"), None);
        assert_eq!(parse_key(""), None);
    }

    #[test]
    fn a_free_key_is_taken_wherever_the_action_is_bound() {
        let (chosen, problems) = choose(&map(&[("take", "F2")]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            chosen.get(&(Scope::Queue, Command::Take)).unwrap()[0],
            parse_key("F2").unwrap()
        );
        assert_eq!(
            chosen.get(&(Scope::Ticket, Command::Take)).unwrap()[0],
            parse_key("F2").unwrap()
        );
    }

    #[test]
    fn a_taken_key_an_unknown_action_or_a_bad_key_is_left_out_and_said() {
        let (chosen, problems) = choose(&map(&[("take", "o"), ("fly", "w"), ("undo", "zz")]));
        assert!(chosen.is_empty());
        assert_eq!(problems.len(), 3, "{problems:?}");
        let all = problems.join("\n");
        assert!(
            all.contains("«o»") && all.contains("Atender") && all.contains("Observar"),
            "{all}"
        );
        assert!(
            all.contains("«fly»") && all.contains("take, observe"),
            "{all}"
        );
        assert!(all.contains("«zz»"), "{all}");
    }
}
