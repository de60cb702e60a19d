//! The mail outbox: messages waiting to be delivered, kept in the `outbox`
//! tree.
//!
//! A message is enqueued in the same transaction as the ticket change that
//! causes it, under a key made of the ticket, the event and the history
//! sequence number of that change. The key is unique per change, and an
//! existing key is never overwritten: a transaction that sled re-runs, or a
//! change replayed on the same history entry, cannot queue a message twice.

use super::engine::TxTree;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::encode;
use super::{
    Abort, Result, Store, StoreError, TxResult, abort, corrupt, decode, keys, t, tx_corrupt,
    update_in,
};
use crate::domain::{HistoryEntry, MoveRefused, Ticket};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxStatus {
    /// Waiting for its next attempt.
    Pending,
    /// Accepted by the server (or written to its file).
    Sent,
    /// Refused for good (a 5xx reply, an impossible address).
    Failed,
}

impl OutboxStatus {
    pub const ALL: [OutboxStatus; 3] = [
        OutboxStatus::Pending,
        OutboxStatus::Sent,
        OutboxStatus::Failed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
        }
    }

    pub fn from_code(code: &str) -> Option<OutboxStatus> {
        let code = code.trim().to_lowercase();
        OutboxStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One message in the outbox, rendered when it was enqueued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// `<ticket>/<event>/<history seq>/<recipient n>`: the idempotency key.
    pub id: String,
    pub ticket: String,
    /// The event code: `programado`, `observado`, …
    pub event: String,
    pub to_name: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub created_at: DateTime<Utc>,
    pub status: OutboxStatus,
    /// Delivery attempts made so far.
    pub attempts: u32,
    /// When a pending message is due.
    pub next_attempt_at: DateTime<Utc>,
    /// The last error or the server's refusal.
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    /// While one process delivers it (shared store, see `outbox_claim`):
    /// until when every other process leaves it alone, even one asked to
    /// send everything now. Never written on the embedded store.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claimed_until: Option<DateTime<Utc>>,
}

/// The `outbox_due` index key of a pending message: its next attempt, then
/// its id, so a scan from the start meets the most overdue first.
pub(super) fn due_key(e: &OutboxEntry) -> Option<Vec<u8>> {
    (e.status == OutboxStatus::Pending).then(|| {
        let mut k = keys::moment(e.next_attempt_at).to_vec();
        k.extend_from_slice(e.id.as_bytes());
        k
    })
}

/// Writes a message and moves its `outbox_due` entry from `old`.
fn put(tx: &[TxTree], old: Option<&OutboxEntry>, new: &OutboxEntry) -> TxResult<()> {
    if let Some(k) = old.and_then(due_key) {
        tx[t::OUTBOX_DUE].remove(k)?;
    }
    if let Some(k) = due_key(new) {
        tx[t::OUTBOX_DUE].insert(k, new.id.as_bytes())?;
    }
    tx[t::OUTBOX].insert(new.id.as_bytes(), encode(new))?;
    Ok(())
}

/// Inserts each message whose key is new, inside a transaction; returns
/// the ids inserted.
pub(super) fn enqueue_in(tx: &[TxTree], messages: Vec<OutboxEntry>) -> TxResult<Vec<String>> {
    let mut queued = Vec::new();
    for message in messages {
        if tx[t::OUTBOX].get(message.id.as_bytes())?.is_none() {
            put(tx, None, &message)?;
            queued.push(message.id);
        }
    }
    Ok(queued)
}

/// The key of the `n`-th message (1-based) caused by one change.
pub fn entry_id(ticket: &str, event: &str, history_seq: u64, n: usize) -> String {
    format!("{ticket}/{event}/{history_seq:08}/{n}")
}

impl Store {
    /// Like [`Store::update`], and also enqueues the messages that `mail`
    /// computes — purely — from the ticket before and after the change, the
    /// history entry and its sequence number. Returns the new ticket and the
    /// ids of the messages enqueued by this call.
    pub fn update_and_enqueue<F, G>(
        &self,
        id: &str,
        change: F,
        mail: G,
    ) -> Result<(Ticket, Vec<String>)>
    where
        F: Fn(&Ticket) -> std::result::Result<(Ticket, HistoryEntry), MoveRefused>,
        G: Fn(&Ticket, &Ticket, &HistoryEntry, u64) -> Vec<OutboxEntry>,
    {
        let ids = [id.to_string()];
        let (mut tickets, queued) = self.update_all_and_enqueue(&ids, |_, t| change(t), mail)?;
        Ok((tickets.remove(0), queued))
    }

