//! The daily digest of the other families' overdue steps, through a real
//! SMTP server on loopback: nothing while no step is overdue; once one is,
//! one message that day to `[mail] digest_to`, naming the request, its step
//! and how late it is; the next day, another while it is still late; none
//! once the step is done.

mod support;

use support::{Mesa, SmtpServer};

fn new_key_request(m: &mut Mesa) {
    m.ok(&[
        "request",
        "new",
        "--family",
        "claves-acceso",
        "--type",
        "clave-nueva",
        "--field",
        "dni=41234567",
        "--field",
        "nombres=Rosa Quispe Huamán",
        "--field",
        "cargo=Jefa",
        "--field",
        "unidad=Prensa",
        "--field",
        "correo=rquispe@regionjunin.gob.pe",
        "--field",
        "servicio=Síntesis Informativa",
    ]);
}

fn digests(server: &SmtpServer) -> Vec<support::Received> {
    server
        .messages()
        .into_iter()
        .filter(|m| m.header("Subject").contains("paso vencido"))
        .collect()
}

#[test]
fn overdue_steps_are_sent_to_the_supervision_once_a_day() {
    let mut m = Mesa::new();
    m.now = "2026-11-02T09:00:00-05:00".into();
    new_key_request(&mut m);
    std::fs::write(
        m.store().join("config.toml"),
        "[mail]\ndigest_to = \"Supervisión <supervision@regioncajamarca.gob.pe>\"\n",
    )
    .unwrap();
    let server = SmtpServer::start();
    m.smtp(server.port);

    // The same morning: nothing is late, no digest.
    m.ok(&["mail", "flush"]);
    assert!(digests(&server).is_empty());

    // Three weeks later the first step is long overdue: one digest.
    m.now = "2026-11-23T09:00:00-05:00".into();
    m.ok(&["mail", "flush"]);
    m.ok(&["mail", "flush"]);
    let got = digests(&server);
    assert_eq!(got.len(), 1, "once that day");
    assert_eq!(got[0].to, ["supervision@regioncajamarca.gob.pe"]);
    assert!(got[0].header("Subject").contains("23/11/2026"));
    let text = got[0].part("text/plain");
    assert!(text.contains("S-2026-000001"), "{text}");
    assert!(
        text.contains("Claves de acceso") || text.contains("clave"),
        "{text}"
    );

    // The next day, still late: another.
    m.now = "2026-11-24T09:00:00-05:00".into();
    m.ok(&["mail", "flush"]);
    assert_eq!(digests(&server).len(), 2);

    // The step done: the day after, nothing is late, no digest.
    m.ok(&["request", "advance", "S-2026-000001", "--sent", "turnada"]);
    m.now = "2026-11-24T10:00:00-05:00".into();
    m.ok(&["mail", "flush"]);
    assert_eq!(digests(&server).len(), 2);
}

#[test]
fn a_digest_address_that_is_not_one_is_refused_naming_the_key() {
    let m = Mesa::new();
    m.ok(&["list"]);
    std::fs::write(
        m.store().join("config.toml"),
        "[mail]\ndigest_to = \"supervisión\"\n",
    )
    .unwrap();
    let out = m.run(&["mail", "flush"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("digest_to") && err.contains("supervisión"),
        "{err}"
    );
}
