//! `mesa correct` end to end: the built binary, a store on disk, tickets
//! imported from a CSV with real images, and a real SMTP server on loopback.

mod support;

use std::path::{Path, PathBuf};

use serde_json::Value;
use support::{Mesa, SmtpServer};

const HEADER: &str = "ticket,kind,motive,registered_at,full_name,dni,dni_issued_on,email,photo,signature,payment_operation,payment_date,payment_amount,cert_expires_on,certificate";

fn png(path: &Path, width: u32, height: u32, shade: u8) {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, shade])
    });
    img.save(path).unwrap();
}

fn sha256(path: &Path) -> String {
    mesa::media::sha256_hex(&std::fs::read(path).unwrap())
}

/// Three tickets: an emission (Rosa), a paid re-emission d) with receipt
/// 0456789 (Luis), another paid re-emission with receipt 0777777 (Carmen).
fn imported(m: &Mesa) -> Vec<String> {
    let dir = m.dir.path();
    png(&dir.join("foto.png"), 300, 400, 10);
    png(&dir.join("firma.png"), 420, 140, 20);
    let csv = dir.join("solicitudes.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER}\n\
         1,emision,a,2026-11-20T09:15:00-05:00,Rosa Quispe Huamán,45781236,2019-05-14,rquispe@regioncajamarca.gob.pe,foto.png,firma.png,,,,,\n\
         2,reemision,d,2026-11-20T10:02:00-05:00,Luis Chávez Rojas,41234567,2020-01-10,lchavez@regioncajamarca.gob.pe,foto.png,firma.png,0456789,2026-11-19,8.10,,\n\
         3,reemision,e,2026-11-20T11:30:00-05:00,Carmen Alcántara Díaz,43219876,2018-08-02,calcantara@regioncajamarca.gob.pe,foto.png,firma.png,0777777,2026-11-19,8.10,,\n"
        ),
    )
    .unwrap();
    let out = m.ok(&["import", csv.to_str().unwrap()]);
    out.lines().skip(1).map(String::from).collect()
}

fn show(m: &Mesa, id: &str) -> Value {
    serde_json::from_str(&m.ok(&["show", id, "--json"])).unwrap()
}

