//! Backup and restore: a worked store copied while in use, rebuilt
//! elsewhere with every ticket, attachment and audit entry, the chain
//! verifying; damaged stores and altered copies refused with a message
//! that says what to do.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::{ANALYST, list_json, mesa, mesa_bare, stderr_of, stdout_of};
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::Kind;
use mesa::store::Store;

const CUTOFF: &str = "2026-11-27T16:30:00-05:00";

/// Imported, worked by the analyst, sealed, sent and answered by RENIEC,
/// with a configuration file: a store with something in every part.
fn worked_store() -> (tempfile::TempDir, tempfile::TempDir) {
    let (store, sample) = common::scheduled_sample(ANALYST);
    let s = store.path();
    std::fs::write(
        s.join("config.toml"),
        "[dispatch]\nrenewal_lead_days = 10\n",
    )
    .unwrap();
    let answer = sample.path().join("respuesta.csv");
    std::fs::write(
        &answer,
        "ticket,result,date,reason\nT-2026-000001,aprobado,2026-11-27,\n",
    )
    .unwrap();
    for args in [
        vec!["batch", "seal"],
        vec!["batch", "sent", "LOTE-2026-11-27"],
        vec!["batch", "outcome", answer.to_str().unwrap()],
        vec!["observe", "T-2026-000004", "--reason", "foto borrosa"],
    ] {
        if args[0] == "observe" {
            mesa(s).args(["take", "T-2026-000004"]).assert().success();
        }
        let out = mesa(s)
            .env("MESA_NOW", CUTOFF)
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    }
    (store, sample)
}

/// A worked store and its backup in `copia.zip` (in the third directory).
fn backed_up() -> (
    tempfile::TempDir,
    tempfile::TempDir,
    tempfile::TempDir,
    std::path::PathBuf,
) {
    let (store, sample) = worked_store();
    let copies = tempfile::tempdir().unwrap();
    let file = copies.path().join("copia.zip");
    mesa(store.path())
        .args(["backup", "--out"])
        .arg(&file)
        .assert()
        .success();
    (store, sample, copies, file)
}

