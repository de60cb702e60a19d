//! The certificate registry through the command line: a certificate's whole
//! life, a lapsed download window, the people directory and the report,
//! each on its own store with `MESA_NOW` moving time.

mod common;

use std::path::Path;

use common::{mesa, sample_csv, sample_dir, stderr_of};
use serde_json::Value;

const HEADER: &str = common::IMPORT_HEADER;

/// Runs `mesa` at `now`; it must succeed. Returns stdout.
fn ok(s: &Path, now: &str, args: &[&str]) -> String {
    common::ok_at(s, now, args)
}

/// Runs `mesa` at `now`; it must fail. Returns stderr.
fn refused(s: &Path, now: &str, args: &[&str]) -> String {
    let out = mesa(s).env("MESA_NOW", now).args(args).output().unwrap();
    assert!(!out.status.success(), "mesa {args:?} should fail");
    stderr_of(&out)
}

fn json(s: &Path, now: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(s, now, args)).unwrap()
}

/// The one certificate `mesa certs --json` shows with this id.
fn cert(s: &Path, now: &str, id: &str) -> Value {
    let all = json(s, now, &["certs", "--json"]);
    all.as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} not in the registry: {all}"))
}

/// A CSV of tickets beside the sample images; returns its path.
fn csv(dir: &Path, name: &str, rows: &[&str]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
    path.display().to_string()
}

/// The sample imported; the given tickets scheduled on Monday 23/11, sealed
/// at the Friday 27/11 cut-off, sent, and RENIEC's answer recorded.
fn approved(answers: &[(&str, &str)], answered_at: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let store = tempfile::tempdir().unwrap();
    let sample = sample_dir();
    let s = store.path();
    let now = common::NOW;
    ok(
        s,
        now,
        &["import", &sample_csv(sample.path()).display().to_string()],
    );
    for (id, _) in answers {
        ok(s, now, &["take", id]);
        ok(s, now, &["schedule", id]);
    }
    ok(s, "2026-11-27T16:30:00-05:00", &["batch", "seal"]);
    ok(
        s,
        "2026-11-27T17:00:00-05:00",
        &["batch", "sent", "LOTE-2026-11-27"],
    );
    let file = sample.path().join("respuesta.csv");
    let mut body = String::from("ticket,result,date,reason\n");
    for (id, date) in answers {
        body += &format!("{id},aprobado,{date},\n");
    }
    std::fs::write(&file, body).unwrap();
    ok(
        s,
        answered_at,
        &["batch", "outcome", &file.display().to_string()],
    );
    (store, sample)
}

