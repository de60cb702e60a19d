//! `mesa import`: a good file registers every ticket; any bad row refuses the
//! whole file with line, column and rule, and leaves the store as it was.

mod common;

use std::path::Path;

use common::{list_json, mesa, sample_csv, sample_dir, stderr_of, stdout_of};

const HEADER: &str = common::IMPORT_HEADER;

fn good_row() -> String {
    "9,emision,a,2026-11-22T10:00:00-05:00,Flor Mego Zamora,44556677,2016-04-12,fmego@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/45781236.png,,,,,".into()
}

/// Imports the sample, then returns the store and the listing after it.
fn store_with_sample() -> (tempfile::TempDir, tempfile::TempDir, String) {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let out = mesa(store.path())
        .arg("import")
        .arg(sample_csv(sample.path()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let listing = list_json(store.path());
    (store, sample, listing)
}

/// Writes `body` as a CSV beside the sample images and imports it; the
/// import must fail, say `expected` on stderr, and change nothing.
fn refused(store: &Path, sample: &Path, before: &str, body: &[u8], expected: &[&str]) {
    let file = sample.join("bad.csv");
    std::fs::write(&file, body).unwrap();
    let out = mesa(store).arg("import").arg(&file).output().unwrap();
    let err = stderr_of(&out);
    assert!(!out.status.success(), "should be refused: {err}");
    assert!(err.contains("no se importó nada"), "{err}");
    for e in expected {
        assert!(err.contains(e), "expected «{e}» in:\n{err}");
    }
    assert_eq!(list_json(store), before, "the store must be unchanged");
}

fn csv_with(row: &str) -> Vec<u8> {
    format!("{HEADER}\n{}\n{row}\n", good_row()).into_bytes()
}

#[test]
fn the_sample_file_registers_every_ticket_with_ids() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let out = mesa(store.path())
        .arg("import")
        .arg(sample_csv(sample.path()))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let text = stdout_of(&out);
    assert!(text.starts_with("Se registraron 6 tickets:"), "{text}");
    for n in 1..=6 {
        assert!(text.contains(&format!("T-2026-00000{n}")), "{text}");
    }
    let list: serde_json::Value = serde_json::from_str(&list_json(store.path())).unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 6);
    // Rows with the same ticket value are one ticket with two applicants.
    let two = list
        .iter()
        .find(|t| t["applicants"].as_array().unwrap().len() == 2)
        .unwrap();
    assert_eq!(two["kind"], "reemision");
    assert_eq!(two["applicants"][1]["dni"], "47651234");
    assert!(list.iter().all(|t| t["status"] == "nuevo"));
    // Attachments are kept in the store, named by SHA-256.
    let files = std::fs::read_dir(store.path().join("attachments"))
        .unwrap()
        .count();
    assert_eq!(files, 10, "5 photos + 5 signatures");
    let urgent: Vec<&serde_json::Value> = list.iter().filter(|t| t["urgent"] == true).collect();
    assert_eq!(urgent.len(), 1);
    assert_eq!(urgent[0]["kind"], "cancelacion");
}

