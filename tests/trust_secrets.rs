//! Secrets the desk never keeps: no field takes a private-key password, and
//! a column carrying RENIEC's DCDelivery password is refused, not stored.
//! The log file lives in the store directory and is rotated by size.

mod common;

use common::{list_json, mesa, sample_dir, stderr_of};

const HEADER: &str = common::IMPORT_HEADER;

#[test]
fn no_column_takes_a_password_and_one_that_tries_is_refused_whole() {
    for columns in [
        &mesa::desk::import::COLUMNS[..],
        &mesa::desk::registry::PEOPLE_COLUMNS[..],
    ] {
        for c in columns {
            for word in ["pass", "clave", "contras", "pin", "secret"] {
                assert!(!c.contains(word), "column {c}");
            }
        }
    }
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    let before = list_json(s);
    let csv = sample.path().join("con-clave.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER},clave_privada\n1,instalacion,,,Ana Tasilla Cotrina,46543210,,atasilla@regioncajamarca.gob.pe,,,,,,,CD-46543210-1,Secreta123\n"
        ),
    )
    .unwrap();
    let out = mesa(s).arg("import").arg(&csv).output().unwrap();
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("la columna «clave_privada» no es conocida"),
        "{}",
        stderr_of(&out)
    );
    assert!(!stderr_of(&out).contains("Secreta123"));
    assert_eq!(list_json(s), before);
    assert!(
        !store_contains(s, b"Secreta123"),
        "the password reached the store"
    );
}

#[test]
fn a_dcdelivery_password_in_reniec_s_answer_is_refused_not_stored() {
    let store = tempfile::tempdir().unwrap();
    let s = store.path();
    let answer = s.join("..").join(format!(
        "respuesta-{}.csv",
        s.file_name().unwrap().to_string_lossy()
    ));
    std::fs::write(
        &answer,
        "ticket,result,date,reason,password\nT-2026-000001,aprobado,2026-11-27,,Dcd-9f8e7d\n",
    )
    .unwrap();
    let out = mesa(s)
        .args(["batch", "outcome"])
        .arg(&answer)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&answer);
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("la columna «password» no es conocida"),
        "{}",
        stderr_of(&out)
    );
    assert!(!store_contains(s, b"Dcd-9f8e7d"));
}

/// Whether any file of the store holds these bytes.
fn store_contains(dir: &std::path::Path, needle: &[u8]) -> bool {
    std::fs::read_dir(dir).unwrap().any(|e| {
        let p = e.unwrap().path();
        if p.is_dir() {
            store_contains(&p, needle)
        } else {
            std::fs::read(&p)
                .map(|b| b.windows(needle.len()).any(|w| w == needle))
                .unwrap_or(false)
        }
    })
}

#[test]
fn the_log_lives_in_the_store_and_is_rotated_by_size() {
    let store = tempfile::tempdir().unwrap();
    let s = store.path();
    let logs = s.join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    let big = vec![b'x'; (mesa::mail::log::ROTATE_BYTES + 1) as usize];
    std::fs::write(logs.join("mesa.log"), &big).unwrap();
    let out = mesa(s).args(["mail", "flush"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(std::fs::read(logs.join("mesa.log.1")).unwrap(), big);
    let fresh = std::fs::metadata(logs.join("mesa.log"))
        .map(|m| m.len())
        .unwrap_or(0);
    assert!(fresh < 10_000, "a new log was started: {fresh} bytes");
}
