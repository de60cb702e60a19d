//! The 10-days rule uses an expiry the certificate registry already knows
//! when the ticket's own row leaves it empty, and says where it came from.

mod common;

use std::path::Path;

use common::{sample_csv, sample_dir};

const HEADER: &str = common::IMPORT_HEADER;

fn ok(s: &Path, now: &str, args: &[&str]) -> String {
    common::ok_at(s, now, args)
}

/// Rosa Quispe (DNI 45781236) gets her certificate through the whole life:
/// approved on 27/11/2026 and installed on 01/12/2026, expiring `expires`.
fn installed(expires: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let (s, d) = (store.path(), sample.path());
    let now = common::NOW;
    ok(s, now, &["import", &sample_csv(d).display().to_string()]);
    ok(s, now, &["take", "T-2026-000001"]);
    ok(s, now, &["schedule", "T-2026-000001"]);
    ok(s, "2026-11-27T16:30:00-05:00", &["batch", "seal"]);
    ok(
        s,
        "2026-11-27T17:00:00-05:00",
        &["batch", "sent", "LOTE-2026-11-27"],
    );
    let answer = d.join("respuesta.csv");
    std::fs::write(
        &answer,
        "ticket,result,date,reason\nT-2026-000001,aprobado,2026-11-27,\n",
    )
    .unwrap();
    ok(
        s,
        "2026-11-28T09:00:00-05:00",
        &["batch", "outcome", &answer.display().to_string()],
    );
    let day = "2026-12-01T09:00:00-05:00";
    let inst = d.join("instalar.csv");
    std::fs::write(
        &inst,
        format!("{HEADER}\n1,instalacion,,,Rosa Quispe Huamán,45781236,,rquispe@regioncajamarca.gob.pe,,,,,,,\n"),
    )
    .unwrap();
    ok(s, day, &["import", &inst.display().to_string()]);
    ok(s, day, &["take", "T-2026-000007"]);
    ok(
        s,
        day,
        &[
            "close",
            "T-2026-000007",
            "--medium",
            "pc",
            "--expires",
            expires,
        ],
    );
    (store, sample)
}

/// A renewal (re-emission a) for her, registered `at`, with the expiry
/// column `expiry` (empty: unknown to the request).
fn renewal(s: &Path, d: &Path, at: &str, expiry: &str) -> String {
    let file = d.join("renovacion.csv");
    std::fs::write(
        &file,
        format!("{HEADER}\n1,reemision,a,{at},Rosa Quispe Huamán,45781236,2019-05-14,rquispe@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/45781236.png,,,,{expiry},\n"),
    )
    .unwrap();
    ok(s, at, &["import", &file.display().to_string()]);
    ok(s, at, &["take", "T-2026-000008"]);
    ok(s, at, &["schedule", "T-2026-000008"]);
    ok(s, at, &["show", "T-2026-000008"])
}

#[test]
fn a_renewal_without_expiry_in_its_row_waits_for_the_registrys_expiry() {
    let (store, sample) = installed("2027-06-30");
    let (s, d) = (store.path(), sample.path());
    let show = renewal(s, d, "2026-12-02T09:00:00-05:00", "");
    // Held to the last dispatch on or before 20/06/2027: Friday 18/06/2027.
    assert!(show.contains("18/06/2027"), "{show}");
    assert!(!show.contains("04/12/2026"), "{show}");
    assert!(
        show.contains("vence el 30/06/2027 (según el registro de certificados)"),
        "{show}"
    );
    // The calendar alone, asked about her DNI, knows it too.
    let date = ok(
        s,
        "2026-12-02T09:00:00-05:00",
        &[
            "dispatch-date",
            "--now",
            "2026-12-02T09:00:00-05:00",
            "--dni",
            "45781236",
        ],
    );
    assert!(date.contains("18/06/2027"), "{date}");
    assert!(
        date.contains("(según el registro de certificados)"),
        "{date}"
    );
}

#[test]
fn the_expiry_the_request_gives_is_used_and_named_as_the_requests() {
    let (store, sample) = installed("2027-06-30");
    let (s, d) = (store.path(), sample.path());
    let show = renewal(s, d, "2026-12-02T09:00:00-05:00", "2027-03-31");
    // 31/03/2027 − 10 days = 21/03 → Friday 19/03/2027.
    assert!(show.contains("19/03/2027"), "{show}");
    assert!(
        show.contains("vence el 31/03/2027 (según la solicitud)"),
        "{show}"
    );
    let date = ok(
        s,
        "2026-12-02T09:00:00-05:00",
        &[
            "dispatch-date",
            "--now",
            "2026-12-02T09:00:00-05:00",
            "--expires",
            "2027-03-31",
        ],
    );
    assert!(date.contains("(según la solicitud)"), "{date}");
}

#[test]
fn a_registry_expiry_within_ten_days_takes_the_next_dispatch() {
    let (store, sample) = installed("2026-12-10");
    let (s, d) = (store.path(), sample.path());
    let show = renewal(s, d, "2026-12-02T09:00:00-05:00", "");
    assert!(show.contains("04/12/2026"), "{show}");
}
