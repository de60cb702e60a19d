//! Proven identity at the command line: `--as` and `MESA_ANALYST` name an
//! analyst, and only their password (`MESA_PASSWORD`, or typed on a
//! terminal) lets the command act as them. The real binary on a real sled
//! store; stdin is never a terminal here, so no prompt can hide a refusal.

mod support;

use std::path::Path;
use std::process::Output;

use support::{ANALYST, Mesa, PASSWORD, SUPERVISOR};

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn names(m: &Mesa) -> Vec<(String, bool)> {
    let v: serde_json::Value = serde_json::from_str(&m.ok(&["analyst", "list", "--json"])).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_string(),
                a["active"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn audit(m: &Mesa) -> Vec<serde_json::Value> {
    serde_json::from_str(&m.ok(&["audit", "--last", "500", "--json"])).unwrap()
}

/// Every byte of every file under `dir`.
fn all_bytes(dir: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(all_bytes(&p));
        } else {
            out.extend(std::fs::read(&p).unwrap());
        }
    }
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn acting_as_the_supervisor_without_the_password_is_refused_with_as() {
    let m = Mesa::new();
    let out = m
        .command(&[
            "--as",
            SUPERVISOR,
            "analyst",
            "add",
            "intruso",
            "--role",
            "supervisor",
        ])
        .env_remove("MESA_ANALYST")
        .env_remove("MESA_PASSWORD")
        .env("MESA_NEW_PASSWORD", "otra-clave-larga")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("MESA_PASSWORD"), "says how to give it: {err}");
    assert!(err.contains("terminal"), "{err}");
    assert!(!names(&m).iter().any(|(n, _)| n == "intruso"));
}

#[test]
fn acting_as_the_supervisor_without_the_password_is_refused_with_the_variable() {
    let m = Mesa::new();
    let out = m
        .command(&["analyst", "add", "intruso", "--role", "supervisor"])
        .env("MESA_ANALYST", SUPERVISOR)
        .env_remove("MESA_PASSWORD")
        .env("MESA_NEW_PASSWORD", "otra-clave-larga")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("MESA_PASSWORD"), "{}", stderr(&out));
    assert!(!names(&m).iter().any(|(n, _)| n == "intruso"));
}

#[test]
fn a_wrong_password_is_refused_without_saying_which_and_is_audited() {
    let m = Mesa::new();
    let wrong = "no-es-la-clave-9";
    let out = m
        .command(&["analyst", "add", "intruso"])
        .env("MESA_PASSWORD", wrong)
        .env("MESA_NEW_PASSWORD", "otra-clave-larga")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("Nombre o contraseña incorrectos"),
        "{}",
        stderr(&out)
    );
    // An unknown name gets the very same answer.
    let unknown = m
        .command(&["--as", "nadie", "list"])
        .env("MESA_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    assert!(stderr(&unknown).contains("Nombre o contraseña incorrectos"));
    assert!(!stderr(&unknown).contains("nadie"), "{}", stderr(&unknown));

    assert!(!names(&m).iter().any(|(n, _)| n == "intruso"));
    let entries = audit(&m);
    let failed: Vec<&serde_json::Value> = entries
        .iter()
        .filter(|e| e["action"] == "sign_in_failed")
        .collect();
    assert_eq!(failed.len(), 2, "{entries:#?}");
    assert!(failed.iter().any(|e| e["by"] == SUPERVISOR));
    assert!(failed.iter().any(|e| e["by"] == "nadie"));
    let text = serde_json::to_string(&entries).unwrap();
    assert!(
        !text.contains(wrong),
        "the password typed is never recorded"
    );
}

