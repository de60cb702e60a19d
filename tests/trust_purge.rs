//! Retention: `mesa purge --older-than 5y --dry-run` lists what would go and
//! changes nothing; without `--dry-run` it removes closed tickets, their
//! attachments and their outbox messages, leaves one audit entry with the
//! counts, and the chain still verifies.

mod common;

use std::path::Path;

use common::{ANALYST, list_json, mesa, sample_dir, stderr_of, stdout_of};
use serde_json::Value;

const THEN: &str = "2021-06-01T10:00:00-05:00";
const NOW: &str = "2026-11-23T09:00:00-05:00";
const HEADER: &str = common::IMPORT_HEADER_LINE;

fn run(s: &Path, now: &str, args: &[&str]) -> String {
    let out = mesa(s).env("MESA_NOW", now).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    stdout_of(&out)
}

fn sha_of(path: &Path) -> String {
    mesa::media::sha256_hex(&std::fs::read(path).unwrap())
}

fn json(s: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&run(s, NOW, args)).unwrap()
}

/// In 2021: an emission withdrawn after an observation (mail queued), an
/// installation closed, an emission still new. In 2026: a cancellation
/// closed. Rosa's photo is hers alone; the signature is shared with Luis.
fn aged_store() -> (tempfile::TempDir, tempfile::TempDir) {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    let old = sample.path().join("2021.csv");
    std::fs::write(
        &old,
        format!(
            "{HEADER}\
1,emision,a,,Rosa Quispe Huamán,45781236,2019-05-14,rquispe@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/41234567.png,,,,,
2,instalacion,,,Carmen Alcántara Díaz,43219876,,calcantara@regioncajamarca.gob.pe,,,,,,,CD-43219876-1
3,emision,a,,Luis Chávez Rojas,41234567,2019-05-14,lchavez@regioncajamarca.gob.pe,fotos/41234567.png,firmas/41234567.png,,,,,
"
        ),
    )
    .unwrap();
    let recent = sample.path().join("2026.csv");
    std::fs::write(
        &recent,
        format!(
            "{HEADER}1,cancelacion,c,,Jorge Terrones Mego,47651234,,jterrones@regioncajamarca.gob.pe,,,,,,,CD-47651234-1\n"
        ),
    )
    .unwrap();
    run(s, THEN, &["--as", ANALYST, "import", old.to_str().unwrap()]);
    for args in [
        &["take", "T-2021-000001"][..],
        &[
            "observe",
            "T-2021-000001",
            "--reason",
            "La foto no es frontal",
        ],
        &["take", "T-2021-000001"],
        &["withdraw", "T-2021-000001", "--reason", "desistió"],
        &["take", "T-2021-000002"],
        &["close", "T-2021-000002", "--medium", "token"],
    ] {
        run(s, THEN, args);
    }
    run(s, NOW, &["import", recent.to_str().unwrap()]);
    run(s, NOW, &["take", "T-2026-000001"]);
    run(s, NOW, &["close", "T-2026-000001"]);
    (store, sample)
}

fn audit_len(s: &Path) -> usize {
    json(s, &["audit", "--last", "100000", "--json"])
        .as_array()
        .unwrap()
        .len()
}

