//! Who is at the console: the first-run prompt that names the store's
//! supervisor, the sign-in that must name an active analyst, and the role
//! check screens make before asking the desk (which checks again).

use crossterm::event::KeyEvent;

use super::action::Command;
use super::app::{App, Effect, Level, Screen, StatusLine};
use crate::domain::role::{AccessRefused, Analyst, Capability, Role};
use crate::strings::tui_trust as s;

/// The sign-in state, shown until someone is signed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Login {
    /// The store has no analyst yet: the name typed becomes its supervisor.
    pub first_run: bool,
    pub name: String,
    pub error: Option<String>,
    /// On the first run: the store's directory, shown so a mistyped path
    /// is seen before anything is written there.
    pub store: Option<String>,
}

impl App {
    /// A console that asks who is there first. `name` (from `--as`) is
    /// tried at once unless this is the first run.
    pub fn login(
        now: chrono::DateTime<chrono::Utc>,
        rules: crate::domain::calendar::DispatchRules,
        validation: crate::domain::ValidationRules,
        first_run: bool,
        name: &str,
    ) -> App {
        let mut app = App::new(now, rules, validation, "");
        app.screen = Screen::Login;
        // Still loading: the first page read while the sign-in is on screen
        // is kept, so the first queue frame after it has rows and the
        // stored counts (never an empty queue that reads as an empty store).
        app.loading = true;
        app.login = Some(Login {
            first_run,
            name: name.trim().to_string(),
            error: None,
            store: None,
        });
        app
    }
}

/// The first effects of a console still at the sign-in.
pub fn start(app: &mut App) -> Vec<Effect> {
    match &app.login {
        Some(l) if !l.first_run && !l.name.is_empty() => {
            app.busy += 1;
            vec![Effect::SignIn(l.name.clone())]
        }
        _ => Vec::new(),
    }
}

pub fn key(app: &mut App, ev: &KeyEvent) {
    if let Some(l) = &mut app.login
        && super::app::edit_line(&mut l.name, ev)
    {
        l.error = None;
    }
}

pub fn command(app: &mut App, c: Command) -> Vec<Effect> {
    let Some(l) = &mut app.login else {
        return Vec::new();
    };
    match c {
        Command::Accept if l.name.trim().is_empty() => {
            l.error = Some(s::name_missing().to_string());
            Vec::new()
        }
        Command::Accept => {
            app.busy += 1;
            let name = l.name.trim().to_string();
            vec![if l.first_run {
                Effect::InitSupervisor(name)
            } else {
                Effect::SignIn(name)
            }]
        }
        Command::Back => {
            app.quit = true;
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// The desk's answer to a sign-in (or to the first-run prompt).
pub fn signed_in(app: &mut App, result: Result<Analyst, String>) -> Vec<Effect> {
    app.busy = app.busy.saturating_sub(1);
    let first_run = app.login.as_ref().is_some_and(|l| l.first_run);
    match result {
        Ok(a) => {
            app.actor = a.name.clone();
            app.role = Some(a.role);
            app.login = None;
            app.screen = Screen::Queue;
            app.loading = true;
            app.status = Some(StatusLine {
                text: if first_run {
                    s::first_supervisor(&a.name)
                } else {
                    s::signed_in(&a.name, a.role)
                },
                level: Level::Info,
            });
            app.start()
        }
        Err(e) => {
            if let Some(l) = &mut app.login {
                l.error = Some(e);
            }
            Vec::new()
        }
    }
}

/// Whether the one signed in may do `capability`; when not, the status line
/// says why (the same words the command line uses). An unknown role (a
/// console opened for a name without signing in) defers to the desk.
pub fn allowed(app: &mut App, capability: Capability) -> bool {
    let Some(role) = app.role else {
        return true;
    };
    if capability.needs() == Role::Supervisor && role != Role::Supervisor {
        app.status = Some(StatusLine {
            text: AccessRefused::Role {
                name: app.actor.clone(),
                role,
                capability,
            }
            .to_string(),
            level: Level::Error,
        });
        return false;
    }
    true
}
