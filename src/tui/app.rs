//! The console's state and its one transition function:
//! `update(&mut App, Action) -> Vec<Effect>`. No I/O happens here; effects
//! are run by the loop and their results come back as actions.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use tui_textarea::TextArea;

use super::acting::{act_on_many, act_on_one, acted};
use super::action::{Action, Command, Loaded};
use super::form::Form;
use super::keymap::{self, Scope};
use super::modals::{confirm_command, help_command, palette_command, reason_command};
use super::queue_index::{Filters, QueueIndex, QueueRow};
use super::saved::{Column, SavedView};
use super::views;
use crate::domain::calendar::DispatchRules;
use crate::domain::{Kind, Move, Status, ValidationRules};
use crate::strings::tui as s;

/// Work for the loop: store reads and writes, off the drawing thread.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadQueue,
    LoadTicket(String),
    Act {
        ids: Vec<String>,
        /// The version the analyst saw, for a move on the open ticket.
        seen: Option<u64>,
        action: Move,
        reasons: Vec<String>,
    },
    Register(Box<super::form::Draft>),
    /// A photo or signature path typed in the intake form, read and checked
    /// as saving will (content, not name), while the analyst goes on.
    CheckFile {
        field: super::form::FieldId,
        path: String,
    },
    /// Take the oldest free ticket.
    TakeNext,
    /// The analysts a ticket may be given to.
    LoadAssignees(String),
    /// A supervisor gives ticket `id` to `to`.
    Assign {
        id: String,
        to: String,
    },
    /// This console is here: its heartbeat, and how many are.
    Heartbeat,
    LoadViews,
    SaveView {
        slot: u8,
        view: SavedView,
    },
    Batch(super::batch::BatchEffect),
    /// Closing with what closing an installation needs (the medium).
    CloseWith {
        id: String,
        details: crate::domain::certificate::CloseDetails,
    },
    /// Work for a registry screen (`super::screens`).
    Screen(super::screens::ScreenEffect),
    /// The sign-in box's requests (see `login::LoginEffect`).
    Login(super::login::LoginEffect),
    /// The audit screen: the chain checked, and the latest entries or those
    /// about one person.
    LoadAudit {
        dni: Option<String>,
    },
    /// The analyst's filter history: read (`None`) or replaced.
    FilterHistory(Option<Vec<String>>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Queue,
    Ticket,
    Form,
    Batch,
    /// The registry screens: state and keys in `super::screens`.
    Outbox,
    People,
    Certs,
    Reports,
    /// The other families' requests.
    Requests,
    /// Who is there: first run or sign-in (see `login`).
    Login,
    Audit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub text: String,
    pub level: Level,
}

#[derive(Debug, Clone)]
pub struct Detail {
    pub id: String,
    pub loaded: Option<Loaded>,
    pub scroll: u16,
}

#[derive(Debug, Clone)]
pub struct Palette {
    pub query: String,
    pub cursor: usize,
}

#[derive(Debug, Clone)]
pub struct Confirm {
    pub title: String,
    pub lines: Vec<String>,
    /// The highlighted answer; Enter takes it.
    pub yes: bool,
    pub then: Effect,
}

#[derive(Debug, Clone)]
pub struct ReasonDialog {
    pub action: Move,
    pub id: String,
    pub items: Vec<(String, bool)>,
    pub cursor: usize,
    pub on_text: bool,
    pub text: TextArea<'static>,
    pub error: Option<String>,
}

impl ReasonDialog {
    pub fn reasons(&self) -> Vec<String> {
        self.items
            .iter()
            .filter(|(_, on)| *on)
            .map(|(r, _)| r.clone())
            .chain(
                self.text
                    .lines()
                    .iter()
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty()),
            )
            .collect()
    }
}

#[derive(Debug, Clone)]
pub enum Modal {
    Help {
        scroll: u16,
    },
    Palette(Palette),
    Confirm(Confirm),
    Reason(Box<ReasonDialog>),
    /// Saved views: slot under the cursor (0 = key 1), and the name being
    /// typed when saving.
    Views {
        cursor: usize,
        naming: Option<String>,
    },
    /// Choosing whom a ticket goes to (see `reassign`).
    Assign {
        id: String,
        owner: Option<String>,
        names: Vec<String>,
        cursor: usize,
    },
    Columns {
        cursor: usize,
    },
    Batch(Box<super::batch::Dialog>),
    Close(Box<super::close::CloseDialog>),
}

