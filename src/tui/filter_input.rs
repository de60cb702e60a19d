//! The queue's filter line as the analyst types it: expressions checked
//! (`estado:nuevo`), Tab completion, and Enter refused (the text kept) while
//! an expression is wrong.

use super::app::{App, Effect};
use crate::domain::filter_expr::{self, ExprError};
use crate::strings::find as s;

/// What is wrong with the filter's expressions, if anything.
pub fn error(app: &App) -> Option<ExprError> {
    filter_expr::parse(&app.filters.text).err()
}

/// Enter: done typing, unless an expression is wrong; then the text stays
/// to be fixed and the status line says what is wrong and what is valid.
pub fn accept(app: &mut App) -> Vec<Effect> {
    match error(app) {
        Some(e) => {
            app.error(s::expr_refused(&e));
            Vec::new()
        }
        None => {
            app.typing_filter = false;
            super::filter_history::record(app)
        }
    }
}

/// Tab: completes the last word's key or value when only one fits.
pub fn complete(app: &mut App) {
    if let Some(text) = filter_expr::complete(&app.filters.text) {
        app.filters.text = text;
        app.refilter();
    }
}
