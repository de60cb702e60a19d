//! One keystroke in the queue's filter → the frame redrawn, with 100,000
//! tickets in the store (target: under 16 ms). The store is generated once;
//! the queue index is built once, as when the console opens.
//!
//! `cargo bench --bench console` (MESA_BENCH_TICKETS overrides the count).

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::store::Store;
use mesa::tui::action::Action;
use mesa::tui::app::{App, update};
use mesa::tui::{effects, views};

fn key(app: &mut App, code: KeyCode) {
    let effects = update(app, Action::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    assert!(effects.is_empty(), "filtering never touches the store");
}

fn bench(c: &mut Criterion) {
    let count: u64 = std::env::var("MESA_BENCH_TICKETS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-23T09:00:00-05:00")
        .unwrap()
        .with_timezone(&Utc);
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::new(
        Store::open(dir.path()).unwrap(),
        Config::default(),
        Clock::Fixed(now),
    );
    let started = Instant::now();
    mesa::demo::generate(&desk, count, 1).unwrap();
    eprintln!("generated {count} tickets in {:?}", started.elapsed());
    let started = Instant::now();
    let rows = effects::load_queue(&desk).unwrap();
    eprintln!("queue index built in {:?}", started.elapsed());

    let mut app = App::new(
        now,
        desk.config.dispatch.clone(),
        desk.config.validation.clone(),
        "bench",
    );
    app.size = (120, 40);
    update(&mut app, Action::QueueLoaded(Ok(rows)));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    key(&mut app, KeyCode::Char('/'));

    // Typing "rosa" and erasing it: eight keystrokes, each redrawn. The
    // first letter and every erase scan all rows; the others narrow.
    let keys: Vec<KeyCode> = "rosa"
        .chars()
        .map(KeyCode::Char)
        .chain(std::iter::repeat_n(KeyCode::Backspace, 4))
        .collect();
    c.bench_function(
        &format!("filter keystroke + redraw, {count} tickets"),
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    for k in &keys {
                        key(&mut app, *k);
                        terminal.draw(|f| views::draw(&app, f)).unwrap();
                    }
                    total += start.elapsed() / keys.len() as u32;
                }
                total
            })
        },
    );
    // The slowest single keystroke: the first letter, over every row.
    c.bench_function(&format!("first letter + redraw, {count} tickets"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                key(&mut app, KeyCode::Char('r'));
                terminal.draw(|f| views::draw(&app, f)).unwrap();
                total += start.elapsed();
                key(&mut app, KeyCode::Backspace);
            }
            total
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