pub struct App {
    pub now: DateTime<Utc>,
    pub rules: DispatchRules,
    pub validation: ValidationRules,
    pub actor: String,
    /// False under NO_COLOR.
    pub color: bool,
    pub size: (u16, u16),
    pub queue: QueueIndex,
    pub loading: bool,
    pub filters: Filters,
    pub typing_filter: bool,
    pub cursor: usize,
    pub offset: usize,
    pub selected: BTreeSet<String>,
    pub screen: Screen,
    pub detail: Option<Detail>,
    pub form: Option<Form>,
    pub modal: Option<Modal>,
    pub status: Option<StatusLine>,
    /// Text to put on the terminal's clipboard (`copy`), written after
    /// the next frame.
    pub clipboard: Option<String>,
    /// Colours for a light background (`[console] theme = "claro"`).
    pub light: bool,
    /// What the analyst filtered by before, for ↑ / ↓ in the filter.
    pub filter_history: super::filter_history::History,
    /// Effects under way.
    pub busy: usize,
    pub quit: bool,
    /// Something changed since the last frame.
    pub dirty: bool,
    /// Chosen columns; `None` means the defaults for the width.
    pub columns: Option<Vec<Column>>,
    /// This analyst's saved views, by number key.
    pub views: Vec<(u8, SavedView)>,
    pub batch: super::batch::BatchScreen,
    /// Where Esc on the ticket screen goes back to.
    pub back_to: Screen,
    /// The registry screens' state.
    pub screens: super::screens::Screens,
    /// The role of the one signed in; `None` when the console was opened
    /// for a name without signing in (the desk still checks every action).
    pub role: Option<crate::domain::role::Role>,
    /// Until someone is signed in.
    pub login: Option<super::login::Login>,
    pub audit: Option<super::audit::AuditScreen>,
    /// Who is here (see `tui::team`): analysts working now, once known,
    /// and when this console last said it is here.
    pub present: Option<usize>,
    pub last_beat: Option<DateTime<Utc>>,
    /// The other families' requests with an overdue step, once counted.
    pub overdue_requests: Option<usize>,
}

impl App {
    pub fn new(
        now: DateTime<Utc>,
        rules: DispatchRules,
        validation: ValidationRules,
        actor: &str,
    ) -> App {
        App {
            now,
            rules,
            validation,
            actor: actor.to_string(),
            color: true,
            size: (80, 24),
            queue: QueueIndex::default(),
            loading: true,
            filters: Filters::default(),
            typing_filter: false,
            cursor: 0,
            offset: 0,
            selected: BTreeSet::new(),
            screen: Screen::Queue,
            detail: None,
            form: None,
            modal: None,
            status: None,
            clipboard: None,
            light: false,
            filter_history: Default::default(),
            busy: 0,
            quit: false,
            dirty: true,
            columns: None,
            views: Vec::new(),
            batch: Default::default(),
            back_to: Screen::Queue,
            screens: Default::default(),
            role: None,
            login: None,
            audit: None,
            present: None,
            overdue_requests: None,
            last_beat: None,
        }
    }

    /// The first effects: load the queue (once someone is signed in).
    pub fn start(&mut self) -> Vec<Effect> {
        if self.login.is_some() {
            return super::login::start(self);
        }
        self.busy += 2;
        let said: Vec<String> = [super::keys_config::problems(), super::theme::problems()]
            .into_iter()
            .flatten()
            .collect();
        if !said.is_empty() {
            self.error(said.join(" · "));
        }
        vec![
            Effect::LoadQueue,
            Effect::LoadViews,
            Effect::FilterHistory(None),
        ]
    }

