//! What a killed command leaves is cleaned at the next open (only the
//! desk's own temporary names, only in the folders it owns), and a
//! mistyped store path is not reported as an intact, empty store.

mod common;

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use common::{NOW, PASSWORD, SUPERVISOR, list_json, mesa, mesa_bare, stderr_of, stdout_of};

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Fills the store's attachments with `n` files of `mb` MB (named by
/// their SHA-256, as the desk names them): a backup then takes a while.
fn heavy_attachments(store: &Path, n: usize, mb: usize) {
    let dir = store.join("attachments");
    std::fs::create_dir_all(&dir).unwrap();
    for i in 0..n {
        let mut bytes = vec![0u8; mb << 20];
        bytes[0] = i as u8;
        bytes[1] = (i >> 8) as u8;
        std::fs::write(dir.join(mesa::media::sha256_hex(&bytes)), &bytes).unwrap();
    }
}

/// Starts `mesa backup --out out` and SIGKILLs it once its partial file
/// appears in `out`'s folder; the partial file's name, or None if the
/// backup finished first.
fn kill_mid_backup(store: &Path, out: &Path) -> Option<String> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mesa"))
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", SUPERVISOR)
        .env("MESA_PASSWORD", PASSWORD)
        .env_remove("MESA_CONFIG")
        .args(["backup", "--out"])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let dir = out.parent().unwrap();
    loop {
        if let Some(tmp) = names(dir).into_iter().find(|n| n.ends_with(".tmp")) {
            child.kill().unwrap();
            child.wait().unwrap();
            return Some(tmp);
        }
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn a_partial_backup_left_by_sigkill_is_removed_at_the_next_open() {
    let store = tempfile::tempdir().unwrap();
    let s = store.path();
    let before = list_json(s);
    heavy_attachments(s, 40, 4);
    let copies = tempfile::tempdir().unwrap();
    let mut left = None;
    for attempt in 0..5 {
        let out = copies.path().join(format!("copia-{attempt}.zip"));
        if let Some(tmp) = kill_mid_backup(s, &out) {
            left = Some(tmp);
            break;
        }
        heavy_attachments(s, 40 * (attempt + 2), 4);
    }
    let tmp = left.expect("the backup was never caught mid-way");
    assert!(copies.path().join(&tmp).exists());
    // A file of the user's with a similar name is not the desk's.
    std::fs::write(copies.path().join("notas.tmp"), "mías").unwrap();

    assert_eq!(list_json(s), before);
    assert_eq!(names(copies.path()), vec!["notas.tmp".to_string()]);
}

#[test]
fn half_written_attachments_exports_and_emails_are_removed_at_the_next_open() {
    let store = tempfile::tempdir().unwrap();
    let s = store.path();
    let before = list_json(s);
    // What a process killed mid-write leaves, under the names the desk
    // writes them with.
    let att = s.join("attachments");
    std::fs::write(att.join(".tmp-4242-abcdef"), vec![7u8; 1000]).unwrap();
    let exp = s.join("exportes");
    std::fs::create_dir_all(exp.join(".LOTE-2026-11-27.tmp/fotos")).unwrap();
    std::fs::write(exp.join(".LOTE-2026-11-27.tmp/fotos/a.jpg"), b"x").unwrap();
    std::fs::write(exp.join(".LOTE-2026-11-27.zip.tmp"), b"PK").unwrap();
    let eml = s.join("outbox-eml");
    std::fs::create_dir_all(&eml).unwrap();
    std::fs::write(eml.join(".tmp-4242-T-2026-000001.eml"), b"Subject: x").unwrap();
    // And files that are not the desk's temporary ones: they stay.
    std::fs::write(exp.join("LOTE-2026-11-20.zip"), b"PK").unwrap();
    std::fs::write(eml.join("T-2026-000001.eml"), b"Subject: y").unwrap();
    std::fs::write(att.join("leame.txt"), b"z").unwrap();

    assert_eq!(list_json(s), before);
    assert_eq!(names(&att), vec!["leame.txt".to_string()]);
    assert_eq!(names(&exp), vec!["LOTE-2026-11-20.zip".to_string()]);
    assert_eq!(names(&eml), vec!["T-2026-000001.eml".to_string()]);
}

#[test]
fn audit_verify_on_a_mistyped_path_says_there_is_no_store_and_creates_none() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("almacen-que-no-existe");
    for args in [vec!["audit", "verify"], vec!["audit", "verify", "--json"]] {
        let out = mesa_bare(&typo).args(&args).output().unwrap();
        assert!(!out.status.success(), "{args:?}: {}", stdout_of(&out));
        assert!(!stdout_of(&out).contains("íntegra"), "{}", stdout_of(&out));
        assert!(
            stderr_of(&out).contains("no hay un almacén"),
            "{}",
            stderr_of(&out)
        );
        assert!(!typo.exists(), "{args:?} created the store");
    }
    // A real store still verifies.
    let store = tempfile::tempdir().unwrap();
    let out = mesa(store.path())
        .args(["audit", "verify"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn a_restore_killed_midway_leaves_nothing_once_the_next_restore_runs() {
    let store = tempfile::tempdir().unwrap();
    let copies = tempfile::tempdir().unwrap();
    let file = copies.path().join("copia.zip");
    mesa(store.path())
        .args(["backup", "--out"])
        .arg(&file)
        .assert()
        .success();
    // What a restore into `nuevo` killed midway leaves beside it (the
    // process is gone: no PID that high is running).
    let area = tempfile::tempdir().unwrap();
    let half = area.path().join(".nuevo.restaurando-4194999");
    std::fs::create_dir_all(half.join("attachments")).unwrap();
    std::fs::write(half.join("attachments/foto"), b"datos personales").unwrap();
    // Another target's leftover is not this restore's business.
    let other = area.path().join(".otro.restaurando-4194999");
    std::fs::create_dir_all(&other).unwrap();
    let target = area.path().join("nuevo");
    mesa_bare(&target)
        .env("MESA_PASSWORD", PASSWORD)
        .args(["--as", SUPERVISOR, "restore"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(
        names(area.path()),
        vec![".otro.restaurando-4194999".to_string(), "nuevo".to_string()]
    );
}
