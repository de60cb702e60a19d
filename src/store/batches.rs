//! Sealed batches: one record per dispatch moment, written with the tickets
//! it fixes in the same transaction.

use super::engine::TxError;

use super::{
    Abort, Result, Store, abort, decode, encode, keys, record, t, tx_corrupt, update_in,
    write_ticket,
};
use crate::domain::audit::{self, AuditNote};
use crate::domain::batch::Batch;
use crate::domain::{HistoryEntry, MoveRefused, Status, Ticket};
use crate::strings;

/// What sealing did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sealed {
    New(Batch),
    /// The dispatch was already sealed: nothing changed.
    Already(Batch),
}

impl Store {
    /// Seals `batch` (its `tickets` are the content) unless its dispatch
    /// moment is already sealed. Every ticket must still be scheduled for that
    /// moment and in no batch; otherwise nothing is written.
    pub fn seal(&self, batch: &Batch) -> Result<Sealed> {
        let stored: Vec<_> = batch.tickets.iter().map(|_| batch.dispatch.at).collect();
        self.seal_moved(batch, &stored)
    }

    /// Seals `batch` whose tickets were read scheduled for `stored[i]` (a
    /// moment the calendar has since moved to the batch's): each ticket must
    /// still hold that moment, and takes the batch's dispatch with the seal.
    pub fn seal_moved(
        &self,
        batch: &Batch,
        stored: &[chrono::DateTime<chrono::Utc>],
    ) -> Result<Sealed> {
        self.transact(|tx| {
            let key = keys::moment(batch.dispatch.at);
            if let Some(existing) = tx[t::BATCHES].get(key)? {
                let existing: Batch = decode(&key, &existing).map_err(tx_corrupt)?;
                return Ok(Sealed::Already(existing));
            }
            let mut dnis = Vec::new();
            for (i, id) in batch.tickets.iter().enumerate() {
                let expected = stored.get(i).copied().unwrap_or(batch.dispatch.at);
                let Some(record::Record {
                    ticket: current,
                    history,
                }) = record::read_in(tx, id)?
                else {
                    return abort(Abort::NotFound(id.clone()));
                };
                let fits = current.status == Status::Programado
                    && current.batch.is_none()
                    && current.dispatch.is_some_and(|d| d.dispatch.at == expected);
                if !fits {
                    return Err(TxError::Abort(Abort::Refused(MoveRefused::InSealedBatch(
                        current.batch.clone().unwrap_or_else(|| id.clone()),
                    ))));
                }
                let mut next = current.clone();
                next.batch = Some(batch.id.clone());
                next.version = current.version + 1;
                if let Some(d) = next.dispatch.as_mut() {
                    d.dispatch = batch.dispatch;
                }
                write_ticket(tx, Some(&current), &next, &history)?;
                dnis.extend(audit::dnis_of(&next));
            }
            tx[t::BATCHES].insert(key, encode(batch))?;
            let note = AuditNote::new(batch.sealed_at, &batch.sealed_by, audit::SEAL, &batch.id)
                .dnis(dnis)
                .detail(strings::trust::seal_detail(batch));
            super::audit::append_in(tx, vec![note])?;
            Ok(Sealed::New(batch.clone()))
        })
    }

    pub fn batches(&self) -> Result<Vec<Batch>> {
        self.tree(t::BATCHES)
            .iter()
            .map(|kv| {
                let (k, v) = kv.map_err(|e| self.damaged(e))?;
                decode(&k, &v).map_err(super::corrupt)
            })
            .collect()
    }

    pub fn batch(&self, id: &str) -> Result<Option<Batch>> {
        Ok(self
            .batches()?
            .into_iter()
            .find(|b| b.id.eq_ignore_ascii_case(id)))
    }

    pub fn batch_at(&self, at: chrono::DateTime<chrono::Utc>) -> Result<Option<Batch>> {
        match self
            .tree(t::BATCHES)
            .get(keys::moment(at))
            .map_err(|e| self.damaged(e))?
        {
            Some(v) => Ok(Some(decode(&keys::moment(at), &v).map_err(super::corrupt)?)),
            None => Ok(None),
        }
    }

    /// Moves every ticket of a batch with `change` and records the batch as
    /// sent, in one transaction, with the emails `mail` computes for each
    /// ticket (see `outbox`).
    pub fn mark_sent<F, G>(
        &self,
        batch_id: &str,
        at: chrono::DateTime<chrono::Utc>,
        by: &str,
        early_reason: Option<String>,
        change: F,
        mail: G,
    ) -> Result<(Batch, Vec<Ticket>)>
    where
        F: Fn(usize, &Ticket) -> std::result::Result<(Ticket, HistoryEntry), MoveRefused>,
        G: Fn(&Ticket, &Ticket, &HistoryEntry, u64) -> Vec<super::outbox::OutboxEntry>,
    {
        let Some(found) = self.batch(batch_id)? else {
            return Err(super::StoreError::BatchNotFound(batch_id.to_string()));
        };
        self.transact(|tx| {
            let key = keys::moment(found.dispatch.at);
            let Some(bytes) = tx[t::BATCHES].get(key)? else {
                return abort(Abort::BatchNotFound(batch_id.to_string()));
            };
            let mut batch: Batch = decode(&key, &bytes).map_err(tx_corrupt)?;
            if batch.sent_at.is_some() {
                return abort(Abort::AlreadySent(batch.id.clone()));
            }
            let (tickets, _queued) =
                update_in(tx, &batch.tickets, &change, &mail, &super::no_certs)?;
            batch.sent_at = Some(at);
            batch.sent_by = Some(by.to_string());
            batch.sent_early_reason = early_reason.clone();
            tx[t::BATCHES].insert(key, encode(&batch))?;
            let mut detail = strings::trust::sent_detail(tickets.len());
            if let Some(r) = &early_reason {
                detail = strings::rules::sent_early_detail(&detail, r);
            }
            let note = AuditNote::new(at, by, audit::BATCH_SENT, &batch.id).detail(detail);
            super::audit::append_in(tx, vec![note])?;
            Ok((batch, tickets))
        })
    }
}
