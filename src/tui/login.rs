//! Who is at the console: the first-run prompt that names the store's
//! supervisor and their password, the sign-in with a name and a password,
//! the first password of an analyst from a store made before passwords,
//! and the role check screens make before asking the desk (which checks
//! again). Passwords are never drawn, only one dot per character.

use crossterm::event::KeyEvent;

use super::action::Command;
use super::app::{App, Effect, Level, Screen, StatusLine};
use crate::domain::password;
use crate::domain::role::{AccessRefused, Analyst, Capability, Role};
use crate::strings::identity as id;
use crate::strings::tui_trust as s;

/// The field of the sign-in box the keys go to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Field {
    #[default]
    Name,
    Password,
    /// The new password again (first run, or choosing one).
    Repeat,
}

/// The sign-in state, shown until someone is signed in.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Login {
    /// The store has no analyst yet: the name typed becomes its supervisor.
    pub first_run: bool,
    /// The analyst `name` has no password yet: they choose one, twice.
    pub choosing: bool,
    pub name: String,
    pub password: String,
    pub repeat: String,
    pub field: Field,
    pub error: Option<String>,
    /// On the first run: the store's directory, shown so a mistyped path
    /// is seen before anything is written there.
    pub store: Option<String>,
}

impl std::fmt::Debug for Login {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Login")
            .field("first_run", &self.first_run)
            .field("choosing", &self.choosing)
            .field("name", &self.name)
            .field("field", &self.field)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl Login {
    /// The fields shown, in order.
    pub fn fields(&self) -> &'static [Field] {
        if self.choosing {
            &[Field::Password, Field::Repeat]
        } else if self.first_run {
            &[Field::Name, Field::Password, Field::Repeat]
        } else {
            &[Field::Name, Field::Password]
        }
    }

    fn text(&mut self) -> &mut String {
        match self.field {
            Field::Name => &mut self.name,
            Field::Password => &mut self.password,
            Field::Repeat => &mut self.repeat,
        }
    }

    fn step(&mut self, forward: bool) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.field).unwrap_or(0);
        let n = fields.len();
        self.field = fields[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
    }

    /// Both passwords forgotten, back to the first one: after a refusal.
    fn clear_passwords(&mut self) {
        self.password.clear();
        self.repeat.clear();
        self.field = if self.name.trim().is_empty() && !self.choosing {
            Field::Name
        } else {
            Field::Password
        };
    }
}

/// What the sign-in box asks of the desk (run by `login_effects`).
#[derive(Clone, PartialEq, Eq)]
pub enum LoginEffect {
    SignIn {
        name: String,
        password: String,
    },
    /// Connected as the analyst's own database login: the database proved
    /// who this is, no password is asked.
    Proven {
        name: String,
    },
    InitSupervisor {
        name: String,
        password: String,
    },
    ChoosePassword {
        name: String,
        password: String,
    },
}

impl std::fmt::Debug for LoginEffect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (what, name) = match self {
            LoginEffect::SignIn { name, .. } => ("SignIn", name),
            LoginEffect::Proven { name } => ("Proven", name),
            LoginEffect::InitSupervisor { name, .. } => ("InitSupervisor", name),
            LoginEffect::ChoosePassword { name, .. } => ("ChoosePassword", name),
        };
        f.debug_struct(what)
            .field("name", name)
            .finish_non_exhaustive()
    }
}

/// The desk's answer.
#[derive(Debug, Clone)]
pub enum SignInOutcome {
    In(Analyst),
    /// The analyst has no password yet: the box asks them to choose one.
    ChoosePassword(String),
    Refused(String),
}

impl App {
    /// A console that asks who is there first; `name` (from `--as`) fills
    /// the name, and the password is asked for at once.
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
        let name = name.trim().to_string();
        app.login = Some(Login {
            first_run,
            field: if name.is_empty() {
                Field::Name
            } else {
                Field::Password
            },
            name,
            ..Login::default()
        });
        app
    }
}

/// The first effects of a console still at the sign-in: none, it waits for
/// the password.
pub fn start(_app: &mut App) -> Vec<Effect> {
    Vec::new()
}

pub fn key(app: &mut App, ev: &KeyEvent) {
    if let Some(l) = &mut app.login
        && super::app::edit_line(l.text(), ev)
    {
        l.error = None;
    }
}

pub fn command(app: &mut App, c: Command) -> Vec<Effect> {
    let busy = app.busy > 0;
    let Some(l) = &mut app.login else {
        return Vec::new();
    };
    match c {
        Command::NextField => l.step(true),
        Command::PrevField => l.step(false),
        // One request at a time: Enter again while the desk answers waits.
        Command::Accept if busy => {}
        Command::Accept => {
            let effect = accept(l);
            if let Some(e) = effect {
                app.busy += 1;
                return vec![Effect::Login(e)];
            }
        }
        Command::Back => app.quit = true,
        _ => {}
    }
    Vec::new()
}

/// Enter in field `l.field`: the next field, or the request once complete.
fn accept(l: &mut Login) -> Option<LoginEffect> {
    let name = l.name.trim().to_string();
    if !l.choosing && name.is_empty() {
        l.field = Field::Name;
        l.error = Some(s::name_missing().to_string());
        return None;
    }
    let new_password = l.first_run || l.choosing;
    match l.field {
        Field::Name => {
            l.field = Field::Password;
            None
        }
        Field::Password if l.password.is_empty() => {
            l.error = Some(id::login_password_missing().to_string());
            None
        }
        Field::Password if new_password => {
            if let Err(e) = password::check_new(&name, &l.password) {
                l.error = Some(e.to_string());
                l.clear_passwords();
                return None;
            }
            l.field = Field::Repeat;
            None
        }
        Field::Password => Some(LoginEffect::SignIn {
            name,
            password: l.password.clone(),
        }),
        Field::Repeat => {
            if let Err(e) = password::check_twice(&name, &l.password, &l.repeat) {
                l.error = Some(e.to_string());
                l.clear_passwords();
                return None;
            }
            let password = l.password.clone();
            Some(if l.choosing {
                LoginEffect::ChoosePassword { name, password }
            } else {
                LoginEffect::InitSupervisor { name, password }
            })
        }
    }
}

/// The desk's answer to a sign-in (or to the first-run prompt).
pub fn signed_in(app: &mut App, outcome: SignInOutcome) -> Vec<Effect> {
    app.busy = app.busy.saturating_sub(1);
    let first_run = app.login.as_ref().is_some_and(|l| l.first_run);
    match outcome {
        SignInOutcome::In(a) => {
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
        SignInOutcome::ChoosePassword(name) => {
            if let Some(l) = &mut app.login {
                l.name = name;
                l.choosing = true;
                l.error = None;
                l.clear_passwords();
            }
            Vec::new()
        }
        SignInOutcome::Refused(e) => {
            if let Some(l) = &mut app.login {
                l.error = Some(e);
                l.clear_passwords();
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
