use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = mesa::cli::parse();
    if cli.command.is_none() {
        println!("{}", mesa::strings::cli::console_pending());
        return ExitCode::SUCCESS;
    }
    match mesa::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mesa: {e}");
            ExitCode::FAILURE
        }
    }
}