#[test]
fn each_bad_file_is_refused_with_its_reason_and_changes_nothing() {
    let (store, sample, before) = store_with_sample();
    let (s, d) = (store.path(), sample.path());
    let row = |f: &dyn Fn(&mut Vec<String>)| {
        let mut cells: Vec<String> = good_row().split(',').map(String::from).collect();
        cells[0] = "10".into();
        f(&mut cells);
        csv_with(&cells.join(","))
    };
    refused(
        s,
        d,
        &before,
        &row(&|c| c[7] = "flor@gmail.com".into()),
        &["línea 3, columna email", "gmail.com es un correo personal"],
    );
    refused(
        s,
        d,
        &before,
        &row(&|c| c[5] = "4455667".into()),
        &["línea 3, columna dni", "exactamente 8 dígitos"],
    );
    refused(
        s,
        d,
        &before,
        &row(&|c| c[6] = "2027-01-01".into()),
        &["columna dni_issued_on", "no puede ser futura"],
    );
    refused(
        s,
        d,
        &before,
        &row(&|c| c[6] = "2026-02-30".into()),
        &["columna dni_issued_on", "no es una fecha real"],
    );
    refused(
        s,
        d,
        &before,
        &row(&|c| c[2] = "c".into()),
        &[
            "columna payment_operation",
            "requiere la constancia de pago",
        ],
    );
    refused(
        s,
        d,
        &before,
        &row(&|c| {
            c[10] = "777001".into();
            c[11] = "2026-11-20".into();
            c[12] = "8.10".into();
        }),
        &["columna payment_operation", "no requiere pago"],
    );
    refused(
        s,
        d,
        &before,
        &row(&|c| {
            c[2] = "c".into();
            c[10] = "777002".into();
            c[11] = "2026-11-20".into();
            c[12] = "8.00".into();
        }),
        &[
            "columna payment_amount",
            "debe ser S/ 8.10 (se indicó S/ 8.00)",
        ],
    );
    // The sample already used operation 0456789 (ticket T-2026-000002).
    refused(
        s,
        d,
        &before,
        &row(&|c| {
            c[2] = "c".into();
            c[10] = "0456789".into();
            c[11] = "2026-11-20".into();
            c[12] = "8.10".into();
        }),
        &[
            "columna payment_operation",
            "ya fue usado en el ticket T-2026-000002",
        ],
    );
    refused(
        s,
        d,
        &before,
        &row(&|c| c[1] = "renovacion".into()),
        &["columna kind", "«renovacion» no es un trámite conocido"],
    );
    refused(
        s,
        d,
        &before,
        &row(&|c| c[2] = "h".into()),
        &["columna motive", "«h» no es un motivo de Emisión"],
    );
    refused(
        s,
        d,
        &before,
        &row(&|c| c[8] = "fotos/no-existe.jpg".into()),
        &[
            "columna photo",
            "no se encuentra el archivo fotos/no-existe.jpg",
        ],
    );
    refused(s, d, &before, b"", &["el archivo está vacío"]);
    refused(
        s,
        d,
        &before,
        format!("{HEADER}\n").as_bytes(),
        &["el archivo está vacío"],
    );
    refused(
        s,
        d,
        &before,
        b"ticket,kind\n1,emision\n",
        &["faltan las columnas"],
    );
    let mut latin1 = row(&|_| {});
    let pos = latin1.iter().rposition(|b| *b == b'F').unwrap();
    latin1[pos] = 0xD1; // "Ñ" in Latin-1: not UTF-8
    refused(
        s,
        d,
        &before,
        &latin1,
        &["línea 3, columna full_name", "no es texto UTF-8"],
    );
    let huge = "A".repeat(1_000_000);
    let big = row(&|c| c[4] = huge.clone());
    refused(
        s,
        d,
        &before,
        &big,
        &["columna full_name", "supera 150 caracteres"],
    );
}

#[test]
fn every_problem_of_a_file_is_listed_at_once() {
    let (store, sample, before) = store_with_sample();
    let body = format!(
        "{HEADER}\n{}\n11,emision,a,,Ana,1234567,2030-01-01,ana@hotmail.com,,,,,,,\n12,reemision,z,,Luis,12345678,2020-01-01,luis@regioncajamarca.gob.pe,,,,,,,\n",
        good_row()
    );
    let file = sample.path().join("bad.csv");
    std::fs::write(&file, body).unwrap();
    let out = mesa(store.path())
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("4 problemas"), "{err}");
    for e in [
        "línea 3, columna dni",
        "línea 3, columna dni_issued_on",
        "línea 3, columna email",
        "línea 4, columna motive",
    ] {
        assert!(err.contains(e), "expected «{e}» in:\n{err}");
    }
    assert_eq!(list_json(store.path()), before);
}

#[test]
fn a_semicolon_file_with_a_byte_order_mark_imports() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let body = format!(
        "\u{feff}{}\n{}\n",
        HEADER.replace(',', ";"),
        good_row().replace(',', ";")
    );
    let file = sample.path().join("excel.csv");
    std::fs::write(&file, body).unwrap();
    let out = mesa(store.path())
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("T-2026-000001"));
}
