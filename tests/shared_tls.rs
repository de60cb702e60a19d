//! TLS to the shared store with libpq's sslmode meanings, against a
//! server that offers TLS with a certificate of its own authority and
//! refuses the login `tls_only` without TLS (see `pg::tls_cluster`): a
//! command that works as `tls_only` went over TLS.

mod pg;

use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2026-11-23T09:00:00-05:00";

fn mesa(address: &str, home: &Path, root: Option<&Path>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mesa"));
    c.args(args)
        .env("MESA_STORE", address)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("PGSSLROOTCERT")
        .env_remove("PGSSLMODE")
        .env_remove("MESA_CONFIG");
    if let Some(root) = root {
        c.env("PGSSLROOTCERT", root);
    }
    c.output().unwrap()
}

#[test]
fn the_shared_store_goes_over_tls_as_libpq_s_sslmode_says() {
    let Some(cluster) = pg::tls_cluster() else {
        return;
    };
    cluster.database("cifrada");
    cluster.psql("postgres", "CREATE ROLE tls_only LOGIN SUPERUSER");
    let home = tempfile::tempdir().unwrap();
    let ca = cluster.ca.as_deref().unwrap();
    let at = |mode: &str| {
        format!(
            "postgres://tls_only@127.0.0.1:{}/cifrada?sslmode={mode}",
            cluster.port
        )
    };

    // require: encrypted, the certificate not checked (libpq's meaning).
    let out = mesa(
        &at("require"),
        home.path(),
        None,
        &["demo", "--tickets", "5"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // prefer (the default): TLS since the server offers it.
    let plain = format!("postgres://tls_only@127.0.0.1:{}/cifrada", cluster.port);
    let out = mesa(&plain, home.path(), None, &["list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // verify-full with the authority: checked, and works.
    let out = mesa(&at("verify-full"), home.path(), Some(ca), &["list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // verify-full without it: the public roots do not know this server.
    let out = mesa(&at("verify-full"), home.path(), None, &["list"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("certificado del servidor no es de confianza"),
        "{err}"
    );
    // disable: the server's rule refuses this login without TLS.
    let out = mesa(&at("disable"), home.path(), None, &["list"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no admite esta conexión"), "{err}");
    // An sslmode libpq does not know is named.
    let out = mesa(&at("siempre"), home.path(), None, &["list"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sslmode «siempre» no es válido"));
}