fn queue_ids(m: &Mesa) -> Vec<String> {
    let list: Value = serde_json::from_str(&m.ok(&["list", "--json"])).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

fn attachments(m: &Mesa) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(m.store().join("attachments"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn refused(m: &Mesa, args: &[&str]) -> String {
    let out = m.run(args);
    assert!(
        !out.status.success(),
        "mesa {args:?} should be refused:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8(out.stderr).unwrap()
}

/// Everything a refused correction must leave as it was.
fn snapshot(m: &Mesa, id: &str) -> (Value, Vec<String>, Vec<Value>, Vec<Value>) {
    let audit: Value =
        serde_json::from_str(&m.ok(&["audit", "--last", "100000", "--json"])).unwrap();
    let changes: Vec<Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] != "read")
        .cloned()
        .collect();
    (show(m, id), attachments(m), m.outbox(), changes)
}

fn observed(m: &Mesa, id: &str) {
    m.ok(&["take", id]);
    m.ok(&["observe", id, "--reason", "La foto tiene lentes"]);
}

#[test]
fn an_observed_ticket_is_corrected_in_place_and_the_staff_member_is_told_at_the_new_address() {
    let mut m = Mesa::new();
    let ids = imported(&m);
    let luis = &ids[1];
    observed(&m, luis);
    let before = show(&m, luis);
    let order = queue_ids(&m);
    let old_photo = sha256(&m.dir.path().join("foto.png"));
    let new_photo = m.dir.path().join("foto-nueva.png");
    png(&new_photo, 480, 640, 99);
    let new_sha = sha256(&new_photo);

    m.now = "2026-11-24T10:00:00-05:00".into();
    let out = m.ok(&[
        "correct",
        luis,
        "--photo",
        new_photo.to_str().unwrap(),
        "--email",
        "luis.chavez@regioncajamarca.gob.pe",
        "--reason",
        "Envió foto sin lentes y su correo nuevo",
    ]);
    assert!(
        out.contains(&format!("{luis} corregido: Observado → En atención")),
        "{out}"
    );
    assert!(
        out.contains("correo: lchavez@regioncajamarca.gob.pe → luis.chavez@regioncajamarca.gob.pe"),
        "{out}"
    );
    assert!(
        out.contains(&format!("foto: {} → {}", &old_photo[..12], &new_sha[..12])),
        "{out}"
    );
    assert!(out.contains("Estado: En atención"), "{out}");
    assert!(out.contains("Se puso 1 correo"), "{out}");

    // Same ticket, same place in the queue, same receipt.
    let after = show(&m, luis);
    assert_eq!(after["status"], "en_atencion");
    assert_eq!(after["registered_at"], before["registered_at"]);
    assert_eq!(
        after["applicants"][0]["email"],
        "luis.chavez@regioncajamarca.gob.pe"
    );
    assert_eq!(queue_ids(&m), order);
    let text = m.ok(&["show", luis]);
    assert!(text.contains("Pago: op. 0456789"), "{text}");
    assert!(text.contains("✔ Foto"), "{text}");
    assert!(m.store().join("attachments").join(&new_sha).exists());

    // The history has who, when and each change old → new (images by hash).
    let history = after["history"].as_array().unwrap();
    let last = history.last().unwrap();
    assert_eq!(last["by"], "supervisor");
    assert_eq!(
        (last["from"].as_str(), last["to"].as_str()),
        (Some("observado"), Some("en_atencion"))
    );
    assert!(
        last["at"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-24T10:00:00")
    );
    let changes = last["changes"].as_array().unwrap();
    let photo = changes.iter().find(|c| c["field"] == "photo").unwrap();
    assert_eq!(photo["old"], old_photo.as_str());
    assert_eq!(photo["new"], new_sha.as_str());
    let email = changes.iter().find(|c| c["field"] == "email").unwrap();
    assert_eq!(email["old"], "lchavez@regioncajamarca.gob.pe");
    assert_eq!(email["new"], "luis.chavez@regioncajamarca.gob.pe");
    assert!(text.contains("corrección:"), "{text}");
    assert!(text.contains("solicitante 1 · correo: lchavez@regioncajamarca.gob.pe → luis.chavez@regioncajamarca.gob.pe"), "{text}");

    // The audit log has the entry.
    let audit: Value =
        serde_json::from_str(&m.ok(&["audit", "--dni", "41234567", "--json"])).unwrap();
    let entry = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "correct")
        .unwrap_or_else(|| panic!("no correction in {audit:#}"));
    assert_eq!(entry["by"], "supervisor");
    assert_eq!(entry["subject"], luis.as_str());

    // The email, to the new address, really delivered.
    let mail: Vec<Value> = m
        .outbox()
        .into_iter()
        .filter(|e| e["event"] == "correccion_recibida")
        .collect();
    assert_eq!(mail.len(), 1, "{mail:#?}");
    assert_eq!(mail[0]["to"], "luis.chavez@regioncajamarca.gob.pe");
    let server = SmtpServer::start();
    m.smtp(server.port);
    m.ok(&["mail", "flush"]);
    let got: Vec<_> = server
        .messages()
        .into_iter()
        .filter(|r| r.header("Subject").contains("corrección"))
        .collect();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, ["luis.chavez@regioncajamarca.gob.pe"]);
    assert_eq!(
        got[0].header("Subject"),
        format!("Recibimos la corrección de su solicitud {luis}")
    );
    let body = got[0].part("text/plain");
    assert!(body.contains("la foto"), "{body}");
    assert!(body.contains("conserva su lugar"), "{body}");
}

#[test]
fn the_dni_cannot_change_and_a_refusal_changes_nothing() {
    let m = Mesa::new();
    let ids = imported(&m);
    let rosa = &ids[0];
    observed(&m, rosa);
    let before = snapshot(&m, rosa);

    let err = refused(
        &m,
        &[
            "correct",
            rosa,
            "--dni",
            "49999999",
            "--email",
            "otra@regioncajamarca.gob.pe",
        ],
    );
    assert!(
        err.contains("DNI") && err.contains("49999999") && err.contains("otro ticket"),
        "{err}"
    );
    assert_eq!(snapshot(&m, rosa), before);

    // Invalid values: a personal email and a landscape photo. Both named.
    let landscape = m.dir.path().join("apaisada.png");
    png(&landscape, 640, 480, 77);
    let err = refused(
        &m,
        &[
            "correct",
            rosa,
            "--email",
            "rosa@gmail.com",
            "--photo",
            landscape.to_str().unwrap(),
        ],
    );
    assert!(err.contains("correo") && err.contains("personal"), "{err}");
    assert!(err.contains("foto") && err.contains("vertical"), "{err}");
    assert_eq!(
        snapshot(&m, rosa),
        before,
        "store, attachments, outbox, audit"
    );

    // Not an image at all.
    let text = m.dir.path().join("foto.txt");
    std::fs::write(&text, "no soy una foto").unwrap();
    let err = refused(&m, &["correct", rosa, "--photo", text.to_str().unwrap()]);
    assert!(err.contains("foto"), "{err}");
    assert_eq!(snapshot(&m, rosa), before);

    // Nothing new.
    let err = refused(
        &m,
        &["correct", rosa, "--email", "rquispe@regioncajamarca.gob.pe"],
    );
    assert!(err.contains("no hay cambios"), "{err}");
    assert_eq!(snapshot(&m, rosa), before);
}

#[test]
fn a_receipt_stays_its_own_and_one_of_another_ticket_is_refused_naming_it() {
    let m = Mesa::new();
    let ids = imported(&m);
    let (luis, carmen) = (&ids[1], &ids[2]);
    observed(&m, luis);
    // Its own receipt, given again with a corrected date: no "already used".
    let out = m.ok(&[
        "correct",
        luis,
        "--receipt-operation",
        "0456789",
        "--receipt-date",
        "18/11/2026",
    ]);
    assert!(
        out.contains("fecha de pago: 19/11/2026 → 18/11/2026"),
        "{out}"
    );
    assert!(
        m.ok(&["show", luis])
            .contains("Pago: op. 0456789 · 18/11/2026")
    );

    // Carmen's receipt: refused, naming her ticket.
    let before = snapshot(&m, luis);
    let err = refused(&m, &["correct", luis, "--receipt-operation", "0777777"]);
    assert!(
        err.contains(carmen.as_str()) && err.contains("ya fue usado"),
        "{err}"
    );
    assert_eq!(snapshot(&m, luis), before);

    // A new receipt: taken, and the old one is free for someone else.
    let out = m.ok(&["correct", luis, "--receipt-operation", "0888888"]);
    assert!(
        out.contains("número de operación: 0456789 → 0888888"),
        "{out}"
    );
    assert!(m.ok(&["show", luis]).contains("Pago: op. 0888888"));
    let csv = m.dir.path().join("otra.csv");
    std::fs::write(
        &csv,
        format!("{HEADER}\n,reemision,f,,Ana Mego Díaz,40111222,2019-05-14,amego@regioncajamarca.gob.pe,foto.png,firma.png,0456789,2026-11-19,8.10,,\n"),
    )
    .unwrap();
    m.ok(&["import", csv.to_str().unwrap()]);
    // And the new one is Luis's: nobody else can use it.
    std::fs::write(
        &csv,
        format!("{HEADER}\n,reemision,f,,Ana Mego Díaz,40111223,2019-05-14,amego2@regioncajamarca.gob.pe,foto.png,firma.png,0888888,2026-11-19,8.10,,\n"),
    )
    .unwrap();
    let err = refused(&m, &["import", csv.to_str().unwrap()]);
    assert!(err.contains(luis.as_str()), "{err}");
}

#[test]
fn kind_and_motive_change_before_scheduling_and_the_payment_rule_is_checked_again() {
    let m = Mesa::new();
    let ids = imported(&m);
    let (rosa, luis) = (&ids[0], &ids[1]);
    observed(&m, rosa);
    // To a paid motive without a receipt: refused, naming the payment.
    let err = refused(
        &m,
        &["correct", rosa, "--kind", "reemision", "--motive", "d"],
    );
    assert!(
        err.contains("constancia de pago") && err.contains("d)"),
        "{err}"
    );
    // With one: done.
    let out = m.ok(&[
        "correct",
        rosa,
        "--kind",
        "reemision",
        "--motive",
        "d",
        "--receipt-operation",
        "0555555",
        "--receipt-date",
        "2026-11-20",
        "--receipt-amount",
        "8.10",
    ]);
    assert!(
        out.contains("tipo de trámite: Emisión → Reemisión"),
        "{out}"
    );
    assert!(out.contains("motivo: a → d"), "{out}");
    let after = show(&m, rosa);
    assert_eq!(
        (after["kind"].as_str(), after["motive"].as_str()),
        (Some("reemision"), Some("d"))
    );
    assert!(m.ok(&["show", rosa]).contains("Pago: op. 0555555"));

    // Luis to a free motive: his receipt is released.
    m.ok(&["take", luis]);
    let out = m.ok(&["correct", luis, "--motive", "a"]);
    assert!(out.contains("número de operación: 0456789 → —"), "{out}");
    // A free motive needs no payment: no receipt shown, no payment check.
    let shown = m.ok(&["show", luis]);
    assert!(!shown.contains("Pago: op."), "{shown}");
    assert!(!shown.contains("Constancia de pago"), "{shown}");

    // Once scheduled, kind and motive stay.
    m.ok(&["schedule", luis]);
    let err = refused(&m, &["correct", luis, "--motive", "b"]);
    assert!(err.contains("programa"), "{err}");
}

#[test]
fn scheduled_goes_back_to_work_new_stays_new_and_sealed_is_refused() {
    let mut m = Mesa::new();
    let ids = imported(&m);
    let (rosa, luis, carmen) = (&ids[0], &ids[1], &ids[2]);

    // Nuevo: a typo caught early, recorded, still Nuevo.
    let out = m.ok(&[
        "correct",
        carmen,
        "--full-name",
        "Carmen Alcántara Díaz de Mego",
    ]);
    assert!(out.contains("Estado: Nuevo"), "{out}");
    assert_eq!(show(&m, carmen)["status"], "nuevo");

    // Programado, not sealed: back to En atención, to be scheduled again.
    m.ok(&["take", luis]);
    m.ok(&["schedule", luis]);
    let out = m.ok(&["correct", luis, "--issued", "11/01/2020"]);
    assert!(out.contains("Programado → En atención"), "{out}");
    assert!(out.contains("volver a programarse"), "{out}");
    let after = show(&m, luis);
    assert_eq!(after["status"], "en_atencion");
    assert!(after["dispatch_at"].is_null());
    let server = SmtpServer::start();
    m.smtp(server.port);
    m.ok(&["mail", "flush"]);
    let mail = server
        .messages()
        .into_iter()
        .find(|r| r.header("Subject") == format!("Recibimos la corrección de su solicitud {luis}"))
        .expect("the staff member is told");
    let text = mail.part("text/plain");
    assert!(text.contains("volverá a programarse"), "{text}");
    assert!(
        text.contains("fecha de emisión del DNI: 11/01/2020"),
        "{text}"
    );

    // Sealed: refused, saying why.
    m.ok(&["take", rosa]);
    m.ok(&["schedule", rosa]);
    m.now = "2026-11-27T17:00:00-05:00".into();
    m.ok(&["batch", "seal", "--dispatch", "2026-11-27"]);
    let before = snapshot(&m, rosa);
    let err = refused(
        &m,
        &[
            "correct",
            rosa,
            "--email",
            "rosa.quispe@regioncajamarca.gob.pe",
        ],
    );
    assert!(
        err.contains("LOTE-2026-11-27") && err.contains("sellado"),
        "{err}"
    );
    assert_eq!(snapshot(&m, rosa), before);
    m.ok(&["batch", "sent", "LOTE-2026-11-27", "--reason", "prueba"]);
    let err = refused(
        &m,
        &[
            "correct",
            rosa,
            "--email",
            "rosa.quispe@regioncajamarca.gob.pe",
        ],
    );
    assert!(err.contains("no se puede corregir"), "{err}");
}

#[test]
fn a_ticket_with_several_applicants_needs_to_be_told_which() {
    let m = Mesa::new();
    let dir = m.dir.path();
    png(&dir.join("foto.png"), 300, 400, 10);
    png(&dir.join("firma.png"), 420, 140, 20);
    let csv: PathBuf = dir.join("dos.csv");
    std::fs::write(
        &csv,
        format!(
            "{HEADER}\n\
             1,reemision,a,,Carmen Alcántara Díaz,43219876,2018-08-02,calcantara@regioncajamarca.gob.pe,foto.png,firma.png,,,,,\n\
             1,reemision,a,,Jorge Terrones Mego,47651234,2021-03-15,jterrones@regioncajamarca.gob.pe,foto.png,firma.png,,,,,\n"
        ),
    )
    .unwrap();
    let id = m
        .ok(&["import", csv.to_str().unwrap()])
        .lines()
        .nth(1)
        .unwrap()
        .to_string();
    let err = refused(
        &m,
        &["correct", &id, "--email", "jorge@regioncajamarca.gob.pe"],
    );
    assert!(
        err.contains("--applicant") && err.contains("2 solicitantes"),
        "{err}"
    );
    let out = m.ok(&[
        "correct",
        &id,
        "--dni",
        "47651234",
        "--email",
        "jorge@regioncajamarca.gob.pe",
    ]);
    assert!(out.contains("solicitante 2 · correo"), "{out}");
    let out = m.ok(&[
        "correct",
        &id,
        "--applicant",
        "1",
        "--full-name",
        "Carmen Alcántara Díaz de Mego",
    ]);
    assert!(out.contains("solicitante 1 · nombre completo"), "{out}");
    let t = show(&m, &id);
    assert_eq!(t["applicants"][1]["email"], "jorge@regioncajamarca.gob.pe");
    assert_eq!(
        t["applicants"][0]["email"],
        "calcantara@regioncajamarca.gob.pe"
    );
}