    pub fn scope(&self) -> Scope {
        match &self.modal {
            Some(Modal::Help { .. }) => return Scope::Help,
            Some(Modal::Palette(_)) => return Scope::Palette,
            Some(Modal::Confirm(_)) => return Scope::Confirm,
            Some(Modal::Reason(_)) => return Scope::Reason,
            Some(Modal::Views {
                naming: Some(_), ..
            }) => return Scope::ViewName,
            Some(Modal::Views { .. }) => return Scope::Views,
            Some(Modal::Columns { .. }) => return Scope::Columns,
            Some(Modal::Assign { .. }) => return Scope::Assign,
            Some(Modal::Batch(_)) => return Scope::BatchInput,
            Some(Modal::Close(_)) => return Scope::CloseForm,
            None => {}
        }
        match self.screen {
            Screen::Login => Scope::Login,
            Screen::Audit if self.audit.as_ref().is_some_and(|a| a.typing.is_some()) => {
                Scope::AuditFilter
            }
            Screen::Audit => Scope::Audit,
            Screen::Form => Scope::Form,
            Screen::Batch => Scope::Batch,
            Screen::Ticket => Scope::Ticket,
            Screen::Queue if self.typing_filter => Scope::Filter,
            Screen::Queue => Scope::Queue,
            _ => super::screens::scope(self),
        }
    }

    pub fn current_row(&self) -> Option<QueueRow> {
        self.queue.visible_row(self.cursor)
    }

    pub(super) fn area(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    fn page(&self) -> usize {
        (views::queue::layout(self, self.area()).table.height as usize)
            .saturating_sub(1)
            .max(1)
    }

    pub(crate) fn info(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            level: Level::Info,
        });
    }

    pub(crate) fn error(&mut self, text: impl Into<String>) {
        self.status = Some(StatusLine {
            text: text.into(),
            level: Level::Error,
        });
    }

    pub fn refilter(&mut self) {
        let keep = self.queue.visible.get(self.cursor).copied();
        self.queue.apply(&self.filters);
        if let Some(row) = keep
            && let Some(pos) = self.queue.visible.iter().position(|i| *i == row)
        {
            self.cursor = pos;
        }
        self.clamp();
    }

    pub(super) fn clamp(&mut self) {
        let n = self.queue.visible.len();
        self.cursor = self.cursor.min(n.saturating_sub(1));
        let page = self.page();
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + page {
            self.offset = self.cursor + 1 - page;
        }
        self.offset = self.offset.min(n.saturating_sub(page.min(n)));
    }

    fn move_cursor(&mut self, delta: i64) {
        let n = self.queue.visible.len() as i64;
        if n == 0 {
            return;
        }
        self.cursor = (self.cursor as i64 + delta).clamp(0, n - 1) as usize;
        self.clamp();
    }

    fn scroll_detail(&mut self, delta: i64) {
        let max = views::ticket::max_scroll(self, self.area()) as i64;
        if let Some(d) = &mut self.detail {
            d.scroll = (d.scroll as i64 + delta).clamp(0, max) as u16;
        }
    }
}

/// The one transition function.
pub fn update(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Tick(now) => {
            if now.timestamp() / 60 != app.now.timestamp() / 60 {
                app.dirty = true;
            }
            app.now = now;
            let mut effects = super::screens::tick(app);
            effects.extend(super::team::heartbeat(app));
            effects
        }
        Action::Resize(w, h) => {
            app.size = (w, h);
            app.clamp();
            app.dirty = true;
            Vec::new()
        }
        // Redrawn only when the count changes.
        Action::Present(n, late) => {
            if (app.present, app.overdue_requests) != (n, late) {
                app.present = n;
                app.overdue_requests = late;
                app.dirty = true;
            }
            Vec::new()
        }
        other => {
            app.dirty = true;
            super::safety::handle(app, other)
        }
    }
}

