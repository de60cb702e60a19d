//! No accidental actions: what stands between a key and the console's
//! transition function (`app::handle`).
//!
//! - Under the "terminal too small" screen nothing the analyst cannot see
//!   may act: only `q` and Ctrl-C (leaving) are read, and resizing.
//! - Leaving with unsaved input (the intake or correction form) always
//!   asks the form's "discard?" question; a second Ctrl-C, or confirming,
//!   quits. Ctrl-C over a typed reason or a registry screen's small form
//!   asks in the status line; a second Ctrl-C quits. Without unsaved input
//!   Ctrl-C quits at once.
//! - A key reserved to the supervisor, pressed by an analyst, says so in
//!   the status line and opens nothing.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Command};
use super::app::{self, App, Effect, Level, Screen, StatusLine};
use super::keymap;
use super::views::{MIN_HEIGHT, MIN_WIDTH};
use crate::strings::console_safety as s;

/// Whether the console shows only the "terminal too small" screen.
pub fn too_small(app: &App) -> bool {
    app.size.0 < MIN_WIDTH || app.size.1 < MIN_HEIGHT
}

/// Whether leaving now would lose what the analyst typed: a touched
/// intake form, or a correction that changed something.
pub fn unsaved(app: &App) -> bool {
    app.form
        .as_ref()
        .is_some_and(|f| match f.editing.as_deref() {
            Some(e) => super::correct::dirty(f, e),
            None => f.touched,
        })
}

/// Typed work outside the intake form: an observe / withdraw reason, a
/// registry screen's small form (a person, a receipt, a date range).
fn typed_in_a_dialog(app: &App) -> bool {
    use super::app::Modal;
    if let Some(Modal::Reason(r)) = &app.modal {
        return !r.reasons().is_empty();
    }
    let sc = &app.screens;
    match app.screen {
        Screen::People => sc
            .people
            .form
            .as_ref()
            .is_some_and(|(_, f)| !f.touched.is_empty()),
        Screen::Certs => sc
            .certs
            .pay
            .as_ref()
            .is_some_and(|p| !p.form.touched.is_empty()),
        Screen::Reports => sc
            .reports
            .form
            .as_ref()
            .is_some_and(|f| !f.touched.is_empty()),
        _ => false,
    }
}

/// Whether the status line is asking "Ctrl-C again to leave?": the
/// question lives there, and any key clears it (`app::key`), which answers
/// "stay".
fn asked_in_status(app: &App) -> bool {
    app.status
        .as_ref()
        .is_some_and(|st| st.text == s::ctrl_c_again())
}

/// Whether the "discard?" question is up because the analyst is leaving.
fn asking_to_quit(app: &App) -> bool {
    app.form
        .as_ref()
        .is_some_and(|f| f.confirm_discard && f.quit_after)
}

/// Every action but the clock and resizing goes through here.
pub(crate) fn handle(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        // A signal or a terminal gone: nobody is there to answer.
        Action::Cmd(Command::Quit) => {
            app.quit = true;
            Vec::new()
        }
        Action::Key(ev) if too_small(app) => {
            if keymap::is_interrupt(&ev) || is_plain(&ev, 'q') {
                leave(app);
            }
            Vec::new()
        }
        Action::Click { .. } | Action::Scroll(_) if too_small(app) => Vec::new(),
        Action::Key(ev) => key(app, ev),
        other => app::handle(app, other),
    }
}

fn is_plain(ev: &KeyEvent, c: char) -> bool {
    ev.code == KeyCode::Char(c)
        && !ev
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

fn key(app: &mut App, ev: KeyEvent) -> Vec<Effect> {
    if keymap::is_interrupt(&ev) {
        if typed_in_a_dialog(app) && !asked_in_status(app) {
            app.status = Some(StatusLine {
                text: s::ctrl_c_again().to_string(),
                level: Level::Info,
            });
            return Vec::new();
        }
        app.status = None;
        if asked_in_status(app) || typed_in_a_dialog(app) {
            app.quit = true;
            return Vec::new();
        }
        leave(app);
        return Vec::new();
    }
    if asking_to_quit(app) {
        if matches!(ev.code, KeyCode::Char('s' | 'S' | 'y' | 'Y')) {
            app.quit = true;
            return Vec::new();
        }
        // Any other key answers no, as the form's own question does.
        if let Some(f) = app.form.as_mut() {
            f.quit_after = false;
        }
    }
    // The status line says whose key it is (the command line's words).
    if let Some(b) = keymap::resolve_binding(app.scope(), &ev)
        && !super::login::allowed(app, b.needs)
    {
        return Vec::new();
    }
    app::key(app, ev)
}

/// `q` on the queue, «Salir» in the palette: quit, unless that would lose
/// unsaved input (then ask first).
pub(crate) fn quit(app: &mut App) -> Vec<Effect> {
    leave(app);
    Vec::new()
}

/// Quit at once, or ask first when there is unsaved input; asked already,
/// quit.
fn leave(app: &mut App) {
    if !unsaved(app) || asking_to_quit(app) {
        app.quit = true;
        return;
    }
    if let Some(f) = app.form.as_mut() {
        if f.confirm_discard {
            // Esc's question is already up: a second Ctrl-C leaves.
            app.quit = true;
            return;
        }
        f.confirm_discard = true;
        f.quit_after = true;
    }
    app.modal = None;
    app.screen = Screen::Form;
}
