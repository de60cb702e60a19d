//! A correction's one transaction: the record with its history entry, the
//! indexes, the payment receipts (a new one claimed, the old one released),
//! the outbox and the audit entry, all or nothing.

use super::engine::TxTree;

use super::{
    Abort, ReceiptRecord, Result, Store, TxResult, abort, audit, decode, encode, keys, outbox,
    read_counter, record, t, tx_corrupt, write_ticket,
};
use crate::domain::audit::move_note;
use crate::domain::correction::{Corrected, CorrectionRefused};
use crate::domain::{HistoryEntry, MoveRefused, PaymentReceipt, Ticket};
use crate::strings;

fn receipt_in(tx: &[TxTree], operation: &str) -> TxResult<Option<ReceiptRecord>> {
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
                super::engine::TxError::Abort(Abort::Refused(MoveRefused::Correction(r)))
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
            let note = move_note(&corrected.ticket, entry, String::new()).detail(
                strings::correction::audit_detail(current.status, entry.to, &entry.changes),
            );
            audit::append_in(tx, vec![note])?;
            tx[t::META].insert(keys::HISTORY_SEQ, (seq + 1).to_be_bytes())?;
            Ok((corrected, queued))
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::domain::applicant::{Applicant, ValidationRules};
    use crate::domain::correction::{
        ApplicantEdit, Correction, CorrectionContext, ReceiptEdit, correct,
    };
    use crate::domain::{Kind, Status};
    use crate::store::{NewRecord, StoreError};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn paid(dni: &str, op: &str) -> NewRecord {
        let now = at("2026-11-20T09:00:00-05:00");
        NewRecord {
            ticket: Ticket {
                id: String::new(),
                kind: Kind::Reemision,
                motive: Some('d'),
                status: Status::Observado,
                registered_at: now,
                registered_by: "ana".into(),
                applicants: vec![Applicant {
                    full_name: "Rosa Quispe".into(),
                    dni: dni.into(),
                    dni_issued_on: None,
                    email: "rquispe@regioncajamarca.gob.pe".into(),
                    photo: None,
                    signature: None,
                    payment_operation: Some(op.into()),
                    cert_expires_on: None,
                }],
                certificate: None,
                dispatch: None,
                observations: vec![],
                assignee: None,
                updated_at: now,
                batch: None,
                approved_on: None,
                version: 0,
                taken_at: None,
            },
            id_year: 2026,
            history: vec![],
            receipts: vec![PaymentReceipt {
                operation: op.into(),
                paid_on: "2026-11-19".parse().unwrap(),
                amount_cents: 810,
                tribute_code: "00529".into(),
                ruc: "20453744168".into(),
            }],
        }
    }

    fn to_op(op: &str) -> Correction {
        Correction {
            applicants: vec![ApplicantEdit {
                receipt: ReceiptEdit {
                    operation: Some(op.into()),
                    ..ReceiptEdit::default()
                },
                ..ApplicantEdit::default()
            }],
            ..Correction::default()
        }
    }

    /// The receipt index is checked inside the transaction: a receipt
    /// another ticket holds refuses the whole correction, even when the
    /// check before it (the desk's) did not see it.
    #[test]
    fn a_receipt_held_by_another_ticket_refuses_the_whole_transaction() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let ids = store
            .register_all(&[paid("41234567", "0456789"), paid("45781236", "0777777")])
            .unwrap();
        let rules = ValidationRules::default();
        let ctx = CorrectionContext {
            oversees: false,
            actor: "beto",
            at: at("2026-11-23T10:00:00-05:00"),
            today: "2026-11-23".parse().unwrap(),
            rules: &rules,
        };
        let audit = store.audit_len();
        let before = store.ticket(&ids[0]).unwrap();
        let c = to_op("0777777");
        let err = store
            .correct_ticket(
                &ids[0],
                |t, r| correct(t, r, &c, &ctx),
                |_, _, _, _| Vec::new(),
            )
            .unwrap_err();
        match err {
            StoreError::OperationReused { ticket, .. } => assert_eq!(ticket, ids[1]),
            other => panic!("{other:?}"),
        }
        assert_eq!(store.ticket(&ids[0]).unwrap(), before);
        assert_eq!(store.receipt("0456789").unwrap().unwrap().ticket, ids[0]);
        assert_eq!(store.receipt("0777777").unwrap().unwrap().ticket, ids[1]);
        assert_eq!(store.audit_len(), audit);
        assert_eq!(store.history(&ids[0]).unwrap().len(), 0);

        // A free number: claimed, the old one released, in one go.
        let c = to_op("0888888");
        let (done, _) = store
            .correct_ticket(
                &ids[0],
                |t, r| correct(t, r, &c, &ctx),
                |_, _, _, _| Vec::new(),
            )
            .unwrap();
        assert_eq!(done.ticket.status, Status::EnAtencion);
        assert!(store.receipt("0456789").unwrap().is_none());
        assert_eq!(store.receipt("0888888").unwrap().unwrap().ticket, ids[0]);
        assert_eq!(store.history(&ids[0]).unwrap().len(), 1);
        assert_eq!(store.audit_len(), audit + 1);
    }
}
