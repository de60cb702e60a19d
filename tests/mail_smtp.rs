//! Email delivery end to end: the built `mesa` binary, a temporary store, and
//! a real SMTP server on 127.0.0.1 started by each test.

mod support;

use std::collections::HashMap;

use support::{Mesa, Seed, SmtpServer, closed_port, one, seed_store, silent_server};

const LATER: &str = "2026-11-23T11:00:00-05:00";

/// Two tickets: T1 with two applicants gets scheduled, T2 gets observed.
fn scheduled_and_observed(m: &Mesa) -> (String, String) {
    let ids = seed_store(
        &m.store(),
        &[
            Seed {
                applicants: vec![
                    (
                        "Rosa Quispe Huamán".into(),
                        "rquispe@regioncajamarca.gob.pe".into(),
                    ),
                    (
                        "Luis Chávez Rojas".into(),
                        "lchavez@regioncajamarca.gob.pe".into(),
                    ),
                ],
            },
            one("Carmen Díaz Mego", "cdiaz@regioncajamarca.gob.pe"),
        ],
    );
    m.ok(&["take", &ids[0]]);
    let out = m.ok(&["schedule", &ids[0]]);
    assert!(out.contains("Se pusieron 2 correos"), "{out}");
    m.ok(&["take", &ids[1]]);
    let out = m.ok(&[
        "observe",
        &ids[1],
        "--reason",
        "La foto tiene lentes",
        "--reason",
        "La firma no está centrada",
    ]);
    assert!(out.contains("Se puso 1 correo"), "{out}");
    (ids[0].clone(), ids[1].clone())
}

#[test]
fn each_message_reaches_its_recipient_with_subject_and_body_once() {
    let mut m = Mesa::new();
    let (t1, t2) = scheduled_and_observed(&m);
    assert_eq!(m.outbox_with("pending").len(), 3);

    let server = SmtpServer::start();
    m.smtp(server.port);
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 3"), "{out}");

    let got = server.messages();
    assert_eq!(got.len(), 3);
    let by_to: HashMap<String, &support::Received> =
        got.iter().map(|r| (r.to[0].clone(), r)).collect();

    for (to, name) in [
        ("rquispe@regioncajamarca.gob.pe", "Rosa Quispe Huamán"),
        ("lchavez@regioncajamarca.gob.pe", "Luis Chávez Rojas"),
    ] {
        let r = by_to[to];
        assert_eq!(r.to, [to]);
        assert!(r.header("To").contains(to));
        assert_eq!(
            r.header("Subject"),
            format!("Su solicitud {t1} se enviará a RENIEC el vie 27/11/2026")
        );
        let text = r.part("text/plain");
        assert!(text.contains(&format!("Estimado(a) {name}:")), "{text}");
        assert!(text.contains("viernes 27/11/2026 a las 16:30"), "{text}");
        assert!(text.contains("Gobierno Regional Cajamarca"));
        let html = r.part("text/html");
        assert!(html.contains("<strong>Fecha de envío a RENIEC: viernes 27/11/2026"));
        assert!(
            r.header("Message-ID")
                .contains(&format!("{t1}.programado."))
        );
        assert!(
            r.header("From")
                .contains("mesa.servicio@regioncajamarca.gob.pe")
        );
    }

    let r = by_to["cdiaz@regioncajamarca.gob.pe"];
    assert_eq!(
        r.header("Subject"),
        format!("Su solicitud {t2} necesita correcciones")
    );
    let text = r.part("text/plain");
    assert!(text.contains("  - La foto tiene lentes"), "{text}");
    assert!(text.contains("  - La firma no está centrada"), "{text}");
    assert!(text.contains("sin lentes"), "{text}");
    assert!(text.contains("tinta azul"), "{text}");

    // Everything is marked sent; flushing again sends nothing more.
    assert_eq!(m.outbox_with("sent").len(), 3);
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 0"), "{out}");
    assert_eq!(server.messages().len(), 3);
}

