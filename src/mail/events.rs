//! Which ticket changes send which messages: pure functions of the ticket
//! before and after, the history entry and its sequence number. They run
//! inside the store's transaction, so they do no I/O and read no clock.

use chrono::{DateTime, NaiveDate, Utc};

use super::render::{Block, Letter};
use super::settings::MailSettings;
use crate::domain::applicant::Applicant;
use crate::domain::certificate::{DOWNLOAD_WINDOW_DAYS, download_until};
use crate::domain::{DispatchReason, DispatchRules, HistoryEntry, Kind, Move, Ticket};
use crate::store::outbox::{OutboxEntry, entry_id};
use crate::strings::mail as s;

/// An event that staff are told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// Scheduled: the date the request leaves for RENIEC.
    Programado,
    /// Returned for correction: what to fix and how.
    Observado,
    /// Left for RENIEC in the weekly batch.
    Enviado,
    /// Approved by RENIEC: the 30-day download window.
    Aprobado,
    /// Rejected by RENIEC, with the reason.
    Rechazado,
    /// A cancellation ticket closed: the certificate is revoked.
    Cancelado,
    /// Approved and not yet closed, some days later: download it.
    RecordatorioDescarga,
    /// The 30-day download window passed with the ticket still approved.
    PlazoVencido,
    /// An installed certificate expires in 60, 30 or 15 days: renew it.
    VencimientoCertificado,
    /// The ticket's data was corrected on the ticket itself.
    CorreccionRecibida,
}

impl Event {
    pub const ALL: [Event; 10] = [
        Event::Programado,
        Event::Observado,
        Event::Enviado,
        Event::Aprobado,
        Event::Rechazado,
        Event::Cancelado,
        Event::RecordatorioDescarga,
        Event::PlazoVencido,
        Event::VencimientoCertificado,
        Event::CorreccionRecibida,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Event::Programado => "programado",
            Event::Observado => "observado",
            Event::Enviado => "enviado",
            Event::Aprobado => "aprobado",
            Event::Rechazado => "rechazado",
            Event::Cancelado => "cancelado",
            Event::RecordatorioDescarga => "recordatorio_descarga",
            Event::PlazoVencido => "plazo_vencido",
            Event::VencimientoCertificado => "vencimiento_certificado",
            Event::CorreccionRecibida => "correccion_recibida",
        }
    }

    pub fn from_code(code: &str) -> Option<Event> {
        let code = code.trim().to_lowercase();
        Event::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The event a change is, if staff hear about it.
    pub fn of(after: &Ticket, entry: &HistoryEntry) -> Option<Event> {
        match entry.action? {
            Move::Schedule => Some(Event::Programado),
            Move::Observe => Some(Event::Observado),
            Move::Send => Some(Event::Enviado),
            Move::Approve => Some(Event::Aprobado),
            Move::Reject => Some(Event::Rechazado),
            Move::Close if after.kind == Kind::Cancelacion => Some(Event::Cancelado),
            Move::Correct => Some(Event::CorreccionRecibida),
            _ => None,
        }
    }
}

/// What rendering needs besides the ticket.
#[derive(Debug, Clone, Copy)]
pub struct MailContext<'a> {
    pub settings: &'a MailSettings,
    pub rules: &'a DispatchRules,
    pub institutional_domains: &'a [String],
}

fn local_day(at: DateTime<Utc>, rules: &DispatchRules) -> NaiveDate {
    rules.local(at).date_naive()
}

