//! The sender: delivers what is due, records each outcome at once, and
//! schedules retries with exponential backoff.
//!
//! Delivery is at least once and, in practice, once: a message is marked
//! sent (and the store flushed) right after the server accepts it. Only a
//! crash in that instant — after the server's 250, before the mark — can
//! repeat a message; it then carries the same Message-ID.

use chrono::{DateTime, Utc};

use super::settings::MailSettings;
use super::transport::{Delivery, Transport};
use crate::store::outbox::{OutboxEntry, OutboxStatus};
use crate::store::{Result, Store};

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub sent: usize,
    pub failed: usize,
    /// Tried and kept for a later attempt.
    pub retry: usize,
    /// Pending and not yet due.
    pub waiting: usize,
}

/// The entry after one attempt that came to `result` at `now`.
pub fn record(
    current: &OutboxEntry,
    result: &Delivery,
    now: DateTime<Utc>,
    settings: &MailSettings,
) -> OutboxEntry {
    let mut next = current.clone();
    next.attempts = current.attempts.saturating_add(1);
    next.claimed_until = None;
    match result {
        Delivery::Sent => {
            next.status = OutboxStatus::Sent;
            next.sent_at = Some(now);
            next.last_error = None;
        }
        Delivery::Failed(reply) => {
            next.status = OutboxStatus::Failed;
            next.last_error = Some(reply.clone());
        }
        Delivery::Retry(why) | Delivery::Unreachable(why) => {
            next.status = OutboxStatus::Pending;
            next.next_attempt_at = now + settings.backoff(next.attempts);
            next.last_error = Some(why.clone());
        }
    }
    next
}

/// A failed or pending message made due now. A sent one is left alone,
/// and so is one another process is delivering right now (its claim):
/// making it due again would send it twice.
pub fn retry_now(current: &OutboxEntry, now: DateTime<Utc>) -> OutboxEntry {
    let mut next = current.clone();
    let claimed = current.claimed_until.is_some_and(|until| until > now);
    if next.status != OutboxStatus::Sent && !claimed {
        next.status = OutboxStatus::Pending;
        next.next_attempt_at = now;
    }
    next
}