pub(crate) fn handle(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Key(ev) => key(app, ev),
        Action::Cmd(c) => command(app, c),
        Action::Click { column, row } => click(app, column, row),
        Action::Scroll(n) => {
            match (app.screen, &mut app.modal) {
                (_, Some(Modal::Help { scroll })) => {
                    *scroll = (*scroll as i32 + n).max(0) as u16;
                }
                (_, Some(_)) => {}
                (Screen::Queue, None) => app.move_cursor(n as i64),
                (Screen::Ticket, None) => app.scroll_detail(n as i64),
                (Screen::Batch, None) => super::batch::scroll(app, n),
                (Screen::Form | Screen::Login | Screen::Audit, None) => {}
                (_, None) => super::screens::scroll(app, n as i64),
            }
            Vec::new()
        }
        Action::QueueLoaded(result) => {
            match result {
                // The first page never replaces the whole queue.
                Ok(index) if index.is_partial() => {
                    if app.loading {
                        app.queue = *index;
                        app.refilter();
                    }
                }
                Ok(index) => {
                    app.busy = app.busy.saturating_sub(1);
                    app.loading = false;
                    let keep = app.current_row().map(|r| r.id);
                    let line = app.cursor.saturating_sub(app.offset);
                    app.queue = *index;
                    app.refilter();
                    if let Some(pos) = keep
                        .and_then(|id| app.queue.position(&id))
                        .and_then(|row| app.queue.visible.iter().position(|i| *i == row))
                    {
                        // The row stays on the line it was drawn on.
                        app.cursor = pos;
                        app.offset = pos.saturating_sub(line);
                        app.clamp();
                    } else {
                        super::queue_open::open_on_first_open(app);
                    }
                }
                Err(e) => {
                    app.busy = app.busy.saturating_sub(1);
                    app.loading = false;
                    app.error(e);
                }
            }
            Vec::new()
        }
        Action::TicketLoaded(result) => {
            app.busy = app.busy.saturating_sub(1);
            match result {
                Ok(loaded) => {
                    if let Some(d) = &mut app.detail
                        && d.id == loaded.ticket.id
                    {
                        super::team::refresh_row(app, &loaded.ticket);
                        if let Some(d) = &mut app.detail {
                            d.loaded = Some(*loaded);
                        }
                    }
                }
                Err(e) => app.error(e),
            }
            Vec::new()
        }
        Action::Acted { action, outcomes } => acted(app, action, outcomes),
        Action::Assignees { id, owner, names } => {
            super::reassign::loaded(app, id, owner, names);
            Vec::new()
        }
        Action::Batch(msg) => super::batch::message(app, msg),
        Action::Registered(result) => super::form::registered(app, result),
        Action::FileChecked {
            field,
            path,
            problem,
        } => {
            app.busy = app.busy.saturating_sub(1);
            super::form_files::checked(app, field, path, problem);
            Vec::new()
        }
        Action::FilterHistory(result) => {
            super::filter_history::loaded(app, result);
            Vec::new()
        }
        Action::ViewsLoaded(result) => {
            app.busy = app.busy.saturating_sub(1);
            match result {
                Ok(v) => app.views = v,
                Err(e) => app.error(e),
            }
            Vec::new()
        }
        Action::ViewSaved(result) => {
            app.busy = app.busy.saturating_sub(1);
            match result {
                Ok((slot, view)) => {
                    app.info(s::view_saved(&view.name, slot));
                    app.views.retain(|(n, _)| *n != slot);
                    app.views.push((slot, view));
                    app.views.sort_by_key(|(n, _)| *n);
                }
                Err(e) => app.error(e),
            }
            Vec::new()
        }
        Action::Screen(result) => super::screens::loaded(app, *result),
        Action::SignedIn(result) => super::login::signed_in(app, result),
        Action::AuditLoaded(result) => {
            super::audit::loaded(app, result.map(|p| *p));
            Vec::new()
        }
        Action::Changed(rows) => super::live::changed(app, rows),
        // Handled with the clock's tick, in `update`.
        Action::Present(..) => Vec::new(),
        Action::Reachable(up) => super::live::reachable(app, up),
        Action::Tick(_) | Action::Resize(..) => Vec::new(),
    }
}

