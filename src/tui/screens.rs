//! The registry screens (the mail outbox, and the people, certificate and
//! report screens) hooked into the console through one command, one effect
//! and one result variant, so that `app.rs` only routes to them. Each
//! screen keeps its state and update logic in its own module; this one
//! dispatches, and holds what they share (the list cursor).

use super::action::{Action, Command};
use super::app::{App, Effect, Level, Screen, StatusLine};
use super::keymap::Scope;
use super::{certs, outbox, people, reports, requests};
use crate::desk::Desk;
use crate::domain::person::{Person, PersonEdit};
use crate::store::outbox::OutboxEntry;

/// The commands only the registry screens know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScreenCmd {
    /// Open the outbox.
    Outbox,
    /// Put the chosen failed (or pending) message back in line, due now.
    Retry,
    /// Open the people directory.
    People,
    /// Type a search.
    Search,
    /// Edit the chosen record.
    Edit,
    /// Open the certificates and their expiry.
    Certs,
    /// Register the renewal the chosen certificate needs.
    Renew,
    /// Open the reports.
    Reports,
    /// Type the report's from/to range.
    Range,
    /// Open the ticket behind the chosen mail, certificate or person.
    OpenTicket,
    /// Correct the ticket under the cursor or on view (see `correct`).
    Correct,
    /// Open the other families' requests.
    Requests,
    /// Record the chosen request's current step done.
    Advance,
}

/// Store work for a registry screen.
#[derive(Debug, Clone, PartialEq)]
pub enum ScreenEffect {
    /// Read the whole outbox.
    LoadOutbox,
    /// Re-read what is pending now and these messages, pending before.
    RefreshOutbox(Vec<String>),
    Retry(String),
    LoadPeople,
    /// A person's certificates and tickets.
    LoadPerson(String),
    SavePerson {
        dni: String,
        edit: PersonEdit,
    },
    LoadCerts,
    LoadReport {
        from: Option<chrono::NaiveDate>,
        to: Option<chrono::NaiveDate>,
    },
    Renew {
        cert: String,
        payment: crate::desk::registry::PaymentInput,
    },
    /// The ticket behind the chosen item, asked from a screen.
    FindTicket {
        from: Screen,
        link: super::links::Link,
    },
    /// A ticket and its receipts, to open the correction form.
    LoadForCorrection(String),
    /// Apply what the correction form changed.
    Correct(Box<super::correct::Draft>),
    LoadRequests,
    AdvanceRequest {
        id: String,
        sent: String,
        sent_to: Vec<String>,
        answer: String,
    },
}

/// What a `ScreenEffect` brought back.
#[derive(Debug, Clone)]
pub enum ScreenResult {
    /// Messages read; `whole` when it was the whole outbox.
    Outbox {
        result: Result<Vec<OutboxEntry>, String>,
        whole: bool,
    },
    Retried(Result<Box<OutboxEntry>, String>),
    People(Result<Vec<Person>, String>),
    Person {
        dni: String,
        result: Result<people::Details, String>,
    },
    PersonSaved(Result<Person, people::SaveRefused>),
    Certs(Result<Vec<crate::desk::registry::CertRow>, String>),
    Renewed(Result<Box<certs::Renewed>, certs::RenewRefused>),
    /// The report's text for a range.
    Report {
        range: (Option<chrono::NaiveDate>, Option<chrono::NaiveDate>),
        result: Result<Vec<String>, String>,
    },
    TicketFound {
        from: Screen,
        link: super::links::Link,
        result: Result<Option<String>, String>,
    },
    ForCorrection(Result<Box<super::action::Loaded>, String>),
    Corrected(Result<Box<crate::domain::Ticket>, Vec<super::form::SaveProblem>>),
    /// The families (as tabs) and every request.
    Requests(Result<requests::Listing, String>),
    /// A step recorded: what to say.
    Advanced(Result<String, String>),
}

/// Whether this console delivers mail while it is open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum MailSender {
    /// Not started (tests, or a console built without the loop).
    #[default]
    Off,
    /// Running; where messages go (never the password).
    Running(String),
    /// The settings are wrong: why.
    Failed(String),
}

/// The registry screens' state.
#[derive(Debug, Clone, Default)]
pub struct Screens {
    pub sender: MailSender,
    pub outbox: outbox::OutboxScreen,
    pub people: people::PeopleScreen,
    pub certs: certs::CertsScreen,
    pub reports: reports::ReportsScreen,
    pub requests: requests::RequestsScreen,
}

