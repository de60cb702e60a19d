//! The audit screen (the supervisor's): whether the chain verifies, the
//! latest entries, and everything about one person by DNI.

use crossterm::event::KeyEvent;

use super::action::Command;
use super::app::{App, Effect, Screen};
use crate::domain::audit::AuditEntry;
use crate::domain::role::Capability;

/// What the desk gave the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditPage {
    /// Entries and last hash when the chain verifies; the message naming
    /// the first broken entry when not.
    pub verified: Result<(u64, String), String>,
    /// Newest first.
    pub entries: Vec<AuditEntry>,
    /// The DNI asked about, if any.
    pub dni: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditScreen {
    pub page: Option<AuditPage>,
    pub cursor: usize,
    pub offset: usize,
    /// The DNI being typed after `/`.
    pub typing: Option<String>,
}

/// `A` from the queue: refused in the status line for an analyst.
pub fn open(app: &mut App) -> Vec<Effect> {
    if !super::login::allowed(app, Capability::ReadAudit) {
        return Vec::new();
    }
    app.screen = Screen::Audit;
    app.audit = Some(AuditScreen::default());
    app.busy += 1;
    vec![Effect::LoadAudit { dni: None }]
}

pub fn key(app: &mut App, ev: &KeyEvent) {
    if let Some(AuditScreen {
        typing: Some(text), ..
    }) = &mut app.audit
    {
        super::app::edit_line(text, ev);
    }
}

pub fn command(app: &mut App, c: Command) -> Vec<Effect> {
    let Some(a) = &mut app.audit else {
        app.screen = Screen::Queue;
        return Vec::new();
    };
    if let Some(text) = &a.typing {
        return match c {
            Command::Accept => {
                let dni = text.trim().to_string();
                a.typing = None;
                app.busy += 1;
                vec![Effect::LoadAudit {
                    dni: (!dni.is_empty()).then_some(dni),
                }]
            }
            Command::Back => {
                a.typing = None;
                Vec::new()
            }
            _ => Vec::new(),
        };
    }
    let n = a.page.as_ref().map_or(0, |p| p.entries.len());
    let last = n.saturating_sub(1);
    match c {
        Command::Back => {
            app.screen = Screen::Queue;
            app.audit = None;
        }
        Command::Up => a.cursor = a.cursor.saturating_sub(1),
        Command::Down => a.cursor = (a.cursor + 1).min(last),
        Command::PageUp => a.cursor = a.cursor.saturating_sub(10),
        Command::PageDown => a.cursor = (a.cursor + 10).min(last),
        Command::Home => a.cursor = 0,
        Command::End => a.cursor = last,
        Command::Filter => a.typing = Some(String::new()),
        Command::Reload => {
            let dni = a.page.as_ref().and_then(|p| p.dni.clone());
            app.busy += 1;
            return vec![Effect::LoadAudit { dni }];
        }
        _ => {}
    }
    Vec::new()
}

pub fn loaded(app: &mut App, result: Result<AuditPage, String>) {
    app.busy = app.busy.saturating_sub(1);
    match result {
        Ok(page) => {
            if let Some(a) = &mut app.audit {
                a.cursor = 0;
                a.offset = 0;
                a.page = Some(page);
            }
        }
        Err(e) => {
            // Refused (or the store failed): back to the queue, saying why.
            app.screen = Screen::Queue;
            app.audit = None;
            app.status = Some(super::app::StatusLine {
                text: e,
                level: super::app::Level::Error,
            });
        }
    }
}
