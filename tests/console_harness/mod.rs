//! The console without a terminal, shared by the console test files: a
//! demo store (60 tickets, seed 1) at a fixed now, keys in, state and
//! screens out.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::store::Store;
use mesa::tui::action::Action;
use mesa::tui::app::{App, Effect, update};
use mesa::tui::{effects, views};

pub const NOW: &str = "2026-11-23T09:00:00-05:00";

pub struct H {
    pub _dir: tempfile::TempDir,
    pub desk: Desk,
    pub app: App,
}

pub fn now() -> DateTime<Utc> {
    // Every store these tests build starts from here: pin the recorded OS
    // account before anything is recorded.
    mesa::os_user::pin("prueba");
    DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn open() -> H {
    // Audit hashes on screen must not depend on who runs the tests.
    mesa::os_user::pin("prueba");
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("store")).unwrap();
    let mut desk = Desk::new(store, Config::default(), Clock::Fixed(now()));
    mesa::demo::generate(&mut desk, 60, 1).unwrap();
    // The console tests act as "beto", a supervisor of the demo store.
    desk.add_analyst_with_password(
        mesa::demo::SUPERVISOR,
        "beto",
        mesa::domain::role::Role::Supervisor,
        mesa::demo::PASSWORD,
    )
    .unwrap();
    let mut app = App::new(
        desk.now(),
        desk.config.dispatch.clone(),
        desk.config.validation.clone(),
        "beto",
    );
    app.color = false;
    let start = app.start();
    let mut h = H {
        _dir: dir,
        desk,
        app,
    };
    h.run(start);
    h
}

impl H {
    /// Runs effects to completion, feeding their results back; they act as
    /// whoever the console has signed in.
    pub fn run(&mut self, mut effects: Vec<Effect>) {
        while let Some(e) = effects.pop() {
            let actor = self.app.actor.clone();
            let result = effects::run(&self.desk, &actor, e);
            effects.extend(update(&mut self.app, result));
        }
    }
    pub fn send(&mut self, a: Action) {
        let effects = update(&mut self.app, a);
        self.run(effects);
    }
    pub fn key(&mut self, code: KeyCode) {
        self.send(Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
    pub fn ctrl(&mut self, c: char) {
        self.send(Action::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )));
    }
    pub fn typ(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }
    pub fn visible_ids(&self) -> Vec<String> {
        self.app
            .queue
            .visible
            .iter()
            .map(|i| self.app.queue.row(*i).id.clone())
            .collect()
    }
    pub fn status_text(&self) -> String {
        self.app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    }
    /// Puts the cursor on a ticket, through the filter as an analyst would.
    pub fn find(&mut self, id: &str) {
        self.key(KeyCode::Char('0'));
        self.key(KeyCode::Char('/'));
        self.typ(id);
        self.key(KeyCode::Enter);
        assert_eq!(self.visible_ids(), [id]);
    }
    /// The first ticket (arrival order) matching a condition.
    pub fn first(&self, want: impl Fn(&mesa::domain::Ticket) -> bool) -> mesa::domain::Ticket {
        self.desk
            .list(&Default::default())
            .unwrap()
            .into_iter()
            .find(|t| want(t))
            .expect("the demo has such a ticket")
    }
    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| views::draw(&self.app, f)).unwrap();
        t.backend().to_string()
    }
}