/// A cursor over a list: the chosen row and the first row on screen.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub at: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows in a list of `len`, `page` rows on screen.
    pub fn moved(self, delta: i64, len: usize, page: usize) -> Cursor {
        if len == 0 {
            return Cursor::default();
        }
        let at = (self.at as i64 + delta).clamp(0, len as i64 - 1) as usize;
        Cursor { at, ..self }.clamped(len, page)
    }

    /// Keeps the cursor inside the list and on screen.
    pub fn clamped(self, len: usize, page: usize) -> Cursor {
        let page = page.max(1);
        let at = self.at.min(len.saturating_sub(1));
        let mut offset = self.offset.min(at);
        if at >= offset + page {
            offset = at + 1 - page;
        }
        Cursor { at, offset }
    }

    /// The move a list command asks for, if it is one.
    pub fn step(c: Command, page: usize) -> Option<i64> {
        let page = page.max(1) as i64;
        match c {
            Command::Up => Some(-1),
            Command::Down => Some(1),
            Command::PageUp => Some(-page),
            Command::PageDown => Some(page),
            Command::Home => Some(i64::MIN / 2),
            Command::End => Some(i64::MAX / 2),
            _ => None,
        }
    }
}

/// The tab after (or before) `current` in `all`, round the end.
pub fn cycle<T: Copy + PartialEq>(all: &[T], current: T, forward: bool) -> T {
    let n = all.len();
    let pos = all.iter().position(|t| *t == current).unwrap_or(0);
    all[if forward { pos + 1 } else { pos + n - 1 } % n]
}

pub(crate) fn info(app: &mut App, text: impl Into<String>) {
    app.status = Some(StatusLine {
        text: text.into(),
        level: Level::Info,
    });
}

pub(crate) fn error(app: &mut App, text: impl Into<String>) {
    app.status = Some(StatusLine {
        text: text.into(),
        level: Level::Error,
    });
}

/// Asks the loop for store work, counted as under way.
pub(crate) fn work(app: &mut App, e: ScreenEffect) -> Vec<Effect> {
    app.busy += 1;
    vec![Effect::Screen(e)]
}

pub(crate) fn done(app: &mut App) {
    app.busy = app.busy.saturating_sub(1);
}

/// The key scope of the registry screen on view.
pub fn scope(app: &App) -> Scope {
    match app.screen {
        Screen::People => {
            let p = &app.screens.people;
            if p.form.is_some() {
                Scope::Edit
            } else if p.typing {
                Scope::Search
            } else {
                Scope::People
            }
        }
        Screen::Certs if app.screens.certs.pay.is_some() => Scope::Edit,
        Screen::Certs => Scope::Certs,
        Screen::Reports if app.screens.reports.form.is_some() => Scope::Edit,
        Screen::Reports => Scope::Reports,
        Screen::Requests if app.screens.requests.form.is_some() => Scope::Edit,
        Screen::Requests => Scope::Requests,
        _ => Scope::Outbox,
    }
}

/// A key typed into a registry screen's text (a search, a form).
pub fn key(app: &mut App, ev: crossterm::event::KeyEvent) -> Vec<Effect> {
    match app.screen {
        Screen::People => people::key(app, ev),
        Screen::Certs => certs::key(app, ev),
        Screen::Reports => reports::key(app, ev),
        Screen::Requests => requests::key(app, ev),
        _ => Vec::new(),
    }
}

/// A registry command, from any screen.
pub fn command(app: &mut App, c: ScreenCmd) -> Vec<Effect> {
    match c {
        ScreenCmd::Outbox => outbox::open(app),
        ScreenCmd::Retry if app.screen == Screen::Outbox => outbox::retry(app),
        ScreenCmd::Retry => Vec::new(),
        ScreenCmd::People => people::open(app),
        ScreenCmd::Search if app.screen == Screen::People => people::search(app),
        ScreenCmd::Edit if app.screen == Screen::People => people::edit(app),
        ScreenCmd::Search | ScreenCmd::Edit => Vec::new(),
        ScreenCmd::Certs => certs::open(app),
        ScreenCmd::Renew if app.screen == Screen::Certs => certs::renew(app),
        ScreenCmd::Renew => Vec::new(),
        ScreenCmd::Reports => reports::open(app),
        ScreenCmd::Range if app.screen == Screen::Reports => reports::range(app),
        ScreenCmd::Range => Vec::new(),
        ScreenCmd::OpenTicket => super::links::open(app),
        ScreenCmd::Correct => super::correct::open(app),
        ScreenCmd::Requests => requests::open(app),
        ScreenCmd::Advance if app.screen == Screen::Requests => requests::advance(app),
        ScreenCmd::Advance => Vec::new(),
    }
}

