//! Analysts and roles from the command line: who may sign in, and every
//! supervisor action refused to an analyst with the reason, the store left
//! as it was.

mod common;

use common::{ANALYST, SUPERVISOR, list_json, mesa, mesa_bare};
use common::{stderr_of, stdout_of};

const CUTOFF: &str = "2026-11-27T16:30:00-05:00";

/// The sample imported; tickets 1 and 2 scheduled, sealed in LOTE-2026-11-27
/// and sent, so RENIEC's answer can be recorded.
fn worked_store() -> (tempfile::TempDir, tempfile::TempDir) {
    let (store, sample) = common::scheduled_sample(SUPERVISOR);
    let s = store.path();
    for args in [
        &["batch", "seal"][..],
        &["batch", "sent", "LOTE-2026-11-27"],
    ] {
        let out = mesa(s).env("MESA_NOW", CUTOFF).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    }
    (store, sample)
}

/// What a user can see of a store: tickets and analysts.
fn snapshot(s: &std::path::Path) -> (String, String) {
    let out = mesa(s)
        .args(["analyst", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    (list_json(s), stdout_of(&out))
}

#[test]
fn every_supervisor_action_is_refused_to_an_analyst_with_the_reason() {
    let (store, sample) = worked_store();
    let s = store.path();
    let answer = sample.path().join("respuesta.csv");
    std::fs::write(
        &answer,
        "ticket,result,date,reason\nT-2026-000001,aprobado,2026-11-27,\n",
    )
    .unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().to_str().unwrap();
    let answer = answer.to_str().unwrap();
    let copy = out_dir.path().join("copia.zip").display().to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["batch", "seal"], "sellar el lote semanal"),
        (
            vec!["batch", "export", "LOTE-2026-11-27", "--out", out],
            "exportar el lote",
        ),
        (
            vec!["batch", "sent", "LOTE-2026-11-27"],
            "marcar el lote como enviado a RENIEC",
        ),
        (
            vec!["batch", "outcome", answer],
            "registrar la respuesta de RENIEC",
        ),
        (vec!["analyst", "add", "lucia"], "administrar analistas"),
        (
            vec!["analyst", "disable", SUPERVISOR],
            "administrar analistas",
        ),
        (vec!["analyst", "enable", ANALYST], "administrar analistas"),
        (vec!["audit"], "consultar la auditoría"),
        (vec!["audit", "--dni", "45781236"], "consultar la auditoría"),
        (
            vec!["backup", "--out", &copy],
            "hacer o restaurar copias de seguridad",
        ),
    ];
    let before = snapshot(s);
    for (args, what) in cases {
        let run = mesa(s)
            .env("MESA_NOW", CUTOFF)
            .args(["--as", ANALYST])
            .args(&args)
            .output()
            .unwrap();
        assert!(!run.status.success(), "{args:?} must be refused");
        let err = stderr_of(&run);
        assert!(
            err.contains(&format!(
                "{ANALYST} es analista: {what} es tarea del supervisor"
            )),
            "{args:?}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert_eq!(snapshot(s), before, "{args:?} changed the store");
    }
    assert!(
        std::fs::read_dir(out_dir.path()).unwrap().next().is_none(),
        "nothing was exported"
    );
    // The same actions succeed for the supervisor.
    let run = mesa(s)
        .env("MESA_NOW", CUTOFF)
        .args(["batch", "outcome", answer])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr_of(&run));
    let run = mesa(s)
        .args(["batch", "export", "LOTE-2026-11-27", "--out", out])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr_of(&run));
}

