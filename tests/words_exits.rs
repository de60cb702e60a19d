//! How commands end when the reader goes away, and where they refuse to
//! work: a closed pipe is a quiet exit, a missing store is named (and
//! nothing is created), a path inside a store is refused.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::{NOW, PASSWORD, SUPERVISOR, imported, mesa, mesa_bare, stderr_of, stdout_of};

/// Runs `mesa args` on `store` with its standard output already closed by
/// the reader (what `| head -1` does once it has its line): returns the
/// exit status and what it wrote on standard error.
fn with_closed_stdout(store: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_mesa"));
    cmd.args(args)
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", SUPERVISOR)
        .env("MESA_PASSWORD", PASSWORD)
        .env_remove("MESA_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    // The reader is gone before the first line is written.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    (out.status.code(), stderr_of(&out))
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let (store, _sample) = imported();
    let s = store.path();
    let before = common::list_json(s);
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", "T-2026-000001"],
        vec!["show", "T-2026-000001", "--json"],
        vec!["report"],
        vec!["audit"],
        vec!["analyst", "list"],
        vec!["batch", "list"],
        vec!["mail", "list"],
        vec!["dispatch-date", "--now", "2026-11-23T09:00:00-05:00"],
        vec!["--help"],
    ] {
        let (code, err) = with_closed_stdout(s, &args);
        assert!(
            !err.contains("panicked") && !err.contains("backtrace") && !err.contains("Broken pipe"),
            "mesa {args:?} on a closed pipe wrote:\n{err}"
        );
        assert_eq!(code, Some(0), "mesa {args:?}: {err}");
    }
    // The store is as it was, and its audit chain holds.
    assert_eq!(common::list_json(s), before);
    mesa(s).args(["audit", "verify"]).assert().success();
}

#[test]
fn a_shell_pipeline_into_head_succeeds_without_noise() {
    let (store, _sample) = imported();
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' list | head -1 && '{}' show T-2026-000001 | head -1",
            env!("CARGO_BIN_EXE_mesa"),
            env!("CARGO_BIN_EXE_mesa")
        ))
        .env("MESA_STORE", store.path())
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", SUPERVISOR)
        .env("MESA_PASSWORD", PASSWORD)
        .env_remove("MESA_CONFIG")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(!stderr_of(&out).contains("panicked"), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out).lines().count(), 2, "{}", stdout_of(&out));
}

/// Every file and directory under `dir`, to compare before and after.
fn tree(dir: &Path) -> Vec<String> {
    let mut all = vec![];
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            all.push(e.path().display().to_string());
            all.extend(tree(&e.path()));
        }
    }
    all.sort();
    all
}

#[test]
fn a_mistyped_store_is_named_with_how_to_create_one_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("almacen-mal-escrito");
    for args in [
        vec!["list"],
        vec!["show", "T-2026-000001"],
        vec!["take", "T-2026-000001"],
        vec!["batch", "list"],
        vec!["mail", "list"],
        vec!["report"],
        vec!["audit", "verify"],
        vec!["analyst", "list"],
    ] {
        let out = mesa_bare(&typo)
            .env("MESA_ANALYST", SUPERVISOR)
            .env("MESA_PASSWORD", PASSWORD)
            .args(&args)
            .output()
            .unwrap();
        assert!(!out.status.success(), "mesa {args:?}");
        let err = stderr_of(&out);
        assert!(
            err.contains(&format!("no hay un almacén en {}", typo.display()))
                && err.contains("mesa init --supervisor NOMBRE"),
            "mesa {args:?}: {err}"
        );
        assert!(!typo.exists(), "mesa {args:?} created {}", typo.display());
    }
}

#[test]
fn init_and_demo_create_a_store_and_say_where() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("nuevo");
    let out = mesa_bare(&new)
        .env("MESA_PASSWORD", PASSWORD)
        .args(["init", "--supervisor", "ana"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains(&format!("Se creó un almacén nuevo en {}", new.display())),
        "{}",
        stdout_of(&out)
    );
    let demo = dir.path().join("demo");
    let out = mesa_bare(&demo)
        .args(["demo", "--tickets", "5"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stdout_of(&out).contains(&format!("Se creó un almacén nuevo en {}", demo.display())),
        "{}",
        stdout_of(&out)
    );
    // On a store that exists, init says nothing about creating one.
    let again = mesa_bare(&new)
        .env("MESA_PASSWORD", PASSWORD)
        .args(["init", "--supervisor", "beto"])
        .output()
        .unwrap();
    assert!(
        !stdout_of(&again).contains("Se creó"),
        "{}",
        stdout_of(&again)
    );
}

#[test]
fn a_path_inside_a_store_is_refused_and_the_store_is_untouched() {
    let (store, _sample) = imported();
    let s = store.path();
    let before = tree(s);
    for inner in [s.join("db"), s.join("attachments"), s.join("db").join("x")] {
        for args in [
            vec!["list"],
            vec!["init", "--supervisor", "ana"],
            vec!["demo"],
        ] {
            let out = mesa_bare(&inner)
                .env("MESA_ANALYST", SUPERVISOR)
                .env("MESA_PASSWORD", PASSWORD)
                .args(&args)
                .output()
                .unwrap();
            assert!(
                !out.status.success(),
                "mesa {args:?} on {}",
                inner.display()
            );
            assert!(
                stderr_of(&out).contains("está dentro del almacén"),
                "mesa {args:?} on {}: {}",
                inner.display(),
                stderr_of(&out)
            );
        }
    }
    assert_eq!(tree(s), before);
    // Nor can a backup be restored into one.
    let copy = tempfile::tempdir().unwrap();
    let file = copy.path().join("copia.zip");
    mesa(s)
        .arg("backup")
        .arg("--out")
        .arg(&file)
        .assert()
        .success();
    let before = tree(s);
    let out = mesa_bare(&s.join("attachments").join("rescate"))
        .env("MESA_ANALYST", SUPERVISOR)
        .env("MESA_PASSWORD", PASSWORD)
        .arg("restore")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("está dentro del almacén"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(tree(s), before);
}

#[test]
fn the_console_without_a_terminal_says_so_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("nuevo");
    // No command: the console, but standard input and output are pipes.
    let out = mesa_bare(&new).output().unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("la consola necesita una terminal") && err.contains("mesa --help"),
        "{err}"
    );
    assert!(
        !err.contains("os error") && !err.contains("código del sistema"),
        "{err}"
    );
    assert!(!new.exists(), "nothing is created without a terminal");
}
