//! When the SMTP server comes back, the operator sends everything now: no
//! waiting for each message's back-off (up to an hour), no retrying one id
//! at a time. A real SMTP server on loopback receives each message once.

mod support;

use support::{Mesa, SmtpServer, closed_port, one, seed_store};

/// Three tickets observed: three messages queued.
fn three_queued(m: &Mesa) {
    let ids = seed_store(
        &m.store(),
        &[
            one("Rosa Quispe Huamán", "rquispe@regioncajamarca.gob.pe"),
            one("Luis Chávez Rojas", "lchavez@regioncajamarca.gob.pe"),
            one("Carmen Díaz Mego", "cdiaz@regioncajamarca.gob.pe"),
        ],
    );
    for id in &ids {
        m.ok(&["take", id]);
        m.ok(&["observe", id, "--reason", "La foto tiene lentes"]);
    }
}

/// The server was down for a while: the messages wait for back-offs that
/// end long after it came back.
fn down_for_a_while(m: &mut Mesa) -> u16 {
    let port = closed_port();
    m.smtp(port);
    for at in ["09:00", "09:01", "09:03", "09:07", "09:15"] {
        m.now = format!("2026-11-23T{at}:00-05:00");
        m.ok(&["mail", "flush"]);
    }
    let pending = m.outbox_with("pending");
    assert_eq!(pending.len(), 3);
    assert!(
        pending
            .iter()
            .all(|e| e["next_attempt_at"].as_str().unwrap() > "2026-11-23T09:16:00-05:00"),
        "each waits its back-off: {pending:?}"
    );
    m.now = "2026-11-23T09:16:00-05:00".into();
    port
}

#[test]
fn flush_now_sends_every_pending_message_once_the_server_is_back() {
    let mut m = Mesa::new();
    three_queued(&m);
    let port = down_for_a_while(&mut m);
    let server = SmtpServer::start_on(port);

    // A plain flush still waits for the back-off: nothing goes.
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 0"), "{out}");
    assert!(server.messages().is_empty());

    let out = m.ok(&["mail", "flush", "--now"]);
    assert!(out.contains("3 correos pendientes se envían"), "{out}");
    assert!(out.contains("Enviados: 3"), "{out}");
    m.ok(&["mail", "flush", "--now"]);
    let counts = server.per_recipient();
    assert_eq!(counts.len(), 3, "{counts:?}");
    assert!(counts.values().all(|n| *n == 1), "each once: {counts:?}");
    assert!(m.outbox_with("pending").is_empty());
}

#[test]
fn retry_all_puts_every_failed_and_pending_message_back_for_now() {
    let mut m = Mesa::new();
    three_queued(&m);
    let port = down_for_a_while(&mut m);
    let server = SmtpServer::start_on(port);
    // One of them is refused for good (550) once the server answers.
    server.refuse_recipients_containing(Some("lchavez"));
    m.ok(&["mail", "flush", "--now"]);
    assert_eq!(m.outbox_with("failed").len(), 1);
    assert_eq!(server.per_recipient().len(), 2);
    // The address is fixed on the server's side: the operator puts every
    // failed (and pending) message back for now, without looking up ids.
    server.refuse_recipients_containing(None);

    let out = m.ok(&["mail", "retry", "--all"]);
    assert!(out.contains("1 correo fallido o pendiente puesto"), "{out}");
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 1"), "{out}");
    let counts = server.per_recipient();
    assert_eq!(counts.len(), 3);
    assert!(
        counts.values().all(|n| *n == 1),
        "sent ones are never sent again: {counts:?}"
    );

    let out = m.ok(&["mail", "retry", "--all"]);
    assert!(out.contains("No hay correos"), "{out}");
    // An id and --all together, or neither, is a usage error in Spanish.
    let out = m.run(&["mail", "retry"]);
    assert!(!out.status.success());
}
