//! Certificate expiry reminders: an installed certificate whose expiry is
//! known gets a message 60, 30 and 15 days before it (configurable as
//! `[mail] expiry_reminder_days`), asking its holder to renew it.
//!
//! Each reminder is keyed by the certificate, the threshold and the expiry
//! date (`CD-2026-000001/vencimiento_certificado_30/20270120/1`) and inserted
//! only when that key is new, so scanning again never sends it twice. When
//! several thresholds passed unseen (the desk was off), only the latest one
//! goes out. Once a renewal ticket exists for the certificate (and is not
//! withdrawn or rejected: `Desk::renewal_of`), no more reminders go out.

use chrono::{DateTime, NaiveDate, Utc};

use super::events::{Event, MailContext, entry_to};
use super::render::{Block, Letter};
use crate::domain::DispatchReason;
use crate::domain::certificate::{CertStatus, Certificate};
use crate::store::outbox::{OutboxEntry, entry_id};
use crate::strings::expiry_mail as s;

/// The threshold a certificate has reached on `today`: the smallest
/// configured number of days not below the days left. `None` when no
/// threshold is reached, or the certificate is not installed and expiring.
pub fn threshold(cert: &Certificate, today: NaiveDate, days: &[i64]) -> Option<i64> {
    if cert.status(today) != CertStatus::Instalado {
        return None;
    }
    let left = cert.days_to_expiry(today)?;
    days.iter().copied().filter(|d| left <= *d).min()
}

/// The letter of an expiry reminder seen at `now`.
pub fn letter(cert: &Certificate, now: DateTime<Utc>, ctx: &MailContext) -> Option<Letter> {
    let expires = cert.expires_on?;
    let today = ctx.rules.local(now).date_naive();
    // What a renewal requested today would get: the same rules as scheduling.
    let d = ctx.rules.dispatch_for(now, now, Some(expires));
    let held = match d.reason {
        DispatchReason::RenewalHeld { latest_on, .. } => Some(latest_on),
        DispatchReason::Next => None,
    };
    Some(Letter {
        subject: s::subject(&cert.id, expires),
        to_name: cert.holder.clone(),
        blocks: vec![
            Block::Para(s::intro(cert)),
            Block::Strong(s::left((expires - today).num_days(), expires)),
            Block::Para(s::how()),
            Block::Para(s::when_sent(
                d.dispatch.on,
                held,
                ctx.rules.renewal_lead_days,
            )),
            Block::Para(s::done().into()),
        ],
    })
}

