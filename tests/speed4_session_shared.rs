//! The lasting command-line sign-in on the shared PostgreSQL store (a
//! throwaway cluster on loopback, see `pg`): the session's record lives in
//! the database through the store seam, the second command needs no
//! password, and a new password revokes it.

mod pg;
mod support;

use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2026-11-23T09:00:00-05:00";

fn mesa(store: &str, home: &Path, password: bool, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mesa"));
    c.args(args)
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("XDG_RUNTIME_DIR")
        .env_remove("MESA_CONFIG")
        .env_remove("MESA_SMTP_HOST")
        .env_remove("MESA_PASSWORD");
    if password {
        c.env("MESA_PASSWORD", mesa::demo::PASSWORD);
    }
    c.output().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_session_on_the_shared_store_spares_the_password_until_it_changes() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let store = cluster.database("sesiones");
    let o = mesa(&store, home.path(), true, &["demo", "--tickets", "5"]);
    assert!(o.status.success(), "{}", err(&o));
    let without = mesa(&store, home.path(), false, &["list", "--json"]);
    assert!(!without.status.success(), "no session yet, no password");
    let o = mesa(&store, home.path(), true, &["entrar"]);
    assert!(o.status.success(), "{}", err(&o));
    // The database holds the session's record (the token's digest), not
    // the token.
    let rows = cluster.psql(
        "sesiones",
        "SELECT count(*) FROM mesa_tree WHERE tree = 'cli_sessions'",
    );
    assert_eq!(rows.trim(), "1", "{rows}");
    let o = mesa(&store, home.path(), false, &["list", "--json"]);
    assert!(o.status.success(), "{}", err(&o));
    let listed: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 5);
    // A new password (given the old one) revokes it.
    let mut c = Command::new(env!("CARGO_BIN_EXE_mesa"));
    let o = c
        .args(["analyst", "password"])
        .env("MESA_STORE", &store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .env("MESA_NEW_PASSWORD", "Otra-Clave-Segura-88")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("XDG_RUNTIME_DIR")
        .env_remove("MESA_CONFIG")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", err(&o));
    let o = mesa(&store, home.path(), false, &["list", "--json"]);
    assert!(!o.status.success());
    assert!(err(&o).contains("La contraseña cambió"), "{}", err(&o));
}
