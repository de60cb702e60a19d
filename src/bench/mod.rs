//! The measured operations of the performance table (docs/performance.md), shared by the
//! criterion benches (`cargo bench`) and `mesa bench`, which prints the
//! table. Each function does what the console or the command line does,
//! through the same code, and returns how long it took.

pub mod fixtures;
pub mod pty;
pub mod shared;
pub mod taskwarrior;
pub mod team;

use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::desk::Desk;
use crate::tui::action::Action;
use crate::tui::app::{App, update};
use crate::tui::{effects, views};

/// The terminal every frame is drawn into.
pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;

/// The console over an open desk, drawing into a `TestBackend`.
pub struct Console {
    pub desk: Desk,
    pub app: App,
    pub terminal: Terminal<TestBackend>,
}

impl Console {
    fn new(desk: Desk) -> Console {
        let mut app = App::new(
            desk.now(),
            desk.config.dispatch.clone(),
            desk.config.validation.clone(),
            "bench",
        );
        app.size = (WIDTH, HEIGHT);
        Console {
            desk,
            app,
            terminal: Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test backend"),
        }
    }

    pub fn draw(&mut self) {
        let app = &self.app;
        self.terminal
            .draw(|f| views::draw(app, f))
            .expect("drawing into memory");
    }

    /// Reads the whole queue, as the console does in the background.
    pub fn load_all(&mut self) -> anyhow::Result<Duration> {
        let started = Instant::now();
        let index = effects::load_queue(&self.desk).map_err(anyhow::Error::msg)?;
        update(&mut self.app, Action::QueueLoaded(Ok(index)));
        Ok(started.elapsed())
    }

    /// One key, then the frame drawn.
    pub fn key(&mut self, code: KeyCode) -> Duration {
        let started = Instant::now();
        let effects = update(
            &mut self.app,
            Action::Key(KeyEvent::new(code, KeyModifiers::NONE)),
        );
        debug_assert!(effects.is_empty(), "filtering never touches the store");
        self.draw();
        started.elapsed()
    }

    /// The text on screen.
    pub fn screen(&self) -> String {
        self.terminal.backend().to_string()
    }
}

/// Opens the store and draws the console's first frame, as `mesa` does:
/// the console with the first page of the queue and the stored counts.
pub fn open_first_frame(store: &Path) -> anyhow::Result<(Console, Duration)> {
    let started = Instant::now();
    let desk = fixtures::open_desk(store)?;
    let mut console = Console::new(desk);
    let page = effects::first_page(&console.desk).map_err(anyhow::Error::msg)?;
    update(&mut console.app, Action::QueueLoaded(Ok(page)));
    console.draw();
    Ok((console, started.elapsed()))
}

/// The console with the whole queue loaded and the filter open.
pub fn console_filtering(store: &Path) -> anyhow::Result<Console> {
    let (mut console, _) = open_first_frame(store)?;
    console.load_all()?;
    console.key(KeyCode::Char('/'));
    Ok(console)
}

/// What the analyst types, one key at a time: a name, erased again. The
/// first letter and every erase are the expensive keys (the first letter
/// looks at every row; erasing returns to an earlier result).
pub const TYPED: &str = "rosa";

/// Types [`TYPED`] and erases it; each key's time (key + frame).
pub fn type_and_erase(console: &mut Console) -> Vec<Duration> {
    let mut times: Vec<Duration> = TYPED
        .chars()
        .map(|c| console.key(KeyCode::Char(c)))
        .collect();
    times.extend((0..TYPED.len()).map(|_| console.key(KeyCode::Backspace)));
    times
}

/// Seals the batch of a copy of `template` ([`fixtures::batch_store`]) and
/// exports it into `out`.
pub fn seal_and_export(store: &Path, out: &Path) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let desk = Desk::new(
        fixtures::open_store(store)?,
        crate::config::Config::default(),
        crate::clock::Clock::Fixed(fixtures::batch_now()),
    );
    let batch = match desk.seal(None, None, crate::demo::SUPERVISOR)? {
        crate::store::Sealed::New(b) => b,
        other => anyhow::bail!("the batch was already sealed: {other:?}"),
    };
    anyhow::ensure!(batch.tickets.len() as u64 == fixtures::BATCH_TICKETS);
    desk.export_batch(&batch, out, crate::demo::SUPERVISOR)?;
    Ok(started.elapsed())
}

/// Imports the CSV at `csv` into the (empty) store at `store`, as
/// `mesa import` does.
pub fn import(store: &Path, csv: &Path) -> anyhow::Result<Duration> {
    let bytes = std::fs::read(csv)?;
    let base = csv.parent().unwrap_or(Path::new("."));
    let started = Instant::now();
    let desk = fixtures::open_desk(store)?;
    crate::demo::staff(&desk)?;
    let ids = desk
        .import_csv(&bytes, base, crate::demo::SUPERVISOR)
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    anyhow::ensure!(ids.len() == fixtures::IMPORT_ROWS, "{} imported", ids.len());
    Ok(started.elapsed())
}

/// This process's resident memory now and at its peak, in bytes (Linux).
pub fn rss() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = |name: &str| -> Option<u64> {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse::<u64>()
            .ok()
            .map(|k| k * 1024)
    };
    Some((kb("VmRSS:")?, kb("VmHWM:")?))
}

/// The console on `store`, as an analyst keeps it open: first frame, whole
/// queue, a search typed and erased. Returns (resident, peak) bytes. Run it
/// in a process of its own (`mesa bench --rss STORE`).
pub fn console_memory(store: &Path) -> anyhow::Result<(u64, u64)> {
    let mut console = console_filtering(store)?;
    type_and_erase(&mut console);
    rss().ok_or_else(|| anyhow::anyhow!("/proc/self/status unreadable"))
}
