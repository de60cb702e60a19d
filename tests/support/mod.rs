//! Test support for the mail tests: a real SMTP server on 127.0.0.1 (the
//! `mailin` protocol state machine on a real TCP socket, in plain text, with
//! STARTTLS or with TLS from the first byte), a server that accepts
//! connections and never answers, a store seeded with tickets, and a runner
//! for the built `mesa` binary.

#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use mailin::{Action, AuthMechanism, Handler, Response, SessionBuilder, response};

pub const NOW: &str = "2026-11-23T09:00:00-05:00";

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
    /// The message came inside TLS.
    pub tls: bool,
}

impl Received {
    pub fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(&self.data).expect("the server received a parsable message")
    }
    pub fn header(&self, name: &str) -> String {
        self.parsed()
            .headers
            .iter()
            .find(|h| h.get_key().eq_ignore_ascii_case(name))
            .map(|h| h.get_value())
            .unwrap_or_default()
    }
    /// The decoded body of the part with this MIME type.
    pub fn part(&self, mimetype: &str) -> String {
        fn find(p: &mailparse::ParsedMail, mimetype: &str) -> Option<String> {
            if p.ctype.mimetype == mimetype {
                return p.get_body().ok();
            }
            p.subparts.iter().find_map(|s| find(s, mimetype))
        }
        find(&self.parsed(), mimetype).unwrap_or_default()
    }
}

#[derive(Default)]
struct Shared {
    messages: Mutex<Vec<Received>>,
    /// Recipients containing this text are refused with 550.
    refuse: Mutex<Option<String>>,
    /// (user, password) every AUTH attempt presented.
    auth_seen: Mutex<Vec<(String, String)>>,
    /// The credentials the server accepts, when it asks for them.
    credentials: Mutex<Option<(String, String)>>,
}

#[derive(Clone)]
struct Recorder {
    shared: Arc<Shared>,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
    /// Set by the connection once TLS is up.
    tls: Arc<AtomicBool>,
}

impl Recorder {
    fn check(&self, user: &str, password: &str) -> Response {
        self.shared
            .auth_seen
            .lock()
            .unwrap()
            .push((user.into(), password.into()));
        match &*self.shared.credentials.lock().unwrap() {
            Some((u, p)) if u == user && p == password => response::AUTH_OK,
            _ => response::INVALID_CREDENTIALS,
        }
    }
}

impl Handler for Recorder {
    fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
        self.from = from.to_string();
        response::OK
    }
    fn rcpt(&mut self, to: &str) -> Response {
        if let Some(bad) = &*self.shared.refuse.lock().unwrap()
            && to.contains(bad.as_str())
        {
            return Response::custom(550, "5.1.1 Buzon inexistente: usuario dado de baja".into());
        }
        response::OK
    }
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.from = from.to_string();
        self.to = to.to_vec();
        self.data.clear();
        response::OK
    }
    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }
    fn data_end(&mut self) -> Response {
        self.shared.messages.lock().unwrap().push(Received {
            from: self.from.clone(),
            to: self.to.clone(),
            data: std::mem::take(&mut self.data),
            tls: self.tls.load(Ordering::SeqCst),
        });
        response::OK
    }
    fn auth_plain(&mut self, _authz: &str, authn: &str, password: &str) -> Response {
        self.check(authn, password)
    }
    fn auth_login(&mut self, user: &str, password: &str) -> Response {
        self.check(user, password)
    }
}

/// How a test server speaks TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsMode {
    /// Plain text, upgraded when the client says STARTTLS.
    StartTls,
    /// TLS from the first byte (port 465 style).
    Implicit,
}

/// The server side of TLS: the certificate `tests/fixtures/tls/server.pem`
/// (for 127.0.0.1, signed by the test CA `ca.pem`) and its key.
#[derive(Clone)]
struct TlsServer {
    mode: TlsMode,
    config: Arc<rustls::ServerConfig>,
}

/// The test CA that signed the server's certificate.
pub fn test_ca() -> PathBuf {
    fixtures_tls().join("ca.pem")
}

fn fixtures_tls() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tls")
}

