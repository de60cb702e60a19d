//! What the desk's sender would have made of the demo's mail by now, each
//! outcome recorded as a delivery pass records it (`sender::record`), no
//! server contacted: mail queued more than two days ago went out a minute
//! later, but one message in twelve, refused for good by the server (the
//! mailbox is unknown); the last two days' mail is still waiting.

use chrono::{DateTime, Duration, Utc};

use crate::desk::Desk;
use crate::mail::sender;
use crate::mail::transport::Delivery;
use crate::store::Result;
use crate::strings;

pub(super) fn settle(desk: &Desk, now: DateTime<Utc>) -> Result<()> {
    let mut all = desk.store.outbox()?;
    all.sort_by(|a, b| (a.created_at, &a.id).cmp(&(b.created_at, &b.id)));
    for (n, e) in all.iter().enumerate() {
        if e.created_at > now - Duration::days(2) {
            continue;
        }
        let result = if n % 12 == 5 {
            Delivery::Failed(strings::demo::unknown_mailbox(&e.to))
        } else {
            Delivery::Sent
        };
        let at = e.created_at + Duration::minutes(1);
        desk.store.outbox_change(&e.id, |current| {
            sender::record(current, &result, at, &desk.config.mail)
        })?;
    }
    Ok(())
}
