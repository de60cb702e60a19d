//! Samples of every template, rendered through the same code path as real
//! messages (`mesa mail preview EVENT`).

use chrono::{DateTime, NaiveDate, Utc};

use super::events::{Event, MailContext, messages};
use super::{expiry, reminders};
use crate::domain::applicant::Applicant;
use crate::domain::certificate::{Certificate, Medium, Owner};
use crate::domain::{HistoryEntry, Kind, Move, Status, Ticket};
use crate::store::outbox::OutboxEntry;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("sample dates are valid")
        .with_timezone(&Utc)
}

/// A fixed emission ticket with one applicant.
pub fn sample_ticket() -> Ticket {
    let registered = at("2026-11-23T09:00:00-05:00");
    Ticket {
        id: "T-2026-000123".into(),
        kind: Kind::Reemision,
        motive: Some('a'),
        status: Status::EnAtencion,
        registered_at: registered,
        registered_by: "mvasquez".into(),
        applicants: vec![Applicant {
            full_name: "Rosa Quispe Huamán".into(),
            dni: "41234567".into(),
            dni_issued_on: NaiveDate::from_ymd_opt(2019, 3, 14),
            email: "rquispe@regioncajamarca.gob.pe".into(),
            photo: None,
            signature: None,
            payment_operation: None,
            cert_expires_on: None,
        }],
        certificate: None,
        dispatch: None,
        observations: vec![],
        assignee: Some("mvasquez".into()),
        updated_at: registered,
        batch: None,
        approved_on: None,
        version: 0,
        taken_at: None,
    }
}

/// An installed certificate of the sample ticket's applicant.
pub fn sample_certificate(expires_on: NaiveDate) -> Certificate {
    let t = sample_ticket();
    let a = &t.applicants[0];
    Certificate {
        id: "CD-2025-000042".into(),
        dni: a.dni.clone(),
        holder: a.full_name.clone(),
        email: a.email.clone(),
        medium: Some(Medium::Token),
        owner: Owner::Grc,
        approved_on: NaiveDate::from_ymd_opt(2025, 1, 10).expect("date"),
        installed_on: NaiveDate::from_ymd_opt(2025, 1, 14),
        expires_on: Some(expires_on),
        cancelled: None,
        origin: t.id.clone(),
        tickets: vec![t.id],
        renewal: None,
    }
}

/// The sample message of one event.
pub fn sample(event: Event, ctx: &MailContext) -> OutboxEntry {
    if event == Event::VencimientoCertificado {
        // Expires 20/01/2027; seen 30 days before.
        let cert = sample_certificate(NaiveDate::from_ymd_opt(2027, 1, 20).expect("date"));
        return expiry::due(&cert, false, at("2026-12-21T08:00:00-05:00"), ctx)
            .expect("a reminder is due in the sample");
    }
    if matches!(event, Event::RecordatorioDescarga | Event::PlazoVencido) {
        // Approved on 02/12/2026; seen on day 27, or after the window.
        let mut t = sample_ticket();
        t.status = Status::Aprobado;
        let approved = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        let now = match event {
            Event::RecordatorioDescarga => at("2026-12-29T08:00:00-05:00"),
            _ => at("2027-01-02T08:00:00-05:00"),
        };
        return reminders::due(&t, approved, now, ctx)
            .into_iter()
            .next()
            .expect("a reminder is due in the sample");
    }
    let mut t = sample_ticket();
    let now = at("2026-11-23T10:00:00-05:00");
    let mut reasons = Vec::new();
    let mut changes = Vec::new();
    let (action, to, when) = match event {
        Event::Programado => {
            // A renewal asked early: the 10-days rule holds it.
            let expires = NaiveDate::from_ymd_opt(2027, 1, 20).expect("date");
            t.applicants[0].cert_expires_on = Some(expires);
            t.dispatch = Some(ctx.rules.dispatch_for(t.registered_at, now, Some(expires)));
            (Move::Schedule, Status::Programado, now)
        }
        Event::Observado => {
            reasons = vec![
                "La foto no es frontal o tiene lentes".to_string(),
                "La firma no está completa ni centrada".to_string(),
                "La fecha de emisión del DNI no coincide con el documento".to_string(),
                "El correo debe ser el institucional".to_string(),
            ];
            t.observations = reasons.clone();
            (Move::Observe, Status::Observado, now)
        }
        Event::Enviado => {
            t.dispatch = Some(ctx.rules.dispatch_for(t.registered_at, now, None));
            (Move::Send, Status::Enviado, at("2026-11-27T16:30:00-05:00"))
        }
        Event::Aprobado => (
            Move::Approve,
            Status::Aprobado,
            at("2026-12-02T11:00:00-05:00"),
        ),
        Event::Rechazado => {
            reasons = vec!["Los datos del DNI no coinciden con RENIEC".to_string()];
            (
                Move::Reject,
                Status::Rechazado,
                at("2026-12-02T11:00:00-05:00"),
            )
        }
        Event::RecordatorioDescarga | Event::PlazoVencido | Event::VencimientoCertificado => {
            unreachable!("handled above")
        }
        Event::CorreccionRecibida => {
            use crate::domain::{Field, correction::FieldChange};
            let old = t.applicants[0].email.clone();
            t.applicants[0].email = "rosa.quispe@regioncajamarca.gob.pe".into();
            changes = vec![
                FieldChange {
                    applicant: Some(1),
                    field: Field::Email,
                    old: Some(old),
                    new: Some(t.applicants[0].email.clone()),
                },
                FieldChange {
                    applicant: Some(1),
                    field: Field::Photo,
                    old: Some("a".repeat(64)),
                    new: Some("b".repeat(64)),
                },
            ];
            (Move::Correct, Status::EnAtencion, now)
        }
        Event::Cancelado => {
            t.kind = Kind::Cancelacion;
            t.motive = Some('c');
            t.certificate = Some("Certificado de firma de Rosa Quispe Huamán (token GRC)".into());
            (Move::Close, Status::Cerrado, now)
        }
    };
    t.status = to;
    let entry = HistoryEntry {
        at: when,
        by: "mvasquez".into(),
        action: Some(action),
        from: None,
        to,
        reasons,
        changes,
    };
    messages(&t, &entry, 1, ctx)
        .into_iter()
        .next()
        .expect("every sample has an applicant")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::DispatchRules;
    use crate::mail::settings::MailSettings;

    #[test]
    fn every_event_has_a_sample_in_text_and_html() {
        let (m, r) = (MailSettings::default(), DispatchRules::default());
        let domains = vec!["regioncajamarca.gob.pe".to_string()];
        let ctx = MailContext {
            settings: &m,
            rules: &r,
            institutional_domains: &domains,
        };
        for event in Event::ALL {
            let msg = sample(event, &ctx);
            assert_eq!(msg.event, event.code());
            // Ticket events name the ticket; the expiry reminder, the certificate.
            assert!(
                msg.subject.contains("T-2026-000123") || msg.subject.contains("CD-2025-000042"),
                "{}",
                msg.subject
            );
            assert_eq!(msg.ticket, "T-2026-000123");
            assert!(msg.text.contains("Rosa Quispe Huamán"));
            assert!(msg.html.starts_with("<!DOCTYPE html>"));
            assert!(msg.text.contains("Gobierno Regional Cajamarca"));
        }
    }
}
