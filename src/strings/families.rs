//! Spanish texts for this area (see `strings/mod.rs`): the request
//! families other than certificates (`domain::family`, `desk::families`,
//! `mesa request`).

use std::fmt::{Display, Formatter, Result};

use chrono::{DateTime, Duration};
use chrono_tz::Tz;

use crate::domain::family::parse::{DefError, DefProblem};
use crate::domain::family::request::{AdvanceRefused, AdvanceText, IntakeProblem, IntakeRule};
use crate::domain::family::{DocKind, Unit};
use crate::domain::free_text::TextRefused;

fn def_problem(p: &DefProblem) -> String {
    match p {
        DefProblem::Syntax => "no es TOML válido o tiene una clave o un valor que no corresponde".into(),
        DefProblem::Missing => "falta".into(),
        DefProblem::Empty => "está vacío".into(),
        DefProblem::Duplicate(id) => format!("el identificador «{id}» está repetido"),
        DefProblem::UnknownStep(id) => format!("nombra el paso «{id}», que la familia no define"),
        DefProblem::UnknownStatus(id) => format!("nombra el estado «{id}», que la familia no define"),
        DefProblem::UnknownTemplate(id) => {
            format!("nombra la plantilla de correo «{id}», que la familia no define")
        }
        DefProblem::UnknownField(id) => format!("nombra el campo «{id}», que el tipo no define"),
        DefProblem::DeadlineNoUnit => {
            "el plazo no tiene unidad (unit = \"days\" para días hábiles o \"hours\" para horas hábiles)".into()
        }
        DefProblem::BadUnit(u) => {
            format!("la unidad «{u}» no existe (use \"days\" para días hábiles o \"hours\" para horas hábiles)")
        }
        DefProblem::ZeroDeadline => "el plazo debe ser mayor que cero".into(),
        DefProblem::BadCheck(c) => {
            format!("la verificación «{c}» no existe (dni, email, date, choice o text)")
        }
        DefProblem::NoOptions => "una lista de opciones (choice) necesita al menos una opción".into(),
        DefProblem::BadKind(k) => format!("el tipo de documento «{k}» no existe (pdf, xlsx o image)"),
        DefProblem::TooBig(kb) => format!(
            "el tamaño máximo {kb} KB no es válido (de 1 a {} KB)",
            crate::domain::family::parse::MAX_DOC_KB
        ),
        DefProblem::BadTime(t) => format!("«{t}» no es una hora HH:MM"),
        DefProblem::ClosesBeforeOpening => "la oficina cierra antes de abrir".into(),
        DefProblem::BadAddress(a) => format!("«{a}» no es una dirección de correo"),
    }
}

impl Display for DefError {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        write!(f, "procedimiento {}", self.file)?;
        if let Some(n) = self.line {
            write!(f, ", línea {n}")?;
        }
        if !self.field.is_empty() {
            write!(f, ", campo «{}»", self.field)?;
        }
        write!(f, ": {}", def_problem(&self.problem))
    }
}

pub fn doc_kind(k: DocKind) -> &'static str {
    match k {
        DocKind::Pdf => "PDF",
        DocKind::Xlsx => "Excel (XLSX)",
        DocKind::Image => "imagen JPEG o PNG",
    }
}

fn rule(r: &IntakeRule) -> String {
    match r {
        IntakeRule::Required => "es obligatorio".into(),
        IntakeRule::UnknownField => "este tipo de solicitud no tiene ese campo".into(),
        IntakeRule::UnknownDocument => "este tipo de solicitud no pide ese documento".into(),
        IntakeRule::Dni => "el DNI debe tener 8 dígitos".into(),
        IntakeRule::Email => "no es una dirección de correo válida".into(),
        IntakeRule::EmailDomain(d) => {
            format!("debe ser un correo institucional ({})", d.join(", "))
        }
        IntakeRule::Date => "no es una fecha AAAA-MM-DD".into(),
        IntakeRule::DateInFuture => "la fecha no puede ser futura".into(),
        IntakeRule::DateTooOld(n) => format!("no puede tener más de {n} días de antigüedad"),
        IntakeRule::NotAChoice(o) => format!("debe ser una de: {}", o.join(", ")),
        IntakeRule::TooLong(n) => format!("admite como máximo {n} caracteres"),
        IntakeRule::NotEqual(other) => format!("debe coincidir con «{other}»"),
        IntakeRule::DocumentMissing => "falta el documento".into(),
        IntakeRule::DocumentKind(k) => format!("el archivo debe ser {}", doc_kind(*k)),
        IntakeRule::DocumentTooBig(max) => {
            format!("el archivo supera el máximo de {}", super::tui::bytes(*max))
        }
        IntakeRule::DocumentEmpty => "el archivo está vacío".into(),
        IntakeRule::ControlCharacters => {
            "tiene caracteres de control (escape, retorno de carro…): escríbalo sin ellos".into()
        }
        IntakeRule::Repeated => "se indicó más de una vez".into(),
    }
}

