//! When things break: a read-only store, a full disk, an attachment missing,
//! damaged or unreadable, SIGTERM in the middle of an import. Each gets a
//! clear Spanish message and leaves nothing half-written.

mod common;

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{NOW, SUPERVISOR, list_json, mesa, sample_dir, stderr_of};

const HEADER: &str = common::IMPORT_HEADER_LINE;

use common::imported;

fn audit_len(s: &Path) -> usize {
    let out = mesa(s)
        .args(["audit", "--last", "100000", "--json"])
        .output()
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .len()
}

fn verifies(s: &Path) -> bool {
    common::mesa_bare(s)
        .args(["audit", "verify"])
        .output()
        .unwrap()
        .status
        .success()
}

/// The built binary as a plain `std` command on `store`.
fn raw(store: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mesa"));
    c.env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", SUPERVISOR)
        .env("MESA_PASSWORD", common::PASSWORD)
        .env_remove("MESA_CONFIG");
    c
}

fn chmod_tree(dir: &Path, dirs: u32, files: u32) {
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(dirs)).unwrap();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            chmod_tree(&p, dirs, files);
        } else {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(files)).unwrap();
        }
    }
}

#[test]
fn a_read_only_store_gets_a_clear_error_and_stays_as_it_was() {
    let (store, _sample) = imported();
    let s = store.path();
    let before = list_json(s);
    // The superuser writes through permissions: run the binary as nobody
    // then (file modes decide for everyone else).
    let root = std::fs::metadata(s.join("mesa.lock")).unwrap().uid() == 0;
    std::fs::set_permissions(s, std::fs::Permissions::from_mode(0o755)).unwrap();
    chmod_tree(s, 0o555, 0o444);
    for args in [&["take", "T-2026-000001"][..], &["list"]] {
        let mut cmd = raw(s);
        cmd.args(args);
        if root {
            cmd.uid(65534).gid(65534);
        }
        let out = cmd.output().unwrap();
        assert!(!out.status.success(), "{args:?} on a read-only store");
        let err = stderr_of(&out);
        assert!(
            err.contains(&format!("no se pudo usar el almacén {}", s.display()))
                && err.contains("no hay permiso de escritura en ese directorio (¿es de solo lectura?); nada se guardó"),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    chmod_tree(s, 0o755, 0o644);
    assert_eq!(list_json(s), before);
    assert!(verifies(s));
}

/// A portrait PNG of noise: about 1.9 MB that no compression shrinks.
fn big_photo(path: &Path) {
    let mut x = 0x2545_F491u32;
    let img = image::RgbImage::from_fn(700, 900, |_, _| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        image::Rgb([x as u8, (x >> 8) as u8, (x >> 16) as u8])
    });
    img.save(path).unwrap();
}

/// `mesa` with the process's file size limit at `kb` KiB: what a full disk
/// looks like to it (writes past the limit fail).
fn limited(store: &Path, kb: u64, args: &str) -> std::process::Output {
    Command::new("bash")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {kb}; exec '{}' {args}",
            env!("CARGO_BIN_EXE_mesa")
        ))
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", SUPERVISOR)
        .env("MESA_PASSWORD", common::PASSWORD)
        .env_remove("MESA_CONFIG")
        .output()
        .unwrap()
}

