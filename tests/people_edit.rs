//! `mesa people edit DNI --campo valor`: the import's checks, each problem
//! named by its option and rule, and nothing written on a refusal.

mod common;

use std::path::Path;

use common::{mesa, stderr_of, stdout_of};

fn people_json(store: &Path) -> serde_json::Value {
    let out = mesa(store).args(["people", "--json"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn directory(dir: &Path) -> std::path::PathBuf {
    let store = dir.join("store");
    let csv = dir.join("personas.csv");
    std::fs::write(
        &csv,
        "dni,full_name,email,job_title,unit,dependency,started_on\n\
         45781236,Rosa Quispe Huamán,rquispe@regioncajamarca.gob.pe,Especialista,Oficina de Tecnologías de la Información,Sede central,2024-03-01\n",
    )
    .unwrap();
    let out = mesa(&store)
        .args(["people", "import"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    store
}

#[test]
fn an_edit_changes_only_the_fields_given() {
    let dir = tempfile::tempdir().unwrap();
    let store = directory(dir.path());
    let out = mesa(&store)
        .args([
            "people",
            "edit",
            "45781236",
            "--job-title",
            "Jefa de oficina",
        ])
        .args(["--started-on", "15/10/2026"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        stdout_of(&out).trim(),
        "Se guardaron los datos de Rosa Quispe Huamán (DNI 45781236)."
    );
    let p = &people_json(&store)[0];
    assert_eq!(p["job_title"], "Jefa de oficina");
    assert_eq!(p["started_on"], "2026-10-15");
    assert_eq!(p["email"], "rquispe@regioncajamarca.gob.pe");
}

#[test]
fn a_bad_edit_names_each_option_and_rule_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = directory(dir.path());
    let before = people_json(&store);
    let out = mesa(&store)
        .args(["people", "edit", "45781236", "--email", "rosa@gmail.com"])
        .args(["--started-on", "2030-01-01"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("no se guardó nada"), "{err}");
    assert!(
        err.contains("Correo institucional: gmail.com es un correo personal"),
        "{err}"
    );
    assert!(err.contains("(--email)"), "{err}");
    assert!(
        err.contains("Inicio en el cargo: no puede ser futura"),
        "{err}"
    );
    assert!(err.contains("(--started-on)"), "{err}");
    assert_eq!(people_json(&store), before);

    let out = mesa(&store)
        .args(["people", "edit", "12345678", "--unit", "Otra"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("el DNI 12345678 no está en el directorio"),
        "{}",
        stderr_of(&out)
    );
    let out = mesa(&store)
        .args(["people", "edit", "45781236"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("--full-name"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(people_json(&store), before);
}
