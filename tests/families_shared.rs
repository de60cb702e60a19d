//! The families' requests on the shared store (PostgreSQL on loopback, a
//! throwaway cluster, see `pg`): the same commands give the same answers
//! as on the embedded store, and the records are in the database.

mod pg;
mod support;

use std::path::Path;
use std::process::Command;

const NOW: &str = "2026-11-23T09:00:00-05:00";

fn ok(store: &str, home: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_mesa"))
        .args(args)
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", "rosa")
        .env("MESA_PASSWORD", "clave-de-la-jefa-2026")
        .env("MESA_NEW_PASSWORD", "clave-de-la-jefa-2026")
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("MESA_CONFIG")
        .env_remove("MESA_SMTP_HOST")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "mesa {args:?} on {store} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// One request of each family on `store`, worked a little; what an
/// analyst reads back.
fn a_day(store: &str, home: &Path) -> Vec<String> {
    ok(store, home, &["init", "--supervisor", "rosa"]);
    let doc = home.join("recibo.pdf");
    std::fs::write(&doc, b"%PDF-1.4\nrecibo\n%%EOF\n").unwrap();
    let doc = format!("recibo={}", doc.display());
    ok(
        store,
        home,
        &[
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
            &doc,
        ],
    );
    ok(
        store,
        home,
        &[
            "request",
            "new",
            "--family",
            "claves-acceso",
            "--type",
            "clave-nueva",
            "--field",
            "dni=41234567",
            "--field",
            "nombres=Rosa Quispe",
            "--field",
            "cargo=Jefa",
            "--field",
            "unidad=Prensa",
            "--field",
            "correo=rquispe@regionjunin.gob.pe",
            "--field",
            "servicio=Síntesis",
        ],
    );
    ok(
        store,
        home,
        &[
            "request",
            "advance",
            "S-2026-000001",
            "--sent",
            "verificado",
        ],
    );
    ok(
        store,
        home,
        &["request", "advance", "S-2026-000002", "--sent", "turnada"],
    );
    vec![
        ok(store, home, &["request", "list"]),
        ok(store, home, &["request", "show", "S-2026-000001"]),
        ok(store, home, &["request", "show", "S-2026-000002"]),
    ]
}

#[test]
fn requests_read_the_same_on_both_stores() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("store");
    let embedded = a_day(folder.to_str().unwrap(), home.path());
    let shared = a_day(&cluster.database("families"), home.path());
    assert_eq!(embedded, shared);
    let rows = cluster.psql(
        "families",
        "SELECT count(*) FROM mesa_tree WHERE tree = 'requests'",
    );
    assert_eq!(rows.trim(), "2");
}
