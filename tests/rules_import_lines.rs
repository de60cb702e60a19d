//! An import refused for a repeated payment names the lines a person counts
//! in the file (the header is line 1): the repeated row and the one that
//! used the operation first, even when other tickets of the file are
//! refused for other reasons.

mod common;

use common::{mesa, sample_dir, stderr_of};

const HEADER: &str = common::IMPORT_HEADER;

fn paid(n: u32, dni: &str, op: &str) -> String {
    format!(
        "{n},emision,c,2026-11-22T10:0{n}:00-05:00,Flor Mego Zamora,{dni},2016-04-12,fmego@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/45781236.png,{op},2026-11-20,8.10,,"
    )
}

#[test]
fn a_repeated_receipt_names_its_line_and_the_first_one() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    for (rows, repeated, first) in [
        // Line 2 is refused for its DNI: it has no plan, the others do.
        (
            vec![
                paid(1, "123", "880001"),
                paid(2, "44556677", "880002"),
                paid(3, "44556678", "880002"),
            ],
            4,
            3,
        ),
        (
            vec![
                paid(1, "44556677", "880003"),
                paid(2, "44556678", "880004"),
                paid(3, "44556679", "880003"),
            ],
            4,
            2,
        ),
        (
            vec![
                paid(1, "44556677", "880005"),
                paid(2, "12", "880006"),
                paid(3, "1", "880007"),
                paid(4, "44556679", "880005"),
            ],
            5,
            2,
        ),
    ] {
        let file = sample.path().join("pagos.csv");
        std::fs::write(&file, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
        let out = mesa(store.path())
            .arg("import")
            .arg(&file)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = stderr_of(&out);
        let line = err
            .lines()
            .find(|l| l.contains("payment_operation"))
            .unwrap_or_else(|| panic!("{err}"));
        assert!(
            line.contains(&format!("línea {repeated}"))
                && line.contains(&format!(
                    "ya fue usado en la línea {first} de este mismo archivo"
                )),
            "expected line {repeated} repeating line {first}: {err}"
        );
    }
}
