//! What the console needs to open fast, kept beside the records: one compact
//! queue row per ticket (by arrival) and a count per status. Both are written
//! in the ticket's own transaction ([`write_in`]), so they never disagree with
//! the records; a store made before they existed gets them built once, at
//! open ([`Store::ensure_summary`]).

use super::engine::TxTree;

use super::{Result, Store, TxResult, corrupt, decode, encode, keys, t};
use crate::domain::{QueueRow, Status, Ticket};

/// Bumped when the row's shape or the counters' meaning changes: the store
/// rebuilds them from the records at the next open.
pub const SUMMARY_VERSION: u64 = 2;

pub(super) fn status_pos(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// The queue row's write: keyed by arrival, so the tree reads in queue order.
pub(super) fn row_write(ticket: &Ticket) -> (usize, Vec<u8>, Vec<u8>) {
    (
        t::QUEUE_ROWS,
        keys::arrival(ticket),
        encode(&QueueRow::of(ticket)),
    )
}

/// Inside the ticket's transaction: the status counters, moved from `old`
/// (None for a new ticket) to `new`.
pub(super) fn count_in(tx: &[TxTree], old: Option<Status>, new: Status) -> TxResult<()> {
    if old != Some(new) {
        if let Some(old) = old {
            add(&tx[t::META], old, -1)?;
        }
        add(&tx[t::META], new, 1)?;
    }
    Ok(())
}

/// Inside a purge's transaction: one ticket of `status` fewer.
pub(super) fn uncount_in(tx: &[TxTree], status: Status) -> TxResult<()> {
    add(&tx[t::META], status, -1)
}

fn add(meta: &TxTree, status: Status, delta: i64) -> TxResult<()> {
    let key = keys::status_count(status);
    let n = super::read_counter(meta, &key)? as i64 + delta;
    meta.insert(key, (n.max(0) as u64).to_be_bytes())?;
    Ok(())
}

impl Store {
    /// How many tickets the store holds, from the stored per-status
    /// counters: no walk over the records (sled's `len` visits every key).
    pub fn ticket_count(&self) -> usize {
        self.status_counts()
            .map(|c| c.iter().sum::<u64>() as usize)
            .unwrap_or_else(|_| self.count())
    }

    /// Tickets per status, from the stored counters (no scan).
    pub fn status_counts(&self) -> Result<[u64; 9]> {
        let meta = self.tree(t::META);
        let mut out = [0u64; 9];
        for (i, s) in Status::ALL.iter().enumerate() {
            if let Some(v) = meta
                .get(keys::status_count(*s))
                .map_err(|e| self.damaged(e))?
            {
                out[i] = <[u8; 8]>::try_from(v.as_ref())
                    .map(u64::from_be_bytes)
                    .unwrap_or(0);
            }
        }
        Ok(out)
    }

    /// Every ticket's queue row, in arrival order.
    pub fn queue_rows(&self) -> impl Iterator<Item = Result<QueueRow>> + '_ {
        self.tree(t::QUEUE_ROWS).iter().map(move |kv| {
            let (k, v) = kv.map_err(|e| self.damaged(e))?;
            decode(&k, &v).map_err(corrupt)
        })
    }

    /// The rows as raw stored values, in arrival order, for a reader that
    /// decodes them on several threads ([`decode_queue_row`]).
    pub fn queue_row_values(&self) -> impl Iterator<Item = Result<(Vec<u8>, Vec<u8>)>> + '_ {
        self.tree(t::QUEUE_ROWS)
            .iter()
            .map(move |kv| kv.map_err(|e| self.damaged(e)))
    }

    /// Builds the rows and counters from the records when they are missing
    /// or of an older shape; a no-op otherwise.
    pub(super) fn ensure_summary(&self) -> Result<()> {
        let meta = self.tree(t::META);
        let current = meta
            .get(keys::SUMMARY_VERSION)
            .map_err(|e| self.damaged(e))?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map(u64::from_be_bytes);
        if current == Some(SUMMARY_VERSION) {
            return Ok(());
        }
        let rows = self.tree(t::QUEUE_ROWS);
        rows.clear().map_err(|e| self.damaged(e))?;
        let mut counts = [0u64; 9];
        let mut batch = super::engine::Batch::default();
        for kv in self.tree(t::TICKETS).iter() {
            let (k, v) = kv.map_err(|e| self.damaged(e))?;
            let ticket = super::record::decode_ticket(&k, &v).map_err(corrupt)?;
            counts[status_pos(ticket.status)] += 1;
            let (_, key, value) = row_write(&ticket);
            batch.insert(key, value);
        }
        rows.apply_batch(batch).map_err(|e| self.damaged(e))?;
        let mut batch = count_batch(&counts);
        batch.insert(keys::SUMMARY_VERSION, SUMMARY_VERSION.to_be_bytes());
        meta.apply_batch(batch).map_err(|e| self.damaged(e))?;
        self.flush()
    }
}

