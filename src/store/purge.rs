//! Removing tickets past their retention: each ticket with its history,
//! index entries, payment receipts and outbox messages, all in one
//! transaction with the audit entry that counts them.

use super::engine::TxTree;

use super::outbox::{OutboxEntry, due_key};
use super::record::{self, Record};
use super::{Result, Store, TxResult, audit, decode, keys, t, tx_corrupt};
use crate::domain::audit::AuditNote;

/// What a purge will remove, found before its transaction (which cannot
/// scan): each ticket's messages, and how long its history is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PurgePlan {
    tickets: Vec<Planned>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Planned {
    id: String,
    history: usize,
    outbox: Vec<Vec<u8>>,
}

/// What a purge removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    pub tickets: usize,
    pub history: usize,
    pub outbox: usize,
    pub receipts: usize,
}

impl Purged {
    pub fn add(&mut self, other: &Purged) {
        self.tickets += other.tickets;
        self.history += other.history;
        self.outbox += other.outbox;
        self.receipts += other.receipts;
    }
}

impl PurgePlan {
    /// The plan in parts of at most `size` tickets, in order; an empty plan
    /// is one (empty) part, so that even a purge that finds nothing leaves
    /// its entry.
    pub fn parts(self, size: usize) -> Vec<PurgePlan> {
        if self.tickets.is_empty() {
            return vec![self];
        }
        self.tickets
            .chunks(size.max(1))
            .map(|c| PurgePlan {
                tickets: c.to_vec(),
            })
            .collect()
    }

    pub fn tickets(&self) -> usize {
        self.tickets.len()
    }
    pub fn history_entries(&self) -> usize {
        self.tickets.iter().map(|p| p.history).sum()
    }
    pub fn outbox_messages(&self) -> usize {
        self.tickets.iter().map(|p| p.outbox.len()).sum()
    }
}

/// Removes one ticket and everything that is its own; false (and nothing
/// removed) unless it is still there and finished.
fn remove_ticket(tx: &[TxTree], p: &Planned, purged: &mut Purged) -> TxResult<bool> {
    let Some(Record { ticket, history }) = record::read_in(tx, &p.id)? else {
        return Ok(false);
    };
    // A finished ticket never moves again; anything else stays.
    if !ticket.status.is_final() {
        return Ok(false);
    }
    for (tree, k) in keys::index_entries(&ticket) {
        tx[tree].remove(k)?;
    }
    for op in ticket
        .applicants
        .iter()
        .filter_map(|a| a.payment_operation.as_deref())
    {
        if tx[t::RECEIPTS].remove(keys::receipt(op))?.is_some() {
            purged.receipts += 1;
        }
    }
    tx[t::QUEUE_ROWS].remove(keys::arrival(&ticket))?;
    super::summary::uncount_in(tx, ticket.status)?;
    tx[t::TICKETS].remove(keys::ticket(&p.id))?;
    purged.tickets += 1;
    purged.history += history.len();
    for k in &p.outbox {
        if let Some(v) = tx[t::OUTBOX].remove(k.as_slice())? {
            let entry: OutboxEntry = decode(k, &v).map_err(tx_corrupt)?;
            if let Some(due) = due_key(&entry) {
                tx[t::OUTBOX_DUE].remove(due)?;
            }
            purged.outbox += 1;
        }
    }
    Ok(true)
}

impl Store {
    /// The keys a purge of these tickets removes.
    pub fn purge_plan(&self, ids: &[String]) -> Result<PurgePlan> {
        let mut plan = PurgePlan::default();
        for id in ids {
            let mut p = Planned {
                id: id.clone(),
                ..Planned::default()
            };
            p.history = self.history(id)?.len();
            for kv in self.tree(t::OUTBOX).scan_prefix(format!("{id}/")) {
                p.outbox.push(kv.map_err(|e| self.damaged(e))?.0.to_vec());
            }
            plan.tickets.push(p);
        }
        Ok(plan)
    }

    /// Removes what `plan` names, with the audit entry `note` (whose
    /// detail `describe` writes from the counts), all at once.
    pub fn purge(
        &self,
        plan: &PurgePlan,
        note: AuditNote,
        describe: impl Fn(&Purged) -> String,
    ) -> Result<Purged> {
        self.transact(|tx| {
            let mut purged = Purged::default();
            for p in &plan.tickets {
                remove_ticket(tx, p, &mut purged)?;
            }
            audit::append_in(tx, vec![note.clone().detail(describe(&purged))])?;
            Ok(purged)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(n: usize) -> PurgePlan {
        PurgePlan {
            tickets: (0..n)
                .map(|i| Planned {
                    id: format!("T-2020-{i:06}"),
                    history: 1,
                    outbox: vec![],
                })
                .collect(),
        }
    }

    #[test]
    fn a_plan_splits_in_order_and_an_empty_one_is_one_part() {
        let parts = plan(5).parts(2);
        let sizes: Vec<usize> = parts.iter().map(PurgePlan::tickets).collect();
        assert_eq!(sizes, [2, 2, 1]);
        assert_eq!(parts[2].tickets[0].id, "T-2020-000004");
        assert_eq!(
            parts.iter().map(PurgePlan::history_entries).sum::<usize>(),
            5
        );
        let empty = plan(0).parts(2);
        assert_eq!(empty.len(), 1);
        assert_eq!(empty[0].tickets(), 0);
    }
}
