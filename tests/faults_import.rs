//! Hostile imports: photo and signature columns that name files outside
//! the CSV's folder (absolute, `..`, symlinks, devices, FIFOs, /proc),
//! images that lie about their type or declare enormous sizes, and CSV
//! inputs that are not regular files or are too large. Each is refused
//! naming the line and column, nothing is copied into the store, and no
//! command hangs.

mod common;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use common::{list_json, mesa, sample_dir, stderr_of};

const ROW_PHOTO: &str = "fotos/45781236.jpg";

/// The sample's header and first ticket (an emission), with its photo
/// column replaced by `photo`.
fn one_ticket_csv(dir: &Path, photo: &str) -> std::path::PathBuf {
    let csv = std::fs::read_to_string(dir.join("solicitudes.csv")).unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    assert!(row.contains(ROW_PHOTO));
    let path = dir.join("una.csv");
    std::fs::write(
        &path,
        format!("{header}\n{}\n", row.replace(ROW_PHOTO, photo)),
    )
    .unwrap();
    path
}

fn attachments(store: &Path) -> Vec<String> {
    std::fs::read_dir(store.join("attachments"))
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// Imports with the photo column set to `photo`: refused, the message
/// names the column and contains `says`, and the store gained nothing.
fn refused(store: &Path, sample: &Path, photo: &str, says: &str) {
    let before = list_json(store);
    let files = attachments(store);
    let csv = one_ticket_csv(sample, photo);
    let out = mesa(store)
        .arg("import")
        .arg(&csv)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(!out.status.success(), "{photo}: imported");
    assert!(err.contains("photo"), "{photo}: {err}");
    assert!(err.contains(says), "{photo}: expected «{says}» in {err}");
    assert_eq!(list_json(store), before, "{photo}");
    assert_eq!(attachments(store), files, "{photo}: bytes copied");
}

fn a_valid_photo() -> Vec<u8> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample/fotos/45781236.jpg");
    std::fs::read(src).unwrap()
}

#[test]
fn attachments_outside_the_csv_folder_are_refused_and_nothing_is_copied() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = sample.path();
    // A valid photo just outside the CSV's folder, reachable by `..`,
    // by an absolute path and by a symlink inside the folder.
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("ajena.jpg");
    std::fs::write(&secret, a_valid_photo()).unwrap();
    let inner = s.join("adentro");
    std::fs::create_dir(&inner).unwrap();
    let rel_outside = format!(
        "../{}/ajena.jpg",
        outside.path().file_name().unwrap().to_string_lossy()
    );
    std::os::unix::fs::symlink(&secret, s.join("enlace.jpg")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", s.join("passwd.jpg")).unwrap();
    std::os::unix::fs::symlink(outside.path(), s.join("carpeta")).unwrap();

    // Moving the sample folder under `outside` would not change the
    // outcome: the checks are against the CSV's own folder.
    let cases: Vec<(String, &str)> = vec![
        (secret.display().to_string(), "ruta absoluta"),
        ("/etc/passwd".into(), "ruta absoluta"),
        ("/proc/self/environ".into(), "ruta absoluta"),
        (
            format!("../{}", rel_outside.trim_start_matches("../")),
            "fuera de la carpeta",
        ),
        ("fotos/../../x.jpg".into(), "fuera de la carpeta"),
        ("enlace.jpg".into(), "fuera de la carpeta"),
        ("passwd.jpg".into(), "fuera de la carpeta"),
        ("carpeta/ajena.jpg".into(), "fuera de la carpeta"),
        ("fotos\\45781236.jpg".into(), "caracteres"),
    ];
    for (photo, says) in cases {
        refused(store.path(), s, &photo, says);
    }
}

#[test]
fn devices_fifos_and_folders_are_refused_without_reading_or_hanging() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = sample.path();
    let fifo = s.join("tuberia.jpg");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", s.join("cero.jpg")).unwrap();
    refused(store.path(), s, "tuberia.jpg", "no es un archivo común");
    refused(store.path(), s, "cero.jpg", "fuera de la carpeta");
    refused(store.path(), s, "fotos", "es una carpeta");
}

#[test]
fn an_image_whose_content_is_not_the_type_its_name_claims_is_refused() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = sample.path();
    std::fs::write(s.join("foto.png"), a_valid_photo()).unwrap();
    refused(store.path(), s, "foto.png", "PNG");
}

/// A PNG of `w`×`h` gray pixels, all zero: tiny on disk, huge decoded.
fn gray_png(w: u32, h: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut crc_input = kind.to_vec();
        crc_input.extend(data);
        out.extend(&crc_input);
        out.extend(crc32(&crc_input).to_be_bytes());
    }
    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = 0xffff_ffffu32;
        for &b in bytes {
            c ^= b as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let row = vec![0u8; w as usize + 1];
    for _ in 0..h {
        z.write_all(&row).unwrap();
    }
    chunk(&mut out, b"IDAT", &z.finish().unwrap());
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn a_small_png_declaring_half_a_billion_pixels_is_refused_before_decoding() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = sample.path();
    let bomb = gray_png(20_000, 26_000);
    assert!(bomb.len() < 2 << 20, "{}", bomb.len());
    std::fs::write(s.join("bomba.png"), &bomb).unwrap();
    refused(store.path(), s, "bomba.png", "20000×26000");
}

#[test]
fn import_refuses_devices_fifos_folders_and_oversized_csvs() {
    let store = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("entrada.csv");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let big = dir.path().join("enorme.csv");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(mesa::desk::attachments::MAX_CSV_BYTES + 1)
        .unwrap();
    let before = list_json(store.path());
    for (input, says) in [
        (Path::new("/dev/zero"), "no es un archivo común"),
        (fifo.as_path(), "no es un archivo común"),
        (dir.path(), "es una carpeta"),
        (big.as_path(), "MB"),
    ] {
        for cmd in [vec!["import"], vec!["people", "import"]] {
            let out = mesa(store.path())
                .args(&cmd)
                .arg(input)
                .timeout(Duration::from_secs(60))
                .output()
                .unwrap();
            let err = stderr_of(&out);
            assert!(!out.status.success(), "{cmd:?} {input:?}");
            assert!(err.contains(says), "{cmd:?} {input:?}: {err}");
        }
    }
    assert_eq!(list_json(store.path()), before);
}

#[test]
fn a_file_that_is_not_an_image_is_refused_and_never_copied() {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = sample.path();
    std::fs::write(s.join("notas.jpg"), "clave del correo: secreto\n").unwrap();
    std::fs::write(s.join("vacia.png"), b"").unwrap();
    refused(
        store.path(),
        s,
        "notas.jpg",
        "no es una imagen JPEG o PNG legible",
    );
    refused(
        store.path(),
        s,
        "vacia.png",
        "no es una imagen JPEG o PNG legible",
    );
}
