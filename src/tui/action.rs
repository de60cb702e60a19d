//! Everything a key, a click, the palette, the clock or a background job can
//! ask of the console. `app::update` is the only consumer.

use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;

use crate::domain::{HistoryEntry, Move, Ticket};
use crate::store::ReceiptRecord;

use super::queue_index::QueueIndex;

/// A user command: what the keymap and the palette resolve to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Quit,
    Help,
    Palette,
    /// Esc: close, cancel, clear the filters, go back.
    Back,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: open, accept.
    Accept,
    Filter,
    /// 0 = every status, 1..=9 = `Status::ALL[n - 1]`.
    StatusTab(u8),
    NextTab,
    PrevTab,
    ToggleUrgent,
    CycleKind,
    ToggleSelect,
    SelectAll,
    Take,
    /// The oldest free ticket, taken (see `tui::team`).
    TakeNext,
    /// A supervisor gives the ticket to another analyst.
    Reassign,
    /// The owner filter: every ticket, «míos», «libres».
    CycleOwner,
    Observe,
    Schedule,
    Withdraw,
    Close,
    NewTicket,
    Reload,
    /// Dialog answers.
    Yes,
    No,
    SwitchChoice,
    NextField,
    PrevField,
    ToggleItem,
    Save,
    AddApplicant,
    /// Saved views and columns.
    Views,
    LoadView(u8),
    SaveView,
    ChooseColumns,
    SortNext,
    SortReverse,
    /// The ticket screen: the previous / next ticket of the queue.
    PrevTicket,
    NextTicket,
    /// The batch screen and what it does.
    Batches,
    SwitchPane,
    Seal,
    Export,
    MarkSent,
    Approve,
    Reject,
    ImportOutcomes,
    /// The registry screens (outbox, people, certificates, reports).
    Screen(super::screens::ScreenCmd),
    /// The audit screen (the supervisor's).
    Audit,
    /// Tab in the filter: completes an expression's key or value.
    Complete,
    /// Copies the ticket's id / first DNI to the clipboard (OSC 52).
    CopyId,
    CopyDni,
    /// ↑ / ↓ in the filter: earlier / later filters of the analyst.
    OlderFilter,
    NewerFilter,
    /// Undoes the analyst's own last move on the ticket (`domain::undo`).
    Undo,
    /// Opens the ticket's photo and signature in the system viewer.
    ViewPhoto,
}

/// Details of a ticket loaded for the ticket screen.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub ticket: Ticket,
    pub history: Vec<HistoryEntry>,
    pub receipts: Vec<ReceiptRecord>,
}

/// What one move did to one ticket.
pub type Outcome = (String, Result<Ticket, String>);

#[derive(Debug, Clone)]
pub enum Action {
    Cmd(Command),
    /// A key press, resolved by `update` through the keymap or given to the
    /// focused text input.
    Key(KeyEvent),
    Click {
        column: u16,
        row: u16,
    },
    Scroll(i32),
    Resize(u16, u16),
    Tick(DateTime<Utc>),
    /// The queue read from the store: its first page, or all of it.
    QueueLoaded(Result<Box<QueueIndex>, String>),
    TicketLoaded(Result<Box<Loaded>, String>),
    Acted {
        action: Move,
        outcomes: Vec<Outcome>,
    },
    /// The analysts a ticket may be given to, and who has it now.
    Assignees {
        id: String,
        owner: Option<String>,
        names: Result<Vec<String>, String>,
    },
    Registered(Result<Box<Ticket>, Vec<super::form::SaveProblem>>),
    /// A typed photo or signature path read: what is wrong with it, if
    /// anything.
    FileChecked {
        field: super::form::FieldId,
        path: String,
        problem: Option<String>,
    },
    ViewsLoaded(Result<Vec<(u8, super::saved::SavedView)>, String>),
    ViewSaved(Result<(u8, super::saved::SavedView), String>),
    /// The analyst's filter history as stored.
    FilterHistory(Result<Vec<String>, String>),
    Batch(super::batch::BatchMsg),
    /// What a registry screen's effect brought back.
    Screen(Box<super::screens::ScreenResult>),
    /// The desk's answer to a sign-in or to the first-run prompt.
    SignedIn(super::login::SignInOutcome),
    AuditLoaded(Result<Box<super::audit::AuditPage>, String>),
    /// Rows another process changed on the shared store, or `None`: read
    /// the whole queue again (see `live`).
    Changed(Option<Vec<crate::domain::QueueRow>>),
    /// How many analysts are working now (`None`: unknown).
    /// Analysts working now, and the other families' requests whose step
    /// is overdue (each once known).
    Present(Option<usize>, Option<usize>),
    /// The shared database was lost (`false`) or is back.
    Reachable(bool),
}