/// The reminder due at `now` for one certificate, if any (pure). `renewed`
/// says a renewal ticket exists.
pub fn due(
    cert: &Certificate,
    renewed: bool,
    now: DateTime<Utc>,
    ctx: &MailContext,
) -> Option<OutboxEntry> {
    if renewed || cert.email.trim().is_empty() {
        return None;
    }
    let today = ctx.rules.local(now).date_naive();
    let day = threshold(cert, today, &ctx.settings.expiry_reminder_days)?;
    let expires = cert.expires_on?;
    let key: u64 = expires
        .format("%Y%m%d")
        .to_string()
        .parse()
        .expect("digits");
    let event = Event::VencimientoCertificado;
    let l = letter(cert, now, ctx)?;
    Some(entry_to(
        entry_id(&cert.id, &format!("{}_{day}", event.code()), key, 1),
        &cert.origin,
        event,
        (&cert.holder, &cert.email),
        &l,
        ctx,
        now,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DispatchRules;
    use crate::mail::settings::MailSettings;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn installed(expires: &str) -> Certificate {
        crate::mail::preview::sample_certificate(expires.parse().unwrap())
    }

    fn ids(c: &Certificate, renewed: bool, now: &str) -> Option<String> {
        let (m, r) = (MailSettings::default(), DispatchRules::default());
        let ctx = MailContext {
            settings: &m,
            rules: &r,
            institutional_domains: &[],
        };
        due(c, renewed, at(now), &ctx).map(|e| e.id)
    }

    #[test]
    fn reminders_at_60_30_and_15_days_keyed_by_threshold_and_expiry() {
        let c = installed("2027-03-01");
        // 2027-03-01 − 60 days = 2026-12-31.
        assert_eq!(ids(&c, false, "2026-12-30T08:00:00-05:00"), None, "61 days");
        let key = |d: i64| format!("CD-2025-000042/vencimiento_certificado_{d}/20270301/1");
        assert_eq!(ids(&c, false, "2026-12-31T08:00:00-05:00"), Some(key(60)));
        assert_eq!(
            ids(&c, false, "2027-01-29T23:59:00-05:00"),
            Some(key(60)),
            "31 days: still the 60-day key, so nothing new"
        );
        assert_eq!(ids(&c, false, "2027-01-30T00:00:00-05:00"), Some(key(30)));
        assert_eq!(ids(&c, false, "2027-02-14T08:00:00-05:00"), Some(key(15)));
        assert_eq!(
            ids(&c, false, "2027-03-01T20:00:00-05:00"),
            Some(key(15)),
            "the last day"
        );
        assert_eq!(ids(&c, false, "2027-03-02T08:00:00-05:00"), None, "expired");
        assert_eq!(ids(&c, true, "2027-02-14T08:00:00-05:00"), None, "renewed");
        // Several thresholds passed unseen: only the latest.
        assert_eq!(ids(&c, false, "2027-02-20T08:00:00-05:00"), Some(key(15)));
    }

    #[test]
    fn only_installed_certificates_with_a_known_expiry_are_reminded() {
        let mut c = installed("2027-03-01");
        c.expires_on = None;
        assert_eq!(ids(&c, false, "2027-02-20T08:00:00-05:00"), None);
        let mut c = installed("2027-03-01");
        c.installed_on = None;
        c.approved_on = "2027-02-10".parse().unwrap();
        assert_eq!(
            ids(&c, false, "2027-02-20T08:00:00-05:00"),
            None,
            "awaiting download"
        );
        let mut c = installed("2027-03-01");
        c.cancelled = Some(crate::domain::certificate::Cancellation {
            on: "2027-01-05".parse().unwrap(),
            motive: 'a',
            reason: crate::domain::procedure::RevocationReason::Unspecified,
            ticket: "T-2027-000001".into(),
        });
        assert_eq!(ids(&c, false, "2027-02-20T08:00:00-05:00"), None);
    }

    #[test]
    fn the_letter_says_when_it_expires_and_how_to_renew() {
        let (m, r) = (MailSettings::default(), DispatchRules::default());
        let ctx = MailContext {
            settings: &m,
            rules: &r,
            institutional_domains: &[],
        };
        let c = installed("2027-03-01");
        let e = due(&c, false, at("2027-01-30T08:00:00-05:00"), &ctx).unwrap();
        assert_eq!(e.to, "rquispe@regioncajamarca.gob.pe");
        assert_eq!(e.ticket, "T-2026-000123", "the ticket it came from");
        assert_eq!(e.event, "vencimiento_certificado");
        assert!(e.subject.contains("CD-2025-000042"), "{}", e.subject);
        assert!(e.subject.contains("01/03/2027"), "{}", e.subject);
        assert!(e.text.contains("Le quedan 30 días"), "{}", e.text);
        assert!(e.text.contains("motivo a"), "{}", e.text);
        // Requested today, a renewal is held until the last dispatch on or
        // before 19/02/2027 (10 days before the expiry): Friday 19/02.
        let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = flat(&e.text);
        assert!(
            text.contains("se enviará a RENIEC el viernes 19/02/2027"),
            "{text}"
        );
        assert!(text.contains("regla de los 10 días"), "{text}");
        let late = due(&c, false, at("2027-02-20T08:00:00-05:00"), &ctx).unwrap();
        let text = flat(&late.text);
        assert!(
            text.contains("RENIEC el viernes 26/02/2027"),
            "the next dispatch: {text}"
        );
        assert!(!text.contains("regla de los"), "{text}");
        assert!(e.html.contains("<strong>"), "{}", e.html);
    }
}