/// The status counters as a batch for the meta tree.
pub(super) fn count_batch(counts: &[u64; 9]) -> super::engine::Batch {
    let mut batch = super::engine::Batch::default();
    for (i, s) in Status::ALL.iter().enumerate() {
        batch.insert(keys::status_count(*s), counts[i].to_be_bytes());
    }
    batch
}

/// Decodes one stored queue row (see [`Store::queue_row_values`]).
pub fn decode_queue_row(key: &[u8], value: &[u8]) -> Result<QueueRow> {
    decode(key, value).map_err(corrupt)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration, Utc};

    use super::*;
    use crate::domain::ticket::HistoryEntry;
    use crate::domain::{Kind, MoveRefused};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn store_with_moves(dir: &std::path::Path) -> Store {
        let store = Store::open(dir).unwrap();
        let start = at("2026-11-20T09:00:00-05:00");
        let records: Vec<_> = (0..12u64)
            .map(|n| {
                // Registered out of id order: the rows follow arrival.
                let when = start + Duration::minutes(((n * 7) % 12) as i64);
                crate::demo::plain_record(Kind::Emision, Some('a'), n, when, None, None)
            })
            .collect();
        let ids = store.register_all(&records).unwrap();
        for (i, id) in ids.iter().enumerate().filter(|(i, _)| i % 3 == 0) {
            store
                .update(id, |t| {
                    let mut next = t.clone();
                    next.status = if i % 2 == 0 {
                        Status::EnAtencion
                    } else {
                        Status::Anulado
                    };
                    let entry = HistoryEntry {
                        at: t.registered_at,
                        by: "ana".into(),
                        action: None,
                        from: Some(t.status),
                        to: next.status,
                        reasons: vec![],
                        changes: Vec::new(),
                    };
                    Ok::<_, MoveRefused>((next, entry))
                })
                .unwrap();
        }
        store
    }

    fn expected(store: &Store) -> (Vec<QueueRow>, [u64; 9]) {
        let tickets: Vec<Ticket> = store.in_arrival_order().map(|t| t.unwrap()).collect();
        let mut counts = [0u64; 9];
        for t in &tickets {
            counts[status_pos(t.status)] += 1;
        }
        (tickets.iter().map(QueueRow::of).collect(), counts)
    }

    #[test]
    fn rows_and_counts_follow_every_registration_and_move() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with_moves(dir.path());
        let (rows, counts) = expected(&store);
        let stored: Vec<QueueRow> = store.queue_rows().map(|r| r.unwrap()).collect();
        assert_eq!(stored, rows);
        assert_eq!(store.status_counts().unwrap(), counts);
        assert_eq!(counts.iter().sum::<u64>(), 12);
        assert!(counts[status_pos(Status::Anulado)] > 0);
    }

    #[test]
    fn a_store_without_them_gets_them_built_at_open() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with_moves(dir.path());
        let want = expected(&store);
        // As a store written before the summary existed.
        store.tree(t::QUEUE_ROWS).clear().unwrap();
        let meta = store.tree(t::META);
        meta.remove(keys::SUMMARY_VERSION).unwrap();
        for s in Status::ALL {
            meta.remove(keys::status_count(s)).unwrap();
        }
        store.ensure_summary().unwrap();
        let stored: Vec<QueueRow> = store.queue_rows().map(|r| r.unwrap()).collect();
        assert_eq!((stored, store.status_counts().unwrap()), want);
    }
}