fn server_config() -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let dir = fixtures_tls();
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(dir.join("server.pem"))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let key = PrivateKeyDer::from_pem_file(dir.join("server.key")).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap(),
    )
}

/// One connection, in plain text or inside TLS.
enum Conn {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ServerConnection, TcpStream>>),
}

impl Conn {
    fn tls(tcp: TcpStream, config: &Arc<rustls::ServerConfig>) -> Option<Conn> {
        let conn = rustls::ServerConnection::new(config.clone()).ok()?;
        Some(Conn::Tls(Box::new(rustls::StreamOwned::new(conn, tcp))))
    }
}

impl Read for Conn {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Conn::Plain(s) => s.read(buf),
            Conn::Tls(s) => s.read(buf),
        }
    }
}

impl Write for Conn {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Conn::Plain(s) => s.write(buf),
            Conn::Tls(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Conn::Plain(s) => s.flush(),
            Conn::Tls(s) => s.flush(),
        }
    }
}

/// A real SMTP server on 127.0.0.1, one thread per connection.
pub struct SmtpServer {
    pub port: u16,
    shared: Arc<Shared>,
    stopped: Arc<AtomicBool>,
}

impl SmtpServer {
    /// On a free port.
    pub fn start() -> SmtpServer {
        Self::serve(TcpListener::bind("127.0.0.1:0").unwrap(), None, None)
    }

    /// On a port chosen earlier (the server "comes back").
    pub fn start_on(port: u16) -> SmtpServer {
        Self::serve(TcpListener::bind(("127.0.0.1", port)).unwrap(), None, None)
    }

    /// Requires AUTH (PLAIN or LOGIN, allowed without TLS on loopback).
    pub fn start_with_auth(user: &str, password: &str) -> SmtpServer {
        Self::serve(
            TcpListener::bind("127.0.0.1:0").unwrap(),
            Some((user.to_string(), password.to_string())),
            None,
        )
    }

    /// Speaks TLS with the fixture certificate signed by [`test_ca`].
    pub fn start_tls(mode: TlsMode) -> SmtpServer {
        Self::serve(
            TcpListener::bind("127.0.0.1:0").unwrap(),
            None,
            Some(TlsServer {
                mode,
                config: server_config(),
            }),
        )
    }

    fn serve(
        listener: TcpListener,
        credentials: Option<(String, String)>,
        tls: Option<TlsServer>,
    ) -> SmtpServer {
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared::default());
        let auth = credentials.is_some();
        *shared.credentials.lock().unwrap() = credentials;
        let stopped = Arc::new(AtomicBool::new(false));
        let (s, st) = (shared.clone(), stopped.clone());
        std::thread::spawn(move || {
            let mut builder = SessionBuilder::new("prueba.local");
            if tls.as_ref().is_some_and(|t| t.mode == TlsMode::StartTls) {
                builder.enable_start_tls();
            }
            if auth {
                builder
                    .enable_auth(AuthMechanism::Plain)
                    .enable_auth(AuthMechanism::Login)
                    .insecure_enable_plaintext_auth();
            }
            for conn in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = conn else { continue };
                let encrypted = Arc::new(AtomicBool::new(false));
                let handler = Recorder {
                    shared: s.clone(),
                    from: String::new(),
                    to: vec![],
                    data: vec![],
                    tls: encrypted.clone(),
                };
                let builder = builder.clone();
                let tls = tls.clone();
                std::thread::spawn(move || session(stream, &builder, handler, tls, &encrypted));
            }
        });
        SmtpServer {
            port,
            shared,
            stopped,
        }
    }

    pub fn refuse_recipients_containing(&self, text: Option<&str>) {
        *self.shared.refuse.lock().unwrap() = text.map(str::to_string);
    }

    pub fn messages(&self) -> Vec<Received> {
        self.shared.messages.lock().unwrap().clone()
    }

    pub fn auth_seen(&self) -> Vec<(String, String)> {
        self.shared.auth_seen.lock().unwrap().clone()
    }

    /// How many messages each recipient got.
    pub fn per_recipient(&self) -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for r in self.messages() {
            for to in r.to {
                *m.entry(to).or_insert(0) += 1;
            }
        }
        m
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stopped.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn session(
    stream: TcpStream,
    builder: &SessionBuilder,
    handler: Recorder,
    tls: Option<TlsServer>,
    encrypted: &AtomicBool,
) {
    let ip = stream.peer_addr().map(|a| a.ip()).unwrap();
    let conn = match &tls {
        Some(t) if t.mode == TlsMode::Implicit => match Conn::tls(stream, &t.config) {
            Some(c) => {
                encrypted.store(true, Ordering::SeqCst);
                c
            }
            None => return,
        },
        _ => Conn::Plain(stream),
    };
    // Reading and writing go through the same stream: TLS needs both.
    let mut reader = BufReader::new(conn);
    let mut session = builder.build(ip, handler);
    if session.greeting().write_to(reader.get_mut()).is_err() || reader.get_mut().flush().is_err() {
        return;
    }
    let mut line = Vec::new();
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let res = session.process(&line);
        match res.action {
            Action::Reply => {
                if res.write_to(reader.get_mut()).is_err() {
                    return;
                }
            }
            Action::Close => {
                let _ = res.write_to(reader.get_mut());
                let _ = reader.get_mut().flush();
                return;
            }
            Action::UpgradeTls => {
                // "220 Ready to start TLS", then the handshake on the same socket.
                if res.write_to(reader.get_mut()).is_err() || reader.get_mut().flush().is_err() {
                    return;
                }
                let (Some(t), Conn::Plain(tcp)) = (&tls, reader.into_inner()) else {
                    return;
                };
                let Some(conn) = Conn::tls(tcp, &t.config) else {
                    return;
                };
                reader = BufReader::new(conn);
                encrypted.store(true, Ordering::SeqCst);
                session.tls_active();
                continue;
            }
            Action::NoReply => {}
        }
        let _ = reader.get_mut().flush();
    }
}