impl Display for IntakeProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        // The field may be a name the user typed (an unknown field).
        let field = crate::sanitize::visible(&self.field);
        match &self.refusal {
            Some(words) => write!(f, "{field}: {words} ({})", rule(&self.rule)),
            None => write!(f, "{field}: {}", rule(&self.rule)),
        }
    }
}

impl Display for AdvanceRefused {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        match self {
            AdvanceRefused::Closed => {
                f.write_str("la solicitud ya está cerrada: no tiene más pasos")
            }
            AdvanceRefused::StepGone(s) => write!(
                f,
                "el paso «{s}» ya no existe en el procedimiento de la familia: corrija su archivo"
            ),
            AdvanceRefused::BadAddress(a) => write!(
                f,
                "enviado a: «{}» no es una dirección de correo",
                crate::sanitize::visible(a)
            ),
            AdvanceRefused::Text(which, why) => {
                let field = match which {
                    AdvanceText::Sent => "enviado",
                    AdvanceText::Answer => "respuesta",
                };
                let rule = match why {
                    TextRefused::TooLong { max, len } => {
                        format!("tiene {len} caracteres; el máximo es {max}")
                    }
                    TextRefused::ControlCharacters => {
                        "tiene caracteres de control (escape, retorno de carro…): escríbalo sin ellos".into()
                    }
                };
                write!(f, "{field}: {rule}")
            }
        }
    }
}

pub fn unit(u: Unit, n: u32) -> String {
    match (u, n) {
        (Unit::Days, 1) => "1 día hábil".into(),
        (Unit::Days, n) => format!("{n} días hábiles"),
        (Unit::Hours, 1) => "1 hora hábil".into(),
        (Unit::Hours, n) => format!("{n} horas hábiles"),
    }
}

fn span(d: Duration) -> String {
    let mins = d.num_minutes().abs();
    let (days, hours, m) = (mins / 1440, (mins % 1440) / 60, mins % 60);
    match (days, hours) {
        (0, 0) => format!("{m} min"),
        (0, h) => format!("{h} h {m} min"),
        (d, h) => format!("{d} d {h} h"),
    }
}

/// «vence vie 04/12 16:30 (faltan 2 h 5 min)» or «VENCIDO desde …».
pub fn due(due: DateTime<Tz>, now: DateTime<Tz>) -> String {
    let when = due.format("%d/%m/%Y %H:%M");
    if now > due {
        format!("VENCIDO desde {when} (hace {})", span(now - due))
    } else {
        format!("vence {when} (faltan {})", span(due - now))
    }
}

pub fn unreadable(path: &std::path::Path, cause: &str) -> String {
    format!(
        "no se pudo leer el procedimiento {}: {cause}",
        path.display()
    )
}

pub fn unknown_family(id: &str, known: &[String]) -> String {
    format!("familia: «{id}» no existe (familias: {})", known.join(", "))
}

pub fn unknown_type(family: &str, id: &str, known: &[String]) -> String {
    format!(
        "tipo: «{id}» no es un tipo de solicitud de la familia {family} (tipos: {})",
        known.join(", ")
    )
}

pub fn intake_refused(problems: &[IntakeProblem]) -> String {
    let mut out = String::from("solicitud rechazada, no se registró nada:");
    for p in problems {
        out.push_str(&format!("\n  - {p}"));
    }
    out
}

pub fn document_unreadable(slot: &str, path: &std::path::Path, cause: &str) -> String {
    format!("documento «{slot}» ({}): {cause}", path.display())
}

pub fn bad_pair(flag: &str, value: &str) -> String {
    format!("{flag}: «{value}» debe tener la forma clave=valor")
}

pub fn not_found(id: &str) -> String {
    format!("no existe la solicitud «{id}»")
}

pub fn registered_detail(family: &str, kind: &str) -> String {
    format!("solicitud registrada: {family}, {kind}")
}

pub fn step_detail(step: &str, status: &str) -> String {
    format!("paso «{step}» cumplido; estado: {status}")
}

pub fn answer_slot() -> &'static str {
    "respuesta"
}

use crate::domain::calendar::DispatchRules;
use crate::domain::family::{Check, Family, Request};