pub(crate) fn key(app: &mut App, ev: KeyEvent) -> Vec<Effect> {
    app.status = None;
    if keymap::is_interrupt(&ev) {
        app.quit = true;
        return Vec::new();
    }
    let scope = app.scope();
    if let Some(c) = keymap::resolve(scope, &ev) {
        return command(app, c);
    }
    match scope {
        Scope::Filter if edit_line(&mut app.filters.text, &ev) => app.refilter(),
        Scope::Palette => {
            if let Some(Modal::Palette(p)) = &mut app.modal
                && edit_line(&mut p.query, &ev)
            {
                p.cursor = 0;
            }
        }
        Scope::Reason => {
            if let Some(Modal::Reason(r)) = &mut app.modal {
                if r.on_text {
                    r.text.input(ev);
                } else if ev.code == KeyCode::Char(' ') {
                    if let Some(item) = r.items.get_mut(r.cursor) {
                        item.1 = !item.1;
                    }
                } else if let KeyCode::Char(_) = ev.code {
                    // Typing goes to the free text.
                    r.on_text = true;
                    r.text.input(ev);
                }
                r.error = None;
            }
        }
        Scope::Form => return super::form::key(app, ev),
        Scope::BatchInput => super::batch::input(app, ev),
        Scope::CloseForm => super::close::input(app, ev),
        Scope::Search | Scope::Edit => return super::screens::key(app, ev),
        Scope::Login => super::login::key(app, &ev),
        Scope::AuditFilter => super::audit::key(app, &ev),
        Scope::ViewName => {
            if let Some(Modal::Views {
                naming: Some(name), ..
            }) = &mut app.modal
            {
                edit_line(name, &ev);
            }
        }
        _ => {}
    }
    Vec::new()
}

/// Edits a one-line input; true when the text changed.
pub(crate) fn edit_line(text: &mut String, ev: &KeyEvent) -> bool {
    match ev.code {
        KeyCode::Char('u') if ev.modifiers.contains(KeyModifiers::CONTROL) => {
            let changed = !text.is_empty();
            text.clear();
            changed
        }
        KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => {
            text.push(c);
            true
        }
        KeyCode::Backspace => text.pop().is_some(),
        _ => false,
    }
}

pub(super) fn command(app: &mut App, c: Command) -> Vec<Effect> {
    if c == Command::Quit {
        return super::safety::quit(app);
    }
    match app.modal.take() {
        Some(Modal::Help { scroll }) => return help_command(app, scroll, c),
        Some(Modal::Palette(p)) => return palette_command(app, p, c),
        Some(Modal::Confirm(cf)) => return confirm_command(app, cf, c),
        Some(Modal::Reason(r)) => return reason_command(app, r, c),
        Some(Modal::Views { cursor, naming }) => return views_command(app, cursor, naming, c),
        Some(Modal::Columns { cursor }) => return columns_command(app, cursor, c),
        Some(Modal::Assign {
            id,
            owner,
            names,
            cursor,
        }) => return super::reassign::command(app, id, owner, names, cursor, c),
        Some(Modal::Batch(d)) => return super::batch::dialog_command(app, d, c),
        Some(Modal::Close(d)) => return super::close::command(app, d, c),
        None => {}
    }
    match app.screen {
        Screen::Login => return super::login::command(app, c),
        Screen::Audit if c != Command::Help && c != Command::Palette => {
            return super::audit::command(app, c);
        }
        _ => {}
    }
    match c {
        Command::Help => {
            // Help opens at the section of the screen it was asked from.
            let at = views::help::section_start(app.scope());
            let scroll = at.min(views::help::max_scroll(app.area()));
            app.modal = Some(Modal::Help { scroll });
            return Vec::new();
        }
        Command::Palette => {
            app.typing_filter = false;
            app.modal = Some(Modal::Palette(Palette {
                query: String::new(),
                cursor: 0,
            }));
            return Vec::new();
        }
        Command::Batches => return super::batch::open(app),
        Command::Screen(sc) => return super::screens::command(app, sc),
        _ => {}
    }
    match app.screen {
        Screen::Queue if app.typing_filter => filter_command(app, c),
        Screen::Queue => queue_command(app, c),
        Screen::Ticket => ticket_command(app, c),
        Screen::Form => super::form::command(app, c),
        Screen::Batch => super::batch::command(app, c),
        Screen::Login | Screen::Audit => Vec::new(),
        _ => super::screens::general(app, c),
    }
}

