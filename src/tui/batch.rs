//! The batch screen: the coming dispatch moments (and past ones with work
//! left), the selected one's tickets and what blocks sealing it; sealing,
//! exporting, marking sent and recording RENIEC's answer. State and update
//! here, drawing in `views::batch`, store work in `run` (an effect).

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::KeyEvent;
use tui_textarea::TextArea;

use super::action::{Action, Command};
use super::app::{App, Confirm, Effect, Modal, Screen, open_ticket, run_effect};
use crate::cli::view::moment;
use crate::desk::Desk;
use crate::desk::batch::{BatchError, Blocker, Slot, parse_outcomes};
use crate::domain::batch::{Outcome, batch_id};
use crate::domain::calendar::Dispatch;
use crate::domain::{Status, Ticket};
use crate::store::Sealed;
use crate::strings;
use crate::strings::batch_screen as s;

/// How many coming dispatch moments the screen lists.
pub const UPCOMING: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    /// The dispatch moments.
    #[default]
    Moments,
    /// The selected moment's tickets and problems.
    Items,
}

/// A dispatch moment and what blocks sealing it (nothing once sealed).
#[derive(Debug, Clone)]
pub struct BoardSlot {
    pub slot: Slot,
    pub blockers: Vec<Blocker>,
}

impl BoardSlot {
    pub fn id(&self) -> String {
        batch_id(&self.slot.dispatch)
    }

    /// Tickets first (arrival order), then the problems.
    pub fn items(&self) -> Vec<Item<'_>> {
        self.slot
            .tickets
            .iter()
            .map(Item::Ticket)
            .chain(self.blockers.iter().map(Item::Blocker))
            .collect()
    }
}

#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Ticket(&'a Ticket),
    Blocker(&'a Blocker),
}

