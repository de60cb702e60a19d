//! Keys while a popup is open: help, the command palette, a confirmation
//! and the reason dialog.

use super::action::Command;
use super::app::{App, Confirm, Effect, Modal, Palette, ReasonDialog, command, run_effect};
use super::palette::palette_matches_recent;
use super::views;
use crate::domain::Move;
use crate::strings::tui as s;

pub(super) fn help_command(app: &mut App, scroll: u16, c: Command) -> Vec<Effect> {
    let scroll = match c {
        Command::Back | Command::Help => return Vec::new(),
        Command::Palette => {
            return command(app, Command::Palette);
        }
        Command::Up => scroll.saturating_sub(1),
        Command::Down => scroll.saturating_add(1),
        Command::PageUp => scroll.saturating_sub(10),
        Command::PageDown => scroll.saturating_add(10),
        Command::Home => 0,
        Command::End => u16::MAX,
        _ => scroll,
    };
    let max = views::help::max_scroll(app.area());
    app.modal = Some(Modal::Help {
        scroll: scroll.min(max),
    });
    Vec::new()
}

pub(super) fn palette_command(app: &mut App, mut p: Palette, c: Command) -> Vec<Effect> {
    let matches = palette_matches_recent(&p.query, app.role, &app.filter_history.palette);
    match c {
        Command::Back => return Vec::new(),
        Command::Up => p.cursor = p.cursor.saturating_sub(1),
        Command::Down => p.cursor = (p.cursor + 1).min(matches.len().saturating_sub(1)),
        Command::Accept => {
            return match matches.get(p.cursor) {
                Some(chosen) => {
                    let mut effects = super::filter_history::record_command(app, *chosen);
                    effects.extend(command(app, *chosen));
                    effects
                }
                None => Vec::new(),
            };
        }
        _ => {}
    }
    app.modal = Some(Modal::Palette(p));
    Vec::new()
}

pub(super) fn confirm_command(app: &mut App, mut cf: Confirm, c: Command) -> Vec<Effect> {
    match c {
        Command::Yes => run_effect(app, cf.then),
        Command::Accept if cf.yes => run_effect(app, cf.then),
        Command::No | Command::Back | Command::Accept => {
            app.info(s::cancelled());
            Vec::new()
        }
        Command::SwitchChoice => {
            cf.yes = !cf.yes;
            app.modal = Some(Modal::Confirm(cf));
            Vec::new()
        }
        _ => {
            app.modal = Some(Modal::Confirm(cf));
            Vec::new()
        }
    }
}

pub(super) fn reason_command(app: &mut App, mut r: Box<ReasonDialog>, c: Command) -> Vec<Effect> {
    match c {
        Command::Back => {
            app.info(s::cancelled());
            return Vec::new();
        }
        Command::NextField => r.on_text = !r.on_text || r.items.is_empty(),
        Command::Up if !r.on_text => r.cursor = r.cursor.saturating_sub(1),
        Command::Down if !r.on_text => {
            r.cursor = (r.cursor + 1).min(r.items.len().saturating_sub(1))
        }
        Command::ToggleItem if !r.on_text => {
            if let Some(item) = r.items.get_mut(r.cursor) {
                item.1 = !item.1;
            }
        }
        Command::ToggleItem => {
            r.text.insert_char(' ');
        }
        Command::Accept => {
            let reasons = r.reasons();
            if reasons.is_empty() {
                r.error = Some(s::reason_missing().to_string());
            } else if r.action == Move::Withdraw {
                app.modal = Some(Modal::Confirm(Confirm {
                    title: s::confirm_withdraw_title(&r.id),
                    lines: reasons.clone(),
                    yes: false,
                    then: Effect::Act {
                        ids: vec![r.id.clone()],
                        seen: None,
                        action: Move::Withdraw,
                        reasons,
                    },
                }));
                return Vec::new();
            } else {
                return run_effect(
                    app,
                    Effect::Act {
                        ids: vec![r.id.clone()],
                        seen: None,
                        action: r.action,
                        reasons,
                    },
                );
            }
        }
        _ => {}
    }
    app.modal = Some(Modal::Reason(r));
    Vec::new()
}