#[test]
fn a_full_disk_refuses_the_write_and_leaves_nothing_half_written() {
    let (store, sample) = imported();
    let s = store.path();
    let photo = sample.path().join("grande.png");
    big_photo(&photo);
    let csv = sample.path().join("grande.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER}1,emision,a,,Nora Díaz Mego,44556677,2019-05-14,ndiaz@regioncajamarca.gob.pe,grande.png,firmas/41234567.png,,,,,\n"
        ),
    )
    .unwrap();
    let tickets = list_json(s);
    let before = (audit_len(s), files(&s.join("attachments")));
    let db = std::fs::metadata(s.join("db").join("db")).unwrap().len();
    let photo_len = std::fs::metadata(&photo).unwrap().len();
    assert!(
        photo_len > db + 200_000,
        "the photo must not fit where the database does"
    );

    // Room for the database, not for the photo.
    let kb = db / 1024 + 100;
    let out = limited(s, kb, &format!("import '{}'", csv.display()));
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("se alcanzó el tamaño máximo de archivo permitido (disco o cuota llenos); nada se guardó"),
        "{err}"
    );
    // No room even for the database to open.
    let out = limited(s, db / 1024 / 2, "list");
    assert!(!out.status.success());
    assert!(
        stderr_of(&out).contains("nada se guardó"),
        "{}",
        stderr_of(&out)
    );

    assert_eq!(
        (audit_len(s), files(&s.join("attachments"))),
        before,
        "no audit entry, no file (not even half of one)"
    );
    assert_eq!(list_json(s), tickets, "no ticket");
    assert!(verifies(s));
    // With room again, the same import goes through.
    mesa(s).arg("import").arg(&csv).assert().success();
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn an_attachment_missing_or_damaged_in_the_store_stops_sealing_and_export_by_name() {
    let (store, sample) = imported();
    let s = store.path();
    for id in ["T-2026-000001", "T-2026-000002"] {
        mesa(s).args(["take", id]).assert().success();
        mesa(s).args(["schedule", id]).assert().success();
    }
    let att = s.join("attachments");
    let sha = |p: &str| mesa::media::sha256_hex(&std::fs::read(sample.path().join(p)).unwrap());
    let rosa_photo = att.join(sha("fotos/45781236.jpg"));
    let luis_signature = att.join(sha("firmas/41234567.png"));
    let kept = std::fs::read(&rosa_photo).unwrap();

    // Missing when sealing: refused, naming the ticket and the file.
    std::fs::remove_file(&rosa_photo).unwrap();
    let out = mesa(s)
        .env("MESA_NOW", "2026-11-27T16:30:00-05:00")
        .args(["batch", "seal"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("T-2026-000001") && err.contains("foto: falta el archivo"),
        "{err}"
    );
    std::fs::write(&rosa_photo, &kept).unwrap();
    mesa(s)
        .env("MESA_NOW", "2026-11-27T16:30:00-05:00")
        .args(["batch", "seal"])
        .assert()
        .success();

    // Damaged after sealing: the export refuses it and writes nothing.
    let mut bytes = std::fs::read(&luis_signature).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0xff;
    std::fs::write(&luis_signature, &bytes).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = mesa(s)
        .args(["batch", "export", "LOTE-2026-11-27", "--out"])
        .arg(out_dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains(&format!(
            "el archivo adjunto {} está dañado",
            luis_signature.display()
        )),
        "{err}"
    );
    assert!(std::fs::read_dir(out_dir.path()).unwrap().next().is_none());

    // Missing after sealing: named too, nothing written.
    std::fs::remove_file(&luis_signature).unwrap();
    let out = mesa(s)
        .args(["batch", "export", "LOTE-2026-11-27", "--out"])
        .arg(out_dir.path())
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(
        err.contains(&format!(
            "el archivo adjunto {} falta en el almacén",
            luis_signature.display()
        )) && err.contains("nada se exportó"),
        "{err}"
    );
    assert!(std::fs::read_dir(out_dir.path()).unwrap().next().is_none());
}

#[test]
fn an_unreadable_file_in_an_import_is_named_and_nothing_is_imported() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    std::fs::create_dir(sample.path().join("carpeta.png")).unwrap();
    let csv = sample.path().join("x.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER}1,emision,a,,Nora Díaz Mego,44556677,2019-05-14,ndiaz@regioncajamarca.gob.pe,carpeta.png,no-existe.png,,,,,\n"
        ),
    )
    .unwrap();
    let before = list_json(s);
    let out = mesa(s).arg("import").arg(&csv).output().unwrap();
    assert!(!out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("columna photo: no se puede leer el archivo carpeta.png (es una carpeta)"),
        "{err}"
    );
    assert!(
        err.contains("columna signature: no se encuentra el archivo no-existe.png"),
        "{err}"
    );
    assert_eq!(list_json(s), before);
}

/// A CSV of `n` tickets with no attachments (installations), valid.
fn many(dir: &Path, n: usize) -> std::path::PathBuf {
    let mut csv = HEADER.to_string();
    for i in 0..n {
        csv += &format!(
            "{i},instalacion,,,Persona {i},{:08},,p{i}@regioncajamarca.gob.pe,,,,,,,CD-{:08}-1\n",
            20_000_000 + i,
            20_000_000 + i
        );
    }
    let path = dir.join("muchos.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

#[test]
fn sigterm_during_an_import_leaves_all_of_it_or_none() {
    let template = tempfile::tempdir().unwrap();
    let t = template.path();
    common::init_store(t);
    let csv = many(t, 3_000);
    // How long a whole import takes here, so the signals land across it.
    let probe = tempfile::tempdir().unwrap();
    common::copy_dir(t, probe.path());
    let started = std::time::Instant::now();
    let done = raw(probe.path()).arg("import").arg(&csv).output().unwrap();
    assert!(done.status.success(), "{}", stderr_of(&done));
    let whole = started.elapsed();
    let rounds = 10;
    let mut outcomes = [0usize; 2];
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        common::copy_dir(t, dir.path());
        let _ = std::fs::remove_file(dir.path().join("mesa.lock"));
        let mut child = raw(dir.path())
            .arg("import")
            .arg(&csv)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(whole.mul_f64(0.2 + 1.2 * round as f64 / rounds as f64));
        // bash's kill: SIGTERM, no extra crate.
        let _ = Command::new("bash")
            .args(["-c", &format!("kill -TERM {} 2>/dev/null", child.id())])
            .status();
        child.wait().unwrap();
        let s = dir.path();
        let count = serde_json::from_str::<serde_json::Value>(&list_json(s))
            .unwrap()
            .as_array()
            .unwrap()
            .len();
        match count {
            0 => outcomes[0] += 1,
            3_000 => outcomes[1] += 1,
            n => panic!("round {round}: {n} of 3000 tickets: half an import"),
        }
        assert!(verifies(s), "round {round}: the chain verifies");
    }
    eprintln!("SIGTERM outcomes (none, all): {outcomes:?} over a {whole:?} import");
}
