//! A family step's email goes through the outbox to a real SMTP server on
//! loopback: queued with the change that reaches the step, sent once.

mod support;

use support::{Mesa, SmtpServer};

#[test]
fn reaching_the_delivery_step_emails_the_official_once() {
    let mut m = Mesa::new();
    let out = m.ok(&[
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
    // The first step has no template: nothing queued yet.
    assert!(!out.contains("bandeja de salida"), "{out}");
    for extra in [
        ["--sent", "turnada"],
        ["--sent", "registrada"],
        ["--sent", "pedido de alta"],
    ] {
        let out = m.ok(&["request", "advance", "S-2026-000001", extra[0], extra[1]]);
        assert!(!out.contains("bandeja de salida"), "{out}");
    }
    assert!(m.outbox().is_empty());
    let out = m.ok(&[
        "request",
        "advance",
        "S-2026-000001",
        "--answer",
        "usuario activo",
    ]);
    assert!(
        out.contains("Se puso 1 correo en la bandeja de salida."),
        "{out}"
    );
    let pending = m.outbox_with("pending");
    assert_eq!(pending.len(), 1);

    let server = SmtpServer::start();
    m.smtp(server.port);
    let out = m.ok(&["mail", "flush"]);
    assert!(out.contains("Enviados: 1"), "{out}");
    m.ok(&["mail", "flush"]);
    let got = server.messages();
    assert_eq!(got.len(), 1, "sent once");
    assert_eq!(got[0].to, ["rquispe@regionjunin.gob.pe"]);
    assert_eq!(
        got[0].header("Subject"),
        "Acceso a Síntesis Informativa: instrucciones"
    );
    let text = got[0].part("text/plain");
    assert!(text.contains("Estimado(a) Rosa Quispe Huamán:"), "{text}");
    assert!(text.contains("Solicitud S-2026-000001."), "{text}");
    assert!(text.contains("Síntesis Informativa está activo"), "{text}");
}

#[test]
fn a_cnv_request_tells_the_user_it_was_received() {
    let mut m = Mesa::new();
    let dir = m.dir.path();
    let pdf = dir.join("o.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%%EOF\n").unwrap();
    let xlsx = dir.join("r.xlsx");
    std::fs::write(&xlsx, b"PK\x03\x04....").unwrap();
    let out = m.ok(&[
        "request",
        "new",
        "--family",
        "cuentas-cnv-sinadef",
        "--type",
        "creacion",
        "--field",
        "sistema=SINADEF",
        "--field",
        "dni=20123456",
        "--field",
        "nombres=Luis Rojas",
        "--field",
        "grupo=Médico cirujano",
        "--field",
        "establecimiento=Hospital Tarma",
        "--field",
        "correo=lrojas@diresajunin.gob.pe",
        "--document",
        &format!("oficio={}", pdf.display()),
        "--document",
        &format!("anexo={}", pdf.display()),
        "--document",
        &format!("relacion={}", xlsx.display()),
    ]);
    assert!(out.contains("Se puso 1 correo"), "{out}");
    let server = SmtpServer::start();
    m.smtp(server.port);
    m.ok(&["mail", "flush"]);
    let got = server.messages();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, ["lrojas@diresajunin.gob.pe"]);
    assert_eq!(
        got[0].header("Subject"),
        "Solicitud S-2026-000001 recibida: Creación de usuario"
    );
    let text = got[0].part("text/plain");
    assert!(text.contains("a cargo de IPRESS"), "{text}");
}
