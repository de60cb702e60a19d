//! Closing an installation ticket: the medium the certificate went onto
//! (required, as in `mesa close --medium`) and, when known, its expiry.
//! Then the usual confirmation, whose default is No. The private-key
//! password is typed by the staff member on the device: nothing here asks
//! for it.

use crossterm::event::{KeyCode, KeyEvent};
use tui_textarea::TextArea;

use super::action::Command;
use super::app::{App, Confirm, Effect, Modal};
use crate::domain::Kind;
use crate::domain::certificate::{CloseDetails, Medium};
use crate::strings;
use crate::strings::close_dialog as s;

#[derive(Debug, Clone)]
pub struct CloseDialog {
    pub id: String,
    /// Index into `Medium::ALL`; none chosen at first, so a medium is
    /// always picked on purpose.
    pub medium: Option<usize>,
    pub on_expiry: bool,
    pub expiry: TextArea<'static>,
    pub error: Option<String>,
}

impl CloseDialog {
    /// The details to close with, or why they are not acceptable.
    pub fn details(&self) -> Result<CloseDetails, String> {
        let medium = self
            .medium
            .and_then(|i| Medium::ALL.get(i).copied())
            .ok_or_else(|| s::medium_missing().to_string())?;
        let typed = self.expiry.lines().join(" ");
        let expires_on = match typed.trim() {
            "" => None,
            text => Some(
                crate::domain::applicant::parse_date(text)
                    .map_err(|rule| s::bad_expiry(&strings::rule_text(&rule)))?,
            ),
        };
        Ok(CloseDetails {
            medium: Some(medium),
            expires_on,
        })
    }
}

pub fn open(app: &mut App, id: String) -> Vec<Effect> {
    let mut expiry = TextArea::default();
    expiry.set_placeholder_text(s::expiry_placeholder());
    app.modal = Some(Modal::Close(Box::new(CloseDialog {
        id,
        medium: None,
        on_expiry: false,
        expiry,
        error: None,
    })));
    Vec::new()
}

/// Typing: 1-3 pick a medium from the list; anything else goes to the date.
pub fn input(app: &mut App, ev: KeyEvent) {
    let Some(Modal::Close(d)) = &mut app.modal else {
        return;
    };
    d.error = None;
    if !d.on_expiry {
        match ev.code {
            KeyCode::Char(c @ '1'..='3') => {
                d.medium = Some(c as usize - '1' as usize);
                return;
            }
            KeyCode::Char(' ') => {
                d.medium = Some(d.medium.unwrap_or(0));
                return;
            }
            KeyCode::Char(_) => d.on_expiry = true,
            _ => return,
        }
    }
    d.expiry.input(ev);
}

pub fn command(app: &mut App, mut d: Box<CloseDialog>, c: Command) -> Vec<Effect> {
    let last = Medium::ALL.len() - 1;
    match c {
        Command::Back => {
            app.info(strings::tui::cancelled());
            return Vec::new();
        }
        Command::NextField => d.on_expiry = !d.on_expiry,
        Command::Up => {
            d.on_expiry = false;
            d.medium = Some(d.medium.map_or(0, |m| m.saturating_sub(1)));
        }
        Command::Down => {
            d.on_expiry = false;
            d.medium = Some(d.medium.map_or(0, |m| (m + 1).min(last)));
        }
        Command::Accept => match d.details() {
            Ok(details) => {
                let mut lines =
                    vec![strings::tui::confirm_close_line(Kind::Instalacion).to_string()];
                lines.push(s::summary(&details));
                app.modal = Some(Modal::Confirm(Confirm {
                    title: strings::tui::confirm_close_title(&d.id),
                    lines,
                    yes: false,
                    then: Effect::CloseWith {
                        id: d.id.clone(),
                        details,
                    },
                }));
                return Vec::new();
            }
            Err(why) => d.error = Some(why),
        },
        _ => {}
    }
    app.modal = Some(Modal::Close(d));
    Vec::new()
}
