use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = mesa::cli::parse();
    if cli.command.is_none() {
        // No subcommand: the console, on the same store and configuration.
        let result = cli.global.open_desk().and_then(|desk| {
            let actor = cli.global.resolve().actor;
            mesa::tui::run(desk, &actor)
        });
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("mesa: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match mesa::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mesa: {e}");
            ExitCode::FAILURE
        }
    }
}
