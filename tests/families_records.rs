//! The families' requests are records like tickets: a backup holds them
//! and their documents, a restore brings them back whole, and a purge of
//! old tickets keeps every document a request uses.

mod support;

use std::process::Command;

use support::{Mesa, PASSWORD, SUPERVISOR};

fn register(m: &Mesa) -> (String, String) {
    let doc = m.dir.path().join("recibo.pdf");
    std::fs::write(&doc, b"%PDF-1.4\nrecibo pagado\n%%EOF\n").unwrap();
    let out = m.ok(&[
        "request",
        "new",
        "--family",
        "convenio-reniec",
        "--type",
        "reactivacion",
        "--field",
        "institucion=Municipalidad de Tarma",
        "--field",
        "fecha-pago=2026-11-20",
        "--document",
        &format!("recibo={}", doc.display()),
    ]);
    assert!(out.contains("S-2026-000001"), "{out}");
    m.ok(&[
        "request",
        "advance",
        "S-2026-000001",
        "--sent",
        "datos verificados",
    ]);
    let sha = mesa::media::sha256_hex(&std::fs::read(&doc).unwrap());
    (m.ok(&["request", "show", "S-2026-000001"]), sha)
}

#[test]
fn a_backup_restored_elsewhere_has_the_requests_and_their_documents() {
    let m = Mesa::new();
    let (shown, sha) = register(&m);
    let file = m.dir.path().join("copia.zip");
    m.ok(&["backup", "--out", file.to_str().unwrap()]);

    let target = m.dir.path().join("restaurado");
    let out = Command::new(env!("CARGO_BIN_EXE_mesa"))
        .args(["--as", SUPERVISOR, "restore"])
        .arg(&file)
        .env("MESA_STORE", &target)
        .env("MESA_NOW", &m.now)
        .env("MESA_PASSWORD", PASSWORD)
        .env_remove("MESA_CONFIG")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = Command::new(env!("CARGO_BIN_EXE_mesa"))
        .args(["--as", SUPERVISOR, "request", "show", "S-2026-000001"])
        .env("MESA_STORE", &target)
        .env("MESA_NOW", &m.now)
        .env("MESA_PASSWORD", PASSWORD)
        .env_remove("MESA_CONFIG")
        .output()
        .unwrap();
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&again.stdout), shown);
    assert!(target.join("attachments").join(&sha).exists());
}

#[test]
fn a_purge_keeps_the_documents_of_requests() {
    let mut m = Mesa::new();
    // A withdrawn ticket older than the retention, so the purge runs.
    let ids = support::seed_store(
        &m.store(),
        &[support::one("Ana Paz", "apaz@regionjunin.gob.pe")],
    );
    m.ok(&["withdraw", &ids[0], "--reason", "duplicado"]);
    let (_, sha) = register(&m);
    let file = m.store().join("attachments").join(&sha);
    // The document is older than the five years of the purge.
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(7 * 365 * 86_400);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(old)
        .unwrap();
    m.now = "2032-06-01T10:00:00-05:00".into();
    m.ok(&["purge", "--older-than", "5y", "--yes"]);
    assert!(
        m.run(&["show", &ids[0]]).status.code() != Some(0),
        "the old ticket was purged"
    );
    assert!(file.exists(), "the request's document was purged");
    let shown = m.ok(&["request", "show", "S-2026-000001"]);
    assert!(shown.contains(&sha), "{shown}");
}

#[test]
fn a_purge_removes_requests_closed_before_the_retention_with_their_documents() {
    let mut m = Mesa::new();
    let (_, open_sha) = register(&m);
    // A second request, closed: its receipt is a file of its own.
    let doc = m.dir.path().join("otro.pdf");
    std::fs::write(&doc, b"%PDF-1.4\notro recibo\n%%EOF\n").unwrap();
    m.ok(&[
        "request",
        "new",
        "--family",
        "convenio-reniec",
        "--type",
        "reactivacion",
        "--field",
        "institucion=Municipalidad de Junín",
        "--field",
        "fecha-pago=2026-11-19",
        "--document",
        &format!("recibo={}", doc.display()),
    ]);
    for _ in 0..3 {
        m.ok(&["request", "advance", "S-2026-000002", "--sent", "hecho"]);
    }
    let closed_sha = mesa::media::sha256_hex(&std::fs::read(&doc).unwrap());
    let attachments = m.store().join("attachments");
    assert!(attachments.join(&closed_sha).exists());

    // Four years later: nothing is old enough yet.
    m.now = "2030-11-23T10:00:00-05:00".into();
    let out = m.ok(&["purge", "--older-than", "5y", "--yes"]);
    assert!(!out.contains("S-2026-000002"), "{out}");
    m.ok(&["request", "show", "S-2026-000002"]);

    m.now = "2032-06-01T10:00:00-05:00".into();
    let dry = m.ok(&["purge", "--older-than", "5y", "--dry-run"]);
    assert!(
        dry.contains("Solicitudes cerradas que se depurarían (1): S-2026-000002"),
        "{dry}"
    );
    m.ok(&["request", "show", "S-2026-000002"]);
    let out = m.ok(&["purge", "--older-than", "5y", "--yes"]);
    assert!(
        out.contains("Se depuró 1 solicitud cerrada antes del 01/06/2027"),
        "{out}"
    );
    let gone = m.run(&["request", "show", "S-2026-000002"]);
    assert!(!gone.status.success());
    assert!(
        !attachments.join(&closed_sha).exists(),
        "its document went with it"
    );
    // The open request stays, with its document.
    m.ok(&["request", "show", "S-2026-000001"]);
    assert!(attachments.join(&open_sha).exists());
    let store = mesa::store::Store::open(&m.store()).unwrap();
    assert!(store.audit_verify().unwrap().is_ok());
    let last = store.audit_last(3).unwrap();
    assert!(
        last.iter()
            .any(|e| e.action == "purge" && e.detail.contains("1 solicitud cerrada")),
        "{last:?}"
    );
}

#[test]
fn a_backup_carries_the_store_s_own_family_files() {
    let m = Mesa::new();
    m.ok(&["request", "families"]); // the store exists
    // The desk's own wording of a shipped family, in its procedures folder.
    let shipped = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/procedures/claves-acceso.toml"),
    )
    .unwrap();
    let name_line = shipped
        .lines()
        .find(|l| l.starts_with("name = "))
        .unwrap()
        .to_string();
    let own = shipped.replacen(
        &name_line,
        "name = \"Claves de acceso de la sede Junín\"",
        1,
    );
    let folder = m.store().join("procedures");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("claves-acceso.toml"), &own).unwrap();
    assert!(m.ok(&["request", "families"]).contains("sede Junín"));

    let file = m.dir.path().join("copia.zip");
    m.ok(&["backup", "--out", file.to_str().unwrap()]);
    let target = m.dir.path().join("restaurado");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_mesa"))
            .args(["--as", SUPERVISOR])
            .args(args)
            .env("MESA_STORE", &target)
            .env("MESA_NOW", &m.now)
            .env("MESA_PASSWORD", PASSWORD)
            .env_remove("MESA_CONFIG")
            .output()
            .unwrap()
    };
    let out = run(&["restore", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(target.join("procedures").join("claves-acceso.toml")).unwrap(),
        own
    );
    let families = run(&["request", "families"]);
    assert!(
        String::from_utf8_lossy(&families.stdout).contains("sede Junín"),
        "{}",
        String::from_utf8_lossy(&families.stdout)
    );
}