#[test]
fn server_down_keeps_everything_pending_then_each_is_delivered_once() {
    let mut m = Mesa::new();
    scheduled_and_observed(&m);
    let port = closed_port();
    m.smtp(port);

    let out = m.ok(&["mail", "flush"]);
    assert!(
        out.contains("Enviados: 0 · Fallidos: 0 · Reintentarán: 3"),
        "{out}"
    );
    let pending = m.outbox_with("pending");
    assert_eq!(pending.len(), 3, "nothing lost");
    for e in &pending {
        assert_eq!(e["attempts"], 1);
        assert!(e["last_error"].as_str().unwrap().len() > 3, "{e}");
        // Backoff: the next attempt is a minute later.
        assert_eq!(e["next_attempt_at"], "2026-11-23T09:01:00-05:00");
    }

    // Still down, same moment: nothing is due, nothing changes.
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("En espera: 3"), "{out}");

    // A second failed attempt doubles the wait.
    m.now = "2026-11-23T09:01:00-05:00".into();
    m.ok(&["mail", "flush"]);
    for e in m.outbox_with("pending") {
        assert_eq!(e["attempts"], 2);
        assert_eq!(e["next_attempt_at"], "2026-11-23T09:03:00-05:00");
    }

    // The server comes back on the same port.
    let server = SmtpServer::start_on(port);
    m.now = LATER.into();
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 3"), "{out}");
    m.ok(&["mail", "flush"]);
    let counts = server.per_recipient();
    assert_eq!(counts.len(), 3);
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
    assert!(m.outbox_with("pending").is_empty());
}

