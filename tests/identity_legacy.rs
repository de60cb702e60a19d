//! A store made before passwords (the schema-1 fixture: analysts with no
//! password): the command line refuses its analysts until they choose one;
//! at the console (ratatui `TestBackend`, real sled store) the supervisor
//! chooses first, then the others; the command line then signs in with it.

mod common;
mod console_harness;

use std::path::{Path, PathBuf};

use console_harness::{H, now};
use crossterm::event::KeyCode;
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::store::Store;
use mesa::tui::app::{App, Screen};

const CHOSEN: &str = "Cajamarca-Baños-2026";

fn old_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixture: PathBuf =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/store-schema1/store");
    common::copy_dir(&fixture, dir.path());
    dir
}

/// A console at the sign-in on `path` (the store closes when it drops).
fn console(path: &Path) -> H {
    let desk = Desk::new(
        Store::open(path).unwrap(),
        Config::default(),
        Clock::Fixed(now()),
    );
    let mut app = App::login(
        desk.now(),
        desk.config.dispatch.clone(),
        desk.config.validation.clone(),
        false,
        "",
    );
    app.color = false;
    H {
        _dir: tempfile::tempdir().unwrap(),
        desk,
        app,
    }
}

fn error(h: &H) -> String {
    h.app
        .login
        .as_ref()
        .and_then(|l| l.error.clone())
        .unwrap_or_default()
}

fn cli(store: &Path, who: &str, password: &str) -> std::process::Output {
    common::mesa_bare(store)
        .args(["--as", who, "list", "--json"])
        .env("MESA_PASSWORD", password)
        .output()
        .unwrap()
}

#[test]
fn an_analyst_without_a_password_is_refused_at_the_command_line_saying_how() {
    let store = old_store();
    let out = cli(store.path(), "supervisor", "cualquier-cosa");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("«supervisor» aún no tiene contraseña"),
        "{err}"
    );
    assert!(err.contains("consola"), "{err}");
}

#[test]
fn the_supervisor_chooses_a_password_at_the_console_first_then_the_analysts() {
    let store = old_store();
    {
        let mut h = console(store.path());
        let names: Vec<String> = h
            .desk
            .analysts()
            .unwrap()
            .into_iter()
            .map(|a| a.name)
            .collect();
        assert!(names.contains(&"mvasquez".to_string()), "{names:?}");

        // An analyst first: asked to choose, but a supervisor must have.
        h.typ("mvasquez");
        h.key(KeyCode::Enter);
        h.typ("lo-que-sea");
        h.key(KeyCode::Enter);
        assert!(h.app.login.as_ref().unwrap().choosing, "{:?}", h.app.login);
        h.typ(CHOSEN);
        h.key(KeyCode::Enter);
        h.typ(CHOSEN);
        h.key(KeyCode::Enter);
        assert_eq!(h.app.screen, Screen::Login);
        assert!(error(&h).contains("primero un supervisor"), "{}", error(&h));
        assert!(h.desk.lacks_password("mvasquez").unwrap());

        // The supervisor: asked to choose, twice; then in.
        drop(h);
        let mut h = console(store.path());
        h.typ("supervisor");
        h.key(KeyCode::Enter);
        h.typ("lo-que-sea");
        h.key(KeyCode::Enter);
        assert!(h.app.login.as_ref().unwrap().choosing);
        h.typ(CHOSEN);
        h.key(KeyCode::Enter);
        h.typ("otra-cosa-distinta");
        h.key(KeyCode::Enter);
        assert!(error(&h).contains("no coinciden"), "{}", error(&h));
        h.typ(CHOSEN);
        h.key(KeyCode::Enter);
        h.typ(CHOSEN);
        h.key(KeyCode::Enter);
        assert_eq!(h.app.screen, Screen::Queue, "{}", error(&h));
        assert_eq!(h.app.actor, "supervisor");
        let set = h
            .desk
            .store
            .audit_last(5)
            .unwrap()
            .into_iter()
            .find(|e| e.action == "password_set")
            .expect("choosing is audited");
        assert_eq!(set.by, "supervisor");

        // Now the analyst may choose theirs.
        drop(h);
        let mut h = console(store.path());
        h.typ("mvasquez");
        h.key(KeyCode::Enter);
        h.typ("x");
        h.key(KeyCode::Enter);
        for _ in 0..2 {
            h.typ("Otra-Clave-Segura-1");
            h.key(KeyCode::Enter);
        }
        assert_eq!(h.app.screen, Screen::Queue, "{}", error(&h));
        // Once chosen, it is asked for, not chosen again.
        drop(h);
        let mut h = console(store.path());
        h.typ("mvasquez");
        h.key(KeyCode::Enter);
        h.typ("lo-que-sea");
        h.key(KeyCode::Enter);
        assert!(!h.app.login.as_ref().unwrap().choosing);
        assert_eq!(error(&h), "Nombre o contraseña incorrectos");
    }
    // The command line signs in with what was chosen.
    let out = cli(store.path(), "supervisor", CHOSEN);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !cli(store.path(), "supervisor", "lo-que-sea")
            .status
            .success()
    );
}
