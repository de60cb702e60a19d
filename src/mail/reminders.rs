//! Reminders driven by the calendar rather than by a move: download
//! reminders (days 20 and 27 after approval by default) and the notice that
//! the 30-day download window lapsed.
//!
//! Decision: a ticket still in `Aprobado` is taken as "not downloaded yet";
//! closing it (installed) stops the reminders. Each reminder is keyed by the
//! ticket, the reminder and the approval day, and inserted only when its key
//! is new, so scanning again never sends it twice. When several reminder
//! days passed unseen (the desk was off), only the latest one goes out.

use chrono::{DateTime, NaiveDate, Utc};

use super::events::{Event, MailContext, outbox_entry};
use super::render::{Block, Letter};
use crate::domain::applicant::Applicant;
use crate::domain::certificate::download_until;
use crate::domain::{HistoryEntry, Move, Status, Ticket};
use crate::store::outbox::{OutboxEntry, entry_id};
use crate::store::{Result, Store};
use crate::strings::mail as s;

/// The day (desk time zone) of the ticket's latest approval.
pub fn approved_on(history: &[HistoryEntry], ctx: &MailContext) -> Option<NaiveDate> {
    history
        .iter()
        .rev()
        .find(|h| h.action == Some(Move::Approve))
        .map(|h| ctx.rules.local(h.at).date_naive())
}

/// The letter of a reminder event for one applicant.
pub fn letter(
    event: Event,
    t: &Ticket,
    applicant: &Applicant,
    approved: NaiveDate,
    today: NaiveDate,
) -> Option<Letter> {
    let until = download_until(approved);
    let (subject, blocks) = match event {
        Event::RecordatorioDescarga => (
            s::reminder_subject(&t.id, until),
            vec![
                Block::Para(s::reminder_intro(&t.id, t.kind, t.motive, approved)),
                Block::Strong(s::reminder_left((until - today).num_days(), until)),
                Block::Para(s::approved_lapse().into()),
                Block::Para(s::reminder_done().into()),
            ],
        ),
        Event::PlazoVencido => (
            s::lapsed_subject(&t.id),
            vec![
                Block::Para(s::lapsed_intro(&t.id, t.kind, t.motive, until)),
                Block::Strong(s::lapsed_next().into()),
            ],
        ),
        _ => return None,
    };
    Some(Letter {
        subject,
        to_name: applicant.full_name.clone(),
        blocks,
    })
}

/// The reminders due at `now` for one approved ticket (pure).
pub fn due(
    t: &Ticket,
    approved: NaiveDate,
    now: DateTime<Utc>,
    ctx: &MailContext,
) -> Vec<OutboxEntry> {
    if t.status != Status::Aprobado {
        return Vec::new();
    }
    let today = ctx.rules.local(now).date_naive();
    let until = download_until(approved);
    let elapsed = (today - approved).num_days();
    let (event, key) = if today > until {
        (Event::PlazoVencido, Event::PlazoVencido.code().to_string())
    } else {
        match ctx
            .settings
            .download_reminder_days
            .iter()
            .filter(|d| **d <= elapsed)
            .max()
        {
            Some(day) => (
                Event::RecordatorioDescarga,
                format!("{}_{day}", Event::RecordatorioDescarga.code()),
            ),
            None => return Vec::new(),
        }
    };
    let approval_key: u64 = approved
        .format("%Y%m%d")
        .to_string()
        .parse()
        .expect("digits");
    t.applicants
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.email.trim().is_empty())
        .filter_map(|(i, a)| {
            let l = letter(event, t, a, approved, today)?;
            Some(outbox_entry(
                entry_id(&t.id, &key, approval_key, i + 1),
                t,
                event,
                a,
                &l,
                ctx,
                now,
            ))
        })
        .collect()
}

/// Scans the approved tickets and enqueues the reminders due at `now`;
/// returns the ids enqueued (none when they were enqueued before).
pub fn enqueue_due(store: &Store, ctx: &MailContext, now: DateTime<Utc>) -> Result<Vec<String>> {
    let mut messages = Vec::new();
    for t in store.with_status(Status::Aprobado) {
        let t = t?;
        let approved = match t.approved_on {
            Some(day) => Some(day),
            None => approved_on(&store.history(&t.id)?, ctx),
        };
        if let Some(approved) = approved {
            // An applicant whose certificate from this ticket is already
            // installed (or cancelled) hears no more about downloading it.
            let mut done = Vec::new();
            for a in &t.applicants {
                if store.certificates_of(&a.dni)?.iter().any(|c| {
                    c.origin == t.id && (c.installed_on.is_some() || c.cancelled.is_some())
                }) {
                    done.push(a.email.trim().to_string());
                }
            }
            messages.extend(
                due(&t, approved, now, ctx)
                    .into_iter()
                    .filter(|m| !done.contains(&m.to)),
            );
        }
    }
    store.enqueue_absent(&messages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DispatchRules;
    use crate::mail::preview::sample_ticket;
    use crate::mail::settings::MailSettings;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn ids(t: &Ticket, now: &str) -> Vec<String> {
        let (m, r) = (MailSettings::default(), DispatchRules::default());
        let ctx = MailContext {
            settings: &m,
            rules: &r,
            institutional_domains: &[],
        };
        due(t, "2026-12-02".parse().unwrap(), at(now), &ctx)
            .into_iter()
            .map(|e| e.id)
            .collect()
    }

    #[test]
    fn reminders_on_days_20_and_27_then_the_lapse_notice() {
        let mut t = sample_ticket();
        t.status = Status::Aprobado;
        // Approved 02/12/2026: window until 01/01/2027.
        assert!(ids(&t, "2026-12-21T08:00:00-05:00").is_empty(), "day 19");
        assert_eq!(
            ids(&t, "2026-12-22T08:00:00-05:00"),
            ["T-2026-000123/recordatorio_descarga_20/20261202/1"]
        );
        assert_eq!(
            ids(&t, "2026-12-28T08:00:00-05:00"),
            ["T-2026-000123/recordatorio_descarga_20/20261202/1"],
            "day 26: still the day-20 key, so nothing new"
        );
        assert_eq!(
            ids(&t, "2026-12-29T08:00:00-05:00"),
            ["T-2026-000123/recordatorio_descarga_27/20261202/1"]
        );
        assert_eq!(
            ids(&t, "2027-01-01T23:00:00-05:00"),
            ["T-2026-000123/recordatorio_descarga_27/20261202/1"],
            "the last day is still inside the window"
        );
        assert_eq!(
            ids(&t, "2027-01-02T08:00:00-05:00"),
            ["T-2026-000123/plazo_vencido/20261202/1"]
        );
        t.status = Status::Cerrado;
        assert!(ids(&t, "2026-12-29T08:00:00-05:00").is_empty(), "installed");
    }

    #[test]
    fn the_reminder_says_how_many_days_are_left_and_until_when() {
        let t = sample_ticket();
        let l = letter(
            Event::RecordatorioDescarga,
            &t,
            &t.applicants[0],
            "2026-12-02".parse().unwrap(),
            "2026-12-29".parse().unwrap(),
        )
        .unwrap();
        let r = l.render(&[]);
        assert!(r.text.contains("Le quedan 3 días"), "{}", r.text);
        assert!(r.text.contains("viernes 01/01/2027"), "{}", r.text);
        let l = letter(
            Event::PlazoVencido,
            &t,
            &t.applicants[0],
            "2026-12-02".parse().unwrap(),
            "2027-01-02".parse().unwrap(),
        )
        .unwrap();
        let r = l.render(&[]);
        assert!(r.text.contains("motivo g"), "{}", r.text);
    }
}