/// A server that accepts connections and never says a word; reports each
/// accepted connection on the returned channel.
pub fn silent_server() -> (u16, mpsc::Receiver<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for conn in listener.incoming().flatten() {
            held.push(conn);
            if tx.send(()).is_err() {
                break;
            }
        }
    });
    (port, rx)
}

/// A port on 127.0.0.1 where nothing listens (until a server starts on it).
pub fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A temporary store and the built binary.
pub struct Mesa {
    pub dir: tempfile::TempDir,
    pub now: String,
    pub env: Vec<(String, String)>,
}

impl Mesa {
    pub fn new() -> Mesa {
        Mesa {
            dir: tempfile::tempdir().unwrap(),
            now: NOW.to_string(),
            env: vec![],
        }
    }

    pub fn store(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    pub fn set(&mut self, k: &str, v: &str) {
        self.env.retain(|(n, _)| n != k);
        self.env.push((k.into(), v.into()));
    }

    /// SMTP without TLS to a server on this machine.
    pub fn smtp(&mut self, port: u16) {
        self.set("MESA_SMTP_HOST", "127.0.0.1");
        self.set("MESA_SMTP_PORT", &port.to_string());
        self.set("MESA_SMTP_TLS", "none");
    }

    /// The built binary on this store, acting as its supervisor; a store
    /// that does not exist yet gets its staff first (`staff`).
    pub fn command(&self, args: &[&str]) -> Command {
        if !self.store().join("db").exists() {
            staff(&mesa::store::Store::open(&self.store()).unwrap());
        }
        let mut c = Command::new(env!("CARGO_BIN_EXE_mesa"));
        c.args(args)
            .env("MESA_STORE", self.store())
            .env("MESA_NOW", &self.now)
            .env("MESA_ANALYST", SUPERVISOR)
            .env("MESA_PASSWORD", PASSWORD)
            .env("MESA_NEW_PASSWORD", PASSWORD)
            .env_remove("MESA_CONFIG");
        for k in [
            "MESA_SMTP_HOST",
            "MESA_SMTP_PORT",
            "MESA_SMTP_USER",
            "MESA_SMTP_PASSWORD",
            "MESA_SMTP_TLS",
            "MESA_MAIL_FROM",
            "MESA_SMTP_CA_FILE",
            "MESA_LOG",
        ] {
            c.env_remove(k);
        }
        for (k, v) in &self.env {
            c.env(k, v);
        }
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs and requires success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "mesa {args:?} failed:\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn outbox(&self) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.ok(&["mail", "list", "--json"])).unwrap()
    }

    pub fn outbox_with(&self, status: &str) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.ok(&["mail", "list", "--status", status, "--json"])).unwrap()
    }
}

