//! Taking over the terminal and giving it back: on quit, on error, on
//! panic (any thread) and on SIGTERM.

use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

static ACTIVE: AtomicBool = AtomicBool::new(false);
/// The terminal went away (SIGHUP, the pty closed, drawing failed).
static GONE: AtomicBool = AtomicBool::new(false);

/// Notes that the terminal is gone: nothing more is drawn or written to
/// it, and the console ends quietly once its writes are done.
pub fn mark_gone() {
    GONE.store(true, Ordering::SeqCst);
}

pub fn is_gone() -> bool {
    GONE.load(Ordering::SeqCst)
}

/// Restores the terminal; safe to call more than once, from anywhere.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            LeaveAlternateScreen,
            crossterm::cursor::Show
        );
    }
}

/// Restores the terminal when dropped, whatever the way out.
pub struct Guard {
    pub terminal: Term,
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

impl Guard {
    /// Gives the terminal back. On a terminal that is gone, ratatui's own
    /// drop would report its failure to show the cursor on standard error
    /// (a closed pty too), which panics: it is skipped then.
    pub fn close(self) {
        if is_gone() {
            restore();
            std::mem::forget(self);
        }
    }
}

/// On a panic, on any thread: give the terminal back, write the panic to
/// the log, then report as usual. Installed once.
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            tracing::error!(panic = %info, "panic");
            previous(info);
        }));
    });
}

/// Enters raw mode and the alternate screen, and installs a panic hook that
/// restores the terminal and logs the panic before the default report.
pub fn init() -> io::Result<Guard> {
    install_panic_hook();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    if let Err(e) = execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture) {
        restore();
        return Err(e);
    }
    match Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(terminal) => Ok(Guard { terminal }),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    #[derive(Clone, Default)]
    struct Log(Arc<Mutex<Vec<u8>>>);

    impl io::Write for Log {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_panic_is_written_to_the_log() {
        install_panic_hook();
        let log = Log::default();
        let writer = log.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let _ = std::panic::catch_unwind(|| panic!("boom in the console"));
        });
        let text = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
        assert!(text.contains("boom in the console"), "{text}");
        assert!(text.contains("ERROR"), "{text}");
    }
}
