//! The other request families end to end with the built binary: one
//! request of each family from arrival to closing, every request type's
//! valid path, a family added from a file, and documents kept by hash.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use support::Mesa;

pub fn pdf(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, format!("%PDF-1.7\n% {name}\n%%EOF\n")).unwrap();
    p
}

pub fn xlsx(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, b"PK\x03\x04 not really a workbook, but signed like one").unwrap();
    p
}

fn new(m: &Mesa, family: &str, kind: &str, fields: &[&str], docs: &[(&str, &Path)]) -> Output {
    let mut args: Vec<String> = vec![
        "request".into(),
        "new".into(),
        "--family".into(),
        family.into(),
        "--type".into(),
        kind.into(),
    ];
    for f in fields {
        args.push("--field".into());
        args.push((*f).into());
    }
    for (k, p) in docs {
        args.push("--document".into());
        args.push(format!("{k}={}", p.display()));
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    m.run(&args)
}

fn registered(out: &Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "stdout: {text}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    text.split_whitespace()
        .find(|w| w.starts_with("S-"))
        .expect("an id")
        .to_string()
}

fn attachments(m: &Mesa) -> usize {
    std::fs::read_dir(m.store().join("attachments"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn an_access_key_goes_from_arrival_to_delivery_with_every_step_recorded() {
    let m = Mesa::new();
    let dir = m.dir.path();
    let solicitud = pdf(dir, "solicitud.pdf");
    let out = new(
        &m,
        "claves-acceso",
        "clave-nueva",
        &[
            "dni=41234567",
            "nombres=Rosa Quispe Huamán",
            "cargo=Jefa de prensa",
            "unidad=Oficina de Comunicaciones",
            "correo=rquispe@regionjunin.gob.pe",
            "servicio=Síntesis Informativa Electrónica",
        ],
        &[("solicitud", &solicitud)],
    );
    let id = registered(&out);
    assert_eq!(id, "S-2026-000001");
    // Monday 09:00, 4 working hours for the first step: due at 13:00.
    let shown = m.ok(&["request", "show", &id]);
    assert!(
        shown.contains("● Dirección de Comunicación y Enlace"),
        "{shown}"
    );
    assert!(
        shown.contains("vence 23/11/2026 13:00 (faltan 4 h 0 min)"),
        "{shown}"
    );
    assert!(shown.contains("○ Departamento de Edición"), "{shown}");

    let answer = pdf(dir, "respuesta-proveedor.pdf");
    let steps: [&[&str]; 5] = [
        &["--sent", "turnada al Departamento de Edición"],
        &[
            "--sent",
            "datos verificados e integrados al registro de usuarios",
        ],
        &[
            "--sent",
            "pedido de alta",
            "--sent-to",
            "altas@proveedor.example.com",
        ],
        &[
            "--answer",
            "usuario rquispe activo",
            "--answer-doc",
            answer.to_str().unwrap(),
        ],
        &[
            "--sent",
            "instrucciones de acceso",
            "--sent-to",
            "rquispe@regionjunin.gob.pe",
        ],
    ];
    for (i, extra) in steps.iter().enumerate() {
        let mut args = vec!["request", "advance", id.as_str()];
        args.extend_from_slice(extra);
        let out = m.ok(&args);
        if i < 4 {
            assert!(out.contains("paso cumplido"), "{out}");
        }
    }
    let shown = m.ok(&["request", "show", &id]);
    assert!(shown.contains("Estado: Entregada"), "{shown}");
    assert!(shown.contains("Cerrada: Entregada"), "{shown}");
    assert!(!shown.contains('●') && !shown.contains('○'), "{shown}");
    assert!(
        shown.contains("enviado: pedido de alta a altas@proveedor.example.com"),
        "{shown}"
    );
    assert!(
        shown.contains("respuesta: usuario rquispe activo"),
        "{shown}"
    );
    let sha = mesa::media::sha256_hex(&std::fs::read(&answer).unwrap());
    assert!(
        shown.contains(&format!("respuesta-proveedor.pdf (SHA-256 {sha})")),
        "{shown}"
    );
    assert!(m.store().join("attachments").join(&sha).exists());

    // Closed: one more step is refused and nothing changes.
    let out = m.run(&["request", "advance", &id, "--answer", "otra"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("ya está cerrada"));
    assert_eq!(m.ok(&["request", "show", &id]), shown);

    // Every change has its audit entry, naming the person by DNI.
    let store = mesa::store::Store::open(&m.store()).unwrap();
    let mine: Vec<_> = store
        .audit_about("41234567")
        .unwrap()
        .into_iter()
        .filter(|e| e.subject == id)
        .map(|e| e.action)
        .collect();
    assert_eq!(
        mine.iter().filter(|a| a.as_str() == "request_step").count(),
        5,
        "{mine:?}"
    );
    assert_eq!(mine[0], "request_register");
    assert!(store.audit_verify().unwrap().is_ok());
}

#[test]
fn a_cnv_account_creation_climbs_the_chain_to_reniec() {
    let m = Mesa::new();
    let dir = m.dir.path();
    let (oficio, anexo, relacion) = (
        pdf(dir, "oficio.pdf"),
        pdf(dir, "anexo.pdf"),
        xlsx(dir, "relacion.xlsx"),
    );
    let id = registered(&new(
        &m,
        "cuentas-cnv-sinadef",
        "creacion",
        &[
            "sistema=CNV",
            "dni=20123456",
            "nombres=Luis Rojas",
            "grupo=médico ginecólogo",
            "establecimiento=Hospital El Carmen",
            "correo=lrojas@diresajunin.gob.pe",
        ],
        &[
            ("oficio", &oficio),
            ("anexo", &anexo),
            ("relacion", &relacion),
        ],
    ));
    let shown = m.ok(&["request", "show", &id]);
    assert!(shown.contains("formatos manuales"), "{shown}");
    assert!(shown.contains("Estado: En la IPRESS"), "{shown}");
    assert_eq!(attachments(&m), 3);
    for (office, to) in [
        ("IPRESS", "redsalud@redvalle.gob.pe"),
        ("Red", "cnvjunin@diresajunin.gob.pe"),
        ("DIRESA", "nacimientos@minsa.gob.pe"),
        ("MINSA", "sdis@reniec.gob.pe"),
    ] {
        let out = m.ok(&["request", "advance", &id, "--sent", office, "--sent-to", to]);
        assert!(out.contains(&format!("enviado: {office} a {to}")), "{out}");
    }
    let out = m.ok(&["request", "advance", &id, "--answer", "usuario activado"]);
    assert!(out.contains("Cerrada: Atendida"), "{out}");
}

#[test]
fn a_step_with_no_address_given_records_the_steps_own_addresses() {
    let m = Mesa::new();
    let dir = m.dir.path();
    let recibo = pdf(dir, "recibo.pdf");
    let id = registered(&new(
        &m,
        "convenio-reniec",
        "reactivacion",
        &[
            "institucion=Municipalidad de Tarma",
            "fecha-pago=2026-11-20",
        ],
        &[("recibo", &recibo)],
    ));
    m.ok(&["request", "advance", &id, "--sent", "datos verificados"]);
    let out = m.ok(&["request", "advance", &id, "--sent", "recibo escaneado"]);
    assert!(
        out.contains("a ncastaneda@reniec.gob.pe, lyopez@reniec.gob.pe, mcorrales@reniec.gob.pe"),
        "{out}"
    );
    let out = m.ok(&["request", "advance", &id, "--answer", "servicio reactivado"]);
    assert!(out.contains("Cerrada: Atendida"), "{out}");
}

/// (family, type, fields, documents)
type Case<'a> = (&'a str, &'a str, Vec<&'a str>, Vec<(&'a str, &'a Path)>);

#[test]
fn every_request_type_has_a_valid_path() {
    let m = Mesa::new();
    let dir = m.dir.path();
    let (p, x) = (pdf(dir, "doc.pdf"), xlsx(dir, "incidencia.xlsx"));
    let email = "correo=obstetra@diresajunin.gob.pe";
    let person = [
        "servicio=Consulta en línea",
        "nombres=Ana Torres",
        "dni=30123456",
        "celular=964123456",
        "correo=atorres@regionjunin.gob.pe",
        "cargo=Gerente",
    ];
    let coordinator = [
        "institucion=Municipalidad de Jauja",
        "dni-coordinador=10203040",
        "dni-solicitante=10203040",
    ];
    let cases: Vec<Case> = vec![
        (
            "cuentas-cnv-sinadef",
            "reseteo",
            vec!["sistema=SINADEF", "dni=20123456", "nombres=Eva Paz", email],
            vec![("incidencia", &x)],
        ),
        (
            "cuentas-cnv-sinadef",
            "asociar-correo",
            vec!["sistema=CNV", "dni=20123456", email],
            vec![("incidencia", &x)],
        ),
        (
            "cuentas-cnv-sinadef",
            "asignar-correo",
            vec!["sistema=CNV", "dni=20123456", email],
            vec![("incidencia", &x)],
        ),
        (
            "cuentas-cnv-sinadef",
            "perfil-supervisor",
            vec!["dni=20123456", "nombres=Eva Paz", "perfil=299"],
            vec![("memorandum", &p)],
        ),
        (
            "convenio-reniec",
            "alta-usuario",
            [
                &coordinator[..],
                &["dni-usuario=44556677", "nombres-usuario=Juan Soto"],
            ]
            .concat(),
            vec![],
        ),
        (
            "convenio-reniec",
            "baja-usuario",
            [&coordinator[..], &["dni-usuario=44556677"]].concat(),
            vec![],
        ),
        (
            "convenio-reniec",
            "cambio-coordinador",
            person.to_vec(),
            vec![("documento", &p)],
        ),
        (
            "convenio-reniec",
            "cambio-representante",
            [&person[..], &["fecha-vigencia=2026-11-02"]].concat(),
            vec![("documento", &p), ("vigencia", &p)],
        ),
        (
            "convenio-reniec",
            "cambio-representante-resolucion",
            person.to_vec(),
            vec![("documento", &p), ("resolucion", &p)],
        ),
        (
            "convenio-reniec",
            "consultas-usuario",
            [&coordinator[..], &["dni-usuario=44556677"]].concat(),
            vec![("carta", &p)],
        ),
    ];
    for (family, kind, fields, docs) in &cases {
        let id = registered(&new(&m, family, kind, fields, docs));
        let shown = m.ok(&["request", "show", &id]);
        assert!(shown.contains('●'), "{family}/{kind}: {shown}");
    }
    let listed = m.ok(&["request", "list", "--family", "convenio-reniec"]);
    let rows = |text: &str| text.lines().filter(|l| l[1..].starts_with(" S-")).count();
    assert_eq!(rows(&listed), 6, "{listed}");
    assert!(
        listed.ends_with("6 solicitudes; 6 abiertas; 0 con el paso vencido.\n"),
        "{listed}"
    );
    assert!(!listed.contains("cuentas-cnv-sinadef"), "{listed}");
    assert_eq!(rows(&m.ok(&["request", "list"])), cases.len());
}

const FOURTH: &str = r#"
id = "mantenimiento"
name = "Mantenimiento de equipos"
closed_status = "reparado"

[[statuses]]
id = "abierto"
name = "Abierto"

[[statuses]]
id = "reparado"
name = "Reparado"

[[steps]]
id = "diagnostico"
name = "Diagnostica el equipo"
office = "Soporte técnico"
deadline = { amount = 2, unit = "hours" }
status = "abierto"

[[steps]]
id = "reparacion"
name = "Repara o reemplaza"
office = "Taller"
to = ["taller@regionjunin.gob.pe"]
deadline = { amount = 3, unit = "days" }
status = "abierto"

[[types]]
id = "impresora"
name = "Impresora"

[[types.fields]]
id = "patrimonio"
label = "Código patrimonial"
check = "text"
max_len = 12

[[types.fields]]
id = "oficina"
label = "Oficina"
check = "choice"
options = ["Tesorería", "Logística"]
"#;

#[test]
fn a_fourth_family_is_added_from_a_file_with_no_code() {
    let m = Mesa::new();
    m.ok(&["request", "families"]); // the store exists
    let folder = m.store().join("procedures");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("mantenimiento.toml"), FOURTH).unwrap();
    let families = m.ok(&["solicitud", "familias"]);
    for id in [
        "cuentas-cnv-sinadef",
        "convenio-reniec",
        "claves-acceso",
        "mantenimiento",
    ] {
        assert!(families.contains(&format!("{id} — ")), "{families}");
    }
    let out = new(
        &m,
        "mantenimiento",
        "impresora",
        &["patrimonio=74088123", "oficina=tesoreria"],
        &[],
    );
    let id = registered(&out);
    // Monday 09:00 + 2 working hours.
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("vence 23/11/2026 11:00"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let refused = new(
        &m,
        "mantenimiento",
        "impresora",
        &["patrimonio=74088123", "oficina=Rectorado"],
        &[],
    );
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr)
            .contains("Oficina: debe ser una de: Tesorería, Logística")
    );
    m.ok(&["solicitud", "avanzar", &id, "--respuesta", "fusor gastado"]);
    let out = m.ok(&["solicitud", "avanzar", &id, "--respuesta", "fusor cambiado"]);
    assert!(out.contains("Cerrada: Reparado"), "{out}");
    assert!(
        out.contains("enviado: a taller@regionjunin.gob.pe"),
        "{out}"
    );
}

#[test]
fn a_broken_family_file_is_named_with_its_line_and_field() {
    let m = Mesa::new();
    m.ok(&["request", "families"]);
    let folder = m.store().join("procedures");
    std::fs::create_dir_all(&folder).unwrap();
    let broken = FOURTH.replace("{ amount = 3, unit = \"days\" }", "{ amount = 3 }");
    std::fs::write(folder.join("mantenimiento.toml"), &broken).unwrap();
    let out = m.run(&["request", "list"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let line = broken
        .lines()
        .position(|l| l.contains("id = \"reparacion\""))
        .unwrap()
        + 1;
    assert!(err.contains("mantenimiento.toml"), "{err}");
    assert!(err.contains(&format!("línea {line}")), "{err}");
    assert!(err.contains("steps[reparacion].deadline.unit"), "{err}");
    assert!(err.contains("el plazo no tiene unidad"), "{err}");
}
