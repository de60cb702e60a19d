//! An early seal says what it moves, and a ticket scheduled after it is
//! told it goes to the following dispatch, and why (no silent week).

mod common;

use std::path::Path;

use common::{mesa, sample_csv, sample_dir, stderr_of};

fn ok(s: &Path, now: &str, args: &[&str]) -> String {
    common::ok_at(s, now, args)
}

#[test]
fn an_early_seal_says_what_moves_and_the_moved_ticket_is_told_why() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    let monday = common::NOW;
    ok(
        s,
        monday,
        &["import", sample_csv(sample.path()).to_str().unwrap()],
    );
    ok(s, monday, &["take", "T-2026-000001"]);
    ok(s, monday, &["schedule", "T-2026-000001"]);
    // Sealed on Tuesday, three days before the Friday 27/11 cut-off.
    let tuesday = "2026-11-24T10:00:00-05:00";
    let sealed = ok(
        s,
        tuesday,
        &[
            "batch",
            "seal",
            "--dispatch",
            "2026-11-27",
            "--reason",
            "viaje del supervisor",
        ],
    );
    assert!(sealed.contains("viaje del supervisor"), "{sealed}");
    assert!(sealed.contains("27/11/2026"), "{sealed}");
    assert!(
        sealed.contains("04/12/2026"),
        "where later ones go: {sealed}"
    );
    // A renewal expiring 30/11 would take the 27/11 dispatch: it is moved
    // a week, and told so with the reason.
    ok(s, tuesday, &["take", "T-2026-000002"]);
    let out = ok(s, tuesday, &["schedule", "T-2026-000002"]);
    assert!(out.contains("04/12/2026"), "{out}");
    assert!(out.contains("LOTE-2026-11-27 ya está sellado"), "{out}");
    assert!(out.contains("viaje del supervisor"), "{out}");
}

#[test]
fn batch_sent_before_the_dispatch_moment_needs_a_reason_and_records_it() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    let monday = common::NOW;
    ok(
        s,
        monday,
        &["import", sample_csv(sample.path()).to_str().unwrap()],
    );
    ok(s, monday, &["take", "T-2026-000001"]);
    ok(s, monday, &["schedule", "T-2026-000001"]);
    let tuesday = "2026-11-24T10:00:00-05:00";
    ok(
        s,
        tuesday,
        &[
            "batch",
            "seal",
            "--dispatch",
            "2026-11-27",
            "--reason",
            "viaje",
        ],
    );
    let before = common::list_json(s);
    let out = mesa(s)
        .env("MESA_NOW", tuesday)
        .args(["batch", "sent", "LOTE-2026-11-27"])
        .output()
        .unwrap();
    assert!(!out.status.success(), "sent early without a reason");
    let err = stderr_of(&out);
    assert!(
        err.contains("--reason") && err.contains("27/11/2026 16:30"),
        "{err}"
    );
    assert_eq!(common::list_json(s), before, "nothing changed");
    let text = ok(
        s,
        tuesday,
        &[
            "batch",
            "sent",
            "LOTE-2026-11-27",
            "--reason",
            "RENIEC abrió la recepción antes",
        ],
    );
    assert!(text.contains("RENIEC abrió la recepción antes"), "{text}");
    let stored = mesa::store::Store::open(s)
        .unwrap()
        .batch("LOTE-2026-11-27")
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.sent_early_reason.as_deref(),
        Some("RENIEC abrió la recepción antes")
    );
    // At or after the moment no reason is asked.
    let store2 = tempfile::tempdir().unwrap();
    let s2 = store2.path();
    ok(
        s2,
        monday,
        &["import", sample_csv(sample.path()).to_str().unwrap()],
    );
    ok(s2, monday, &["take", "T-2026-000001"]);
    ok(s2, monday, &["schedule", "T-2026-000001"]);
    let cut = "2026-11-27T16:30:00-05:00";
    ok(s2, cut, &["batch", "seal"]);
    ok(s2, cut, &["batch", "sent", "LOTE-2026-11-27"]);
}
