//! The command line's lasting sign-in (issue 15): `mesa entrar` checks the
//! password once, later commands without `MESA_PASSWORD` run on the
//! session, and every way it must end sends them back to the password with
//! a Spanish reason. The real binary on a sled store on disk.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::{Command, Output};

use support::{ANALYST, Mesa, PASSWORD, SUPERVISOR};

const T0: &str = "2026-11-23T09:00:00-05:00";

/// The binary on `m`'s store at `now`, with no password given and no
/// runtime folder (the session lives in the store's folder).
fn bare(m: &Mesa, now: &str, args: &[&str]) -> Command {
    let mut c = m.command(args);
    c.env_remove("MESA_PASSWORD")
        .env_remove("XDG_RUNTIME_DIR")
        .env("MESA_NOW", now);
    c
}

fn run(mut c: Command) -> Output {
    c.output().unwrap()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `mesa entrar` as `who` at `now`, with the password.
fn sign_in(m: &Mesa, who: &str, now: &str) {
    let mut c = bare(m, now, &["--as", who, "entrar"]);
    c.env("MESA_PASSWORD", PASSWORD);
    let o = run(c);
    assert!(o.status.success(), "{}", err(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Sesión abierta"));
}

/// A command that needs the analyst: `mesa list`.
fn list(m: &Mesa, who: &str, now: &str) -> Output {
    run(bare(m, now, &["--as", who, "list", "--json"]))
}

/// The password was asked for (no terminal here, so refused saying so).
fn asks_password(o: &Output) {
    assert!(!o.status.success(), "ran without a password");
    assert!(err(o).contains("MESA_PASSWORD"), "{}", err(o));
}

fn session_files(m: &Mesa) -> Vec<PathBuf> {
    let dir = m.store().join("sessions");
    std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn audit_actions(m: &Mesa) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(&m.ok(&["audit", "--last", "100000", "--json"])).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn after_signing_in_once_the_next_commands_need_no_password() {
    let m = Mesa::new();
    m.ok(&["list"]);
    asks_password(&list(&m, SUPERVISOR, T0));
    sign_in(&m, SUPERVISOR, T0);
    for at in [T0, "2026-11-23T09:05:00-05:00", "2026-11-23T09:18:00-05:00"] {
        let o = list(&m, SUPERVISOR, at);
        assert!(o.status.success(), "at {at}: {}", err(&o));
    }
    // Opening is audited once; its uses are not.
    let opened = audit_actions(&m)
        .iter()
        .filter(|a| *a == "cli_session")
        .count();
    assert_eq!(opened, 1);
    // The store keeps no token: the file's token is nowhere in its files.
    let file = &session_files(&m)[0];
    let token = std::fs::read_to_string(file).unwrap();
    let token = token.lines().nth(1).unwrap().to_string();
    assert_eq!(token.len(), 64);
    let mut db = Vec::new();
    for e in walk(&m.store().join("db")) {
        db.extend(std::fs::read(e).unwrap());
    }
    assert!(!db.windows(64).any(|w| w == token.as_bytes()));
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn fifteen_idle_minutes_end_the_session() {
    let m = Mesa::new();
    sign_in(&m, SUPERVISOR, T0);
    let o = list(&m, SUPERVISOR, "2026-11-23T09:15:00-05:00");
    asks_password(&o);
    assert!(err(&o).contains("15 minutos sin usar"), "{}", err(&o));
    // Once refused, it stays refused.
    asks_password(&list(&m, SUPERVISOR, "2026-11-23T09:15:01-05:00"));
}

#[test]
fn the_session_never_outlasts_the_working_day() {
    let m = Mesa::new();
    sign_in(&m, SUPERVISOR, "2026-11-23T21:55:00-05:00");
    let o = list(&m, SUPERVISOR, "2026-11-23T21:59:00-05:00");
    assert!(o.status.success(), "{}", err(&o));
    let o = list(&m, SUPERVISOR, "2026-11-23T22:01:00-05:00");
    asks_password(&o);
    assert!(err(&o).contains("fin de la jornada"), "{}", err(&o));
}

#[test]
fn a_new_password_revokes_the_session() {
    let m = Mesa::new();
    sign_in(&m, SUPERVISOR, T0);
    let mut c = m.command(&["analyst", "password"]);
    c.env("MESA_NEW_PASSWORD", "Otra-Clave-Segura-88")
        .env_remove("XDG_RUNTIME_DIR")
        .env("MESA_NOW", T0);
    let o = run(c);
    assert!(o.status.success(), "{}", err(&o));
    let o = list(&m, SUPERVISOR, T0);
    asks_password(&o);
    assert!(err(&o).contains("La contraseña cambió"), "{}", err(&o));
}

#[test]
fn a_reset_or_disabled_analyst_loses_the_session() {
    let m = Mesa::new();
    sign_in(&m, ANALYST, T0);
    assert!(list(&m, ANALYST, T0).status.success());
    m.ok(&["analyst", "disable", ANALYST]);
    let o = list(&m, ANALYST, T0);
    assert!(!o.status.success());
    assert!(err(&o).contains("no está activo"), "{}", err(&o));
}

#[test]
fn a_tampered_or_exposed_file_is_not_trusted() {
    let m = Mesa::new();
    sign_in(&m, SUPERVISOR, T0);
    let file = session_files(&m)[0].clone();
    let text = std::fs::read_to_string(&file).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let last = lines[1].pop().unwrap();
    lines[1].push(if last == '0' { '1' } else { '0' });
    std::fs::write(&file, lines.join("\n")).unwrap();
    let o = list(&m, SUPERVISOR, T0);
    asks_password(&o);
    assert!(err(&o).contains("no es válida"), "{}", err(&o));

    sign_in(&m, SUPERVISOR, T0);
    let file = session_files(&m)[0].clone();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let o = list(&m, SUPERVISOR, T0);
    asks_password(&o);
    assert!(err(&o).contains("no era privado"), "{}", err(&o));
    assert!(!file.exists());
}

#[test]
fn another_analysts_session_is_ignored() {
    let m = Mesa::new();
    sign_in(&m, SUPERVISOR, T0);
    let o = list(&m, ANALYST, T0);
    asks_password(&o);
    assert!(err(&o).contains("otro analista"), "{}", err(&o));
    // The supervisor's own session is untouched.
    assert!(list(&m, SUPERVISOR, T0).status.success());
}

#[test]
fn another_stores_session_is_not_found_there() {
    let a = Mesa::new();
    let b = Mesa::new();
    b.ok(&["list"]);
    sign_in(&a, SUPERVISOR, T0);
    let run_dir = tempfile::tempdir().unwrap();
    // Even in one runtime folder, each store has its own file.
    for m in [&a, &b] {
        let mut c = bare(m, T0, &["entrar"]);
        c.env("MESA_PASSWORD", PASSWORD)
            .env("XDG_RUNTIME_DIR", run_dir.path());
        assert!(run(c).status.success());
    }
    let files = std::fs::read_dir(run_dir.path().join("mesa"))
        .unwrap()
        .count();
    assert_eq!(files, 2);
    let mut c = bare(&b, T0, &["list"]);
    c.env("XDG_RUNTIME_DIR", run_dir.path());
    assert!(run(c).status.success());
    // a's token copied over b's file is not a session of b.
    let names: Vec<PathBuf> = std::fs::read_dir(run_dir.path().join("mesa"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let (fa, fb) = (&names[0], &names[1]);
    std::fs::copy(fa, fb).unwrap();
    for m in [&a, &b] {
        let mut c = bare(m, T0, &["list"]);
        c.env("XDG_RUNTIME_DIR", run_dir.path());
        let o = run(c);
        if !o.status.success() {
            assert!(err(&o).contains("no es válida"), "{}", err(&o));
            return;
        }
    }
    panic!("a token copied to another store's file was accepted by both");
}

#[test]
fn files_are_private_whatever_the_umask() {
    let m = Mesa::new();
    m.ok(&["list"]);
    let run_dir = tempfile::tempdir().unwrap();
    for xdg in [None, Some(run_dir.path())] {
        let mut c = Command::new("sh");
        c.args([
            "-c",
            "umask 000; exec \"$0\" entrar",
            env!("CARGO_BIN_EXE_mesa"),
        ]);
        let base = m.command(&[]);
        for (k, v) in base.get_envs() {
            match v {
                Some(v) => c.env(k, v),
                None => c.env_remove(k),
            };
        }
        c.env("MESA_NOW", T0).env_remove("XDG_RUNTIME_DIR");
        if let Some(x) = xdg {
            c.env("XDG_RUNTIME_DIR", x);
        }
        let o = c.output().unwrap();
        assert!(o.status.success(), "{}", err(&o));
        let dir = match xdg {
            Some(x) => x.join("mesa"),
            None => m.store().join("sessions"),
        };
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir), 0o700);
        let files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1);
        assert_eq!(mode(&files[0]), 0o600);
    }
}

#[test]
fn salir_ends_the_session() {
    let m = Mesa::new();
    sign_in(&m, SUPERVISOR, T0);
    let o = run(bare(&m, T0, &["salir"]));
    assert!(o.status.success(), "{}", err(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Sesión cerrada"));
    assert!(session_files(&m).is_empty());
    asks_password(&list(&m, SUPERVISOR, T0));
    let o = run(bare(&m, T0, &["logout"]));
    assert!(String::from_utf8_lossy(&o.stdout).contains("No había una sesión"));
}
