//! The queue kept in memory: every ticket's columns in a compact form (fixed
//! fields in one array, a byte of flags for the counting pass, the folded
//! search text in one buffer and the shown strings as their differences
//! from it), built once when the console opens and updated from each
//! action's result, so that a keystroke in the filter never reads the store.
//! The text filter narrows the previous matches while the analyst types and
//! goes back to them on backspace.
//!
//! Until the whole queue is read, the index can hold just its first rows and
//! the store's counts (`first_page`): enough for the first frame.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap};

use super::queue_search::{Haystacks, common_domain};
use super::queue_shown::{Shown, Spans};
use super::saved::Column;
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
    /// «míos» / «libres» (see `tui::team`).
    pub owner: Option<OwnerFilter>,
}

/// The queue's owner filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OwnerFilter {
    /// Tickets this analyst has.
    Mine(String),
    /// Tickets waiting for an analyst (`Nuevo`).
    Free,
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

/// One row's fixed-size fields (24 bytes); status, kind and urgency are in
/// `QueueIndex::flags`, the strings in `QueueIndex::hay` and `shown`. Times
/// are microseconds, days are counted from the common era; `NONE_*` marks
/// what is absent.
#[derive(Debug, Clone, Copy)]
struct Fixed {
    registered: i64,
    /// Index into `QueueIndex::dispatches`: a week's tickets share one.
    dispatch: u32,
    cert_expires_on: i32,
    /// The row's record in `shown` and its parts' lengths in the text.
    shown_at: u32,
    lens: [u8; 3],
    /// The motive's letter, 0 for none.
    motive: u8,
}

const NONE_DISPATCH: u32 = u32::MAX;
const NONE_DAY: i32 = i32::MIN;
/// Flag bits: status (4), kind (2), urgency.
const URGENT: u8 = 1 << 6;

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
    fn spans(&self) -> Spans {
        Spans {
            at: self.shown_at,
            lens: self.lens,
        }
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
    status_pos(status) as u8 | (kind_pos(kind) as u8) << 4 | if urgent { URGENT } else { 0 }
}

fn flag_status(f: u8) -> Status {
    Status::ALL[(f & 15) as usize % Status::ALL.len()]
}

fn flag_kind(f: u8) -> Kind {
    Kind::ALL[(f >> 4 & 3) as usize % Kind::ALL.len()]
}

/// The first of `0..n` for which `before` is false (it is true for a
/// leading run of them): a binary search over row numbers.
fn first_not(n: usize, before: impl Fn(u32) -> bool) -> u32 {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid as u32) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo as u32
}

