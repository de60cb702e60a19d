//! ↑ / ↓ in the queue's filter walk what the analyst filtered by before,
//! newest first, as a shell does; the list is kept per analyst in the
//! store (beside the saved views) so it outlives the session.

use super::app::{App, Effect};

/// Filters remembered per analyst.
pub const KEPT: usize = 50;

#[derive(Debug, Clone, Default)]
pub struct History {
    /// Oldest first, no repeats.
    pub items: Vec<String>,
    /// Commands chosen in the palette, oldest first, no repeats.
    pub palette: Vec<super::action::Command>,
    /// The entry shown while walking, and the text typed before walking.
    at: Option<usize>,
    draft: String,
}

impl History {
    pub fn reset(&mut self) {
        self.at = None;
        self.draft.clear();
    }
}

fn show(app: &mut App, text: String) {
    app.filters.text = text;
    app.refilter();
}

/// ↑: the previous filter (the typed text is kept to come back to).
pub fn older(app: &mut App) {
    let h = &mut app.filter_history;
    if h.items.is_empty() {
        return;
    }
    let at = match h.at {
        None => {
            h.draft = app.filters.text.clone();
            h.items.len() - 1
        }
        Some(i) => i.saturating_sub(1),
    };
    h.at = Some(at);
    let text = h.items[at].clone();
    show(app, text);
}

/// ↓: the next filter, and past the newest the text typed before.
pub fn newer(app: &mut App) {
    let h = &mut app.filter_history;
    let Some(i) = h.at else {
        return;
    };
    let text = if i + 1 < h.items.len() {
        h.at = Some(i + 1);
        h.items[i + 1].clone()
    } else {
        h.at = None;
        std::mem::take(&mut h.draft)
    };
    show(app, text);
}

/// Enter on a filter: it becomes the newest entry, saved for next time.
pub fn record(app: &mut App) -> Vec<Effect> {
    let text = app.filters.text.trim().to_string();
    let h = &mut app.filter_history;
    h.reset();
    if text.is_empty() || h.items.last() == Some(&text) {
        return Vec::new();
    }
    h.items.retain(|t| *t != text);
    h.items.push(text);
    if h.items.len() > KEPT {
        let extra = h.items.len() - KEPT;
        h.items.drain(..extra);
    }
    vec![Effect::FilterHistory(Some(stored(h)))]
}

/// Palette entries are stored after the filters, each marked so.
const PALETTE_MARK: char = '\u{1}';

/// A command chosen in the palette leads it next time (the last 10).
pub fn record_command(app: &mut App, c: super::action::Command) -> Vec<Effect> {
    let h = &mut app.filter_history;
    h.palette.retain(|p| *p != c);
    h.palette.push(c);
    if h.palette.len() > 10 {
        h.palette.remove(0);
    }
    vec![Effect::FilterHistory(Some(stored(h)))]
}

/// Filters and palette commands (by their label), as stored.
fn stored(h: &History) -> Vec<String> {
    let mut out = h.items.clone();
    out.extend(
        h.palette
            .iter()
            .map(|c| format!("{PALETTE_MARK}{}", crate::strings::tui::command(*c))),
    );
    out
}

/// The stored history arrived (or was saved): an error only says so.
pub fn loaded(app: &mut App, result: Result<Vec<String>, String>) {
    match result {
        Ok(items) => {
            let commands = super::palette::palette_commands(None);
            let (palette, filters): (Vec<String>, Vec<String>) =
                items.into_iter().partition(|i| i.starts_with(PALETTE_MARK));
            app.filter_history.items = filters;
            app.filter_history.palette = palette
                .iter()
                .filter_map(|label| {
                    let label = &label[PALETTE_MARK.len_utf8()..];
                    commands
                        .iter()
                        .find(|c| crate::strings::tui::command(**c) == label)
                        .copied()
                })
                .collect();
        }
        Err(e) => app.error(e),
    }
}