#[test]
fn a_550_refusal_is_marked_failed_with_the_reply_and_retry_delivers_it_once() {
    let mut m = Mesa::new();
    scheduled_and_observed(&m);
    let server = SmtpServer::start();
    server.refuse_recipients_containing(Some("lchavez"));
    m.smtp(server.port);

    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 2 · Fallidos: 1"), "{out}");
    let failed = m.outbox_with("failed");
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0]["to"], "lchavez@regioncajamarca.gob.pe");
    let reply = failed[0]["last_error"].as_str().unwrap();
    assert!(reply.contains("550"), "{reply}");
    assert!(reply.contains("usuario dado de baja"), "{reply}");
    let text = m.ok(&["mail", "list", "--status", "failed"]);
    assert!(text.contains("fallido"), "{text}");
    assert!(text.contains("usuario dado de baja"), "{text}");

    // A failed message is not retried by itself.
    m.now = LATER.into();
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 0 · Fallidos: 0"), "{out}");

    // The address is fixed on the server side; the analyst retries.
    server.refuse_recipients_containing(None);
    let id = failed[0]["id"].as_str().unwrap();
    let out = m.ok(&["mail", "retry", id]);
    assert!(out.contains("pendiente"), "{out}");
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 1"), "{out}");
    let counts = server.per_recipient();
    assert_eq!(counts["lchavez@regioncajamarca.gob.pe"], 1);
    assert_eq!(counts["rquispe@regioncajamarca.gob.pe"], 1);
    assert_eq!(counts["cdiaz@regioncajamarca.gob.pe"], 1);

    // A sent message cannot be retried (it would go twice).
    let out = m.run(&["mail", "retry", id]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ya fue enviado"));
    let out = m.run(&["mail", "retry", "T-2026-999999/programado/00000001/1"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no existe el correo"));
}

#[cfg(unix)]
#[test]
fn killed_mid_delivery_the_messages_are_delivered_after_restart_once() {
    let mut m = Mesa::new();
    scheduled_and_observed(&m);

    // A server that accepts and never answers: the sender is stuck in its
    // first delivery when it is killed.
    let (silent, accepted) = silent_server();
    m.smtp(silent);
    let mut child = m
        .command(&["mail", "flush"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    accepted
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("the sender connected");
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    assert!(!status.success());

    // After the restart nothing is lost and nothing is marked sent.
    let pending = m.outbox_with("pending");
    assert_eq!(pending.len(), 3);

    let server = SmtpServer::start();
    m.smtp(server.port);
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 3"), "{out}");
    m.now = LATER.into();
    m.ok(&["mail", "flush"]);
    let counts = server.per_recipient();
    assert_eq!(counts.len(), 3);
    assert!(counts.values().all(|n| *n == 1), "{counts:?}");
}

#[test]
fn the_password_is_used_but_never_logged_nor_listed() {
    const PASSWORD: &str = "Cl4ve-Secreta-9x7Q";
    let mut m = Mesa::new();
    scheduled_and_observed(&m);
    let server = SmtpServer::start_with_auth("mesa", PASSWORD);
    m.smtp(server.port);
    m.set("MESA_SMTP_USER", "mesa");
    m.set("MESA_SMTP_PASSWORD", PASSWORD);
    m.set("MESA_LOG", "trace");

    let flush = m.run(&["mail", "flush"]);
    assert!(flush.status.success());
    assert_eq!(server.messages().len(), 3);
    assert!(
        server
            .auth_seen()
            .iter()
            .any(|(u, p)| u == "mesa" && p == PASSWORD),
        "the server saw the real password"
    );

    // Now a wrong password: refused (535), recorded, still not shown.
    let t = seed_store_more(&m);
    m.set("MESA_SMTP_PASSWORD", "otra-clave-equivocada");
    let refused = m.run(&["mail", "flush"]);
    let failed = m.outbox_with("failed");
    assert_eq!(failed.len(), 1, "{t}");

    let log = std::fs::read_to_string(m.store().join("logs").join("mesa.log")).unwrap();
    assert!(log.contains("configuración de correo"), "{log}");
    assert!(log.contains("«oculta»"), "{log}");
    let list = m.ok(&["mail", "list"]);
    let json = m.ok(&["mail", "list", "--json"]);
    for (what, text) in [
        ("log", log.as_str()),
        ("list", list.as_str()),
        ("json", json.as_str()),
        ("flush stdout", &String::from_utf8_lossy(&flush.stdout)),
        ("flush stderr", &String::from_utf8_lossy(&flush.stderr)),
        ("refused stdout", &String::from_utf8_lossy(&refused.stdout)),
        ("refused stderr", &String::from_utf8_lossy(&refused.stderr)),
    ] {
        assert!(!text.contains(PASSWORD), "password in {what}");
        assert!(
            !text.contains("otra-clave-equivocada"),
            "password in {what}"
        );
    }
}

/// One more observed ticket, for a second round of mail.
fn seed_store_more(m: &Mesa) -> String {
    // The store is closed between commands, so the library can add to it.
    let ids = seed_store(
        &m.store(),
        &[one("Juan Mendoza", "jmendoza@regioncajamarca.gob.pe")],
    );
    m.ok(&["take", &ids[0]]);
    m.ok(&["observe", &ids[0], "--reason", "Correo personal"]);
    ids[0].clone()
}

#[test]
fn with_no_configuration_messages_become_eml_files_once() {
    let m = Mesa::new();
    let (t1, _) = scheduled_and_observed(&m);
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("outbox-eml"), "{out}");
    assert!(out.contains("Enviados: 3"), "{out}");
    let dir = m.store().join("outbox-eml");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    let bytes = std::fs::read(&files[0]).unwrap();
    let mail = mailparse::parse_mail(&bytes).unwrap();
    let subject = mail
        .headers
        .iter()
        .find(|h| h.get_key() == "Subject")
        .unwrap()
        .get_value();
    assert!(subject.contains(&t1), "{subject}");
    assert_eq!(mail.subparts.len(), 2, "text and HTML");
    m.ok(&["mail", "flush"]);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 3);
}

#[test]
fn plain_text_smtp_to_a_remote_host_is_refused_and_nothing_is_lost() {
    let mut m = Mesa::new();
    scheduled_and_observed(&m);
    m.set("MESA_SMTP_HOST", "smtp.regioncajamarca.gob.pe");
    m.set("MESA_SMTP_TLS", "none");
    let out = m.run(&["mail", "flush"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tls = none solo se permite"), "{err}");
    assert_eq!(m.outbox_with("pending").len(), 3);
}

#[test]
fn preview_renders_every_event() {
    let m = Mesa::new();
    let out = m.ok(&["mail", "preview", "todos"]);
    for event in [
        "programado",
        "observado",
        "enviado",
        "aprobado",
        "rechazado",
        "cancelado",
        "recordatorio_descarga",
        "plazo_vencido",
    ] {
        assert!(out.contains(&format!("=== {event} ===")), "{event}");
    }
    assert!(out.contains("regla de los 10 días"));
    assert!(out.contains("hasta el"));
    assert!(out.contains("Le quedan 3 días"));
    assert!(out.contains("motivo g"));
    let out = m.run(&["mail", "preview", "inventado"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no es un evento de correo"));
}

#[test]
fn batch_sent_and_reniec_answers_then_reminders_and_the_lapse_each_once() {
    let mut m = Mesa::new();
    let ids = seed_store(
        &m.store(),
        &[
            one("Rosa Quispe Huamán", "rquispe@regioncajamarca.gob.pe"),
            one("Luis Chávez Rojas", "lchavez@regioncajamarca.gob.pe"),
        ],
    );
    let (t1, t2) = (&ids[0], &ids[1]);
    for t in [t1, t2] {
        m.ok(&["take", t]);
        m.ok(&["schedule", t]);
    }
    let server = SmtpServer::start();
    m.smtp(server.port);
    let mut subjects_seen = 0;
    let mut new_subjects = |server: &SmtpServer| -> Vec<String> {
        let all = server.messages();
        let mut fresh: Vec<String> = all[subjects_seen..]
            .iter()
            .map(|r| format!("{} | {}", r.to[0], r.header("Subject")))
            .collect();
        subjects_seen = all.len();
        fresh.sort();
        fresh
    };
    m.ok(&["mail", "flush"]);
    assert_eq!(new_subjects(&server).len(), 2, "scheduled");

    // The weekly batch leaves: sealed after the cut-off and marked sent.
    m.now = "2026-11-27T17:00:00-05:00".into();
    m.ok(&["batch", "seal", "--dispatch", "2026-11-27"]);
    m.ok(&["batch", "sent", "LOTE-2026-11-27"]);
    m.ok(&["mail", "flush"]);
    assert_eq!(
        new_subjects(&server),
        [
            format!("lchavez@regioncajamarca.gob.pe | Su solicitud {t2} fue enviada a RENIEC"),
            format!("rquispe@regioncajamarca.gob.pe | Su solicitud {t1} fue enviada a RENIEC"),
        ]
    );

    // RENIEC answers (recorded the next day, approved on 02/12).
    m.now = "2026-12-03T10:00:00-05:00".into();
    let csv = m.dir.path().join("respuestas.csv");
    std::fs::write(
        &csv,
        format!(
            "ticket,result,date,reason\n{t1},aprobado,2026-12-02,\n{t2},rechazado,2026-12-02,Foto ilegible\n"
        ),
    )
    .unwrap();
    m.ok(&["batch", "outcome", csv.to_str().unwrap()]);
    m.ok(&["mail", "flush"]);
    assert_eq!(
        new_subjects(&server),
        [
            format!("lchavez@regioncajamarca.gob.pe | RENIEC no aprobó su solicitud {t2}"),
            format!(
                "rquispe@regioncajamarca.gob.pe | RENIEC aprobó su certificado digital: descárguelo hasta el 01/01/2027 ({t1})"
            ),
        ]
    );
    let all = server.messages();
    let rejected = all
        .iter()
        .find(|r| r.header("Subject").starts_with("RENIEC no aprobó"))
        .map(|r| r.part("text/plain"))
        .filter(|t| t.contains("Foto ilegible"));
    assert!(rejected.is_some(), "the rejection carries RENIEC's reason");
    let approved = all
        .iter()
        .rev()
        .find(|r| r.header("Subject").starts_with("RENIEC aprobó"))
        .unwrap()
        .part("text/plain");
    assert!(approved.contains("30 días calendario"), "{approved}");
    assert!(approved.contains("viernes 01/01/2027"), "{approved}");

    // Reminders for the approved one only; each once.
    for (now, expect) in [
        ("2026-12-21T09:00:00-05:00", None),
        (
            "2026-12-22T09:00:00-05:00",
            Some("Recordatorio: descargue su certificado digital hasta el 01/01/2027"),
        ),
        ("2026-12-23T09:00:00-05:00", None),
        (
            "2026-12-29T09:00:00-05:00",
            Some("Recordatorio: descargue su certificado digital hasta el 01/01/2027"),
        ),
        ("2027-01-01T09:00:00-05:00", None),
        (
            "2027-01-02T09:00:00-05:00",
            Some("Venció el plazo para descargar su certificado digital"),
        ),
        ("2027-01-09T09:00:00-05:00", None),
    ] {
        m.now = now.into();
        m.ok(&["mail", "flush"]);
        let fresh = new_subjects(&server);
        match expect {
            None => assert!(fresh.is_empty(), "nothing new on {now}: {fresh:?}"),
            Some(subject) => {
                assert_eq!(fresh.len(), 1, "one reminder on {now}: {fresh:?}");
                assert!(
                    fresh[0].starts_with(&format!("rquispe@regioncajamarca.gob.pe | {subject}")),
                    "{now}: {fresh:?}"
                );
            }
        }
    }
    let text = server.messages().last().unwrap().part("text/plain");
    assert!(text.contains("motivo g"), "{text}");
    assert_eq!(server.messages().len(), 2 + 2 + 2 + 3);
}

#[test]
fn a_tls_handshake_that_fails_keeps_the_messages_pending() {
    // A plain-text server where TLS is expected: the handshake fails, which
    // is not the server refusing the message, so nothing is marked failed.
    for tls in ["tls", "starttls"] {
        let mut m = Mesa::new();
        scheduled_and_observed(&m);
        let server = SmtpServer::start();
        m.smtp(server.port);
        m.set("MESA_SMTP_TLS", tls);
        let out = m.ok(&["mail", "flush"]);
        assert!(out.contains(&format!("({tls})")), "{out}");
        assert!(
            out.contains("Enviados: 0 · Fallidos: 0 · Reintentarán: 3"),
            "{tls}: {out}"
        );
        assert!(server.messages().is_empty());
        let pending = m.outbox_with("pending");
        assert_eq!(pending.len(), 3);
        assert!(pending.iter().all(|e| e["attempts"] == 1), "{pending:?}");
    }
}
