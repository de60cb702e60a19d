//! Delivery: `.eml` files in a folder (the default) or SMTP through lettre,
//! with STARTTLS, TLS, or plain text on a loopback host only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls as LettreTls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::settings::{MailSettings, Tls, TransportKind};
use crate::store::outbox::OutboxEntry;
use crate::strings;

/// What one delivery attempt came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Sent,
    /// Refused for good: a 5xx reply or a message that cannot be built.
    Failed(String),
    /// Worth trying again later: a 4xx reply to this message.
    Retry(String),
    /// The server (or the folder) cannot be reached at all: connection
    /// refused, timeout, TLS or I/O error. Every message waits.
    Unreachable(String),
}

enum Kind {
    File(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

pub struct Transport {
    kind: Kind,
    from: Mailbox,
    description: String,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.description)
    }
}

/// Where the file transport writes when the configuration says nothing.
pub fn default_eml_dir(store_dir: &Path) -> PathBuf {
    store_dir.join("outbox-eml")
}

impl Transport {
    /// The transport the settings (environment already applied) describe.
    pub fn new(settings: &MailSettings, store_dir: &Path) -> Result<Transport, String> {
        let from: Mailbox = settings.from.parse().map_err(|e| {
            strings::mail::bad_from(&settings.from, &strings::words::address_error(&e))
        })?;
        match settings.transport_kind() {
            TransportKind::File => {
                let dir = settings
                    .eml_dir
                    .clone()
                    .unwrap_or_else(|| default_eml_dir(store_dir));
                Ok(Transport {
                    description: strings::mail::transport_file(&dir),
                    kind: Kind::File(dir),
                    from,
                })
            }
            TransportKind::Smtp => {
                let host = settings.check_smtp()?;
                let port = settings.port();
                let tls = match settings.smtp.tls {
                    Tls::None => LettreTls::None,
                    Tls::StartTls => LettreTls::Required(tls_parameters(settings, host)?),
                    Tls::Tls => LettreTls::Wrapper(tls_parameters(settings, host)?),
                };
                // "dangerous" only names the constructor that takes TLS
                // parameters as given: they verify the server as above.
                let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                    .tls(tls)
                    .port(port)
                    .timeout(Some(Duration::from_secs(settings.timeout_secs)))
                    .pool_config(PoolConfig::new().max_size(2));
                if let (Some(user), Some(pw)) = (&settings.smtp.user, &settings.smtp.password) {
                    builder = builder
                        .credentials(Credentials::new(user.clone(), pw.expose().to_string()));
                }
                Ok(Transport {
                    description: strings::mail::transport_smtp(
                        host,
                        port,
                        settings.smtp.tls.code(),
                    ),
                    kind: Kind::Smtp(builder.build()),
                    from,
                })
            }
        }
    }

    /// One line saying where messages go (never the password).
    pub fn describe(&self) -> &str {
        &self.description
    }

    /// Tries to deliver one message now.
    pub async fn deliver(&self, entry: &OutboxEntry, now: DateTime<Utc>) -> Delivery {
        let message = match build_message(entry, &self.from, now) {
            Ok(m) => m,
            Err(why) => return Delivery::Failed(why),
        };
        match &self.kind {
            Kind::File(dir) => match write_eml(dir, entry, &message.formatted()) {
                Ok(()) => Delivery::Sent,
                Err(why) => Delivery::Unreachable(why),
            },
            Kind::Smtp(smtp) => match smtp.send(message).await {
                Ok(_) => Delivery::Sent,
                Err(e) if e.is_permanent() => Delivery::Failed(e.to_string()),
                Err(e) if e.is_transient() => Delivery::Retry(error_chain(&e)),
                Err(e) => Delivery::Unreachable(error_chain(&e)),
            },
        }
    }
}

/// The server's certificate is checked against the public roots and, when
/// configured, the desk's own CA (`ca_file`): an internal mail server is
/// trusted without turning verification off.
fn tls_parameters(settings: &MailSettings, host: &str) -> Result<TlsParameters, String> {
    let mut builder = TlsParameters::builder(host.to_string());
    if let Some(path) = &settings.smtp.ca_file {
        let pem = std::fs::read(path).map_err(|e| strings::mail_tls::ca_unreadable(path, &e))?;
        // lettre takes a file with no certificate in it as an empty list.
        if !pem
            .windows(CERT_PEM.len())
            .any(|w| w == CERT_PEM.as_bytes())
        {
            return Err(strings::mail_tls::ca_not_pem(path));
        }
        let cert = Certificate::from_pem(&pem)
            .map_err(|e| strings::mail_tls::ca_invalid(path, &e.to_string()))?;
        builder = builder.add_root_certificate(cert);
    }
    builder
        .build()
        .map_err(|e| strings::mail::smtp_setup(&e.to_string()))
}

