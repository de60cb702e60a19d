//! The audit log: every change and every export or listing of personal data
//! is chained by SHA-256; `mesa audit verify` names the first entry touched
//! behind the desk's back; `mesa audit --dni` answers "what was done about
//! this person".

mod common;

use std::path::Path;

use common::{ANALYST, list_json, mesa, stderr_of, stdout_of};
use serde_json::Value;

const CUTOFF: &str = "2026-11-27T16:30:00-05:00";
/// Rosa Quispe Huamán, ticket T-2026-000001 of the sample.
const ROSA: &str = "45781236";
/// Luis Chávez Rojas, ticket T-2026-000002 of the sample.
const LUIS: &str = "41234567";

/// The sample imported; tickets 1 and 2 worked by the analyst, sealed and
/// exported by the supervisor, and the queue listed once.
fn worked_store() -> (tempfile::TempDir, tempfile::TempDir, tempfile::TempDir) {
    let (store, sample) = common::scheduled_sample(ANALYST);
    let out = tempfile::tempdir().unwrap();
    let s = store.path();
    mesa(s)
        .env("MESA_NOW", CUTOFF)
        .args(["batch", "seal"])
        .assert()
        .success();
    mesa(s)
        .args(["batch", "export", "LOTE-2026-11-27", "--out"])
        .arg(out.path())
        .assert()
        .success();
    list_json(s);
    (store, sample, out)
}

fn audit_json(s: &Path, args: &[&str]) -> Vec<Value> {
    let out = mesa(s)
        .arg("audit")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn verify(s: &Path) -> std::process::Output {
    // Anyone may verify: no analyst named.
    common::mesa_bare(s)
        .args(["audit", "verify"])
        .output()
        .unwrap()
}

/// Rewrites one stored entry behind the desk's back, straight in sled.
fn tamper(s: &Path, seq: u64, change: impl Fn(&mut Value)) {
    let db = sled::open(s.join("db")).unwrap();
    let tree = db.open_tree("audit").unwrap();
    let key = seq.to_be_bytes();
    let mut v: Value = serde_json::from_slice(&tree.get(key).unwrap().unwrap()).unwrap();
    change(&mut v["data"]);
    tree.insert(key, serde_json::to_vec(&v).unwrap()).unwrap();
    db.flush().unwrap();
}

/// The entry's hash as `domain::audit` computes it.
fn rehash(entry: &mut Value) {
    let e: mesa::domain::audit::AuditEntry = serde_json::from_value(entry.clone()).unwrap();
    entry["hash"] = Value::String(e.computed_hash());
}

#[test]
fn a_clean_store_verifies_and_every_change_is_in_the_log() {
    let (store, _sample, _out) = worked_store();
    let s = store.path();
    let run = verify(s);
    assert!(run.status.success(), "{}", stderr_of(&run));
    let text = stdout_of(&run);
    assert!(text.contains("Auditoría íntegra"), "{text}");

    let all = audit_json(s, &["--last", "1000"]);
    let seqs: Vec<u64> = all.iter().map(|e| e["seq"].as_u64().unwrap()).collect();
    assert_eq!(seqs, (1..=all.len() as u64).collect::<Vec<_>>(), "no gap");
    assert!(text.contains(&format!("{} entradas", all.len())), "{text}");
    assert!(text.contains(all.last().unwrap()["hash"].as_str().unwrap()));
    let actions: Vec<(&str, &str)> = all
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["by"].as_str().unwrap()))
        .collect();
    for expected in [
        ("init", "supervisor"),
        ("analyst_add", "supervisor"),
        ("register", ANALYST),
        ("take", ANALYST),
        ("schedule", ANALYST),
        ("seal", "supervisor"),
        ("export", "supervisor"),
        ("read", "supervisor"),
    ] {
        assert!(actions.contains(&expected), "{expected:?} in {actions:?}");
    }
    // The export names the people whose data left the desk.
    let export = all.iter().find(|e| e["action"] == "export").unwrap();
    assert_eq!(export["subject"], "LOTE-2026-11-27");
    assert_eq!(export["dnis"], serde_json::json!([LUIS, ROSA]));
}

