//! Every worked case of `tests/fixtures/schedule_cases.csv`, through the
//! domain and through `mesa dispatch-date --json`.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use mesa::domain::DispatchRules;

struct Case {
    now: String,
    expires: Option<String>,
    dispatch: String,
}

fn cases() -> Vec<Case> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/schedule_cases.csv"
    );
    let mut reader = csv::Reader::from_path(path).unwrap();
    let cases: Vec<Case> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            Case {
                now: r[0].to_string(),
                expires: Some(r[1].to_string()).filter(|s| !s.is_empty()),
                dispatch: r[2].to_string(),
            }
        })
        .collect();
    assert!(cases.len() >= 16, "the fixture has its rows");
    cases
}

#[test]
fn the_calendar_reproduces_every_worked_case() {
    let rules = DispatchRules::default();
    for c in cases() {
        let now = DateTime::parse_from_rfc3339(&c.now)
            .unwrap()
            .with_timezone(&Utc);
        let expires = c
            .expires
            .as_deref()
            .map(|e| e.parse::<NaiveDate>().unwrap());
        let decision = rules.dispatch_for(now, now, expires);
        let expected = DateTime::parse_from_rfc3339(&c.dispatch).unwrap();
        assert_eq!(
            decision.dispatch.at,
            expected.with_timezone(&Utc),
            "now={} expires={:?}",
            c.now,
            c.expires
        );
        assert_eq!(
            rules.local(decision.dispatch.at).to_rfc3339(),
            c.dispatch,
            "shown in Lima time"
        );
    }
}

#[test]
fn the_command_line_reproduces_every_worked_case() {
    let store = tempfile::tempdir().unwrap();
    for c in cases() {
        let mut cmd = common::mesa(store.path());
        cmd.args(["dispatch-date", "--now", &c.now, "--json"]);
        if let Some(e) = &c.expires {
            cmd.args(["--expires", e]);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", common::stderr_of(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            json["dispatch_at"],
            c.dispatch.as_str(),
            "now={} expires={:?}",
            c.now,
            c.expires
        );
    }
}

#[test]
fn dispatch_date_rejects_a_bad_moment_in_spanish() {
    let store = tempfile::tempdir().unwrap();
    let out = common::mesa(store.path())
        .args(["dispatch-date", "--now", "mañana"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = common::stderr_of(&out);
    assert!(err.contains("--now") && err.contains("RFC 3339"), "{err}");
}