/// An emission ticket to register: (applicant name, email) for each applicant.
pub struct Seed {
    pub applicants: Vec<(String, String)>,
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// The supervisor of every test store, who acts unless told otherwise.
pub const SUPERVISOR: &str = "supervisor";
/// An analyst of every test store.
pub const ANALYST: &str = "beto";
/// The password of every analyst of a test store (`Mesa::command` gives it
/// in `MESA_PASSWORD`, and as the new password in `MESA_NEW_PASSWORD`, so
/// an analyst a test adds signs in with it too).
pub const PASSWORD: &str = "clave-de-prueba-2026";

/// Gives a store its staff (when it has none): `supervisor` and `beto`,
/// both with the password [`PASSWORD`].
pub fn staff(store: &mesa::store::Store) {
    use mesa::domain::audit::AuditNote;
    use mesa::domain::role::{Analyst, Role};
    if !store.analysts().unwrap().is_empty() {
        return;
    }
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&Utc);
    for (name, role) in [(SUPERVISOR, Role::Supervisor), (ANALYST, Role::Analista)] {
        let a = Analyst {
            name: name.into(),
            role,
            active: true,
            added_at: at,
            added_by: SUPERVISOR.into(),
            changed_at: None,
            changed_by: None,
        };
        store
            .put_analyst_with_password(
                &a,
                &mesa::desk::identity::hash(PASSWORD),
                AuditNote::new(at, SUPERVISOR, "analyst_add", name),
            )
            .unwrap();
    }
}

/// Registers emission tickets (status Nuevo, every check passing) in the
/// store at `dir`, through the library, with its staff (`staff`), and
/// returns their ids.
pub fn seed_store(dir: &Path, seeds: &[Seed]) -> Vec<String> {
    use mesa::domain::applicant::Applicant;
    use mesa::domain::{HistoryEntry, Kind, Status, Ticket};
    use mesa::store::{NewRecord, Store};

    let store = Store::open(dir).unwrap();
    staff(&store);
    let photo = store.put_attachment(&png(300, 400), "foto.png").unwrap();
    let signature = store.put_attachment(&png(420, 140), "firma.png").unwrap();
    let at: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-20T09:00:00-05:00")
        .unwrap()
        .with_timezone(&Utc);
    let records: Vec<NewRecord> = seeds
        .iter()
        .enumerate()
        .map(|(i, seed)| NewRecord {
            ticket: Ticket {
                id: String::new(),
                kind: Kind::Emision,
                motive: Some('a'),
                status: Status::Nuevo,
                registered_at: at + chrono::Duration::minutes(i as i64),
                registered_by: "prueba".into(),
                applicants: seed
                    .applicants
                    .iter()
                    .enumerate()
                    .map(|(j, (name, email))| Applicant {
                        full_name: name.clone(),
                        dni: format!("4{:03}{:04}", i, j),
                        dni_issued_on: "2019-03-14".parse().ok(),
                        email: email.clone(),
                        photo: Some(photo.clone()),
                        signature: Some(signature.clone()),
                        payment_operation: None,
                        cert_expires_on: None,
                    })
                    .collect(),
                certificate: None,
                dispatch: None,
                observations: vec![],
                assignee: None,
                updated_at: at,
                batch: None,
                approved_on: None,
                version: 0,
                taken_at: None,
            },
            id_year: 2026,
            history: vec![HistoryEntry {
                at,
                by: "prueba".into(),
                action: None,
                from: None,
                to: Status::Nuevo,
                reasons: vec![],
                changes: Vec::new(),
            }],
            receipts: vec![],
        })
        .collect();
    store.register_all(&records).unwrap()
}

pub fn one(name: &str, email: &str) -> Seed {
    Seed {
        applicants: vec![(name.into(), email.into())],
    }
}
