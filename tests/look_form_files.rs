//! The intake form reads a photo as soon as its path is typed: a text file
//! named `foto.jpg` is refused on leaving the field, before any save, and a
//! real photo is not.

mod console_harness;

use crossterm::event::KeyCode;

fn photo_field_after_typing(h: &mut console_harness::H, path: &str) {
    h.key(KeyCode::Char('n'));
    // kind, motive, name, DNI, DNI issue date, email, then the photo.
    for _ in 0..6 {
        h.key(KeyCode::Tab);
    }
    h.typ(path);
    h.key(KeyCode::Tab);
}

#[test]
fn a_text_file_named_like_a_photo_is_refused_on_leaving_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("foto.jpg");
    std::fs::write(&fake, "esto no es una foto\n").unwrap();
    let mut h = console_harness::open();
    photo_field_after_typing(&mut h, fake.to_str().unwrap());
    let screen = h.screen(120, 40);
    assert!(
        screen.contains("no es una imagen JPEG o PNG legible"),
        "the form still shows the photo as fine:\n{screen}"
    );
}

#[test]
fn a_real_photo_passes_on_leaving_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("foto.png");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/sample/fotos/41234567.png"
        ),
        &real,
    )
    .unwrap();
    let mut h = console_harness::open();
    photo_field_after_typing(&mut h, real.to_str().unwrap());
    let screen = h.screen(120, 40);
    assert!(
        !screen.contains("no es una imagen JPEG o PNG legible"),
        "{screen}"
    );
    assert!(!screen.contains("no se encuentra el archivo"), "{screen}");
}
