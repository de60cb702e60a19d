//! `mesa request import`: a family's requests from a CSV, one per row, the
//! columns named by key or by label as people write them; every row checked
//! first, nothing registered when one is refused; documents only from the
//! CSV's own folder. `--json` on list and show gives the same records.

mod support;

use support::Mesa;

const HEADER: &str = "DNI del funcionario;Nombres y apellidos;Cargo;Unidad administrativa;\
                      Correo electrónico;Servicio de información;Solicitud de clave de acceso";

fn row(dni: &str, name: &str, doc: &str) -> String {
    format!("{dni};{name};Jefa;Prensa;rquispe@regionjunin.gob.pe;Síntesis Informativa;{doc}")
}

fn listed(m: &Mesa) -> Vec<serde_json::Value> {
    let out = m.ok(&["request", "list", "--json"]);
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn import(m: &Mesa, csv: &std::path::Path) -> std::process::Output {
    m.run(&[
        "request",
        "import",
        "--family",
        "claves-acceso",
        "--type",
        "clave-nueva",
        csv.to_str().unwrap(),
    ])
}

#[test]
fn rows_become_requests_with_their_documents_and_json_shows_them() {
    let m = Mesa::new();
    let folder = m.dir.path().join("entrada");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("sol.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    let csv = folder.join("claves.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER}\n{}\n{}\n",
            row("41234567", "Rosa Quispe Huamán", "sol.pdf"),
            row("42345678", "Ana Salas Rojas", "")
        ),
    )
    .unwrap();
    let out = import(&m, &csv);
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("Se registraron 2 solicitudes"), "{said}");

    let all = listed(&m);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["fields"]["nombres"], "Rosa Quispe Huamán");
    assert_eq!(all[1]["fields"]["dni"], "42345678");
    assert_eq!(all[0]["documents"].as_array().unwrap().len(), 1);
    assert_eq!(all[1]["documents"].as_array().unwrap().len(), 0);
    let id = all[0]["id"].as_str().unwrap();
    let shown: serde_json::Value =
        serde_json::from_str(&m.ok(&["request", "show", id, "--json"])).unwrap();
    assert_eq!(shown["family"], "claves-acceso");
    assert!(
        shown["current_step"]["office"].as_str().is_some(),
        "{shown}"
    );
    assert!(shown["current_step"]["due"].as_str().is_some(), "{shown}");
    assert_eq!(shown["overdue"], false);
}

#[test]
fn one_refused_row_registers_none_and_each_refusal_names_its_line() {
    let m = Mesa::new();
    let folder = m.dir.path().join("entrada");
    std::fs::create_dir_all(&folder).unwrap();
    let secret = m.dir.path().join("fuera.pdf");
    std::fs::write(&secret, b"%PDF-1.4\n%%EOF\n").unwrap();
    let csv = folder.join("claves.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER}\n{}\n{}\n{}\n",
            row("41234567", "Rosa Quispe Huamán", ""),
            row("4123", "DNI corto", ""),
            row("42345678", "Ana Salas Rojas", "../fuera.pdf"),
        ),
    )
    .unwrap();
    let out = import(&m, &csv);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no se registró ninguna"), "{err}");
    assert!(err.contains("línea 3: DNI del funcionario"), "{err}");
    assert!(err.contains("línea 4: documento «solicitud»"), "{err}");
    assert!(!err.contains("línea 2"), "{err}");
    assert!(listed(&m).is_empty());

    // A column the type does not have is named, with the ones it has.
    std::fs::write(&csv, "DNI;Color favorito\n41234567;azul\n").unwrap();
    let out = import(&m, &csv);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Color favorito") && err.contains("servicio"),
        "{err}"
    );
    assert!(listed(&m).is_empty());
}