/// `z`: undo the analyst's own last move on the ticket (the desk decides
/// whether it may, and says why not).
fn undo_key(app: &mut App, id: Option<String>) -> Vec<Effect> {
    match id {
        Some(id) => run_effect(
            app,
            Effect::Act {
                ids: vec![id],
                action: Move::Undo,
                reasons: Vec::new(),
                seen: None,
            },
        ),
        None => Vec::new(),
    }
}

pub(crate) fn run_effect(app: &mut App, mut e: Effect) -> Vec<Effect> {
    app.busy += 1;
    super::team::mark_seen(app, &mut e);
    if let Effect::Act { action, ids, .. } = &e {
        app.info(s::working(*action, ids.len()));
    }
    vec![e]
}

fn filter_command(app: &mut App, c: Command) -> Vec<Effect> {
    match c {
        Command::Accept => return super::filter_input::accept(app),
        Command::Complete => super::filter_input::complete(app),
        Command::Back => {
            app.typing_filter = false;
            app.filters.text.clear();
            app.filter_history.reset();
            app.refilter();
        }
        Command::OlderFilter => super::filter_history::older(app),
        Command::NewerFilter => super::filter_history::newer(app),
        _ => {}
    }
    Vec::new()
}

fn status_tab(n: u8) -> Option<Status> {
    (n > 0)
        .then(|| Status::ALL.get(n as usize - 1).copied())
        .flatten()
}

fn tab_number(s: Option<Status>) -> u8 {
    s.and_then(|s| Status::ALL.iter().position(|x| *x == s))
        .map(|p| p as u8 + 1)
        .unwrap_or(0)
}

fn queue_command(app: &mut App, c: Command) -> Vec<Effect> {
    let page = app.page() as i64;
    match c {
        Command::CopyId | Command::CopyDni => super::copy::copy(app, c == Command::CopyDni),
        Command::Undo => return undo_key(app, app.current_row().map(|r| r.id)),
        Command::Up => app.move_cursor(-1),
        Command::Down => app.move_cursor(1),
        Command::PageUp => app.move_cursor(-page),
        Command::PageDown => app.move_cursor(page),
        Command::Home => app.move_cursor(i64::MIN / 2),
        Command::End => app.move_cursor(i64::MAX / 2),
        Command::Accept => {
            if let Some(row) = app.current_row() {
                let id = row.id.clone();
                return open_ticket(app, id);
            }
        }
        Command::Filter => app.typing_filter = true,
        Command::StatusTab(n) => super::queue_open::switch_tab(app, status_tab(n)),
        Command::NextTab | Command::PrevTab => {
            let n = tab_number(app.filters.status) as i32;
            let step = if c == Command::NextTab { 1 } else { 9 };
            super::queue_open::switch_tab(app, status_tab(((n + step) % 10) as u8));
        }
        Command::ToggleUrgent => {
            app.filters.urgent = !app.filters.urgent;
            app.refilter();
        }
        Command::CycleKind => {
            app.filters.kind = match app.filters.kind {
                None => Some(Kind::ALL[0]),
                Some(k) => Kind::ALL
                    .iter()
                    .position(|x| *x == k)
                    .and_then(|p| Kind::ALL.get(p + 1))
                    .copied(),
            };
            app.refilter();
        }
        Command::ToggleSelect => {
            if let Some(id) = app.current_row().map(|r| r.id.clone()) {
                if !app.selected.remove(&id) {
                    app.selected.insert(id);
                }
                app.move_cursor(1);
            }
        }
        Command::SelectAll => {
            let visible: Vec<String> = app
                .queue
                .visible
                .iter()
                .map(|i| app.queue.id(*i).into_owned())
                .collect();
            if !visible.is_empty() && visible.iter().all(|id| app.selected.contains(id)) {
                for id in &visible {
                    app.selected.remove(id);
                }
            } else {
                app.selected.extend(visible);
            }
            app.info(s::selected(app.selected.len()));
        }
        Command::Back => {
            if !app.filters.is_empty() {
                app.filters = Filters::default();
                app.refilter();
                app.info(s::filters_cleared());
            } else if !app.selected.is_empty() {
                app.selected.clear();
                app.info(s::selection_cleared());
            }
        }
        Command::Take | Command::Schedule => return act_on_many(app, c),
        Command::TakeNext => return super::team::take_next(app),
        Command::Reassign => return super::reassign::start(app),
        Command::CycleOwner => super::team::cycle_owner(app),
        Command::Observe | Command::Withdraw | Command::Close => {
            if let Some(row) = app.current_row() {
                let (id, kind, status) = (row.id.clone(), row.kind, row.status);
                return act_on_one(app, c, id, kind, status);
            }
            app.error(s::nothing_selected());
        }
        Command::NewTicket => super::form::open(app),
        Command::Audit => return super::audit::open(app),
        Command::Views => {
            app.modal = Some(Modal::Views {
                cursor: 0,
                naming: None,
            })
        }
        Command::ChooseColumns => app.modal = Some(Modal::Columns { cursor: 0 }),
        Command::SortNext => {
            // Arrival order is the default, so the cycle starts after it.
            let order = &Column::ALL[1..];
            app.filters.sort = match app.filters.sort {
                None => Some(order[0]),
                Some(c) => order
                    .iter()
                    .position(|x| *x == c)
                    .and_then(|p| order.get(p + 1))
                    .copied(),
            };
            app.refilter();
        }
        Command::SortReverse => {
            app.filters.descending = !app.filters.descending;
            app.refilter();
        }
        Command::Reload => {
            app.busy += 1;
            app.info(s::reloading());
            return vec![Effect::LoadQueue];
        }
        _ => {}
    }
    Vec::new()
}

