//! Saved views: an analyst's filters, columns and sort under a name and a
//! number key, kept in the store per analyst.

use serde::{Deserialize, Serialize};

use super::queue_index::Filters;
use crate::domain::{Kind, Status};

/// The queue's optional columns (the id is always shown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Arrival,
    Kind,
    Applicant,
    Dni,
    Status,
    Dispatch,
    Age,
    /// Who has it («Analista»).
    Owner,
}

impl Column {
    pub const ALL: [Column; 8] = [
        Column::Arrival,
        Column::Kind,
        Column::Applicant,
        Column::Dni,
        Column::Status,
        Column::Dispatch,
        Column::Age,
        Column::Owner,
    ];

    /// Columns shown when the view does not choose: all but the arrival
    /// time (the age tells it) and the owner on narrow terminals.
    pub fn defaults(wide: bool) -> Vec<Column> {
        Column::ALL
            .into_iter()
            .filter(|c| wide || !matches!(c, Column::Arrival | Column::Owner))
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub name: String,
    pub status: Option<Status>,
    pub kind: Option<Kind>,
    pub urgent: bool,
    pub text: String,
    /// `None`: the defaults for the terminal's width.
    pub columns: Option<Vec<Column>>,
    pub sort: Option<Column>,
    pub descending: bool,
}

impl SavedView {
    pub fn of(name: &str, f: &Filters, columns: &Option<Vec<Column>>) -> SavedView {
        SavedView {
            name: name.trim().to_string(),
            status: f.status,
            kind: f.kind,
            urgent: f.urgent,
            text: f.text.clone(),
            columns: columns.clone(),
            sort: f.sort,
            descending: f.descending,
        }
    }

    pub fn filters(&self) -> Filters {
        Filters {
            status: self.status,
            kind: self.kind,
            urgent: self.urgent,
            text: self.text.clone(),
            sort: self.sort,
            descending: self.descending,
            owner: None,
        }
    }
}