#[derive(Debug, Clone, Default)]
pub struct QueueIndex {
    fixed: Vec<Fixed>,
    flags: Vec<u8>,
    hay: Haystacks,
    shown: Shown,
    /// The distinct dispatch moments, and where each is in that list.
    dispatches: Vec<Dispatch>,
    dispatch_at: BTreeMap<Dispatch, u32>,
    /// Row numbers in id order, for `get`; `None` while the rows (in
    /// arrival order) are also in id order, as ids are given at arrival.
    by_id: Option<Vec<u32>>,
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
    downloads: HashMap<String, NaiveDate>,
    /// The other applicants' names of a family's ticket, by ticket id: few
    /// tickets have more than one applicant, so they are kept beside the
    /// rows (the row shows the applicant a search matched).
    others: HashMap<String, Vec<String>>,
    /// Each row's owner: 0 for none, else its place in `owner_names` + 1
    /// (a desk has few analysts).
    owners: Vec<u16>,
    owner_names: Vec<String>,
    /// Rows passing every filter, in the chosen order.
    pub visible: Vec<u32>,
    /// Per status, rows passing every filter but the status.
    pub counts: [usize; 9],
    pub total: usize,
    /// While partial: the closed rows before the first page's first row
    /// (the queue opens on the first open ticket, `tui::queue_open`).
    pub skipped: usize,
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
    /// million rows would leave hundreds of megabytes unused. The first
    /// rows also tell the common email domain.
    pub fn from_arrival_order_sized(
        rows: impl IntoIterator<Item = QueueRow>,
        expected: usize,
    ) -> QueueIndex {
        const SAMPLE: usize = 1_024;
        let mut rows = rows.into_iter();
        let first: Vec<QueueRow> = rows.by_ref().take(SAMPLE).collect();
        let mut q = QueueIndex::default();
        q.hay
            .set_domain(common_domain(first.iter().map(|r| r.haystack.as_str())));
        q.fixed.reserve(expected.max(first.len()));
        q.flags.reserve(expected.max(first.len()));
        let mut in_id_order = true;
        let mut last_id = String::new();
        let mut push = |q: &mut QueueIndex, r: QueueRow| {
            in_id_order &= q.fixed.is_empty() || last_id < r.id;
            last_id.clear();
            last_id.push_str(&r.id);
            q.hay.push(&r.haystack);
            if !r.others.is_empty() {
                q.others.insert(r.id.clone(), r.others.clone());
            }
            let fixed = q.fixed_of(&r, q.fixed.len());
            q.fixed.push(fixed);
            q.flags.push(flags(r.status, r.kind, r.urgent));
            let owner = q.owner_code(r.owner.as_deref());
            q.owners.push(owner);
        };
        for r in first {
            push(&mut q, r);
        }
        if expected > q.fixed.len() {
            let rest = expected - q.fixed.len();
            q.shown
                .reserve(q.shown.len() / q.fixed.len().max(1) * rest * 21 / 20);
            q.hay.reserve(rest);
        }
        for r in rows {
            push(&mut q, r);
        }
        q.hay.shrink_to_fit();
        q.shown.shrink_to_fit();
        if !in_id_order {
            q.reindex_ids();
        }
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

    /// Records a row's shown strings against its text, already stored at
    /// `row` in `hay`, and returns its fixed fields.
    fn fixed_of(&mut self, r: &QueueRow, row: usize) -> Fixed {
        let spans = self
            .shown
            .push(&r.id, &r.applicants, &r.dni, self.hay.stored(row));
        let dispatch = match r.dispatch {
            None => NONE_DISPATCH,
            Some(d) => *self.dispatch_at.entry(d).or_insert_with(|| {
                self.dispatches.push(d);
                self.dispatches.len() as u32 - 1
            }),
        };
        Fixed {
            registered: micros(r.registered_at),
            dispatch,
            cert_expires_on: r.cert_expires_on.map_or(NONE_DAY, days),
            shown_at: spans.at,
            lens: spans.lens,
            // Motives are the procedure's ASCII letters.
            motive: r.motive.filter(char::is_ascii).map_or(0, |c| c as u8),
        }
    }

    /// The code of an owner's name in `owners` (0 for none).
    fn owner_code(&mut self, owner: Option<&str>) -> u16 {
        let Some(name) = owner else { return 0 };
        match self.owner_names.iter().position(|n| n == name) {
            Some(p) => p as u16 + 1,
            None if self.owner_names.len() < u16::MAX as usize - 1 => {
                self.owner_names.push(name.to_string());
                self.owner_names.len() as u16
            }
            None => 0,
        }
    }

    /// Who has row `i`.
    pub fn owner(&self, i: u32) -> Option<&str> {
        match self.owners.get(i as usize).copied().unwrap_or(0) {
            0 => None,
            n => self.owner_names.get(n as usize - 1).map(String::as_str),
        }
    }

    fn reindex_ids(&mut self) {
        let mut by_id: Vec<u32> = (0..self.fixed.len() as u32).collect();
        by_id.sort_unstable_by(|a, b| self.id_bytes(*a).cmp(self.id_bytes(*b)));
        self.by_id = Some(by_id);
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

    /// A row's ticket id, without building the row.
    pub fn id(&self, i: u32) -> Cow<'_, str> {
        let f = &self.fixed[i as usize];
        self.shown.id(f.spans(), self.hay.stored(i as usize))
    }

    /// Whether row `i` is ticket `id` (without building the id).
    pub fn has_id(&self, i: u32, id: &str) -> bool {
        self.id_cmp(i, id).is_eq()
    }

    fn id_bytes(&self, i: u32) -> impl Iterator<Item = u8> + '_ {
        let f = &self.fixed[i as usize];
        self.shown.id_bytes(f.spans(), self.hay.stored(i as usize))
    }

    fn id_cmp(&self, i: u32, id: &str) -> Ordering {
        self.id_bytes(i).cmp(id.bytes())
    }

