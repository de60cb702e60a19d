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
    vec![Effect::FilterHistory(Some(h.items.clone()))]
}

/// The stored history arrived (or was saved): an error only says so.
pub fn loaded(app: &mut App, result: Result<Vec<String>, String>) {
    match result {
        Ok(items) => app.filter_history.items = items,
        Err(e) => app.error(e),
    }
}
