//! Errors the analyst reads are Spanish from end to end: configuration
//! mistakes name the file, the line and the key; system (I/O) errors and
//! clap's value errors carry no English.

mod common;

use common::{imported, mesa, stderr_of};

/// English that the standard library, serde, toml, chrono or clap write.
const ENGLISH: &[&str] = &[
    "unknown field",
    "invalid type",
    "invalid value",
    "expected",
    "out of range",
    "No such file",
    "os error",
    "Permission denied",
    "invalid characters",
    "invalid digit",
    "error:",
];

fn assert_spanish(text: &str) {
    for en in ENGLISH {
        assert!(!text.contains(en), "English «{en}» in:\n{text}");
    }
}

#[test]
fn configuration_errors_name_the_file_the_line_and_the_key_in_spanish() {
    let (store, _sample) = imported();
    let s = store.path();
    let config = s.join("config.toml");
    for (text, line, key, why) in [
        (
            "[dispatch]\ntime = \"16:30\"\nfrecuencia = 3\n",
            3,
            "dispatch.frecuencia",
            "clave desconocida «frecuencia»",
        ),
        (
            "[dispatch]\nholy_week = \"si\"\n",
            2,
            "dispatch.holy_week",
            "se esperaba true o false",
        ),
        (
            "[retention]\nyears = -1\n",
            2,
            "retention.years",
            "fuera de rango",
        ),
        (
            "\n[mail.smtp]\nport = 70000\n",
            3,
            "mail.smtp.port",
            "entre 0 y 65535",
        ),
    ] {
        std::fs::write(&config, text).unwrap();
        for args in [
            &["list"][..],
            &["dispatch-date", "--now", "2026-11-23T09:00:00-05:00"],
        ] {
            let out = mesa(s).args(args).output().unwrap();
            assert!(!out.status.success());
            let err = stderr_of(&out);
            assert!(
                err.contains(&format!(
                    "configuración {}, línea {line}, clave «{key}»",
                    config.display()
                )) && err.contains(why),
                "mesa {args:?} with {text:?}:\n{err}"
            );
            assert_spanish(&err);
        }
    }
}

#[test]
fn system_and_argument_errors_carry_no_english() {
    let (store, _sample) = imported();
    let s = store.path();
    let missing = s.join("no-existe.csv");
    let out = mesa(s).arg("import").arg(&missing).output().unwrap();
    let err = stderr_of(&out);
    assert!(
        err.contains(&missing.display().to_string()) && err.contains("no existe"),
        "{err}"
    );
    assert_spanish(&err);
    let out = mesa(s)
        .args(["restore", "--check"])
        .arg(s.join("copia-que-no-existe.zip"))
        .output()
        .unwrap();
    assert!(stderr_of(&out).contains("no existe"), "{}", stderr_of(&out));
    assert_spanish(&stderr_of(&out));
    for args in [
        &["list", "--dispatch", "2026-13-01"][..],
        &["report", "--from", "ayer"],
        &["demo", "--tickets", "muchos"],
        &["list", "--frob"],
        &["show"],
    ] {
        let out = mesa(s).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "mesa {args:?}");
        let err = stderr_of(&out);
        assert!(err.starts_with("mesa: "), "{err}");
        assert_spanish(&err);
    }
    let out = mesa(s)
        .args(["list", "--dispatch", "2026-13-01"])
        .output()
        .unwrap();
    assert!(
        stderr_of(&out).contains("no es una fecha válida"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_in_spanish() {
    let (store, _sample) = imported();
    let s = store.path();
    let fake = s.join("copia.zip");
    std::fs::write(&fake, "esto no es un zip").unwrap();
    let out = mesa(s)
        .args(["restore", "--check"])
        .arg(&fake)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(err.contains("no es un archivo zip válido"), "{err}");
    assert_spanish(&err);
    for en in ["Zip", "archive", "invalid"] {
        assert!(!err.contains(en), "English «{en}» in:\n{err}");
    }
}

#[test]
fn a_mistyped_config_file_is_named_not_silently_ignored() {
    let (store, _sample) = imported();
    let s = store.path();
    let typo = s.join("confg.toml");
    let out = mesa(s)
        .arg("--config")
        .arg(&typo)
        .arg("list")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains(&format!(
            "no existe el archivo de configuración {}",
            typo.display()
        )),
        "{err}"
    );
    assert!(!typo.exists());
    // Without --config, the store's own config.toml stays optional.
    mesa(s).arg("list").assert().success();
}

#[test]
fn clap_errors_say_what_is_missing_and_suggest_the_close_match() {
    let (store, _sample) = imported();
    let s = store.path();
    for (args, says) in [
        (&["list", "--status"][..], "falta el valor de --status"),
        (
            &["list", "--stats"],
            "argumento desconocido: --stats (¿quiso decir --status?)",
        ),
        (&["lst"], "comando desconocido: lst (¿quiso decir list?)"),
        (&["show"], "falta el argumento obligatorio"),
    ] {
        let out = mesa(s).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "mesa {args:?}");
        let err = stderr_of(&out);
        assert!(err.contains(says), "mesa {args:?}:\n{err}");
        assert_spanish(&err);
    }
}
