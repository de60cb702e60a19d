//! The console's trust screens: the first-run supervisor prompt, the
//! sign-in that must name an active analyst and give their password, role
//! refusals in the status line, and the audit screen (snapshots at 80×24
//! and 120×40).

mod console_harness;

use console_harness::{H, now, open};
use crossterm::event::KeyCode;
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::Status;
use mesa::domain::role::{Capability, Role};
use mesa::store::Store;
use mesa::tui::action::Action;
use mesa::tui::app::{App, Level, Screen};

fn snap(h: &mut H, name: &str) {
    for (w, ht) in [(80, 24), (120, 40)] {
        h.send(Action::Resize(w, ht));
        let screen = h.screen(w, ht);
        insta::assert_snapshot!(format!("{name}_{w}x{ht}"), screen);
    }
}

/// The demo store (60 tickets), with a console at its sign-in; `name` as
/// if given with `--as`.
fn at_sign_in(name: &str) -> H {
    let mut h = open();
    restart(&mut h, name);
    h
}

/// The demo staff's password typed in the sign-in box, and Enter.
fn give_password(h: &mut H) {
    h.typ(mesa::demo::PASSWORD);
    h.key(KeyCode::Enter);
}

/// A new console on the same store, at its sign-in; a name given (as with
/// `--as`) is followed by its password.
fn restart(h: &mut H, name: &str) {
    let mut app = App::login(
        h.desk.now(),
        h.desk.config.dispatch.clone(),
        h.desk.config.validation.clone(),
        false,
        name,
    );
    app.color = false;
    h.app = app;
    let start = h.app.start();
    h.run(start);
    if !name.is_empty() {
        give_password(h);
    }
}

/// A console at its sign-in on the store at `path` (inside `dir`).
fn console_on(dir: tempfile::TempDir, path: &std::path::Path, first_run: bool, name: &str) -> H {
    mesa::os_user::pin("prueba");
    let desk = Desk::new(
        Store::open(path).unwrap(),
        Config::default(),
        Clock::Fixed(now()),
    );
    let mut app = App::login(
        desk.now(),
        desk.config.dispatch.clone(),
        desk.config.validation.clone(),
        first_run,
        name,
    );
    app.color = false;
    let mut h = H {
        _dir: dir,
        desk,
        app,
    };
    let start = h.app.start();
    h.run(start);
    if !first_run && !name.is_empty() {
        give_password(&mut h);
    }
    h
}

fn signed_in(name: &str) -> H {
    let h = at_sign_in(name);
    assert_eq!(h.app.screen, Screen::Queue, "{}", h.status_text());
    h
}

#[test]
fn the_first_run_asks_for_the_supervisor_and_makes_them_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nuevo");
    let mut h = console_on(dir, &path, true, "");
    assert_eq!(
        h.app.screen,
        Screen::Login,
        "nothing happens before a name is given"
    );
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.login.as_ref().unwrap().error.as_deref(),
        Some("Escriba un nombre.")
    );
    h.typ("Ana");
    h.key(KeyCode::Enter);
    // A short password, or one that differs the second time, is refused
    // before anything is written.
    h.typ("corta");
    h.key(KeyCode::Enter);
    assert!(
        h.app
            .login
            .as_ref()
            .unwrap()
            .error
            .as_deref()
            .unwrap()
            .contains("al menos 10"),
        "{:?}",
        h.app.login
    );
    h.typ("Cajamarca-2026");
    h.key(KeyCode::Enter);
    h.typ("Cajamarca-2027");
    h.key(KeyCode::Enter);
    assert_eq!(
        h.app.login.as_ref().unwrap().error.as_deref(),
        Some("contraseña: las dos contraseñas escritas no coinciden")
    );
    assert!(h.desk.analysts().unwrap().is_empty());
    h.typ("Cajamarca-2026");
    h.key(KeyCode::Enter);
    h.typ("Cajamarca-2026");
    snap(&mut h, "first_run");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Queue, "{:?}", h.app.login);
    assert_eq!(h.app.actor, "ana");
    assert_eq!(h.app.role, Some(Role::Supervisor));
    assert!(
        h.status_text()
            .contains("ana es ahora el supervisor de este almacén"),
        "{}",
        h.status_text()
    );
    let all = h.desk.analysts().unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(
        (all[0].name.as_str(), all[0].role),
        ("ana", Role::Supervisor)
    );
    assert!(h.desk.sign_in("ana", "Cajamarca-2026", "prueba").is_ok());
}

#[test]
fn the_sign_in_must_name_an_active_analyst_and_give_their_password() {
    let mut h = at_sign_in("");
    assert_eq!(h.app.screen, Screen::Login);
    h.typ("intruso");
    h.key(KeyCode::Enter);
    h.typ(mesa::demo::PASSWORD);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Login, "an unknown name stays out");
    let error = h.app.login.as_ref().unwrap().error.clone().unwrap();
    // Neither which part was wrong nor who the analysts are.
    assert_eq!(error, "Nombre o contraseña incorrectos");
    snap(&mut h, "sign_in_refused");
    h.key(KeyCode::BackTab);
    h.ctrl('u');
    h.typ("mvasquez");
    h.key(KeyCode::Tab);
    h.typ("no-es-la-clave");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Login, "a wrong password stays out");
    assert_eq!(
        h.app.login.as_ref().unwrap().error.as_deref(),
        Some("Nombre o contraseña incorrectos")
    );
    give_password(&mut h);
    assert_eq!(h.app.screen, Screen::Queue);
    assert_eq!(
        (h.app.actor.as_str(), h.app.role),
        ("mvasquez", Some(Role::Analista))
    );
    assert_eq!(h.status_text(), "Ingresó mvasquez (analista).");
    assert_eq!(h.app.queue.len(), 60, "the queue loads once signed in");
    // The session is in the audit log.
    let last = h.desk.store.audit_last(1).unwrap().remove(0);
    assert_eq!(
        (last.action.as_str(), last.by.as_str()),
        ("login", "mvasquez")
    );
}

