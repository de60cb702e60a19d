//! Standard output of the command line, in one place: every line the CLI
//! prints goes through `outln!` / `out!`, which write to a locked stdout and
//! turn a closed pipe (`mesa list | head -1`) into `Closed`, a quiet end.
//! Every line is also made harmless for the terminal on its way out
//! (`sanitize::visible`): escape sequences in stored text are shown, not
//! obeyed.

use std::fmt;
use std::io::{self, Write};

/// Standard output was closed by the reader (a pipe to `head`, a closed
/// terminal): not a failure, the command ends quietly (`main` exits 0).
#[derive(Debug)]
pub struct Closed;

impl fmt::Display for Closed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::strings::words::output_closed())
    }
}

impl std::error::Error for Closed {}

/// Whether this error is our closed standard output (anywhere in its
/// chain). Only `Closed` counts: a broken pipe elsewhere (an SMTP server
/// hanging up) is a real failure.
pub fn is_closed(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.is::<Closed>())
}

/// Writes to standard output; a closed pipe becomes `Closed`, any other
/// failure a Spanish system error.
pub fn write(args: fmt::Arguments<'_>, newline: bool) -> anyhow::Result<()> {
    let text = match args.as_str() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(args.to_string()),
    };
    let text = crate::sanitize::visible(&text);
    let mut stdout = io::stdout().lock();
    let result = stdout.write_all(text.as_bytes()).and_then(|()| {
        if newline {
            stdout.write_all(b"\n")?;
        }
        stdout.flush()
    });
    match result {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Err(Closed.into()),
        Err(e) => Err(anyhow::anyhow!(crate::strings::words::io_error(&e))),
    }
}

/// `println!` for the CLI: returns `anyhow::Result<()>`, to be `?`-ed.
macro_rules! outln {
    () => {
        $crate::cli::out::write(format_args!(""), true)
    };
    ($($arg:tt)*) => {
        $crate::cli::out::write(format_args!($($arg)*), true)
    };
}

/// `print!` for the CLI: returns `anyhow::Result<()>`, to be `?`-ed.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::out::write(format_args!($($arg)*), false)
    };
}

/// Writes an error line to standard error, never panicking (a closed
/// terminal or pipe there is ignored: nobody is left to read it).
pub fn error_line(text: &str) {
    let text = crate::sanitize::visible(text);
    let _ = writeln!(io::stderr().lock(), "mesa: {text}");
}

/// A progress note on standard error (never panics, as `error_line`).
pub fn note(text: &str) {
    let text = crate::sanitize::visible(text);
    let _ = writeln!(io::stderr().lock(), "{text}");
}

/// A safety net for any `println!` that does not go through `outln!` (code
/// merged later, a library): std panics with «failed printing to stdout»
/// when the pipe is closed. That one panic ends the process quietly with
/// exit 0, as `Closed` does; every store action has flushed before it
/// returns, so nothing acknowledged is lost. Other panics report as usual.
pub fn install_closed_pipe_guard() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if text.starts_with("failed printing to stdout") && text.contains("os error 32") {
            std::process::exit(0);
        }
        previous(info);
    }));
}