#[test]
fn the_store_holds_no_clear_password() {
    let m = Mesa::new();
    let new_one = "Huanuco-Cajamarca-77";
    let changed = "Otra-Clave-Segura-88";
    m.command(&["analyst", "add", "carla"])
        .env("MESA_NEW_PASSWORD", new_one)
        .output()
        .unwrap();
    let out = m
        .command(&["analyst", "password"])
        .env("MESA_NEW_PASSWORD", changed)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = all_bytes(&m.store());
    assert!(!bytes.is_empty());
    for p in [PASSWORD, new_one, changed] {
        assert!(
            !contains(&bytes, p.as_bytes()),
            "{p} is in the store's files"
        );
    }
    // The new analyst signs in with theirs; the supervisor with the new one.
    m.command(&["--as", "carla", "list"])
        .env("MESA_PASSWORD", new_one)
        .output()
        .map(|o| assert!(o.status.success(), "{}", stderr(&o)))
        .unwrap();
    let old = m.run(&["list"]);
    assert!(!old.status.success(), "the old password no longer works");
    m.command(&["list"])
        .env("MESA_PASSWORD", changed)
        .output()
        .map(|o| assert!(o.status.success(), "{}", stderr(&o)))
        .unwrap();
}

#[test]
fn the_audit_shows_the_operating_system_user() {
    let m = Mesa::new();
    m.ok(&["analyst", "disable", ANALYST]);
    // The account this test runs as, from the system's own tool.
    let whoami = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let user = String::from_utf8(whoami.stdout).unwrap().trim().to_string();
    assert!(!user.is_empty());
    let entries = audit(&m);
    let disable = entries
        .iter()
        .find(|e| e["action"] == "analyst_disable")
        .unwrap();
    assert_eq!(disable["os_user"], user.as_str());
    let text = m.ok(&["audit"]);
    let line = text
        .lines()
        .find(|l| l.contains(ANALYST) && l.contains("baja"))
        .unwrap();
    assert!(line.contains(&format!("[sistema: {user}]")), "{line}");
    // The account is part of each entry's hash: the chain still verifies.
    assert!(m.run(&["audit", "verify"]).status.success());
}

#[test]
fn a_disabled_analyst_with_the_right_password_is_refused() {
    let m = Mesa::new();
    m.ok(&["--as", ANALYST, "list"]);
    m.ok(&["analyst", "disable", ANALYST]);
    let out = m.run(&["--as", ANALYST, "list"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("desactivad"), "{}", stderr(&out));
}

#[test]
fn re_enabling_needs_the_supervisors_password() {
    let m = Mesa::new();
    m.ok(&["analyst", "disable", ANALYST]);
    // The analyst names the supervisor but gives their own password.
    for password in ["", "no-es-la-clave-9"] {
        let out = m
            .command(&["--as", SUPERVISOR, "analyst", "enable", ANALYST])
            .env("MESA_PASSWORD", password)
            .output()
            .unwrap();
        assert!(!out.status.success());
    }
    assert!(names(&m).contains(&(ANALYST.to_string(), false)));
    m.ok(&["analyst", "enable", ANALYST]);
    assert!(names(&m).contains(&(ANALYST.to_string(), true)));
}

#[test]
fn init_takes_a_password_that_meets_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("nuevo");
    let init = |password: Option<&str>| {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_mesa"));
        c.args(["init", "--supervisor", "ana"])
            .env("MESA_STORE", &store)
            .env("MESA_NOW", support::NOW)
            .env_remove("MESA_ANALYST")
            .env_remove("MESA_PASSWORD")
            .env_remove("MESA_CONFIG");
        if let Some(p) = password {
            c.env("MESA_PASSWORD", p);
        }
        c.output().unwrap()
    };
    let none = init(None);
    assert!(!none.status.success());
    assert!(stderr(&none).contains("MESA_PASSWORD"), "{}", stderr(&none));
    let short = init(Some("corta"));
    assert!(stderr(&short).contains("al menos 10"), "{}", stderr(&short));
    let named = init(Some("ana-ana-ana-2026"));
    assert!(stderr(&named).contains("nombre"), "{}", stderr(&named));
    assert!(!named.status.success());
    let ok = init(Some("Cajamarca-2026!"));
    assert!(ok.status.success(), "{}", stderr(&ok));

    let as_ana = |p: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_mesa"))
            .args(["--as", "ana", "analyst", "list"])
            .env("MESA_STORE", &store)
            .env("MESA_NOW", support::NOW)
            .env("MESA_PASSWORD", p)
            .env_remove("MESA_CONFIG")
            .output()
            .unwrap()
    };
    assert!(as_ana("Cajamarca-2026!").status.success());
    assert!(!as_ana("corta").status.success());
}