const CERT_PEM: &str = "-----BEGIN CERTIFICATE-----";

/// An error with its causes ("Connection error: Connection refused").
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let c = cause.to_string();
        if !s.contains(&c) {
            s.push_str(": ");
            s.push_str(&c);
        }
        source = cause.source();
    }
    s
}

/// The message's file name: its outbox id with `/` made safe.
pub fn eml_name(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.eml")
}

/// Writes the file under a name fixed by the outbox id (temp file, fsync,
/// rename): writing it twice leaves one file.
fn write_eml(dir: &Path, entry: &OutboxEntry, bytes: &[u8]) -> Result<(), String> {
    let path = dir.join(eml_name(&entry.id));
    let io = |e: std::io::Error| strings::mail::file_write(&path, &e);
    std::fs::create_dir_all(dir).map_err(io)?;
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        eml_name(&entry.id)
    ));
    let mut f = std::fs::File::create(&tmp).map_err(io)?;
    f.write_all(bytes).map_err(io)?;
    f.sync_all().map_err(io)?;
    std::fs::rename(&tmp, &path).map_err(io)?;
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io)?;
    Ok(())
}

/// The MIME message: text plus HTML alternative, a Message-ID fixed by the
/// outbox id (so a receiving system can recognise a repeat).
pub fn build_message(
    entry: &OutboxEntry,
    from: &Mailbox,
    now: DateTime<Utc>,
) -> Result<Message, String> {
    let address: Address = entry.to.parse().map_err(|e| {
        strings::mail::no_recipient_address(&entry.to, &strings::words::address_error(&e))
    })?;
    let to = Mailbox::new(Some(entry.to_name.clone()), address);
    let local: String = entry
        .id
        .chars()
        .map(|c| if c == '/' { '.' } else { c })
        .collect();
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(entry.subject.clone())
        .message_id(Some(format!("<{local}@{}>", from.email.domain())))
        .date(SystemTime::from(now))
        .multipart(MultiPart::alternative_plain_html(
            entry.text.clone(),
            entry.html.clone(),
        ))
        .map_err(|e| strings::mail::no_recipient_address(&entry.to, &e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::outbox::OutboxStatus;

    fn entry(to: &str) -> OutboxEntry {
        let at = DateTime::parse_from_rfc3339("2026-11-23T09:00:00-05:00")
            .unwrap()
            .with_timezone(&Utc);
        OutboxEntry {
            id: "T-2026-000001/programado/00000007/1".into(),
            ticket: "T-2026-000001".into(),
            event: "programado".into(),
            to_name: "Rosa Quispe Huamán".into(),
            to: to.into(),
            subject: "Su solicitud se enviará el vie 27/11/2026".into(),
            text: "Texto".into(),
            html: "<p>Texto</p>".into(),
            created_at: at,
            status: OutboxStatus::Pending,
            attempts: 0,
            next_attempt_at: at,
            last_error: None,
            sent_at: None,
            claimed_until: None,
        }
    }

    fn from() -> Mailbox {
        "Mesa <mesa@regioncajamarca.gob.pe>".parse().unwrap()
    }

    #[test]
    fn a_message_has_text_and_html_and_an_id_fixed_by_the_outbox_key() {
        let e = entry("rquispe@regioncajamarca.gob.pe");
        let raw = String::from_utf8(
            build_message(&e, &from(), e.created_at)
                .unwrap()
                .formatted(),
        )
        .unwrap();
        assert!(
            raw.contains(
                "Message-ID: <T-2026-000001.programado.00000007.1@regioncajamarca.gob.pe>"
            )
        );
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("text/plain"));
        assert!(raw.contains("text/html"));
        assert!(raw.contains("<rquispe@regioncajamarca.gob.pe>"));
    }

    #[test]
    fn an_impossible_address_is_a_permanent_failure() {
        let e = entry("no es un correo");
        let err = build_message(&e, &from(), e.created_at).unwrap_err();
        assert!(err.contains("no es un correo"), "{err}");
    }

    #[test]
    fn eml_names_are_safe_and_fixed_by_the_id() {
        assert_eq!(
            eml_name("T-2026-000001/programado/00000007/1"),
            "T-2026-000001_programado_00000007_1.eml"
        );
        assert_eq!(eml_name("../../etc/x"), "______etc_x.eml");
    }
}