#[test]
fn a_certificate_lives_its_whole_life_and_the_registry_follows_each_step() {
    // Emission → batch → approval: the certificate awaits download.
    let (store, sample) = approved(
        &[("T-2026-000001", "2026-11-27")],
        "2026-11-28T09:00:00-05:00",
    );
    let (s, d) = (store.path(), sample.path());
    let day1 = "2026-11-28T09:00:00-05:00";
    let c = cert(s, day1, "CD-2026-000001");
    assert_eq!(c["dni"], "45781236");
    assert_eq!(c["status"], "por_descargar");
    assert_eq!(c["approved_on"], "2026-11-27");
    assert_eq!(c["download_until"], "2026-12-27");
    assert_eq!(c["download_days_left"], 29);
    assert_eq!(c["medium"], Value::Null);
    assert_eq!(c["owner"], "grc");
    assert_eq!(c["expires_on"], Value::Null);
    let text = ok(s, day1, &["certs", "--dni", "45781236"]);
    assert!(
        text.contains("Por descargar: quedan 29 días (hasta el 27/12/2026)"),
        "{text}"
    );

    // Installation: the import finds the person's only certificate awaiting
    // download; closing needs the medium and records it.
    let day2 = "2026-12-01T09:00:00-05:00";
    let inst = csv(
        d,
        "instalar.csv",
        &["1,instalacion,,,Rosa Quispe Huamán,45781236,,rquispe@regioncajamarca.gob.pe,,,,,,,"],
    );
    assert!(ok(s, day2, &["import", &inst]).contains("T-2026-000007"));
    let t = json(s, day2, &["show", "T-2026-000007", "--json"]);
    assert_eq!(t["certificate"], "CD-2026-000001");
    ok(s, day2, &["take", "T-2026-000007"]);
    let err = refused(s, day2, &["close", "T-2026-000007"]);
    assert!(err.contains("--medium pc|token|tarjeta"), "{err}");
    assert_eq!(cert(s, day2, "CD-2026-000001")["status"], "por_descargar");
    let out = ok(
        s,
        day2,
        &[
            "close",
            "T-2026-000007",
            "--medium",
            "token",
            "--expires",
            "2027-01-20",
        ],
    );
    assert!(
        out.contains("Certificado CD-2026-000001: instalado en token, vence el 20/01/2027."),
        "{out}"
    );
    let c = cert(s, day2, "CD-2026-000001");
    assert_eq!(c["status"], "instalado");
    assert_eq!(c["medium"], "token");
    assert_eq!(c["installed_on"], "2026-12-01");
    assert_eq!(c["expires_on"], "2027-01-20");
    assert_eq!(
        c["tickets"],
        serde_json::json!(["T-2026-000001", "T-2026-000007"])
    );
    // Installed: no download reminder on day 20, though the emission ticket
    // is still approved.
    ok(s, "2026-12-17T09:00:00-05:00", &["mail", "flush"]);
    let mail = ok(s, "2026-12-17T09:00:00-05:00", &["mail", "list"]);
    assert!(!mail.contains("Recordatorio"), "{mail}");

    // Expiry warning: within 60 days, no renewal yet, a renewal offered.
    let expiring = ok(s, day2, &["certs", "--expiring"]);
    assert!(
        expiring.contains("vencen en los próximos 60 días"),
        "{expiring}"
    );
    assert!(
        expiring.contains("⚠ Vence en 50 días (20/01/2027)"),
        "{expiring}"
    );
    assert!(
        expiring.contains(
            "Sin ticket de renovación → Reemisión a) (renovación): mesa certs renew CD-2026-000001"
        ),
        "{expiring}"
    );
    let view = json(s, day2, &["certs", "--expiring", "--json"]);
    assert_eq!(view[0]["days_to_expiry"], 50);
    assert_eq!(view[0]["offer"]["kind"], "reemision");
    assert_eq!(view[0]["offer"]["motive"], "a");
    assert_eq!(
        json(s, day2, &["certs", "--expiring", "30", "--json"]),
        serde_json::json!([])
    );

    // Renewal: re-emission a, pre-filled, held by the 10-days rule.
    let out = ok(s, day2, &["certs", "renew", "CD-2026-000001"]);
    assert!(
        out.contains("Se registró T-2026-000008 (Reemisión a))"),
        "{out}"
    );
    let t = json(s, day2, &["show", "T-2026-000008", "--json"]);
    assert_eq!(t["kind"], "reemision");
    assert_eq!(t["applicants"][0]["dni"], "45781236");
    ok(s, day2, &["take", "T-2026-000008"]);
    let out = ok(s, day2, &["schedule", "T-2026-000008"]);
    assert!(out.contains("vie 08/01/2027 16:30"), "{out}");
    assert!(out.contains("regla de los 10 días"), "{out}");
    let view = json(s, day2, &["certs", "--expiring", "--json"]);
    assert_eq!(view[0]["renewal"], "T-2026-000008");
    assert_eq!(view[0]["renewal_status"], "programado");
    assert_eq!(view[0]["offer"], Value::Null);
    let err = refused(s, day2, &["certs", "renew", "CD-2026-000001"]);
    assert!(
        err.contains("ya tiene el ticket de renovación T-2026-000008"),
        "{err}"
    );

    // Cancellation c (urgent): keyCompromise, same transaction as the close.
    let day3 = "2026-12-10T09:00:00-05:00";
    let cancel = csv(
        d,
        "cancelar.csv",
        &["1,cancelacion,c,,Rosa Quispe Huamán,45781236,,rquispe@regioncajamarca.gob.pe,,,,,,,"],
    );
    ok(s, day3, &["import", &cancel]);
    let urgent = json(s, day3, &["list", "--urgent", "--json"]);
    assert!(
        urgent
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == "T-2026-000009" && t["certificate"] == "CD-2026-000001")
    );
    ok(s, day3, &["take", "T-2026-000009"]);
    let out = ok(s, day3, &["close", "T-2026-000009"]);
    assert!(
        out.contains(
            "Certificado CD-2026-000001: cancelado el 10/12/2026 · motivo c) · keyCompromise."
        ),
        "{out}"
    );
    let c = cert(s, day3, "CD-2026-000001");
    assert_eq!(c["status"], "cancelado");
    assert_eq!(c["cancelled"]["motive"], "c");
    assert_eq!(c["cancelled"]["reason"], "keyCompromise");
    assert_eq!(c["cancelled"]["ticket"], "T-2026-000009");
    assert_eq!(c["tickets"].as_array().unwrap().len(), 4);
    assert_eq!(
        json(s, day3, &["certs", "--expiring", "--json"]),
        serde_json::json!([])
    );
    let err = refused(s, day3, &["certs", "renew", "CD-2026-000001"]);
    assert!(err.contains("está cancelado; no se renueva"), "{err}");
    // A second cancellation of the same certificate is refused at import.
    let err = refused(s, day3, &["import", &cancel]);
    assert!(err.contains("línea 2, columna certificate"), "{err}");
}

