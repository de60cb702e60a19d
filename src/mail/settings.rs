//! Mail settings: the `[mail]` section of the configuration file, then the
//! `MESA_SMTP_*` / `MESA_MAIL_FROM` environment, which wins.

use std::net::IpAddr;
use std::path::PathBuf;

use serde::Deserialize;

use crate::strings;

/// A password: never shown by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Secret {
        Secret(s.into())
    }
    /// The only way to read it: for handing it to the SMTP client.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(strings::mail::redacted())
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(strings::mail::redacted())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tls {
    /// Plain text: only for a server on this machine.
    None,
    /// Plain connection upgraded with STARTTLS (port 587).
    #[default]
    StartTls,
    /// TLS from the first byte (port 465).
    Tls,
}

impl Tls {
    pub fn parse(s: &str) -> Result<Tls, String> {
        match s.trim().to_lowercase().as_str() {
            "none" | "ninguno" => Ok(Tls::None),
            "starttls" => Ok(Tls::StartTls),
            "tls" => Ok(Tls::Tls),
            _ => Err(strings::mail::bad_tls(s)),
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Tls::None => "none",
            Tls::StartTls => "starttls",
            Tls::Tls => "tls",
        }
    }
    pub fn default_port(self) -> u16 {
        match self {
            Tls::None => 25,
            Tls::StartTls => 587,
            Tls::Tls => 465,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    File,
    Smtp,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SmtpSettings {
    pub host: Option<String>,
    pub port: Option<u16>,
    pub user: Option<String>,
    pub password: Option<Secret>,
    pub tls: Tls,
    /// A PEM file of extra root certificates to trust (an internal CA),
    /// besides the usual public roots.
    pub ca_file: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// "Name <address>" of the office.
    pub from: String,
    /// The office's signature, one line each.
    pub signature: Vec<String>,
    /// `None`: SMTP when a host is known, the file transport otherwise.
    pub transport: Option<TransportKind>,
    /// Where the file transport writes; `<store>/outbox-eml` by default.
    pub eml_dir: Option<PathBuf>,
    pub smtp: SmtpSettings,
    /// The first retry waits this long; each next one twice as long…
    pub retry_base_secs: u64,
    /// …up to this.
    pub retry_max_secs: u64,
    /// How long one SMTP exchange may take.
    pub timeout_secs: u64,
    /// Days after approval on which a download reminder goes out.
    pub download_reminder_days: Vec<i64>,
    /// Days before an installed certificate expires on which its holder is
    /// reminded to renew it.
    pub expiry_reminder_days: Vec<i64>,
    /// Who gets the daily digest of the other families' overdue steps
    /// ("Nombre <correo>"); the office's own address (`from`) otherwise.
    pub digest_to: Option<String>,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            from: strings::mail::default_from().to_string(),
            signature: strings::mail::default_signature(),
            transport: None,
            eml_dir: None,
            smtp: SmtpSettings::default(),
            retry_base_secs: 60,
            retry_max_secs: 3600,
            timeout_secs: 30,
            download_reminder_days: vec![20, 27],
            expiry_reminder_days: vec![15, 30, 60],
            digest_to: None,
        }
    }
}

/// The `[mail]` section as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailFile {
    from: Option<String>,
    /// One string (lines separated by newlines) or a list of lines.
    signature: Option<SignatureFile>,
    transport: Option<String>,
    eml_dir: Option<PathBuf>,
    retry_base_seconds: Option<u64>,
    retry_max_seconds: Option<u64>,
    timeout_seconds: Option<u64>,
    download_reminder_days: Option<Vec<i64>>,
    expiry_reminder_days: Option<Vec<i64>>,
    digest_to: Option<String>,
    #[serde(default)]
    smtp: SmtpFile,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SignatureFile {
    Text(String),
    Lines(Vec<String>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SmtpFile {
    host: Option<String>,
    port: Option<u16>,
    user: Option<String>,
    password: Option<Secret>,
    tls: Option<String>,
    ca_file: Option<PathBuf>,
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// A list of reminder days: each inside `range`, sorted, once each.
fn day_list(
    mut days: Vec<i64>,
    range: std::ops::RangeInclusive<i64>,
    key: &'static str,
    why: impl Fn(i64) -> String,
) -> Result<Vec<i64>, (&'static str, String)> {
    if let Some(bad) = days.iter().find(|d| !range.contains(*d)) {
        return Err((key, why(*bad)));
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

impl MailFile {
    /// The settings this section describes; errors are `(key, why)`.
    pub fn resolve(self) -> Result<MailSettings, (&'static str, String)> {
        let mut m = MailSettings::default();
        if let Some(from) = non_empty(self.from) {
            m.from = from;
        }
        match self.signature {
            Some(SignatureFile::Text(t)) => m.signature = t.lines().map(str::to_string).collect(),
            Some(SignatureFile::Lines(l)) => m.signature = l,
            None => {}
        }
        if let Some(t) = self.transport {
            m.transport = Some(match t.trim().to_lowercase().as_str() {
                "file" | "archivo" => TransportKind::File,
                "smtp" => TransportKind::Smtp,
                _ => return Err(("mail.transport", strings::mail::bad_transport(&t))),
            });
        }
        m.eml_dir = self.eml_dir;
        if let Some(to) = non_empty(self.digest_to) {
            if to.parse::<lettre::message::Mailbox>().is_err() {
                return Err(("mail.digest_to", strings::families::bad_digest_to(&to)));
            }
            m.digest_to = Some(to);
        }
        if let Some(s) = self.retry_base_seconds {
            m.retry_base_secs = s.max(1);
        }
        if let Some(s) = self.retry_max_seconds {
            m.retry_max_secs = s.max(1);
        }
        if let Some(s) = self.timeout_seconds {
            m.timeout_secs = s.max(1);
        }
        if let Some(days) = self.download_reminder_days {
            m.download_reminder_days =
                day_list(days, 1..=29, "mail.download_reminder_days", |d| {
                    strings::mail::bad_reminder_days(d)
                })?;
        }
        if let Some(days) = self.expiry_reminder_days {
            m.expiry_reminder_days = day_list(days, 1..=365, "mail.expiry_reminder_days", |d| {
                strings::expiry_mail::bad_days(d)
            })?;
        }
        m.smtp.host = non_empty(self.smtp.host);
        m.smtp.port = self.smtp.port;
        m.smtp.user = non_empty(self.smtp.user);
        m.smtp.password = self.smtp.password;
        m.smtp.ca_file = self.smtp.ca_file;
        if let Some(tls) = self.smtp.tls {
            m.smtp.tls = Tls::parse(&tls).map_err(|e| ("mail.smtp.tls", e))?;
        }
        Ok(m)
    }
}

pub const ENV_HOST: &str = "MESA_SMTP_HOST";
pub const ENV_PORT: &str = "MESA_SMTP_PORT";
pub const ENV_USER: &str = "MESA_SMTP_USER";
pub const ENV_PASSWORD: &str = "MESA_SMTP_PASSWORD";
pub const ENV_TLS: &str = "MESA_SMTP_TLS";
pub const ENV_FROM: &str = "MESA_MAIL_FROM";
pub const ENV_CA_FILE: &str = "MESA_SMTP_CA_FILE";

impl MailSettings {
    /// These settings with the environment applied on top (`env` looks a
    /// variable up; empty values count as unset).
    pub fn with_env(
        mut self,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<MailSettings, String> {
        let get = |k: &str| env(k).filter(|v| !v.trim().is_empty());
        if let Some(host) = get(ENV_HOST) {
            self.smtp.host = Some(host.trim().to_string());
            // An SMTP host in the environment means: deliver by SMTP.
            self.transport = Some(TransportKind::Smtp);
        }
        if let Some(port) = get(ENV_PORT) {
            self.smtp.port = Some(
                port.trim()
                    .parse()
                    .map_err(|_| strings::mail::bad_port(&port))?,
            );
        }
        if let Some(user) = get(ENV_USER) {
            self.smtp.user = Some(user.trim().to_string());
        }
        if let Some(pw) = env(ENV_PASSWORD).filter(|v| !v.is_empty()) {
            self.smtp.password = Some(Secret(pw));
        }
        if let Some(tls) = get(ENV_TLS) {
            self.smtp.tls = Tls::parse(&tls).map_err(|e| format!("{ENV_TLS}: {e}"))?;
        }
        if let Some(from) = get(ENV_FROM) {
            self.from = from.trim().to_string();
        }
        if let Some(ca) = get(ENV_CA_FILE) {
            self.smtp.ca_file = Some(PathBuf::from(ca.trim()));
        }
        Ok(self)
    }

    /// The process environment applied on top.
    pub fn with_process_env(self) -> Result<MailSettings, String> {
        self.with_env(|k| std::env::var(k).ok())
    }

    pub fn transport_kind(&self) -> TransportKind {
        self.transport.unwrap_or(if self.smtp.host.is_some() {
            TransportKind::Smtp
        } else {
            TransportKind::File
        })
    }

    pub fn port(&self) -> u16 {
        self.smtp.port.unwrap_or(self.smtp.tls.default_port())
    }

    /// Checks an SMTP setup: a host, plain text only on loopback, a password
    /// with a user.
    pub fn check_smtp(&self) -> Result<&str, String> {
        let host = self
            .smtp
            .host
            .as_deref()
            .ok_or_else(|| strings::mail::no_host().to_string())?;
        if self.smtp.tls == Tls::None && !is_loopback(host) {
            return Err(strings::mail::plaintext_not_loopback(host));
        }
        if self.smtp.user.is_some() && self.smtp.password.is_none() {
            return Err(strings::mail::user_without_password().to_string());
        }
        Ok(host)
    }

    /// The wait before attempt number `attempts + 1`, after `attempts`
    /// failed ones: base, 2·base, 4·base, … capped at the maximum.
    pub fn backoff(&self, attempts: u32) -> chrono::Duration {
        let factor = 1u64
            .checked_shl(attempts.saturating_sub(1))
            .unwrap_or(u64::MAX);
        let secs = self
            .retry_base_secs
            .saturating_mul(factor)
            .min(self.retry_max_secs);
        chrono::Duration::seconds(secs as i64)
    }
}

/// `localhost`, 127.0.0.0/8 or ::1.
pub fn is_loopback(host: &str) -> bool {
    let h = host.trim().trim_start_matches('[').trim_end_matches(']');
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn the_default_needs_no_configuration_and_writes_files() {
        let m = MailSettings::default().with_env(env(&[])).unwrap();
        assert_eq!(m.transport_kind(), TransportKind::File);
        assert!(m.from.contains("@regioncajamarca.gob.pe"));
    }

    #[test]
    fn the_environment_wins_over_the_file() {
        let file: MailFile = toml::from_str(
            r#"
from = "Mesa <mesa@regioncajamarca.gob.pe>"
signature = "Mesa de Servicio\nGRC"
[smtp]
host = "smtp.regioncajamarca.gob.pe"
port = 587
user = "mesa"
password = "from-file"
tls = "starttls"
"#,
        )
        .unwrap();
        let m = file.resolve().unwrap();
        assert_eq!(m.signature, ["Mesa de Servicio", "GRC"]);
        assert_eq!(m.transport_kind(), TransportKind::Smtp);
        let m = m
            .with_env(env(&[
                (ENV_HOST, "127.0.0.1"),
                (ENV_PORT, "2525"),
                (ENV_USER, "otro"),
                (ENV_PASSWORD, "from-env"),
                (ENV_TLS, "none"),
                (ENV_FROM, "Otra <otra@regioncajamarca.gob.pe>"),
            ]))
            .unwrap();
        assert_eq!(m.smtp.host.as_deref(), Some("127.0.0.1"));
        assert_eq!(m.port(), 2525);
        assert_eq!(m.smtp.user.as_deref(), Some("otro"));
        assert_eq!(m.smtp.password.as_ref().unwrap().expose(), "from-env");
        assert_eq!(m.smtp.tls, Tls::None);
        assert!(m.from.starts_with("Otra"));
        assert_eq!(m.check_smtp().unwrap(), "127.0.0.1");
    }

    #[test]
    fn plain_text_is_only_for_loopback() {
        let mut m = MailSettings::default();
        m.smtp.host = Some("smtp.regioncajamarca.gob.pe".into());
        m.smtp.tls = Tls::None;
        let err = m.check_smtp().unwrap_err();
        assert!(err.contains("smtp.regioncajamarca.gob.pe"), "{err}");
        for host in ["127.0.0.1", "127.0.0.53", "::1", "[::1]", "localhost"] {
            m.smtp.host = Some(host.into());
            assert!(m.check_smtp().is_ok(), "{host}");
        }
        m.smtp.host = Some("10.0.0.1".into());
        assert!(m.check_smtp().is_err());
        m.smtp.tls = Tls::StartTls;
        assert!(m.check_smtp().is_ok());
        assert_eq!(m.port(), 587);
    }

    #[test]
    fn the_password_never_shows_in_debug_output() {
        let mut m = MailSettings::default();
        m.smtp.password = Some(Secret::new("hunter2-secreto"));
        let shown = format!("{m:?} {}", m.smtp.password.as_ref().unwrap());
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains(strings::mail::redacted()));
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let m = MailSettings::default();
        let secs: Vec<i64> = (1..=8).map(|n| m.backoff(n).num_seconds()).collect();
        assert_eq!(secs, [60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(m.backoff(200).num_seconds(), 3600);
    }

    #[test]
    fn bad_values_name_the_key() {
        let file: MailFile = toml::from_str("[smtp]\ntls = \"ssl\"\n").unwrap();
        assert_eq!(file.resolve().unwrap_err().0, "mail.smtp.tls");
        let file: MailFile = toml::from_str("download_reminder_days = [20, 31]\n").unwrap();
        assert_eq!(file.resolve().unwrap_err().0, "mail.download_reminder_days");
        let file: MailFile = toml::from_str("download_reminder_days = [27, 10]\n").unwrap();
        assert_eq!(file.resolve().unwrap().download_reminder_days, [10, 27]);
        let file: MailFile = toml::from_str("expiry_reminder_days = [30, 400]\n").unwrap();
        assert_eq!(file.resolve().unwrap_err().0, "mail.expiry_reminder_days");
        let file: MailFile = toml::from_str("expiry_reminder_days = [90, 7, 30, 7]\n").unwrap();
        assert_eq!(file.resolve().unwrap().expiry_reminder_days, [7, 30, 90]);
        assert!(toml::from_str::<MailFile>("servidor = \"x\"\n").is_err());
        let err = MailSettings::default()
            .with_env(env(&[(ENV_PORT, "veinticinco")]))
            .unwrap_err();
        assert!(err.contains("MESA_SMTP_PORT"), "{err}");
    }
}
