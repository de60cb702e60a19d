//! The daily digest of the other families' overdue steps: one message a
//! day, while any step is overdue, to the supervision's address (`[mail]
//! digest_to`, or the office's own). Its id names the day, so however many
//! consoles and `mail flush` run, it is enqueued once.

use chrono::{DateTime, Utc};
use lettre::message::Mailbox;

use super::Desk;
use crate::mail::render::{Block, Letter};
use crate::store::Result;
use crate::strings::families as s;

impl Desk {
    /// How many of the other families' requests have their step overdue
    /// at `now` (the console's header shows it).
    pub fn overdue_requests(&self, now: DateTime<Utc>) -> Result<usize> {
        let Ok(families) = self.families() else {
            return Ok(0);
        };
        let rules = &self.config.dispatch;
        let mut n = 0;
        for r in self.store.requests() {
            let r = r?;
            if let Some(f) = families.iter().find(|f| f.id == r.family) {
                n += usize::from(r.overdue(f, rules, now));
            }
        }
        Ok(n)
    }

    /// Enqueues today's digest when a step is overdue at `now`; the ids
    /// enqueued (none when there is nothing overdue or it went already).
    pub fn enqueue_overdue_digest(&self, now: DateTime<Utc>) -> Result<Vec<String>> {
        // A family file that does not read is said where families are
        // used; the digest has nothing to count then.
        let Ok(families) = self.families() else {
            return Ok(Vec::new());
        };
        let rules = &self.config.dispatch;
        let mut late = Vec::new();
        for r in self.store.requests() {
            let r = r?;
            let Some(f) = families.iter().find(|f| f.id == r.family) else {
                continue;
            };
            if r.overdue(f, rules, now) {
                late.push(s::digest_line(f, &r, rules, now));
            }
        }
        if late.is_empty() {
            return Ok(Vec::new());
        }
        let day = rules.local(now).date_naive();
        let mail = &self.config.mail;
        let to_text = mail.digest_to.clone().unwrap_or_else(|| mail.from.clone());
        let Ok(to) = to_text.parse::<Mailbox>() else {
            return Ok(Vec::new());
        };
        let to_name = to
            .name
            .clone()
            .unwrap_or_else(|| s::digest_to_name().to_string());
        let letter = Letter {
            subject: s::digest_subject(late.len(), day),
            to_name: to_name.clone(),
            blocks: vec![
                Block::Para(s::digest_intro(late.len())),
                Block::List(late),
                Block::Para(s::digest_closing().to_string()),
            ],
        };
        let entry = letter.render(&mail.signature).into_entry(
            format!("{}/{}", s::DIGEST_EVENT, day.format("%Y-%m-%d")),
            "",
            s::DIGEST_EVENT,
            (&to_name, to.email.as_ref()),
            now,
        );
        self.store.enqueue_absent(&[entry])
    }
}