fn local(rules: &DispatchRules, t: DateTime<chrono::Utc>) -> String {
    rules.local(t).format("%d/%m/%Y %H:%M").to_string()
}

fn check_words(c: &Check) -> String {
    match c {
        Check::Dni => "DNI".into(),
        Check::Email { domains } if domains.is_empty() => "correo".into(),
        Check::Email { domains } => format!("correo de {}", domains.join(", ")),
        Check::Date {
            max_age_days: Some(n),
        } => format!("fecha AAAA-MM-DD, no más de {n} días"),
        Check::Date { .. } => "fecha AAAA-MM-DD".into(),
        Check::Choice { options } => format!("una de: {}", options.join(" | ")),
        Check::Text {
            equals: Some(other),
            ..
        } => format!("texto igual a «{other}»"),
        Check::Text { .. } => "texto".into(),
    }
}

pub fn family_heading(f: &Family) -> String {
    format!("{} — {}", f.id, f.name)
}

/// A family's definition, for `mesa request families`.
pub fn family_lines(f: &Family) -> Vec<String> {
    let mut out = Vec::new();
    let cutoff = f
        .hours
        .cutoff
        .map(|c| format!("; se recibe hasta las {}", c.format("%H:%M")))
        .unwrap_or_default();
    out.push(format!(
        "  horario {}–{}{cutoff}",
        f.hours.opens.format("%H:%M"),
        f.hours.closes.format("%H:%M")
    ));
    out.push("  pasos:".into());
    for st in &f.steps {
        let to = if st.to.is_empty() {
            String::new()
        } else {
            format!(" → {}", st.to.join(", "))
        };
        out.push(format!(
            "    {} · {}: {} ({}){to}",
            st.id,
            st.office,
            st.name,
            unit(st.deadline.unit, st.deadline.amount)
        ));
    }
    for t in &f.types {
        out.push(format!(
            "  tipo {} — {} (pasos: {})",
            t.id,
            t.name,
            t.steps.join(" → ")
        ));
        for fd in &t.fields {
            let opt = if fd.required { "" } else { ", opcional" };
            out.push(format!(
                "    --field {}=…  {} ({}{opt})",
                fd.id,
                fd.label,
                check_words(&fd.check)
            ));
        }
        for d in &t.documents {
            let opt = if d.required { "" } else { ", opcional" };
            out.push(format!(
                "    --document {}=RUTA  {} ({}, hasta {}{opt})",
                d.id,
                d.label,
                doc_kind(d.kind),
                super::tui::bytes(d.max_bytes)
            ));
        }
    }
    out
}

pub fn registered(id: &str) -> String {
    format!("Solicitud {id} registrada.")
}

pub fn advanced(id: &str, status: &str) -> String {
    format!("Solicitud {id}: paso cumplido; estado: {status}.")
}

pub fn none_listed() -> &'static str {
    "No hay solicitudes que mostrar."
}

fn deadline_words(
    f: &Family,
    r: &Request,
    rules: &DispatchRules,
    now: DateTime<chrono::Utc>,
) -> String {
    match r.due(f, rules) {
        Some(d) => due(rules.local(d), rules.local(now)),
        None => format!("cerrada el {}", local(rules, r.step_started)),
    }
}

