//! Spanish help and error messages for clap, which speaks English.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Command, CommandFactory, FromArgMatches};

use super::Cli;

/// Puts every heading and built-in flag of a command tree in Spanish.
fn localize(cmd: Command) -> Command {
    let has_subcommands = cmd.get_subcommands().next().is_some();
    let has_positionals = cmd.get_positionals().next().is_some();
    let mut template = String::from("{about-with-newline}\nUso: {usage}\n");
    if has_positionals {
        template.push_str("\nArgumentos:\n{positionals}\n");
    }
    template.push_str("\nOpciones:\n{options}\n");
    if has_subcommands {
        template.push_str("\nComandos:\n{subcommands}\n");
    }
    let mut cmd = cmd
        .help_template(template)
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("Muestra esta ayuda"),
        );
    if cmd.get_version().is_some() {
        cmd = cmd.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Muestra la versión"),
        );
    }
    cmd.mut_subcommands(localize)
}

pub fn command() -> Command {
    localize(Cli::command())
}

fn context(err: &clap::Error, kind: ContextKind) -> String {
    match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn spanish(err: &clap::Error) -> String {
    let arg = context(err, ContextKind::InvalidArg);
    let value = context(err, ContextKind::InvalidValue);
    match err.kind() {
        ErrorKind::UnknownArgument => {
            format!(
                "argumento desconocido: {arg}{}",
                suggestion(err, ContextKind::SuggestedArg)
            )
        }
        ErrorKind::InvalidSubcommand => format!(
            "comando desconocido: {}{}",
            context(err, ContextKind::InvalidSubcommand),
            suggestion(err, ContextKind::SuggestedSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!("falta el argumento obligatorio: {arg}"),
        ErrorKind::MissingSubcommand => "falta el comando".into(),
        ErrorKind::InvalidValue if value.is_empty() => format!("falta el valor de {arg}"),
        ErrorKind::InvalidValue => {
            let valid = context(err, ContextKind::ValidValue);
            if valid.is_empty() {
                format!("valor no válido «{value}» para {arg}")
            } else {
                format!("valor no válido «{value}» para {arg} (valores posibles: {valid})")
            }
        }
        ErrorKind::ValueValidation => {
            format!("valor no válido «{value}» para {arg}: {}", source_text(err))
        }
        ErrorKind::TooManyValues => format!("demasiados valores para {arg}"),
        ErrorKind::ArgumentConflict => format!(
            "{arg} no se puede usar junto con {}",
            context(err, ContextKind::PriorArg)
        ),
        ErrorKind::InvalidUtf8 => "un argumento no es texto UTF-8".into(),
        _ => "argumentos no válidos".into(),
    }
}

/// « (¿quiso decir --status?)» when clap has a close match.
fn suggestion(err: &clap::Error, kind: ContextKind) -> String {
    match context(err, kind) {
        s if s.is_empty() => String::new(),
        s => format!(" (¿quiso decir {s}?)"),
    }
}

/// Why a value was refused: our own parsers already speak Spanish; the
/// standard ones (dates, numbers) are translated by their type.
fn source_text(err: &clap::Error) -> String {
    use crate::strings::words;
    use std::error::Error;
    let Some(source) = err.source() else {
        return String::new();
    };
    if source.is::<chrono::ParseError>() {
        words::not_a_date().into()
    } else if source.is::<std::num::ParseIntError>() {
        words::not_a_whole_number().into()
    } else if source.is::<std::num::ParseFloatError>() {
        words::not_a_number().into()
    } else {
        source.to_string()
    }
}

/// clap writes a few words of its own inside the help text.
fn spanish_placeholders(help: &str) -> String {
    [
        ("[OPTIONS]", "[OPCIONES]"),
        ("[COMMAND]", "[COMANDO]"),
        ("<COMMAND>", "<COMANDO>"),
        ("[env: ", "[variable: "),
        ("[default: ", "[por omisión: "),
        ("[possible values: ", "[valores posibles: "),
    ]
    .iter()
    .fold(help.to_string(), |acc, (en, es)| acc.replace(en, es))
}

pub fn parse() -> Cli {
    let mut cmd = command();
    let result = cmd
        .try_get_matches_from_mut(std::env::args_os())
        .and_then(|m| Cli::from_arg_matches(&m));
    match result {
        Ok(cli) => cli,
        Err(err) if err.kind() == ErrorKind::DisplayVersion => err.exit(),
        Err(err)
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) =>
        {
            // A closed pipe (`mesa --help | head`) ends quietly too.
            let _ = super::out::write(
                format_args!("{}", spanish_placeholders(&err.render().to_string())),
                false,
            );
            std::process::exit(0);
        }
        Err(err) => {
            super::out::error_line(&format!(
                "{}\nUse «mesa --help» para ver los comandos.",
                spanish(&err)
            ));
            std::process::exit(2);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_tree_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn help_is_in_spanish() {
        let help = spanish_placeholders(&command().render_help().to_string());
        assert!(
            help.contains("[OPCIONES]") && help.contains("[variable: MESA_STORE"),
            "{help}"
        );
        assert!(help.contains("Uso:"), "{help}");
        assert!(help.contains("Comandos:"), "{help}");
        assert!(help.contains("Muestra esta ayuda"), "{help}");
        assert!(!help.contains("Usage:"), "{help}");
        let mut cmd = command();
        let list = cmd
            .find_subcommand_mut("list")
            .unwrap()
            .render_help()
            .to_string();
        assert!(list.contains("Opciones:"), "{list}");
        assert!(!list.contains("Print help"), "{list}");
    }
}
