//! The outbox screen's state: every email to staff, by status (pending,
//! failed, sent), the chosen one in detail with the server's reply, and a
//! key that puts a failed message back in line.
//!
//! The whole outbox is read when the screen opens (and on Ctrl-r); while it
//! is on view, the pending messages are re-read every few seconds, so what
//! the sender delivers shows up without reading the whole outbox again.

use super::action::Command;
use super::app::{App, Effect, Screen};
use super::screens::{self, Cursor, MailSender, ScreenEffect};
use super::tabbed::{self, TabbedList};
use super::views;
use crate::desk::Desk;
use crate::mail::sender;
use crate::store::outbox::{OutboxEntry, OutboxStatus};
use crate::strings::screens as s;

/// Ticks (seconds) between two re-reads of the pending messages.
const REFRESH_TICKS: u32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Pending,
    Failed,
    Sent,
    All,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Pending, Tab::Failed, Tab::Sent, Tab::All];

    pub fn status(self) -> Option<OutboxStatus> {
        match self {
            Tab::Pending => Some(OutboxStatus::Pending),
            Tab::Failed => Some(OutboxStatus::Failed),
            Tab::Sent => Some(OutboxStatus::Sent),
            Tab::All => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct OutboxScreen {
    /// Every message read, without its bodies, newest first.
    pub entries: Vec<OutboxEntry>,
    /// Positions in `entries` shown under the tab, in the tab's order.
    pub visible: Vec<usize>,
    pub loaded: bool,
    /// A read is under way: another is not asked for.
    pub reading: bool,
    pub tab: Tab,
    pub cursor: Cursor,
    /// Ticks since the last read.
    pub ticks: u32,
}

impl OutboxScreen {
    pub fn count(&self, tab: Tab) -> usize {
        match tab.status() {
            None => self.entries.len(),
            Some(st) => self.entries.iter().filter(|e| e.status == st).count(),
        }
    }

    pub fn current(&self) -> Option<&OutboxEntry> {
        self.visible.get(self.cursor.at).map(|i| &self.entries[*i])
    }

    /// Puts fresh copies of messages in place of the old ones (new ones in
    /// their place, newest first).
    fn merge(&mut self, fresh: Vec<OutboxEntry>) {
        for e in fresh {
            match self.entries.iter_mut().find(|x| x.id == e.id) {
                Some(x) => *x = e,
                None => {
                    let at = self
                        .entries
                        .partition_point(|x| (x.created_at, &x.id) > (e.created_at, &e.id));
                    self.entries.insert(at, e);
                }
            }
        }
    }
}

impl TabbedList for OutboxScreen {
    type Tab = Tab;
    const TABS: &'static [Tab] = &Tab::ALL;
    fn parts(&mut self) -> (&mut Tab, &mut Cursor, &mut Vec<usize>) {
        (&mut self.tab, &mut self.cursor, &mut self.visible)
    }
    fn refresh_view(&mut self, page: usize) {
        let keep = self.current().map(|e| e.id.clone());
        let st = self.tab.status();
        let mut visible: Vec<usize> = (0..self.entries.len())
            .filter(|i| st.is_none_or(|s| self.entries[*i].status == s))
            .collect();
        let e = &self.entries;
        match self.tab {
            // The next to go first.
            Tab::Pending => visible.sort_by_key(|i| (e[*i].next_attempt_at, e[*i].id.clone())),
            Tab::Sent => visible.sort_by(|a, b| e[*b].sent_at.cmp(&e[*a].sent_at)),
            Tab::Failed | Tab::All => {}
        }
        self.visible = visible;
        let found = keep.and_then(|id| self.visible.iter().position(|i| self.entries[*i].id == id));
        tabbed::keep(&mut self.cursor, found, self.visible.len(), page);
    }
}

fn page(app: &App) -> usize {
    views::outbox::page(app)
}

fn screen(app: &mut App) -> &mut OutboxScreen {
    &mut app.screens.outbox
}

pub fn open(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Outbox;
    app.typing_filter = false;
    read_all(app)
}

fn read_all(app: &mut App) -> Vec<Effect> {
    let o = screen(app);
    o.reading = true;
    o.ticks = 0;
    screens::work(app, ScreenEffect::LoadOutbox)
}

pub fn command(app: &mut App, c: Command) -> Vec<Effect> {
    let page = page(app);
    tabbed::command(app, c, page, screen, read_all)
}

pub fn scroll(app: &mut App, n: i64) {
    let page = page(app);
    tabbed::scroll(app, n, page, screen);
}

/// The retry key: a sent message is refused here (it would go twice).
pub fn retry(app: &mut App) -> Vec<Effect> {
    let Some(e) = app.screens.outbox.current() else {
        screens::error(app, s::no_message());
        return Vec::new();
    };
    if e.status == OutboxStatus::Sent {
        let text = crate::strings::mail::already_sent(&e.id);
        screens::error(app, text);
        return Vec::new();
    }
    let id = e.id.clone();
    screens::work(app, ScreenEffect::Retry(id))
}

pub fn tick(app: &mut App) -> Vec<Effect> {
    let o = screen(app);
    o.ticks += 1;
    if o.reading || o.ticks < REFRESH_TICKS {
        return Vec::new();
    }
    o.ticks = 0;
    o.reading = true;
    let pending = o
        .entries
        .iter()
        .filter(|e| e.status == OutboxStatus::Pending)
        .map(|e| e.id.clone())
        .collect();
    // In the background: not counted as work the analyst waits for.
    vec![Effect::Screen(ScreenEffect::RefreshOutbox(pending))]
}

pub fn loaded(app: &mut App, result: Result<Vec<OutboxEntry>, String>, whole: bool) -> Vec<Effect> {
    if whole {
        screens::done(app);
    }
    let page = page(app);
    let o = screen(app);
    o.reading = false;
    match result {
        Ok(entries) => {
            if whole {
                o.entries.clear();
            }
            o.merge(entries);
            o.loaded = true;
            o.refresh_view(page);
        }
        Err(e) => screens::error(app, e),
    }
    Vec::new()
}

pub fn retried(app: &mut App, result: Result<Box<OutboxEntry>, String>) -> Vec<Effect> {
    screens::done(app);
    match result {
        Ok(e) => {
            let running = matches!(app.screens.sender, MailSender::Running(_));
            let text = s::retried(&e.to_name, &e.to, running);
            let page = page(app);
            let o = screen(app);
            o.merge(vec![light(*e)]);
            o.refresh_view(page);
            screens::info(app, text);
        }
        Err(e) => screens::error(app, e),
    }
    Vec::new()
}

/// A message as the screen keeps it: without its bodies (the screen never
/// shows them), and with any SMTP password blanked out of every text it
/// shows, whatever a server may have echoed.
fn light(mut e: OutboxEntry) -> OutboxEntry {
    e.text = String::new();
    e.html = String::new();
    e
}

fn redact(mut e: OutboxEntry, secrets: &[String]) -> OutboxEntry {
    for secret in secrets {
        let hide = |t: &mut String| {
            if t.contains(secret.as_str()) {
                *t = t.replace(secret.as_str(), crate::strings::mail::redacted());
            }
        };
        hide(&mut e.to_name);
        hide(&mut e.to);
        hide(&mut e.subject);
        if let Some(r) = &mut e.last_error {
            hide(r);
        }
    }
    e
}

/// The SMTP passwords this desk may use: the configuration's and the
/// environment's.
fn secrets(desk: &Desk) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let from_env = desk.config.mail.clone().with_process_env().ok();
    for s in [Some(&desk.config.mail), from_env.as_ref()]
        .into_iter()
        .flatten()
        .filter_map(|m| m.smtp.password.as_ref())
    {
        if !s.expose().is_empty() && !out.iter().any(|o| o == s.expose()) {
            out.push(s.expose().to_string());
        }
    }
    out
}

fn shown(desk: &Desk, entries: Vec<OutboxEntry>) -> Vec<OutboxEntry> {
    let secrets = secrets(desk);
    entries
        .into_iter()
        .map(|e| redact(light(e), &secrets))
        .collect()
}

/// Every message, newest first.
pub fn load(desk: &Desk) -> Result<Vec<OutboxEntry>, String> {
    let mut all = desk.store.outbox().map_err(|e| e.to_string())?;
    all.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
    Ok(shown(desk, all))
}

/// The messages that were pending, as they are now, and every message
/// pending now.
pub fn refresh(desk: &Desk, were_pending: &[String]) -> Result<Vec<OutboxEntry>, String> {
    let mut out = desk.store.outbox_pending().map_err(|e| e.to_string())?;
    for id in were_pending {
        if out.iter().any(|e| e.id == *id) {
            continue;
        }
        out.extend(desk.store.outbox_entry(id).map_err(|e| e.to_string())?);
    }
    Ok(shown(desk, out))
}

pub fn run_retry(desk: &Desk, id: &str) -> Result<OutboxEntry, String> {
    sender::retry(&desk.store, id, desk.now())
        .map(|e| redact(e, &secrets(desk)))
        .map_err(|e| e.to_string())
}