fn audit_json(s: &Path) -> Vec<serde_json::Value> {
    let out = mesa(s)
        .args(["audit", "--last", "100000", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn show_all(s: &Path) -> Vec<serde_json::Value> {
    let list: serde_json::Value = serde_json::from_str(&list_json(s)).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let out = mesa(s)
                .args(["show", t["id"].as_str().unwrap(), "--json"])
                .output()
                .unwrap();
            serde_json::from_slice(&out.stdout).unwrap()
        })
        .collect()
}

#[test]
fn a_worked_store_backed_up_and_restored_elsewhere_has_everything_and_verifies() {
    let (store, _sample) = worked_store();
    let s = store.path();
    let copies = tempfile::tempdir().unwrap();
    let file = copies.path().join("mesa-2026-11-27.zip");
    let out = mesa(s)
        .args(["backup", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("Copia de seguridad en") && stdout_of(&out).contains(" tickets, "),
        "{}",
        stdout_of(&out)
    );
    let original_audit = audit_json(s);
    assert_eq!(original_audit.last().unwrap()["action"], "backup");

    // The copy checks on its own, by anyone, without writing anything.
    let out = mesa_bare(s)
        .args(["restore", "--check"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("está completa y verificada"),
        "{}",
        stdout_of(&out)
    );

    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("restaurado");
    let out = mesa_bare(&target)
        .args(["--as", "supervisor", "restore"])
        .env("MESA_PASSWORD", common::PASSWORD)
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains("Almacén reconstruido en"),
        "{}",
        stdout_of(&out)
    );

    // Every audit entry of the copy, then the restore's own.
    let restored_audit = audit_json(&target);
    assert_eq!(restored_audit[..original_audit.len()], original_audit[..]);
    assert_eq!(restored_audit.len(), original_audit.len() + 1);
    assert_eq!(restored_audit.last().unwrap()["action"], "restore");
    let verify = mesa_bare(&target)
        .args(["audit", "verify"])
        .output()
        .unwrap();
    assert!(verify.status.success(), "{}", stderr_of(&verify));

    // Every ticket with its history, checks and receipts; every attachment;
    // the configuration.
    assert_eq!(show_all(&target), show_all(s));
    assert_eq!(
        files(&target.join("attachments")),
        files(&s.join("attachments"))
    );
    assert!(!files(&s.join("attachments")).is_empty());
    assert_eq!(
        std::fs::read(target.join("config.toml")).unwrap(),
        std::fs::read(s.join("config.toml")).unwrap()
    );
    // The restored store works: the sealed batch, the analysts.
    let out = mesa(&target)
        .args(["batch", "list", "--json"])
        .output()
        .unwrap();
    let batches: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(batches["sealed"][0]["id"], "LOTE-2026-11-27");
    mesa(&target)
        .args(["--as", ANALYST, "take", "T-2026-000003"])
        .assert()
        .success();
}

#[test]
fn a_copy_is_never_restored_over_a_store_nor_by_an_analyst_nor_when_altered() {
    let (store, _sample, copies, file) = backed_up();
    let s = store.path();

    // Not over a store (here, the original).
    let before = list_json(s);
    let out = mesa(s).args(["restore"]).arg(&file).output().unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("no está vacío: restaure en un directorio nuevo"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(list_json(s), before);

    // Not by an analyst, and nothing is left behind.
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("nuevo");
    let out = mesa_bare(&target)
        .args(["--as", ANALYST, "restore"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains(
            "mvasquez es analista: hacer o restaurar copias de seguridad es tarea del supervisor"
        ),
        "{}",
        stderr_of(&out)
    );
    assert!(
        std::fs::read_dir(elsewhere.path())
            .unwrap()
            .next()
            .is_none()
    );

    // A second backup never replaces the first.
    let out = mesa(s)
        .args(["backup", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(stderr_of(&out).contains("ya existe"), "{}", stderr_of(&out));

    // An altered copy: one byte of the records changed and the manifest's
    // hash of it left as it was.
    let altered = copies.path().join("alterada.zip");
    rewrite_zip(&file, &altered, |name, bytes| {
        if name == "registros.bin" {
            let i = bytes.len() / 2;
            bytes[i] ^= 1;
        }
    });
    let out = mesa_bare(s)
        .args(["restore", "--check"])
        .arg(&altered)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("registros.bin no coincide con su SHA-256 del manifiesto"),
        "{}",
        stderr_of(&out)
    );
}

/// Copies a zip entry by entry, letting `change` edit each one.
fn rewrite_zip(from: &Path, to: &Path, change: impl Fn(&str, &mut Vec<u8>)) {
    use std::io::{Read, Write};
    let mut input = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..input.len() {
        let mut f = input.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        change(&name, &mut bytes);
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn a_backup_taken_while_another_thread_writes_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let desk = Arc::new(Desk::new(
        Store::open(&dir.path().join("store")).unwrap(),
        Config::default(),
        Clock::System,
    ));
    desk.init_supervisor("ana").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (desk, stop) = (desk.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0;
            while !stop.load(Ordering::SeqCst) {
                let at = chrono::Utc::now();
                let r = mesa::demo::plain_record(Kind::Emision, Some('a'), n, at, None, None);
                let id = desk.store.register_all(&[r]).unwrap().remove(0);
                desk.act(&id, mesa::domain::Move::Take, "ana", &[]).unwrap();
                n += 1;
            }
            n
        })
    };
    while desk.store.count() < 20 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let file = dir.path().join("copia.zip");
    let written = desk.backup("ana", &file).unwrap();
    stop.store(true, Ordering::SeqCst);
    let total = writer.join().unwrap();
    assert!(written.manifest.tickets() >= 20);
    assert!(total as u64 >= written.manifest.tickets());

    let target = dir.path().join("restaurado");
    mesa::desk::backup::restore(
        &file,
        &target,
        "ana",
        chrono::Utc::now(),
        chrono_tz::America::Lima,
    )
    .unwrap();
    let restored = Store::open(&target).unwrap();
    let verified = restored.audit_verify().unwrap().unwrap();
    assert_eq!(verified.entries, written.manifest.audit.seq + 1);
    // No half change: every ticket has its registration entry, every taken
    // ticket its take entry, and nothing else.
    let entries: Vec<_> = restored.audit_entries().collect::<Result<_, _>>().unwrap();
    let registered = entries.iter().filter(|e| e.action == "register").count();
    let taken = entries.iter().filter(|e| e.action == "take").count();
    assert_eq!(registered, restored.count());
    let in_atencion = restored
        .with_status(mesa::domain::Status::EnAtencion)
        .count();
    assert_eq!(taken, in_atencion);
    assert_eq!(restored.count() as u64, written.manifest.tickets());
}

#[test]
fn a_damaged_store_is_refused_with_a_message_pointing_to_restore() {
    let (store, _sample, _copies, file) = backed_up();
    let s = store.path();
    // A database file damaged on disk (sled notices), and one gone (sled
    // would open an empty one as if the store were new: the audit link kept
    // beside it says records were lost).
    let twin = tempfile::tempdir().unwrap();
    common::copy_dir(s, twin.path());
    let db = s.join("db").join("db");
    let mut bytes = std::fs::read(&db).unwrap();
    for i in (0..bytes.len()).step_by(7) {
        bytes[i] ^= 0x5a;
    }
    std::fs::write(&db, bytes).unwrap();
    std::fs::remove_dir_all(twin.path().join("db")).unwrap();
    for (store, lost) in [(s, false), (twin.path(), true)] {
        for args in [&["list"][..], &["init", "--supervisor", "otro"]] {
            let out = mesa_bare(store)
                .env("MESA_ANALYST", "supervisor")
                .args(args)
                .output()
                .unwrap();
            assert!(
                !out.status.success(),
                "{args:?} must not run on a damaged store"
            );
            let err = stderr_of(&out);
            assert!(err.contains("está dañado"), "{err}");
            assert!(
                err.contains("mesa restore ARCHIVO --store DIRECTORIO_NUEVO"),
                "{err}"
            );
            if lost {
                assert!(
                    err.contains("su base de datos llega hasta la entrada de auditoría #0, pero el almacén ya había registrado la #"),
                    "{err}"
                );
            }
            assert_eq!(err.lines().count(), 1, "{err}");
        }
    }
    // And the copy rebuilds it elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("rescate");
    mesa_bare(&target)
        .args(["--as", "supervisor", "restore"])
        .env("MESA_PASSWORD", common::PASSWORD)
        .arg(&file)
        .assert()
        .success();
    assert!(list_json(&target).contains("T-2026-000001"));
}

#[test]
fn a_copy_of_a_tampered_chain_is_refused_naming_the_entry() {
    let (store, _sample) = worked_store();
    let s = store.path();
    {
        let db = sled::open(s.join("db")).unwrap();
        let tree = db.open_tree("audit").unwrap();
        let key = 4u64.to_be_bytes();
        let mut v: serde_json::Value =
            serde_json::from_slice(&tree.get(key).unwrap().unwrap()).unwrap();
        v["data"]["detail"] = "otra cosa".into();
        tree.insert(key, serde_json::to_vec(&v).unwrap()).unwrap();
        db.flush().unwrap();
    }
    let copies = tempfile::tempdir().unwrap();
    let file = copies.path().join("copia.zip");
    // The copy is written (it is the data there is), but it says what it holds.
    mesa(s)
        .args(["backup", "--out"])
        .arg(&file)
        .assert()
        .success();
    let out = mesa_bare(s)
        .args(["restore", "--check"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("la auditoría está rota en la entrada #4")
            && err.contains("su contenido cambió"),
        "{err}"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("nuevo");
    let out = mesa_bare(&target)
        .args(["--as", "supervisor", "restore"])
        .env("MESA_PASSWORD", common::PASSWORD)
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(!target.exists(), "nothing restored");
}
