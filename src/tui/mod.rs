//! The analyst console: `mesa` with no subcommand. A thin layer over the
//! same desk actions as the command line.

pub mod acting;
pub mod action;
pub mod app;
pub mod audit;
pub mod batch;
pub mod certs;
pub mod close;
pub mod copy;
pub mod correct;
pub mod effects;
pub mod event;
pub mod filter_history;
pub mod filter_input;
pub mod form;
pub mod form_files;
pub mod keymap;
pub mod keys_config;
pub mod line_form;
pub mod links;
pub mod list_click;
mod live;
pub mod login;
pub mod login_effects;
pub mod modals;
pub mod outbox;
pub mod palette;
pub mod people;
pub mod photo;
pub mod queue_index;
mod queue_load;
pub mod queue_open;
pub mod queue_search;
pub mod queue_shown;
pub mod reassign;
pub mod reports;
pub mod requests;
pub mod safety;
pub mod saved;
pub mod screens;
pub mod tabbed;
pub mod team;
pub mod terminal;
pub mod theme;
pub mod views;

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;

use crate::desk::Desk;
use action::Action;
use app::{App, Effect, update};

/// Sets up logging to `<store>/logs/` (rotated by size), returning the
/// guard that flushes it.
pub fn init_logging(desk: &Desk) -> Option<tracing_appender::non_blocking::WorkerGuard> {
    crate::mail::log::init(desk.store_dir())
}

/// Whether colors are wanted (https://no-color.org).
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Opens the console on the desk and runs it until the analyst quits. It
/// starts at the sign-in: `actor` (from `--as`, may be empty) is tried at
/// once; a store with no analyst asks for its first supervisor.
pub fn run(desk: Desk, actor: &str) -> anyhow::Result<()> {
    require_terminal()?;
    let _log = init_logging(&desk);
    tracing::info!(store = %desk.store_dir().display(), %actor, "console opened");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let result = runtime.block_on(run_loop(Arc::new(desk), actor.to_string()));
    terminal::restore();
    // Not a plain drop, which waits for every task: the terminal reader
    // spins inside its poll once the terminal is closed, and a store call
    // of the mail sender may be waiting on the network; neither may keep
    // a console that was told to quit alive.
    runtime.shutdown_timeout(Duration::from_millis(500));
    if let Err(e) = &result {
        tracing::error!(error = %e, "console failed");
    }
    tracing::info!("console closed");
    result
}

