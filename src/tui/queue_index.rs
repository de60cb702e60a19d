//! The queue kept in memory: one compact row per ticket, built once when the
//! console opens and updated from each action's result, so that a keystroke
//! in the filter never reads the store. The text filter narrows the previous
//! matches when the analyst keeps typing.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::saved::Column;
use crate::domain::{Kind, Query, Status};

pub use crate::domain::QueueRow;

fn arrival_key(r: &QueueRow) -> (DateTime<Utc>, &str) {
    (r.registered_at, &r.id)
}

/// The filters of the queue, combined.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub status: Option<Status>,
    pub kind: Option<Kind>,
    pub urgent: bool,
    pub text: String,
    /// `None`: arrival order, the desk's rule.
    pub sort: Option<Column>,
    pub descending: bool,
}

impl Filters {
    pub fn query(&self) -> Query {
        Query {
            statuses: self.status.into_iter().collect(),
            kind: self.kind,
            dispatch_on: None,
            text: self.text.clone(),
            urgent_only: self.urgent,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

#[derive(Debug, Clone, Default)]
pub struct QueueIndex {
    rows: Vec<QueueRow>,
    by_id: HashMap<String, usize>,
    /// Every row's haystack, one after another (scanned in one pass, in
    /// memory order), and where each ends.
    hay: String,
    hay_end: Vec<usize>,
    /// Rows whose text matches `hits_for`, in arrival order.
    hits: Vec<u32>,
    hits_for: String,
    /// Rows passing every filter, in arrival order.
    pub visible: Vec<u32>,
    /// Per status, rows passing every filter but the status.
    pub counts: [usize; 9],
    pub total: usize,
}

fn status_pos(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

impl QueueIndex {
    /// Rows in any order; they are kept in arrival order.
    pub fn new(mut rows: Vec<QueueRow>) -> QueueIndex {
        rows.sort_by(|a, b| arrival_key(a).cmp(&arrival_key(b)));
        let mut q = QueueIndex {
            rows,
            ..QueueIndex::default()
        };
        q.reindex();
        q.hits = (0..q.rows.len() as u32).collect();
        q
    }

    fn reindex(&mut self) {
        self.hay.clear();
        self.hay_end.clear();
        for r in &self.rows {
            self.hay.push_str(&r.haystack);
            self.hay_end.push(self.hay.len());
        }
        self.by_id = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn row(&self, i: u32) -> &QueueRow {
        &self.rows[i as usize]
    }

    pub fn get(&self, id: &str) -> Option<&QueueRow> {
        self.by_id.get(id).map(|i| &self.rows[*i])
    }

    /// The `n`th visible row.
    pub fn visible_row(&self, n: usize) -> Option<&QueueRow> {
        self.visible.get(n).map(|i| self.row(*i))
    }

    /// Replaces a ticket's row, or adds it in its arrival place.
    pub fn upsert(&mut self, row: QueueRow, filters: &Filters) {
        match self.by_id.get(&row.id) {
            Some(i) => self.rows[*i] = row,
            None => {
                let at = self
                    .rows
                    .partition_point(|r| arrival_key(r) < arrival_key(&row));
                self.rows.insert(at, row);
                self.reindex();
            }
        }
        self.hits_for = String::from("\u{0}");
        self.apply(filters);
    }

    /// Recomputes what is visible. Extending the text only narrows the
    /// previous matches; anything else scans every row once.
    pub fn apply(&mut self, filters: &Filters) {
        let q = filters.query();
        let words = q.words();
        let text = words.join(" ");
        if text != self.hits_for {
            let extends = !self.hits_for.starts_with('\u{0}') && text.starts_with(&self.hits_for);
            let source: Vec<u32> = if extends {
                std::mem::take(&mut self.hits)
            } else {
                (0..self.rows.len() as u32).collect()
            };
            self.hits = if words.is_empty() {
                source
            } else {
                let finders: Vec<memchr::memmem::Finder> = words
                    .iter()
                    .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
                    .collect();
                let hay = self.hay.as_bytes();
                source
                    .into_iter()
                    .filter(|i| {
                        let i = *i as usize;
                        let start = if i == 0 { 0 } else { self.hay_end[i - 1] };
                        let text = &hay[start..self.hay_end[i]];
                        finders.iter().all(|f| f.find(text).is_some())
                    })
                    .collect()
            };
            self.hits_for = text;
        }
        let mut counts = [0usize; 9];
        let mut visible = Vec::new();
        for &i in &self.hits {
            let r = &self.rows[i as usize];
            if filters.kind.is_some_and(|k| k != r.kind) || (filters.urgent && !r.urgent) {
                continue;
            }
            counts[status_pos(r.status)] += 1;
            if filters.status.is_none_or(|s| s == r.status) {
                visible.push(i);
            }
        }
        match filters.sort {
            Some(col) => {
                let rows = &self.rows;
                visible.sort_by(|a, b| col.compare(&rows[*a as usize], &rows[*b as usize]));
                if filters.descending {
                    visible.reverse();
                }
            }
            None if filters.descending => visible.reverse(),
            None => {}
        }
        self.total = counts.iter().sum();
        self.counts = counts;
        self.visible = visible;
    }

    pub fn count(&self, s: Status) -> usize {
        self.counts[status_pos(s)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::query::fold;

    fn row(id: &str, name: &str, status: Status, minute: u32) -> QueueRow {
        QueueRow {
            id: id.into(),
            registered_at: format!("2026-11-20T10:{minute:02}:00Z").parse().unwrap(),
            kind: Kind::Emision,
            motive: Some('a'),
            applicants: name.into(),
            dni: "41234567".into(),
            status,
            dispatch: None,
            urgent: false,
            cert_expires_on: None,
            haystack: fold(&format!("{id} {name}")),
        }
    }

    #[test]
    fn typing_narrows_and_deleting_widens_again() {
        let mut q = QueueIndex::new(vec![
            row("T-1", "Rosa Huamán", Status::Nuevo, 2),
            row("T-2", "Rocío Díaz", Status::Nuevo, 1),
            row("T-3", "Luis Rojas", Status::Cerrado, 3),
        ]);
        let mut f = Filters::default();
        q.apply(&f);
        assert_eq!(q.visible, [0, 1, 2], "arrival order, all rows");
        assert_eq!(q.row(0).id, "T-2");
        f.text = "ro".into();
        q.apply(&f);
        assert_eq!(q.visible.len(), 3);
        f.text = "ros".into();
        q.apply(&f);
        assert_eq!(q.visible.len(), 1);
        assert_eq!(q.visible_row(0).unwrap().id, "T-1");
        f.text = "ro".into();
        q.apply(&f);
        assert_eq!(q.visible.len(), 3);
        f.status = Some(Status::Cerrado);
        q.apply(&f);
        assert_eq!(q.visible_row(0).unwrap().id, "T-3");
        assert_eq!(q.count(Status::Nuevo), 2);
        assert_eq!(q.total, 3);
    }

    #[test]
    fn an_updated_ticket_replaces_its_row_and_a_new_one_lands_in_arrival_order() {
        let mut q = QueueIndex::new(vec![
            row("T-1", "Rosa", Status::Nuevo, 1),
            row("T-3", "Luis", Status::Nuevo, 3),
        ]);
        let f = Filters {
            status: Some(Status::Nuevo),
            ..Filters::default()
        };
        q.apply(&f);
        q.upsert(row("T-1", "Rosa", Status::EnAtencion, 1), &f);
        assert_eq!(q.visible.len(), 1);
        q.upsert(row("T-2", "Ana", Status::Nuevo, 2), &f);
        let ids: Vec<&str> = q.visible.iter().map(|i| q.row(*i).id.as_str()).collect();
        assert_eq!(ids, ["T-2", "T-3"]);
    }
}
