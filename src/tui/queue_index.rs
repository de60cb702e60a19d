//! The queue kept in memory: every ticket's columns in a compact form (fixed
//! fields in one array, strings in shared buffers, a byte of flags for the
//! counting pass), built once when the console opens and updated from each
//! action's result, so that a keystroke in the filter never reads the store.
//! The text filter narrows the previous matches while the analyst types and
//! goes back to them on backspace.
//!
//! Until the whole queue is read, the index can hold just its first rows and
//! the store's counts (`first_page`): enough for the first frame.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::queue_search::Haystacks;
use super::saved::Column;
use crate::domain::query::fold;
use crate::domain::{Dispatch, Kind, Query, Status};

pub use crate::domain::QueueRow;

/// Earlier searches kept for backspace, at most.
const REMEMBERED: usize = 32;
/// Narrowing checks each previous match; past this share of the rows, one
/// pass over all of them is faster.
const NARROW_BELOW: usize = 8;

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

/// One row's fixed-size fields (40 bytes); its strings live in
/// `QueueIndex::text`. Times are microseconds, days are counted from the
/// common era; `NONE` marks what is absent.
#[derive(Debug, Clone, Copy)]
struct Fixed {
    registered: i64,
    dispatch_at: i64,
    dispatch_on: i32,
    dispatch_nominal: i32,
    cert_expires_on: i32,
    /// Where the id, then the applicants, then the DNI start in `text`.
    text_at: u32,
    id_len: u8,
    dni_len: u8,
    names_len: u16,
    kind: Kind,
    /// The motive's letter, 0 for none.
    motive: u8,
    status: Status,
    urgent: bool,
}

const NONE_AT: i64 = i64::MIN;
const NONE_DAY: i32 = i32::MIN;

