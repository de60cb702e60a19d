//! Hostile backups: entries named outside the store (`../`, absolute,
//! symlinks, devices), entries the manifest does not list, and bombs. Each
//! is refused by `restore --check` and by `restore`, and nothing is written
//! anywhere: not the target, not beside it, not where the name points.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use common::{ANALYST, mesa, mesa_bare, stderr_of};
use zip::write::SimpleFileOptions;

/// A real backup of a fresh store (supervisor + analyst), in its own dir.
fn real_backup() -> (tempfile::TempDir, tempfile::TempDir, PathBuf) {
    let store = tempfile::tempdir().unwrap();
    let copies = tempfile::tempdir().unwrap();
    let file = copies.path().join("copia.zip");
    mesa(store.path())
        .args(["backup", "--out"])
        .arg(&file)
        .assert()
        .success();
    (store, copies, file)
}

fn sha(bytes: &[u8]) -> String {
    mesa::media::sha256_hex(bytes)
}

/// Copies `from` into `to`, lets `manifest` edit the manifest, then adds
/// `extra` entries (name, bytes, symlink?).
fn forge(
    from: &Path,
    to: &Path,
    manifest: impl Fn(&mut serde_json::Value),
    extra: &[(String, Vec<u8>, bool)],
) {
    let mut input = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    let opts = SimpleFileOptions::default();
    for i in 0..input.len() {
        let mut f = input.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == "mesa-backup.json" {
            let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            manifest(&mut v);
            bytes = serde_json::to_vec(&v).unwrap();
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&bytes).unwrap();
    }
    for (name, bytes, symlink) in extra {
        if *symlink {
            out.add_symlink(name.as_str(), String::from_utf8_lossy(bytes), opts)
                .unwrap();
        } else {
            out.start_file(name.as_str(), opts).unwrap();
            out.write_all(bytes).unwrap();
        }
    }
    out.finish().unwrap();
}

/// Lists the attachment `name` in the manifest with the hash of `bytes`,
/// and adds the entry `adjuntos/<name>` holding them.
fn with_attachment(from: &Path, to: &Path, name: &str, bytes: &[u8]) {
    let part = serde_json::json!({"name": name, "sha256": sha(bytes), "bytes": bytes.len()});
    forge(
        from,
        to,
        |m| m["attachments"].as_array_mut().unwrap().push(part.clone()),
        &[(format!("adjuntos/{name}"), bytes.to_vec(), false)],
    );
}

/// Every file under `dir`, recursively.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            out.push(e.path());
            if e.file_type().unwrap().is_dir() {
                out.extend(tree(&e.path()));
            }
        }
    }
    out.sort();
    out
}

/// `restore --check` refuses the copy, and `restore` (as the supervisor
/// and as the analyst) refuses it too, writing nothing under `area`.
fn refused_everywhere(copy: &Path, area: &Path, why: &str) {
    let before = tree(area);
    let target = area.join("nuevo");
    let out = mesa_bare(&target)
        .args(["restore", "--check"])
        .arg(copy)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(!out.status.success(), "{why}: --check accepted it");
    assert!(err.contains("rechazada"), "{why}: {err}");
    assert!(!err.contains("completa y verificada"), "{why}: {err}");
    for who in ["supervisor", ANALYST] {
        let out = mesa_bare(&target)
            .args(["--as", who, "restore"])
            .arg(copy)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{why}: restored as {who}");
        assert_eq!(tree(area), before, "{why}: {who}'s restore wrote files");
    }
}

#[test]
fn attachment_names_leaving_the_store_are_refused_and_nothing_is_written() {
    let (_store, copies, file) = real_backup();
    // The area the forged names aim at: target is area/nuevo, its
    // attachments area/nuevo/attachments, so ../../ lands in area.
    let area = tempfile::tempdir().unwrap();
    let abs = area.path().join("absoluta.txt");
    let evil = copies.path().join("mala.zip");
    for name in [
        "../../escrito.txt".to_string(),
        "../../../escrito.txt".to_string(),
        abs.display().to_string(),
        "a/../../../escrito.txt".to_string(),
        "..\\..\\escrito.txt".to_string(),
        "nombre\u{0}oculto".to_string(),
        // A valid-looking name whose hash does not match its bytes is
        // another defect (altered), but this one is a hex name of 63.
        "abc".to_string(),
    ] {
        with_attachment(&file, &evil, &name, b"contenido ajeno");
        refused_everywhere(&evil, area.path(), &name);
        assert!(!abs.exists());
    }
}

#[test]
fn entries_the_manifest_does_not_list_symlinks_and_directories_are_refused() {
    let (_store, copies, file) = real_backup();
    let area = tempfile::tempdir().unwrap();
    let evil = copies.path().join("mala.zip");
    let cases: Vec<(String, Vec<u8>, bool)> = vec![
        ("../fuera.txt".into(), b"x".to_vec(), false),
        ("/tmp/fuera-mesa.txt".into(), b"x".to_vec(), false),
        ("adjuntos/enlace".into(), b"/etc/passwd".to_vec(), true),
        ("config.toml/../../x".into(), b"x".to_vec(), false),
        ("otro.bin".into(), b"x".to_vec(), false),
    ];
    for case in cases {
        forge(&file, &evil, |_| {}, std::slice::from_ref(&case));
        refused_everywhere(&evil, area.path(), &case.0);
    }
    // A symlink entry named like an attachment and listed in the manifest.
    let name = sha(b"/etc/passwd");
    let part = serde_json::json!({"name": name, "sha256": sha(b"/etc/passwd"), "bytes": 11});
    forge(
        &file,
        &evil,
        |m| m["attachments"].as_array_mut().unwrap().push(part.clone()),
        &[(format!("adjuntos/{name}"), b"/etc/passwd".to_vec(), true)],
    );
    refused_everywhere(&evil, area.path(), "symlink attachment");
}

