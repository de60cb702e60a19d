//! The command palette's list: every user command the one signed in may
//! use, but plain movement, matched fuzzily. Leaving ("Salir") is always
//! the last entry, so that `:` then Enter never quits.

use super::action::Command;
use super::keymap::{self, Scope};
use crate::domain::query::fold;
use crate::domain::role::Role;
use crate::strings::tui as s;

/// The commands the palette offers to `role`, harmless first, quitting last.
pub fn palette_commands(role: Option<Role>) -> Vec<Command> {
    let mut out: Vec<Command> = Vec::new();
    for b in keymap::KEYMAP {
        if !matches!(b.scope, Scope::Global | Scope::Queue | Scope::Ticket) || !b.allowed(role) {
            continue;
        }
        if matches!(
            b.command,
            Command::Up
                | Command::Down
                | Command::PageUp
                | Command::PageDown
                | Command::Home
                | Command::End
                | Command::Back
                | Command::Accept
                | Command::Palette
                | Command::Quit
        ) {
            continue;
        }
        if !out.contains(&b.command) {
            out.push(b.command);
        }
    }
    out.push(Command::Quit);
    out
}

/// Subsequence match of the query in the label, ignoring case and accents;
/// lower scores are better.
pub fn fuzzy_score(query: &str, label: &str) -> Option<usize> {
    let label = fold(label);
    let mut chars = label.char_indices();
    let mut score = 0;
    let mut last: Option<usize> = None;
    for q in fold(query).chars().filter(|c| !c.is_whitespace()) {
        let (i, _) = chars.by_ref().find(|(_, c)| *c == q)?;
        score += match last {
            Some(l) if i == l + 1 => 0,
            Some(l) => i - l,
            None => i,
        };
        last = Some(i);
    }
    Some(score)
}

/// The palette's matches for its query, best first; with nothing typed,
/// the analyst's recent commands (newest first) lead.
pub fn palette_matches_recent(query: &str, role: Option<Role>, recent: &[Command]) -> Vec<Command> {
    let mut all = palette_matches(query, role);
    if query.trim().is_empty() {
        let mut lead: Vec<Command> = recent
            .iter()
            .rev()
            .filter(|c| all.contains(c))
            .copied()
            .collect();
        lead.dedup();
        all.retain(|c| !lead.contains(c));
        lead.extend(all);
        return lead;
    }
    all
}

/// The palette's matches for its query, best first.
pub fn palette_matches(query: &str, role: Option<Role>) -> Vec<Command> {
    let mut scored: Vec<(usize, usize, Command)> = palette_commands(role)
        .into_iter()
        .enumerate()
        .filter_map(|(i, c)| fuzzy_score(query, s::command(c)).map(|sc| (sc, i, c)))
        .collect();
    scored.sort_by_key(|(score, i, _)| (*score, *i));
    scored.into_iter().map(|(_, _, c)| c).collect()
}