/// The standard fixes that match the reasons given; all of them when none
/// matches (the analyst wrote something we cannot classify).
pub fn fixes_for(reasons: &[String], domains: &[String]) -> Vec<String> {
    let text = reasons.join(" ").to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    let domains = if domains.is_empty() {
        "@regioncajamarca.gob.pe".to_string()
    } else {
        domains
            .iter()
            .map(|d| format!("@{d}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let all = [
        (
            has(&["foto", "lente", "frontal", "rostro"]),
            s::fix_photo().to_string(),
        ),
        (has(&["firma", "tinta"]), s::fix_signature().to_string()),
        (
            has(&["dni", "emisión", "emision"]),
            s::fix_dni_date().to_string(),
        ),
        (
            has(&["correo", "email", "e-mail", "institucional", "@"]),
            s::fix_email(&domains),
        ),
    ];
    let matched: Vec<String> = all
        .iter()
        .filter(|(hit, _)| *hit)
        .map(|(_, t)| t.clone())
        .collect();
    if matched.is_empty() {
        all.into_iter().map(|(_, t)| t).collect()
    } else {
        matched
    }
}

/// The letter one applicant receives for one event, or `None` when the
/// ticket lacks what the letter needs.
pub fn letter(
    event: Event,
    t: &Ticket,
    applicant: &Applicant,
    entry: &HistoryEntry,
    ctx: &MailContext,
) -> Option<Letter> {
    let rules = ctx.rules;
    let (subject, blocks) = match event {
        Event::Programado => {
            let d = t.dispatch?;
            let local = rules.local(d.dispatch.at);
            let mut blocks = vec![
                Block::Para(s::scheduled_intro(&t.id, t.kind, t.motive)),
                Block::Strong(s::scheduled_when(
                    d.dispatch.on,
                    &local.format("%H:%M").to_string(),
                )),
            ];
            if d.dispatch.moved() {
                blocks.push(Block::Para(s::scheduled_moved(d.dispatch.nominal)));
            }
            if let DispatchReason::RenewalHeld {
                expires_on,
                latest_on,
                ..
            } = d.reason
            {
                blocks.push(Block::Para(s::scheduled_held(
                    expires_on,
                    latest_on,
                    rules.renewal_lead_days,
                )));
            }
            blocks.push(Block::Para(s::scheduled_next().into()));
            (s::scheduled_subject(&t.id, d.dispatch.on), blocks)
        }
        Event::Observado => {
            let reasons = if entry.reasons.is_empty() {
                &t.observations
            } else {
                &entry.reasons
            };
            (
                s::observed_subject(&t.id),
                vec![
                    Block::Para(s::observed_intro(&t.id, t.kind, t.motive)),
                    Block::List(reasons.clone()),
                    Block::Para(s::observed_how().into()),
                    Block::List(fixes_for(reasons, ctx.institutional_domains)),
                    Block::Para(s::observed_next().into()),
                ],
            )
        }
        Event::Enviado => {
            let on = t
                .dispatch
                .map(|d| d.dispatch.on)
                .unwrap_or_else(|| local_day(entry.at, rules));
            (
                s::sent_subject(&t.id),
                vec![
                    Block::Para(s::sent_intro(&t.id, t.kind, t.motive, on)),
                    Block::Para(s::sent_next().into()),
                ],
            )
        }
        Event::Aprobado => {
            // RENIEC's approval day when it was recorded; else the move's day.
            let approved = t.approved_on.unwrap_or_else(|| local_day(entry.at, rules));
            let until = download_until(approved);
            (
                s::approved_subject(&t.id, until),
                vec![
                    Block::Para(s::approved_intro(&t.id, t.kind, t.motive)),
                    Block::Strong(s::approved_deadline(DOWNLOAD_WINDOW_DAYS, until)),
                    Block::Para(s::approved_lapse().into()),
                    Block::Para(s::approved_install().into()),
                ],
            )
        }
        Event::Rechazado => (
            s::rejected_subject(&t.id),
            vec![
                Block::Para(s::rejected_intro(&t.id, t.kind, t.motive)),
                Block::List(entry.reasons.clone()),
                Block::Para(s::rejected_next().into()),
            ],
        ),
        Event::Cancelado => {
            let mut blocks = vec![Block::Para(s::cancelled_intro(&t.id, t.motive))];
            if let Some(c) = &t.certificate {
                blocks.push(Block::Para(s::cancelled_certificate(c)));
            }
            blocks.push(Block::Para(s::cancelled_effect().into()));
            (s::cancelled_subject(&t.id), blocks)
        }
        Event::CorreccionRecibida => {
            use crate::strings::correction as c;
            let mut blocks = vec![
                Block::Para(c::mail_intro(&s::request_of(&t.id, t.kind, t.motive))),
                Block::List(entry.changes.iter().map(c::mail_item).collect()),
                Block::Para(c::mail_place(
                    local_day(t.registered_at, rules),
                    t.applicants.iter().any(|a| a.payment_operation.is_some()),
                )),
            ];
            if entry.from == Some(crate::domain::Status::Programado) {
                blocks.push(Block::Para(c::mail_rescheduled().into()));
            } else {
                blocks.push(Block::Para(c::mail_next().into()));
            }
            (c::mail_subject(&t.id), blocks)
        }
        // Driven by the calendar, not by a move: see `mail::reminders` and
        // `mail::expiry`.
        Event::RecordatorioDescarga | Event::PlazoVencido | Event::VencimientoCertificado => {
            return None;
        }
    };
    Some(Letter {
        subject,
        to_name: applicant.full_name.clone(),
        blocks,
    })
}

/// A pending message for one applicant, due at `at`.
pub fn outbox_entry(
    id: String,
    t: &Ticket,
    event: Event,
    applicant: &Applicant,
    letter: &Letter,
    ctx: &MailContext,
    at: DateTime<Utc>,
) -> OutboxEntry {
    entry_to(
        id,
        &t.id,
        event,
        (&applicant.full_name, &applicant.email),
        letter,
        ctx,
        at,
    )
}

/// A pending message to `(name, address)` about ticket `ticket`, due at `at`.
pub fn entry_to(
    id: String,
    ticket: &str,
    event: Event,
    (name, address): (&str, &str),
    letter: &Letter,
    ctx: &MailContext,
    at: DateTime<Utc>,
) -> OutboxEntry {
    letter
        .render(&ctx.settings.signature)
        .into_entry(id, ticket, event.code(), (name, address), at)
}

/// The messages a change enqueues: one per applicant with an address, keyed
/// `<ticket>/<event>/<history seq>/<n>`.
pub fn messages(
    after: &Ticket,
    entry: &HistoryEntry,
    history_seq: u64,
    ctx: &MailContext,
) -> Vec<OutboxEntry> {
    let Some(event) = Event::of(after, entry) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, a) in after.applicants.iter().enumerate() {
        let to = a.email.trim();
        if to.is_empty() {
            continue;
        }
        let Some(letter) = letter(event, after, a, entry, ctx) else {
            continue;
        };
        out.push(outbox_entry(
            entry_id(&after.id, event.code(), history_seq, i + 1),
            after,
            event,
            a,
            &letter,
            ctx,
            entry.at,
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Status;
    use crate::domain::calendar::DispatchDecision;
    use crate::mail::preview::sample_ticket;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn entry(action: Move, to: Status, reasons: &[&str], when: &str) -> HistoryEntry {
        HistoryEntry {
            at: at(when),
            by: "beto".into(),
            action: Some(action),
            from: None,
            to,
            reasons: reasons.iter().map(|r| r.to_string()).collect(),
            changes: Vec::new(),
        }
    }

    fn ctx<'a>(m: &'a MailSettings, r: &'a DispatchRules, d: &'a [String]) -> MailContext<'a> {
        MailContext {
            settings: m,
            rules: r,
            institutional_domains: d,
        }
    }

    #[test]
    fn scheduling_mails_each_applicant_the_dispatch_date() {
        let (m, r) = (MailSettings::default(), DispatchRules::default());
        let domains = vec!["regioncajamarca.gob.pe".to_string()];
        let mut t = sample_ticket();
        t.applicants.push(Applicant {
            full_name: "Luis Chávez Rojas".into(),
            email: "lchavez@regioncajamarca.gob.pe".into(),
            ..t.applicants[0].clone()
        });
        let now = at("2026-11-23T10:00:00-05:00");
        t.dispatch = Some(r.dispatch_for(now, now, None));
        let e = entry(
            Move::Schedule,
            Status::Programado,
            &[],
            "2026-11-23T10:00:00-05:00",
        );
        let msgs = messages(&t, &e, 41, &ctx(&m, &r, &domains));
        assert_eq!(msgs.len(), 2);
        assert_eq!(msgs[0].id, "T-2026-000123/programado/00000041/1");
        assert_eq!(msgs[1].id, "T-2026-000123/programado/00000041/2");
        assert_eq!(msgs[1].to, "lchavez@regioncajamarca.gob.pe");
        assert_eq!(
            msgs[0].subject,
            "Su solicitud T-2026-000123 se enviará a RENIEC el vie 27/11/2026"
        );
        assert!(msgs[0].text.contains("viernes 27/11/2026 a las 16:30"));
        assert!(!msgs[0].text.contains("regla de los"));
        assert!(msgs[1].text.starts_with("Estimado(a) Luis Chávez Rojas:"));
        assert!(
            msgs[0]
                .text
                .contains("Mesa de Servicio de Certificados Digitales")
        );
        assert!(msgs[0].html.contains("<strong>"));
    }

    #[test]
    fn the_ten_days_rule_is_explained_when_it_applied() {
        let (m, r) = (MailSettings::default(), DispatchRules::default());
        let mut t = sample_ticket();
        let now = at("2026-11-23T10:00:00-05:00");
        let expires = "2027-01-20".parse().unwrap();
        let decision: DispatchDecision = r.dispatch_for(now, now, Some(expires));
        assert!(matches!(
            decision.reason,
            DispatchReason::RenewalHeld { .. }
        ));
        t.dispatch = Some(decision);
        let e = entry(
            Move::Schedule,
            Status::Programado,
            &[],
            "2026-11-23T10:00:00-05:00",
        );
        let msg = &messages(&t, &e, 1, &ctx(&m, &r, &[]))[0];
        assert!(msg.text.contains("regla de los 10 días"), "{}", msg.text);
        assert!(msg.text.contains("20/01/2027"));
        assert!(msg.text.contains("10/01/2027"));
        assert!(msg.text.contains("viernes 08/01/2027"), "{}", msg.text);
    }

    #[test]
    fn observing_lists_the_reasons_and_how_to_fix_them() {
        let (m, r) = (MailSettings::default(), DispatchRules::default());
        let domains = vec!["regioncajamarca.gob.pe".to_string()];
        let t = sample_ticket();
        let e = entry(
            Move::Observe,
            Status::Observado,
            &["La foto tiene lentes", "Firma incompleta"],
            "2026-11-23T10:00:00-05:00",
        );
        let msg = &messages(&t, &e, 7, &ctx(&m, &r, &domains))[0];
        assert_eq!(msg.event, "observado");
        assert!(msg.text.contains("  - La foto tiene lentes"));
        assert!(msg.text.contains("sin lentes"));
        assert!(msg.text.contains("tinta azul"));
        assert!(msg.text.contains("centrada"));
        assert!(!msg.text.contains("exactamente como está impresa"));
        // Nothing recognisable: every fix is explained.
        let all = fixes_for(&["revise sus datos".into()], &domains);
        assert_eq!(all.len(), 4);
        assert!(all[3].contains("@regioncajamarca.gob.pe"));
        assert!(all[2].contains("exactamente como está impresa"));
    }

    #[test]
    fn approval_gives_the_download_deadline_thirty_calendar_days_later() {
        let (m, r) = (MailSettings::default(), DispatchRules::default());
        let t = sample_ticket();
        // 23:30 in Lima is already the next day in UTC: the Lima day counts.
        let e = entry(
            Move::Approve,
            Status::Aprobado,
            &[],
            "2026-11-30T23:30:00-05:00",
        );
        let msg = &messages(&t, &e, 9, &ctx(&m, &r, &[]))[0];
        assert!(
            msg.subject.contains("hasta el 30/12/2026"),
            "{}",
            msg.subject
        );
        assert!(msg.text.contains("30 días calendario"));
        assert!(msg.text.contains("miércoles 30/12/2026"));
    }

    #[test]
    fn moves_that_staff_do_not_hear_about_enqueue_nothing() {
        let (m, r) = (MailSettings::default(), DispatchRules::default());
        let t = sample_ticket();
        for action in [Move::Take, Move::Withdraw, Move::Close] {
            let e = entry(action, Status::Cerrado, &["x"], "2026-11-23T10:00:00-05:00");
            assert!(messages(&t, &e, 1, &ctx(&m, &r, &[])).is_empty());
        }
        let mut c = sample_ticket();
        c.kind = Kind::Cancelacion;
        c.motive = Some('a');
        c.certificate = Some("CERT-41234567-2025".into());
        let e = entry(
            Move::Close,
            Status::Cerrado,
            &[],
            "2026-11-23T10:00:00-05:00",
        );
        let msg = &messages(&c, &e, 1, &ctx(&m, &r, &[]))[0];
        assert_eq!(msg.event, "cancelado");
        assert!(msg.text.contains("CERT-41234567-2025"));
    }
}