#[test]
fn a_decompression_bomb_is_refused_without_reading_it_all() {
    let (_store, copies, file) = real_backup();
    let area = tempfile::tempdir().unwrap();
    let evil = copies.path().join("bomba.zip");
    // 100 MB of zeros deflate to about 100 KB; the manifest
    // claims they are an attachment (of that size and hash).
    let zeros = vec![0u8; 100 << 20];
    let name = sha(&zeros);
    let part = serde_json::json!({"name": name, "sha256": name, "bytes": zeros.len()});
    let mut input = zip::ZipArchive::new(std::fs::File::open(&file).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(&evil).unwrap());
    for i in 0..input.len() {
        let mut f = input.by_index(i).unwrap();
        let n = f.name().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if n == "mesa-backup.json" {
            let mut v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            v["attachments"].as_array_mut().unwrap().push(part.clone());
            bytes = serde_json::to_vec(&v).unwrap();
        }
        out.start_file(n, SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.start_file(
        format!("adjuntos/{name}"),
        SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true),
    )
    .unwrap();
    out.write_all(&zeros).unwrap();
    out.finish().unwrap();
    drop(zeros);
    assert!(std::fs::metadata(&evil).unwrap().len() < 5 << 20);
    refused_everywhere(&evil, area.path(), "bomb");
}

#[test]
fn a_backup_file_that_is_a_fifo_or_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("copia.zip");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let target = dir.path().join("nuevo");
    for (file, says) in [
        (fifo.as_path(), "no es un archivo común"),
        (Path::new("/dev/zero"), "no es un archivo común"),
        (dir.path(), "es una carpeta"),
    ] {
        for check in [true, false] {
            let mut cmd = mesa_bare(&target);
            cmd.args(["--as", "supervisor", "restore"]);
            if check {
                cmd.arg("--check");
            }
            let out = cmd
                .arg(file)
                .timeout(std::time::Duration::from_secs(60))
                .output()
                .unwrap();
            assert!(!out.status.success(), "{file:?}");
            assert!(
                stderr_of(&out).contains(says),
                "{file:?}: {}",
                stderr_of(&out)
            );
            assert!(!target.exists());
        }
    }
}

#[test]
fn a_manifest_carrying_terminal_escapes_is_refused_and_never_printed() {
    let (_store, copies, file) = real_backup();
    let area = tempfile::tempdir().unwrap();
    let evil = copies.path().join("escapes.zip");
    forge(
        &file,
        &evil,
        |m| m["created_by"] = serde_json::json!("supervisor\u{1b}]0;hola\u{7}\u{1b}[2J"),
        &[],
    );
    refused_everywhere(&evil, area.path(), "escapes");
    let out = mesa_bare(&area.path().join("nuevo"))
        .args(["restore", "--check"])
        .arg(&evil)
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
}

/// Rewrites the central-directory record of entry `name` in the zip at
/// `path` so that it declares the Unix file type `mode` (a character
/// device, a FIFO…): what the zip crate will not write itself.
fn set_unix_mode(path: &Path, name: &str, mode: u32) {
    let mut bytes = std::fs::read(path).unwrap();
    let sig = [0x50, 0x4b, 0x01, 0x02];
    let mut i = 0;
    let mut done = false;
    while i + 46 <= bytes.len() {
        if bytes[i..i + 4] == sig {
            let n = u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]) as usize;
            if &bytes[i + 46..i + 46 + n] == name.as_bytes() {
                bytes[i + 5] = 3; // made by: Unix
                bytes[i + 38..i + 42].copy_from_slice(&(mode << 16).to_le_bytes());
                done = true;
            }
        }
        i += 1;
    }
    assert!(done, "{name} not found");
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn device_and_fifo_entries_are_refused_even_under_a_valid_name() {
    let (_store, copies, file) = real_backup();
    let area = tempfile::tempdir().unwrap();
    let evil = copies.path().join("dispositivo.zip");
    let bytes = b"contenido".to_vec();
    let name = sha(&bytes);
    for mode in [0o020644, 0o010644, 0o060644] {
        with_attachment(&file, &evil, &name, &bytes);
        set_unix_mode(&evil, &format!("adjuntos/{name}"), mode);
        refused_everywhere(&evil, area.path(), &format!("mode {mode:o}"));
    }
    // The same copy with a plain file entry is accepted (the test forges
    // only the type).
    with_attachment(&file, &evil, &name, &bytes);
    set_unix_mode(&evil, &format!("adjuntos/{name}"), 0o100644);
    let out = mesa_bare(&area.path().join("x"))
        .args(["restore", "--check"])
        .arg(&evil)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
}
