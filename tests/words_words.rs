//! The Spanish the analyst reads: counts agree with their nouns, accents
//! where Spanish has them, the seed's own words («Venció el plazo de
//! descarga», «Gobierno Regional Cajamarca»), the payment line only where
//! a payment applies, and a refusal that says why an installation is not
//! scheduled.

mod common;

use std::path::Path;

use common::{imported, mesa, mesa_bare, stderr_of, stdout_of};

const NOW: &str = "2026-11-23T16:00:00-05:00";

/// A demo store (seed 1) at `NOW`.
fn demo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    mesa_bare(&dir.path().join("s"))
        .env("MESA_NOW", NOW)
        .args(["demo"])
        .assert()
        .success();
    dir
}

/// Runs as the demo's supervisor at `now`; requires success, returns stdout.
fn ok(store: &Path, now: &str, args: &[&str]) -> String {
    let out = mesa_bare(store)
        .env("MESA_NOW", now)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "mesa {args:?}: {}", stderr_of(&out));
    stdout_of(&out)
}

fn json(store: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(store, NOW, args)).unwrap()
}

#[test]
fn counts_agree_with_their_nouns_and_kinds_carry_their_accents() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("uno");
    let out = mesa_bare(&one)
        .env("MESA_NOW", NOW)
        .args(["demo", "--tickets", "1"])
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).contains("Se creó 1 ticket de demostración"),
        "{}",
        stdout_of(&out)
    );

    let store = demo();
    let s = store.path().join("s");
    let text = ok(&s, NOW, &["batch", "list"]);
    let upcoming = json(&s, &["batch", "list", "--json"]);
    let sizes: Vec<usize> = upcoming["upcoming"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["tickets"].as_array().unwrap().len())
        .collect();
    for n in sizes {
        let noun = if n == 1 { "ticket " } else { "tickets" };
        assert!(text.contains(&format!(" {n:>3} {noun}")), "{n}:\n{text}");
    }
    assert!(
        !text.contains(" 1 tickets") && !text.contains("(s)"),
        "{text}"
    );
    // Kinds as Spanish writes them; the JSON keeps its codes.
    assert!(
        text.contains("Emisión") || text.contains("Reemisión"),
        "{text}"
    );
    for code in ["emision", "reemision"] {
        assert!(!text.contains(&format!("{code} ")), "{text}");
    }
}

#[test]
fn a_lapsed_download_says_the_seeds_words() {
    let store = demo();
    let s = store.path().join("s");
    // Two months on, certificates not downloaded in 30 days have lapsed.
    let later = "2027-01-20T09:00:00-05:00";
    let text = ok(&s, later, &["certs"]);
    assert!(text.contains("Venció el plazo de descarga"), "{text}");
    assert!(!text.to_lowercase().contains("caducó"), "{text}");
}

#[test]
fn the_institution_is_named_as_the_seed_writes_it() {
    let store = demo();
    let s = store.path().join("s");
    let text = ok(&s, NOW, &["mail", "preview", "todos"]);
    assert!(text.contains("Gobierno Regional Cajamarca"), "{text}");
    assert!(!text.contains("Regional de Cajamarca"), "{text}");
}

#[test]
fn the_export_header_matches_how_names_are_written() {
    let store = demo();
    let s = store.path().join("s");
    let sealed = json(&s, &["batch", "list", "--json"])["sealed"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    let id = sealed["id"].as_str().unwrap();
    let out = tempfile::tempdir().unwrap();
    ok(
        &s,
        NOW,
        &["batch", "export", id, "--out", out.path().to_str().unwrap()],
    );
    let csv = std::fs::read_to_string(out.path().join(id).join("solicitudes.csv")).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "Nombre completo")
        .unwrap_or_else(|| panic!("{header:?}"));
    assert!(!csv.contains("Apellidos"), "{csv}");
    // The cell holds the name exactly as registered (given names first).
    let first: Vec<&str> = lines.next().unwrap().split(',').collect();
    let ticket = json(&s, &["show", first[1], "--json"]);
    let names: Vec<&str> = ticket["applicants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["full_name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&first[col]), "{first:?} vs {names:?}");
}

#[test]
fn the_payment_check_shows_only_where_a_payment_applies() {
    let store = demo();
    let s = store.path().join("s");
    let all = json(&s, &["list", "--json"]);
    let find = |kind: &str, motive: Option<&str>| -> String {
        all.as_array()
            .unwrap()
            .iter()
            .find(|t| t["kind"] == kind && motive.is_none_or(|m| t["motive"] == m))
            .unwrap_or_else(|| panic!("the demo has a {kind} {motive:?}"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    for (kind, motive) in [
        ("emision", Some("a")),
        ("instalacion", None),
        ("cancelacion", None),
    ] {
        let text = ok(&s, NOW, &["show", &find(kind, motive)]);
        assert!(!text.contains("Constancia de pago"), "{kind}:\n{text}");
    }
    let paid = ok(&s, NOW, &["show", &find("reemision", Some("d"))]);
    assert!(paid.contains("Constancia de pago"), "{paid}");
}

#[test]
fn scheduling_an_installation_says_it_is_not_sent_to_reniec() {
    let (store, _sample) = imported();
    let s = store.path();
    let installation = "T-2026-000005";
    mesa(s).args(["take", installation]).assert().success();
    let before = common::list_json(s);
    let out = mesa(s).args(["schedule", installation]).output().unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("las instalaciones no se envían a RENIEC") && err.contains("mesa close"),
        "{err}"
    );
    assert_eq!(common::list_json(s), before);
}
