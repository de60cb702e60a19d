//! Hostile text on its way out: escape sequences never reach the terminal
//! from the command line, free text is bounded, and a CSV the desk writes
//! never runs a formula in the spreadsheet that opens it.

mod support;

use std::path::Path;

use support::{Mesa, one, seed_store};

const ESC: u8 = 0x1b;

fn raw_escapes(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .filter(|&&b| b == ESC || b == 0x07 || b == 0x9b || b == 0x7f)
        .count()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The attack of the report: an analyst's command line, stored in the audit
/// log as the subject of a read, carries "cursor up, erase line" five times
/// and a window title; the supervisor's `mesa audit` must show it, not obey it.
#[test]
fn audit_entries_cannot_hide_others_or_rename_the_window() {
    let m = Mesa::new();
    seed_store(
        &m.store(),
        &[one("Ana Quispe Soto", "aquispe@regioncajamarca.gob.pe")],
    );
    let hide = "\x1b[1A\x1b[2K".repeat(5) + "\x1b]0;ventana\x07";
    let asked = m.run(&["audit", "--dni", &hide]);
    assert_eq!(raw_escapes(&asked.stdout) + raw_escapes(&asked.stderr), 0);

    let out = m.run(&["audit"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(raw_escapes(&out.stdout), 0, "{:?}", text(&out.stdout));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("^[[1A^[[2K") && shown.contains("^[]0;ventana^G"),
        "the attempt is visible: {shown}"
    );
    // Every entry is still there to be read.
    let listed = shown.lines().filter(|l| l.starts_with('#')).count();
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&m.ok(&["audit", "--json", "--last", "1000"])).unwrap();
    assert_eq!(listed, json.len());
}

/// Stored text the input checks never saw (an attachment's file name, a
/// record written by an older version): `show`, `list` and the JSON keep
/// every escape out of the terminal, and the JSON still parses back to the
/// stored text.
#[test]
fn stored_escapes_are_shown_visibly_by_show_and_list() {
    let m = Mesa::new();
    let name = "Rosa\u{9b}2J Díaz\x1b]0;x\x07 Paz\x7f";
    let ids = seed_store(&m.store(), &[one(name, "rdiaz@regioncajamarca.gob.pe")]);
    for args in [
        vec!["show", ids[0].as_str()],
        vec!["list"],
        vec!["list", "--json"],
        vec!["show", ids[0].as_str(), "--json"],
    ] {
        let out = m.run(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        assert_eq!(
            raw_escapes(&out.stdout),
            0,
            "{args:?}: {:?}",
            text(&out.stdout)
        );
        assert!(!text(&out.stdout).contains('\u{9b}'), "{args:?}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&m.ok(&["show", &ids[0], "--json"])).unwrap();
    assert_eq!(
        json["applicants"][0]["full_name"], name,
        "JSON reads back as stored"
    );
}

/// A reason is free text typed by a person: it is bounded and may not carry
/// terminal controls; a refused one changes nothing.
#[test]
fn reasons_with_controls_or_too_long_are_refused_and_change_nothing() {
    let m = Mesa::new();
    let ids = seed_store(
        &m.store(),
        &[one("Ana Quispe Soto", "aquispe@regioncajamarca.gob.pe")],
    );
    m.ok(&["take", &ids[0]]);
    let before = m.ok(&["show", &ids[0], "--json"]);
    for (reason, says) in [
        ("foto borrosa\x1b[2K".to_string(), "caracteres de control"),
        ("x".repeat(501), "501 caracteres, el máximo es 500"),
    ] {
        let out = m.run(&["observe", &ids[0], "--reason", &reason]);
        assert!(!out.status.success());
        let err = text(&out.stderr);
        assert!(err.contains("El motivo") && err.contains(says), "{err}");
        assert_eq!(raw_escapes(&out.stderr), 0);
    }
    assert_eq!(m.ok(&["show", &ids[0], "--json"]), before);
    // The longest allowed reason is accepted.
    m.ok(&["observe", &ids[0], "--reason", &"y".repeat(500)]);

    let out = m.run(&["list", "--search", "ana\x1b[2J"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("El texto de búsqueda"));
}

/// An import error quotes what the file said (an unknown column): quoted
/// visibly, never obeyed.
#[test]
fn import_errors_quote_hostile_headers_visibly() {
    let m = Mesa::new();
    seed_store(&m.store(), &[]);
    let csv = m.dir.path().join("t.csv");
    std::fs::write(&csv, "kind,motive,\x1b]0;x\x07nombre\x1b[2K\nemision,a,z\n").unwrap();
    let out = m.run(&["import", csv.to_str().unwrap()]);
    assert!(!out.status.success());
    assert_eq!(
        raw_escapes(&out.stderr) + raw_escapes(&out.stdout),
        0,
        "{:?}",
        text(&out.stderr)
    );
}

fn sealed_and_exported(m: &Mesa, name: &str) -> std::path::PathBuf {
    let ids = seed_store(&m.store(), &[one(name, "aquispe@regioncajamarca.gob.pe")]);
    m.ok(&["take", &ids[0]]);
    m.ok(&["schedule", &ids[0]]);
    let mut at_cutoff = m.command(&["batch", "seal"]);
    at_cutoff.env("MESA_NOW", "2026-11-27T16:30:00-05:00");
    let out = at_cutoff.output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let to = m.dir.path().join("export");
    let mut export = m.command(&["batch", "export", "LOTE-2026-11-27", "--out"]);
    export.arg(&to).env("MESA_NOW", "2026-11-27T16:40:00-05:00");
    let out = export.output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    to
}

fn find(dir: &Path, file: &str) -> std::path::PathBuf {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == file) {
                return p;
            }
        }
    }
    panic!("{file} not in {}", dir.display());
}

/// A name typed as a spreadsheet formula lands in the exported CSV as text
/// (a leading apostrophe), and in the XLSX as a string cell, never a formula.
#[test]
fn an_exported_name_never_runs_as_a_formula() {
    let m = Mesa::new();
    let name = "=HYPERLINK(\"http://127.0.0.1/x\",\"Haga clic\")";
    let to = sealed_and_exported(&m, name);

    let csv = std::fs::read(find(&to, "solicitudes.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let row = reader.records().next().unwrap().unwrap();
    assert!(
        row.iter().any(|c| c == format!("'{name}")),
        "the name is written as text: {row:?}"
    );
    assert!(
        row.iter().all(|c| !c.starts_with(['=', '+', '-', '@'])),
        "no cell starts a formula: {row:?}"
    );

    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(find(&to, "solicitudes.xlsx")).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let formulas = book.worksheet_formula(&sheet).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "the workbook holds no formula"
    );
    let range = book.worksheet_range(&sheet).unwrap();
    assert!(
        range
            .used_cells()
            .any(|(_, _, c)| matches!(c, Data::String(s) if s == name)),
        "the name is a plain string cell"
    );
}

/// Every reason a person types is the same free text, whichever command
/// takes it: a correction's and an early seal's reason too are bounded and
/// may not carry terminal controls, and a refused one changes nothing.
#[test]
fn every_typed_reason_is_bounded_and_without_controls() {
    let m = Mesa::new();
    let ids = seed_store(
        &m.store(),
        &[one("Ana Quispe Soto", "aquispe@regioncajamarca.gob.pe")],
    );
    m.ok(&["take", &ids[0]]);
    let before = m.ok(&["show", &ids[0], "--json"]);
    for (reason, says) in [
        (
            "correo nuevo\x1b]0;owned\x07".to_string(),
            "caracteres de control",
        ),
        ("x".repeat(501), "501 caracteres, el máximo es 500"),
    ] {
        let out = m.run(&[
            "correct",
            &ids[0],
            "--email",
            "ana.quispe@regioncajamarca.gob.pe",
            "--reason",
            &reason,
        ]);
        assert!(!out.status.success(), "{}", text(&out.stdout));
        let err = text(&out.stderr);
        assert!(err.contains("El motivo") && err.contains(says), "{err}");
        assert_eq!(raw_escapes(&out.stderr), 0);
    }
    assert_eq!(m.ok(&["show", &ids[0], "--json"]), before);

    m.ok(&["schedule", &ids[0]]);
    let shown: serde_json::Value =
        serde_json::from_str(&m.ok(&["show", &ids[0], "--json"])).unwrap();
    let day = shown["dispatch_at"].as_str().expect("scheduled")[..10].to_string();
    let out = m.run(&[
        "batch",
        "seal",
        "--dispatch",
        &day,
        "--reason",
        "vacaciones\x1b[1A\x1b[2K",
    ]);
    assert!(!out.status.success(), "{}", text(&out.stdout));
    let err = text(&out.stderr);
    assert!(
        err.contains("El motivo") && err.contains("caracteres de control"),
        "{err}"
    );
    assert_eq!(raw_escapes(&out.stderr), 0);
    let batches = m.ok(&["batch", "list", "--json"]);
    let batches: serde_json::Value = serde_json::from_str(&batches).unwrap();
    assert_eq!(
        batches["sealed"].as_array().map(Vec::len),
        Some(0),
        "nothing sealed"
    );
    m.ok(&[
        "batch",
        "seal",
        "--dispatch",
        &day,
        "--reason",
        "vacaciones del analista",
    ]);
}