async fn run_loop(desk: Arc<Desk>, actor: String) -> anyhow::Result<()> {
    let mut guard = terminal::init()?;
    photo::query_terminal();
    let size = guard.terminal.size()?;
    let first_run = desk.analysts()?.is_empty();
    let mut app = App::login(
        desk.now(),
        desk.config.dispatch.clone(),
        desk.config.validation.clone(),
        first_run,
        &actor,
    );
    if first_run && let Some(l) = app.login.as_mut() {
        l.store = Some(desk.store_dir().display().to_string());
    }
    app.color = color_wanted();
    app.light = desk.config.console.light;
    app.size = (size.width, size.height);
    keys_config::apply(&desk.config.keys);
    theme::apply(&desk.config.console.colors);
    if !crate::store::private::exposed(desk.store_dir()).is_empty() {
        app.status = Some(app::StatusLine {
            text: crate::strings::hostile::store_exposed_short(desk.store_dir()),
            level: app::Level::Error,
        });
    }
    // The first frame shows the queue's first rows and the stored counts at
    // once; the whole queue follows from `LoadQueue`.
    if let Ok(page) = effects::first_page(&desk) {
        update(&mut app, Action::QueueLoaded(Ok(page)));
    }
    let (tx, mut rx) = mpsc::unbounded_channel::<Action>();
    let clock_desk = desk.clone();
    event::spawn_sources(tx.clone(), move || clock_desk.now());
    let sender = start_sender(&desk, &mut app);
    live::start(&desk, &tx);
    let mut pending = tokio::task::JoinSet::new();
    let start = match desk.store.db_login() {
        // The shared database proved who this is: no password box.
        Some(l) => login::signed_in(
            &mut app,
            login_effects::run(&desk, login::LoginEffect::Proven { name: l.name }),
        ),
        None => app.start(),
    };
    spawn_effects(&mut pending, &desk, &app.actor, &tx, start, &sender);
    let mut last_draw: Option<Instant> = None;
    loop {
        if app.dirty {
            // At most one frame every 10 ms; the next action wakes us anyway.
            if let Some(at) = last_draw {
                let since = at.elapsed();
                if since < Duration::from_millis(10) {
                    tokio::time::sleep(Duration::from_millis(10) - since).await;
                }
            }
            if !terminal::is_gone()
                && let Err(e) = guard.terminal.draw(|f| views::draw(&app, f))
            {
                // The terminal went away (window closed): stop drawing, let
                // the writes under way finish, end quietly.
                tracing::warn!(error = %e, "terminal gone");
                terminal::mark_gone();
                app.quit = true;
            }
            app.dirty = false;
            last_draw = Some(Instant::now());
        }
        if let Some(text) = app.clipboard.take()
            && !terminal::is_gone()
        {
            use std::io::Write;
            let w = guard.terminal.backend_mut();
            let _ = w.write_all(copy::osc52(&text).as_bytes());
            let _ = w.flush();
        }
        if app.quit {
            break;
        }
        let Some(first) = rx.recv().await else {
            break;
        };
        let mut actions = vec![first];
        while let Ok(more) = rx.try_recv() {
            actions.push(more);
        }
        for a in actions {
            let effects = update(&mut app, a);
            // Effects act as whoever is signed in when they are asked for.
            spawn_effects(&mut pending, &desk, &app.actor, &tx, effects, &sender);
        }
        while pending.try_join_next().is_some() {}
    }
    // Writes under way finish before the terminal is given back.
    while pending.join_next().await.is_some() {}
    // This console is no longer here.
    if let Err(e) = desk.store.leave(&team::console_key()) {
        tracing::warn!(error = %e, "heartbeat not removed");
    }
    if let Some((handle, task)) = sender {
        handle.stop();
        // A delivery under way gets a moment to be recorded; past that the
        // message stays pending and goes again (same Message-ID) next time.
        if tokio::time::timeout(Duration::from_secs(3), task)
            .await
            .is_err()
        {
            tracing::warn!("mail sender still busy at exit");
        }
    }
    guard.close();
    Ok(())
}

/// The console draws on a terminal and reads keys from it: a pipe or a
/// file on either side gets a clear word instead of a system error (and,
/// checked before the store is opened, a first run creates nothing).
pub fn require_terminal() -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(crate::strings::words::no_terminal());
    }
    Ok(())
}

/// Whether the console ended because its terminal went away: a quiet end.
pub fn terminal_gone(_e: &anyhow::Error) -> bool {
    terminal::is_gone()
}

type Sender = Option<(
    crate::desk::mailing::SenderHandle,
    tokio::task::JoinHandle<()>,
)>;

/// Delivers mail while the console is open, with the same settings and
/// transport as `mesa mail flush`. Wrong settings do not stop the console:
/// the outbox screen says why nothing goes out.
fn start_sender(desk: &Arc<Desk>, app: &mut App) -> Sender {
    match crate::desk::mailing::start(desk.clone()) {
        Ok((handle, task)) => {
            app.screens.sender = screens::MailSender::Running(handle.description().to_string());
            Some((handle, task))
        }
        Err(why) => {
            tracing::warn!(error = %why, "mail sender not started");
            app.screens.sender = screens::MailSender::Failed(why);
            None
        }
    }
}

fn spawn_effects(
    pending: &mut tokio::task::JoinSet<()>,
    desk: &Arc<Desk>,
    actor: &str,
    tx: &mpsc::UnboundedSender<Action>,
    effects: Vec<Effect>,
    sender: &Sender,
) {
    for e in effects {
        let desk = desk.clone();
        let actor = actor.to_string();
        let tx = tx.clone();
        let wake = sender
            .as_ref()
            .filter(|_| screens::wakes_sender(&e))
            .map(|(handle, _)| handle.clone());
        pending.spawn(async move {
            let result = tokio::task::spawn_blocking(move || effects::run(&desk, &actor, e)).await;
            if let Some(handle) = wake {
                handle.wake();
            }
            match result {
                Ok(action) => {
                    let _ = tx.send(action);
                }
                Err(e) => {
                    // A panic there already restored the terminal: stop.
                    tracing::error!(error = %e, "background work failed");
                    let _ = tx.send(Action::Cmd(action::Command::Quit));
                }
            }
        });
    }
}