#[test]
fn a_disabled_analyst_cannot_sign_in_even_with_the_password() {
    // `--as mvasquez` and the password: to the queue.
    let mut h = signed_in("mvasquez");
    assert_eq!(h.app.role, Some(Role::Analista));
    h.desk.disable_analyst("supervisor", "jterrones").unwrap();
    restart(&mut h, "jterrones");
    assert_eq!(h.app.screen, Screen::Login);
    let error = h.app.login.as_ref().unwrap().error.clone().unwrap();
    assert!(
        error.contains("el analista jterrones está desactivado"),
        "{error}"
    );
}

#[test]
fn every_supervisor_action_is_refused_to_an_analyst_in_the_status_line() {
    let mut h = signed_in("mvasquez");
    for cap in Capability::SUPERVISOR {
        h.app.status = None;
        assert!(!mesa::tui::login::allowed(&mut h.app, cap));
        let st = h.app.status.clone().unwrap();
        assert_eq!(st.level, Level::Error);
        assert!(
            st.text.starts_with("mvasquez es analista: ")
                && st.text.ends_with(" es tarea del supervisor"),
            "{cap:?}: {}",
            st.text
        );
    }
    assert!(mesa::tui::login::allowed(&mut h.app, Capability::Work));
    // The audit key, as an analyst: refused where the keys are shown.
    h.app.status = None;
    h.key(KeyCode::Char('A'));
    assert_eq!(h.app.screen, Screen::Queue);
    assert_eq!(
        h.status_text(),
        "mvasquez es analista: consultar la auditoría es tarea del supervisor"
    );
    snap(&mut h, "audit_refused");
}

#[test]
fn the_desk_refuses_what_the_console_did_not_know_with_the_reason() {
    // Disabled by a supervisor while signed in: the next move is refused.
    let mut h = signed_in("mvasquez");
    h.desk.disable_analyst("supervisor", "mvasquez").unwrap();
    let t = h.first(|t| t.status == Status::Nuevo);
    h.find(&t.id);
    h.key(KeyCode::Char('t'));
    assert!(
        h.status_text()
            .contains("el analista mvasquez está desactivado"),
        "{}",
        h.status_text()
    );
    assert_eq!(h.desk.ticket(&t.id).unwrap().status, Status::Nuevo);
}

#[test]
fn the_audit_screen_shows_the_chain_and_one_person_s_entries() {
    let mut h = signed_in("supervisor");
    let t = h.first(|t| t.status == Status::Nuevo && t.kind.is_batched());
    h.find(&t.id);
    h.key(KeyCode::Char('t'));
    assert_eq!(h.desk.ticket(&t.id).unwrap().status, Status::EnAtencion);
    h.key(KeyCode::Esc);
    h.key(KeyCode::Char('A'));
    assert_eq!(h.app.screen, Screen::Audit);
    let page = h.app.audit.as_ref().unwrap().page.clone().unwrap();
    let (entries, _) = page.verified.clone().unwrap();
    assert_eq!(entries as usize, h.desk.store.audit_len());
    assert_eq!(page.entries[0].action, "take", "newest first");
    snap(&mut h, "audit");

    let dni = t.applicants[0].dni.clone();
    h.key(KeyCode::Char('/'));
    h.typ(&dni);
    h.key(KeyCode::Enter);
    let page = h.app.audit.as_ref().unwrap().page.clone().unwrap();
    assert_eq!(page.dni.as_deref(), Some(dni.as_str()));
    assert!(!page.entries.is_empty());
    assert!(page.entries.iter().all(|e| e.names(&dni)));
    assert_eq!(
        (
            page.entries[0].action.as_str(),
            page.entries[0].subject.as_str()
        ),
        ("take", t.id.as_str())
    );
    snap(&mut h, "audit_dni");
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen, Screen::Queue);
}

#[test]
fn the_audit_screen_names_the_first_broken_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let mut desk = Desk::new(
            Store::open(&path).unwrap(),
            Config::default(),
            Clock::Fixed(now()),
        );
        mesa::demo::generate(&mut desk, 20, 1).unwrap();
    }
    {
        // Someone edits entry 3 behind the desk's back.
        let db = sled::open(path.join("db")).unwrap();
        let tree = db.open_tree("audit").unwrap();
        let mut v: serde_json::Value =
            serde_json::from_slice(&tree.get(3u64.to_be_bytes()).unwrap().unwrap()).unwrap();
        v["data"]["by"] = "otra".into();
        tree.insert(3u64.to_be_bytes(), serde_json::to_vec(&v).unwrap())
            .unwrap();
        db.flush().unwrap();
    }
    let mut h = console_on(dir, &path, false, "supervisor");
    h.key(KeyCode::Char('A'));
    let page = h.app.audit.as_ref().unwrap().page.clone().unwrap();
    let broken = page.verified.unwrap_err();
    assert!(
        broken.starts_with("la auditoría está rota en la entrada #3 (") && broken.contains("otra"),
        "{broken}"
    );
    snap(&mut h, "audit_broken");
}