/// A general command (movement, back, tabs) on a registry screen.
pub fn general(app: &mut App, c: Command) -> Vec<Effect> {
    match app.screen {
        Screen::Outbox => outbox::command(app, c),
        Screen::People => people::command(app, c),
        Screen::Certs => certs::command(app, c),
        Screen::Reports => reports::command(app, c),
        Screen::Requests => requests::command(app, c),
        _ => Vec::new(),
    }
}

pub fn scroll(app: &mut App, n: i64) {
    match app.screen {
        Screen::Outbox => outbox::scroll(app, n),
        Screen::People => people::scroll(app, n),
        Screen::Certs => certs::scroll(app, n),
        Screen::Reports => reports::scroll(app, n),
        Screen::Requests => requests::scroll(app, n),
        _ => {}
    }
}

/// The clock ticked: the outbox on view re-reads itself now and then, so
/// that what the sender delivers shows up.
pub fn tick(app: &mut App) -> Vec<Effect> {
    match app.screen {
        Screen::Outbox => outbox::tick(app),
        _ => Vec::new(),
    }
}

pub fn loaded(app: &mut App, result: ScreenResult) -> Vec<Effect> {
    match result {
        ScreenResult::Outbox { result, whole } => outbox::loaded(app, result, whole),
        ScreenResult::Retried(r) => outbox::retried(app, r),
        ScreenResult::People(r) => people::loaded(app, r),
        ScreenResult::Person { dni, result } => people::details(app, dni, result),
        ScreenResult::PersonSaved(r) => people::saved(app, r),
        ScreenResult::Certs(r) => certs::loaded(app, r),
        ScreenResult::Renewed(r) => certs::renewed(app, r),
        ScreenResult::Report { range, result } => reports::loaded(app, range, result),
        ScreenResult::TicketFound { from, link, result } => {
            super::links::found(app, from, link, result)
        }
        ScreenResult::ForCorrection(r) => super::correct::loaded(app, r),
        ScreenResult::Corrected(r) => super::correct::saved(app, r),
        ScreenResult::Requests(r) => requests::loaded(app, r),
        ScreenResult::Advanced(r) => requests::advanced(app, r),
    }
}

/// Runs a registry screen's effect against the desk (on a blocking thread).
pub fn run(desk: &Desk, actor: &str, e: ScreenEffect) -> Action {
    let result = match e {
        ScreenEffect::LoadOutbox => ScreenResult::Outbox {
            result: outbox::load(desk),
            whole: true,
        },
        ScreenEffect::RefreshOutbox(ids) => ScreenResult::Outbox {
            result: outbox::refresh(desk, &ids),
            whole: false,
        },
        ScreenEffect::Retry(id) => {
            ScreenResult::Retried(outbox::run_retry(desk, &id).map(Box::new))
        }
        ScreenEffect::LoadPeople => ScreenResult::People(people::load(desk, actor)),
        ScreenEffect::LoadPerson(dni) => ScreenResult::Person {
            result: people::load_details(desk, &dni),
            dni,
        },
        ScreenEffect::SavePerson { dni, edit } => {
            ScreenResult::PersonSaved(people::save(desk, actor, &dni, &edit))
        }
        ScreenEffect::LoadCerts => ScreenResult::Certs(certs::load(desk, actor)),
        ScreenEffect::LoadReport { from, to } => ScreenResult::Report {
            range: (from, to),
            result: reports::run(desk, from, to),
        },
        ScreenEffect::Renew { cert, payment } => {
            ScreenResult::Renewed(certs::run_renew(desk, actor, &cert, &payment))
        }
        ScreenEffect::FindTicket { from, link } => ScreenResult::TicketFound {
            result: super::links::find(desk, &link),
            from,
            link,
        },
        ScreenEffect::LoadForCorrection(id) => {
            ScreenResult::ForCorrection(super::effects::load_ticket(desk, &id).map(Box::new))
        }
        ScreenEffect::Correct(d) => ScreenResult::Corrected(super::correct::run(desk, actor, &d)),
        e @ (ScreenEffect::LoadRequests | ScreenEffect::AdvanceRequest { .. }) => {
            requests::result_of(desk, actor, e).expect("a requests effect")
        }
    };
    Action::Screen(Box::new(result))
}

/// Whether an effect may have put mail in the outbox (or made some due),
/// so the sender should look now.
pub fn wakes_sender(e: &Effect) -> bool {
    matches!(
        e,
        Effect::Act { .. }
            | Effect::Register(_)
            | Effect::Screen(
                ScreenEffect::Retry(_)
                    | ScreenEffect::Renew { .. }
                    | ScreenEffect::Correct(_)
                    | ScreenEffect::AdvanceRequest { .. }
            )
    )
}