/// One request with its chain: done ✔, current ●, pending ○.
pub fn request_lines(
    f: &Family,
    r: &Request,
    rules: &DispatchRules,
    now: DateTime<chrono::Utc>,
) -> Vec<String> {
    let rt = f.request_type(&r.kind);
    let kind = rt.map_or(r.kind.clone(), |t| t.name.clone());
    let mut out = vec![
        format!("Solicitud {} · {} · {kind}", r.id, f.name),
        format!("Estado: {}", f.status_name(&r.status)),
        format!(
            "Recibida: {} por {} (los plazos cuentan desde {})",
            local(rules, r.received_at),
            r.received_by,
            local(rules, r.counts_from)
        ),
    ];
    if let Some(note) = rt.and_then(|t| t.note.as_ref()) {
        out.push(format!("Nota: {note}"));
    }
    out.push("Campos:".into());
    // In the order of the type's definition; values of fields it no
    // longer defines, after them, by their id.
    let defined: Vec<(String, &String)> = rt
        .map(|t| {
            t.fields
                .iter()
                .filter_map(|x| r.fields.get(&x.id).map(|v| (x.label.clone(), v)))
                .collect()
        })
        .unwrap_or_default();
    let extra = r
        .fields
        .iter()
        .filter(|(k, _)| rt.is_none_or(|t| !t.fields.iter().any(|x| &x.id == *k)))
        .map(|(k, v)| (k.clone(), v));
    for (label, v) in defined.into_iter().chain(extra) {
        out.push(format!("  {label}: {v}"));
    }
    if !r.documents.is_empty() {
        out.push("Documentos:".into());
        for d in &r.documents {
            let label = rt
                .and_then(|t| t.documents.iter().find(|x| x.id == d.slot))
                .map_or(d.slot.clone(), |x| x.label.clone());
            out.push(format!(
                "  {label}: {} ({}, SHA-256 {})",
                crate::sanitize::visible(&d.attachment.file_name),
                super::tui::bytes(d.attachment.bytes),
                d.attachment.sha256
            ));
        }
    }
    out.push("Pasos:".into());
    for (i, id) in r.steps.iter().enumerate() {
        let st = f.step(id);
        let office = st.map_or(id.as_str(), |s| s.office.as_str());
        let name = st.map_or("", |s| s.name.as_str());
        match r.current {
            Some(c) if c == i => out.push(format!(
                "  ● {office} — {name} — {}",
                deadline_words(f, r, rules, now)
            )),
            Some(c) if c < i => {
                let plazo = st.map_or(String::new(), |s| {
                    format!(" (plazo: {})", unit(s.deadline.unit, s.deadline.amount))
                });
                out.push(format!("  ○ {office} — {name}{plazo}"));
            }
            _ => {
                let Some(log) = r.log.iter().rev().find(|l| &l.step == id) else {
                    out.push(format!("  ✔ {office} — {name}"));
                    continue;
                };
                out.push(format!(
                    "  ✔ {office} — {name} — hecho {} por {}",
                    local(rules, log.done),
                    log.by
                ));
                if !log.sent.is_empty() || !log.sent_to.is_empty() {
                    let to = if log.sent_to.is_empty() {
                        String::new()
                    } else {
                        format!(" a {}", log.sent_to.join(", "))
                    };
                    let sent = if log.sent.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", log.sent)
                    };
                    out.push(format!("      enviado:{sent}{to}"));
                }
                if !log.answer.is_empty() {
                    out.push(format!("      respuesta: {}", log.answer));
                }
                for a in &log.answer_docs {
                    out.push(format!(
                        "      documento de la respuesta: {} (SHA-256 {})",
                        crate::sanitize::visible(&a.file_name),
                        a.sha256
                    ));
                }
            }
        }
    }
    if r.is_closed() {
        out.push(format!(
            "Cerrada: {} el {}",
            f.status_name(&r.status),
            local(rules, r.step_started)
        ));
    }
    out
}

/// One line of `mesa request list`.
pub fn list_row(
    f: &Family,
    r: &Request,
    rules: &DispatchRules,
    now: DateTime<chrono::Utc>,
) -> String {
    let office = r
        .current_step(f)
        .map_or(String::new(), |s| format!(" · {}", s.office));
    let mark = if r.overdue(f, rules, now) { "!" } else { " " };
    format!(
        "{mark} {}  {}  {}  {}{office}  {}",
        r.id,
        f.id,
        r.kind,
        f.status_name(&r.status),
        deadline_words(f, r, rules, now)
    )
}

/// The outbox event of a family step's message.
pub const MAIL_EVENT: &str = "solicitud";

pub fn mail_queued(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => "Se puso 1 correo en la bandeja de salida.".into(),
        n => format!("Se pusieron {n} correos en la bandeja de salida."),
    }
}

/// The last line of `mesa request list`.
pub fn list_summary(total: usize, open: usize, late: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    format!(
        "{}; {}; {}.",
        plural(total, "solicitud", "solicitudes"),
        plural(open, "abierta", "abiertas"),
        plural(late, "con el paso vencido", "con el paso vencido")
    )
}

/// The purge's line for requests of the other families.
pub fn requests_purged(n: usize, cutoff: chrono::NaiveDate) -> String {
    let what = if n == 1 {
        "1 solicitud cerrada".to_string()
    } else {
        format!("{n} solicitudes cerradas")
    };
    format!(
        "Se depuró {what} antes del {} con sus documentos.",
        cutoff.format("%d/%m/%Y")
    )
}

pub fn requests_would_go(ids: &[String]) -> String {
    format!(
        "Solicitudes cerradas que se depurarían ({}): {}",
        ids.len(),
        ids.join(", ")
    )
}