fn micros(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

fn at(us: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(us).unwrap_or_default()
}

fn days(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn day(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default()
}

impl Fixed {
    fn dispatch(&self) -> Option<Dispatch> {
        (self.dispatch_at != NONE_AT).then(|| Dispatch {
            at: at(self.dispatch_at),
            on: day(self.dispatch_on),
            nominal: day(self.dispatch_nominal),
        })
    }

    fn dispatch_key(&self) -> Option<i64> {
        (self.dispatch_at != NONE_AT).then_some(self.dispatch_at)
    }

    fn motive(&self) -> Option<char> {
        (self.motive != 0).then_some(self.motive as char)
    }
}

fn status_pos(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

fn kind_pos(k: Kind) -> usize {
    Kind::ALL.iter().position(|x| *x == k).unwrap_or(0)
}

/// Status (4 bits), kind (2 bits) and urgency in one byte: the counting
/// pass over a million rows reads a megabyte.
fn flags(status: Status, kind: Kind, urgent: bool) -> u8 {
    status_pos(status) as u8 | (kind_pos(kind) as u8) << 4 | (urgent as u8) << 6
}

/// Cuts a string to at most `max` bytes, on a character boundary.
fn clip(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[derive(Debug, Clone, Default)]
pub struct QueueIndex {
    fixed: Vec<Fixed>,
    flags: Vec<u8>,
    text: String,
    hay: Haystacks,
    /// Row numbers in id order, for `get`.
    by_id: Vec<u32>,
    /// Rows in a column's order, kept until the rows change.
    sorted: Option<(Column, Vec<u32>)>,
    /// Rows whose text matches `hits_for` (`None`: every row).
    hits: Option<Vec<u32>>,
    hits_for: String,
    /// Earlier (shorter) searches and their matches, newest last.
    earlier: Vec<(String, Option<Vec<u32>>)>,
    /// The store's counts while only the first rows are loaded.
    partial: Option<[usize; 9]>,
    /// Download deadlines by ticket id: few tickets have one, so they are
    /// kept beside the rows rather than in every row.
    downloads: std::collections::HashMap<String, NaiveDate>,
    /// Rows passing every filter, in the chosen order.
    pub visible: Vec<u32>,
    /// Per status, rows passing every filter but the status.
    pub counts: [usize; 9],
    pub total: usize,
}

impl QueueIndex {
    /// Rows in any order; they are kept in arrival order.
    pub fn new(mut rows: Vec<QueueRow>) -> QueueIndex {
        rows.sort_by(|a, b| (a.registered_at, &a.id).cmp(&(b.registered_at, &b.id)));
        QueueIndex::from_arrival_order(rows)
    }

    /// Rows already in arrival order, taken one at a time: a million rows
    /// are never all held as `QueueRow`s.
    pub fn from_arrival_order(rows: impl IntoIterator<Item = QueueRow>) -> QueueIndex {
        QueueIndex::from_arrival_order_sized(rows, 0)
    }

    /// The same, told how many rows to expect: the buffers are sized once
    /// (from the first rows' lengths) instead of doubling, which at a
    /// million rows would leave hundreds of megabytes unused.
    pub fn from_arrival_order_sized(
        rows: impl IntoIterator<Item = QueueRow>,
        expected: usize,
    ) -> QueueIndex {
        const SAMPLE: usize = 1_024;
        let mut q = QueueIndex::default();
        q.fixed.reserve(expected);
        q.flags.reserve(expected);
        for r in rows {
            let fixed = q.fixed_of(&r);
            q.fixed.push(fixed);
            q.flags.push(flags(r.status, r.kind, r.urgent));
            q.hay.push(&r.haystack);
            if q.fixed.len() == SAMPLE && expected > SAMPLE {
                let rest = expected - SAMPLE;
                q.text.reserve(q.text.len() / SAMPLE * rest * 21 / 20);
                q.hay.reserve(rest);
            }
        }
        q.reindex_ids();
        q.hits_for = String::from("\u{0}");
        q
    }

    /// The first rows of the queue and the store's counts, before the rest
    /// is read: the default view (every status, arrival order) shows them
    /// as the whole index will; other filters wait for it.
    pub fn first_page(rows: Vec<QueueRow>, counts: [u64; 9]) -> QueueIndex {
        let mut q = QueueIndex::from_arrival_order(rows);
        q.partial = Some(counts.map(|c| c as usize));
        q
    }

    /// Only the first rows are here (see [`QueueIndex::first_page`]).
    pub fn is_partial(&self) -> bool {
        self.partial.is_some()
    }

    /// Appends a row's strings to `text` and returns its fixed fields.
    fn fixed_of(&mut self, r: &QueueRow) -> Fixed {
        let text_at = self.text.len() as u32;
        let (id, names, dni) = (
            clip(&r.id, 255),
            clip(&r.applicants, 65_535),
            clip(&r.dni, 255),
        );
        self.text.push_str(id);
        self.text.push_str(names);
        self.text.push_str(dni);
        Fixed {
            registered: micros(r.registered_at),
            dispatch_at: r.dispatch.map_or(NONE_AT, |d| micros(d.at)),
            dispatch_on: r.dispatch.map_or(NONE_DAY, |d| days(d.on)),
            dispatch_nominal: r.dispatch.map_or(NONE_DAY, |d| days(d.nominal)),
            cert_expires_on: r.cert_expires_on.map_or(NONE_DAY, days),
            text_at,
            id_len: id.len() as u8,
            dni_len: dni.len() as u8,
            names_len: names.len() as u16,
            kind: r.kind,
            // Motives are the procedure's ASCII letters.
            motive: r.motive.filter(char::is_ascii).map_or(0, |c| c as u8),
            status: r.status,
            urgent: r.urgent,
        }
    }

    fn reindex_ids(&mut self) {
        let mut by_id: Vec<u32> = (0..self.fixed.len() as u32).collect();
        by_id.sort_unstable_by(|a, b| self.id(*a).cmp(self.id(*b)));
        self.by_id = by_id;
    }

    /// Tickets in the queue (the store's count while partial).
    pub fn len(&self) -> usize {
        match &self.partial {
            Some(counts) => counts.iter().sum(),
            None => self.fixed.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn field(&self, i: u32, part: u8) -> &str {
        self.field_of(&self.fixed[i as usize], part)
    }

    fn field_of(&self, f: &Fixed, part: u8) -> &str {
        let at = f.text_at as usize;
        let (id, names) = (f.id_len as usize, f.names_len as usize);
        match part {
            0 => &self.text[at..at + id],
            1 => &self.text[at + id..at + id + names],
            _ => &self.text[at + id + names..at + id + names + f.dni_len as usize],
        }
    }

    /// A row's ticket id, without building the row.
    pub fn id(&self, i: u32) -> &str {
        self.field(i, 0)
    }

    /// A row, built from the compact form.
    pub fn row(&self, i: u32) -> QueueRow {
        let f = &self.fixed[i as usize];
        QueueRow {
            id: self.id(i).to_string(),
            registered_at: at(f.registered),
            kind: f.kind,
            motive: f.motive(),
            applicants: self.field(i, 1).to_string(),
            dni: self.field(i, 2).to_string(),
            status: f.status,
            dispatch: f.dispatch(),
            urgent: f.urgent,
            cert_expires_on: (f.cert_expires_on != NONE_DAY).then(|| day(f.cert_expires_on)),
            download_until: self.downloads.get(self.id(i)).copied(),
            haystack: self.hay.text(i as usize).to_string(),
        }
    }

    /// The row number of a ticket.
    pub fn position(&self, id: &str) -> Option<u32> {
        self.by_id
            .binary_search_by(|i| self.id(*i).cmp(id))
            .ok()
            .map(|p| self.by_id[p])
    }

    pub fn get(&self, id: &str) -> Option<QueueRow> {
        self.position(id).map(|i| self.row(i))
    }

    /// The `n`th visible row.
    pub fn visible_row(&self, n: usize) -> Option<QueueRow> {
        self.visible.get(n).map(|i| self.row(*i))
    }

    /// The download deadlines of the tickets whose certificate awaits
    /// download, by ticket id.
    pub fn set_downloads(&mut self, downloads: std::collections::HashMap<String, NaiveDate>) {
        self.downloads = downloads;
    }

    /// Replaces a ticket's row, or adds it in its arrival place.
    pub fn upsert(&mut self, row: QueueRow, filters: &Filters) {
        match row.download_until {
            Some(d) => self.downloads.insert(row.id.clone(), d),
            None => self.downloads.remove(&row.id),
        };
        let fixed = self.fixed_of(&row);
        match self.position(&row.id) {
            Some(i) => {
                let i = i as usize;
                self.fixed[i] = fixed;
                self.flags[i] = flags(row.status, row.kind, row.urgent);
                if self.hay.text(i) != row.haystack {
                    self.hay.set(i, &row.haystack, false);
                }
            }
            None => {
                let key = (micros(row.registered_at), row.id.as_str());
                let at = self
                    .fixed
                    .partition_point(|f| (f.registered, self.field_of(f, 0)) < key);
                self.fixed.insert(at, fixed);
                self.flags
                    .insert(at, flags(row.status, row.kind, row.urgent));
                self.hay.set(at, &row.haystack, true);
                self.reindex_ids();
            }
        }
        self.sorted = None;
        self.hits = None;
        self.hits_for = String::from("\u{0}");
        self.earlier.clear();
        self.apply(filters);
    }

    /// The rows matching `text`, from the closest earlier search it
    /// extends (typing) or equals (backspace), else from every row.
    fn search(&mut self, words: &[String], text: String) {
        if text == self.hits_for {
            return;
        }
        let previous = std::mem::take(&mut self.hits);
        let old = std::mem::take(&mut self.hits_for);
        if !old.starts_with('\u{0}') && !old.is_empty() {
            self.earlier.push((old, previous));
        }
        // Drop what the new text no longer extends; an exact match is reused.
        while let Some((t, _)) = self.earlier.last() {
            if text.starts_with(t.as_str()) {
                break;
            }
            self.earlier.pop();
        }
        if self.earlier.len() > REMEMBERED {
            self.earlier.remove(0);
        }
        let hits = match self.earlier.last() {
            Some((t, hits)) if *t == text => {
                let hits = hits.clone();
                self.earlier.pop();
                hits
            }
            _ if words.is_empty() => None,
            Some((_, Some(base))) if base.len() < self.fixed.len() / NARROW_BELOW => {
                Some(self.hay.matching(words, Some(base)))
            }
            _ => Some(self.hay.matching(words, None)),
        };
        self.hits = hits;
        self.hits_for = text;
    }

    /// Recomputes what is visible.
    pub fn apply(&mut self, filters: &Filters) {
        if let Some(counts) = self.partial {
            // Only the default view is known before the whole queue is read.
            self.counts = counts;
            self.total = counts.iter().sum();
            self.visible = if filters.is_empty() {
                (0..self.fixed.len() as u32).collect()
            } else {
                Vec::new()
            };
            return;
        }
        let words = filters.query().words();
        let text = words.join(" ");
        self.search(&words, text);
        let want_kind = filters.kind.map(|k| kind_pos(k) as u8);
        let want_status = filters.status.map(|s| status_pos(s) as u8);
        let mut counts = [0usize; 9];
        let mut visible = Vec::new();
        let mut pass = |i: u32| {
            let f = self.flags[i as usize];
            if want_kind.is_some_and(|k| k != (f >> 4) & 3) || (filters.urgent && f & 64 == 0) {
                return;
            }
            counts[(f & 15) as usize] += 1;
            if want_status.is_none_or(|s| s == f & 15) {
                visible.push(i);
            }
        };
        match &self.hits {
            Some(hits) => hits.iter().copied().for_each(&mut pass),
            None => (0..self.fixed.len() as u32).for_each(&mut pass),
        }
        if let Some(col) = filters.sort {
            visible = self.in_column_order(col, visible);
        }
        if filters.descending {
            visible.reverse();
        }
        self.total = counts.iter().sum();
        self.counts = counts;
        self.visible = visible;
    }

    /// `rows` (in arrival order) in `col`'s order, ties in arrival order:
    /// the column's order of every row is computed once, then filtered.
    fn in_column_order(&mut self, col: Column, rows: Vec<u32>) -> Vec<u32> {
        if col == Column::Arrival {
            return rows;
        }
        if self.sorted.as_ref().is_none_or(|(c, _)| *c != col) {
            let mut all: Vec<u32> = (0..self.fixed.len() as u32).collect();
            let f = &self.fixed;
            match col {
                Column::Arrival => {}
                // Shortest wait first.
                Column::Age => {
                    all.sort_by(|a, b| f[*b as usize].registered.cmp(&f[*a as usize].registered))
                }
                Column::Kind => all.sort_by_key(|i| (f[*i as usize].kind, f[*i as usize].motive())),
                Column::Applicant => all.sort_by_cached_key(|i| fold(self.field(*i, 1))),
                Column::Dni => all.sort_by(|a, b| self.field(*a, 2).cmp(self.field(*b, 2))),
                Column::Status => all.sort_by_key(|i| f[*i as usize].status),
                Column::Dispatch => all.sort_by_key(|i| f[*i as usize].dispatch_key()),
            }
            self.sorted = Some((col, all));
        }
        let mut member = vec![false; self.fixed.len()];
        for i in &rows {
            member[*i as usize] = true;
        }
        let (_, order) = self.sorted.as_ref().expect("computed above");
        order
            .iter()
            .copied()
            .filter(|i| member[*i as usize])
            .collect()
    }

    /// Bytes the index holds (its buffers' capacities).
    pub fn heap_bytes(&self) -> usize {
        self.fixed.capacity() * std::mem::size_of::<Fixed>()
            + self.flags.capacity()
            + self.text.capacity()
            + self.hay.heap_bytes()
            + (self.by_id.capacity() + self.visible.capacity()) * 4
            + self.hits.as_ref().map_or(0, |h| h.capacity() * 4)
            + self.sorted.as_ref().map_or(0, |(_, v)| v.capacity() * 4)
            + self
                .earlier
                .iter()
                .map(|(_, h)| h.as_ref().map_or(0, |h| h.capacity() * 4))
                .sum::<usize>()
    }

    pub fn count(&self, s: Status) -> usize {
        self.counts[status_pos(s)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            download_until: None,
            haystack: fold(&format!("{id} {name}")),
        }
    }

    fn ids(q: &QueueIndex) -> Vec<String> {
        q.visible.iter().map(|i| q.id(*i).to_string()).collect()
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
        assert_eq!(ids(&q), ["T-2", "T-3"]);
        assert_eq!(q.get("T-2").unwrap().applicants, "Ana");
        assert_eq!(q.get("T-1").unwrap().status, Status::EnAtencion);
        q.upsert(row("T-3", "Luisa Ñique", Status::Nuevo, 3), &f);
        let f = Filters {
            text: "nique".into(),
            ..Filters::default()
        };
        q.apply(&f);
        assert_eq!(ids(&q), ["T-3"]);
    }

    #[test]
    fn a_row_comes_back_as_it_went_in() {
        let mut r = row("T-2026-000009", "Ana Díaz +1", Status::Programado, 5);
        r.motive = None;
        r.dispatch = Some(Dispatch {
            at: "2026-11-27T21:30:00Z".parse().unwrap(),
            on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            nominal: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        });
        r.kind = Kind::Instalacion;
        r.urgent = true;
        r.cert_expires_on = NaiveDate::from_ymd_opt(2027, 1, 2);
        let q = QueueIndex::new(vec![row("T-1", "x", Status::Nuevo, 1), r.clone()]);
        assert_eq!(q.get("T-2026-000009").unwrap(), r);
        assert_eq!(q.position("T-404"), None);
    }

    /// Every filter combination against the plain definition (`Query`
    /// semantics over the rows), typed one key at a time and erased again.
    #[test]
    fn each_keystroke_shows_what_a_fresh_search_would() {
        let names = [
            "Rosa Huamán",
            "Rocío Díaz",
            "Luis Rojas",
            "Ana Rosales",
            "José Ñique",
        ];
        let rows: Vec<QueueRow> = (0..40u32)
            .map(|n| {
                let mut r = row(
                    &format!("T-2026-{n:06}"),
                    names[n as usize % 5],
                    Status::ALL[n as usize % 9],
                    n,
                );
                r.kind = Kind::ALL[n as usize % 4];
                r.urgent = n % 7 == 0;
                r
            })
            .collect();
        let mut q = QueueIndex::new(rows.clone());
        let expect = |f: &Filters| -> Vec<String> {
            let words = f.query().words();
            rows.iter()
                .filter(|r| words.iter().all(|w| r.haystack.contains(w.as_str())))
                .filter(|r| f.kind.is_none_or(|k| k == r.kind) && (!f.urgent || r.urgent))
                .filter(|r| f.status.is_none_or(|s| s == r.status))
                .map(|r| r.id.clone())
                .collect()
        };
        for (status, kind, urgent) in [
            (None, None, false),
            (Some(Status::Nuevo), None, false),
            (None, Some(Kind::Reemision), true),
        ] {
            let mut f = Filters {
                status,
                kind,
                urgent,
                ..Filters::default()
            };
            let typed = "rosa 00001";
            for n in (1..=typed.len()).chain((0..typed.len()).rev()) {
                f.text = typed[..n].to_string();
                q.apply(&f);
                assert_eq!(ids(&q), expect(&f), "{f:?}");
            }
        }
    }

    #[test]
    fn sorting_by_a_column_keeps_arrival_order_among_equals() {
        let mut q = QueueIndex::new(vec![
            row("T-1", "Zoila", Status::Cerrado, 1),
            row("T-2", "Ángel", Status::Nuevo, 2),
            row("T-3", "Beto", Status::Nuevo, 3),
        ]);
        let mut f = Filters {
            sort: Some(Column::Applicant),
            ..Filters::default()
        };
        q.apply(&f);
        assert_eq!(ids(&q), ["T-2", "T-3", "T-1"], "accents ignored");
        f.sort = Some(Column::Status);
        f.descending = true;
        q.apply(&f);
        assert_eq!(ids(&q), ["T-1", "T-3", "T-2"]);
        f.text = "t-".into();
        f.sort = Some(Column::Age);
        f.descending = false;
        q.apply(&f);
        assert_eq!(ids(&q), ["T-3", "T-2", "T-1"]);
    }

    #[test]
    fn the_first_page_shows_the_store_counts_and_only_the_default_view() {
        let mut counts = [0u64; 9];
        counts[0] = 5;
        counts[7] = 2;
        let mut q = QueueIndex::first_page(vec![row("T-1", "Rosa", Status::Nuevo, 1)], counts);
        q.apply(&Filters::default());
        assert_eq!((q.visible.len(), q.total, q.len()), (1, 7, 7));
        assert_eq!(q.count(Status::Cerrado), 2);
        q.apply(&Filters {
            text: "rosa".into(),
            ..Filters::default()
        });
        assert!(q.visible.is_empty(), "a filter waits for the whole queue");
    }
}