impl Item<'_> {
    pub fn ticket_id(&self) -> &str {
        match self {
            Item::Ticket(t) => &t.id,
            Item::Blocker(b) => &b.ticket,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Board {
    pub slots: Vec<BoardSlot>,
    /// Where an export goes unless the analyst types another folder.
    pub export_dir: PathBuf,
}

#[derive(Debug, Clone, Default)]
pub struct BatchScreen {
    pub board: Option<Board>,
    pub slot: usize,
    /// The selected moment, so a reload keeps the cursor on it.
    pub selected: Option<DateTime<Utc>>,
    pub pane: Pane,
    pub item: usize,
}

impl BatchScreen {
    pub fn current(&self) -> Option<&BoardSlot> {
        self.board.as_ref()?.slots.get(self.slot)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum BatchEffect {
    Load,
    Seal {
        on: NaiveDate,
        reason: Option<String>,
    },
    Export {
        batch: String,
        out: PathBuf,
    },
    MarkSent {
        batch: String,
    },
    Record(Vec<(String, Outcome)>),
    Import(PathBuf),
}

#[derive(Debug, Clone)]
pub enum BatchMsg {
    Loaded(Result<Box<Board>, String>),
    /// A write finished: the line for the status bar, or the refusal.
    Done(Result<String, String>),
}

/// What a batch dialog asks for; each has one line of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Why seal before the cut-off.
    EarlyReason {
        dispatch: Dispatch,
        tickets: usize,
    },
    ExportTo {
        batch: String,
    },
    /// RENIEC's approval day.
    Approve {
        ticket: String,
    },
    /// RENIEC's reason for rejecting.
    Reject {
        ticket: String,
    },
    /// The outcomes CSV.
    Import,
}

#[derive(Debug, Clone)]
pub struct Dialog {
    pub ask: Ask,
    pub text: TextArea<'static>,
    pub error: Option<String>,
}

impl Dialog {
    fn new(ask: Ask, initial: &str) -> Dialog {
        let mut text = TextArea::from([initial.to_string()]);
        text.move_cursor(tui_textarea::CursorMove::End);
        Dialog {
            ask,
            text,
            error: None,
        }
    }

    pub fn value(&self) -> String {
        self.text
            .lines()
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

fn today(app: &App) -> NaiveDate {
    app.now.with_timezone(&app.rules.timezone).date_naive()
}

/// `b` (or the palette): open the screen and load the board.
pub fn open(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Batch;
    app.typing_filter = false;
    app.batch.pane = Pane::Moments;
    reload(app)
}

pub fn reload(app: &mut App) -> Vec<Effect> {
    app.busy += 1;
    vec![Effect::Batch(BatchEffect::Load)]
}

/// Results of the effects.
pub fn message(app: &mut App, msg: BatchMsg) -> Vec<Effect> {
    app.busy = app.busy.saturating_sub(1);
    match msg {
        BatchMsg::Loaded(Ok(board)) => {
            loaded(app, *board);
            Vec::new()
        }
        BatchMsg::Loaded(Err(e)) => {
            app.error(e);
            Vec::new()
        }
        BatchMsg::Done(result) => {
            match result {
                Ok(text) => app.info(text),
                Err(e) => app.error(e),
            }
            // Statuses changed: the board and the queue are read again.
            app.busy += 2;
            vec![Effect::Batch(BatchEffect::Load), Effect::LoadQueue]
        }
    }
}

fn loaded(app: &mut App, board: Board) {
    let b = &mut app.batch;
    let kept = b
        .selected
        .and_then(|at| board.slots.iter().position(|s| s.slot.dispatch.at == at));
    // First time: the latest moment already past (the one to seal, export
    // or answer), else the next one.
    b.slot = kept.unwrap_or_else(|| {
        board
            .slots
            .iter()
            .rposition(|s| s.slot.dispatch.at <= app.now)
            .unwrap_or(0)
    });
    b.selected = board.slots.get(b.slot).map(|s| s.slot.dispatch.at);
    b.board = Some(board);
    clamp_item(app);
}

fn clamp_item(app: &mut App) {
    let n = app.batch.current().map(|s| s.items().len()).unwrap_or(0);
    app.batch.item = app.batch.item.min(n.saturating_sub(1));
    if n == 0 {
        app.batch.pane = Pane::Moments;
    }
}

fn move_by(app: &mut App, delta: i64) {
    let b = &mut app.batch;
    match b.pane {
        Pane::Moments => {
            let n = b.board.as_ref().map(|x| x.slots.len()).unwrap_or(0) as i64;
            if n == 0 {
                return;
            }
            let next = (b.slot as i64 + delta).clamp(0, n - 1) as usize;
            if next != b.slot {
                b.slot = next;
                b.item = 0;
            }
            b.selected = b.current().map(|s| s.slot.dispatch.at);
        }
        Pane::Items => {
            let n = b.current().map(|s| s.items().len()).unwrap_or(0) as i64;
            if n > 0 {
                b.item = (b.item as i64 + delta).clamp(0, n - 1) as usize;
            }
        }
    }
}

pub fn scroll(app: &mut App, n: i32) {
    move_by(app, n as i64);
}

/// A command on the batch screen (no dialog open).
pub fn command(app: &mut App, c: Command) -> Vec<Effect> {
    match c {
        Command::Back => app.screen = Screen::Queue,
        Command::Up => move_by(app, -1),
        Command::Down => move_by(app, 1),
        Command::PageUp => move_by(app, -10),
        Command::PageDown => move_by(app, 10),
        Command::Home => move_by(app, -100_000),
        Command::End => move_by(app, 100_000),
        Command::Reload => return reload(app),
        Command::SwitchPane => {
            let has_items = app.batch.current().is_some_and(|s| !s.items().is_empty());
            app.batch.pane = match app.batch.pane {
                Pane::Moments if has_items => Pane::Items,
                _ => Pane::Moments,
            };
        }
        Command::Accept => return accept(app),
        Command::Seal => return seal(app),
        Command::Export => export(app),
        Command::MarkSent => mark_sent(app),
        Command::Approve | Command::Reject => answer(app, c == Command::Approve),
        Command::ImportOutcomes => app.modal = Some(dialog(Ask::Import, "")),
        _ => {}
    }
    Vec::new()
}

fn dialog(ask: Ask, initial: &str) -> Modal {
    Modal::Batch(Box::new(Dialog::new(ask, initial)))
}

/// Enter: from the moments into their tickets; on a ticket or a problem,
/// open that ticket (Esc comes back here).
fn accept(app: &mut App) -> Vec<Effect> {
    let Some(slot) = app.batch.current() else {
        return Vec::new();
    };
    let items = slot.items();
    match app.batch.pane {
        Pane::Moments if !items.is_empty() => {
            app.batch.pane = Pane::Items;
            app.batch.item = 0;
            Vec::new()
        }
        Pane::Moments => {
            app.info(s::no_tickets());
            Vec::new()
        }
        Pane::Items => match items.get(app.batch.item) {
            Some(item) => {
                let id = item.ticket_id().to_string();
                open_ticket(app, id)
            }
            None => Vec::new(),
        },
    }
}

fn seal(app: &mut App) -> Vec<Effect> {
    let Some(slot) = app.batch.current() else {
        return Vec::new();
    };
    let id = slot.id();
    let dispatch = slot.slot.dispatch;
    let tickets = slot.slot.tickets.len();
    if let Some(b) = &slot.slot.batch {
        let text = s::already_sealed(&b.id);
        app.error(text);
    } else if tickets == 0 {
        app.error(strings::batch::empty(&id));
    } else if !slot.blockers.is_empty() {
        let text = s::blocked(slot.blockers.len());
        // Straight to the first problem: Enter opens its ticket.
        app.batch.pane = Pane::Items;
        app.batch.item = tickets;
        app.error(text);
    } else if dispatch.at > app.now {
        app.modal = Some(dialog(Ask::EarlyReason { dispatch, tickets }, ""));
    } else {
        confirm_seal(app, dispatch, tickets, None);
    }
    Vec::new()
}

fn confirm_seal(app: &mut App, dispatch: Dispatch, tickets: usize, reason: Option<String>) {
    let when = moment(dispatch.at, app.rules.timezone);
    let mut lines = vec![s::seal_what(tickets, &when)];
    if let Some(r) = &reason {
        lines.push(s::seal_early_reason(r));
    }
    lines.push(s::seal_final().to_string());
    app.modal = Some(Modal::Confirm(Confirm {
        title: s::seal_title(&batch_id(&dispatch)),
        lines,
        yes: false,
        then: Effect::Batch(BatchEffect::Seal {
            on: dispatch.on,
            reason,
        }),
    }));
}

fn export(app: &mut App) {
    let Some(board) = &app.batch.board else {
        return;
    };
    let Some(slot) = app.batch.current() else {
        return;
    };
    match &slot.slot.batch {
        Some(b) => {
            let ask = Ask::ExportTo {
                batch: b.id.clone(),
            };
            let folder = board.export_dir.display().to_string();
            app.modal = Some(dialog(ask, &folder));
        }
        None => {
            let text = s::seal_first(&slot.id());
            app.error(text);
        }
    }
}

fn mark_sent(app: &mut App) {
    let Some(slot) = app.batch.current() else {
        return;
    };
    match &slot.slot.batch {
        None => {
            let text = s::seal_first(&slot.id());
            app.error(text);
        }
        Some(b) if b.sent_at.is_some() => {
            let text = strings::store::already_sent(&b.id);
            app.error(text);
        }
        Some(b) => {
            let (id, n) = (b.id.clone(), b.tickets.len());
            app.modal = Some(Modal::Confirm(Confirm {
                title: s::mark_sent_title(&id),
                lines: vec![
                    s::mark_sent_what(n).to_string(),
                    s::mark_sent_final().into(),
                ],
                yes: false,
                then: Effect::Batch(BatchEffect::MarkSent { batch: id }),
            }));
        }
    }
}

/// Approve or reject the ticket under the cursor, which must have left in
/// a batch marked sent.
fn answer(app: &mut App, approve: bool) {
    let today = today(app);
    let Some(slot) = app.batch.current() else {
        return;
    };
    let sent = slot
        .slot
        .batch
        .as_ref()
        .is_some_and(|b| b.sent_at.is_some());
    let items = slot.items();
    let ticket = match (app.batch.pane, items.get(app.batch.item)) {
        (Pane::Items, Some(Item::Ticket(t))) => *t,
        _ => {
            app.error(s::pick_a_ticket());
            return;
        }
    };
    if !sent || ticket.status != Status::Enviado {
        let text = s::not_awaiting(&ticket.id, ticket.status);
        app.error(text);
        return;
    }
    let ticket = ticket.id.clone();
    app.modal = Some(if approve {
        dialog(
            Ask::Approve { ticket },
            &today.format("%d/%m/%Y").to_string(),
        )
    } else {
        dialog(Ask::Reject { ticket }, "")
    });
}

/// Typing in a dialog.
pub fn input(app: &mut App, ev: KeyEvent) {
    if let Some(Modal::Batch(d)) = &mut app.modal {
        d.text.input(ev);
        d.error = None;
    }
}

/// A command while a batch dialog is open.
pub fn dialog_command(app: &mut App, mut d: Box<Dialog>, c: Command) -> Vec<Effect> {
    match c {
        Command::Back => {
            app.info(strings::tui::cancelled());
            return Vec::new();
        }
        Command::Accept => match accept_dialog(app, &d) {
            Ok(effects) => return effects,
            Err(why) => d.error = Some(why),
        },
        _ => {}
    }
    app.modal = Some(Modal::Batch(d));
    Vec::new()
}

/// What Enter in a dialog does, or why the value is refused.
fn accept_dialog(app: &mut App, d: &Dialog) -> Result<Vec<Effect>, String> {
    let value = d.value();
    let today = today(app);
    let effect = match &d.ask {
        Ask::EarlyReason { dispatch, tickets } => {
            if value.is_empty() {
                return Err(s::early_reason_missing().into());
            }
            confirm_seal(app, *dispatch, *tickets, Some(value));
            return Ok(Vec::new());
        }
        Ask::ExportTo { batch } => {
            if value.is_empty() {
                return Err(s::folder_missing().into());
            }
            BatchEffect::Export {
                batch: batch.clone(),
                out: PathBuf::from(value),
            }
        }
        Ask::Approve { ticket } => {
            let on = crate::domain::applicant::parse_date(&value)
                .map_err(|rule| s::bad_date(&strings::rule_text(&rule)))?;
            if on > today {
                return Err(s::bad_date(&strings::rule_text(
                    &crate::domain::Rule::DateInFuture { date: on },
                )));
            }
            BatchEffect::Record(vec![(ticket.clone(), Outcome::Approved { on })])
        }
        Ask::Reject { ticket } => {
            if value.is_empty() {
                return Err(s::reject_reason_missing().into());
            }
            BatchEffect::Record(vec![(
                ticket.clone(),
                Outcome::Rejected {
                    on: today,
                    reason: value,
                },
            )])
        }
        Ask::Import => {
            if value.is_empty() {
                return Err(s::file_missing().into());
            }
            BatchEffect::Import(PathBuf::from(value))
        }
    };
    Ok(run_effect(app, Effect::Batch(effect)))
}

/// Runs one effect against the desk (on a blocking thread).
pub fn run(desk: &Desk, actor: &str, e: BatchEffect) -> Action {
    let result = match e {
        BatchEffect::Load => return Action::Batch(BatchMsg::Loaded(load(desk).map(Box::new))),
        BatchEffect::Seal { on, reason } => match desk.seal(Some(on), reason.as_deref(), actor) {
            Ok(Sealed::New(b)) => {
                let when = moment(b.dispatch.at, desk.config.dispatch.timezone);
                tracing::info!(batch = %b.id, tickets = b.tickets.len(), "batch sealed");
                Ok(strings::batch::sealed_now(&b, &when))
            }
            Ok(Sealed::Already(b)) => Ok(strings::batch::sealed_before(&b)),
            Err(e @ BatchError::NotReady(_)) => Err(one_line(&e.to_string())),
            Err(e) => Err(e.to_string()),
        },
        BatchEffect::Export { batch, out } => export_to(desk, actor, &batch, &absolute(out)),
        BatchEffect::MarkSent { batch } => desk
            .mark_sent(&batch, None, actor)
            .map(|(b, tickets)| strings::batch::marked_sent(&b.id, tickets.len()))
            .map_err(|e| e.to_string()),
        BatchEffect::Record(outcomes) => desk
            .record_outcomes(&outcomes, actor)
            .map(|tickets| strings::batch::outcomes_recorded(&tickets))
            .map_err(|e| e.to_string()),
        BatchEffect::Import(path) => import(desk, actor, &absolute(path)),
    };
    if let Err(e) = &result {
        tracing::info!(error = %e, "batch action refused");
    }
    Action::Batch(BatchMsg::Done(result))
}

/// Paths typed in the console are relative to where `mesa` was started,
/// as in the intake form.
fn absolute(path: PathBuf) -> PathBuf {
    if path.is_absolute() {
        return path;
    }
    std::env::current_dir()
        .map(|d| d.join(&path))
        .unwrap_or(path)
}

fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

pub fn load(desk: &Desk) -> Result<Board, String> {
    let started = std::time::Instant::now();
    let slots = desk
        .board(desk.now(), UPCOMING)
        .map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(slots.len());
    for slot in slots {
        let blockers = if slot.batch.is_none() {
            desk.readiness(&slot.tickets).map_err(|e| e.to_string())?
        } else {
            Vec::new()
        };
        out.push(BoardSlot { slot, blockers });
    }
    tracing::info!(moments = out.len(), elapsed = ?started.elapsed(), "batch board loaded");
    Ok(Board {
        slots: out,
        export_dir: crate::export::default_dir(desk.store_dir()),
    })
}

fn export_to(desk: &Desk, actor: &str, id: &str, out: &std::path::Path) -> Result<String, String> {
    let batch = desk
        .store
        .batch(id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| strings::store::batch_not_found(id))?;
    let done = desk
        .export_batch(&batch, out, actor)
        .map_err(|e| e.to_string())?;
    tracing::info!(batch = %id, folder = %done.folder.display(), "batch exported");
    Ok(strings::batch::exported(
        &done.folder,
        &done.zip,
        done.files,
    ))
}

fn import(desk: &Desk, actor: &str, path: &std::path::Path) -> Result<String, String> {
    let bytes = crate::desk::attachments::read_input(path)?;
    let outcomes = parse_outcomes(desk, &bytes).map_err(|rows| {
        let mut msg = strings::cli::import_refused(path, rows.len());
        for r in rows {
            msg.push_str(" · ");
            msg.push_str(&r.to_string());
        }
        msg
    })?;
    desk.record_outcomes(&outcomes, actor)
        .map(|tickets| strings::batch::outcomes_recorded(&tickets))
        .map_err(|e| e.to_string())
}