// --- the console's screen of requests (`O`) ---
pub fn all_families() -> &'static str {
    "Todas"
}
/// Where a listing was made, for the audit.
pub fn console_place() -> &'static str {
    "consola: otras solicitudes"
}
pub fn none_chosen() -> &'static str {
    "No hay una solicitud elegida"
}
pub fn already_closed(id: &str) -> String {
    format!("{id} ya está cerrada: no tiene más pasos")
}
pub fn advance_title(id: &str) -> String {
    format!("{id}: paso actual hecho")
}
pub fn advance_sent() -> &'static str {
    "Qué se envió"
}
pub fn advance_to() -> &'static str {
    "A quién (correos)"
}
pub fn advance_answer() -> &'static str {
    "Respuesta recibida"
}
pub fn advance_note() -> &'static str {
    "Los documentos de la respuesta se adjuntan con «mesa request advance --answer-doc»"
}
pub fn advance_sent_missing() -> &'static str {
    "escriba qué se envió en este paso"
}
pub fn screen_title(tab: &str, shown: usize, overdue: usize) -> String {
    let late = match overdue {
        0 => String::new(),
        1 => " · 1 con el paso vencido".to_string(),
        n => format!(" · {n} con el paso vencido"),
    };
    format!("Otras solicitudes · {tab} ({shown}){late}")
}
pub fn none_yet() -> &'static str {
    "No hay solicitudes aquí. Se registran con «mesa request new» (vea «mesa request families»)."
}

// --- the daily digest of overdue steps ---
/// The outbox event (and id prefix) of the daily digest.
pub const DIGEST_EVENT: &str = "resumen-vencidos";
pub fn digest_to_name() -> &'static str {
    "Supervisión de la Mesa de Servicio"
}
pub fn digest_subject(n: usize, day: chrono::NaiveDate) -> String {
    let what = if n == 1 {
        "1 solicitud con el paso vencido".to_string()
    } else {
        format!("{n} solicitudes con el paso vencido")
    };
    format!("{what} ({})", day.format("%d/%m/%Y"))
}
pub fn digest_intro(n: usize) -> String {
    if n == 1 {
        "Esta solicitud tiene el paso actual vencido:".to_string()
    } else {
        format!("Estas {n} solicitudes tienen el paso actual vencido:")
    }
}
pub fn digest_closing() -> &'static str {
    "Se ven en la consola con O (las vencidas llevan «!») o con «mesa request list --overdue». Este resumen llega una vez al día mientras haya pasos vencidos."
}
/// One overdue request in the digest.
pub fn digest_line(
    f: &Family,
    r: &Request,
    rules: &DispatchRules,
    now: DateTime<chrono::Utc>,
) -> String {
    let step = r.current_step(f).map_or(String::new(), |st| {
        format!(" · {} ({})", st.name, st.office)
    });
    format!(
        "{} · {}{step} · {}",
        r.id,
        f.name,
        deadline_words(f, r, rules, now)
    )
}
pub fn bad_digest_to(v: &str) -> String {
    format!("«{v}» no es una dirección de correo («Nombre <correo@dominio>» o «correo@dominio»)")
}
/// The queue header's count of overdue requests (O shows them).
pub fn overdue_in_header(n: usize) -> String {
    match n {
        1 => "1 solicitud vencida (O)".to_string(),
        n => format!("{n} solicitudes vencidas (O)"),
    }
}

// --- mesa request import ---
pub fn import_refused(rows: &[(u64, String)]) -> String {
    let mut out = String::from("importación rechazada, no se registró ninguna solicitud:");
    for (line, why) in rows {
        for (i, l) in why.lines().enumerate() {
            if i == 0 {
                out.push_str(&format!("\n  línea {line}: {l}"));
            } else {
                out.push_str(&format!("\n  {l}"));
            }
        }
    }
    out
}
pub fn import_unknown_column(name: &str, rt: &crate::domain::family::RequestType) -> String {
    let known: Vec<&str> = rt
        .fields
        .iter()
        .map(|f| f.id.as_str())
        .chain(rt.documents.iter().map(|d| d.id.as_str()))
        .collect();
    format!(
        "columna «{}» desconocida para «{}» (use: {})",
        name.chars().take(40).collect::<String>(),
        rt.name,
        known.join(", ")
    )
}
pub fn import_empty() -> &'static str {
    "el archivo no tiene ninguna fila de datos"
}
pub fn imported(ids: &[String]) -> String {
    match ids {
        [one] => format!("Se registró 1 solicitud: {one}"),
        _ => format!(
            "Se registraron {} solicitudes: {}",
            ids.len(),
            ids.join(", ")
        ),
    }
}
pub fn import_doc_missing(slot: &str, path: &str) -> String {
    format!("documento «{slot}»: no existe «{path}» en la carpeta del CSV")
}
pub fn import_doc_refused(slot: &str, path: &str, why: &str) -> String {
    format!("documento «{slot}» («{path}»): {why}")
}
