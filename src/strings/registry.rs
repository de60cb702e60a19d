//! The people directory, the certificate registry and the reports.

use chrono::NaiveDate;

use crate::domain::certificate::{CertStatus, Medium, Owner, Resolution};
use crate::domain::procedure::RevocationReason;

fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

pub fn status_label(s: CertStatus) -> &'static str {
    match s {
        CertStatus::PorDescargar => "Por descargar",
        CertStatus::Instalado => "Instalado",
        CertStatus::Vencido => "Vencido",
        CertStatus::CaducadoDescarga => "Venció el plazo de descarga",
        CertStatus::Cancelado => "Cancelado",
    }
}
/// "el certificado X …": what its status means for a move.
pub fn status_phrase(s: CertStatus) -> &'static str {
    match s {
        CertStatus::PorDescargar => "está por descargar",
        CertStatus::Instalado => "ya está instalado",
        CertStatus::Vencido => "está vencido",
        CertStatus::CaducadoDescarga => "venció su plazo de descarga",
        CertStatus::Cancelado => "está cancelado",
    }
}
pub fn medium_label(m: Medium) -> &'static str {
    match m {
        Medium::Pc => "PC",
        Medium::Token => "token",
        Medium::SmartCard => "tarjeta inteligente",
    }
}
pub fn owner_label(o: Owner) -> &'static str {
    match o {
        Owner::Grc => "del GRC",
        Owner::Own => "propio",
    }
}
/// The RFC 5280 CRLReason name, as exported.
pub fn revocation_code(r: RevocationReason) -> &'static str {
    match r {
        RevocationReason::Unspecified => "unspecified",
        RevocationReason::KeyCompromise => "keyCompromise",
        RevocationReason::CaCompromise => "cACompromise",
        RevocationReason::AffiliationChanged => "affiliationChanged",
        RevocationReason::Superseded => "superseded",
        RevocationReason::CessationOfOperation => "cessationOfOperation",
    }
}

