//! One channel of actions for the loop: terminal input (key presses only),
//! a slow tick for the clocks, SIGTERM, and the results of background work.

use std::time::Duration;

use crossterm::event::{Event, EventStream, KeyEventKind, MouseEventKind};
use futures::StreamExt;
use tokio::sync::mpsc;

use super::action::{Action, Command};

/// Turns one terminal event into an action, if it means anything.
pub fn translate(event: Event) -> Option<Action> {
    match event {
        // Terminals that report releases and repeats would act twice.
        Event::Key(k) if k.kind == KeyEventKind::Press => Some(Action::Key(k)),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(_) => Some(Action::Click {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Scroll(3)),
            MouseEventKind::ScrollUp => Some(Action::Scroll(-3)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}

/// Starts the input, tick and signal tasks; results of effects are sent on
/// the same `tx` by the loop.
pub fn spawn_sources(
    tx: mpsc::UnboundedSender<Action>,
    now: impl Fn() -> chrono::DateTime<chrono::Utc> + Send + 'static,
) {
    let input = tx.clone();
    tokio::spawn(async move {
        let mut events = EventStream::new();
        while let Some(event) = events.next().await {
            match event {
                Ok(e) => {
                    if let Some(a) = translate(e)
                        && input.send(a).is_err()
                    {
                        break;
                    }
                }
                Err(e) => {
                    tracing::error!(error = %e, "terminal input failed");
                    super::terminal::mark_gone();
                    let _ = input.send(Action::Cmd(Command::Quit));
                    break;
                }
            }
        }
    });
    let tick = tx.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(1));
        loop {
            every.tick().await;
            if tick.send(Action::Tick(now())).is_err() {
                break;
            }
        }
    });
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let (Ok(mut term), Ok(mut hup)) = (
            signal(SignalKind::terminate()),
            signal(SignalKind::hangup()),
        ) else {
            return;
        };
        tokio::select! {
            _ = term.recv() => tracing::info!("SIGTERM"),
            _ = hup.recv() => {
                tracing::info!("SIGHUP");
                super::terminal::mark_gone();
            }
        }
        let _ = tx.send(Action::Cmd(Command::Quit));
    });
}
