//! The configuration file: `config.toml` in the store directory, or the file
//! named by `--config` / `MESA_CONFIG`. Every key is optional; a missing file
//! means the regional government's defaults.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::Deserialize;

use crate::domain::retention::RetentionRules;
use crate::domain::{DispatchRules, ValidationRules};
use crate::mail::settings::{MailFile, MailSettings};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    dispatch: DispatchFile,
    #[serde(default)]
    validation: ValidationFile,
    #[serde(default)]
    mail: MailFile,
    #[serde(default)]
    retention: RetentionFile,
    #[serde(default)]
    console: ConsoleFile,
    /// Console keys chosen by action (`take = "F2"`): checked when the
    /// console opens (`tui::keys_config`).
    #[serde(default)]
    keys: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConsoleFile {
    /// "claro" (light) or "oscuro" (dark, the default).
    theme: Option<String>,
    /// Colours by role (`titulo = "magenta"`): checked when the console
    /// opens (`tui::theme`).
    #[serde(default, alias = "colors")]
    colores: std::collections::BTreeMap<String, String>,
}

/// How the console looks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsoleSettings {
    /// Colours for a light terminal background (`theme = "claro"`).
    pub light: bool,
    /// Colours chosen by role (`[console.colores]`), as written.
    pub colors: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RetentionFile {
    years: Option<u32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DispatchFile {
    weekday: Option<String>,
    time: Option<String>,
    timezone: Option<String>,
    renewal_lead_days: Option<i64>,
    holidays: Option<Vec<String>>,
    holy_week: Option<bool>,
    extra_non_working_days: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ValidationFile {
    institutional_domains: Option<Vec<String>>,
    personal_providers: Option<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub dispatch: DispatchRules,
    pub validation: ValidationRules,
    /// Mail, from the file only; the environment is applied when sending.
    pub mail: MailSettings,
    /// How long closed records are kept (`mesa purge`).
    pub retention: RetentionRules,
    /// Where it was read from, if a file existed.
    pub source: Option<PathBuf>,
    /// The console's look (`[console]`).
    pub console: ConsoleSettings,
    /// The console's keys by action (`[keys]`), as written.
    pub keys: std::collections::BTreeMap<String, String>,
}

pub const FILE_NAME: &str = "config.toml";

fn bad(path: &Path, key: &str, why: impl std::fmt::Display) -> String {
    format!("configuración {}: {key}: {why}", path.display())
}

/// A TOML or serde error in Spanish, naming the file, the line and the key
/// (`dispatch.time`) where it was found.
fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> String {
    let (line, key) = match e.span() {
        Some(span) => where_in(text, span.start),
        None => (None, String::new()),
    };
    crate::strings::words::config_error(path, line, &key, e.message())
}

/// The line number (from 1) at byte `at`, and the full key there: the
/// nearest `[table]` above and the key before `=` on that line.
fn where_in(text: &str, at: usize) -> (Option<usize>, String) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line_no = before.matches('\n').count() + 1;
    let line = text.lines().nth(line_no - 1).unwrap_or("");
    let key = line
        .split_once('=')
        .map(|(k, _)| k.trim().trim_matches('"').to_string())
        .unwrap_or_default();
    let table = text
        .lines()
        .take(line_no)
        .filter_map(|l| {
            let l = l.trim();
            (l.starts_with('[') && l.ends_with(']'))
                .then(|| l.trim_matches(|c| c == '[' || c == ']').trim().to_string())
        })
        .last()
        .unwrap_or_default();
    let full = match (table.is_empty(), key.is_empty()) {
        (_, true) if line.trim_start().starts_with('[') => String::new(),
        (true, _) => key,
        (false, true) => table,
        (false, false) => format!("{table}.{key}"),
    };
    (Some(line_no), full)
}

fn weekday(s: &str) -> Option<Weekday> {
    let s = s.trim().to_lowercase();
    let table = [
        (["lunes", "monday"], Weekday::Mon),
        (["martes", "tuesday"], Weekday::Tue),
        (["miercoles", "wednesday"], Weekday::Wed),
        (["miércoles", "wednesday"], Weekday::Wed),
        (["jueves", "thursday"], Weekday::Thu),
        (["viernes", "friday"], Weekday::Fri),
        (["sabado", "saturday"], Weekday::Sat),
        (["sábado", "saturday"], Weekday::Sat),
        (["domingo", "sunday"], Weekday::Sun),
    ];
    table
        .iter()
        .find(|(names, _)| names.contains(&s.as_str()))
        .map(|(_, w)| *w)
}

impl Config {
    /// Reads `path` if it exists; errors name the file and the key, in Spanish.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(format!(
                    "no se pudo leer la configuración {}: {}",
                    path.display(),
                    crate::strings::words::io_error(&e)
                ));
            }
        };
        let file: File = toml::from_str(&text).map_err(|e| toml_error(path, &text, &e))?;
        let mut config = Config {
            source: Some(path.to_path_buf()),
            ..Config::default()
        };
        let d = &mut config.dispatch;
        if let Some(w) = &file.dispatch.weekday {
            d.weekday = weekday(w)
                .ok_or_else(|| bad(path, "dispatch.weekday", "use un día como «viernes»"))?;
        }
        if let Some(t) = &file.dispatch.time {
            d.time = NaiveTime::parse_from_str(t, "%H:%M")
                .map_err(|_| bad(path, "dispatch.time", "use HH:MM"))?;
        }
        if let Some(tz) = &file.dispatch.timezone {
            d.timezone = tz
                .parse()
                .map_err(|_| bad(path, "dispatch.timezone", "zona horaria desconocida"))?;
        }
        if let Some(n) = file.dispatch.renewal_lead_days {
            if !(0..=365).contains(&n) {
                return Err(bad(
                    path,
                    "dispatch.renewal_lead_days",
                    "debe estar entre 0 y 365",
                ));
            }
            d.renewal_lead_days = n;
        }
        if let Some(list) = &file.dispatch.holidays {
            d.holidays.fixed = list
                .iter()
                .map(|s| {
                    NaiveDate::parse_from_str(&format!("2000-{s}"), "%Y-%m-%d")
                        .map(|x| (chrono::Datelike::month(&x), chrono::Datelike::day(&x)))
                        .map_err(|_| bad(path, "dispatch.holidays", format!("«{s}» no es MM-DD")))
                })
                .collect::<Result<_, _>>()?;
        }
        if let Some(h) = file.dispatch.holy_week {
            d.holidays.holy_week = h;
        }
        if let Some(extra) = &file.dispatch.extra_non_working_days {
            d.holidays.extra = extra
                .iter()
                .map(|s| {
                    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                        bad(
                            path,
                            "dispatch.extra_non_working_days",
                            format!("«{s}» no es AAAA-MM-DD"),
                        )
                    })
                })
                .collect::<Result<BTreeSet<_>, _>>()?;
        }
        if let Some(domains) = file.validation.institutional_domains {
            if domains.is_empty() {
                return Err(bad(
                    path,
                    "validation.institutional_domains",
                    "indique al menos un dominio",
                ));
            }
            config.validation.institutional_domains =
                domains.into_iter().map(|d| d.to_lowercase()).collect();
        }
        if let Some(p) = file.validation.personal_providers {
            config.validation.personal_providers =
                p.into_iter().map(|d| d.to_lowercase()).collect();
        }
        config.mail = file
            .mail
            .resolve()
            .map_err(|(key, why)| bad(path, key, why))?;
        config.keys = file.keys.clone();
        config.console.colors = file.console.colores.clone();
        if let Some(theme) = &file.console.theme {
            config.console.light = match crate::domain::query::fold(theme.trim()).as_str() {
                "claro" | "light" => true,
                "oscuro" | "dark" => false,
                _ => {
                    return Err(bad(
                        path,
                        "console.theme",
                        crate::strings::find::bad_theme(theme),
                    ));
                }
            };
        }
        if let Some(years) = file.retention.years {
            if !(crate::domain::retention::LEGAL_MINIMUM_YEARS..=100).contains(&years) {
                return Err(bad(
                    path,
                    "retention.years",
                    crate::strings::rules::retention_years(years),
                ));
            }
            config.retention.years = years;
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_file_gives_the_defaults() {
        let c = Config::load(Path::new("/nonexistent/mesa/config.toml")).unwrap();
        assert_eq!(c, Config::default());
        assert_eq!(c.dispatch.weekday, Weekday::Fri);
    }

    #[test]
    fn every_key_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            r#"
[dispatch]
weekday = "jueves"
time = "15:00"
timezone = "America/Lima"
renewal_lead_days = 7
holidays = ["01-01", "12-25"]
holy_week = false
extra_non_working_days = ["2026-12-24"]
[validation]
institutional_domains = ["Minsa.gob.pe"]
personal_providers = ["gmail"]
"#,
        )
        .unwrap();
        let c = Config::load(&path).unwrap();
        assert_eq!(c.dispatch.weekday, Weekday::Thu);
        assert_eq!(c.dispatch.time, NaiveTime::from_hms_opt(15, 0, 0).unwrap());
        assert_eq!(c.dispatch.renewal_lead_days, 7);
        assert_eq!(c.dispatch.holidays.fixed, [(1, 1), (12, 25)]);
        assert!(!c.dispatch.holidays.holy_week);
        assert!(
            c.dispatch
                .holidays
                .extra
                .contains(&"2026-12-24".parse().unwrap())
        );
        assert_eq!(c.validation.institutional_domains, ["minsa.gob.pe"]);
    }

    #[test]
    fn the_mail_section_is_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(
            &path,
            r#"
[mail]
from = "Mesa de Servicio <mesa@regioncajamarca.gob.pe>"
signature = ["Mesa de Servicio", "Sede Central"]
download_reminder_days = [15, 25]
[mail.smtp]
host = "smtp.regioncajamarca.gob.pe"
port = 465
user = "mesa"
password = "secreto-del-archivo"
tls = "tls"
"#,
        )
        .unwrap();
        let c = Config::load(&path).unwrap();
        assert_eq!(c.mail.signature, ["Mesa de Servicio", "Sede Central"]);
        assert_eq!(c.mail.download_reminder_days, [15, 25]);
        assert_eq!(
            c.mail.smtp.host.as_deref(),
            Some("smtp.regioncajamarca.gob.pe")
        );
        assert_eq!(c.mail.port(), 465);
        assert!(!format!("{c:?}").contains("secreto-del-archivo"));
        std::fs::write(&path, "[mail.smtp]\ntls = \"ssl\"\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(err.contains("mail.smtp.tls"), "{err}");
        std::fs::write(&path, "[mail]\nservidor = \"x\"\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(err.contains("servidor"), "{err}");
    }

    #[test]
    fn a_bad_value_names_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[dispatch]\ntime = \"4:30 pm\"\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(err.contains("dispatch.time"), "{err}");
        std::fs::write(&path, "[dispatch]\ndia = \"viernes\"\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(err.contains("dia"), "{err}");
    }

    #[test]
    fn retention_defaults_to_five_years_and_is_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(Config::default().retention.years, 5);
        std::fs::write(&path, "[retention]\nyears = 7\n").unwrap();
        assert_eq!(Config::load(&path).unwrap().retention.years, 7);
        std::fs::write(&path, "[retention]\nyears = 0\n").unwrap();
        let err = Config::load(&path).unwrap_err();
        assert!(err.contains("retention.years"), "{err}");
    }
}
