//! Generated data, fast: `mesa demo` fills an empty store with up to a
//! million tickets. Interactive writes are one transaction each, flushed
//! before they are acknowledged; here the same bytes ([`record_writes`],
//! history, receipts, counters) are encoded on every core and written tree
//! by tree, in key order, by writers running side by side while the next
//! chunk is generated; the store is flushed once at the end. A generation
//! cut short leaves a partial store, which `mesa demo` then refuses to
//! extend: delete it and generate again.

use std::collections::HashSet;

use super::summary::{count_batch, status_pos};
use super::{NewRecord, Result, Store, StoreError, encode, keys, record_writes, t};
use crate::domain::ticket::ticket_id;

/// Ids and counters carried from one chunk to the next.
#[derive(Debug, Default)]
pub struct BulkState {
    history_seq: u64,
    year_seqs: Vec<(i32, u64)>,
    counts: [u64; 9],
    operations: HashSet<String>,
    registered: u64,
    /// The previous chunk, still being written.
    writing: Option<std::thread::JoinHandle<super::engine::EResult<()>>>,
}

type Write = (usize, Vec<u8>, Vec<u8>);
/// A tree and the (key, value) pairs to insert into it.
type TreeWork = (usize, Vec<(Vec<u8>, Vec<u8>)>);

impl Store {
    /// Starts a bulk registration: only into a store with no tickets.
    pub fn bulk_start(&self) -> Result<BulkState> {
        if !self.tree(t::TICKETS).is_empty() {
            return Err(StoreError::Damaged {
                path: self.dir.clone(),
                detail: crate::strings::cli::demo_not_empty(self.count()),
            });
        }
        Ok(BulkState {
            history_seq: self.meta_counter(keys::HISTORY_SEQ)?,
            ..BulkState::default()
        })
    }

    fn meta_counter(&self, key: &[u8]) -> Result<u64> {
        Ok(self
            .tree(t::META)
            .get(key)
            .map_err(|e| self.damaged(e))?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map_or(0, u64::from_be_bytes))
    }

    /// Registers one chunk of records, numbering them as `register_all`
    /// would have. Not atomic and not flushed: see [`Store::bulk_finish`].
    /// Returns the first and the last id given.
    pub fn bulk_register(
        &self,
        state: &mut BulkState,
        records: Vec<NewRecord>,
    ) -> Result<Option<(String, String)>> {
        let mut numbered = Vec::with_capacity(records.len());
        for mut record in records {
            let seq = match state
                .year_seqs
                .iter_mut()
                .find(|(y, _)| *y == record.id_year)
            {
                Some((_, s)) => {
                    *s += 1;
                    *s
                }
                None => {
                    let s = self.meta_counter(&keys::year_seq(record.id_year))? + 1;
                    state.year_seqs.push((record.id_year, s));
                    s
                }
            };
            record.ticket.id = ticket_id(record.id_year, seq);
            for receipt in &record.receipts {
                let key = String::from_utf8_lossy(&keys::receipt(&receipt.operation)).into_owned();
                if !state.operations.insert(key) {
                    return Err(StoreError::OperationReused {
                        operation: receipt.operation.clone(),
                        ticket: record.ticket.id.clone(),
                    });
                }
            }
            state.counts[status_pos(record.ticket.status)] += 1;
            state.history_seq += record.history.len() as u64;
            numbered.push(record);
        }
        state.registered += numbered.len() as u64;
        let span = numbered
            .first()
            .zip(numbered.last())
            .map(|(a, b)| (a.ticket.id.clone(), b.ticket.id.clone()));
        // Encoding is most of the work: split it over the cores.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let per = numbered.len().div_ceil(threads).max(1);
        let parts: Vec<Vec<Write>> = std::thread::scope(|s| {
            let handles: Vec<_> = numbered
                .chunks(per)
                .map(|part| s.spawn(move || part.iter().flat_map(writes_of).collect()))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("encoding does not panic"))
                .collect()
        });
        // Per tree, its keys in order. The previous chunk's writers finish
        // first; this chunk's then write while the caller prepares the next.
        let mut per_tree: Vec<Vec<(Vec<u8>, Vec<u8>)>> = vec![Vec::new(); t::NAMES.len()];
        for (tree, key, value) in parts.into_iter().flatten() {
            per_tree[tree].push((key, value));
        }
        let mut work: Vec<TreeWork> = per_tree
            .into_iter()
            .enumerate()
            .filter(|(_, w)| !w.is_empty())
            .collect();
        // The biggest first, each to whichever writer is free.
        work.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        self.bulk_wait(state)?;
        let engine = self.engine.clone();
        state.writing = Some(std::thread::spawn(move || {
            engine.load_sorted(work, threads)
        }));
        Ok(span)
    }

    fn bulk_wait(&self, state: &mut BulkState) -> Result<()> {
        match state.writing.take().map(|w| w.join()) {
            None => Ok(()),
            Some(Ok(result)) => result.map_err(|e| self.damaged(e)),
            Some(Err(_)) => Err(self.damaged_with(crate::strings::words::db_internal())),
        }
    }

    /// Writes the counters and flushes: the store is complete.
    pub fn bulk_finish(&self, mut state: BulkState) -> Result<u64> {
        self.bulk_wait(&mut state)?;
        let mut meta = count_batch(&state.counts);
        meta.insert(keys::HISTORY_SEQ, state.history_seq.to_be_bytes());
        for (year, seq) in &state.year_seqs {
            meta.insert(keys::year_seq(*year), seq.to_be_bytes());
        }
        self.tree(t::META)
            .apply_batch(meta)
            .map_err(|e| self.damaged(e))?;
        self.flush()?;
        Ok(state.registered)
    }
}

