//! Personal data stays private whatever the umask, and a store rolled back
//! behind the supervisor's back does not pass for intact.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use support::{Mesa, SUPERVISOR, one, seed_store};

/// What the demo's staff sign in with (harmless where no password is asked).
const DEMO_PASSWORD: &str = "mesa-demo-2026";

/// The binary run from a shell whose umask lets everyone read everything,
/// with `mesa_env`'s variables.
fn under_umask(umask: &str, store: &Path, args: &[&str]) -> Output {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("umask {umask}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_mesa"))
        .args(args)
        .env("MESA_STORE", store)
        .env("MESA_NOW", support::NOW)
        .env("MESA_ANALYST", SUPERVISOR)
        .env("MESA_PASSWORD", DEMO_PASSWORD)
        .env_remove("MESA_CONFIG")
        .env_remove("MESA_SMTP_HOST");
    c.output().unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file and folder under `dir` (itself included) that another user
/// of the machine could read, write or enter.
fn loose(dir: &Path) -> Vec<(PathBuf, u32)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(p) = stack.pop() {
        let meta = std::fs::symlink_metadata(&p).unwrap();
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            found.push((p.clone(), mode));
        }
        if meta.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
        }
    }
    found
}

#[test]
fn everything_the_desk_writes_is_private_whatever_the_umask() {
    for umask in ["000", "022"] {
        let tmp = tempfile::tempdir().unwrap();
        let store = tmp.path().join("store");
        ok(under_umask(umask, &store, &["demo", "--tickets", "60"]));
        // The mail the demo queued, delivered as .eml files in the store.
        ok(under_umask(umask, &store, &["mail", "flush"]));
        let backup = tmp.path().join("copias/copia.zip");
        std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
        std::fs::set_permissions(
            backup.parent().unwrap(),
            std::fs::Permissions::from_mode(0o700),
        )
        .unwrap();
        ok(under_umask(
            umask,
            &store,
            &["backup", "--out", backup.to_str().unwrap()],
        ));
        let export = tmp.path().join("envio");
        let batches = ok(under_umask(umask, &store, &["batch", "list", "--json"]));
        let batches: serde_json::Value = serde_json::from_str(&batches).unwrap();
        let id = batches["sealed"][0]["id"]
            .as_str()
            .expect("the demo has sealed batches")
            .to_string();
        ok(under_umask(
            umask,
            &store,
            &["batch", "export", &id, "--out", export.to_str().unwrap()],
        ));
        assert!(export.exists(), "the export was written");
        let mut exposed = loose(&store);
        exposed.extend(loose(&backup));
        exposed.extend(loose(&export));
        assert!(exposed.is_empty(), "umask {umask}: {exposed:?}");
        assert!(
            std::fs::read_dir(store.join("outbox-eml")).is_ok_and(|d| d.count() > 0),
            "the flush wrote .eml files to check"
        );
    }
}