/// Why a message cannot be retried.
#[derive(Debug, thiserror::Error)]
pub enum RetryRefused {
    #[error("{}", crate::strings::mail::already_sent(.0))]
    AlreadySent(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// Puts a failed (or pending) message back in line, due at `now`: what
/// `mesa mail retry` and the console's retry key do. A sent message is
/// refused: retrying it would send it twice.
pub fn retry(
    store: &Store,
    id: &str,
    now: DateTime<Utc>,
) -> std::result::Result<OutboxEntry, RetryRefused> {
    let current = store
        .outbox_entry(id)?
        .ok_or_else(|| crate::store::StoreError::OutboxNotFound(id.to_string()))?;
    if current.status == OutboxStatus::Sent {
        return Err(RetryRefused::AlreadySent(id.to_string()));
    }
    let entry = store.outbox_change(id, |e| retry_now(e, now))?;
    tracing::info!(id = %entry.id, "correo puesto en cola de nuevo");
    Ok(entry)
}

/// Makes every pending message due at `now` (and, with `failed`, every
/// failed one too): what an operator asks once the server is back, instead
/// of waiting up to an hour of back-off per message. Sent messages are never
/// touched. Returns how many were made due.
pub fn make_due(store: &Store, now: DateTime<Utc>, failed: bool) -> crate::store::Result<usize> {
    let mut n = 0;
    for entry in store.outbox()? {
        let waiting = entry.status == OutboxStatus::Pending && entry.next_attempt_at > now;
        let refused = failed && entry.status == OutboxStatus::Failed;
        if waiting || refused {
            store.outbox_change(&entry.id, |e| retry_now(e, now))?;
            n += 1;
        }
    }
    tracing::info!(n, failed, "correos adelantados para ahora");
    Ok(n)
}

/// How long a message taken for delivery is left to its taker before
/// another process may try it (longer than any SMTP exchange's timeouts).
const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(10);

/// Delivers every message due at `now`, one at a time, recording each
/// outcome (and flushing) before the next. Once the server is unreachable,
/// the rest wait for their next attempt without contacting it again.
pub async fn flush_due(
    store: &Store,
    transport: &Transport,
    settings: &MailSettings,
    now: DateTime<Utc>,
) -> Result<Counts> {
    let mut counts = Counts::default();
    let mut unreachable: Option<String> = None;
    for due in store.outbox_due(now)? {
        // Several consoles may drain one shared outbox: each message is
        // taken by one of them before it is sent.
        let Some(entry) = store.outbox_claim(&due.id, now, CLAIM_LEASE)? else {
            continue;
        };
        let result = match &unreachable {
            Some(why) => Delivery::Unreachable(why.clone()),
            None => transport.deliver(&entry, now).await,
        };
        match &result {
            Delivery::Sent => {
                tracing::info!(id = %entry.id, to = %entry.to, "correo enviado");
                counts.sent += 1;
            }
            Delivery::Failed(reply) => {
                tracing::warn!(id = %entry.id, to = %entry.to, reply = %reply, "correo rechazado");
                counts.failed += 1;
            }
            Delivery::Retry(why) => {
                tracing::warn!(id = %entry.id, to = %entry.to, error = %why, "correo pendiente, se reintentará");
                counts.retry += 1;
            }
            Delivery::Unreachable(why) => {
                tracing::warn!(id = %entry.id, to = %entry.to, error = %why, "servidor inaccesible, se reintentará");
                counts.retry += 1;
                unreachable = Some(why.clone());
            }
        }
        store.outbox_change(&entry.id, |current| {
            // Only a message still pending takes the outcome.
            if current.status == OutboxStatus::Pending {
                let mut next = record(current, &result, now, settings);
                if next.status != OutboxStatus::Pending {
                    // The claim's lease is not a due time: a message sent
                    // or refused keeps the one it had.
                    next.next_attempt_at = entry.next_attempt_at;
                }
                next
            } else {
                current.clone()
            }
        })?;
    }
    counts.waiting = store
        .outbox_pending_count()
        .saturating_sub(store.outbox_due(now)?.len());
    Ok(counts)
}

/// The earliest moment a pending message is due.
pub fn next_due(store: &Store) -> Result<Option<DateTime<Utc>>> {
    store.outbox_next_due()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn pending() -> OutboxEntry {
        OutboxEntry {
            id: "T-2026-000001/programado/00000001/1".into(),
            ticket: "T-2026-000001".into(),
            event: "programado".into(),
            to_name: "Rosa".into(),
            to: "r@regioncajamarca.gob.pe".into(),
            subject: "s".into(),
            text: "t".into(),
            html: "h".into(),
            created_at: at("2026-11-23T10:00:00Z"),
            status: OutboxStatus::Pending,
            attempts: 0,
            next_attempt_at: at("2026-11-23T10:00:00Z"),
            last_error: None,
            sent_at: None,
            claimed_until: None,
        }
    }

    #[test]
    fn transient_errors_back_off_and_keep_the_message_pending() {
        let m = MailSettings::default();
        let now = at("2026-11-23T10:00:00Z");
        let once = record(&pending(), &Delivery::Retry("refused".into()), now, &m);
        assert_eq!(once.status, OutboxStatus::Pending);
        assert_eq!(once.attempts, 1);
        assert_eq!(once.next_attempt_at, at("2026-11-23T10:01:00Z"));
        let twice = record(&once, &Delivery::Retry("refused".into()), now, &m);
        assert_eq!(twice.next_attempt_at, at("2026-11-23T10:02:00Z"));
        assert_eq!(twice.last_error.as_deref(), Some("refused"));
    }

    #[test]
    fn a_refusal_fails_with_the_reply_and_retry_makes_it_due_again() {
        let m = MailSettings::default();
        let now = at("2026-11-23T10:00:00Z");
        let failed = record(&pending(), &Delivery::Failed("550 no".into()), now, &m);
        assert_eq!(failed.status, OutboxStatus::Failed);
        assert_eq!(failed.last_error.as_deref(), Some("550 no"));
        let later = at("2026-11-24T08:00:00Z");
        let again = retry_now(&failed, later);
        assert_eq!(again.status, OutboxStatus::Pending);
        assert_eq!(again.next_attempt_at, later);
        let sent = record(&again, &Delivery::Sent, later, &m);
        assert_eq!(sent.status, OutboxStatus::Sent);
        assert_eq!(sent.sent_at, Some(later));
        assert_eq!(retry_now(&sent, later), sent, "a sent message stays sent");
    }
}
