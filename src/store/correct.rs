//! A correction's one transaction: the record with its history entry, the
//! indexes, the payment receipts (a new one claimed, the old one released),
//! the outbox and the audit entry, all or nothing.

use sled::transaction::TransactionalTree;

use super::{
    Abort, ReceiptRecord, Result, Store, TxResult, abort, audit, decode, encode, keys, outbox,
    read_counter, record, t, tx_corrupt, write_ticket,
};
use crate::domain::audit::move_note;
use crate::domain::correction::{Corrected, CorrectionRefused};
use crate::domain::{HistoryEntry, MoveRefused, PaymentReceipt, Ticket};
use crate::strings;

fn receipt_in(tx: &[TransactionalTree], operation: &str) -> TxResult<Option<ReceiptRecord>> {
    let key = keys::receipt(operation);
    match tx[t::RECEIPTS].get(&key)? {
        Some(v) => Ok(Some(decode(&key, &v).map_err(tx_corrupt)?)),
        None => Ok(None),
    }
}

impl Store {
    /// Corrects ticket `id` through `change`, a pure function of the ticket
    /// and its applicants' receipts as they are inside the transaction.
    /// A receipt it claims that another ticket holds refuses the whole
    /// correction, naming that ticket.
    pub fn correct_ticket<F, G>(
        &self,
        id: &str,
        change: F,
        mail: G,
    ) -> Result<(Corrected, Vec<String>)>
    where
        F: Fn(
            &Ticket,
            &[Option<PaymentReceipt>],
        ) -> std::result::Result<Corrected, CorrectionRefused>,
        G: Fn(&Ticket, &Ticket, &HistoryEntry, u64) -> Vec<outbox::OutboxEntry>,
    {
        self.transact(|tx| {
            let Some(record::Record {
                ticket: current,
                mut history,
            }) = record::read_in(tx, id)?
            else {
                return abort(Abort::NotFound(id.to_string()));
            };
            let mut receipts = Vec::with_capacity(current.applicants.len());
            for a in &current.applicants {
                receipts.push(match &a.payment_operation {
                    Some(op) => receipt_in(tx, op)?
                        .filter(|r| r.ticket == current.id)
                        .map(|r| r.receipt),
                    None => None,
                });
            }
            let corrected = change(&current, &receipts).map_err(|r| {
                sled::transaction::ConflictableTransactionError::Abort(Abort::Refused(
                    MoveRefused::Correction(r),
                ))
            })?;
            for op in &corrected.released {
                if receipt_in(tx, op)?.is_some_and(|r| r.ticket == current.id) {
                    tx[t::RECEIPTS].remove(keys::receipt(op))?;
                }
            }
            for r in &corrected.put_receipts {
                if let Some(held) = receipt_in(tx, &r.operation)?
                    && held.ticket != current.id
                {
                    return abort(Abort::OperationReused {
                        operation: r.operation.clone(),
                        ticket: held.ticket,
                    });
                }
                let rec = ReceiptRecord {
                    receipt: r.clone(),
                    ticket: current.id.clone(),
                };
                tx[t::RECEIPTS].insert(keys::receipt(&r.operation), encode(&rec))?;
            }
            let seq = read_counter(&tx[t::META], keys::HISTORY_SEQ)?;
            let entry = &corrected.entry;
            history.push(entry.clone());
            write_ticket(tx, Some(&current), &corrected.ticket, &history)?;
            let queued = outbox::enqueue_in(tx, mail(&current, &corrected.ticket, entry, seq))?;
            let note = move_note(&corrected.ticket, entry).detail(
                strings::correction::audit_detail(current.status, entry.to, &entry.changes),
            );
            audit::append_in(tx, vec![note])?;
            tx[t::META].insert(keys::HISTORY_SEQ, &(seq + 1).to_be_bytes())?;
            Ok((corrected, queued))
        })
    }
}
