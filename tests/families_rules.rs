//! The families' refusals and deadlines with the built binary: each named
//! refusal says the field and the rule in Spanish and changes nothing; the
//! 13:00 cut-off; a deadline passing (`MESA_NOW`).

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;

use support::Mesa;

fn pdf(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, format!("%PDF-1.7\n% {name}\n%%EOF\n")).unwrap();
    p
}

fn new(m: &Mesa, family: &str, kind: &str, fields: &[&str], docs: &[(&str, &Path)]) -> Output {
    let mut args: Vec<String> = ["request", "new", "--family", family, "--type", kind]
        .map(String::from)
        .to_vec();
    for f in fields {
        args.extend(["--field".to_string(), f.to_string()]);
    }
    for (k, p) in docs {
        args.extend(["--document".to_string(), format!("{k}={}", p.display())]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    m.run(&args)
}

/// The refusal's message; asserts the command failed and stored nothing
/// (no request, no document kept).
fn refused(m: &Mesa, out: &Output) -> String {
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        m.ok(&["request", "list"]).trim(),
        "No hay solicitudes que mostrar."
    );
    let kept = std::fs::read_dir(m.store().join("attachments"))
        .unwrap()
        .count();
    assert_eq!(kept, 0);
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const CNV_OK: [&str; 6] = [
    "sistema=CNV",
    "dni=20123456",
    "nombres=Luis Rojas",
    "grupo=Obstetra",
    "establecimiento=Centro de Salud Chilca",
    "correo=lrojas@diresajunin.gob.pe",
];

fn cnv_docs(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let x = dir.join("relacion.xlsx");
    std::fs::write(&x, b"PK\x03\x04...").unwrap();
    vec![
        ("oficio", pdf(dir, "oficio.pdf")),
        ("anexo", pdf(dir, "anexo.pdf")),
        ("relacion", x),
    ]
}

fn with(base: &[&'static str], replace: &'static str) -> Vec<&'static str> {
    let key = replace.split('=').next().unwrap();
    base.iter()
        .map(|f| {
            if f.starts_with(&format!("{key}=")) {
                replace
            } else {
                *f
            }
        })
        .collect()
}

#[test]
fn a_user_outside_a_valid_group_is_refused_in_the_seeds_words() {
    let m = Mesa::new();
    let docs = cnv_docs(m.dir.path());
    let docs: Vec<(&str, &Path)> = docs.iter().map(|(k, p)| (*k, p.as_path())).collect();
    let out = new(
        &m,
        "cuentas-cnv-sinadef",
        "creacion",
        &with(&CNV_OK, "grupo=Enfermera"),
        &docs,
    );
    let err = refused(&m, &out);
    assert!(
        err.contains(
            "Grupo de hechos vitales: el usuario ingresado no pertenece a un grupo válido"
        ),
        "{err}"
    );
    assert!(err.contains("no se registró nada"), "{err}");
}

#[test]
fn a_personal_email_and_a_wrong_document_are_refused_together() {
    let m = Mesa::new();
    let dir = m.dir.path();
    let docs = cnv_docs(dir);
    let not_xlsx = pdf(dir, "relacion.pdf");
    let mut docs: Vec<(&str, &Path)> = docs.iter().map(|(k, p)| (*k, p.as_path())).collect();
    docs[2] = ("relacion", &not_xlsx);
    let out = new(
        &m,
        "cuentas-cnv-sinadef",
        "creacion",
        &with(&CNV_OK, "correo=lrojas@gmail.com"),
        &docs,
    );
    let err = refused(&m, &out);
    assert!(
        err.contains("Correo institucional: debe ser un correo institucional (gob.pe)"),
        "{err}"
    );
    assert!(
        err.contains("Archivo digital: cuadro Excel de relación de usuarios: el archivo debe ser Excel (XLSX)"),
        "{err}"
    );
}

#[test]
fn a_missing_document_and_a_bad_dni_are_named() {
    let m = Mesa::new();
    let out = new(
        &m,
        "cuentas-cnv-sinadef",
        "perfil-supervisor",
        &["dni=2012", "nombres=Eva Paz", "perfil=301"],
        &[],
    );
    let err = refused(&m, &out);
    assert!(
        err.contains("DNI del supervisor: el DNI debe tener 8 dígitos"),
        "{err}"
    );
    assert!(err.contains("Perfil: debe ser una de: 299, 300"), "{err}");
    assert!(
        err.contains("Memorándum de asignación de supervisor CNV: falta el documento"),
        "{err}"
    );
}

#[test]
fn a_baja_not_asked_by_the_coordinator_is_refused() {
    let m = Mesa::new();
    let out = new(
        &m,
        "convenio-reniec",
        "baja-usuario",
        &[
            "institucion=Municipalidad de Jauja",
            "dni-coordinador=10203040",
            "dni-solicitante=99887766",
            "dni-usuario=44556677",
        ],
        &[],
    );
    let err = refused(&m, &out);
    assert!(
        err.contains("DNI de quien pide: solo el coordinador del convenio puede pedir altas y bajas de usuarios"),
        "{err}"
    );
}

#[test]
fn a_vigencia_de_poder_older_than_30_days_is_refused() {
    let m = Mesa::new();
    let p = pdf(m.dir.path(), "doc.pdf");
    let fields = |date: &'static str| {
        vec![
            "servicio=Consulta en línea",
            "nombres=Ana Torres",
            "dni=30123456",
            "celular=964123456",
            "correo=atorres@regionjunin.gob.pe",
            "cargo=Gerente",
            date,
        ]
    };
    let docs: [(&str, &Path); 2] = [("documento", &p), ("vigencia", &p)];
    // Today is 2026-11-23: the 23rd of October is 31 days old.
    let out = new(
        &m,
        "convenio-reniec",
        "cambio-representante",
        &fields("fecha-vigencia=2026-10-23"),
        &docs,
    );
    let err = refused(&m, &out);
    assert!(
        err.contains("Fecha de la vigencia de poder: la vigencia de poder no debe tener más de 30 días de antigüedad"),
        "{err}"
    );
    let out = new(
        &m,
        "convenio-reniec",
        "cambio-representante",
        &fields("fecha-vigencia=2026-10-24"),
        &docs,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn an_unknown_family_type_or_field_is_refused_by_name() {
    let m = Mesa::new();
    let err = refused(&m, &new(&m, "licencias", "x", &[], &[]));
    assert!(err.contains("familia: «licencias» no existe"), "{err}");
    assert!(err.contains("claves-acceso"), "{err}");
    let err = refused(&m, &new(&m, "claves-acceso", "clave-vieja", &[], &[]));
    assert!(
        err.contains("tipo: «clave-vieja» no es un tipo de solicitud"),
        "{err}"
    );
    let err = refused(
        &m,
        &new(&m, "claves-acceso", "clave-nueva", &["clave=secreta"], &[]),
    );
    assert!(
        err.contains("clave: este tipo de solicitud no tiene ese campo"),
        "{err}"
    );
    let err = refused(
        &m,
        &new(&m, "claves-acceso", "clave-nueva", &["sin-igual"], &[]),
    );
    assert!(
        err.contains("--field: «sin-igual» debe tener la forma clave=valor"),
        "{err}"
    );
}

#[test]
fn after_the_cut_off_a_submission_counts_from_the_next_working_day() {
    let mut m = Mesa::new();
    // Friday 27 November 2026, 13:05 in Lima.
    m.now = "2026-11-27T13:05:00-05:00".into();
    let docs = cnv_docs(m.dir.path());
    let docs: Vec<(&str, &Path)> = docs.iter().map(|(k, p)| (*k, p.as_path())).collect();
    let out = new(&m, "cuentas-cnv-sinadef", "creacion", &CNV_OK, &docs);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("los plazos cuentan desde 30/11/2026 08:00"),
        "{text}"
    );
    // One working day from Monday: Tuesday at closing.
    assert!(text.contains("vence 01/12/2026 16:30"), "{text}");
}

#[test]
fn a_deadline_passing_marks_the_request_overdue() {
    let mut m = Mesa::new();
    let out = new(
        &m,
        "claves-acceso",
        "clave-nueva",
        &[
            "dni=41234567",
            "nombres=Rosa Quispe",
            "cargo=Jefa",
            "unidad=Comunicaciones",
            "correo=rquispe@regionjunin.gob.pe",
            "servicio=Síntesis",
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        m.ok(&["request", "list", "--overdue"]).trim(),
        "No hay solicitudes que mostrar."
    );
    let on_time = m.ok(&["request", "list"]);
    assert!(
        on_time.contains("vence 23/11/2026 13:00 (faltan 4 h 0 min)"),
        "{on_time}"
    );
    assert!(!on_time.starts_with('!'), "{on_time}");
    // 13:30 the same day: half an hour late.
    m.now = "2026-11-23T13:30:00-05:00".into();
    let late = m.ok(&["request", "list", "--vencidas"]);
    assert!(late.starts_with("! S-2026-000001"), "{late}");
    assert!(
        late.contains("VENCIDO desde 23/11/2026 13:00 (hace 30 min)"),
        "{late}"
    );
    assert!(
        late.ends_with("1 solicitud; 1 abierta; 1 con el paso vencido.\n"),
        "{late}"
    );
    let shown = m.ok(&["request", "show", "S-2026-000001"]);
    assert!(
        shown.contains("● Dirección de Comunicación y Enlace"),
        "{shown}"
    );
    assert!(shown.contains("VENCIDO"), "{shown}");
    // The step done late: the next one has its own deadline again.
    m.ok(&["request", "advance", "S-2026-000001", "--sent", "turnada"]);
    assert_eq!(
        m.ok(&["request", "list", "--overdue"]).trim(),
        "No hay solicitudes que mostrar."
    );
}

#[test]
fn an_unknown_request_is_named() {
    let m = Mesa::new();
    let out = m.run(&["request", "show", "S-2026-000099"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no existe la solicitud «S-2026-000099»")
    );
}

#[test]
fn terminal_control_characters_and_repeated_fields_are_refused() {
    let m = Mesa::new();
    let fields = [
        "dni=41234567",
        "nombres=Rosa\u{1b}[2JQuispe",
        "cargo=Jefa",
        "unidad=Prensa",
        "correo=rquispe@regionjunin.gob.pe",
        "servicio=Síntesis",
        "dni=41234568",
    ];
    let err = refused(&m, &new(&m, "claves-acceso", "clave-nueva", &fields, &[]));
    assert!(err.contains("dni: se indicó más de una vez"), "{err}");
    assert!(
        err.contains("Nombres y apellidos: tiene caracteres de control"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "{err:?}");

    let ok = &fields[..6];
    let mut clean = ok.to_vec();
    clean[1] = "nombres=Rosa Quispe";
    let out = new(&m, "claves-acceso", "clave-nueva", &clean, &[]);
    assert!(out.status.success());
    let before = m.ok(&["request", "show", "S-2026-000001"]);
    let out = m.run(&["request", "advance", "S-2026-000001", "--answer", "ok\u{7}"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("respuesta: tiene caracteres de control")
    );
    let out = m.run(&[
        "request",
        "advance",
        "S-2026-000001",
        "--sent-to",
        "a\u{1b}b@x.gob.pe",
    ]);
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
    assert_eq!(m.ok(&["request", "show", "S-2026-000001"]), before);
}
