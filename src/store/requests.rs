//! Requests of the other families (`domain::family`) in the `requests`
//! tree, keyed by id. Ids are `S-<year>-<seq>` with their own counter per
//! year in `meta`, so the tree's key order is the arrival order: a
//! request never shares the tickets' arrival index (its rows and counters
//! are the certificates' queue), and needs no index of its own.
//!
//! Every registration and every step is written with its audit entry in
//! one transaction.

use super::outbox::{OutboxEntry, enqueue_in};
use super::{Abort, Result, Store, TxResult, decode, encode, read_counter, t, tx_corrupt};
use crate::domain::audit::AuditNote;
use crate::domain::family::request::{AdvanceRefused, Request};

fn key(id: &str) -> Vec<u8> {
    id.as_bytes().to_vec()
}

fn seq_key(year: i32) -> Vec<u8> {
    format!("request_seq/{year}").into_bytes()
}

/// The id of the `seq`-th request of `year`.
pub fn request_id(year: i32, seq: u64) -> String {
    format!("S-{year}-{seq:06}")
}

impl Store {
    /// Stores a new request under the next id of `year` with its audit
    /// entry (`note`'s subject is replaced by the id) and the messages
    /// `mail` computes from it (queued in the outbox, same transaction);
    /// returns the id and the messages queued.
    pub fn register_request(
        &self,
        request: &Request,
        year: i32,
        note: &AuditNote,
        mail: impl Fn(&Request) -> Vec<OutboxEntry>,
    ) -> Result<(String, Vec<String>)> {
        self.transact(|tx| -> TxResult<(String, Vec<String>)> {
            let seq = read_counter(&tx[t::META], &seq_key(year))? + 1;
            let id = request_id(year, seq);
            let mut r = request.clone();
            r.id = id.clone();
            tx[t::META].insert(seq_key(year), seq.to_be_bytes())?;
            tx[t::REQUESTS].insert(key(&id), encode(&r))?;
            let mut n = note.clone();
            n.subject = id.clone();
            super::audit::append_in(tx, vec![n])?;
            let queued = enqueue_in(tx, mail(&r))?;
            Ok((id, queued))
        })
    }

    pub fn request(&self, id: &str) -> Result<Option<Request>> {
        let k = key(id);
        match self
            .tree(t::REQUESTS)
            .get(&k)
            .map_err(|e| self.damaged(e))?
        {
            Some(v) => Ok(Some(decode(&k, &v).map_err(super::corrupt)?)),
            None => Ok(None),
        }
    }

    /// Changes one request through `change`, a pure function of its
    /// current state giving the new state and its audit entry; queues the
    /// messages `mail` computes from the new state in the same transaction.
    pub fn update_request<F>(
        &self,
        id: &str,
        change: F,
        mail: impl Fn(&Request) -> Vec<OutboxEntry>,
    ) -> Result<(Request, Vec<String>)>
    where
        F: Fn(&Request) -> std::result::Result<(Request, AuditNote), AdvanceRefused>,
    {
        self.transact(|tx| -> TxResult<(Request, Vec<String>)> {
            let k = key(id);
            let Some(v) = tx[t::REQUESTS].get(&k)? else {
                return Err(engine_abort(Abort::NotFound(id.to_string())));
            };
            let current: Request = decode(&k, &v).map_err(tx_corrupt)?;
            let (next, note) = change(&current).map_err(|r| engine_abort(Abort::Request(r)))?;
            tx[t::REQUESTS].insert(k.clone(), encode(&next))?;
            super::audit::append_in(tx, vec![note])?;
            let queued = enqueue_in(tx, mail(&next))?;
            Ok((next, queued))
        })
    }

    /// Removes requests (a purge past the retention) with one audit entry,
    /// all or none; an id already gone is skipped.
    pub fn remove_requests(&self, ids: &[String], note: AuditNote) -> Result<()> {
        self.transact(|tx| -> TxResult<()> {
            for id in ids {
                tx[t::REQUESTS].remove(key(id))?;
            }
            super::audit::append_in(tx, vec![note.clone()])?;
            Ok(())
        })
    }

    /// Every request in arrival order.
    pub fn requests(&self) -> impl Iterator<Item = Result<Request>> + '_ {
        self.tree(t::REQUESTS).iter().map(move |kv| {
            let (k, v) = kv.map_err(|e| self.damaged(e))?;
            decode(&k, &v).map_err(super::corrupt)
        })
    }
}

fn engine_abort(a: Abort) -> super::engine::TxError<Abort> {
    super::engine::TxError::Abort(a)
}
