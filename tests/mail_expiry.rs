//! Certificate expiry reminders end to end: two certificates approved,
//! installed with a known expiry, then `mesa mail flush` run with `MESA_NOW`
//! moved across 60, 30 and 15 days before it. Each reminder is enqueued once;
//! after a renewal ticket is registered, that certificate gets no more.

mod support;

use chrono::{DateTime, Utc};

use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::batch::Outcome;
use mesa::store::{NewRecord, Store};
use support::Mesa;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Two emission tickets scheduled, sealed, sent and approved on 27/11/2026:
/// certificates CD-2026-000001 and CD-2026-000002 await download.
fn approved_certificates(m: &Mesa) {
    let store = Store::open(&m.store()).unwrap();
    let mut desk = Desk::new(store, Config::default(), Clock::Fixed(at(support::NOW)));
    desk.init_supervisor_with_password("supervisor", support::PASSWORD)
        .unwrap();
    let mut rng = mesa::demo::rng::Rng::new(5);
    let (photo, signature) = mesa::demo::stored_images(&desk.store, &mut rng, false).unwrap();
    let records: Vec<NewRecord> = (1..=2)
        .map(|n| {
            mesa::demo::scheduled_record(
                &desk,
                n,
                at("2026-11-23T08:00:00-05:00"),
                photo.clone(),
                signature.clone(),
            )
        })
        .collect();
    let ids = desk.store.register_all(&records).unwrap();
    desk.clock = Clock::Fixed(at("2026-11-27T17:00:00-05:00"));
    desk.seal(None, None, "supervisor").unwrap();
    desk.mark_sent("LOTE-2026-11-27", None, "supervisor")
        .unwrap();
    let on = "2026-11-27".parse().unwrap();
    let answers: Vec<(String, Outcome)> = ids
        .iter()
        .map(|id| (id.clone(), Outcome::Approved { on }))
        .collect();
    desk.record_outcomes(&answers, "supervisor").unwrap();
    assert_eq!(desk.store.certificates().unwrap().len(), 2);
}

/// Installation tickets for both, closed on a token expiring 01/03/2027.
fn installed(m: &mut Mesa) {
    m.now = "2026-12-01T09:00:00-05:00".into();
    let csv = m.dir.path().join("instalar.csv");
    let mut body = String::from(
        "ticket,kind,motive,registered_at,full_name,dni,dni_issued_on,email,photo,signature,\
         payment_operation,payment_date,payment_amount,cert_expires_on,certificate\n",
    );
    for n in 1..=2 {
        body += &format!(
            "{n},instalacion,,,Solicitante {n},{:08},,s{n}@regioncajamarca.gob.pe,,,,,,,CD-2026-00000{n}\n",
            10_000_000 + n
        );
    }
    std::fs::write(&csv, body).unwrap();
    m.ok(&["import", &csv.display().to_string()]);
    for id in ["T-2026-000003", "T-2026-000004"] {
        m.ok(&["take", id]);
        m.ok(&["close", id, "--medium", "token", "--expires", "2027-03-01"]);
    }
}

/// The expiry reminders in the outbox: (id, subject).
fn reminders(m: &Mesa) -> Vec<(String, String)> {
    m.outbox()
        .into_iter()
        .filter(|e| e["event"] == "vencimiento_certificado")
        .map(|e| {
            (
                e["id"].as_str().unwrap().to_string(),
                e["subject"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn flush_at(m: &mut Mesa, now: &str) {
    m.now = now.into();
    m.ok(&["mail", "flush"]);
}

fn key(cert: &str, days: u32) -> String {
    format!("{cert}/vencimiento_certificado_{days}/20270301/1")
}

#[test]
fn reminders_go_out_at_60_30_and_15_days_once_each_and_stop_after_a_renewal() {
    let mut m = Mesa::new();
    approved_certificates(&m);
    installed(&mut m);
    let (one, two) = ("CD-2026-000001", "CD-2026-000002");

    flush_at(&mut m, "2026-12-30T09:00:00-05:00");
    assert_eq!(reminders(&m), vec![], "61 days before: nothing yet");

    flush_at(&mut m, "2026-12-31T09:00:00-05:00");
    let got = reminders(&m);
    let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, [key(one, 60), key(two, 60)]);
    assert_eq!(
        got[0].1,
        "Su certificado digital CD-2026-000001 vence el 01/03/2027: solicite su renovación"
    );
    let sent = m.outbox_with("sent");
    let to: Vec<&str> = sent
        .iter()
        .filter(|e| e["event"] == "vencimiento_certificado")
        .map(|e| e["to"].as_str().unwrap())
        .collect();
    assert_eq!(
        to,
        ["s1@regioncajamarca.gob.pe", "s2@regioncajamarca.gob.pe"],
        "delivered to each holder"
    );

    // Replays and later days inside the same threshold add nothing.
    flush_at(&mut m, "2026-12-31T09:00:00-05:00");
    flush_at(&mut m, "2027-01-10T09:00:00-05:00");
    assert_eq!(reminders(&m).len(), 2);

    // The second holder asks for the renewal.
    let out = m.ok(&["certs", "renew", two]);
    assert!(out.contains("T-2027-000001"), "{out}");

    flush_at(&mut m, "2027-01-30T09:00:00-05:00");
    flush_at(&mut m, "2027-01-30T15:00:00-05:00");
    flush_at(&mut m, "2027-02-20T09:00:00-05:00");
    flush_at(&mut m, "2027-03-01T09:00:00-05:00");
    flush_at(&mut m, "2027-03-05T09:00:00-05:00");
    let ids: Vec<String> = reminders(&m).into_iter().map(|(id, _)| id).collect();
    assert_eq!(
        ids,
        [key(one, 15), key(one, 30), key(one, 60), key(two, 60)],
        "one each; none for the renewed certificate, none once expired"
    );
    let texts: Vec<String> = m
        .outbox()
        .into_iter()
        .filter(|e| e["id"] == key(one, 15).as_str())
        .map(|e| e["subject"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts.len(), 1);
}

#[test]
fn the_thresholds_come_from_the_mail_configuration() {
    let mut m = Mesa::new();
    approved_certificates(&m);
    std::fs::write(
        m.store().join("config.toml"),
        "[mail]\nexpiry_reminder_days = [45]\n",
    )
    .unwrap();
    installed(&mut m);
    flush_at(&mut m, "2026-12-31T09:00:00-05:00");
    assert_eq!(reminders(&m), vec![], "60 days before: not configured");
    flush_at(&mut m, "2027-01-15T09:00:00-05:00");
    let ids: Vec<String> = reminders(&m).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, [key("CD-2026-000001", 45), key("CD-2026-000002", 45)]);
    flush_at(&mut m, "2027-02-20T09:00:00-05:00");
    assert_eq!(reminders(&m).len(), 2, "no other threshold");
    std::fs::write(
        m.store().join("config.toml"),
        "[mail]\nexpiry_reminder_days = [0]\n",
    )
    .unwrap();
    let out = m.run(&["mail", "flush"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mail.expiry_reminder_days"), "{err}");
}