#[test]
fn a_lapsed_download_window_is_marked_and_offers_a_paid_reemission_g() {
    let (store, sample) = approved(
        &[("T-2026-000001", "2026-11-27")],
        "2026-11-28T09:00:00-05:00",
    );
    let (s, d) = (store.path(), sample.path());
    let last_day = "2026-12-27T20:00:00-05:00";
    assert_eq!(cert(s, last_day, "CD-2026-000001")["download_days_left"], 0);
    assert_eq!(
        cert(s, last_day, "CD-2026-000001")["status"],
        "por_descargar"
    );

    let after = "2026-12-28T09:00:00-05:00";
    let c = cert(s, after, "CD-2026-000001");
    assert_eq!(c["status"], "caducado_descarga");
    assert_eq!(c["offer"]["kind"], "reemision");
    assert_eq!(c["offer"]["motive"], "g");
    assert_eq!(c["offer"]["paid"], true);
    let text = ok(s, after, &["certs"]);
    assert!(text.contains("Venció el plazo de descarga"), "{text}");
    assert!(
        text.contains("⚠ Venció el plazo de descarga el 27/12/2026"),
        "{text}"
    );
    assert!(
        text.contains("Reemisión g) (venció el plazo de descarga, pagada: S/ 8.10): mesa certs renew CD-2026-000001 --payment-operation"),
        "{text}"
    );
    // Too late to install it.
    let inst = csv(
        d,
        "instalar.csv",
        &[
            "1,instalacion,,,Rosa Quispe Huamán,45781236,,rquispe@regioncajamarca.gob.pe,,,,,,,CD-2026-000001",
        ],
    );
    let err = refused(s, after, &["import", &inst]);
    assert!(
        err.contains("línea 2, columna certificate: el certificado CD-2026-000001 venció su plazo de descarga; no corresponde a este trámite"),
        "{err}"
    );
    // Motive g is paid: refused naming each missing option.
    let err = refused(
        s,
        after,
        &[
            "certs",
            "renew",
            "CD-2026-000001",
            "--payment-operation",
            "88001",
        ],
    );
    assert!(err.contains("--payment-date"), "{err}");
    assert!(err.contains("--payment-amount"), "{err}");
    assert!(!err.contains("(--payment-operation)"), "{err}");
    let err = refused(
        s,
        after,
        &[
            "certs",
            "renew",
            "CD-2026-000001",
            "--payment-operation",
            "88001",
            "--payment-date",
            "2026-12-27",
            "--payment-amount",
            "8.00",
        ],
    );
    assert!(
        err.contains("monto pagado (--payment-amount): debe ser S/ 8.10"),
        "{err}"
    );
    let out = ok(
        s,
        after,
        &[
            "certs",
            "renew",
            "CD-2026-000001",
            "--payment-operation",
            "88001",
            "--payment-date",
            "2026-12-27",
            "--payment-amount",
            "8.10",
        ],
    );
    assert!(
        out.contains("Se registró T-2026-000007 (Reemisión g))"),
        "{out}"
    );
    let t = json(s, after, &["show", "T-2026-000007", "--json"]);
    assert_eq!(t["motive"], "g");
    assert!(
        t["checks"][0]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["check"] == "payment" && c["problems"] == serde_json::json!([])),
        "{t}"
    );
    let c = cert(s, after, "CD-2026-000001");
    assert_eq!(c["renewal"], "T-2026-000007");
    assert_eq!(c["offer"], Value::Null);
}