pub(crate) fn open_ticket(app: &mut App, id: String) -> Vec<Effect> {
    if app.screen != Screen::Ticket {
        // Esc comes back to the screen the ticket was opened from.
        app.back_to = match app.screen {
            Screen::Batch | Screen::Outbox | Screen::People | Screen::Certs => app.screen,
            _ => Screen::Queue,
        };
    }
    app.screen = Screen::Ticket;
    app.typing_filter = false;
    app.detail = Some(Detail {
        id: id.clone(),
        loaded: None,
        scroll: 0,
    });
    app.busy += 1;
    vec![Effect::LoadTicket(id)]
}

fn ticket_command(app: &mut App, c: Command) -> Vec<Effect> {
    let Some(d) = &app.detail else {
        app.screen = Screen::Queue;
        return Vec::new();
    };
    let id = d.id.clone();
    match c {
        Command::CopyId | Command::CopyDni => super::copy::copy(app, c == Command::CopyDni),
        Command::Undo => return undo_key(app, Some(id)),
        Command::ViewPhoto => super::photo::open(app),
        Command::Back => {
            app.screen = app.back_to;
            if app.screen == Screen::Batch {
                return super::batch::reload(app);
            }
        }
        Command::Up => app.scroll_detail(-1),
        Command::Down => app.scroll_detail(1),
        Command::PageUp => app.scroll_detail(-10),
        Command::PageDown => app.scroll_detail(10),
        Command::Home => app.scroll_detail(-100_000),
        Command::End => app.scroll_detail(100_000),
        Command::Reload => {
            app.busy += 1;
            return vec![Effect::LoadTicket(id)];
        }
        Command::PrevTicket | Command::NextTicket => {
            let here = app
                .queue
                .visible
                .iter()
                .position(|i| app.queue.has_id(*i, &id))
                .unwrap_or(app.cursor);
            let next = if c == Command::NextTicket {
                here + 1
            } else {
                here.wrapping_sub(1)
            };
            if let Some(row) = app.queue.visible_row(next) {
                let next_id = row.id.clone();
                app.cursor = next;
                app.clamp();
                return open_ticket(app, next_id);
            }
        }
        Command::Reassign => return super::reassign::start(app),
        Command::Take
        | Command::Schedule
        | Command::Observe
        | Command::Withdraw
        | Command::Close => {
            let (kind, status) = match (&d.loaded, app.queue.get(&id)) {
                (Some(l), _) => (l.ticket.kind, l.ticket.status),
                (None, Some(r)) => (r.kind, r.status),
                (None, None) => return Vec::new(),
            };
            return act_on_one(app, c, id, kind, status);
        }
        _ => {}
    }
    Vec::new()
}