#[test]
fn a_dry_run_lists_what_would_go_and_changes_nothing() {
    let (store, _sample) = aged_store();
    let s = store.path();
    let before = (list_json(s), audit_len(s));
    let text = run(s, NOW, &["purge", "--older-than", "5y", "--dry-run"]);
    assert!(
        text.contains("antes del 23/11/2021 (más antiguos que 5y)"),
        "{text}"
    );
    let listed: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("T-"))
        .map(|l| &l[..11])
        .collect();
    assert_eq!(listed, ["2021-000001", "2021-000002"], "{text}");
    assert!(
        text.contains("Anulado") && text.contains("Cerrado"),
        "{text}"
    );
    assert!(
        text.contains("2 ticket(s)") && text.contains("1 archivo(s) adjunto(s)"),
        "{text}"
    );
    assert!(text.contains("No se borró nada (--dry-run)"), "{text}");
    // The configured retention (5 years by default) gives the same answer.
    let default = run(s, NOW, &["purge", "--dry-run"]);
    assert_eq!(default, text);
    // list_json itself is recorded; compare the tickets only.
    assert_eq!(list_json(s), before.0);
    assert!(audit_len(s) >= before.1);
    let out = mesa(s)
        .args(["purge", "--older-than", "cinco", "--dry-run"])
        .output()
        .unwrap();
    assert!(
        stderr_of(&out).contains("«cinco» no es un plazo; use años, meses o días como 5y"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_purge_removes_old_closed_tickets_with_their_files_and_mail_and_the_chain_verifies() {
    let (store, sample) = aged_store();
    let s = store.path();
    let attachments = s.join("attachments");
    let rosa_photo = sha_of(&sample.path().join("fotos/45781236.jpg"));
    let shared_signature = sha_of(&sample.path().join("firmas/41234567.png"));
    assert!(attachments.join(&rosa_photo).is_file());
    let outbox = json(s, &["mail", "list", "--json"]);
    assert!(
        outbox
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["ticket"] == "T-2021-000001"),
        "the observation queued mail: {outbox}"
    );

    // An analyst may not.
    let out = mesa(s)
        .args(["--as", ANALYST, "purge", "--older-than", "5y"])
        .output()
        .unwrap();
    assert!(
        stderr_of(&out)
            .contains("mvasquez es analista: depurar registros antiguos es tarea del supervisor"),
        "{}",
        stderr_of(&out)
    );

    let text = run(s, NOW, &["purge", "--older-than", "5y", "--yes"]);
    assert!(
        text.contains("Se depuró lo cerrado antes del 23/11/2021: 2 ticket(s)"),
        "{text}"
    );

    // The old closed tickets are gone; the old live one and the recent
    // closed one stay.
    let left: Vec<String> = json(s, &["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(left, ["T-2021-000003", "T-2026-000001"]);
    let out = mesa(s).args(["show", "T-2021-000001"]).output().unwrap();
    assert!(stderr_of(&out).contains("no existe el ticket T-2021-000001"));
    // Their messages are gone; the others stay.
    let outbox = json(s, &["mail", "list", "--json"]);
    let tickets: Vec<&str> = outbox
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["ticket"].as_str().unwrap())
        .collect();
    assert!(
        !tickets.iter().any(|t| t.starts_with("T-2021-00000")),
        "{tickets:?}"
    );
    assert!(tickets.contains(&"T-2026-000001"), "{tickets:?}");
    // Rosa's photo is gone; the signature Luis still uses stays.
    assert!(!attachments.join(&rosa_photo).exists());
    assert!(attachments.join(&shared_signature).is_file());
    // The remaining tickets are whole: Luis's still checks (photo and
    // signature readable).
    let luis = json(s, &["show", "T-2021-000003", "--json"]);
    assert!(
        luis["checks"][0]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["problems"].as_array().unwrap().is_empty()),
        "{luis}"
    );

    // One audit entry with the counts, and the chain verifies.
    let last = json(s, &["audit", "--last", "3", "--json"]);
    let purge = last
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "purge")
        .expect("the purge is in the log");
    assert_eq!(purge["by"], "supervisor");
    let detail = purge["detail"].as_str().unwrap();
    assert!(
        detail.contains("2 ticket(s)")
            && detail.contains("1 archivo(s) adjunto(s)")
            && detail.contains("entrada(s) de historial"),
        "{detail}"
    );
    let verify = common::mesa_bare(s)
        .args(["audit", "verify"])
        .output()
        .unwrap();
    assert!(verify.status.success(), "{}", stderr_of(&verify));
    // The log keeps what was done (it is the proof), not the records.
    let about = json(s, &["audit", "--dni", "45781236", "--json"]);
    assert!(
        about
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "withdraw")
    );

    // A second purge finds nothing more.
    let again = run(s, NOW, &["purge", "--older-than", "5y", "--dry-run"]);
    assert!(again.contains("0 ticket(s)"), "{again}");
}
