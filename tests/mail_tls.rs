//! Delivery over TLS to a real server on 127.0.0.1 started by each test:
//! STARTTLS on a plain connection, and TLS from the first byte. The server's
//! certificate is signed by a test CA that the desk trusts through
//! `mail.smtp.ca_file` (`MESA_SMTP_CA_FILE`), as a desk with an internal CA
//! would; without it the same server is refused and the message waits.

mod support;

use support::{Mesa, SmtpServer, TlsMode, one, seed_store, test_ca};

/// One scheduled ticket: one message pending for Rosa.
fn one_pending(m: &Mesa) -> String {
    let ids = seed_store(
        &m.store(),
        &[one("Rosa Quispe Huamán", "rquispe@regioncajamarca.gob.pe")],
    );
    m.ok(&["take", &ids[0]]);
    m.ok(&["schedule", &ids[0]]);
    assert_eq!(m.outbox_with("pending").len(), 1);
    ids[0].clone()
}

fn over_tls(m: &mut Mesa, port: u16, tls: &str) {
    m.set("MESA_SMTP_HOST", "127.0.0.1");
    m.set("MESA_SMTP_PORT", &port.to_string());
    m.set("MESA_SMTP_TLS", tls);
}

fn delivered_to_rosa(m: &Mesa, server: &SmtpServer, id: &str) {
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 1"), "{out}");
    let got = server.messages();
    assert_eq!(got.len(), 1);
    let r = &got[0];
    assert!(r.tls, "the message travelled inside TLS");
    assert_eq!(r.to, ["rquispe@regioncajamarca.gob.pe"]);
    assert_eq!(
        r.header("Subject"),
        format!("Su solicitud {id} se enviará a RENIEC el vie 27/11/2026")
    );
    let text = r.part("text/plain");
    assert!(text.contains("Estimado(a) Rosa Quispe Huamán:"), "{text}");
    assert!(text.contains("viernes 27/11/2026 a las 16:30"), "{text}");
    assert!(r.part("text/html").contains("<strong>"));
    assert_eq!(m.outbox_with("sent").len(), 1);
}

#[test]
fn starttls_to_a_server_signed_by_the_desk_ca_delivers() {
    let mut m = Mesa::new();
    let id = one_pending(&m);
    let server = SmtpServer::start_tls(TlsMode::StartTls);
    over_tls(&mut m, server.port, "starttls");
    m.set("MESA_SMTP_CA_FILE", &test_ca().display().to_string());
    delivered_to_rosa(&m, &server, &id);
}

#[test]
fn implicit_tls_with_the_ca_from_the_configuration_file_delivers() {
    let m = Mesa::new();
    let id = one_pending(&m);
    let server = SmtpServer::start_tls(TlsMode::Implicit);
    std::fs::write(
        m.store().join("config.toml"),
        format!(
            "[mail.smtp]\nhost = \"127.0.0.1\"\nport = {}\ntls = \"tls\"\nca_file = \"{}\"\n",
            server.port,
            test_ca().display()
        ),
    )
    .unwrap();
    delivered_to_rosa(&m, &server, &id);
}

#[test]
fn without_the_ca_the_certificate_is_refused_and_the_message_waits() {
    let mut m = Mesa::new();
    one_pending(&m);
    let server = SmtpServer::start_tls(TlsMode::Implicit);
    over_tls(&mut m, server.port, "tls");
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 0"), "{out}");
    assert!(server.messages().is_empty());
    let pending = m.outbox_with("pending");
    assert_eq!(pending.len(), 1, "kept for a retry");
    let why = pending[0]["last_error"].as_str().unwrap().to_lowercase();
    assert!(why.contains("certificate"), "{why}");
}

#[test]
fn a_ca_file_that_is_not_a_certificate_is_refused_naming_the_key() {
    let mut m = Mesa::new();
    one_pending(&m);
    let server = SmtpServer::start_tls(TlsMode::StartTls);
    over_tls(&mut m, server.port, "starttls");
    let bad = m.dir.path().join("ca.txt");
    std::fs::write(&bad, "no es un certificado\n").unwrap();
    m.set("MESA_SMTP_CA_FILE", &bad.display().to_string());
    let out = m.run(&["mail", "flush"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mail.smtp.ca_file"), "{err}");
    assert!(err.contains("ca.txt"), "{err}");
    m.set("MESA_SMTP_CA_FILE", "/no/existe/ca.pem");
    let err = String::from_utf8_lossy(&m.run(&["mail", "flush"]).stderr).into_owned();
    assert!(err.contains("/no/existe/ca.pem"), "{err}");
    assert_eq!(m.outbox_with("pending").len(), 1, "nothing changed");
}
