//! Duplicates refused at import, naming what they repeat: the same DNI
//! twice in one ticket, the same open request (kind, motive, DNI) again, a
//! second cancellation of a certificate already being cancelled, and a
//! payment operation used twice in one file (both lines named).

mod common;

use std::path::Path;

use common::{list_json, mesa, sample_csv, sample_dir, stderr_of, stdout_of};

const NOW: &str = "2026-11-23T09:00:00-05:00";
const HEADER: &str = common::IMPORT_HEADER;
const ROSA: &str = "Rosa Quispe Huamán,45781236,2019-05-14,rquispe@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/45781236.png";
const LUIS: &str = "Luis Chávez Rojas,41234567,2020-01-10,lchavez@regioncajamarca.gob.pe,fotos/41234567.png,firmas/41234567.png";

fn import(s: &Path, d: &Path, rows: &[String]) -> std::process::Output {
    let file = d.join("filas.csv");
    std::fs::write(&file, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
    mesa(s)
        .env("MESA_NOW", NOW)
        .args(["import", file.to_str().unwrap()])
        .output()
        .unwrap()
}

fn refused(s: &Path, d: &Path, rows: &[String]) -> String {
    let before = list_json(s);
    let out = import(s, d, rows);
    assert!(!out.status.success(), "accepted: {}", stdout_of(&out));
    assert_eq!(list_json(s), before, "nothing registered");
    stderr_of(&out)
}

fn ok(s: &Path, args: &[&str]) -> String {
    let out = mesa(s).env("MESA_NOW", NOW).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
    stdout_of(&out)
}

#[test]
fn the_same_dni_twice_in_one_ticket_is_refused_naming_both_lines() {
    let (store, sample) = (tempfile::tempdir().unwrap(), sample_dir());
    let (s, d) = (store.path(), sample.path());
    let err = refused(
        s,
        d,
        &[
            format!("1,emision,a,,{ROSA},,,,,"),
            format!("1,emision,a,,{LUIS},,,,,"),
            format!("1,emision,a,,{ROSA},,,,,"),
        ],
    );
    assert!(err.contains("línea 4, columna dni"), "{err}");
    assert!(err.contains("45781236 ya aparece en la línea 2"), "{err}");
}

#[test]
fn the_same_open_request_again_is_refused_naming_the_open_ticket() {
    let (store, sample) = (tempfile::tempdir().unwrap(), sample_dir());
    let (s, d) = (store.path(), sample.path());
    let row = format!("1,emision,a,,{ROSA},,,,,");
    assert!(import(s, d, std::slice::from_ref(&row)).status.success());
    // Imported again, a second time or in another file.
    let err = refused(s, d, std::slice::from_ref(&row));
    assert!(err.contains("línea 2, columna dni"), "{err}");
    assert!(err.contains("T-2026-000001"), "{err}");
    // Twice in one file: the second names the first's line.
    let err = refused(
        s,
        d,
        &[
            format!("1,emision,b,,{LUIS},,,,,"),
            format!("2,emision,b,,{LUIS},,,,,"),
        ],
    );
    assert!(err.contains("línea 3, columna dni"), "{err}");
    assert!(err.contains("línea 2"), "{err}");
    // Another motive is another request; once the first is withdrawn the
    // same request may be registered again.
    let out = import(
        s,
        d,
        &[format!("1,emision,c,,{ROSA},0456790,2026-11-20,8.10,,")],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    ok(s, &["take", "T-2026-000001"]);
    ok(s, &["withdraw", "T-2026-000001", "--reason", "duplicado"]);
    let out = import(s, d, &[row]);
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn a_second_cancellation_of_a_certificate_being_cancelled_is_refused() {
    let (store, sample) = (tempfile::tempdir().unwrap(), sample_dir());
    let (s, d) = (store.path(), sample.path());
    ok(s, &["import", sample_csv(d).to_str().unwrap()]);
    // T-2026-000006 cancels CD-40987654-1 (motive d); another motive too.
    let err = refused(
        s,
        d,
        &["1,cancelacion,g,,Percy Bazán Llanos,40987654,,pbazan@regioncajamarca.gob.pe,,,,,,,CD-40987654-1".to_string()],
    );
    assert!(err.contains("columna certificate"), "{err}");
    assert!(
        err.contains("CD-40987654-1 ya se está cancelando en el ticket T-2026-000006"),
        "{err}"
    );
}

#[test]
fn a_payment_used_twice_in_one_file_names_both_lines_as_the_user_counts_them() {
    let (store, sample) = (tempfile::tempdir().unwrap(), sample_dir());
    let (s, d) = (store.path(), sample.path());
    let pay = "0456789,2026-11-19,8.10";
    let err = refused(
        s,
        d,
        &[
            // Line 2: a ticket that fails on its own (unknown kind).
            format!("1,renovar,a,,{ROSA},,,,,"),
            // Line 3 and line 5 share the operation; line 4 in between.
            format!("2,reemision,d,,{LUIS},{pay},,"),
            format!("3,emision,a,,{ROSA},,,,,"),
            format!("4,reemision,e,,{ROSA},{pay},,"),
        ],
    );
    assert!(err.contains("línea 5, columna payment_operation"), "{err}");
    assert!(err.contains("ya fue usado en la línea 3"), "{err}");
    assert!(!err.contains("línea 3, columna payment_operation"), "{err}");
}
