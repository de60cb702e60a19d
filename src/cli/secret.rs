//! Passwords at the command line: from `MESA_PASSWORD` (scripts) or typed
//! on the terminal without echo (crossterm's raw mode, already a
//! dependency); with neither, a refusal saying how to give one.

use std::io::{IsTerminal, Write};

use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use crate::domain::password;
use crate::strings::identity as s;

/// The acting analyst's password.
pub fn actor_password(name: &str) -> anyhow::Result<String> {
    if let Some(p) = from_env(s::PASSWORD_VAR) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        anyhow::bail!(s::no_terminal_password(name));
    }
    read_hidden(&s::prompt_password(name))
}

/// A new password for `name`: from `var`, or typed twice on the terminal
/// (both must match; the rules are checked here so a typo is caught
/// before anything is asked of the store, and again by the desk).
pub fn new_password(name: &str, var: &str) -> anyhow::Result<String> {
    if let Some(p) = from_env(var) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        anyhow::bail!(s::no_terminal_new_password(name, var));
    }
    let first = read_hidden(&s::prompt_new_password(name))?;
    password::check_new(name, &first)?;
    let second = read_hidden(s::prompt_repeat())?;
    password::check_twice(name, &first, &second)?;
    Ok(first)
}

fn from_env(var: &str) -> Option<String> {
    std::env::var(var).ok().filter(|v| !v.is_empty())
}

/// Reads one line without showing it; Esc or Ctrl-C cancel.
fn read_hidden(prompt: &str) -> anyhow::Result<String> {
    let mut err = std::io::stderr();
    let _ = write!(err, "{prompt}");
    let _ = err.flush();
    terminal::enable_raw_mode()?;
    let typed = read_keys();
    let _ = terminal::disable_raw_mode();
    let _ = writeln!(err);
    typed?.ok_or_else(|| anyhow::anyhow!(s::prompt_cancelled()))
}

fn read_keys() -> anyhow::Result<Option<String>> {
    let mut line = String::new();
    loop {
        let Event::Key(k) = event::read()? else {
            continue;
        };
        if k.kind == KeyEventKind::Release {
            continue;
        }
        match k.code {
            KeyCode::Enter => return Ok(Some(line)),
            KeyCode::Esc => return Ok(None),
            KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => return Ok(None),
            KeyCode::Backspace => {
                line.pop();
            }
            KeyCode::Char(c) if line.chars().count() < 1024 => line.push(c),
            _ => {}
        }
    }
}