/// Everything one record writes, as `register_in` writes it.
fn writes_of(record: &NewRecord) -> Vec<Write> {
    let ticket = &record.ticket;
    let mut out = record_writes(ticket, &record.history);
    for receipt in &record.receipts {
        let rec = super::ReceiptRecord {
            receipt: receipt.clone(),
            ticket: ticket.id.clone(),
        };
        out.push((t::RECEIPTS, keys::receipt(&receipt.operation), encode(&rec)));
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Duration, Utc};

    use super::*;
    use crate::domain::ticket::HistoryEntry;
    use crate::domain::{Kind, PaymentReceipt, Status};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// Tickets over two years, some paid, with histories of several lengths
    /// and statuses: everything `register_in` numbers and indexes.
    fn records() -> Vec<NewRecord> {
        let start = at("2025-12-31T15:00:00-05:00");
        (0..40u64)
            .map(|n| {
                let when = start + Duration::hours(n as i64 * 3);
                let mut r =
                    crate::demo::plain_record(Kind::Reemision, Some('d'), n, when, None, None);
                r.id_year = if n < 3 { 2025 } else { 2026 };
                if n % 3 == 0 {
                    r.ticket.status = Status::EnAtencion;
                    r.history.push(HistoryEntry {
                        at: when + Duration::hours(1),
                        by: "ana".into(),
                        action: None,
                        from: Some(Status::Nuevo),
                        to: Status::EnAtencion,
                        reasons: vec![],
                        changes: Vec::new(),
                    });
                }
                if n % 4 == 0 {
                    let operation = format!("{:07}", 1000 + n);
                    r.ticket.applicants[0].payment_operation = Some(operation.clone());
                    r.receipts.push(PaymentReceipt {
                        operation,
                        paid_on: when.date_naive(),
                        amount_cents: 810,
                        tribute_code: "00529".into(),
                        ruc: "20453744168".into(),
                    });
                }
                r
            })
            .collect()
    }

    fn contents(store: &Store) -> Vec<Vec<(Vec<u8>, Vec<u8>)>> {
        (0..t::NAMES.len())
            .map(|i| store.tree(i).iter().map(|kv| kv.unwrap()).collect())
            .collect()
    }

    #[test]
    fn bulk_registration_writes_the_same_bytes_as_transactions() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let by_tx = Store::open(a.path()).unwrap();
        let all = records();
        by_tx.register_all(&all[..25]).unwrap();
        by_tx.register_all(&all[25..]).unwrap();
        let bulk = Store::open(b.path()).unwrap();
        let mut state = bulk.bulk_start().unwrap();
        bulk.bulk_register(&mut state, all[..25].to_vec()).unwrap();
        bulk.bulk_register(&mut state, all[25..].to_vec()).unwrap();
        assert_eq!(bulk.bulk_finish(state).unwrap(), 40);
        let (x, y) = (contents(&by_tx), contents(&bulk));
        for (i, name) in t::NAMES.iter().enumerate() {
            // Transactions chain one audit entry per registration; the
            // demo's bulk path records its lots afterwards (demo::generate).
            if i == t::AUDIT || i == t::META {
                continue;
            }
            assert_eq!(x[i], y[i], "tree {name}");
        }
        let meta = |s: &Store| -> Vec<_> {
            s.tree(t::META)
                .iter()
                .map(|kv| kv.unwrap())
                .filter(|(k, _)| k.as_slice() != crate::store::audit::HEAD)
                .collect()
        };
        assert_eq!(
            meta(&by_tx),
            meta(&bulk),
            "tree meta, but for the audit head"
        );
        assert!(!x[t::QUEUE_ROWS].is_empty() && !x[t::RECEIPTS].is_empty());
        assert_eq!(
            bulk.ticket("T-2025-000003").unwrap().unwrap().id,
            "T-2025-000003"
        );
    }

    #[test]
    fn bulk_registration_refuses_a_store_with_tickets_and_a_reused_receipt() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mut state = store.bulk_start().unwrap();
        let mut twice = records()[..2].to_vec();
        twice[1].receipts = records()[0].receipts.clone();
        assert!(matches!(
            store.bulk_register(&mut state, twice),
            Err(StoreError::OperationReused { .. })
        ));
        store.register_all(&records()[..1]).unwrap();
        assert!(store.bulk_start().is_err());
    }
}