pub fn refused_install(id: &str, status: CertStatus) -> String {
    format!(
        "el certificado {id} {}; solo se instala un certificado por descargar",
        status_phrase(status)
    )
}
pub fn lapsed(id: &str, until: NaiveDate) -> String {
    format!(
        "el plazo de descarga del certificado {id} venció el {}; se necesita una reemisión motivo g (pagada): mesa certs renew {id}",
        date(until)
    )
}
pub fn refused_cancel(id: &str, status: CertStatus) -> String {
    format!(
        "el certificado {id} {}; no se puede cancelar",
        status_phrase(status)
    )
}
pub fn expiry_before_install(expires_on: NaiveDate, on: NaiveDate) -> String {
    format!(
        "--expires: el vencimiento ({}) debe ser posterior a la instalación ({})",
        date(expires_on),
        date(on)
    )
}
pub fn unknown_medium(s: &str) -> String {
    format!("«{s}» no es un medio (pc, token, tarjeta)")
}
pub fn install_options_only() -> &'static str {
    "--medium y --expires solo se indican al cerrar una instalación"
}
/// After `mesa close`: what happened to the certificate.
pub fn closed_line(c: &crate::domain::certificate::Certificate, s: CertStatus) -> String {
    let mut line = format!("Certificado {}: {}", c.id, status_label(s).to_lowercase());
    if let Some(x) = &c.cancelled {
        line += &format!(
            " el {} · motivo {}) · {}",
            date(x.on),
            x.motive,
            revocation_code(x.reason)
        );
        return line + ".";
    }
    if let Some(m) = c.medium {
        line += &format!(" en {}", medium_label(m));
    }
    if let Some(e) = c.expires_on {
        line += &format!(", vence el {}", date(e));
    }
    line + "."
}
pub fn outside_registry(id: &str) -> String {
    format!("El certificado {id} no está en el registro (anterior a él): solo se cerró el ticket.")
}
pub fn people_imported(n: usize) -> String {
    if n == 1 {
        "Se registró 1 persona en el directorio.".into()
    } else {
        format!("Se registraron {n} personas en el directorio.")
    }
}
pub fn no_people() -> &'static str {
    "No hay personas que coincidan."
}
pub fn people_header() -> &'static str {
    "DNI       NOMBRE                        CARGO                     UNIDAD ORGÁNICA               DEPENDENCIA       EN EL CARGO DESDE"
}
pub fn person_certs(list: &str) -> String {
    format!("Certificados: {list}")
}
pub fn people_count(n: usize) -> String {
    if n == 1 {
        "1 persona".into()
    } else {
        format!("{n} personas")
    }
}
pub fn no_certs() -> &'static str {
    "No hay certificados que coincidan."
}
pub fn certs_header() -> &'static str {
    "CERTIFICADO     DNI       TITULAR                     ESTADO                       MEDIO     DUEÑO    APROBADO    VENCE"
}
pub fn certs_count(n: usize) -> String {
    if n == 1 {
        "1 certificado".into()
    } else {
        format!("{n} certificados")
    }
}
pub fn expiring_header(days: i64) -> String {
    format!("Certificados instalados que vencen en los próximos {days} días:")
}
pub fn renew_command(id: &str, paid: bool) -> String {
    if paid {
        format!(
            "mesa certs renew {id} --payment-operation NÚMERO --payment-date AAAA-MM-DD --payment-amount 8.10"
        )
    } else {
        format!("mesa certs renew {id}")
    }
}
pub fn renewed(ticket: &str, what: &str, cert: &str) -> String {
    format!(
        "Se registró {ticket} ({what}) para el certificado {cert}, con los datos de su titular; revise foto y firma antes de programarlo."
    )
}
fn days(n: i64) -> String {
    if n == 1 {
        "1 día".into()
    } else {
        format!("{n} días")
    }
}
/// The lines under a certificate in `mesa certs`: days left, the lapse
/// and its paid re-emission, the expiry warning and its renewal.
pub fn row_notes(r: &crate::desk::registry::CertRow, horizon: i64) -> Vec<String> {
    row_notes_with(r, horizon, renew_command)
}
/// The same lines, the renewal offer ending with `how(id, paid)`: the
/// command to type, or the console's key.
pub fn row_notes_with(
    r: &crate::desk::registry::CertRow,
    horizon: i64,
    how: impl Fn(&str, bool) -> String,
) -> Vec<String> {
    use crate::domain::Kind;
    let c = &r.cert;
    let mut out = Vec::new();
    if let Some(left) = r.download_days_left {
        out.push(format!(
            "Por descargar: quedan {} (hasta el {})",
            days(left),
            date(c.download_until())
        ));
    }
    if r.status == CertStatus::CaducadoDescarga {
        out.push(format!(
            "⚠ Venció el plazo de descarga el {}",
            date(c.download_until())
        ));
    }
    if let Some(left) = r.days_to_expiry
        && left <= horizon
    {
        out.push(format!(
            "⚠ Vence en {} ({})",
            days(left),
            date(c.expires_on.unwrap_or(c.approved_on))
        ));
    }
    if let Some(x) = &c.cancelled {
        out.push(format!(
            "Cancelado el {} · motivo {}) {} · {}",
            date(x.on),
            x.motive,
            crate::strings::motive_label(Kind::Cancelacion, x.motive),
            revocation_code(x.reason)
        ));
    }
    if let Some(t) = &r.renewal {
        out.push(format!(
            "Renovación: {} {} [{}]",
            t.id,
            crate::strings::kind_and_motive(t.kind, t.motive),
            crate::strings::status_label(t.status)
        ));
    } else if let Some((kind, motive)) = r.offer {
        let paid = kind.is_paid(Some(motive));
        out.push(format!(
            "Sin ticket de renovación → {} ({}{}): {}",
            crate::strings::kind_and_motive(kind, Some(motive)),
            crate::strings::motive_label(kind, motive),
            if paid { ", pagada: S/ 8.10" } else { "" },
            how(&c.id, paid)
        ));
    }
    out.push(format!("Tickets: {}", c.tickets.join(", ")));
    out
}
pub fn report_range(from: NaiveDate, to: NaiveDate) -> String {
    format!(
        "--from ({}) debe ser anterior o igual a --to ({})",
        date(from),
        date(to)
    )
}
pub fn report_title(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    match (from, to) {
        (None, None) => "Informe de la Mesa de Servicio (todo el registro)".into(),
        (Some(f), None) => format!("Informe de la Mesa de Servicio desde el {}", date(f)),
        (None, Some(t)) => format!("Informe de la Mesa de Servicio hasta el {}", date(t)),
        (Some(f), Some(t)) => format!(
            "Informe de la Mesa de Servicio del {} al {}",
            date(f),
            date(t)
        ),
    }
}
pub fn report_weekly() -> &'static str {
    "Tickets por semana de registro, trámite, motivo y estado actual:"
}
pub fn week_of(monday: NaiveDate) -> String {
    format!("semana del {}", super::day(monday))
}
pub fn report_medians() -> &'static str {
    "Días calendario desde el registro (mediana):"
}
pub fn to_dispatch() -> &'static str {
    "hasta el envío a RENIEC"
}
pub fn to_approval() -> &'static str {
    "hasta la aprobación"
}
pub fn to_installation() -> &'static str {
    "hasta la instalación"
}
pub fn median_line(days: Option<f64>, n: usize) -> String {
    match days {
        None => "sin datos".into(),
        Some(d) => format!("{d} ({})", super::words::plural(n, "medido", "medidos")),
    }
}
pub fn report_expiring() -> &'static str {
    "Certificados que vencen por mes (sin los cancelados):"
}
pub fn month(ym: &str) -> String {
    match ym.split_once('-') {
        Some((y, m)) => format!("{m}/{y}"),
        None => ym.to_string(),
    }
}
pub fn none() -> &'static str {
    "ninguno"
}
pub fn renewal_reason(id: &str) -> String {
    format!("Renovación del certificado {id}")
}
/// The option of `mesa certs renew` a payment field is typed in.
pub fn payment_option(f: crate::domain::Field) -> &'static str {
    use crate::domain::Field;
    match f {
        Field::PaymentDate => "--payment-date",
        Field::PaymentAmount => "--payment-amount",
        Field::PaymentOperation => "--payment-operation",
        _ => "--payment-operation/--payment-date/--payment-amount",
    }
}
pub fn payment_problems(problems: &[crate::domain::Problem]) -> String {
    problems
        .iter()
        .map(|p| {
            format!(
                "{} ({}): {}",
                super::field_name(p.field),
                payment_option(p.field),
                super::rule_text(&p.rule)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}
pub fn not_found(id: &str) -> String {
    format!("no existe el certificado {id} en el registro")
}
pub fn medium_required() -> &'static str {
    "para cerrar una instalación indique el medio con --medium pc|token|tarjeta"
}
pub fn nothing_to_renew(id: &str, status: CertStatus, until: NaiveDate) -> String {
    match status {
        CertStatus::PorDescargar => format!(
            "el certificado {id} aún puede descargarse hasta el {}; no necesita reemisión",
            date(until)
        ),
        s => format!("el certificado {id} {}; no se renueva", status_phrase(s)),
    }
}
pub fn renewal_exists(id: &str, ticket: &str) -> String {
    format!("el certificado {id} ya tiene el ticket de renovación {ticket}")
}
pub fn resolution(r: &Resolution) -> String {
    match r {
        Resolution::NoneActive { dni } => format!(
            "el DNI {dni} no tiene un certificado que corresponda en el registro; indique cuál"
        ),
        Resolution::Several { dni, ids } => format!(
            "el DNI {dni} tiene varios certificados ({}); indique cuál",
            ids.join(", ")
        ),
        Resolution::OtherHolder { id, dni } => {
            format!("el certificado {id} es del DNI {dni}, no de este suscriptor")
        }
        Resolution::WrongStatus { id, status } => format!(
            "el certificado {id} {}; no corresponde a este trámite",
            status_phrase(*status)
        ),
    }
}
