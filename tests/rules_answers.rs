//! RENIEC's answer is dated on or after the day its batch was sent and not
//! after today; otherwise it is refused, naming the date and the limit, and
//! nothing is recorded (CLI import and the desk call the console uses).

mod common;

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use common::{mesa, sample_csv, sample_dir, stderr_of, stdout_of};
use mesa::domain::batch::Outcome;

fn run(s: &Path, now: &str, args: &[&str]) -> std::process::Output {
    mesa(s).env("MESA_NOW", now).args(args).output().unwrap()
}

fn ok(s: &Path, now: &str, args: &[&str]) -> String {
    let out = run(s, now, args);
    assert!(out.status.success(), "mesa {args:?}: {}", stderr_of(&out));
    stdout_of(&out)
}

/// T-2026-000001 sent to RENIEC on Friday 27/11/2026 at 17:00.
fn sent() -> (tempfile::TempDir, tempfile::TempDir) {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    ok(
        s,
        common::NOW,
        &["import", &sample_csv(sample.path()).display().to_string()],
    );
    ok(s, common::NOW, &["take", "T-2026-000001"]);
    ok(s, common::NOW, &["schedule", "T-2026-000001"]);
    ok(s, "2026-11-27T16:30:00-05:00", &["batch", "seal"]);
    ok(
        s,
        "2026-11-27T17:00:00-05:00",
        &["batch", "sent", "LOTE-2026-11-27"],
    );
    (store, sample)
}

fn answer(s: &Path, d: &Path, now: &str, date: &str) -> std::process::Output {
    let file = d.join("respuesta.csv");
    std::fs::write(
        &file,
        format!("ticket,result,date,reason\nT-2026-000001,aprobado,{date},\n"),
    )
    .unwrap();
    run(s, now, &["batch", "outcome", &file.display().to_string()])
}

fn status(s: &Path) -> String {
    let v: serde_json::Value = serde_json::from_str(&ok(
        s,
        "2026-12-02T09:00:00-05:00",
        &["show", "T-2026-000001", "--json"],
    ))
    .unwrap();
    v["status"].as_str().unwrap().to_string()
}

#[test]
fn an_answer_dated_before_the_batch_was_sent_is_refused_naming_both_dates() {
    let (store, sample) = sent();
    let (s, d) = (store.path(), sample.path());
    let now = "2026-12-02T09:00:00-05:00";
    for early in ["2026-08-01", "2026-11-26"] {
        let out = answer(s, d, now, early);
        assert!(!out.status.success(), "{early} accepted");
        let err = stderr_of(&out);
        let shown = NaiveDate::parse_from_str(early, "%Y-%m-%d")
            .unwrap()
            .format("%d/%m/%Y")
            .to_string();
        assert!(err.contains(&shown), "{err}");
        assert!(err.contains("27/11/2026"), "the limit: {err}");
        assert!(err.contains("date"), "the column: {err}");
        assert_eq!(status(s), "enviado", "nothing recorded");
    }
    // In the future: refused, naming today.
    let out = answer(s, d, now, "2026-12-03");
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("03/12/2026") && err.contains("02/12/2026"),
        "{err}"
    );
    assert_eq!(status(s), "enviado");
    // The day it was sent is fine.
    let out = answer(s, d, now, "2026-11-27");
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(status(s), "aprobado");
}

#[test]
fn the_desk_refuses_it_too_whatever_screen_asks() {
    let (store, _sample) = sent();
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-12-02T09:00:00-05:00")
        .unwrap()
        .with_timezone(&Utc);
    let desk = mesa::desk::Desk::new(
        mesa::store::Store::open(store.path()).unwrap(),
        mesa::config::Config::default(),
        mesa::clock::Clock::Fixed(now),
    );
    let on = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let err = desk
        .record_outcomes(
            &[("T-2026-000001".into(), Outcome::Approved { on })],
            common::SUPERVISOR,
        )
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("01/07/2026") && err.contains("27/11/2026"),
        "{err}"
    );
    assert_eq!(
        desk.ticket("T-2026-000001").unwrap().status,
        mesa::domain::Status::Enviado
    );
}