    /// Like [`Store::update_all`], enqueuing each change's messages in the
    /// same transaction.
    pub fn update_all_and_enqueue<F, G>(
        &self,
        ids: &[String],
        change: F,
        mail: G,
    ) -> Result<(Vec<Ticket>, Vec<String>)>
    where
        F: Fn(usize, &Ticket) -> std::result::Result<(Ticket, HistoryEntry), MoveRefused>,
        G: Fn(&Ticket, &Ticket, &HistoryEntry, u64) -> Vec<OutboxEntry>,
    {
        self.transact(|tx| update_in(tx, ids, &change, &mail, &super::no_certs))
    }

    /// Enqueues messages that no ticket change causes (reminders), each only
    /// if its key is new; returns the ids enqueued.
    pub fn enqueue_absent(&self, messages: &[OutboxEntry]) -> Result<Vec<String>> {
        // Most scans find only reminders queued before: skip the write.
        let mut fresh = Vec::new();
        for m in messages {
            if self.outbox_entry(&m.id)?.is_none() {
                fresh.push(m.clone());
            }
        }
        if fresh.is_empty() {
            return Ok(Vec::new());
        }
        self.transact(|tx| enqueue_in(tx, fresh.clone()))
    }

    /// Every message, in key order (ticket, event, change).
    pub fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        self.tree(t::OUTBOX)
            .iter()
            .map(|kv| {
                let (k, v) = kv.map_err(|e| self.damaged(e))?;
                decode(&k, &v).map_err(corrupt)
            })
            .collect()
    }

    pub fn outbox_entry(&self, id: &str) -> Result<Option<OutboxEntry>> {
        match self
            .tree(t::OUTBOX)
            .get(id.as_bytes())
            .map_err(|e| self.damaged(e))?
        {
            Some(bytes) => Ok(Some(decode(id.as_bytes(), &bytes).map_err(corrupt)?)),
            None => Ok(None),
        }
    }

    /// Pending messages whose next attempt is at or before `now`, most
    /// overdue first (read from the `outbox_due` index).
    pub fn outbox_due(&self, now: DateTime<Utc>) -> Result<Vec<OutboxEntry>> {
        let limit = keys::moment(now);
        let mut out = Vec::new();
        for kv in self.tree(t::OUTBOX_DUE).iter() {
            let (k, id) = kv.map_err(|e| self.damaged(e))?;
            if k[..8] > limit[..] {
                break;
            }
            let id = String::from_utf8_lossy(&id).into_owned();
            out.push(
                self.outbox_entry(&id)?
                    .ok_or(StoreError::OutboxNotFound(id))?,
            );
        }
        Ok(out)
    }

    /// Every pending message, due or not, soonest first: read from the
    /// `outbox_due` index, so it costs what is pending, not the whole outbox.
    pub fn outbox_pending(&self) -> Result<Vec<OutboxEntry>> {
        let mut out = Vec::new();
        for kv in self.tree(t::OUTBOX_DUE).iter() {
            let (_, id) = kv.map_err(|e| self.damaged(e))?;
            let id = String::from_utf8_lossy(&id).into_owned();
            out.extend(self.outbox_entry(&id)?);
        }
        Ok(out)
    }

    /// How many messages are (pending, failed): for a status line.
    pub fn outbox_counts(&self) -> Result<(usize, usize)> {
        let failed = self
            .outbox()?
            .iter()
            .filter(|e| e.status == OutboxStatus::Failed)
            .count();
        Ok((self.outbox_pending_count(), failed))
    }

    /// How many messages are pending, due or not.
    pub fn outbox_pending_count(&self) -> usize {
        self.tree(t::OUTBOX_DUE).len()
    }

    /// When the earliest pending message is due.
    pub fn outbox_next_due(&self) -> Result<Option<DateTime<Utc>>> {
        match self
            .tree(t::OUTBOX_DUE)
            .first()
            .map_err(|e| self.damaged(e))?
        {
            Some((_, id)) => {
                let id = String::from_utf8_lossy(&id).into_owned();
                Ok(self.outbox_entry(&id)?.map(|e| e.next_attempt_at))
            }
            None => Ok(None),
        }
    }

    /// Changes one message through `change` (pure) and flushes before
    /// returning. `NotFound` when there is no such message.
    /// Takes a due message for delivery: its next attempt moves `lease`
    /// ahead, so every other process draining the same outbox (several
    /// consoles on a shared store) passes it by. `None` when it is no
    /// longer due: another process took it, or it was sent. A process that
    /// dies while sending leaves it due again once the lease runs out
    /// (`mesa mail flush --now` makes it due at once). On the embedded
    /// store nothing is written: it has one process.
    pub fn outbox_claim(
        &self,
        id: &str,
        now: DateTime<Utc>,
        lease: chrono::Duration,
    ) -> Result<Option<OutboxEntry>> {
        let key = id.as_bytes();
        self.transact(|tx| {
            let Some(bytes) = tx[t::OUTBOX].get(key)? else {
                return Ok(None);
            };
            let current: OutboxEntry = decode(key, &bytes).map_err(tx_corrupt)?;
            if current.status != OutboxStatus::Pending || current.next_attempt_at > now {
                return Ok(None);
            }
            if !self.is_shared() {
                // The embedded store has one process, holding its lock:
                // nobody else drains it, and a message whose sender was
                // killed is due again at once.
                return Ok(Some(current));
            }
            let mut next = current.clone();
            next.next_attempt_at = now + lease;
            next.claimed_until = Some(now + lease);
            put(tx, Some(&current), &next)?;
            Ok(Some(current))
        })
    }

    pub fn outbox_change<F>(&self, id: &str, change: F) -> Result<OutboxEntry>
    where
        F: Fn(&OutboxEntry) -> OutboxEntry,
    {
        let key = id.as_bytes();
        self.transact(|tx| {
            let Some(bytes) = tx[t::OUTBOX].get(key)? else {
                return abort(Abort::NotFound(id.to_string()));
            };
            let current: OutboxEntry = decode(key, &bytes).map_err(tx_corrupt)?;
            let mut next = change(&current);
            next.id = current.id.clone();
            put(tx, Some(&current), &next)?;
            Ok(next)
        })
        .map_err(|e| match e {
            StoreError::NotFound(id) => StoreError::OutboxNotFound(id),
            other => other,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::applicant::Applicant;
    use crate::domain::{Kind, Move, Status};
    use crate::store::NewRecord;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn new_ticket() -> NewRecord {
        let now = at("2026-11-23T09:00:00-05:00");
        NewRecord {
            ticket: Ticket {
                id: String::new(),
                kind: Kind::Emision,
                motive: Some('a'),
                status: Status::Nuevo,
                registered_at: now,
                registered_by: "ana".into(),
                applicants: vec![Applicant {
                    full_name: "Rosa Quispe".into(),
                    dni: "41234567".into(),
                    dni_issued_on: None,
                    email: "rquispe@regioncajamarca.gob.pe".into(),
                    photo: None,
                    signature: None,
                    payment_operation: None,
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
            receipts: vec![],
        }
    }

    fn message(ticket: &Ticket, seq: u64) -> OutboxEntry {
        OutboxEntry {
            id: entry_id(&ticket.id, "en_atencion", seq, 1),
            ticket: ticket.id.clone(),
            event: "en_atencion".into(),
            to_name: "Rosa Quispe".into(),
            to: "rquispe@regioncajamarca.gob.pe".into(),
            subject: "s".into(),
            text: "t".into(),
            html: "h".into(),
            created_at: ticket.updated_at,
            status: OutboxStatus::Pending,
            attempts: 0,
            next_attempt_at: ticket.updated_at,
            last_error: None,
            sent_at: None,
            claimed_until: None,
        }
    }

    fn take(t: &Ticket) -> std::result::Result<(Ticket, HistoryEntry), MoveRefused> {
        let mut next = t.clone();
        let to = crate::domain::lifecycle::transition(t.kind, t.status, Move::Take)?;
        next.status = to;
        Ok((
            next,
            HistoryEntry {
                at: t.updated_at,
                by: "beto".into(),
                action: Some(Move::Take),
                from: Some(t.status),
                to,
                reasons: vec![],
                changes: Vec::new(),
            },
        ))
    }

    #[test]
    fn a_message_is_enqueued_with_its_change_and_never_twice() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let id = store.register_all(&[new_ticket()]).unwrap().remove(0);
        let (ticket, queued) = store
            .update_and_enqueue(&id, take, |_, after, _, seq| {
                // The same message twice: the second is the "replay".
                vec![message(after, seq), message(after, seq)]
            })
            .unwrap();
        assert_eq!(ticket.status, Status::EnAtencion);
        assert_eq!(queued.len(), 1);
        let all = store.outbox().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].id, queued[0]);
        assert!(all[0].id.starts_with(&format!("{id}/en_atencion/")));
    }

    #[test]
    fn a_refused_change_enqueues_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let id = store.register_all(&[new_ticket()]).unwrap().remove(0);
        store
            .update_and_enqueue(&id, take, |_, a, _, s| vec![message(a, s)])
            .unwrap();
        // Taking again is illegal: no history, no message.
        let err = store
            .update_and_enqueue(&id, take, |_, a, _, s| vec![message(a, s)])
            .unwrap_err();
        assert!(matches!(err, StoreError::Refused(_)));
        assert_eq!(store.outbox().unwrap().len(), 1);
        assert_eq!(store.history(&id).unwrap().len(), 1);
    }

    #[test]
    fn messages_survive_reopening_and_change_one_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let msg_id;
        {
            let store = Store::open(dir.path()).unwrap();
            let id = store.register_all(&[new_ticket()]).unwrap().remove(0);
            let (_, q) = store
                .update_and_enqueue(&id, take, |_, a, _, s| vec![message(a, s)])
                .unwrap();
            msg_id = q[0].clone();
        }
        let store = Store::open(dir.path()).unwrap();
        let due = store.outbox_due(at("2026-11-23T09:00:00-05:00")).unwrap();
        assert_eq!(due.len(), 1);
        let sent = store
            .outbox_change(&msg_id, |e| OutboxEntry {
                status: OutboxStatus::Sent,
                ..e.clone()
            })
            .unwrap();
        assert_eq!(sent.status, OutboxStatus::Sent);
        assert!(
            store
                .outbox_due(at("2030-01-01T00:00:00Z"))
                .unwrap()
                .is_empty()
        );
        assert!(matches!(
            store.outbox_change("nope", |e| e.clone()),
            Err(StoreError::OutboxNotFound(_))
        ));
    }

    #[test]
    fn the_due_index_follows_every_change() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let ids = store
            .register_all(&[new_ticket(), new_ticket(), new_ticket()])
            .unwrap();
        let mut queued = Vec::new();
        for id in &ids {
            let (_, q) = store
                .update_and_enqueue(id, take, |_, a, _, s| vec![message(a, s)])
                .unwrap();
            queued.extend(q);
        }
        let t0 = at("2026-11-23T09:00:00-05:00");
        let later = |e: &OutboxEntry, mins: i64| OutboxEntry {
            next_attempt_at: t0 + chrono::Duration::minutes(mins),
            ..e.clone()
        };
        store.outbox_change(&queued[0], |e| later(e, 30)).unwrap();
        store.outbox_change(&queued[1], |e| later(e, 5)).unwrap();
        store
            .outbox_change(&queued[2], |e| OutboxEntry {
                status: OutboxStatus::Sent,
                ..e.clone()
            })
            .unwrap();
        assert_eq!(store.outbox_pending_count(), 2);
        assert!(store.outbox_due(t0).unwrap().is_empty());
        let due: Vec<String> = store
            .outbox_due(t0 + chrono::Duration::minutes(30))
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(
            due,
            [queued[1].clone(), queued[0].clone()],
            "most overdue first"
        );
        assert_eq!(
            store.outbox_next_due().unwrap(),
            Some(t0 + chrono::Duration::minutes(5))
        );
        // The index survives reopening.
        drop(store);
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.outbox_pending_count(), 2);
        assert_eq!(
            store
                .outbox_due(t0 + chrono::Duration::hours(1))
                .unwrap()
                .len(),
            2
        );
    }
}
