//! Implausible dates are refused at import, naming the line, the column,
//! the date and the bound: a DNI issued before RENIEC existed (12/07/1995)
//! or in the future, a certificate expiring more than five years ahead, an
//! expiry on a first emission (no certificate yet).

mod common;

use std::path::Path;

use common::{list_json, mesa, sample_dir, stderr_of};

const NOW: &str = "2026-11-23T09:00:00-05:00";
const HEADER: &str = common::IMPORT_HEADER;

/// One row for Rosa Quispe, with these kind, motive, DNI date and expiry.
fn import(
    s: &Path,
    d: &Path,
    kind_motive: &str,
    issued: &str,
    expires: &str,
) -> std::process::Output {
    let file = d.join("fila.csv");
    std::fs::write(
        &file,
        format!("{HEADER}\n1,{kind_motive},,Rosa Quispe Huamán,45781236,{issued},rquispe@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/45781236.png,,,,{expires},\n"),
    )
    .unwrap();
    mesa(s)
        .env("MESA_NOW", NOW)
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap()
}

#[test]
fn implausible_dates_are_refused_naming_column_date_and_bound() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let (s, d) = (store.path(), sample.path());
    let before = list_json(s);
    let cases: &[(&str, &str, &str, &str, &[&str])] = &[
        (
            "emision,a",
            "0000-01-01",
            "",
            "dni_issued_on",
            &["01/01/0000", "12/07/1995"],
        ),
        (
            "emision,a",
            "1990-05-14",
            "",
            "dni_issued_on",
            &["14/05/1990", "12/07/1995"],
        ),
        (
            "emision,a",
            "1995-07-11",
            "",
            "dni_issued_on",
            &["11/07/1995", "12/07/1995"],
        ),
        (
            "emision,a",
            "2027-01-01",
            "",
            "dni_issued_on",
            &["01/01/2027"],
        ),
        (
            "reemision,a",
            "2019-05-14",
            "9999-12-31",
            "cert_expires_on",
            &["31/12/9999", "23/11/2031"],
        ),
        (
            "reemision,a",
            "2019-05-14",
            "2031-11-24",
            "cert_expires_on",
            &["24/11/2031", "23/11/2031"],
        ),
        (
            "emision,a",
            "2019-05-14",
            "2027-06-30",
            "cert_expires_on",
            &["Emisión a)"],
        ),
    ];
    for (km, issued, expires, column, words) in cases {
        let out = import(s, d, km, issued, expires);
        let err = stderr_of(&out);
        assert!(!out.status.success(), "{km} {issued} {expires} accepted");
        assert!(err.contains(&format!("línea 2, columna {column}")), "{err}");
        for w in *words {
            assert!(err.contains(w), "{w}: {err}");
        }
        assert_eq!(list_json(s), before, "nothing registered");
    }
    // The bounds themselves are fine.
    let out = import(s, d, "reemision,a", "1995-07-12", "2031-11-23");
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = import(s, d, "emision,b", "2019-05-14", "2025-01-31");
    assert!(
        out.status.success(),
        "an expired certificate: {}",
        stderr_of(&out)
    );
}