#[test]
fn the_people_directory_imports_all_or_nothing_and_searches() {
    let store = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let s = store.path();
    let now = common::NOW;
    let file = dir.path().join("personal.csv");
    std::fs::write(
        &file,
        "dni,full_name,email,job_title,unit,dependency,started_on\n\
         45781236,Rosa Quispe Huamán,rquispe@regioncajamarca.gob.pe,Especialista,Oficina de Tecnologías de la Información,Sede central,2024-03-01\n\
         4123456,Luis Chávez Rojas,lchavez@gmail.com,Asistente,Gerencia de Infraestructura,Sede central,2030-01-01\n\
         45781236,Rosa Otra,rotra@regioncajamarca.gob.pe,Asistente,Logística,Sede central,2020-01-01\n",
    )
    .unwrap();
    let err = refused(s, now, &["people", "import", &file.display().to_string()]);
    assert!(err.contains("no se importó nada"), "{err}");
    assert!(
        err.contains("línea 3, columna dni: debe tener exactamente 8 dígitos"),
        "{err}"
    );
    assert!(
        err.contains("línea 3, columna email: gmail.com es un correo personal"),
        "{err}"
    );
    assert!(
        err.contains("línea 3, columna started_on: no puede ser futura"),
        "{err}"
    );
    assert!(
        err.contains("línea 4, columna dni: el DNI 45781236 ya aparece en la línea 2"),
        "{err}"
    );
    assert_eq!(json(s, now, &["people", "--json"]), serde_json::json!([]));

    std::fs::write(
        &file,
        "dni;full_name;email;job_title;unit;dependency;started_on\n\
         45781236;Rosa Quispe Huamán;rquispe@regioncajamarca.gob.pe;Especialista;Oficina de Tecnologías de la Información;Sede central;01/03/2024\n\
         41234567;Luis Chávez Rojas;lchavez@regioncajamarca.gob.pe;Asistente;Gerencia de Infraestructura;Sede Jaén;2022-07-15\n",
    )
    .unwrap();
    let out = ok(s, now, &["people", "import", &file.display().to_string()]);
    assert!(out.contains("Se registraron 2 personas"), "{out}");
    let found = json(s, now, &["people", "--search", "tecnologias", "--json"]);
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["dni"], "45781236");
    assert_eq!(found[0]["job_title"], "Especialista");
    assert_eq!(found[0]["started_on"], "2024-03-01");
    let text = ok(s, now, &["people", "--search", "JAÉN"]);
    assert!(
        text.contains("Luis Chávez Rojas") && text.contains("1 persona"),
        "{text}"
    );
}

