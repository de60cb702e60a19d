//! Five years is the legal minimum for keeping records: a shorter
//! `--older-than` or `retention.years` is refused; a purge always shows
//! first what it would remove and removes only when confirmed (`--yes`).

mod common;

use std::path::Path;

use common::{list_json, mesa, sample_dir, stderr_of, stdout_of};

const THEN: &str = "2021-06-01T10:00:00-05:00";
const NOW: &str = "2026-11-23T09:00:00-05:00";
const HEADER: &str = common::IMPORT_HEADER_LINE;

fn run(s: &Path, now: &str, args: &[&str]) -> std::process::Output {
    mesa(s).env("MESA_NOW", now).args(args).output().unwrap()
}

fn ok(s: &Path, now: &str, args: &[&str]) -> String {
    let out = run(s, now, args);
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    stdout_of(&out)
}

/// The sample imported in 2021 and its first ticket withdrawn then (closed
/// five and a half years before NOW); the others still open.
fn aged() -> (tempfile::TempDir, tempfile::TempDir) {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    let csv = sample.path().join("2021.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER}\
1,emision,a,,Rosa Quispe Huamán,45781236,2019-05-14,rquispe@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/45781236.png,,,,,
2,emision,a,,Luis Chávez Rojas,41234567,2019-05-14,lchavez@regioncajamarca.gob.pe,fotos/41234567.png,firmas/41234567.png,,,,,
"
        ),
    )
    .unwrap();
    ok(s, THEN, &["import", csv.to_str().unwrap()]);
    ok(s, THEN, &["take", "T-2021-000001"]);
    ok(
        s,
        THEN,
        &["withdraw", "T-2021-000001", "--reason", "desistió"],
    );
    (store, sample)
}

#[test]
fn a_purge_period_below_five_years_is_refused_and_nothing_changes() {
    let (store, _sample) = aged();
    let s = store.path();
    let before = list_json(s);
    for short in ["1d", "30d", "1826d", "59m", "4y", "1y"] {
        for extra in [&[][..], &["--yes"][..], &["--dry-run"][..]] {
            let mut args = vec!["purge", "--older-than", short];
            args.extend_from_slice(extra);
            let out = run(s, NOW, &args);
            assert!(!out.status.success(), "{args:?} accepted");
            let err = stderr_of(&out);
            assert!(err.contains(&format!("--older-than {short}")), "{err}");
            assert!(err.contains("5 años"), "{err}");
        }
    }
    assert_eq!(list_json(s), before);
    // Five years (however written) is allowed.
    for legal in ["5y", "60m", "1827d"] {
        ok(s, NOW, &["purge", "--older-than", legal, "--dry-run"]);
    }
}

#[test]
fn a_configuration_below_five_years_is_refused_naming_the_file_and_key() {
    let (store, sample) = aged();
    let s = store.path();
    let config = sample.path().join("mesa.toml");
    for years in [0, 1, 4] {
        std::fs::write(&config, format!("[retention]\nyears = {years}\n")).unwrap();
        let out = mesa(s)
            .env("MESA_NOW", NOW)
            .env("MESA_CONFIG", &config)
            .args(["purge", "--yes"])
            .output()
            .unwrap();
        assert!(!out.status.success(), "years = {years} accepted");
        let err = stderr_of(&out);
        assert!(err.contains("mesa.toml"), "{err}");
        assert!(err.contains("retention.years"), "{err}");
        assert!(err.contains("5 años"), "{err}");
    }
    // Lengthening it is fine: with 6 years, the 2021 ticket stays.
    std::fs::write(&config, "[retention]\nyears = 6\n").unwrap();
    let out = mesa(s)
        .env("MESA_NOW", NOW)
        .env("MESA_CONFIG", &config)
        .args(["purge", "--yes"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    ok(s, NOW, &["show", "T-2021-000001"]);
}

#[test]
fn without_a_terminal_and_without_yes_a_purge_only_shows() {
    let (store, _sample) = aged();
    let s = store.path();
    let before = list_json(s);
    let text = ok(s, NOW, &["purge", "--older-than", "5y"]);
    assert!(text.contains("T-2021-000001"), "the list first: {text}");
    assert!(text.contains("Nada se borró"), "{text}");
    assert!(text.contains("--yes"), "{text}");
    assert_eq!(list_json(s), before, "nothing removed");
    // Confirmed for a script: removed, after showing the same list.
    let text = ok(s, NOW, &["purge", "--older-than", "5y", "--yes"]);
    assert!(text.contains("T-2021-000001"), "{text}");
    let out = run(s, NOW, &["show", "T-2021-000001"]);
    assert!(!out.status.success());
    ok(s, NOW, &["show", "T-2021-000002"]);
}
