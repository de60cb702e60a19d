//! A store written by an earlier `mesa` (schema 1: one key per history
//! entry) opens with the current one, which rewrites it once (schema 2: the
//! history inside each ticket's record) and shows exactly what the earlier
//! version showed.
//!
//! `tests/fixtures/store-schema1/store` is a 60-ticket demo store made by
//! `mesa demo` of commit 87e4778 (seed 1, NOW 2026-11-23 09:00 Lima), and
//! `expected/` what that version's `mesa list --json` and `mesa show --json`
//! printed on it.

mod common;

use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-schema1")
}

fn expected(name: &str) -> Value {
    let path = fixture().join("expected").join(name);
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// A copy of the schema-1 store to open.
fn old_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture().join("store"), dir.path());
    dir
}

/// The schema-1 store has no passwords: its supervisor chooses one first,
/// as the console asks them to (`Desk::choose_first_password`), and the
/// command line then signs in with it (`common::PASSWORD`).
fn prove(store: &Path) {
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let desk = mesa::desk::Desk::new(
        mesa::store::Store::open(store).unwrap(),
        mesa::config::Config::default(),
        mesa::clock::Clock::Fixed(now),
    );
    if desk.lacks_password(common::SUPERVISOR).unwrap() {
        desk.choose_first_password(common::SUPERVISOR, common::PASSWORD)
            .unwrap();
    }
}

fn json(store: &Path, args: &[&str]) -> Value {
    let out = common::mesa(store)
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mesa {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    without_new_fields(&mut v);
    v
}

/// What this version says that schema 1's version could not: where a held
/// renewal's expiry came from (`dispatch_rule.source`, the request or the
/// certificate registry). Taken out before comparing with its output.
fn without_new_fields(v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let Some(Value::Object(rule)) = map.get_mut("dispatch_rule") {
                rule.remove("source");
            }
            map.values_mut().for_each(without_new_fields);
        }
        Value::Array(items) => items.iter_mut().for_each(without_new_fields),
        _ => {}
    }
}

/// Everything the earlier version listed and showed, compared as JSON.
fn assert_same_as_schema_1(store: &Path) {
    assert_eq!(json(store, &["list"]), expected("list.json"));
    assert_eq!(
        json(store, &["list", "--status", "cerrado"]),
        expected("list-cerrado.json"),
        "finished tickets are no longer indexed by status: found by their rows"
    );
    assert_eq!(
        json(store, &["list", "--status", "programado"]),
        expected("list-programado.json")
    );
    for day in ["2026-11-13", "2026-11-27"] {
        assert_eq!(
            json(store, &["list", "--dispatch", day]),
            expected(&format!("list-dispatch-{day}.json")),
            "dispatch day {day}"
        );
    }
    let shown = expected("show-all.json");
    for old in shown.as_array().unwrap() {
        let id = old["id"].as_str().unwrap();
        assert_eq!(&json(store, &["show", id]), old, "ticket {id}");
    }
}

#[test]
fn a_schema_1_store_opens_with_every_ticket_and_its_history_as_before() {
    let store = old_store();
    prove(store.path());
    assert_same_as_schema_1(store.path());
    // Opened again (already migrated), the same.
    assert_same_as_schema_1(store.path());
    common::mesa(store.path())
        .args(["audit", "verify"])
        .assert()
        .success();

    let db = sled::open(store.path().join("db")).unwrap();
    let names: Vec<String> = db
        .tree_names()
        .iter()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    assert!(
        !names.iter().any(|n| n == "history" || n == "by_arrival"),
        "{names:?}"
    );
    let schema = db.open_tree("meta").unwrap().get("schema_version").unwrap();
    assert_eq!(schema.as_deref(), Some(&b"2"[..]));
}

#[test]
fn a_migrated_store_records_new_moves_after_the_old_history() {
    let store = old_store();
    prove(store.path());
    let list = expected("list.json");
    let new = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["status"] == "nuevo")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let before = json(store.path(), &["show", &new]);
    common::mesa(store.path())
        .args(["take", &new])
        .assert()
        .success();
    let after = json(store.path(), &["show", &new]);
    let (old, now) = (
        before["history"].as_array().unwrap(),
        after["history"].as_array().unwrap(),
    );
    assert_eq!(now.len(), old.len() + 1);
    assert_eq!(&now[..old.len()], &old[..]);
    assert_eq!(after["status"], "en_atencion");
    assert_eq!(now.last().unwrap()["to"], "en_atencion");
}

/// A migration cut short (some records already rewritten, the old trees
/// still there, the schema still 1) finishes at the next open.
#[test]
fn a_migration_cut_short_finishes_at_the_next_open() {
    let store = old_store();
    {
        let db = sled::open(store.path().join("db")).unwrap();
        let tickets = db.open_tree("tickets").unwrap();
        let history = db.open_tree("history").unwrap();
        for kv in tickets.iter().take(20) {
            let (key, value) = kv.unwrap();
            let old: Value = serde_json::from_slice(&value).unwrap();
            let mut prefix = key.to_vec();
            prefix.push(0);
            let entries: Vec<Value> = history
                .scan_prefix(&prefix)
                .map(|kv| serde_json::from_slice::<Value>(&kv.unwrap().1).unwrap()["data"].clone())
                .collect();
            assert!(!entries.is_empty());
            let record = serde_json::json!({
                "v": 2,
                "data": { "ticket": old["data"], "history": entries },
            });
            tickets
                .insert(key, serde_json::to_vec(&record).unwrap())
                .unwrap();
        }
        db.flush().unwrap();
    }
    prove(store.path());
    assert_same_as_schema_1(store.path());
}

/// A backup made by the earlier version (`backup-schema1.zip`, its
/// `mesa backup` of the fixture store) restores into a current store.
#[test]
fn a_backup_made_by_schema_1_restores_into_a_current_store() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("restored");
    common::mesa_bare(&target)
        .env("MESA_ANALYST", common::SUPERVISOR)
        .arg("restore")
        .arg(fixture().join("backup-schema1.zip"))
        .assert()
        .success();
    prove(&target);
    assert_same_as_schema_1(&target);
    common::mesa(&target)
        .args(["audit", "verify"])
        .assert()
        .success();
}
