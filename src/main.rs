use std::process::ExitCode;

use mesa::cli::out;

/// Before anything is allocated (an `.init_array` entry runs before the
/// runtime's first allocation, unlike `main`): see `mesa::memory`.
#[used]
#[unsafe(link_section = ".init_array")]
static COMMIT_LAZILY: extern "C" fn() = {
    extern "C" fn commit_lazily() {
        mesa::memory::commit_lazily();
    }
    commit_lazily
};

fn main() -> ExitCode {
    mesa::private_files();
    out::install_closed_pipe_guard();
    let cli = mesa::cli::parse();
    if cli.command.is_none() {
        // No subcommand: the console, on the same store and configuration.
        // The console signs its analyst in itself (or asks for the first
        // supervisor), so the store opens before anyone is named.
        let result = mesa::tui::require_terminal()
            .and_then(|()| cli.global.open_console())
            .and_then(|desk| {
                let actor = cli.global.resolve().actor;
                mesa::tui::run(desk, &actor)
            });
        return finish(result);
    }
    finish(mesa::cli::run(cli))
}

/// Success, a quiet end (the pipe or terminal was closed: nobody is left
/// to read, and a pipeline such as `mesa list | head -1` succeeds), or the
/// error in Spanish on standard error.
fn finish(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if out::is_closed(&e) || mesa::tui::terminal_gone(&e) => ExitCode::SUCCESS,
        Err(e) => {
            out::error_line(&mesa::strings::words::error_text(&e));
            ExitCode::FAILURE
        }
    }
}