#[test]
fn an_entry_changed_in_the_sled_tree_is_named_by_verify() {
    let (store, _sample, _out) = worked_store();
    let s = store.path();
    let all = audit_json(s, &["--last", "1000"]);
    let take = all
        .iter()
        .find(|e| e["action"] == "take" && e["subject"] == "T-2026-000001")
        .unwrap();
    let seq = take["seq"].as_u64().unwrap();

    // Someone rewrites who took the ticket.
    tamper(s, seq, |e| e["by"] = Value::String("otra_persona".into()));
    let run = verify(s);
    assert!(!run.status.success(), "a tampered chain must not verify");
    let err = stderr_of(&run);
    assert!(
        err.contains(&format!("la auditoría está rota en la entrada #{seq} (")),
        "{err}"
    );
    assert!(
        err.contains("otra_persona · atender T-2026-000001"),
        "{err}"
    );
    assert!(
        err.contains("su contenido cambió después de escrita"),
        "{err}"
    );

    // Re-hashing the changed entry does not hide it: the next link breaks.
    tamper(s, seq, rehash);
    let err = stderr_of(&verify(s));
    assert!(
        err.contains(&format!("rota en la entrada #{}", seq + 1))
            && err.contains(&format!("no sigue a la entrada #{seq}")),
        "{err}"
    );
}

#[test]
fn a_removed_or_cut_entry_is_named_too() {
    let (store, _sample, _out) = worked_store();
    let s = store.path();
    let n = audit_json(s, &["--last", "1000"]).len() as u64;
    {
        let db = sled::open(s.join("db")).unwrap();
        let tree = db.open_tree("audit").unwrap();
        tree.remove(5u64.to_be_bytes()).unwrap();
        db.flush().unwrap();
    }
    let err = stderr_of(&verify(s));
    assert!(
        err.contains("rota en la entrada #5: falta (la siguiente guardada es la #6)"),
        "{err}"
    );
    // Cutting the tail (the last entry) is found against the recorded head.
    let (store2, _s2, _o2) = worked_store();
    let s2 = store2.path();
    let n2 = audit_json(s2, &["--last", "1000"]).len() as u64;
    assert_eq!(n2, n, "the same work gives the same chain length");
    {
        let db = sled::open(s2.join("db")).unwrap();
        db.open_tree("audit")
            .unwrap()
            .remove(n2.to_be_bytes())
            .unwrap();
        db.flush().unwrap();
    }
    let err = stderr_of(&verify(s2));
    assert!(
        err.contains(&format!(
            "rota en la entrada #{n2}: falta: la cadena termina en la #{} pero el almacén registró la #{n2} como última",
            n2 - 1
        )),
        "{err}"
    );
}

#[test]
fn audit_by_dni_lists_everything_done_about_one_person() {
    let (store, _sample, _out) = worked_store();
    let s = store.path();
    let about = audit_json(s, &["--dni", ROSA]);
    let steps: Vec<(&str, &str)> = about
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["subject"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        &steps[..5],
        [
            ("register", "T-2026-000001"),
            ("take", "T-2026-000001"),
            ("schedule", "T-2026-000001"),
            ("seal", "LOTE-2026-11-27"),
            ("export", "LOTE-2026-11-27"),
        ]
    );
    // The listing that showed her, and nothing about Luis's own ticket.
    assert!(steps.contains(&("read", "mesa list --json")), "{steps:?}");
    assert!(about.iter().all(|e| e["subject"] != "T-2026-000002"));
    // Asking is recorded too: the next answer names the question.
    let again = audit_json(s, &["--dni", ROSA]);
    assert_eq!(again.len(), about.len() + 1);
    assert_eq!(
        again.last().unwrap()["subject"],
        format!("mesa audit --dni {ROSA}")
    );
    // The text form, one line per entry.
    let out = mesa(s).args(["audit", "--dni", ROSA]).output().unwrap();
    let text = stdout_of(&out);
    assert!(
        text.lines().any(|l| l.contains("mvasquez")
            && l.contains("atender")
            && l.contains("T-2026-000001")),
        "{text}"
    );
    assert!(verify(s).status.success());
}

#[test]
fn a_refused_change_appends_nothing() {
    let (store, _sample, _out) = worked_store();
    let s = store.path();
    let before = audit_json(s, &["--last", "1000"]).len();
    // Ticket 1 is sealed: withdrawing it is refused.
    let run = mesa(s)
        .args(["withdraw", "T-2026-000001", "--reason", "x"])
        .output()
        .unwrap();
    assert!(!run.status.success());
    // And an analyst may not read the log at all.
    let run = mesa(s).args(["--as", ANALYST, "audit"]).output().unwrap();
    assert!(
        stderr_of(&run)
            .contains("mvasquez es analista: consultar la auditoría es tarea del supervisor"),
        "{}",
        stderr_of(&run)
    );
    assert_eq!(audit_json(s, &["--last", "1000"]).len(), before);
}