#[test]
fn a_store_others_can_read_is_named_at_open() {
    let m = Mesa::new();
    seed_store(
        &m.store(),
        &[one("Ana Quispe Soto", "aquispe@regioncajamarca.gob.pe")],
    );
    std::fs::set_permissions(m.store(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = m.run(&["list"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("otros usuarios de este equipo pueden leer")
            && err.contains("chmod -R go-rwx"),
        "{err}"
    );
    std::fs::set_permissions(m.store(), std::fs::Permissions::from_mode(0o700)).unwrap();
    for e in std::fs::read_dir(m.store().join("db")).unwrap() {
        let p = e.unwrap().path();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    for e in std::fs::read_dir(m.store()).unwrap() {
        let p = e.unwrap().path();
        let mode = if p.is_dir() { 0o700 } else { 0o600 };
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    }
    let out = m.run(&["list"]);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("pueden leer"),
        "a private store is not warned about"
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// The attack of the report: an older `db/` copied into place and
/// `audit.head` deleted. The chain alone is consistent, so the witness's
/// absence is what must be reported; a head written down earlier proves
/// what was lost; writes wait for the supervisor.
#[test]
fn a_rolled_back_store_without_its_witness_is_not_called_intact() {
    let m = Mesa::new();
    let ids = seed_store(
        &m.store(),
        &[one("Ana Quispe Soto", "aquispe@regioncajamarca.gob.pe")],
    );
    m.ok(&["take", &ids[0]]);
    let old_db = m.dir.path().join("db-old");
    copy_dir(&m.store().join("db"), &old_db);

    m.ok(&["schedule", &ids[0]]);
    let head = m.ok(&["audit", "head"]);
    let written_down = head
        .split_whitespace()
        .skip_while(|w| *w != "--head")
        .nth(1)
        .map(|w| w.trim_end_matches('»').to_string())
        .expect("audit head prints the N:HASH to write down");
    m.ok(&["audit", "verify", "--head", &written_down]);

    std::fs::remove_dir_all(m.store().join("db")).unwrap();
    copy_dir(&old_db, &m.store().join("db"));
    std::fs::remove_file(m.store().join("audit.head")).unwrap();

    let out = m.run(&["audit", "verify"]);
    let said =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{said}");
    assert!(!said.contains("íntegra"), "{said}");
    assert!(said.contains("audit.head"), "{said}");

    let out = m.run(&["audit", "verify", "--head", &written_down]);
    assert!(!out.status.success());
    let before = m.ok(&["show", &ids[0], "--json"]);
    assert!(
        before.contains("en_atencion"),
        "the rolled-back state: {before}"
    );

    // Nothing is written (the witness is not recreated) until accepted.
    let out = m.run(&["observe", &ids[0], "--reason", "foto borrosa"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("mesa audit head --accept"));
    assert!(!m.store().join("audit.head").exists());
    assert_eq!(m.ok(&["show", &ids[0], "--json"]), before);

    // The supervisor accepts the chain as it is: recorded, work goes on.
    let mut analyst = m.command(&["audit", "head", "--accept"]);
    analyst.env("MESA_ANALYST", support::ANALYST);
    assert!(
        !analyst.output().unwrap().status.success(),
        "an analyst may not"
    );
    m.ok(&["audit", "head", "--accept"]);
    assert!(m.store().join("audit.head").exists());
    m.ok(&["observe", &ids[0], "--reason", "foto borrosa"]);
    let audit = m.ok(&["audit"]);
    assert!(audit.contains("testigo aceptado"), "{audit}");
    assert!(m.ok(&["audit", "verify"]).contains("íntegra"));
}

/// A witness that names a hash the chain does not hold at that entry (the
/// chain was rewritten from there on, or the witness forged) is reported
/// with both values, so the supervisor can compare with what they wrote down.
#[test]
fn a_witness_that_does_not_match_the_chain_is_reported_with_both_values() {
    let m = Mesa::new();
    let ids = seed_store(
        &m.store(),
        &[one("Ana Quispe Soto", "aquispe@regioncajamarca.gob.pe")],
    );
    m.ok(&["take", &ids[0]]);
    let file = m.store().join("audit.head");
    let mut witness: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    let real = witness["hash"].as_str().unwrap().to_string();
    let seq = witness["seq"].as_u64().unwrap();
    let forged: String = real
        .chars()
        .map(|c| if c == '0' { '1' } else { '0' })
        .collect();
    witness["hash"] = serde_json::Value::String(forged.clone());
    std::fs::write(&file, serde_json::to_vec(&witness).unwrap()).unwrap();

    let out = m.run(&["audit", "verify"]);
    let said =
        String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{said}");
    assert!(!said.contains("íntegra"), "{said}");
    assert!(said.contains(&format!("{seq}")), "{said}");
    assert!(said.contains(&real), "the chain's hash: {said}");
    assert!(said.contains(&forged), "the witness's hash: {said}");
}