fn click(app: &mut App, column: u16, row: u16) -> Vec<Effect> {
    if app.modal.is_none() && app.screen != Screen::Queue {
        return super::list_click::click(app, column, row);
    }
    if app.modal.is_some() || app.screen != Screen::Queue {
        return Vec::new();
    }
    let layout = views::queue::layout(app, app.area());
    let tabs = layout.tabs;
    if row >= tabs.y && row < tabs.y + tabs.height {
        if let Some(n) = views::queue::tab_at(app, tabs.width, row - tabs.y, column - tabs.x) {
            return queue_command(app, Command::StatusTab(n));
        }
        return Vec::new();
    }
    let table = layout.table;
    // The first line of the table is its header.
    if column >= table.x
        && column < table.x + table.width
        && row > table.y
        && row < table.y + table.height
    {
        let n = app.offset + (row - table.y - 1) as usize;
        if n < app.queue.visible.len() {
            app.cursor = n;
            app.clamp();
        }
    }
    Vec::new()
}

/// The columns on screen: the chosen ones, or the defaults for the width.
pub fn effective_columns(app: &App, wide: bool) -> Vec<Column> {
    app.columns
        .clone()
        .unwrap_or_else(|| Column::defaults(wide))
}

fn views_command(
    app: &mut App,
    mut cursor: usize,
    naming: Option<String>,
    c: Command,
) -> Vec<Effect> {
    if let Some(name) = naming {
        return match c {
            Command::Back => {
                app.modal = Some(Modal::Views {
                    cursor,
                    naming: None,
                });
                Vec::new()
            }
            Command::Accept if name.trim().is_empty() => {
                app.error(s::view_name_missing());
                app.modal = Some(Modal::Views {
                    cursor,
                    naming: Some(name),
                });
                Vec::new()
            }
            Command::Accept => {
                app.busy += 1;
                vec![Effect::SaveView {
                    slot: cursor as u8 + 1,
                    view: SavedView::of(&name, &app.filters, &app.columns),
                }]
            }
            _ => {
                app.modal = Some(Modal::Views {
                    cursor,
                    naming: Some(name),
                });
                Vec::new()
            }
        };
    }
    let load = |app: &mut App, slot: u8| {
        match app.views.iter().find(|(n, _)| *n == slot).cloned() {
            Some((_, v)) => {
                app.filters = v.filters();
                app.columns = v.columns.clone();
                app.refilter();
                app.info(s::view_loaded(&v.name));
            }
            None => app.error(s::view_empty(slot)),
        }
        Vec::new()
    };
    match c {
        Command::Back => return Vec::new(),
        Command::LoadView(n) => return load(app, n),
        Command::Accept => return load(app, cursor as u8 + 1),
        Command::Up => cursor = cursor.saturating_sub(1),
        Command::Down => cursor = (cursor + 1).min(8),
        Command::Home => cursor = 0,
        Command::End => cursor = 8,
        Command::SaveView => {
            let current = app
                .views
                .iter()
                .find(|(n, _)| *n as usize == cursor + 1)
                .map(|(_, v)| v.name.clone())
                .unwrap_or_default();
            app.modal = Some(Modal::Views {
                cursor,
                naming: Some(current),
            });
            return Vec::new();
        }
        _ => {}
    }
    app.modal = Some(Modal::Views {
        cursor,
        naming: None,
    });
    Vec::new()
}

fn columns_command(app: &mut App, mut cursor: usize, c: Command) -> Vec<Effect> {
    match c {
        Command::Back | Command::Accept => return Vec::new(),
        Command::Up => cursor = cursor.saturating_sub(1),
        Command::Down => cursor = (cursor + 1).min(Column::ALL.len() - 1),
        Command::ToggleItem => {
            let wide = views::queue::is_wide(app.area());
            let mut cols = effective_columns(app, wide);
            let col = Column::ALL[cursor];
            if cols.contains(&col) {
                cols.retain(|c| *c != col);
            } else {
                cols.push(col);
                cols.sort_by_key(|c| Column::ALL.iter().position(|x| x == c));
            }
            app.columns = Some(cols);
        }
        _ => {}
    }
    app.modal = Some(Modal::Columns { cursor });
    Vec::new()
}