#[test]
fn report_figures_match_a_hand_computed_set() {
    // T1 (Rosa) and T2 (Luis), registered Fri 20/11, dispatched Fri 27/11
    // (7 and 7 days), approved 27/11 and 30/11 (7 and 10: median 8.5),
    // installed 01/12 and 05/12 (11 and 15: median 13), expiring 01/2027
    // and 12/2028.
    let (store, sample) = approved(
        &[
            ("T-2026-000001", "2026-11-27"),
            ("T-2026-000002", "2026-11-30"),
        ],
        "2026-12-01T08:00:00-05:00",
    );
    let (s, d) = (store.path(), sample.path());
    let day = "2026-12-01T09:00:00-05:00";
    let inst = csv(
        d,
        "instalar.csv",
        &[
            "1,instalacion,,,Rosa Quispe Huamán,45781236,,rquispe@regioncajamarca.gob.pe,,,,,,,",
            "2,instalacion,,,Luis Chávez Rojas,41234567,,lchavez@regioncajamarca.gob.pe,,,,,,,",
        ],
    );
    ok(s, day, &["import", &inst]);
    assert_eq!(
        json(s, day, &["show", "T-2026-000008", "--json"])["certificate"],
        "CD-2026-000002"
    );
    ok(s, day, &["take", "T-2026-000007"]);
    ok(
        s,
        day,
        &[
            "close",
            "T-2026-000007",
            "--medium",
            "pc",
            "--expires",
            "2027-01-20",
        ],
    );
    let later = "2026-12-05T09:00:00-05:00";
    ok(s, later, &["take", "T-2026-000008"]);
    ok(
        s,
        later,
        &[
            "close",
            "T-2026-000008",
            "--medium",
            "tarjeta",
            "--expires",
            "2028-12-05",
        ],
    );
    assert_eq!(
        cert(s, later, "CD-2026-000002")["owner"],
        "propio",
        "re-emission d: own device"
    );

    let csv_out = ok(
        s,
        later,
        &[
            "report",
            "--csv",
            "--from",
            "2026-11-16",
            "--to",
            "2027-12-31",
        ],
    );
    assert_eq!(
        csv_out,
        "section,key,kind,motive,status,value\n\
         tickets_per_week,2026-11-16,emision,a,aprobado,1\n\
         tickets_per_week,2026-11-16,emision,b,nuevo,1\n\
         tickets_per_week,2026-11-16,reemision,a,nuevo,1\n\
         tickets_per_week,2026-11-16,reemision,d,aprobado,1\n\
         tickets_per_week,2026-11-16,instalacion,,nuevo,1\n\
         tickets_per_week,2026-11-16,cancelacion,d,nuevo,1\n\
         tickets_per_week,2026-11-30,instalacion,,cerrado,2\n\
         median_days,registration_to_dispatch,,,,7\n\
         measured,registration_to_dispatch,,,,2\n\
         median_days,registration_to_approval,,,,8.5\n\
         measured,registration_to_approval,,,,2\n\
         median_days,registration_to_installation,,,,13\n\
         measured,registration_to_installation,,,,2\n\
         certificates_expiring,2027-01,,,,1\n"
    );
    let text = ok(s, later, &["report"]);
    assert!(
        text.contains("hasta la aprobación          8.5 (2 medidos)"),
        "{text}"
    );
    assert!(text.contains("12/2028     1"), "{text}");
    // The week of 30/11 alone: only the two installations.
    let week = ok(
        s,
        later,
        &[
            "report",
            "--csv",
            "--from",
            "2026-11-30",
            "--to",
            "2026-12-06",
        ],
    );
    assert!(
        week.contains("tickets_per_week,2026-11-30,instalacion,,cerrado,2\n"),
        "{week}"
    );
    assert!(
        week.contains("median_days,registration_to_approval,,,,\n"),
        "{week}"
    );
    let err = refused(
        s,
        later,
        &["report", "--from", "2026-12-06", "--to", "2026-11-30"],
    );
    assert!(
        err.contains("--from (06/12/2026) debe ser anterior o igual a --to (30/11/2026)"),
        "{err}"
    );
}
