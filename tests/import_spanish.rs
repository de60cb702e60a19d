//! The import CSV as a Spanish spreadsheet writes it: Spanish column names
//! (with accents and spaces), semicolons, optional columns left out and
//! accented values («Reemisión»).

mod common;

use common::{list_json, mesa, sample_dir, stderr_of};

// `mesa` runs at `common::NOW` unless told otherwise.

const SPANISH: &str = "Trámite;Motivo;Nombres y apellidos;DNI;Fecha de emisión del DNI;Correo electrónico;Foto;Firma;Vencimiento del certificado\n\
Emisión;a;Rosa Quispe Huamán;45781236;2019-05-14;rquispe@regioncajamarca.gob.pe;fotos/45781236.jpg;firmas/45781236.png;\n\
Reemisión;a;Carmen Alcántara Díaz;43219876;2018-08-02;calcantara@regioncajamarca.gob.pe;fotos/43219876.jpg;firmas/43219876.png;2027-01-04\n";

#[test]
fn a_spanish_spreadsheet_imports_with_its_own_column_names() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let csv = sample.path().join("planilla.csv");
    std::fs::write(&csv, SPANISH).unwrap();
    let out = mesa(store.path()).arg("import").arg(&csv).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));

    let listed: serde_json::Value = serde_json::from_str(&list_json(store.path())).unwrap();
    let tickets = listed.as_array().unwrap();
    let seen: Vec<(String, String, String)> = tickets
        .iter()
        .map(|t| {
            (
                t["kind"].as_str().unwrap().to_string(),
                t["applicants"][0]["full_name"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                t["applicants"][0]["email"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (
                "emision".to_string(),
                "Rosa Quispe Huamán".to_string(),
                "rquispe@regioncajamarca.gob.pe".to_string()
            ),
            (
                "reemision".to_string(),
                "Carmen Alcántara Díaz".to_string(),
                "calcantara@regioncajamarca.gob.pe".to_string()
            ),
        ],
        "each row is its own ticket, in the file's order, kinds read with their accents"
    );
    let shown = mesa(store.path())
        .args(["show", tickets[1]["id"].as_str().unwrap()])
        .output()
        .unwrap();
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(
        shown.contains("Vence el certificado actual: 04/01/2027"),
        "«Vencimiento del certificado» is the certificate's expiry:\n{shown}"
    );
    // Without a registration column the tickets arrive now.
    assert_eq!(tickets[0]["registered_at"], "2026-11-23T09:00:00-05:00");
}

#[test]
fn a_spanish_file_missing_a_required_column_is_refused_naming_it() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let csv = sample.path().join("planilla.csv");
    // No DNI column, and one nobody knows.
    std::fs::write(
        &csv,
        "Trámite;Motivo;Nombres;Correo;Cargo\nEmisión;a;Rosa Quispe;rquispe@regioncajamarca.gob.pe;jefa\n",
    )
    .unwrap();
    let out = mesa(store.path()).arg("import").arg(&csv).output().unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("faltan las columnas dni"), "{err}");
    assert!(err.contains("la columna «cargo» no es conocida"), "{err}");
    assert_eq!(
        list_json(store.path()).trim(),
        "[]",
        "nothing was registered"
    );
}
