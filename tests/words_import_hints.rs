//! What the import tells the analyst about rows a spreadsheet or a hurried
//! hand got wrong: accents in an address, a DNI that lost its leading zero,
//! a photo or signature on a row whose procedure takes none.

mod common;

use common::{list_json, mesa, sample_csv, sample_dir, stderr_of};

const HEADER: &str = common::IMPORT_HEADER;

/// Imports the sample, then `body` (beside the sample images); returns
/// the refusal's text, checking that nothing changed.
fn refused(body: &str) -> String {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    mesa(store.path())
        .arg("import")
        .arg(sample_csv(sample.path()))
        .assert()
        .success();
    let before = list_json(store.path());
    let file = sample.path().join("nuevo.csv");
    std::fs::write(&file, format!("{HEADER}\n{body}\n")).unwrap();
    let out = mesa(store.path())
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success(), "the file must be refused");
    assert_eq!(list_json(store.path()), before, "nothing is registered");
    stderr_of(&out)
}

#[test]
fn an_accented_address_is_told_to_be_plain_ascii() {
    let err = refused(
        "21,emision,a,,José Mego Zamora,44556677,2016-04-12,josé@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/45781236.png,,,,,",
    );
    assert!(
        err.contains("línea 2, columna email")
            && err.contains("sin tildes")
            && err.contains("ASCII"),
        "{err}"
    );
}

#[test]
fn a_seven_digit_dni_mentions_the_lost_leading_zero() {
    let err = refused(
        "21,emision,a,,Flor Mego Zamora,4556677,2016-04-12,fmego@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/45781236.png,,,,,",
    );
    assert!(
        err.contains("línea 2, columna dni")
            && err.contains("exactamente 8 dígitos")
            && err.contains("cero inicial"),
        "{err}"
    );
    // Eight digits with a letter is not that case.
    let err = refused(
        "21,emision,a,,Flor Mego Zamora,4556677a,2016-04-12,fmego@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/45781236.png,,,,,",
    );
    assert!(!err.contains("cero inicial"), "{err}");
}

#[test]
fn a_photo_or_signature_on_a_cancellation_or_installation_row_is_refused() {
    let err = refused(
        "21,cancelacion,a,,Percy Bazán Llanos,40987654,,pbazan@regioncajamarca.gob.pe,fotos/45781236.jpg,,,,,,CD-40987654-1\n\
         22,instalacion,,,Ana Tasilla Cotrina,46543210,,atasilla@regioncajamarca.gob.pe,,firmas/45781236.png,,,,,CD-46543210-1",
    );
    assert!(
        err.contains("línea 2, columna photo: la cancelación no lleva foto ni firma"),
        "{err}"
    );
    assert!(
        err.contains("línea 3, columna signature: la instalación no lleva foto ni firma"),
        "{err}"
    );
}
