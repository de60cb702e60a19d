//! The Spanish manual (`docs/manual/`) says what the program does: its key
//! tables are the console's keymap (the lines `?` shows), and its emails
//! are what `mesa mail preview todos` prints. Each is a block between
//! markers that this test compares with the program; when they drift it
//! fails. `MESA_UPDATE_MANUAL=1 cargo test --test docs_manual` rewrites
//! the blocks from the program.

use std::path::Path;
use std::process::Command;

fn block(file: &str, name: &str, fresh: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/manual")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let (open, close) = (format!("<!-- {name} -->\n"), format!("<!-- /{name} -->"));
    let start = text.find(&open).expect("the block's opening marker") + open.len();
    let end = text.find(&close).expect("the block's closing marker");
    let wanted = format!("```text\n{fresh}```\n");
    if std::env::var_os("MESA_UPDATE_MANUAL").is_some() {
        std::fs::write(&path, format!("{}{wanted}{}", &text[..start], &text[end..])).unwrap();
        return;
    }
    assert_eq!(
        &text[start..end],
        wanted,
        "docs/manual/{file} no longer says what the program does: \
         run `MESA_UPDATE_MANUAL=1 cargo test --test docs_manual` and read the change"
    );
}

#[test]
fn the_manual_lists_every_key_of_every_screen() {
    let mut fresh = String::new();
    for line in mesa::tui::views::help::lines(None) {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        fresh.push_str(text.trim_end());
        fresh.push('\n');
    }
    block("teclas.md", "teclas", &fresh);
}

#[test]
fn the_manual_shows_every_email_as_sent() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_mesa"))
            .args(args)
            .env("MESA_STORE", dir.path().join("s"))
            .env("MESA_NOW", "2026-11-23T09:00:00-05:00")
            .env("MESA_ANALYST", "supervisor")
            .env("MESA_PASSWORD", "clave-de-prueba-2026")
            .env("MESA_NEW_PASSWORD", "clave-de-prueba-2026")
            .env_remove("MESA_CONFIG")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["init", "--supervisor", "supervisor"]);
    let preview = run(&["mail", "preview", "todos"]);
    let fresh: String = preview
        .lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect();
    block("correos.md", "correos", &fresh);
}