#[test]
fn an_analyst_works_tickets_but_the_batch_moves_stay_the_supervisor_s() {
    let (store, _sample) = worked_store();
    let s = store.path();
    let run = mesa(s)
        .args(["--as", ANALYST, "take", "T-2026-000003"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr_of(&run));
    let shown = mesa(s)
        .args(["show", "T-2026-000003", "--json"])
        .output()
        .unwrap();
    let t: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(
        t["history"].as_array().unwrap().last().unwrap()["by"],
        ANALYST
    );
}

#[test]
fn only_an_active_analyst_of_the_store_may_work_it() {
    let (store, _sample) = worked_store();
    let s = store.path();
    let before = list_json(s);
    // Nobody named.
    let run = mesa_bare(s).args(["list"]).output().unwrap();
    assert!(!run.status.success());
    assert!(
        stderr_of(&run).contains("indique quién trabaja: --as NOMBRE o la variable MESA_ANALYST"),
        "{}",
        stderr_of(&run)
    );
    // Someone unknown: refused without saying whether the name or the
    // password was wrong (nor who the analysts are).
    let run = mesa(s).args(["--as", "intruso", "list"]).output().unwrap();
    assert!(!run.status.success());
    let err = stderr_of(&run);
    assert!(err.contains("Nombre o contraseña incorrectos"), "{err}");
    assert!(!err.contains("mvasquez"), "{err}");
    // Disabled by the supervisor: refused, and back once enabled.
    mesa(s)
        .args(["analyst", "disable", ANALYST])
        .assert()
        .success();
    let run = mesa(s)
        .args(["--as", ANALYST, "take", "T-2026-000003"])
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(
        stderr_of(&run).contains("el analista mvasquez está desactivado"),
        "{}",
        stderr_of(&run)
    );
    assert_eq!(list_json(s), before);
    mesa(s)
        .args(["analyst", "enable", ANALYST])
        .assert()
        .success();
    mesa(s)
        .args(["--as", "MVasquez", "take", "T-2026-000003"])
        .assert()
        .success();
}

#[test]
fn the_last_supervisor_cannot_be_disabled_and_a_new_one_can_take_over() {
    let store = tempfile::tempdir().unwrap();
    let s = store.path();
    let run = mesa(s)
        .args(["analyst", "disable", SUPERVISOR])
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(
        stderr_of(&run).contains("supervisor es el único supervisor activo"),
        "{}",
        stderr_of(&run)
    );
    mesa(s)
        .args(["analyst", "add", "lucia", "--role", "supervisor"])
        .assert()
        .success();
    mesa(s)
        .args(["--as", "lucia", "analyst", "disable", SUPERVISOR])
        .assert()
        .success();
    let list = mesa(s)
        .args(["--as", "lucia", "analyst", "list", "--json"])
        .output()
        .unwrap();
    let all: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let roles: Vec<(String, String, bool)> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_string(),
                a["role"].as_str().unwrap().to_string(),
                a["active"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("lucia".into(), "supervisor".into(), true),
            (ANALYST.into(), "analista".into(), true),
            (SUPERVISOR.into(), "supervisor".into(), false),
        ]
    );
    // A bad name is refused naming the rule.
    let run = mesa(s)
        .args(["--as", "lucia", "analyst", "add", "ana maría"])
        .output()
        .unwrap();
    assert!(
        stderr_of(&run).contains("nombre de analista: el nombre solo admite letras"),
        "{}",
        stderr_of(&run)
    );
}

#[test]
fn a_store_without_a_supervisor_says_to_run_init_and_init_runs_once() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("nuevo");
    let run = mesa_bare(&s)
        .args(["--as", "ana", "list"])
        .output()
        .unwrap();
    assert!(!run.status.success());
    // A missing store is named and nothing is created (see words_exits).
    assert!(
        stderr_of(&run).contains("créelo")
            || stderr_of(&run).contains("mesa init --supervisor NOMBRE"),
        "{}",
        stderr_of(&run)
    );
    assert!(!s.exists());
    let run = mesa_bare(&s)
        .args(["init", "--supervisor", "Ana"])
        .env("MESA_PASSWORD", common::PASSWORD)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr_of(&run));
    assert!(
        stdout_of(&run).contains("ana es su supervisor. Trabaje con --as ana"),
        "{}",
        stdout_of(&run)
    );
    mesa_bare(&s)
        .args(["--as", "ana", "list"])
        .env("MESA_PASSWORD", common::PASSWORD)
        .assert()
        .success();
    let run = mesa_bare(&s)
        .args(["init", "--supervisor", "beto"])
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(
        stderr_of(&run).contains("este almacén ya tiene analistas (supervisor: ana)"),
        "{}",
        stderr_of(&run)
    );
}

#[test]
fn the_demo_brings_its_own_staff() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("demo");
    mesa_bare(&s)
        .args(["demo", "--tickets", "10"])
        .assert()
        .success();
    let run = mesa_bare(&s)
        .args(["--as", "supervisor", "analyst", "list", "--json"])
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr_of(&run));
    let all: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["jterrones", "mvasquez", "rchilon", "supervisor"]);
}
