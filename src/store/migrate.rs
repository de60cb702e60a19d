//! Bringing a store of schema 1 up to date, once, at open.
//!
//! Schema 1 kept each history entry under its own key (`history` tree),
//! every ticket in a `by_arrival` index and every ticket, finished or not,
//! in the status and dispatch indexes: about eleven keys a ticket. Schema 2
//! keeps the history inside the ticket's record (`record`), reads arrival
//! order from the queue rows and indexes status and dispatch for open
//! tickets only.
//!
//! Each step can be repeated: a migration cut short (power, `kill -9`)
//! leaves the schema at 1, and the next open starts it again, skipping the
//! records already rewritten. The old trees are dropped only after the new
//! schema number is on disk.

use serde::Deserialize;

use super::{Result, SCHEMA_VERSION, Store, corrupt, decode, keys, record, t};
use crate::domain::ticket::{HistoryEntry, Ticket};

const OLD_HISTORY: &str = "history";
const OLD_BY_ARRIVAL: &str = "by_arrival";
/// Records rewritten per batch.
const CHUNK: usize = 5_000;

/// Only the envelope's version, to tell a rewritten record from an old one.
#[derive(Deserialize)]
struct Envelope {
    v: u32,
}

impl Store {
    pub(super) fn migrate_from_1(&self) -> Result<()> {
        let tickets_total = self.tree(t::TICKETS).len();
        tracing::info!(
            tickets = tickets_total,
            "migrating the store from schema 1 to 2"
        );
        let history = self
            .engine
            .named(OLD_HISTORY)
            .map_err(|e| self.damaged(e))?;
        for tree in [t::BY_STATUS, t::BY_DISPATCH] {
            self.tree(tree).clear().map_err(|e| self.damaged(e))?;
        }
        let mut records = super::engine::Batch::default();
        let mut indexes: Vec<super::engine::Batch> =
            vec![super::engine::Batch::default(); t::NAMES.len()];
        let mut pending = 0;
        for kv in self.tree(t::TICKETS).iter() {
            let (key, value) = kv.map_err(|e| self.damaged(e))?;
            let envelope: Envelope = serde_json::from_slice(&value).map_err(|e| {
                corrupt((
                    String::from_utf8_lossy(&key).into_owned(),
                    crate::strings::words::json_error(&e),
                ))
            })?;
            let ticket: Ticket = if envelope.v >= record::RECORD_SINCE {
                record::decode_ticket(&key, &value).map_err(corrupt)?
            } else {
                let ticket: Ticket = decode(&key, &value).map_err(corrupt)?;
                let mut prefix = key.to_vec();
                prefix.push(0);
                let entries = history
                    .clone()
                    .scan_prefix(&prefix)
                    .map(|kv| {
                        let (k, v) = kv.map_err(|e| self.damaged(e))?;
                        decode::<HistoryEntry>(&k, &v).map_err(corrupt)
                    })
                    .collect::<Result<Vec<_>>>()?;
                records.insert(&key, record::encode_record(&ticket, &entries));
                ticket
            };
            for (tree, k) in keys::index_entries(&ticket) {
                if tree != t::BY_DNI {
                    indexes[tree].insert(k, ticket.id.as_bytes());
                }
            }
            pending += 1;
            if pending == CHUNK {
                self.migration_batch(&mut records, &mut indexes)?;
                pending = 0;
            }
        }
        self.migration_batch(&mut records, &mut indexes)?;
        self.flush()?;
        self.tree(t::META)
            .insert(
                keys::SCHEMA,
                serde_json::to_vec(&SCHEMA_VERSION).expect("u32"),
            )
            .map_err(|e| self.damaged(e))?;
        self.flush()?;
        self.drop_schema_1_trees()?;
        tracing::info!("store migrated to schema 2");
        Ok(())
    }

    fn migration_batch(
        &self,
        records: &mut super::engine::Batch,
        indexes: &mut [super::engine::Batch],
    ) -> Result<()> {
        self.tree(t::TICKETS)
            .apply_batch(std::mem::take(records))
            .map_err(|e| self.write_failed(e))?;
        for (tree, batch) in indexes.iter_mut().enumerate() {
            self.tree(tree)
                .apply_batch(std::mem::take(batch))
                .map_err(|e| self.write_failed(e))?;
        }
        Ok(())
    }

    /// The trees schema 2 no longer has, if a migration stopped before
    /// dropping them.
    pub(super) fn drop_schema_1_trees(&self) -> Result<()> {
        let mut dropped = false;
        for name in [OLD_HISTORY, OLD_BY_ARRIVAL] {
            dropped |= self.engine.drop_tree(name).map_err(|e| self.damaged(e))?;
        }
        if dropped { self.flush() } else { Ok(()) }
    }
}