    fn dni_bytes(&self, i: u32) -> impl Iterator<Item = u8> + '_ {
        let f = &self.fixed[i as usize];
        self.shown.dni_bytes(f.spans(), self.hay.stored(i as usize))
    }

    /// A row, built from the compact form.
    pub fn row(&self, i: u32) -> QueueRow {
        let (f, flag) = (&self.fixed[i as usize], self.flags[i as usize]);
        let (spans, text) = (f.spans(), self.hay.stored(i as usize));
        let id = self.shown.id(spans, text).into_owned();
        QueueRow {
            registered_at: at(f.registered),
            kind: flag_kind(flag),
            motive: f.motive(),
            applicants: self.shown.applicants(spans, text),
            dni: self.shown.dni(spans, text).into_owned(),
            status: flag_status(flag),
            dispatch: self.dispatches.get(f.dispatch as usize).copied(),
            urgent: flag & URGENT != 0,
            cert_expires_on: (f.cert_expires_on != NONE_DAY).then(|| day(f.cert_expires_on)),
            download_until: self.downloads.get(&id).copied(),
            owner: self.owner(i).map(String::from),
            haystack: self.hay.text(i as usize),
            others: self.others.get(&id).cloned().unwrap_or_default(),
            id,
        }
    }

    /// The row number of a ticket.
    pub fn position(&self, id: &str) -> Option<u32> {
        let found = match &self.by_id {
            None => first_not(self.fixed.len(), |i| self.id_cmp(i, id).is_lt()),
            Some(by_id) => {
                let p = by_id.partition_point(|i| self.id_cmp(*i, id).is_lt());
                *by_id.get(p)?
            }
        };
        ((found as usize) < self.fixed.len() && self.id_cmp(found, id).is_eq()).then_some(found)
    }

    pub fn get(&self, id: &str) -> Option<QueueRow> {
        self.position(id).map(|i| self.row(i))
    }

    /// The status of row `i`, without building the row.
    pub fn status_of(&self, i: u32) -> Option<Status> {
        self.flags.get(i as usize).map(|f| flag_status(*f))
    }

    /// The `n`th visible row.
    pub fn visible_row(&self, n: usize) -> Option<QueueRow> {
        self.visible.get(n).map(|i| self.row(*i))
    }

    /// The download deadlines of the tickets whose certificate awaits
    /// download, by ticket id.
    pub fn set_downloads(&mut self, downloads: HashMap<String, NaiveDate>) {
        self.downloads = downloads;
    }

    /// Replaces a ticket's row, or adds it in its arrival place.
    pub fn upsert(&mut self, row: QueueRow, filters: &Filters) {
        match row.download_until {
            Some(d) => self.downloads.insert(row.id.clone(), d),
            None => self.downloads.remove(&row.id),
        };
        if row.others.is_empty() {
            self.others.remove(&row.id);
        } else {
            self.others.insert(row.id.clone(), row.others.clone());
        }
        let flag = flags(row.status, row.kind, row.urgent);
        match self.position(&row.id) {
            Some(i) => {
                let i = i as usize;
                if self.hay.stored(i) != self.hay.pack(&row.haystack) {
                    self.hay.set(i, &row.haystack, false);
                }
                self.fixed[i] = self.fixed_of(&row, i);
                self.flags[i] = flag;
                self.owners[i] = self.owner_code(row.owner.as_deref());
            }
            None => {
                let key = micros(row.registered_at);
                let at = first_not(self.fixed.len(), |i| {
                    let f = &self.fixed[i as usize];
                    (f.registered, self.id_cmp(i, &row.id)) < (key, Ordering::Equal)
                }) as usize;
                let in_id_order = self.by_id.is_none()
                    && (at == 0 || self.id_cmp(at as u32 - 1, &row.id).is_lt())
                    && (at == self.fixed.len() || self.id_cmp(at as u32, &row.id).is_gt());
                self.hay.set(at, &row.haystack, true);
                let fixed = self.fixed_of(&row, at);
                self.fixed.insert(at, fixed);
                self.flags.insert(at, flag);
                let owner = self.owner_code(row.owner.as_deref());
                self.owners.insert(at, owner);
                if !in_id_order {
                    self.reindex_ids();
                }
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
        // Expressions (`estado:nuevo`) apart from the free words; one in
        // error is skipped until fixed (the filter line says why).
        let expr = crate::domain::filter_expr::parse_lenient(&filters.text);
        let words = Query {
            text: expr.text.clone(),
            ..Query::default()
        }
        .words();
        let text = words.join(" ");
        self.search(&words, text);
        let want_kind = filters.kind.map(|k| kind_pos(k) as u8);
        let want_status = filters.status.map(|s| status_pos(s) as u8);
        let new = status_pos(crate::domain::Status::Nuevo) as u8;
        let mine = match &filters.owner {
            Some(OwnerFilter::Mine(name)) => Some(
                self.owner_names
                    .iter()
                    .position(|n| n == name)
                    .map_or(u16::MAX, |p| p as u16 + 1),
            ),
            _ => None,
        };
        let free = filters.owner == Some(OwnerFilter::Free);
        let owners = &self.owners;
        let expr_kind = expr.kind.map(|k| kind_pos(k) as u8);
        let expr_status = expr.status.map(|s| status_pos(s) as u8);
        // `analista:` — the owners whose name starts so (a few names,
        // folded once, not per row).
        let expr_owners: Option<Vec<u16>> = expr.owner.as_ref().map(|start| {
            self.owner_names
                .iter()
                .enumerate()
                .filter(|(_, n)| crate::domain::text::fold(n).starts_with(start.as_str()))
                .map(|(p, _)| p as u16 + 1)
                .collect()
        });
        let mut counts = [0usize; 9];
        let mut visible = Vec::new();
        let mut pass = |i: u32| {
            let f = self.flags[i as usize];
            if want_kind.is_some_and(|k| k != (f >> 4) & 3) || (filters.urgent && f & URGENT == 0) {
                return;
            }
            if mine.is_some_and(|m| owners.get(i as usize) != Some(&m))
                || (free && f & 15 != new)
                || expr_owners
                    .as_ref()
                    .is_some_and(|o| owners.get(i as usize).is_none_or(|n| !o.contains(n)))
                || expr_kind.is_some_and(|k| k != (f >> 4) & 3)
                || expr_status.is_some_and(|s| s != f & 15)
                || expr.dispatch.is_some_and(|day| {
                    let d = self
                        .dispatches
                        .get(self.fixed[i as usize].dispatch as usize);
                    d.is_none_or(|d| !day.matches(d.on))
                })
                || expr
                    .dni
                    .as_ref()
                    .is_some_and(|p| !self.dni_bytes(i).take(p.len()).eq(p.bytes()))
            {
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
                Column::Kind => all
                    .sort_by_key(|i| (flag_kind(self.flags[*i as usize]), f[*i as usize].motive())),
                Column::Applicant => all.sort_by_cached_key(|i| {
                    let row = *i as usize;
                    self.shown.sort_key(f[row].spans(), self.hay.stored(row))
                }),
                Column::Dni => all.sort_by(|a, b| self.dni_bytes(*a).cmp(self.dni_bytes(*b))),
                Column::Status => all.sort_by_key(|i| flag_status(self.flags[*i as usize])),
                Column::Dispatch => all.sort_by_key(|i| {
                    let d = self.dispatches.get(f[*i as usize].dispatch as usize);
                    d.map(|d| d.at)
                }),
                // Free ones first, then by name.
                Column::Owner => all.sort_by_key(|i| self.owner(*i)),
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
            + self.shown.heap_bytes()
            + self.hay.heap_bytes()
            + self
                .others
                .iter()
                .map(|(id, names)| {
                    id.capacity() + names.iter().map(|n| n.capacity() + 24).sum::<usize>() + 64
                })
                .sum::<usize>()
            + self.dispatches.capacity() * std::mem::size_of::<Dispatch>() * 2
            + (self.by_id.as_ref().map_or(0, Vec::capacity) + self.visible.capacity()) * 4
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
    use crate::domain::query::{fold, searchable};
    use crate::domain::{Applicant, Ticket};

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
            owner: None,
            haystack: fold(&format!("{id} {name}")),
            others: Vec::new(),
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

    fn applicant(full_name: &str, dni: &str, email: &str) -> Applicant {
        Applicant {
            full_name: full_name.into(),
            dni: dni.into(),
            dni_issued_on: None,
            email: email.into(),
            photo: None,
            signature: None,
            payment_operation: None,
            cert_expires_on: None,
        }
    }

    fn ticket(n: u32, minute: u32, applicants: Vec<Applicant>) -> Ticket {
        let at = format!("2026-11-20T10:{minute:02}:00.123456Z")
            .parse()
            .unwrap();
        let mut t =
            crate::demo::plain_record(Kind::Emision, Some('a'), n.into(), at, None, None).ticket;
        t.id = format!("T-2026-{n:06}");
        t.applicants = applicants;
        t.certificate = Some("CD-40000001-1".into());
        t
    }

    const INSTITUTION: &str = "@regioncajamarca.gob.pe";

    /// Tickets numbered 1 to 7 as a desk has them: accented names, two
    /// applicants on one, most emails at the institution's domain, one
    /// elsewhere, one ticket without applicants.
    fn desk_tickets() -> Vec<Ticket> {
        let at = |local: &str| format!("{local}{INSTITUTION}");
        vec![
            ticket(
                1,
                1,
                vec![applicant("Rosa Huamán Quispe", "41234567", &at("rhuaman"))],
            ),
            ticket(
                2,
                2,
                vec![applicant("José Ñique Díaz", "45781236", &at("jnique"))],
            ),
            ticket(
                3,
                3,
                vec![
                    applicant("Ana Díaz Rojas", "45781237", &at("adiaz")),
                    applicant("Carlos Díaz", "45781238", &at("cdiaz")),
                ],
            ),
            ticket(
                4,
                4,
                vec![applicant("MARÍA PÉREZ", "40000001", "mperez@minsa.gob.pe")],
            ),
            ticket(
                5,
                5,
                vec![applicant(
                    "Luis Cajamarca Ruiz",
                    "40000002",
                    &at("lcajamarca7"),
                )],
            ),
            ticket(6, 6, vec![]),
            ticket(
                7,
                7,
                vec![applicant(
                    "Édgar O'Brien de la Cruz",
                    "40000003",
                    &at("eobrien"),
                )],
            ),
        ]
    }

    fn numbers(q: &QueueIndex) -> Vec<u32> {
        ids(q)
            .iter()
            .map(|id| id["T-2026-".len()..].parse().unwrap())
            .collect()
    }

    #[test]
    fn an_analyst_finds_a_ticket_by_name_dni_id_or_email_typed_any_way() {
        let rows: Vec<QueueRow> = desk_tickets().iter().map(QueueRow::of).collect();
        let mut q = QueueIndex::new(rows);
        let cases: &[(&str, &[u32])] = &[
            ("huaman", &[1]),
            ("HUAMÁN rosa", &[1]),
            ("Huaman", &[1]),
            ("ñique", &[2]),
            ("nique", &[2]),
            ("díaz", &[2, 3]),
            ("diaz", &[2, 3]),
            ("maria perez", &[4]),
            ("o'brien de la cruz", &[7]),
            // The second applicant of a ticket: name, DNI, email.
            ("carlos", &[3]),
            ("45781238", &[3]),
            ("cdiaz@regioncajamarca.gob.pe", &[3]),
            // DNIs and ids, whole or in part, in capitals or not.
            ("45781236", &[2]),
            ("4578123", &[2, 3]),
            ("T-2026-000004", &[4]),
            ("t-2026-000004", &[4]),
            ("000004", &[4]),
            ("2026-00000", &[1, 2, 3, 4, 5, 6, 7]),
            // Emails: whole, in part, at the institution or elsewhere.
            ("rhuaman@regioncajamarca.gob.pe", &[1]),
            ("RHuaman@RegionCajamarca.gob.pe", &[1]),
            ("rhuaman@regioncaj", &[1]),
            ("rhuaman@", &[1]),
            ("huaman@r", &[1]),
            ("rhuam", &[1]),
            ("lcajamarca7@regioncajamarca", &[5]),
            ("mperez@minsa.gob.pe", &[4]),
            ("minsa", &[4]),
            ("@regioncajamarca.gob.pe", &[1, 2, 3, 5, 7]),
            ("cajamarca", &[1, 2, 3, 5, 7]),
            ("gob.pe", &[1, 2, 3, 4, 5, 7]),
            ("cajamarca ruiz", &[5]),
            ("jnique@regioncajamarca.gob.pe rosa", &[]),
            ("rhuaman@minsa.gob.pe", &[]),
            ("regioncajamarca.gob.pe.x", &[]),
        ];
        for (text, want) in cases {
            q.apply(&Filters {
                text: text.to_string(),
                ..Filters::default()
            });
            assert_eq!(numbers(&q), *want, "{text:?}");
        }
    }

    /// Every piece of every ticket's searchable text, typed one key at a
    /// time, shows exactly the tickets the desk's own matching (`Query`,
    /// used by `mesa list`) finds.
    #[test]
    fn every_piece_of_every_ticket_matches_as_the_desk_query_does() {
        let tickets = desk_tickets();
        let mut q = QueueIndex::new(tickets.iter().map(QueueRow::of).collect());
        let expect = |text: &str| -> Vec<u32> {
            let query = Query {
                text: text.into(),
                ..Query::default()
            };
            (1..=tickets.len() as u32)
                .filter(|n| query.matches(&tickets[*n as usize - 1]))
                .collect()
        };
        let mut f = Filters::default();
        for t in &tickets {
            let text = searchable(t);
            for token in text.split(' ') {
                let starts: Vec<usize> = token.char_indices().map(|(i, _)| i).collect();
                for from in &starts {
                    let piece = &token[*from..];
                    let mut typed = String::new();
                    for c in piece.chars() {
                        typed.push(c);
                        f.text = typed.clone();
                        q.apply(&f);
                        assert_eq!(numbers(&q), expect(&typed), "{typed:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn rows_made_from_tickets_come_back_as_they_went_in() {
        let mut tickets = desk_tickets();
        // A small letter in an id, a capital in a DNI, a name the rules
        // cannot predict.
        let mut odd = ticket(
            8,
            8,
            vec![applicant("rOSA dE lA cRUZ", "4123456A", "r@otro.pe")],
        );
        odd.id = "T-2026-00000a".into();
        tickets.push(odd);
        tickets[1].dispatch = Some(crate::domain::DispatchDecision {
            dispatch: Dispatch {
                at: "2026-11-27T21:30:00Z".parse().unwrap(),
                on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
                nominal: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            },
            reason: crate::domain::DispatchReason::Next,
        });
        tickets[1].status = Status::Programado;
        let rows: Vec<QueueRow> = tickets.iter().map(QueueRow::of).collect();
        let q = QueueIndex::new(rows.clone());
        for (i, r) in rows.iter().enumerate() {
            assert_eq!(q.row(i as u32), *r);
            assert_eq!(q.get(&r.id).as_ref(), Some(r));
        }
        assert_eq!(q.row(2).applicants, "Ana Díaz Rojas +1");
        assert_eq!(q.row(5).applicants, "CD-40000001-1");
    }

    #[test]
    fn tickets_registered_out_of_id_order_are_still_found_by_id() {
        let tickets = desk_tickets();
        // Arrival order: 3, 1, 2, 4, ...
        let mut rows: Vec<QueueRow> = tickets.iter().map(QueueRow::of).collect();
        rows[2].registered_at = rows[0].registered_at - chrono::Duration::minutes(1);
        let q = QueueIndex::new(rows[..4].to_vec());
        assert!(q.by_id.is_some());
        for r in &rows[..4] {
            assert_eq!(q.get(&r.id).as_ref(), Some(r));
        }
        // Ids in arrival order need no separate list, until one arrives out
        // of its order.
        let mut q2 = QueueIndex::new(rows[3..].to_vec());
        assert!(q2.by_id.is_none());
        q2.upsert(rows[0].clone(), &Filters::default());
        assert!(q2.by_id.is_none(), "the earliest ticket, first");
        q2.upsert(rows[2].clone(), &Filters::default());
        assert!(q2.by_id.is_some(), "ticket 3 before ticket 1");
        assert_eq!(
            ids(&q2)[..3],
            ["T-2026-000003", "T-2026-000001", "T-2026-000004"]
        );
        for r in rows.iter().filter(|r| r.id != "T-2026-000002") {
            assert_eq!(q2.get(&r.id).as_ref(), Some(r));
        }
        q2.upsert(rows[1].clone(), &Filters::default());
        assert_eq!(q2.len(), 7);
        assert_eq!(q2.position("T-2026-000002"), Some(2));
        assert_eq!(q2.position("T-2026-000009"), None);
    }

    #[test]
    fn sorting_by_applicant_or_dni_uses_the_shown_strings() {
        let mut q = QueueIndex::new(desk_tickets().iter().map(QueueRow::of).collect());
        let mut f = Filters {
            sort: Some(Column::Applicant),
            ..Filters::default()
        };
        q.apply(&f);
        // "CD-…" (no applicant), then by name, accents and capitals ignored.
        assert_eq!(numbers(&q), [3, 6, 7, 2, 5, 4, 1]);
        f.sort = Some(Column::Dni);
        q.apply(&f);
        assert_eq!(numbers(&q), [6, 4, 5, 7, 1, 2, 3]);
    }
}
