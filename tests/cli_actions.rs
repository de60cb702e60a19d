//! The analyst's actions from the command line, and the demo store.

mod common;

use std::collections::BTreeSet;

use common::{list_json, mesa, stderr_of, stdout_of};
use serde_json::Value;

use common::imported;

fn show(store: &std::path::Path, id: &str) -> Value {
    let out = mesa(store).args(["show", id, "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn take_then_schedule_prints_and_stores_the_dispatch_moment() {
    let (store, _s) = imported();
    let s = store.path();
    let out = mesa(s)
        .args(["--as", "mvasquez", "take", "T-2026-000001"])
        .output()
        .unwrap();
    assert_eq!(stdout_of(&out).trim(), "T-2026-000001: En atención");
    let out = mesa(s)
        .args(["--as", "mvasquez", "schedule", "T-2026-000001"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("Se enviará a RENIEC el vie 27/11/2026 16:30"),
        "{}",
        stdout_of(&out)
    );
    let t = show(s, "T-2026-000001");
    assert_eq!(t["status"], "programado");
    assert_eq!(t["dispatch_at"], "2026-11-27T16:30:00-05:00");
    let history = t["history"].as_array().unwrap();
    assert_eq!(history.len(), 3);
    assert_eq!(history[2]["by"], "mvasquez");
    assert_eq!(history[2]["from"], "en_atencion");
    assert_eq!(history[2]["to"], "programado");
    // Listing by dispatch day finds it.
    let out = mesa(s)
        .args(["list", "--dispatch", "2026-11-27", "--json"])
        .output()
        .unwrap();
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1);
}

#[test]
fn a_renewal_asked_early_waits_for_the_friday_ten_days_before_expiry() {
    let (store, _s) = imported();
    let s = store.path();
    mesa(s).args(["take", "T-2026-000003"]).assert().success();
    let out = mesa(s)
        .args(["schedule", "T-2026-000003"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    // Expires 2027-01-04: latest dispatch on or before 2026-12-25 is the
    // Thursday 24th, moved from Christmas Friday.
    assert!(text.contains("jue 24/12/2026 16:30"), "{text}");
    assert!(
        text.contains("regla de los 10 días") && text.contains("adelantado por feriado"),
        "{text}"
    );
    assert_eq!(
        show(s, "T-2026-000003")["dispatch_at"],
        "2026-12-24T16:30:00-05:00"
    );
}

#[test]
fn scheduling_with_a_failed_check_is_refused_naming_it_and_changes_nothing() {
    let (store, _s) = imported();
    let s = store.path();
    mesa(s).args(["take", "T-2026-000004"]).assert().success();
    let before = list_json(s);
    let out = mesa(s)
        .args(["schedule", "T-2026-000004"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert_eq!(
        err.trim(),
        "mesa: no se puede programar; verificaciones pendientes: foto: debe ser vertical (es 640×480)"
    );
    assert_eq!(list_json(s), before);
    let t = show(s, "T-2026-000004");
    let photo = t["checks"][0]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "photo")
        .unwrap();
    assert_eq!(photo["problems"][0]["rule"], "photo_not_portrait");
}

#[test]
fn observe_withdraw_and_close_follow_the_lifecycle() {
    let (store, _s) = imported();
    let s = store.path();
    // Observe needs a reason, and keeps it.
    mesa(s).args(["take", "T-2026-000004"]).assert().success();
    let out = mesa(s).args(["observe", "T-2026-000004"]).output().unwrap();
    assert!(!out.status.success());
    assert!(stderr_of(&out).contains("--reason"));
    mesa(s)
        .args([
            "observe",
            "T-2026-000004",
            "--reason",
            "La foto debe ser vertical",
            "--reason",
            "Sin lentes",
        ])
        .assert()
        .success();
    let t = show(s, "T-2026-000004");
    assert_eq!(t["status"], "observado");
    assert_eq!(
        t["observations"],
        serde_json::json!(["La foto debe ser vertical", "Sin lentes"])
    );
    // Withdraw from observed, then nothing else is possible.
    mesa(s)
        .args(["withdraw", "T-2026-000004", "--reason", "Desistió"])
        .assert()
        .success();
    let out = mesa(s).args(["take", "T-2026-000004"]).output().unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("no se puede atender un ticket de Emisión en estado anulado"),
        "{}",
        stderr_of(&out)
    );
    // Installation closes straight from "en atención".
    mesa(s).args(["take", "T-2026-000005"]).assert().success();
    let out = mesa(s).args(["close", "T-2026-000005"]).output().unwrap();
    assert!(
        stderr_of(&out).contains("indique el medio con --medium pc|token|tarjeta"),
        "{}",
        stderr_of(&out)
    );
    mesa(s)
        .args(["close", "T-2026-000005", "--medium", "token"])
        .assert()
        .success();
    assert_eq!(show(s, "T-2026-000005")["status"], "cerrado");
    // An emission cannot be closed before RENIEC answers.
    mesa(s).args(["take", "T-2026-000001"]).assert().success();
    let out = mesa(s).args(["close", "T-2026-000001"]).output().unwrap();
    assert!(
        stderr_of(&out).contains("no se puede cerrar un ticket de Emisión en estado en atención")
    );
}

#[test]
fn list_filters_combine() {
    let (store, _s) = imported();
    let s = store.path();
    let ids = |args: &[&str]| -> Vec<String> {
        let out = mesa(s)
            .args(["list", "--json"])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["--kind", "reemision"]),
        ["T-2026-000002", "T-2026-000003"]
    );
    assert_eq!(ids(&["--search", "terrones"]), ["T-2026-000003"]);
    assert_eq!(
        ids(&["--search", "alcantara", "--kind", "emision"]),
        Vec::<String>::new()
    );
    assert_eq!(ids(&["--urgent"]), ["T-2026-000006"]);
    assert_eq!(
        ids(&["--status", "nuevo", "--search", "45781236"]),
        ["T-2026-000001"]
    );
    let out = mesa(s)
        .args(["list", "--status", "borrado"])
        .output()
        .unwrap();
    assert!(stderr_of(&out).contains("«borrado» no es un estado"));
}

#[test]
fn the_demo_is_realistic_and_deterministic_for_a_seed() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for s in [a.path(), b.path()] {
        let out = mesa(s)
            .args(["demo", "--tickets", "120", "--seed", "7"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
    }
    let listing = list_json(a.path());
    assert_eq!(
        listing,
        list_json(b.path()),
        "same seed and MESA_NOW, same store"
    );
    let v: Value = serde_json::from_str(&listing).unwrap();
    let tickets = v.as_array().unwrap();
    assert_eq!(tickets.len(), 120);
    let kinds: BTreeSet<&str> = tickets
        .iter()
        .map(|t| t["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.len(), 4, "all kinds: {kinds:?}");
    let statuses: BTreeSet<&str> = tickets
        .iter()
        .map(|t| t["status"].as_str().unwrap())
        .collect();
    for s in [
        "nuevo",
        "en_atencion",
        "observado",
        "programado",
        "enviado",
        "cerrado",
    ] {
        assert!(statuses.contains(s), "{s} missing from {statuses:?}");
    }
    for t in tickets {
        for a in t["applicants"].as_array().unwrap() {
            let dni = a["dni"].as_str().unwrap();
            assert!(
                dni.len() == 8 && dni.bytes().all(|b| b.is_ascii_digit()),
                "{dni}"
            );
            assert!(
                a["email"]
                    .as_str()
                    .unwrap()
                    .ends_with("@regioncajamarca.gob.pe")
            );
        }
    }
    // Arrival order.
    let arrivals: Vec<&str> = tickets
        .iter()
        .map(|t| t["registered_at"].as_str().unwrap())
        .collect();
    let mut sorted = arrivals.clone();
    sorted.sort();
    assert_eq!(arrivals, sorted);
    // A second demo into the same store is refused.
    let out = mesa(a.path()).args(["demo"]).output().unwrap();
    assert!(stderr_of(&out).contains("ya tiene 120 tickets"));
}