#[test]
fn adding_an_analyst_without_a_password_to_give_is_refused_and_adds_nobody() {
    let m = Mesa::new();
    let out = m
        .command(&["analyst", "add", "carla"])
        .env_remove("MESA_NEW_PASSWORD")
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("MESA_NEW_PASSWORD"),
        "{}",
        stderr(&out)
    );
    assert!(!names(&m).iter().any(|(n, _)| n == "carla"));
}

#[test]
fn a_supervisor_resets_an_analysts_password_and_an_analyst_cannot() {
    let m = Mesa::new();
    let fresh = "Nueva-Clave-Cajamarca-1";
    let refused = m
        .command(&["--as", ANALYST, "analyst", "password", SUPERVISOR])
        .env("MESA_NEW_PASSWORD", fresh)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    // The supervisor's password still works.
    m.ok(&["list"]);
    let out = m
        .command(&["analyst", "password", ANALYST])
        .env("MESA_NEW_PASSWORD", fresh)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!m.run(&["--as", ANALYST, "list"]).status.success());
    let beto = m
        .command(&["--as", ANALYST, "list"])
        .env("MESA_PASSWORD", fresh)
        .output()
        .unwrap();
    assert!(beto.status.success(), "{}", stderr(&beto));
    let entries = audit(&m);
    let reset = entries
        .iter()
        .find(|e| e["action"] == "password_reset")
        .unwrap();
    assert_eq!(reset["by"], SUPERVISOR);
    assert_eq!(reset["subject"], ANALYST);
    assert!(!serde_json::to_string(&entries).unwrap().contains(fresh));
}

#[test]
fn restoring_a_copy_needs_the_password_its_supervisor_has_in_it() {
    let m = Mesa::new();
    let file = m.dir.path().join("copia.zip");
    m.ok(&["backup", "--out", &file.display().to_string()]);
    let target = m.dir.path().join("restaurado");
    let restore = |password: &str| {
        m.command(&["restore", &file.display().to_string()])
            .env("MESA_STORE", &target)
            .env("MESA_PASSWORD", password)
            .output()
            .unwrap()
    };
    let wrong = restore("no-es-la-clave-9");
    assert!(!wrong.status.success());
    assert!(
        stderr(&wrong).contains("Nombre o contraseña incorrectos"),
        "{}",
        stderr(&wrong)
    );
    assert!(!target.exists(), "nothing is left where the store would go");
    let right = restore(PASSWORD);
    assert!(right.status.success(), "{}", stderr(&right));
    assert!(target.join("db").exists());
}

#[test]
fn the_demo_prints_its_staffs_password_and_it_works() {
    let m = Mesa::new();
    let demo = m.dir.path().join("demo");
    let run = |args: &[&str], password: &str| {
        m.command(args)
            .env("MESA_STORE", &demo)
            .env("MESA_PASSWORD", password)
            .output()
            .unwrap()
    };
    let out = run(&["demo", "--tickets", "5"], "");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("Contraseña de demostración"))
        .unwrap_or_else(|| panic!("{text}"));
    let password = line.rsplit(": ").next().unwrap().trim();
    assert!(
        line.contains("supervisor") && line.contains("mvasquez"),
        "{line}"
    );
    assert!(
        run(&["--as", "mvasquez", "list"], password)
            .status
            .success()
    );
    assert!(
        !run(&["--as", "mvasquez", "list"], PASSWORD)
            .status
            .success()
    );
}
