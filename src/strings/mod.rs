//! Every text a user reads, in Spanish, in one place so that another
//! language can be added later.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::domain::applicant::{Field, Problem, Rule};
use crate::domain::lifecycle::{Move, Status};
use crate::domain::procedure::Kind;

pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Nuevo => "Nuevo",
        Status::EnAtencion => "En atención",
        Status::Observado => "Observado",
        Status::Programado => "Programado",
        Status::Enviado => "Enviado",
        Status::Aprobado => "Aprobado",
        Status::Rechazado => "Rechazado",
        Status::Cerrado => "Cerrado",
        Status::Anulado => "Anulado",
    }
}

pub fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::Emision => "Emisión",
        Kind::Reemision => "Reemisión",
        Kind::Instalacion => "Instalación",
        Kind::Cancelacion => "Cancelación",
    }
}

pub fn motive_label(k: Kind, letter: char) -> &'static str {
    match (k, letter) {
        (Kind::Emision, 'a') => "primera vez, personal nuevo o activo",
        (Kind::Emision, 'b') => "certificado caducado",
        (Kind::Emision, 'c') => "certificado en PC, token o tarjeta propios",
        (Kind::Reemision, 'a') => "renovación",
        (Kind::Reemision, 'b') => "formateo de PC/token/tarjeta del GRC",
        (Kind::Reemision, 'c') => "problemas técnicos, equipo del GRC",
        (Kind::Reemision, 'd') => "formateo de equipo propio",
        (Kind::Reemision, 'e') => "problemas técnicos, equipo propio",
        (Kind::Reemision, 'f') => "olvido de la contraseña de la clave privada",
        (Kind::Reemision, 'g') => "venció el plazo de descarga",
        (Kind::Cancelacion, 'a') => "dejó de ser miembro de la entidad",
        (Kind::Cancelacion, 'b') => "datos del certificado ya no son correctos",
        (Kind::Cancelacion, 'c') => "contraseña/PIN deteriorado, alterado o perdido",
        (Kind::Cancelacion, 'd') => "contraseña/PIN expuesto o mal usado",
        (Kind::Cancelacion, 'e') => "autoridad de certificación comprometida",
        (Kind::Cancelacion, 'f') => "extinción de la entidad",
        (Kind::Cancelacion, 'g') => "solicitud expresa",
        _ => "motivo desconocido",
    }
}

/// "Emisión a)" or "Instalación".
pub fn kind_and_motive(k: Kind, motive: Option<char>) -> String {
    match motive {
        Some(m) => format!("{} {m})", kind_label(k)),
        None => kind_label(k).to_string(),
    }
}

pub fn move_verb(m: Move) -> &'static str {
    match m {
        Move::Take => "atender",
        Move::Observe => "observar",
        Move::Schedule => "programar",
        Move::Send => "enviar a RENIEC",
        Move::Approve => "registrar como aprobado",
        Move::Reject => "registrar como rechazado",
        Move::Close => "cerrar",
        Move::Withdraw => "anular",
        Move::Correct => "corregir",
    }
}

pub fn field_name(f: Field) -> &'static str {
    match f {
        Field::Ticket => "ticket",
        Field::Kind => "tipo de trámite",
        Field::Motive => "motivo",
        Field::RegisteredAt => "fecha de registro",
        Field::Certificate => "certificado",
        Field::Applicants => "solicitantes",
        Field::FullName => "nombre completo",
        Field::Dni => "DNI",
        Field::DniIssuedOn => "fecha de emisión del DNI",
        Field::Email => "correo",
        Field::Photo => "foto",
        Field::Signature => "firma",
        Field::CertExpiresOn => "vencimiento del certificado",
        Field::Payment => "constancia de pago",
        Field::PaymentOperation => "número de operación",
        Field::PaymentDate => "fecha de pago",
        Field::PaymentAmount => "monto pagado",
        Field::PaymentTribute => "código de tributo",
        Field::PaymentRuc => "RUC del pago",
    }
}

fn soles(cents: u32) -> String {
    format!("S/ {}.{:02}", cents / 100, cents % 100)
}

pub fn rule_text(rule: &Rule) -> String {
    match rule {
        Rule::Required => "es obligatorio".into(),
        Rule::TooLong { max } => format!("supera {max} caracteres"),
        Rule::ControlCharacters => "contiene caracteres de control".into(),
        Rule::DniEightDigits => "debe tener exactamente 8 dígitos".into(),
        Rule::DniLeadingZeroLost => words::dni_leading_zero().into(),
        Rule::DateNotReal { given } => format!("«{given}» no es una fecha real (use AAAA-MM-DD)"),
        Rule::DateInFuture { date } => format!("no puede ser futura ({})", date.format("%d/%m/%Y")),
        Rule::AnswerDate(why) => why.to_string(),
        Rule::DniIssuedBeforeReniec { date, earliest } => {
            rules::dni_issued_before_reniec(*date, *earliest)
        }
        Rule::ExpiryTooFar { date, latest } => rules::expiry_too_far(*date, *latest),
        Rule::ExpiryOnFirstEmission => rules::expiry_on_first_emission().into(),
        Rule::OpenTicketExists { id, status } => rules::open_ticket_exists(id, *status),
        Rule::CancellationInProgress { id, certificate } => {
            rules::cancellation_in_progress(id, certificate)
        }
        Rule::SameRequestInFile { line } => rules::same_request_in_file(*line),
        Rule::OperationReusedInFile { line } => rules::operation_reused_in_file(*line),
        Rule::EmailMalformed => "no es una dirección de correo válida".into(),
        Rule::EmailNotAscii => words::email_not_ascii().into(),
        Rule::EmailPersonal { domain, allowed } => {
            format!("{domain} es un correo personal; use el correo institucional ({allowed})")
        }
        Rule::EmailNotInstitutional { domain, allowed } => {
            format!("{domain} no es un dominio institucional; use {allowed}")
        }
        Rule::KindUnknown { given } => {
            format!(
                "«{given}» no es un trámite conocido (emision, reemision, instalacion, cancelacion)"
            )
        }
        Rule::MotiveUnknown { kind, given } => {
            let letters: String = kind.spec().motives.iter().map(|m| m.letter).collect();
            format!(
                "«{given}» no es un motivo de {} (use una letra de {letters})",
                kind_label(*kind)
            )
        }
        Rule::MotiveRequired { kind } => format!("{} requiere un motivo", kind_label(*kind)),
        Rule::MotiveNotTaken { kind } => format!("{} no lleva motivo", kind_label(*kind)),
        Rule::CertificateRequired { kind } => {
            format!("{} requiere indicar el certificado", kind_label(*kind))
        }
        Rule::ApplicantsNotTaken { kind } => {
            format!("{} no registra solicitantes", kind_label(*kind))
        }
        Rule::PaymentRequired { kind, motive } => format!(
            "{} {motive}) requiere la constancia de pago de {}",
            kind_label(*kind),
            soles(810)
        ),
        Rule::PaymentNotAllowed { kind, motive } => format!(
            "{} no requiere pago; no registre constancia",
            kind_and_motive(*kind, *motive)
        ),
        Rule::PaymentIncomplete => {
            "faltan datos: número de operación, fecha y monto van juntos".into()
        }
        Rule::OperationMalformed => "debe ser de 1 a 20 letras o dígitos".into(),
        Rule::OperationReused { ticket } => match ticket {
            Some(t) => format!("ya fue usado en el ticket {t}; cada pago se usa una sola vez"),
            None => "ya fue usado en este mismo archivo; cada pago se usa una sola vez".into(),
        },
        Rule::AmountMalformed { given } => format!("«{given}» no es un monto (ejemplo: 8.10)"),
        Rule::AmountWrong {
            expected_cents,
            given_cents,
        } => {
            format!(
                "debe ser {} (se indicó {})",
                soles(*expected_cents),
                soles(*given_cents)
            )
        }
        Rule::TributeWrong { expected } => format!("debe ser {expected}"),
        Rule::RucWrong { expected } => format!("el pago debe hacerse al RUC {expected}"),
        Rule::TimestampMalformed { given } => {
            format!(
                "«{given}» no es una fecha y hora RFC 3339 (ejemplo: 2026-11-23T09:00:00-05:00)"
            )
        }
        Rule::Inconsistent { column } => {
            format!("las filas de un mismo ticket deben coincidir en la columna {column}")
        }
        Rule::ImageMissing => "falta el archivo".into(),
        Rule::ImageUnreadable => "no es una imagen JPEG o PNG legible".into(),
        Rule::ImageTooLarge { max_bytes } => format!("supera {} MB", max_bytes / 1_000_000),
        Rule::PhotoNotPortrait { width, height } => {
            format!("debe ser vertical (es {width}×{height})")
        }
        Rule::PhotoTooSmall {
            width,
            height,
            min_width,
            min_height,
        } => {
            format!("debe medir al menos {min_width}×{min_height} píxeles (es {width}×{height})")
        }
        Rule::SignatureNotLandscape { width, height } => {
            format!("debe ser más ancha que alta (es {width}×{height})")
        }
        Rule::FileNotFound { path } => format!("no se encuentra el archivo {path}"),
        Rule::FileUnreadable { path, cause } => {
            format!("no se puede leer el archivo {path} ({cause})")
        }
        Rule::NotUtf8 => "no es texto UTF-8 (guarde el archivo como «CSV UTF-8»)".into(),
        Rule::EmptyFile => "el archivo está vacío".into(),
        Rule::MissingColumns { names } => format!("faltan las columnas {names}"),
        Rule::UnknownColumn { name } => format!("la columna «{name}» no es conocida"),
        Rule::MediaNotForKind { kind } => words::media_not_for_kind(kind_label(*kind)),
        Rule::SingleSubscriber { kind } => {
            format!("{} lleva un solo suscriptor por ticket", kind_label(*kind))
        }
        Rule::CsvMalformed { detail } => format!("CSV mal formado: {detail}"),
        Rule::ResultUnknown { given } => {
            format!("«{given}» no es un resultado (aprobado o rechazado)")
        }
        Rule::TicketUnknown { id } => format!("no existe el ticket {id}"),
        Rule::NotAwaitingAnswer { id, status } => {
            format!(
                "el ticket {id} está {}; solo se registra la respuesta de un ticket enviado",
                status_label(*status).to_lowercase()
            )
        }
        Rule::Duplicate { id } => format!("el ticket {id} aparece más de una vez"),
        Rule::Certificate { problem } => registry::resolution(problem),
        Rule::PersonRepeated { dni, line } => {
            format!("el DNI {dni} ya aparece en la línea {line}")
        }
    }
}

/// "DNI: debe tener exactamente 8 dígitos".
pub fn problem(p: &Problem) -> String {
    format!("{}: {}", field_name(p.field), rule_text(&p.rule))
}

pub fn illegal_move(kind: Kind, from: Status, action: Move) -> String {
    if action == Move::Schedule && !kind.is_batched() {
        return words::not_sent_to_reniec(kind);
    }
    format!(
        "no se puede {} un ticket de {} en estado {}",
        move_verb(action),
        kind_label(kind),
        status_label(from).to_lowercase()
    )
}

pub fn reason_required(action: Move) -> String {
    format!("para {} indique el motivo (--reason)", move_verb(action))
}

pub fn checks_failed(problems: &[Problem]) -> String {
    let list: Vec<String> = problems.iter().map(problem).collect();
    format!(
        "no se puede programar; verificaciones pendientes: {}",
        list.join("; ")
    )
}

pub fn in_sealed_batch(batch: &str) -> String {
    format!("el ticket ya está en el lote sellado {batch}; su contenido no cambia")
}

pub fn weekday_short(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "lun",
        Weekday::Tue => "mar",
        Weekday::Wed => "mié",
        Weekday::Thu => "jue",
        Weekday::Fri => "vie",
        Weekday::Sat => "sáb",
        Weekday::Sun => "dom",
    }
}

/// "vie 27/11/2026".
pub fn day(date: NaiveDate) -> String {
    format!(
        "{} {}",
        weekday_short(date.weekday()),
        date.format("%d/%m/%Y")
    )
}

/// The emails staff receive and the `mesa mail` command's output.
pub mod mail {
    use chrono::NaiveDate;

    use crate::domain::procedure::Kind;

    /// "viernes 27/11/2026".
    pub fn long_day(date: NaiveDate) -> String {
        use chrono::Datelike;
        let name = match date.weekday() {
            chrono::Weekday::Mon => "lunes",
            chrono::Weekday::Tue => "martes",
            chrono::Weekday::Wed => "miércoles",
            chrono::Weekday::Thu => "jueves",
            chrono::Weekday::Fri => "viernes",
            chrono::Weekday::Sat => "sábado",
            chrono::Weekday::Sun => "domingo",
        };
        format!("{name} {}", date.format("%d/%m/%Y"))
    }

    pub fn default_from() -> &'static str {
        "Mesa de Servicio - Certificados Digitales <mesa.servicio@regioncajamarca.gob.pe>"
    }
    pub fn default_signature() -> Vec<String> {
        vec![
            "Mesa de Servicio de Certificados Digitales".into(),
            "Gobierno Regional Cajamarca".into(),
        ]
    }

    pub fn greeting(name: &str) -> String {
        format!("Estimado(a) {name}:")
    }
    pub fn closing() -> &'static str {
        "Atentamente,"
    }
    pub fn automatic_note() -> &'static str {
        "Este es un mensaje automático de la Mesa de Servicio. Si tiene dudas, responda a este correo indicando el número de su solicitud."
    }

    fn request(id: &str, kind: Kind, motive: Option<char>) -> String {
        format!("{id} ({})", super::kind_and_motive(kind, motive))
    }
    /// "T-2026-000123 (Emisión a))", for the other areas' letters.
    pub fn request_of(id: &str, kind: Kind, motive: Option<char>) -> String {
        request(id, kind, motive)
    }

    // --- programado ---
    pub fn scheduled_subject(id: &str, on: NaiveDate) -> String {
        format!(
            "Su solicitud {id} se enviará a RENIEC el {}",
            super::day(on)
        )
    }
    pub fn scheduled_intro(id: &str, kind: Kind, motive: Option<char>) -> String {
        format!(
            "Revisamos su solicitud {} y está completa. Quedó programada para el envío semanal a RENIEC.",
            request(id, kind, motive)
        )
    }
    pub fn scheduled_when(on: NaiveDate, time: &str) -> String {
        format!(
            "Fecha de envío a RENIEC: {} a las {time} (hora de Lima).",
            long_day(on)
        )
    }
    pub fn scheduled_moved(nominal: NaiveDate) -> String {
        format!(
            "El envío se adelantó porque el {} no es día laborable.",
            long_day(nominal)
        )
    }
    pub fn scheduled_held(expires_on: NaiveDate, latest_on: NaiveDate, days: i64) -> String {
        format!(
            "Por qué esa fecha (regla de los {days} días): su certificado actual vence el {}. \
             Cuando al registrar la solicitud faltan más de {days} días para el vencimiento, \
             la solicitud no se envía antes de tiempo: va en el último envío semanal que sale \
             hasta el {} ({days} días antes del vencimiento).",
            expires_on.format("%d/%m/%Y"),
            latest_on.format("%d/%m/%Y"),
        )
    }
    pub fn scheduled_next() -> &'static str {
        "Después del envío, RENIEC evalúa la solicitud. Le escribiremos cuando tengamos su respuesta; por ahora no necesita hacer nada."
    }

    // --- observado ---
    pub fn observed_subject(id: &str) -> String {
        format!("Su solicitud {id} necesita correcciones")
    }
    pub fn observed_intro(id: &str, kind: Kind, motive: Option<char>) -> String {
        format!(
            "Revisamos su solicitud {} y encontramos lo siguiente:",
            request(id, kind, motive)
        )
    }
    pub fn observed_how() -> &'static str {
        "Cómo corregirlo:"
    }
    pub fn fix_photo() -> &'static str {
        "Foto: actual, de frente (frontal), sin lentes, con el rostro descubierto y fondo claro; en JPEG o PNG, vertical y de al menos 240×320 píxeles."
    }
    pub fn fix_signature() -> &'static str {
        "Firma: firme con tinta azul sobre papel blanco, centrada en el recuadro, y envíe la imagen horizontal (más ancha que alta) en JPEG o PNG."
    }
    pub fn fix_dni_date() -> &'static str {
        "Fecha de emisión del DNI: escríbala exactamente como está impresa en su DNI (día, mes y año de emisión, no la fecha de caducidad)."
    }
    pub fn fix_email(domains: &str) -> String {
        format!(
            "Correo: use su dirección institucional ({domains}); no se aceptan correos personales como Gmail, Hotmail, Outlook o Yahoo."
        )
    }
    pub fn observed_next() -> &'static str {
        "Envíe lo corregido respondiendo a este correo. Cuando lo recibamos, retomaremos su solicitud; conserva su lugar por orden de llegada."
    }

    // --- enviado ---
    pub fn sent_subject(id: &str) -> String {
        format!("Su solicitud {id} fue enviada a RENIEC")
    }
    pub fn sent_intro(id: &str, kind: Kind, motive: Option<char>, on: NaiveDate) -> String {
        format!(
            "Su solicitud {} fue enviada a RENIEC en el lote del {}.",
            request(id, kind, motive),
            long_day(on)
        )
    }
    pub fn sent_next() -> &'static str {
        "RENIEC evaluará la solicitud. Le escribiremos apenas registremos su respuesta."
    }

    // --- aprobado ---
    pub fn approved_subject(id: &str, until: NaiveDate) -> String {
        format!(
            "RENIEC aprobó su certificado digital: descárguelo hasta el {} ({id})",
            until.format("%d/%m/%Y")
        )
    }
    pub fn approved_intro(id: &str, kind: Kind, motive: Option<char>) -> String {
        format!(
            "RENIEC aprobó su solicitud {}. Recibirá de RENIEC (DCDelivery) un correo con el enlace, el usuario y la contraseña para descargar su certificado.",
            request(id, kind, motive)
        )
    }
    pub fn approved_deadline(days: i64, until: NaiveDate) -> String {
        format!(
            "Plazo de descarga: {days} días calendario desde la aprobación, es decir, hasta el {}.",
            long_day(until)
        )
    }
    pub fn approved_lapse() -> &'static str {
        "Si no lo descarga dentro del plazo, será necesaria una nueva reemisión con pago de S/ 8.10 (motivo g: venció el plazo de descarga)."
    }
    pub fn approved_install() -> &'static str {
        "Para la descarga e instalación, coordine con la Mesa de Servicio. Durante la instalación usted mismo escribirá la contraseña de su clave privada: nunca la comparta con nadie, tampoco con nosotros."
    }

    // --- rechazado ---
    pub fn rejected_subject(id: &str) -> String {
        format!("RENIEC no aprobó su solicitud {id}")
    }
    pub fn rejected_intro(id: &str, kind: Kind, motive: Option<char>) -> String {
        format!(
            "RENIEC no aprobó su solicitud {}. El motivo indicado es:",
            request(id, kind, motive)
        )
    }
    pub fn rejected_next() -> &'static str {
        "Comuníquese con la Mesa de Servicio para revisar el caso y, si corresponde, registrar una nueva solicitud."
    }

    // --- cancelado ---
    pub fn cancelled_subject(id: &str) -> String {
        format!("Su certificado digital fue cancelado ({id})")
    }
    pub fn cancelled_intro(id: &str, motive: Option<char>) -> String {
        format!(
            "La cancelación de su certificado digital, solicitud {}, fue realizada.",
            request(id, Kind::Cancelacion, motive)
        )
    }
    pub fn cancelled_certificate(cert: &str) -> String {
        format!("Certificado cancelado: {cert}.")
    }
    pub fn cancelled_effect() -> &'static str {
        "Desde ahora ese certificado ya no sirve para firmar ni autenticarse. Si necesita uno nuevo, solicite una emisión en la Mesa de Servicio."
    }

    // --- recordatorio de descarga ---
    pub fn reminder_subject(id: &str, until: NaiveDate) -> String {
        format!(
            "Recordatorio: descargue su certificado digital hasta el {} ({id})",
            until.format("%d/%m/%Y")
        )
    }
    pub fn reminder_intro(
        id: &str,
        kind: Kind,
        motive: Option<char>,
        approved: NaiveDate,
    ) -> String {
        format!(
            "RENIEC aprobó su solicitud {} el {}. Si aún no descargó su certificado con el enlace de RENIEC (DCDelivery), hágalo cuanto antes.",
            request(id, kind, motive),
            approved.format("%d/%m/%Y")
        )
    }
    pub fn reminder_left(days_left: i64, until: NaiveDate) -> String {
        let days = if days_left == 1 {
            "1 día".to_string()
        } else {
            format!("{days_left} días")
        };
        format!("Le quedan {days}: el plazo vence el {}.", long_day(until))
    }
    pub fn reminder_done() -> &'static str {
        "Si ya lo descargó e instaló, puede ignorar este mensaje."
    }

    // --- plazo vencido ---
    pub fn lapsed_subject(id: &str) -> String {
        format!("Venció el plazo para descargar su certificado digital ({id})")
    }
    pub fn lapsed_intro(id: &str, kind: Kind, motive: Option<char>, until: NaiveDate) -> String {
        format!(
            "El plazo de 30 días calendario para descargar el certificado de su solicitud {} venció el {}.",
            request(id, kind, motive),
            until.format("%d/%m/%Y")
        )
    }
    pub fn lapsed_next() -> &'static str {
        "Para obtenerlo ahora se necesita una nueva solicitud de reemisión, motivo g (venció el plazo de descarga), con pago de S/ 8.10 (código de tributo 00529, a favor del RUC 20453744168). Acérquese a la Mesa de Servicio para registrarla."
    }

    // --- mesa mail ---
    pub fn status_label(code: &str) -> &'static str {
        match code {
            "pending" => "pendiente",
            "sent" => "enviado",
            _ => "fallido",
        }
    }
    pub fn unknown_status(s: &str) -> String {
        format!("«{s}» no es un estado de correo (pending, sent, failed)")
    }
    pub fn unknown_event(s: &str, known: &str) -> String {
        format!("«{s}» no es un evento de correo (use uno de: {known})")
    }
    pub fn list_header(id_width: usize) -> String {
        format!(
            "{:<id_width$} {:<10} {:>3}  {:<38} {}",
            "ID", "ESTADO", "INT", "PARA", "ASUNTO"
        )
    }
    pub fn empty_outbox() -> &'static str {
        "No hay correos en la bandeja de salida."
    }
    pub fn next_attempt(when: &str) -> String {
        format!("próximo intento: {when}")
    }
    pub fn sent_at(when: &str) -> String {
        format!("enviado: {when}")
    }
    pub fn reply(text: &str) -> String {
        format!("respuesta: {text}")
    }
    pub fn count(n: usize) -> String {
        if n == 1 {
            "1 correo".into()
        } else {
            format!("{n} correos")
        }
    }
    pub fn flushed(sent: usize, failed: usize, retry: usize, waiting: usize) -> String {
        format!(
            "Enviados: {sent} · Fallidos: {failed} · Reintentarán: {retry} · En espera: {waiting}"
        )
    }
    pub fn transport_file(dir: &std::path::Path) -> String {
        format!("Transporte: archivos .eml en {}", dir.display())
    }
    pub fn transport_smtp(host: &str, port: u16, tls: &str) -> String {
        format!("Transporte: SMTP {host}:{port} ({tls})")
    }
    pub fn retried(id: &str) -> String {
        format!("{id}: pendiente; se enviará en el próximo envío de correos (mesa mail flush)")
    }
    pub fn not_found(id: &str) -> String {
        format!("no existe el correo {id} en la bandeja de salida")
    }
    pub fn already_sent(id: &str) -> String {
        format!("el correo {id} ya fue enviado; no se vuelve a enviar")
    }
    pub fn queued(n: usize) -> String {
        match n {
            0 => String::new(),
            1 => "Se puso 1 correo en la bandeja de salida.".into(),
            n => format!("Se pusieron {n} correos en la bandeja de salida."),
        }
    }
    pub fn preview_header(event: &str) -> String {
        format!("=== {event} ===")
    }
    pub fn preview_to() -> &'static str {
        "Para"
    }
    pub fn preview_subject() -> &'static str {
        "Asunto"
    }
    pub fn no_recipient_address(addr: &str, why: &str) -> String {
        format!("dirección de destino no válida «{addr}»: {why}")
    }
    pub fn bad_from(addr: &str, why: &str) -> String {
        format!("remitente no válido «{addr}» (mail.from o MESA_MAIL_FROM): {why}")
    }
    pub fn bad_port(v: &str) -> String {
        format!("MESA_SMTP_PORT: «{v}» no es un puerto")
    }
    pub fn bad_tls(v: &str) -> String {
        format!("«{v}» no es un modo TLS (none, starttls, tls)")
    }
    pub fn bad_transport(v: &str) -> String {
        format!("«{v}» no es un transporte de correo (file, smtp)")
    }
    pub fn no_host() -> &'static str {
        "el transporte SMTP necesita un servidor (mail.smtp.host o MESA_SMTP_HOST)"
    }
    pub fn plaintext_not_loopback(host: &str) -> String {
        format!(
            "tls = none solo se permite con un servidor local (127.0.0.1, ::1 o localhost), no con «{host}»; use starttls o tls"
        )
    }
    pub fn user_without_password() -> &'static str {
        "mail.smtp.user necesita también la contraseña (mail.smtp.password o MESA_SMTP_PASSWORD)"
    }
    pub fn smtp_setup(why: &str) -> String {
        format!("no se pudo preparar el transporte SMTP: {why}")
    }
    pub fn file_write(path: &std::path::Path, e: &std::io::Error) -> String {
        format!(
            "no se pudo escribir {}: {}",
            path.display(),
            super::words::io_error(e)
        )
    }
    pub fn bad_reminder_days(v: i64) -> String {
        format!("{v} no es un día válido del plazo de descarga (use de 1 a 29)")
    }
    pub fn redacted() -> &'static str {
        "«oculta»"
    }
}

pub mod store {
    use std::path::Path;

    pub fn locked(path: &Path, holder: &str) -> String {
        let holder = if holder.trim().is_empty() {
            String::new()
        } else {
            format!(" (PID {})", holder.trim())
        };
        format!(
            "el almacén {} está abierto por otro proceso de mesa{holder}; ciérrelo e intente de nuevo",
            path.display()
        )
    }
    pub fn schema_mismatch(path: &Path, found: u32, expected: u32) -> String {
        format!(
            "el almacén {} tiene versión de esquema {found} y esta versión de mesa usa {expected}",
            path.display()
        )
    }
    pub fn not_a_store(path: &Path) -> String {
        format!(
            "{} no es un almacén de mesa (falta la marca de esquema)",
            path.display()
        )
    }
    pub fn io(path: &Path, err: &std::io::Error) -> String {
        format!(
            "no se pudo usar el almacén {}: {}",
            path.display(),
            super::trust::io_cause(err)
        )
    }
    pub fn damaged(path: &Path, detail: &str) -> String {
        format!(
            "el almacén {} no se pudo abrir o está dañado: {detail}. {}",
            path.display(),
            super::trust::restore_hint()
        )
    }
    pub fn ticket_not_found(id: &str) -> String {
        format!("no existe el ticket {id}")
    }
    pub fn batch_not_found(id: &str) -> String {
        format!("no existe el lote {id}")
    }
    pub fn already_sent(id: &str) -> String {
        format!("el lote {id} ya fue marcado como enviado")
    }
    pub fn changed_meanwhile(id: &str) -> String {
        format!("el ticket {id} cambió mientras se guardaba; vuelva a intentarlo")
    }
    pub fn record_unreadable(key: &str, detail: &str) -> String {
        format!("el registro {key} no se puede leer: {detail}")
    }
}

pub mod cli {
    use std::path::Path;

    use chrono::NaiveDate;

    use crate::domain::Status;
    use crate::domain::applicant::Check;

    pub fn dispatch_next() -> &'static str {
        "el próximo envío tras programarlo"
    }
    pub fn dispatch_held(expires_on: NaiveDate, latest_on: NaiveDate, days: i64) -> String {
        format!(
            "regla de los {days} días: el certificado vence el {}, así que espera al último envío hasta el {}",
            expires_on.format("%d/%m/%Y"),
            latest_on.format("%d/%m/%Y")
        )
    }
    pub fn dispatch_moved() -> &'static str {
        " (adelantado por feriado)"
    }
    pub fn unknown_status(s: &str) -> String {
        format!(
            "«{s}» no es un estado (nuevo, en_atencion, observado, programado, enviado, aprobado, rechazado, cerrado, anulado)"
        )
    }
    pub fn no_tickets() -> &'static str {
        "No hay tickets que coincidan."
    }
    pub fn list_header() -> &'static str {
        "TICKET         LLEGADA          TRÁMITE         ESTADO       SOLICITANTE                  DNI      ENVÍO A RENIEC"
    }
    pub fn urgent_mark() -> &'static str {
        "  ⚠ URGENTE"
    }
    pub fn count(n: usize) -> String {
        if n == 1 {
            "1 ticket".into()
        } else {
            format!("{n} tickets")
        }
    }

    pub struct Labels {
        pub motive: &'static str,
        pub registered: &'static str,
        pub assignee: &'static str,
        pub certificate: &'static str,
        pub observations: &'static str,
        pub dispatch: &'static str,
        pub dispatch_if_now: &'static str,
        pub applicant: &'static str,
        pub dni_issued: &'static str,
        pub cert_expires: &'static str,
        pub photo: &'static str,
        pub signature: &'static str,
        pub payment: &'static str,
        pub history: &'static str,
    }
    pub fn labels() -> Labels {
        Labels {
            motive: "Motivo",
            registered: "Registrado",
            assignee: "Atiende",
            certificate: "Certificado",
            observations: "Observaciones",
            dispatch: "Envío a RENIEC",
            dispatch_if_now: "Envío si se programa ahora",
            applicant: "Solicitante",
            dni_issued: "Emisión del DNI",
            cert_expires: "Vence el certificado actual",
            photo: "Foto",
            signature: "Firma",
            payment: "Pago",
            history: "Historial",
        }
    }
    pub fn check_label(c: Check) -> &'static str {
        match c {
            Check::FullName => "Nombre completo",
            Check::Dni => "DNI de 8 dígitos",
            Check::DniIssuedOn => "Fecha de emisión del DNI",
            Check::Email => "Correo institucional",
            Check::Photo => "Foto: JPEG/PNG, vertical, mínimo 240×320",
            Check::Signature => "Firma: JPEG/PNG, horizontal",
            Check::Payment => "Constancia de pago",
        }
    }
    pub fn moved(id: &str, status: Status) -> String {
        format!("{id}: {}", super::status_label(status))
    }
    pub fn scheduled_for(when: &str, why: &str) -> String {
        format!("Se enviará a RENIEC el {when} ({why}).")
    }
    pub fn cannot_read(path: &Path, e: &std::io::Error) -> String {
        format!(
            "no se pudo leer {}: {}",
            path.display(),
            super::words::io_error(e)
        )
    }
    pub fn imported(n: usize) -> String {
        if n == 1 {
            "Se registró 1 ticket:".into()
        } else {
            format!("Se registraron {n} tickets:")
        }
    }
    pub fn import_refused(path: &Path, problems: usize) -> String {
        format!(
            "no se importó nada de {}: {}",
            path.display(),
            super::words::plural(problems, "problema", "problemas")
        )
    }
    pub fn demo_not_empty(n: usize) -> String {
        format!(
            "el almacén ya tiene {}; la demostración necesita un almacén vacío (use --store con otro directorio)",
            super::words::plural(n, "ticket", "tickets")
        )
    }
    pub fn demo_done(n: usize, dir: &Path) -> String {
        format!(
            "Se {} de demostración en {}.",
            if n == 1 {
                "creó 1 ticket".to_string()
            } else {
                format!("crearon {n} tickets")
            },
            dir.display()
        )
    }
}

pub mod batch {
    use std::path::Path;

    use chrono::NaiveDate;

    use crate::domain::batch::Batch;
    use crate::domain::{Status, Ticket};

    pub fn upcoming_header() -> &'static str {
        "Envíos a RENIEC (sin sellar y próximos):"
    }
    pub fn moved_mark() -> &'static str {
        " (adelantado por feriado)"
    }
    pub fn sealed_mark(id: &str) -> String {
        format!("  [sellado: {id}]")
    }
    pub fn sealed_header() -> &'static str {
        "Lotes sellados:"
    }
    pub fn sealed_line(b: &Batch, sealed_at: &str) -> String {
        let sent = if b.sent_at.is_some() {
            " · enviado"
        } else {
            ""
        };
        format!(
            "  {}  {} · sellado {sealed_at} por {}{sent}",
            b.id,
            super::words::plural(b.tickets.len(), "ticket", "tickets"),
            b.sealed_by
        )
    }
    pub fn sealed_now(b: &Batch, when: &str) -> String {
        format!(
            "Lote {} sellado: {} para el envío del {when}.",
            b.id,
            super::words::plural(b.tickets.len(), "ticket", "tickets")
        )
    }
    pub fn sealed_before(b: &Batch) -> String {
        format!(
            "El lote {} ya estaba sellado ({}); no cambió nada.",
            b.id,
            super::words::plural(b.tickets.len(), "ticket", "tickets")
        )
    }
    pub fn exported(folder: &Path, zip: &Path, files: usize) -> String {
        format!(
            "Exportado: {} ({}) y {}",
            folder.display(),
            super::words::plural(files, "archivo", "archivos"),
            zip.display()
        )
    }
    pub fn marked_sent(id: &str, n: usize) -> String {
        format!(
            "Lote {id} marcado como enviado: {} en estado «enviado».",
            super::words::plural(n, "ticket", "tickets")
        )
    }
    pub fn outcomes_recorded(tickets: &[Ticket]) -> String {
        let approved = tickets
            .iter()
            .filter(|t| t.status == Status::Aprobado)
            .count();
        let rejected = tickets
            .iter()
            .filter(|t| t.status == Status::Rechazado)
            .count();
        format!(
            "Respuestas registradas: {}, {}.",
            super::words::plural(approved, "aprobado", "aprobados"),
            super::words::plural(rejected, "rechazado", "rechazados")
        )
    }

    use crate::desk::batch::{Blocker, BlockerKind};

    pub fn nothing_to_seal() -> &'static str {
        "no hay un envío pasado por sellar"
    }
    pub fn no_dispatch_on(day: NaiveDate) -> String {
        format!("no hay envío a RENIEC el {}", super::day(day))
    }
    pub fn early_needs_reason(when: &str) -> String {
        format!(
            "el envío del {when} aún no llega; para sellar antes indique el motivo con --reason"
        )
    }
    pub fn empty(id: &str) -> String {
        format!("el lote {id} no tiene tickets programados; no hay nada que sellar")
    }
    pub fn blocker(b: &Blocker) -> String {
        let what = match &b.problem {
            BlockerKind::Check(p) => super::problem(p),
            BlockerKind::FileMissing { field, sha256 } => {
                format!(
                    "{field}: falta el archivo {} en el almacén",
                    &sha256[..12.min(sha256.len())]
                )
            }
            BlockerKind::ReceiptMissing { operation } => {
                format!("constancia de pago: no existe la operación {operation}")
            }
        };
        format!("{}: {what}", b.ticket)
    }
    pub fn not_ready(blockers: &[Blocker]) -> String {
        let list: Vec<String> = blockers.iter().map(blocker).collect();
        format!(
            "no se puede sellar; resuelva primero:\n  {}",
            list.join("\n  ")
        )
    }
}

pub mod registry {
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
        format!(
            "El certificado {id} no está en el registro (anterior a él): solo se cerró el ticket."
        )
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
}

pub mod export {
    use std::collections::BTreeMap;
    use std::path::Path;

    use chrono_tz::Tz;

    use crate::domain::Kind;
    use crate::domain::batch::Batch;

    pub const SHEET_NAME: &str = "Solicitudes";
    pub const REQUEST_COLUMNS: [&str; 13] = [
        "N°",
        "Ticket",
        "Trámite",
        "Motivo",
        "Nombre completo",
        "DNI",
        "Fecha de emisión del DNI",
        "Correo institucional",
        "Foto",
        "Firma",
        "Operación de pago",
        "Fecha de registro",
        "Vence certificado actual",
    ];
    pub const PAYMENT_COLUMNS: [&str; 8] = [
        "Operación",
        "Fecha de pago",
        "Monto (S/)",
        "Código de tributo",
        "RUC",
        "DNI",
        "Nombre completo",
        "Ticket",
    ];

    pub fn io(path: &Path, e: &std::io::Error) -> String {
        format!(
            "no se pudo escribir la exportación en {}: {}",
            path.display(),
            super::words::io_error(e)
        )
    }
    pub fn failed(detail: &str) -> String {
        format!("no se pudo generar la exportación: {detail}")
    }

    pub fn summary(
        batch: &Batch,
        tz: Tz,
        counts: &BTreeMap<(Kind, Option<char>), usize>,
        tickets: usize,
        applicants: usize,
        payments: usize,
        move_note: &str,
    ) -> String {
        let moment = |at: chrono::DateTime<chrono::Utc>| crate::cli::view::moment(at, tz);
        let mut s = format!("{}\n", batch.id);
        s += &format!("Envío a RENIEC: {}", moment(batch.dispatch.at));
        s += move_note;
        s += &format!(
            "\nSellado: {} por {}\n",
            moment(batch.sealed_at),
            batch.sealed_by
        );
        if let Some(r) = &batch.early_reason {
            s += &format!("Sellado antes del corte: {r}\n");
        }
        s += &format!(
            "\nTickets: {tickets}\nSolicitantes: {applicants}\nPagos: {payments}\n\nPor trámite y motivo:\n"
        );
        for ((kind, motive), n) in counts {
            s += &format!("  {:<16} {n}\n", super::kind_and_motive(*kind, *motive));
        }
        s
    }
}

/// The analyst console.
pub mod tui {
    use chrono::NaiveDate;

    use crate::domain::{Kind, Move, Status};
    use crate::tui::action::Command;
    use crate::tui::keymap::Scope;

    pub fn app_name() -> &'static str {
        "Mesa de Servicio"
    }
    pub fn command(c: Command) -> &'static str {
        match c {
            Command::Quit => "Salir",
            Command::Help => "Ayuda: todas las teclas",
            Command::Palette => "Paleta de comandos",
            Command::Back => "Volver, cancelar o limpiar filtros",
            Command::Up => "Subir",
            Command::Down => "Bajar",
            Command::PageUp => "Página anterior",
            Command::PageDown => "Página siguiente",
            Command::Home => "Al inicio",
            Command::End => "Al final",
            Command::Accept => "Abrir o aceptar",
            Command::Filter => "Filtrar por id, nombre, DNI o correo",
            Command::StatusTab(0) => "Ver todos los estados",
            Command::StatusTab(1) => "Ver Nuevo",
            Command::StatusTab(2) => "Ver En atención",
            Command::StatusTab(3) => "Ver Observado",
            Command::StatusTab(4) => "Ver Programado",
            Command::StatusTab(5) => "Ver Enviado",
            Command::StatusTab(6) => "Ver Aprobado",
            Command::StatusTab(7) => "Ver Rechazado",
            Command::StatusTab(8) => "Ver Cerrado",
            Command::StatusTab(_) => "Ver Anulado",
            Command::NextTab => "Estado siguiente",
            Command::PrevTab => "Estado anterior",
            Command::ToggleUrgent => "Solo cancelaciones urgentes (sí/no)",
            Command::CycleKind => "Filtrar por trámite (rota)",
            Command::ToggleSelect => "Marcar o desmarcar el ticket",
            Command::SelectAll => "Marcar todos los visibles (o ninguno)",
            Command::Take => "Atender",
            Command::Observe => "Observar (devolver para corrección)",
            Command::Schedule => "Programar para el envío a RENIEC",
            Command::Withdraw => "Anular",
            Command::Close => "Cerrar",
            Command::NewTicket => "Registrar un ticket nuevo",
            Command::Reload => "Volver a leer del almacén",
            Command::Yes => "Sí",
            Command::No => "No",
            Command::SwitchChoice => "Cambiar entre Sí y No",
            Command::NextField => "Campo siguiente",
            Command::PrevField => "Campo anterior",
            Command::ToggleItem => "Marcar o desmarcar el motivo",
            Command::Save => "Guardar",
            Command::AddApplicant => "Agregar otro solicitante",
            Command::Views => "Vistas guardadas",
            Command::LoadView(_) => "Abrir la vista de esa tecla",
            Command::SaveView => "Guardar la vista actual aquí",
            Command::ChooseColumns => "Elegir columnas",
            Command::SortNext => "Ordenar por la columna siguiente",
            Command::SortReverse => "Invertir el orden",
            Command::PrevTicket => "Ticket anterior de la cola",
            Command::NextTicket => "Ticket siguiente de la cola",
            Command::Batches => "Lotes de envío a RENIEC",
            Command::SwitchPane => "Cambiar de panel (envíos / tickets del lote)",
            Command::Seal => "Sellar el lote (fija su contenido)",
            Command::Export => "Exportar el lote sellado (carpeta y zip)",
            Command::MarkSent => "Marcar el lote como enviado a RENIEC",
            Command::Approve => "RENIEC aprobó el ticket (con fecha)",
            Command::Reject => "RENIEC rechazó el ticket (con motivo)",
            Command::ImportOutcomes => "Importar la respuesta de RENIEC (CSV)",
            Command::Screen(c) => super::screens::command(c),
            Command::Audit => "Auditoría: quién hizo qué (supervisor)",
        }
    }
    /// Short word for the footer hints.
    pub fn hint(c: Command) -> &'static str {
        match c {
            Command::Accept => "abrir",
            Command::Filter => "filtrar",
            Command::Take => "atender",
            Command::Observe => "observar",
            Command::Schedule => "programar",
            Command::Withdraw => "anular",
            Command::Close => "cerrar",
            Command::ToggleSelect => "marcar",
            Command::Help => "ayuda",
            Command::Quit => "salir",
            Command::Back => "volver",
            Command::NextField => "siguiente",
            Command::PrevField => "anterior",
            Command::Save => "guardar",
            Command::AddApplicant => "otro solicitante",
            Command::Batches => "lotes",
            Command::SwitchPane => "panel",
            Command::Seal => "sellar",
            Command::Export => "exportar",
            Command::MarkSent => "enviado",
            Command::Approve => "aprobó",
            Command::Reject => "rechazó",
            Command::ImportOutcomes => "importar respuesta",
            Command::NextTab => "pestaña",
            Command::Reload => "releer",
            Command::NewTicket => "nuevo",
            Command::Screen(c) => super::screens::hint(c),
            other => command(other),
        }
    }
    pub fn scope_title(scope: Scope) -> &'static str {
        match scope {
            Scope::Global => "En todas las pantallas",
            Scope::Queue => "Cola de tickets",
            Scope::Ticket => "Ticket",
            Scope::Help => "Ayuda",
            Scope::Filter => "Mientras escribe el filtro",
            Scope::Palette => "Paleta de comandos",
            Scope::Confirm => "Confirmaciones",
            Scope::Reason => "Motivos (observar, anular)",
            Scope::Form => "Registro de ticket",
            Scope::Views => "Vistas guardadas",
            Scope::ViewName => "Nombre de la vista",
            Scope::Columns => "Columnas",
            Scope::Batch => "Lotes de envío a RENIEC",
            Scope::BatchInput => "Diálogos del lote (motivo, carpeta, fecha, archivo)",
            Scope::CloseForm => "Cerrar una instalación (medio y vencimiento)",
            Scope::Login => "Ingreso",
            Scope::Audit => "Auditoría",
            Scope::AuditFilter => "Mientras escribe el DNI (auditoría)",
            other => super::screens::scope_title(other),
        }
    }
    pub fn help_status_tabs() -> &'static str {
        "Ver un estado (0 todos, 1 Nuevo … 9 Anulado)"
    }
    pub fn key_space() -> &'static str {
        "Espacio"
    }
    pub fn key_home() -> &'static str {
        "Inicio"
    }
    pub fn key_end() -> &'static str {
        "Fin"
    }
    pub fn yes() -> &'static str {
        "Sí"
    }
    pub fn no() -> &'static str {
        "No"
    }
    pub fn too_small(w: u16, h: u16) -> String {
        format!("La terminal es muy pequeña ({w}×{h}); se necesita al menos 80×24.")
    }
    pub fn too_small_hint() -> &'static str {
        "Agrande la ventana o reduzca la letra; q sale."
    }
    pub fn next_dispatch_label() -> &'static str {
        "Próximo envío a RENIEC: "
    }
    pub fn remaining(countdown: &str) -> String {
        format!("faltan {countdown}")
    }
    pub fn countdown_days(days: i64, hours: i64) -> String {
        format!("{days} d {hours} h")
    }
    pub fn countdown_hours(hours: i64, minutes: i64) -> String {
        format!("{hours} h {minutes} min")
    }
    pub fn countdown_minutes(minutes: i64) -> String {
        format!("{minutes} min")
    }
    /// After the countdown when a holiday moved the dispatch earlier.
    pub fn moved_mark() -> &'static str {
        " · por feriado"
    }
    pub fn tab_all() -> &'static str {
        "Todos"
    }
    pub fn filter_label() -> &'static str {
        "Filtro: "
    }
    pub fn kind_filter_label() -> &'static str {
        "Trámite"
    }
    pub fn urgent_only() -> &'static str {
        "Solo urgentes"
    }
    pub fn shown_of(shown: usize, total: usize) -> String {
        format!("{shown} de {total}")
    }
    pub struct Columns {
        pub id: &'static str,
        pub arrival: &'static str,
        pub kind: &'static str,
        pub applicant: &'static str,
        pub dni: &'static str,
        pub status: &'static str,
        pub dispatch: &'static str,
        pub age: &'static str,
    }
    pub fn columns() -> Columns {
        Columns {
            id: "Ticket",
            arrival: "Llegada",
            kind: "Trámite",
            applicant: "Solicitante",
            dni: "DNI",
            status: "Estado",
            dispatch: "Envío",
            age: "Espera",
        }
    }
    pub fn loading() -> &'static str {
        "Cargando…"
    }
    pub fn empty_queue() -> &'static str {
        "No hay tickets que coincidan. Esc limpia los filtros."
    }
    pub fn busy() -> &'static str {
        "⏳"
    }
    pub fn error_prefix() -> &'static str {
        "✘ "
    }
    pub fn selected(n: usize) -> String {
        if n == 1 {
            "1 marcado".into()
        } else {
            format!("{n} marcados")
        }
    }
    pub fn filters_cleared() -> &'static str {
        "Filtros limpiados."
    }
    pub fn selection_cleared() -> &'static str {
        "Marcas quitadas."
    }
    pub fn nothing_selected() -> &'static str {
        "No hay ningún ticket bajo el cursor."
    }
    pub fn reloading() -> &'static str {
        "Leyendo el almacén…"
    }
    pub fn cancelled() -> &'static str {
        "Cancelado; no se cambió nada."
    }
    pub fn working(m: Move, n: usize) -> String {
        let verb = super::move_verb(m);
        if n == 1 {
            format!("Guardando ({verb})…")
        } else {
            format!("Guardando ({verb} {n} tickets)…")
        }
    }
    pub fn moved(id: &str, status: Status) -> String {
        format!("{id}: {}", super::status_label(status))
    }
    pub fn moved_many(n: usize, status: Status) -> String {
        format!(
            "{}: {}",
            super::words::plural(n, "ticket", "tickets"),
            super::status_label(status)
        )
    }
    pub fn will_dispatch(when: &str) -> String {
        format!(" · se enviará a RENIEC el {when}")
    }
    pub fn confirm_schedule_title(id: &str) -> String {
        format!(" ¿Programar {id}? ")
    }
    pub fn confirm_schedule_many(n: usize) -> String {
        format!(
            " ¿Programar {}? ",
            super::words::plural(n, "ticket", "tickets")
        )
    }
    pub fn not_batched(kind: Kind) -> String {
        match kind {
            Kind::Instalacion => "las instalaciones no se envían a RENIEC".into(),
            _ => format!(
                "{} no va en el envío semanal a RENIEC",
                super::kind_label(kind)
            ),
        }
    }
    pub fn confirm_close_title(id: &str) -> String {
        format!(" ¿Cerrar {id}? ")
    }
    pub fn confirm_close_line(kind: Kind) -> &'static str {
        match kind {
            Kind::Instalacion => "El certificado quedó instalado. Cerrar no se puede deshacer.",
            Kind::Cancelacion => "La cancelación quedó hecha. Cerrar no se puede deshacer.",
            _ => "La respuesta de RENIEC ya se atendió. Cerrar no se puede deshacer.",
        }
    }
    pub fn confirm_withdraw_title(id: &str) -> String {
        format!(" ¿Anular {id}? No se puede deshacer. Motivos: ")
    }
    pub fn confirm_hint() -> &'static str {
        "s sí · n no · ←→ cambiar"
    }
    pub fn observe_reasons() -> &'static [&'static str] {
        &[
            "La foto no es frontal o tiene lentes",
            "La foto no es actual o no es nítida",
            "La firma no está completa ni centrada",
            "La fecha de emisión del DNI no coincide con el documento",
            "El correo debe ser el institucional",
            "Falta la constancia de pago o no corresponde",
        ]
    }
    pub fn withdraw_reasons() -> &'static [&'static str] {
        &[
            "El solicitante desistió del trámite",
            "Ticket duplicado",
            "Registrado por error",
        ]
    }
    pub fn reason_title(m: Move, id: &str) -> String {
        match m {
            Move::Observe => format!(" Observar {id}: ¿qué debe corregir? "),
            _ => format!(" Anular {id}: ¿por qué? "),
        }
    }
    pub fn other_reason_label() -> &'static str {
        "Otro motivo (texto libre):"
    }
    pub fn other_reason_placeholder() -> &'static str {
        "Escriba aquí…"
    }
    pub fn reason_hint() -> &'static str {
        "Espacio marca · Tab lista/texto · Enter guardar · Esc cancelar"
    }
    pub fn reason_missing() -> &'static str {
        "Marque al menos un motivo o escriba uno."
    }
    pub fn palette_title() -> &'static str {
        " Comandos (escriba para buscar) "
    }
    pub fn palette_empty() -> &'static str {
        "Ningún comando coincide."
    }
    pub fn help_title() -> &'static str {
        " Ayuda: teclas "
    }
    pub fn help_footer() -> &'static str {
        " Esc o ? cierra · ↑↓ RePág AvPág desplazan "
    }
    pub fn urgent_banner() -> &'static str {
        "⚠ URGENTE: posible compromiso de la clave, atender hoy"
    }
    pub fn updated_label() -> &'static str {
        "Última modificación"
    }
    pub fn dni_label() -> &'static str {
        "DNI"
    }
    pub fn email_label() -> &'static str {
        "Correo"
    }
    pub fn not_an_image() -> &'static str {
        "no es una imagen legible"
    }
    pub fn bytes(n: u64) -> String {
        if n >= 1_000_000 {
            format!("{:.1} MB", n as f64 / 1_000_000.0)
        } else if n >= 1_000 {
            format!("{:.1} kB", n as f64 / 1_000.0)
        } else {
            format!("{n} bytes")
        }
    }
    pub fn receipt(op: &str, paid_on: NaiveDate, cents: u32, tribute: &str, ruc: &str) -> String {
        format!(
            "op. {op} · {} · S/ {}.{:02} · tributo {tribute} · RUC {ruc}",
            paid_on.format("%d/%m/%Y"),
            cents / 100,
            cents % 100
        )
    }
    pub fn receipt_missing(op: &str) -> String {
        format!("op. {op} (constancia no encontrada)")
    }
    pub fn check_pass() -> &'static str {
        "✔"
    }
    pub fn check_fail() -> &'static str {
        "✘"
    }
    pub fn form_title() -> &'static str {
        "Registrar ticket a nombre de un solicitante"
    }
    pub fn form_applicant(n: usize) -> String {
        format!("Solicitante {n}")
    }
    pub fn form_field(column: &str, kind: Kind) -> &'static str {
        match column {
            "kind" => "Trámite (←→)",
            "motive" => "Motivo (letra)",
            "certificate" => "Certificado",
            "full_name" if !kind.spec().needs_applicants => "Suscriptor: nombre completo",
            "full_name" => "Nombre completo",
            "dni" => "DNI",
            "dni_issued_on" => "Emisión del DNI (dd/mm/aaaa)",
            "email" => "Correo institucional",
            "photo" => "Foto (ruta del archivo)",
            "signature" => "Firma (ruta del archivo)",
            "cert_expires_on" => "Vence certificado actual",
            "payment_operation" => "Pago: n.º de operación",
            "payment_date" => "Pago: fecha",
            "payment_amount" => "Pago: monto (8.10)",
            _ => "?",
        }
    }
    pub fn form_invalid(n: usize) -> String {
        if n == 1 {
            "No se puede guardar: 1 campo por corregir.".into()
        } else {
            format!("No se puede guardar: {n} campos por corregir.")
        }
    }
    pub fn form_saving() -> &'static str {
        "Registrando…"
    }
    pub fn form_discard_title() -> &'static str {
        " ¿Descartar el registro? "
    }
    pub fn form_discard_question() -> &'static str {
        "Hay datos sin guardar. s descarta; cualquier otra tecla vuelve."
    }
    pub fn form_discarded() -> &'static str {
        "Registro descartado."
    }
    pub fn column_name(c: crate::tui::saved::Column) -> &'static str {
        use crate::tui::saved::Column;
        match c {
            Column::Arrival => "Llegada",
            Column::Kind => "Trámite",
            Column::Applicant => "Solicitante",
            Column::Dni => "DNI",
            Column::Status => "Estado",
            Column::Dispatch => "Envío a RENIEC",
            Column::Age => "Espera",
        }
    }
    pub fn sort_label() -> &'static str {
        "Orden"
    }
    pub fn newest_first() -> &'static str {
        "Más recientes primero"
    }
    pub fn views_title(actor: &str) -> String {
        format!(" Vistas guardadas de {actor} ")
    }
    pub fn view_free() -> &'static str {
        "(libre)"
    }
    pub fn view_name_prompt() -> &'static str {
        "Nombre"
    }
    pub fn views_hint() -> &'static str {
        "1-9 abre · ↑↓ elige · g guarda aquí la vista actual · Esc cierra"
    }
    pub fn columns_title() -> &'static str {
        " Columnas "
    }
    pub fn columns_hint() -> &'static str {
        "Espacio muestra/oculta · Esc cierra"
    }
    pub fn view_saved(name: &str, slot: u8) -> String {
        format!("Vista «{name}» guardada en la tecla {slot} (v {slot} la abre).")
    }
    pub fn view_loaded(name: &str) -> String {
        format!("Vista «{name}».")
    }
    pub fn view_empty(slot: u8) -> String {
        format!("La tecla {slot} no tiene una vista guardada.")
    }
    pub fn view_name_missing() -> &'static str {
        "Escriba un nombre para la vista."
    }
    pub fn registered(id: &str) -> String {
        format!("Se registró el ticket {id}.")
    }
}

/// The console's batch screen and its dialogs.
pub mod batch_screen {
    use chrono::NaiveDate;

    use crate::domain::Status;

    pub fn title() -> &'static str {
        "Lotes de envío a RENIEC"
    }
    pub struct MomentColumns {
        pub when: &'static str,
        pub moved: &'static str,
        pub state: &'static str,
        pub tickets: &'static str,
        pub problems: &'static str,
        pub per_kind: &'static str,
    }
    pub fn moment_columns() -> MomentColumns {
        MomentColumns {
            when: "Envío",
            moved: "Feriado",
            state: "Estado",
            tickets: "Tickets",
            problems: "",
            per_kind: "Por trámite y motivo",
        }
    }
    pub struct TicketColumns {
        pub id: &'static str,
        pub kind: &'static str,
        pub applicant: &'static str,
        pub dni: &'static str,
        pub status: &'static str,
    }
    pub fn ticket_columns() -> TicketColumns {
        TicketColumns {
            id: "Ticket",
            kind: "Trámite",
            applicant: "Solicitante",
            dni: "DNI",
            status: "Estado",
        }
    }
    /// A dispatch moved off a holiday: which day it would have been.
    pub fn moved_from(nominal: NaiveDate) -> String {
        use chrono::Datelike;
        format!(
            "feriado {} {}",
            super::weekday_short(nominal.weekday()),
            nominal.format("%d/%m")
        )
    }
    pub fn moved_short() -> &'static str {
        "feriado"
    }
    pub fn problems_short(n: usize, wide: bool) -> String {
        if wide {
            format!("✘ {n} problema{}", if n == 1 { "" } else { "s" })
        } else {
            format!("✘{n}")
        }
    }
    pub fn state_open() -> &'static str {
        "abierto"
    }
    pub fn state_due() -> &'static str {
        "por sellar"
    }
    pub fn state_sealed() -> &'static str {
        "sellado"
    }
    pub fn state_sent() -> &'static str {
        "enviado"
    }
    pub fn sealed_by(when: &str, by: &str) -> String {
        format!("sellado {when} por {by}")
    }
    pub fn sent_on(when: &str) -> String {
        format!("enviado {when}")
    }
    pub fn early(reason: &str) -> String {
        format!("antes del corte: {reason}")
    }
    pub fn cut_off_in(countdown: &str) -> String {
        format!("corte en {countdown}")
    }
    pub fn no_tickets() -> &'static str {
        "Ningún ticket programado para este envío."
    }
    pub fn problems_heading(n: usize) -> String {
        format!("Impiden sellar ({n}) · Enter abre el ticket:")
    }
    pub fn ready() -> &'static str {
        "✔ Listo para sellar: ningún problema."
    }
    pub fn already_sealed(id: &str) -> String {
        format!("El lote {id} ya está sellado; su contenido no cambia.")
    }
    pub fn blocked(n: usize) -> String {
        format!(
            "No se puede sellar: {n} problema{} en la lista; Enter abre el ticket.",
            if n == 1 { "" } else { "s" }
        )
    }
    pub fn seal_title(id: &str) -> String {
        format!(" ¿Sellar {id}? ")
    }
    pub fn seal_what(n: usize, when: &str) -> String {
        format!(
            "{n} ticket{} para el envío del {when}.",
            if n == 1 { "" } else { "s" }
        )
    }
    pub fn seal_early_reason(reason: &str) -> String {
        format!("Se sella antes del corte. Motivo: {reason}")
    }
    pub fn seal_final() -> &'static str {
        "Sellar fija el contenido del lote y no se puede deshacer."
    }
    pub fn seal_first(id: &str) -> String {
        format!("El lote {id} aún no está sellado: séllelo primero (s).")
    }
    pub fn mark_sent_title(id: &str) -> String {
        format!(" ¿Marcar {id} como enviado a RENIEC? ")
    }
    pub fn mark_sent_what(n: usize) -> String {
        format!(
            "Sus {n} ticket{} pasan a «Enviado» y cada solicitante recibe un correo.",
            if n == 1 { "" } else { "s" }
        )
    }
    pub fn mark_sent_final() -> &'static str {
        "Hágalo cuando el lote ya salió hacia RENIEC; no se puede deshacer."
    }
    pub fn pick_a_ticket() -> &'static str {
        "Elija un ticket del lote (Tab, luego ↑↓) para registrar la respuesta de RENIEC."
    }
    pub fn not_awaiting(id: &str, status: Status) -> String {
        format!(
            "{id} está en {}: solo se registra la respuesta de RENIEC de tickets de un lote marcado como enviado.",
            super::status_label(status)
        )
    }
    // Dialog texts come as lines of at most 70 characters: a dialog is 72
    // wide and its lines are not wrapped.
    pub fn early_title(id: &str) -> String {
        format!(" Sellar {id} antes del corte ")
    }
    pub fn early_text(when: &str, n: usize) -> Vec<String> {
        vec![
            format!("El envío del {when} aún no llega."),
            format!(
                "Sellar ahora fija sus {n} ticket{}; lo que se programe después",
                if n == 1 { "" } else { "s" }
            ),
            "irá al envío siguiente.".into(),
        ]
    }
    pub fn early_label() -> &'static str {
        "Motivo para sellar antes (obligatorio):"
    }
    pub fn early_reason_missing() -> &'static str {
        "Escriba el motivo para sellar antes de la hora de corte."
    }
    pub fn export_title(id: &str) -> String {
        format!(" Exportar {id} ")
    }
    pub fn export_text(id: &str) -> Vec<String> {
        vec![
            format!("Se escriben la carpeta {id}/ y {id}.zip:"),
            "solicitudes (XLSX y CSV), fotos y firmas por DNI, pagos y".into(),
            "MANIFEST.sha256. Exportar otra vez da los mismos archivos.".into(),
        ]
    }
    pub fn export_label() -> &'static str {
        "Carpeta de destino:"
    }
    pub fn folder_missing() -> &'static str {
        "Escriba la carpeta de destino."
    }
    pub fn approve_title(id: &str) -> String {
        format!(" RENIEC aprobó {id} ")
    }
    pub fn approve_text() -> Vec<String> {
        vec![
            "Desde esa fecha corren los 30 días para descargar el certificado;".into(),
            "el solicitante recibe un correo con el plazo.".into(),
        ]
    }
    pub fn approve_label() -> &'static str {
        "Fecha de aprobación (DD/MM/AAAA):"
    }
    pub fn bad_date(why: &str) -> String {
        format!("fecha de aprobación: {why}")
    }
    pub fn reject_title(id: &str) -> String {
        format!(" RENIEC rechazó {id} ")
    }
    pub fn reject_text() -> Vec<String> {
        vec!["El motivo queda en el historial y se envía al solicitante.".into()]
    }
    pub fn reject_label() -> &'static str {
        "Motivo del rechazo (obligatorio):"
    }
    pub fn reject_reason_missing() -> &'static str {
        "Escriba el motivo del rechazo que indicó RENIEC."
    }
    pub fn import_title() -> &'static str {
        " Importar la respuesta de RENIEC "
    }
    pub fn import_text() -> Vec<String> {
        vec![
            "CSV con columnas ticket,result,date,reason (aprobado o rechazado).".into(),
            "Una fila mala rechaza todo el archivo. La ruta es relativa a la".into(),
            "carpeta donde se abrió mesa.".into(),
        ]
    }
    pub fn import_label() -> &'static str {
        "Archivo CSV:"
    }
    pub fn file_missing() -> &'static str {
        "Escriba la ruta del archivo CSV."
    }
    pub fn dialog_hint() -> &'static str {
        "Enter aceptar · Esc cancelar"
    }
}

/// The console's dialog for closing an installation ticket.
pub mod close_dialog {
    use crate::domain::certificate::CloseDetails;

    pub fn title(id: &str) -> String {
        format!(" Cerrar la instalación {id} ")
    }
    pub fn medium_label() -> &'static str {
        "Medio donde quedó instalado el certificado:"
    }
    pub fn expiry_label() -> &'static str {
        "Vence el certificado (DD/MM/AAAA, si se conoce):"
    }
    pub fn expiry_placeholder() -> &'static str {
        "vacío si aún no se conoce"
    }
    pub fn hint() -> &'static str {
        "↑↓ o 1-3 medio · Tab vencimiento · Enter seguir · Esc cancelar"
    }
    pub fn medium_missing() -> &'static str {
        "medio: elija PC, token o tarjeta inteligente (↑↓ o 1-3)"
    }
    pub fn bad_expiry(why: &str) -> String {
        format!("vencimiento: {why}")
    }
    pub fn summary(d: &CloseDetails) -> String {
        let medium = d.medium.map(super::registry::medium_label).unwrap_or("—");
        match d.expires_on {
            Some(e) => format!("Medio: {medium} · vence el {}", e.format("%d/%m/%Y")),
            None => format!("Medio: {medium} · vencimiento no indicado"),
        }
    }
}

/// The certificate expiry reminder (`vencimiento_certificado`).
pub mod expiry_mail {
    use chrono::NaiveDate;

    use super::mail::long_day;
    use crate::domain::certificate::Certificate;

    pub fn subject(id: &str, expires: NaiveDate) -> String {
        format!(
            "Su certificado digital {id} vence el {}: solicite su renovación",
            expires.format("%d/%m/%Y")
        )
    }
    pub fn intro(c: &Certificate) -> String {
        let medium = c
            .medium
            .map(|m| format!(", instalado en {}", super::registry::medium_label(m)))
            .unwrap_or_default();
        format!(
            "Le recordamos que su certificado digital {}{medium}, vence pronto. Cuando venza ya no servirá para firmar ni autenticarse.",
            c.id
        )
    }
    pub fn left(days_left: i64, expires: NaiveDate) -> String {
        match days_left {
            0 => format!("Vence hoy, {}.", long_day(expires)),
            1 => format!("Le queda 1 día: vence el {}.", long_day(expires)),
            n => format!("Le quedan {n} días: vence el {}.", long_day(expires)),
        }
    }
    pub fn how() -> String {
        "Para seguir firmando sin interrupción, solicite su renovación en la Mesa de Servicio: es una reemisión, motivo a (renovación), y no requiere pago.".into()
    }
    pub fn when_sent(
        dispatch_on: NaiveDate,
        held_until: Option<NaiveDate>,
        lead_days: i64,
    ) -> String {
        let mut text = format!(
            "Si la solicita hoy y está completa, se enviará a RENIEC el {}.",
            long_day(dispatch_on)
        );
        if let Some(latest) = held_until {
            text.push_str(&format!(
                " Por la regla de los {lead_days} días, una renovación no se envía antes de tiempo: va en el último envío semanal hasta el {} ({lead_days} días antes del vencimiento).",
                latest.format("%d/%m/%Y")
            ));
        }
        text
    }
    pub fn done() -> &'static str {
        "Si ya solicitó la renovación, puede ignorar este mensaje."
    }
    pub fn bad_days(v: i64) -> String {
        format!("{v} no es válido: los días antes del vencimiento van de 1 a 365")
    }
}

/// SMTP over TLS: the desk's own certificate authority.
pub mod mail_tls {
    use std::path::Path;

    pub fn ca_unreadable(path: &Path, e: &std::io::Error) -> String {
        format!(
            "mail.smtp.ca_file: no se pudo leer {}: {}",
            path.display(),
            super::words::io_error(e)
        )
    }
    pub fn ca_not_pem(path: &Path) -> String {
        format!(
            "mail.smtp.ca_file: {} no contiene ningún certificado PEM (-----BEGIN CERTIFICATE-----)",
            path.display()
        )
    }
    pub fn ca_invalid(path: &Path, why: &str) -> String {
        format!(
            "mail.smtp.ca_file: {} no es un certificado válido: {why}",
            path.display()
        )
    }
}

pub mod screens {
    //! The registry screens of the console: the outbox, people,
    //! certificates and reports.

    use crate::tui::keymap::Scope;
    use crate::tui::screens::ScreenCmd;

    pub fn command(c: ScreenCmd) -> &'static str {
        match c {
            ScreenCmd::Outbox => "Bandeja de correo (pendientes, fallidos…)",
            ScreenCmd::Retry => "Reintentar el correo elegido (fallido o pendiente)",
            ScreenCmd::People => "Directorio de personas (buscar, ver, editar)",
            ScreenCmd::Search => "Buscar por nombre, DNI, correo, cargo o unidad",
            ScreenCmd::Edit => "Editar los datos de la persona",
            ScreenCmd::Certs => "Certificados: vencimientos y descargas",
            ScreenCmd::Renew => "Registrar la renovación que necesita el certificado",
            ScreenCmd::Reports => "Informes (semanas, medianas, vencimientos)",
            ScreenCmd::Range => "Elegir el rango de fechas del informe",
            ScreenCmd::OpenTicket => "Abrir su ticket (el más reciente); Esc vuelve aquí",
            ScreenCmd::Correct => super::correction::key_help(),
        }
    }
    /// Short word for the footer hints.
    pub fn hint(c: ScreenCmd) -> &'static str {
        match c {
            ScreenCmd::Outbox => "correo",
            ScreenCmd::Retry => "reintentar",
            ScreenCmd::People => "personas",
            ScreenCmd::Search => "buscar",
            ScreenCmd::Edit => "editar",
            ScreenCmd::Certs => "certificados",
            ScreenCmd::Renew => "renovar",
            ScreenCmd::Reports => "informes",
            ScreenCmd::Range => "fechas",
            ScreenCmd::OpenTicket => "ticket",
            ScreenCmd::Correct => super::correction::key_hint(),
        }
    }
    pub fn scope_title(scope: Scope) -> &'static str {
        match scope {
            Scope::Outbox => "Bandeja de correo",
            Scope::People => "Personas",
            Scope::Search => "Mientras escribe la búsqueda",
            Scope::Edit => "Formularios (persona, constancia de pago, fechas)",
            Scope::Certs => "Certificados",
            Scope::Reports => "Informes",
            _ => "",
        }
    }

    // --- the outbox ---
    pub fn outbox_title() -> &'static str {
        "Bandeja de correo"
    }
    pub fn sender_running(description: &str) -> String {
        format!("se envía mientras la consola está abierta · {description}")
    }
    pub fn sender_off() -> &'static str {
        "esta consola no envía correos: salen con «mesa mail flush»"
    }
    pub fn sender_failed(why: &str) -> String {
        format!("no se envían correos: {why}")
    }
    pub fn outbox_tab(tab: crate::tui::outbox::Tab) -> &'static str {
        use crate::tui::outbox::Tab;
        match tab {
            Tab::Pending => "Pendientes",
            Tab::Failed => "Fallidos",
            Tab::Sent => "Enviados",
            Tab::All => "Todos",
        }
    }
    pub fn outbox_empty(tab: crate::tui::outbox::Tab) -> &'static str {
        use crate::tui::outbox::Tab;
        match tab {
            Tab::Pending => "No hay correos pendientes.",
            Tab::Failed => "No hay correos fallidos.",
            Tab::Sent => "Aún no se envió ningún correo.",
            Tab::All => "La bandeja de salida está vacía.",
        }
    }
    pub struct OutboxColumns {
        pub status: &'static str,
        pub event: &'static str,
        pub ticket: &'static str,
        pub to: &'static str,
        pub subject: &'static str,
        pub attempts: &'static str,
    }
    pub fn outbox_columns() -> OutboxColumns {
        OutboxColumns {
            status: "Estado",
            event: "Evento",
            ticket: "Ticket",
            to: "Para",
            subject: "Asunto",
            attempts: "Int",
        }
    }
    /// The header of the time column under a tab.
    pub fn outbox_when(tab: crate::tui::outbox::Tab) -> &'static str {
        use crate::tui::outbox::Tab;
        match tab {
            Tab::Pending => "Próximo intento",
            Tab::Sent => "Enviado",
            Tab::Failed | Tab::All => "Cuándo",
        }
    }
    pub fn due_now() -> &'static str {
        "ahora"
    }
    pub fn event_label(code: &str) -> &'static str {
        match code {
            "programado" => "Programado",
            "observado" => "Observado",
            "enviado" => "Enviado",
            "aprobado" => "Aprobado",
            "rechazado" => "Rechazado",
            "cancelado" => "Cancelado",
            "recordatorio_descarga" => "Recordatorio",
            "plazo_vencido" => "Plazo vencido",
            "correccion_recibida" => "Corrección",
            _ => "Otro",
        }
    }
    pub fn to_label() -> &'static str {
        "Para"
    }
    pub fn subject_label() -> &'static str {
        "Asunto"
    }
    pub fn message_line(ticket: &str, event: &str, created: &str, attempts: u32) -> String {
        format!("Ticket {ticket} · {event} · creado {created} · intentos: {attempts}")
    }
    pub fn pending_line(when: &str) -> String {
        format!("Pendiente: próximo intento {when}")
    }
    pub fn sent_line(when: &str) -> String {
        format!("Enviado: {when}")
    }
    pub fn failed_line() -> &'static str {
        "Fallido: no se reintenta solo; r lo vuelve a poner en cola"
    }
    pub fn reply_label() -> &'static str {
        "Respuesta del servidor"
    }
    pub fn no_message() -> &'static str {
        "No hay un correo elegido."
    }
    pub fn retried(name: &str, to: &str, sender_running: bool) -> String {
        if sender_running {
            format!("Correo para {name} <{to}> de nuevo en cola: se intenta ahora.")
        } else {
            format!("Correo para {name} <{to}> de nuevo en cola: saldrá con «mesa mail flush».")
        }
    }

    // --- people ---
    pub fn people_title(n: usize) -> String {
        format!(
            "Directorio de personas · {}",
            super::registry::people_count(n)
        )
    }
    pub fn search_label() -> &'static str {
        "Buscar: "
    }
    pub fn search_hint() -> &'static str {
        "/ busca por nombre, DNI, correo, cargo o unidad"
    }
    pub fn shown_of(shown: usize, total: usize) -> String {
        format!("{shown} de {total}")
    }
    pub fn no_people_loaded() -> &'static str {
        "El directorio está vacío: «mesa people import ARCHIVO.csv» lo llena."
    }
    pub struct PeopleColumns {
        pub dni: &'static str,
        pub name: &'static str,
        pub job_title: &'static str,
        pub unit: &'static str,
        pub email: &'static str,
    }
    pub fn people_columns() -> PeopleColumns {
        PeopleColumns {
            dni: "DNI",
            name: "Nombre",
            job_title: "Cargo",
            unit: "Unidad orgánica",
            email: "Correo",
        }
    }
    pub fn no_person() -> &'static str {
        "No hay una persona elegida."
    }
    pub fn card_title(name: &str, dni: &str) -> String {
        format!("{name} · DNI {dni}")
    }
    pub fn started_label() -> &'static str {
        "En el cargo desde"
    }
    pub fn certs_heading(n: usize) -> String {
        format!("Certificados ({n})")
    }
    pub fn tickets_heading(n: usize) -> String {
        format!("Tickets ({n})")
    }
    pub fn none_yet() -> &'static str {
        "ninguno"
    }
    pub fn registered_on(day: &str) -> String {
        format!("registrado el {day}")
    }
    pub fn edit_person_title(name: &str) -> String {
        format!(" Editar: {name} ")
    }
    pub fn edit_person_note(dni: &str) -> String {
        format!("DNI {dni} (no cambia). Mismas reglas que la importación.")
    }
    pub fn edit_cancelled() -> &'static str {
        "Edición cancelada: no se guardó nada."
    }
    pub fn saving() -> &'static str {
        "Guardando…"
    }
    pub fn not_saved(problems: &[String]) -> String {
        format!("No se guardó nada. {}", problems.join(" · "))
    }
    /// One line about a certificate: id, status, medium and owner, dates.
    pub fn cert_summary(r: &crate::desk::registry::CertRow) -> String {
        use super::registry::{medium_label, owner_label, status_label};
        let c = &r.cert;
        let mut parts = vec![c.id.clone(), status_label(r.status).to_string()];
        match c.medium {
            Some(m) => parts.push(format!("{} {}", medium_label(m), owner_label(c.owner))),
            None => parts.push(owner_label(c.owner).to_string()),
        }
        parts.push(format!("aprobado el {}", c.approved_on.format("%d/%m/%Y")));
        if let Some(e) = c.expires_on {
            parts.push(format!("vence el {}", e.format("%d/%m/%Y")));
        }
        parts.join(" · ")
    }
    pub fn form_hint() -> &'static str {
        "Tab/↓ siguiente · Shift-Tab/↑ anterior · Enter o Ctrl-s guarda · Esc cancela"
    }

    // --- certificates ---
    pub fn certs_title(n: usize) -> String {
        format!("Certificados · {}", super::registry::certs_count(n))
    }
    pub fn certs_tab(tab: crate::tui::certs::Tab) -> &'static str {
        use crate::tui::certs::Tab;
        match tab {
            Tab::Expiring => "Vencen en 60 días",
            Tab::Download => "Descarga (30 días)",
            Tab::All => "Todos",
        }
    }
    pub fn certs_empty(tab: crate::tui::certs::Tab) -> &'static str {
        use crate::tui::certs::Tab;
        match tab {
            Tab::Expiring => "Ningún certificado instalado vence en los próximos 60 días.",
            Tab::Download => "Ningún certificado espera su descarga.",
            Tab::All => "El registro de certificados está vacío: RENIEC aún no aprobó nada.",
        }
    }
    pub struct CertColumns {
        pub id: &'static str,
        pub holder: &'static str,
        pub dni: &'static str,
        pub status: &'static str,
        pub term: &'static str,
        pub renewal: &'static str,
    }
    pub fn cert_columns() -> CertColumns {
        CertColumns {
            id: "Certificado",
            holder: "Titular",
            dni: "DNI",
            status: "Estado",
            term: "Plazo",
            renewal: "Renovación",
        }
    }
    pub fn expires_in(days: i64) -> String {
        format!("vence en {days} d")
    }
    pub fn days_left(days: i64) -> String {
        format!("quedan {days} d")
    }
    pub fn lapsed_on(day: &str) -> String {
        format!("✗ plazo venció {day}")
    }
    pub fn cancelled_on(day: &str) -> String {
        format!("cancelado {day}")
    }
    pub fn expired_on(day: &str) -> String {
        format!("venció {day}")
    }
    pub fn offer_cell(what: &str, paid: bool) -> String {
        if paid {
            format!("→ {what} S/ 8.10")
        } else {
            format!("→ {what}")
        }
    }
    pub fn holder_line(name: &str, dni: &str, email: &str) -> String {
        format!("Titular: {name} · DNI {dni} · {email}")
    }
    /// How this screen registers a renewal, for the offer line.
    pub fn renew_key(_id: &str, paid: bool) -> String {
        if paid {
            "n pide la constancia de pago y la registra".into()
        } else {
            "n la registra".into()
        }
    }
    /// The same, seen from a person's card.
    pub fn renew_elsewhere(_id: &str, paid: bool) -> String {
        format!("en Certificados (C), {}", renew_key(_id, paid))
    }
    pub fn no_cert() -> &'static str {
        "No hay un certificado elegido."
    }
    pub fn renewing(id: &str) -> String {
        format!("Registrando la renovación de {id}…")
    }
    pub fn pay_title(id: &str) -> String {
        format!(" Constancia de pago: renovación de {id} ")
    }
    pub fn pay_operation() -> &'static str {
        "Número de operación"
    }
    pub fn pay_date() -> &'static str {
        "Fecha de pago"
    }
    pub fn pay_amount() -> &'static str {
        "Monto (S/)"
    }
    pub fn pay_note(what: &str, why: &str, tribute: &str, ruc: &str) -> String {
        format!(
            "{what} ({why}): pago de S/ 8.10, tributo {tribute}, a favor del RUC {ruc}. Se registra con los datos de su titular."
        )
    }
    pub fn renew_cancelled() -> &'static str {
        "No se registró la renovación."
    }
    pub fn not_registered(problems: &[String]) -> String {
        format!("No se registró nada. {}", problems.join(" · "))
    }
    pub fn would_leave(moment: &str, why: &str) -> String {
        format!("Si se programa hoy, sale a RENIEC el {moment} — {why}.")
    }

    // --- the queue ---
    /// The queue's dispatch cell of a ticket whose certificate awaits
    /// download: "↓4d" narrow, "↓ quedan 4 d" wide.
    pub fn download_left(days: i64, wide: bool) -> String {
        if wide {
            format!("↓ quedan {days} d")
        } else {
            format!("↓{days}d")
        }
    }

    // --- reports ---
    pub fn report_same_as_cli() -> &'static str {
        "las cifras de «mesa report»"
    }
    pub fn range_title() -> &'static str {
        " Rango del informe "
    }
    pub fn range_from() -> &'static str {
        "Desde"
    }
    pub fn range_to() -> &'static str {
        "Hasta"
    }
    pub fn range_note() -> &'static str {
        "Días de registro, ambos incluidos (AAAA-MM-DD o DD/MM/AAAA); vacío = sin límite."
    }
    pub fn range_backwards(from: chrono::NaiveDate, to: chrono::NaiveDate) -> String {
        format!(
            "debe ser igual o posterior a «Desde» ({}); «Hasta» es {}",
            from.format("%d/%m/%Y"),
            to.format("%d/%m/%Y")
        )
    }
    pub fn range_refused(problems: &[String]) -> String {
        format!("El rango no cambió. {}", problems.join(" · "))
    }
}

pub mod people {
    //! Editing a person of the directory (console and `mesa people edit`).

    use crate::domain::Problem;
    use crate::domain::person::PersonField;

    pub fn field_label(f: PersonField) -> &'static str {
        match f {
            PersonField::Dni => "DNI",
            PersonField::FullName => "Nombre completo",
            PersonField::Email => "Correo institucional",
            PersonField::JobTitle => "Cargo",
            PersonField::Unit => "Órgano o unidad orgánica",
            PersonField::Dependency => "Dependencia",
            PersonField::StartedOn => "Inicio en el cargo",
        }
    }
    /// The command-line option that sets a field.
    pub fn field_option(f: PersonField) -> &'static str {
        match f {
            PersonField::Dni => "DNI",
            PersonField::FullName => "--full-name",
            PersonField::Email => "--email",
            PersonField::JobTitle => "--job-title",
            PersonField::Unit => "--unit",
            PersonField::Dependency => "--dependency",
            PersonField::StartedOn => "--started-on",
        }
    }
    /// "Correo institucional: gmail.com es un correo personal; …"
    pub fn field_problem(f: PersonField, p: &Problem) -> String {
        format!("{}: {}", field_label(f), super::rule_text(&p.rule))
    }
    pub fn edit_problems(problems: &[(PersonField, Problem)]) -> String {
        let list: Vec<String> = problems
            .iter()
            .map(|(f, p)| format!("{} ({})", field_problem(*f, p), field_option(*f)))
            .collect();
        format!("no se guardó nada: {}", list.join("; "))
    }
    pub fn not_in_directory(dni: &str) -> String {
        format!("el DNI {dni} no está en el directorio de personas")
    }
    pub fn nothing_to_edit() -> &'static str {
        "indique al menos un dato a cambiar: --full-name, --email, --job-title, --unit, --dependency o --started-on"
    }
    pub fn edited(name: &str, dni: &str) -> String {
        format!("Se guardaron los datos de {name} (DNI {dni}).")
    }
}

/// Analysts and roles, the audit log, retention, backups and faults.
pub mod trust {
    use crate::domain::role::{Capability, NameProblem, Role};
    use crate::domain::{HistoryEntry, Ticket};

    pub fn role_label(r: Role) -> &'static str {
        match r {
            Role::Analista => "analista",
            Role::Supervisor => "supervisor",
        }
    }
    /// The action, as in "… es tarea del supervisor".
    pub fn capability(c: Capability) -> &'static str {
        match c {
            Capability::Work => "atender tickets",
            Capability::Seal => "sellar el lote semanal",
            Capability::Export => "exportar el lote",
            Capability::MarkSent => "marcar el lote como enviado a RENIEC",
            Capability::RecordOutcome => "registrar la respuesta de RENIEC",
            Capability::Purge => "depurar registros antiguos",
            Capability::ManageAnalysts => "administrar analistas",
            Capability::ReadAudit => "consultar la auditoría",
            Capability::Backup => "hacer o restaurar copias de seguridad",
        }
    }
    pub fn no_supervisor() -> &'static str {
        "este almacén aún no tiene supervisor: créelo con «mesa init --supervisor NOMBRE» \
         (o «mesa demo» para datos de demostración)"
    }
    pub fn no_name() -> &'static str {
        "indique quién trabaja: --as NOMBRE o la variable MESA_ANALYST"
    }
    pub fn unknown_analyst(name: &str, active: &[String]) -> String {
        format!(
            "«{name}» no es un analista de este almacén (activos: {}); un supervisor lo agrega con «mesa analyst add {name}»",
            if active.is_empty() {
                "ninguno".to_string()
            } else {
                active.join(", ")
            }
        )
    }
    pub fn disabled_analyst(name: &str) -> String {
        format!(
            "el analista {name} está desactivado; un supervisor lo reactiva con «mesa analyst enable {name}»"
        )
    }
    pub fn role_refused(name: &str, role: Role, c: Capability) -> String {
        format!(
            "{name} es {}: {} es tarea del supervisor",
            role_label(role),
            capability(c)
        )
    }
    pub fn name_empty() -> &'static str {
        "el nombre es obligatorio"
    }
    pub fn name_length() -> &'static str {
        "el nombre debe tener de 2 a 32 caracteres"
    }
    pub fn name_first_letter() -> &'static str {
        "el nombre debe empezar con una letra"
    }
    pub fn name_character(c: char) -> String {
        format!("el nombre solo admite letras, dígitos, «.», «_» y «-» (no «{c}»)")
    }
    pub fn bad_name(p: &NameProblem) -> String {
        format!("nombre de analista: {p}")
    }
    pub fn analyst_exists(name: &str) -> String {
        format!("ya existe el analista {name}")
    }
    pub fn analyst_not_found(name: &str) -> String {
        format!("no existe el analista {name}")
    }
    pub fn last_supervisor(name: &str) -> String {
        format!(
            "{name} es el único supervisor activo: agregue otro supervisor antes de desactivarlo"
        )
    }
    pub fn already_initialized(supervisors: &[String]) -> String {
        format!(
            "este almacén ya tiene analistas (supervisor: {}); para agregar más use «mesa analyst add»",
            supervisors.join(", ")
        )
    }
    /// "Nuevo → En atención · motivo: …" for the audit log.
    pub fn move_detail(t: &Ticket, e: &HistoryEntry) -> String {
        let mut s = match e.from {
            Some(from) => format!(
                "{} → {}",
                super::status_label(from),
                super::status_label(e.to)
            ),
            None => format!(
                "registro: {} · {} · {}",
                super::kind_and_motive(t.kind, t.motive),
                super::words::plural(t.applicants.len(), "solicitante", "solicitantes"),
                super::status_label(e.to)
            ),
        };
        if !e.reasons.is_empty() {
            s.push_str(" · ");
            s.push_str(&e.reasons.join("; "));
        }
        s
    }
    pub fn seal_detail(b: &crate::domain::batch::Batch) -> String {
        let mut s = format!(
            "lote sellado con {}",
            super::words::plural(b.tickets.len(), "ticket", "tickets")
        );
        if let Some(r) = &b.early_reason {
            s.push_str(&format!(" · antes del corte: {r}"));
        }
        s
    }
    pub fn sent_detail(n: usize) -> String {
        format!(
            "lote enviado a RENIEC: {}",
            super::words::plural(n, "ticket", "tickets")
        )
    }
    pub fn people_detail(n: usize) -> String {
        format!(
            "directorio de personal: {} agregada{s} o reemplazada{s}",
            super::words::plural(n, "persona", "personas"),
            s = if n == 1 { "" } else { "s" }
        )
    }
    pub fn init_detail(name: &str) -> String {
        format!("primer uso: {name} queda como supervisor")
    }
    pub fn added_detail(name: &str, role: Role) -> String {
        format!("alta de {name} como {}", role_label(role))
    }
    pub fn disabled_detail(name: &str) -> String {
        format!("{name} desactivado")
    }
    pub fn enabled_detail(name: &str) -> String {
        format!("{name} reactivado")
    }
    pub fn initialized(name: &str, store: &std::path::Path) -> String {
        format!(
            "Almacén listo en {}: {name} es su supervisor. Trabaje con --as {name} (o MESA_ANALYST={name}).",
            store.display()
        )
    }
    pub fn unknown_role(v: &str) -> String {
        format!("«{v}» no es un rol (use analista o supervisor)")
    }
    pub fn added(name: &str, role: Role) -> String {
        format!("Se agregó a {name} como {}.", role_label(role))
    }
    pub fn disabled(name: &str) -> String {
        format!("Se desactivó a {name}: ya no puede ingresar.")
    }
    pub fn enabled(name: &str) -> String {
        format!("Se reactivó a {name}.")
    }
    pub fn analysts_header() -> &'static str {
        "ANALISTA             ROL         ESTADO       ALTA"
    }
    pub fn active() -> &'static str {
        "activo"
    }
    pub fn inactive() -> &'static str {
        "desactivado"
    }
    pub fn analysts_count(n: usize) -> String {
        super::words::plural(n, "analista", "analistas")
    }
    pub fn demo_detail(n: usize) -> String {
        format!(
            "datos de demostración: {} generado{}",
            super::words::plural(n, "ticket", "tickets"),
            if n == 1 { "" } else { "s" }
        )
    }
    pub fn export_detail(out: &std::path::Path, files: usize) -> String {
        format!(
            "exportación a {} ({})",
            out.display(),
            super::words::plural(files, "archivo", "archivos")
        )
    }
    pub fn read_detail(records: usize, people: usize) -> String {
        format!(
            "consulta: {}, {}",
            super::words::plural(records, "registro", "registros"),
            super::words::plural(people, "persona", "personas")
        )
    }
    /// What an audit entry's action code means.
    /// The audit subject of the console's bulk reads.
    pub fn console_people() -> &'static str {
        "consola: directorio de personas"
    }
    pub fn console_certs() -> &'static str {
        "consola: certificados"
    }
    pub fn action_label(code: &str) -> &str {
        use crate::domain::audit as a;
        match code {
            a::REGISTER => "registro",
            "take" => "atender",
            "observe" => "observar",
            "schedule" => "programar",
            "send" => "enviar a RENIEC",
            "approve" => "aprobado por RENIEC",
            "reject" => "rechazado por RENIEC",
            "close" => "cerrar",
            "withdraw" => "anular",
            a::SEAL => "sellar lote",
            a::BATCH_SENT => "lote enviado",
            a::EXPORT => "exportación",
            a::READ => "consulta",
            a::PEOPLE_IMPORT => "directorio de personal",
            a::PERSON_EDIT => "datos de una persona",
            a::INIT => "primer uso",
            a::ANALYST_ADD => "alta de analista",
            a::ANALYST_DISABLE => "baja de analista",
            a::ANALYST_ENABLE => "reactivación de analista",
            a::SIGN_IN_FAILED => "ingreso rechazado",
            a::PASSWORD_SET => "cambio de contraseña",
            a::PASSWORD_RESET => "contraseña asignada",
            a::LOGIN => "ingreso a la consola",
            a::PURGE => "depuración",
            a::DEMO => "datos de demostración",
            a::BACKUP => "copia de seguridad",
            a::RESTORE => "restauración",
            a::STORE_COPY => "copia del escritorio a otro almacén",
            "accept_head" => "testigo aceptado",
            other => other,
        }
    }
    pub fn no_entries() -> &'static str {
        "No hay entradas de auditoría."
    }
    pub fn entries_count(n: usize) -> String {
        super::words::plural(n, "entrada", "entradas")
    }
    pub fn verified(entries: u64, head: &str) -> String {
        format!(
            "Auditoría íntegra: {} sin alteraciones. Última: #{entries} · {head}",
            if entries == 1 {
                "1 entrada encadenada".to_string()
            } else {
                format!("{entries} entradas encadenadas")
            }
        )
    }
    /// "lun 23/11/2026 09:00 · mvasquez · atender T-2026-000001".
    pub fn entry_brief(e: &crate::domain::audit::AuditEntry, tz: chrono_tz::Tz) -> String {
        let l = e.at.with_timezone(&tz);
        format!(
            "{} {} · {} · {} {}",
            super::day(l.date_naive()),
            l.format("%H:%M"),
            e.by,
            action_label(&e.action),
            e.subject
        )
        .trim_end()
        .to_string()
    }
    pub fn broken(b: &crate::domain::audit::Broken, tz: chrono_tz::Tz) -> String {
        use crate::domain::audit::BreakKind;
        let what = match &b.why {
            BreakKind::Altered => {
                "su contenido cambió después de escrita (ya no corresponde a su hash)".to_string()
            }
            BreakKind::Unlinked => format!(
                "no sigue a la entrada #{}: esa entrada fue cambiada, quitada o reordenada",
                b.seq.saturating_sub(1)
            ),
            BreakKind::Missing { found } => {
                format!("falta (la siguiente guardada es la #{found})")
            }
            BreakKind::Unreadable(d) => format!("no se puede leer ({d})"),
            BreakKind::Truncated { recorded } => format!(
                "falta: la cadena termina en la #{} pero el almacén registró la #{} como última",
                b.seq.saturating_sub(1),
                recorded.seq
            ),
        };
        let brief = b
            .entry
            .as_ref()
            .map(|e| format!(" ({})", entry_brief(e, tz)))
            .unwrap_or_default();
        format!(
            "la auditoría está rota en la entrada #{}{brief}: {what}",
            b.seq
        )
    }
    pub fn restore_hint() -> &'static str {
        "Si tiene una copia de seguridad, reconstruya el almacén en un directorio nuevo con \
         «mesa restore ARCHIVO --store DIRECTORIO_NUEVO» (no se modifica el dañado)"
    }
    pub fn lost_entries(found: u64, recorded: u64) -> String {
        format!(
            "su base de datos llega hasta la entrada de auditoría #{found}, pero el almacén \
             ya había registrado la #{recorded}: se perdieron registros"
        )
    }
    pub fn backup_records() -> &'static str {
        "registros de la copia"
    }
    pub fn backup_cut() -> &'static str {
        "la copia está cortada"
    }
    pub fn backup_not_ours() -> &'static str {
        "no es una copia de seguridad de mesa"
    }
    pub fn backup_io(path: &std::path::Path, e: &std::io::Error) -> String {
        format!(
            "no se pudo usar {}: {}",
            path.display(),
            super::words::io_error(e)
        )
    }
    pub fn backup_exists(path: &std::path::Path) -> String {
        format!(
            "{} ya existe: elija otro nombre (una copia nunca reemplaza a otra)",
            path.display()
        )
    }
    pub fn backup_unusable(path: &std::path::Path, detail: &str) -> String {
        format!("la copia {} no se puede usar: {detail}", path.display())
    }
    pub fn backup_chain(path: &std::path::Path, broken: &str) -> String {
        format!("la copia {} no se puede usar: {broken}", path.display())
    }
    pub fn restore_target_used(path: &std::path::Path) -> String {
        format!(
            "{} no está vacío: restaure en un directorio nuevo (nunca se escribe sobre un almacén)",
            path.display()
        )
    }
    pub fn backup_part_missing(name: &str) -> String {
        format!("le falta {name}")
    }
    pub fn backup_part_altered(name: &str) -> String {
        format!(
            "{name} no coincide con su SHA-256 del manifiesto: la copia fue alterada o está dañada"
        )
    }
    pub fn backup_schema(found: u32, expected: u32) -> String {
        format!("es de la versión de esquema {found} y esta versión de mesa usa {expected}")
    }
    pub fn backup_counts() -> &'static str {
        "la cantidad de registros no coincide con el manifiesto"
    }
    pub fn backup_head() -> &'static str {
        "su cadena de auditoría no termina en la entrada que indica el manifiesto"
    }
    pub fn backup_detail(out: &std::path::Path) -> String {
        format!("copia de seguridad completa a {}", out.display())
    }
    pub fn restore_detail(from: &std::path::Path, entries: u64) -> String {
        format!(
            "almacén reconstruido desde {} ({} de auditoría {})",
            from.display(),
            super::words::plural(entries as usize, "entrada", "entradas"),
            super::words::noun(entries as usize, "verificada", "verificadas")
        )
    }
    pub fn backup_written(path: &std::path::Path, m: &crate::desk::backup::Manifest) -> String {
        format!(
            "Copia de seguridad en {}: {}, {}, {} de auditoría (última #{} · {}).",
            path.display(),
            super::words::plural(m.tickets() as usize, "ticket", "tickets"),
            super::words::plural(m.attachments.len(), "adjunto", "adjuntos"),
            super::words::plural(m.audit.seq as usize, "entrada", "entradas"),
            m.audit.seq,
            m.audit.hash
        )
    }
    pub fn backup_checked(path: &std::path::Path, m: &crate::desk::backup::Manifest) -> String {
        format!(
            "La copia {} está completa y verificada: {}, {}, {} de auditoría {} (hecha el {} por {}).",
            path.display(),
            super::words::plural(m.tickets() as usize, "ticket", "tickets"),
            super::words::plural(m.attachments.len(), "adjunto", "adjuntos"),
            super::words::plural(m.audit.seq as usize, "entrada", "entradas"),
            super::words::noun(m.audit.seq as usize, "encadenada", "encadenadas"),
            m.created_at.format("%d/%m/%Y %H:%M UTC"),
            m.created_by
        )
    }
    pub fn restored(target: &std::path::Path, m: &crate::desk::backup::Manifest) -> String {
        format!(
            "Almacén reconstruido en {}: {}, {}, {} de auditoría {}.",
            target.display(),
            super::words::plural(m.tickets() as usize, "ticket", "tickets"),
            super::words::plural(m.attachments.len(), "adjunto", "adjuntos"),
            super::words::plural(m.audit.seq as usize, "entrada", "entradas"),
            super::words::noun(m.audit.seq as usize, "verificada", "verificadas")
        )
    }
    pub fn bad_period(given: &str) -> String {
        format!(
            "--older-than: «{given}» no es un plazo; use años, meses o días como 5y, 18m o 400d"
        )
    }
    pub fn purge_detail(
        p: &crate::store::purge::Purged,
        files: usize,
        cutoff: chrono::NaiveDate,
        (part, parts): (usize, usize),
    ) -> String {
        let part = if parts > 1 {
            format!(" (parte {part} de {parts})")
        } else {
            String::new()
        };
        format!(
            "depuración de lo cerrado antes del {}{part}: {} ticket(s), {} entrada(s) de historial, {} correo(s), {} constancia(s), {files} archivo(s) adjunto(s)",
            cutoff.format("%d/%m/%Y"),
            p.tickets,
            p.history,
            p.outbox,
            p.receipts
        )
    }
    pub fn purge_would_header(cutoff: &str, period: crate::domain::retention::Period) -> String {
        format!(
            "Simulación: se borrarían los tickets cerrados o anulados antes del {cutoff} (más antiguos que {period}):"
        )
    }
    pub fn closed_on(d: chrono::NaiveDate) -> String {
        format!("último cambio {}", d.format("%d/%m/%Y"))
    }
    pub fn purge_would(
        tickets: usize,
        history: usize,
        outbox: usize,
        receipts: usize,
        files: usize,
    ) -> String {
        format!(
            "{tickets} ticket(s), {history} entrada(s) de historial, {outbox} correo(s), {receipts} constancia(s) y {files} archivo(s) adjunto(s). No se borró nada (--dry-run)."
        )
    }
    pub fn purged(
        p: &crate::store::purge::Purged,
        files: usize,
        cutoff: &str,
        parts: usize,
    ) -> String {
        let entries = if parts > 1 {
            format!("{parts} entradas, una por cada parte de hasta 5.000 tickets")
        } else {
            "una entrada".to_string()
        };
        format!(
            "Se depuró lo cerrado antes del {cutoff}: {} ticket(s), {} entrada(s) de historial, {} correo(s), {} constancia(s) y {files} archivo(s) adjunto(s). La auditoría guarda {entries} con estas cifras.",
            p.tickets, p.history, p.outbox, p.receipts
        )
    }
    /// What an I/O error means for the one at the desk, then the system's
    /// own words.
    pub fn io_cause(e: &std::io::Error) -> String {
        use std::io::ErrorKind as K;
        let what = match e.kind() {
            K::PermissionDenied => {
                "no hay permiso de escritura en ese directorio (¿es de solo lectura?); nada se guardó"
            }
            K::ReadOnlyFilesystem => "el disco es de solo lectura; nada se guardó",
            K::StorageFull | K::QuotaExceeded => {
                "el disco está lleno; nada se guardó: libere espacio y repita"
            }
            K::FileTooLarge => {
                "se alcanzó el tamaño máximo de archivo permitido (disco o cuota llenos); nada se guardó"
            }
            K::NotFound => "no existe",
            _ => "error del sistema de archivos; nada se guardó",
        };
        format!("{what} — {}", super::words::io_error(e))
    }
    pub fn is_a_folder() -> &'static str {
        "es una carpeta"
    }
    pub fn attachment_damaged(path: &std::path::Path) -> String {
        format!(
            "el archivo adjunto {} está dañado: su contenido ya no corresponde a su SHA-256; \
             pida el archivo de nuevo al solicitante o restaure el almacén desde una copia",
            path.display()
        )
    }
    pub fn attachment_unreadable(path: &std::path::Path, e: &std::io::Error) -> String {
        let what = match e.kind() {
            std::io::ErrorKind::NotFound => "falta en el almacén",
            _ => "no se puede leer",
        };
        format!(
            "el archivo adjunto {} {what} ({}); nada se exportó: pida el archivo de nuevo \
             al solicitante o restaure el almacén desde una copia",
            path.display(),
            super::words::io_error(e)
        )
    }
}

/// The console's texts for analysts, roles and the audit screen.
pub mod tui_trust {
    use crate::domain::role::Role;

    pub fn name_missing() -> &'static str {
        "Escriba un nombre."
    }
    pub fn first_supervisor(name: &str) -> String {
        format!(
            "{name} es ahora el supervisor de este almacén. Agregue analistas con «mesa analyst add»."
        )
    }
    pub fn signed_in(name: &str, role: Role) -> String {
        format!("Ingresó {name} ({}).", super::trust::role_label(role))
    }
    pub fn login_title() -> &'static str {
        " Mesa de Servicio — Ingreso "
    }
    pub fn first_run_lines() -> [&'static str; 2] {
        [
            "Primer uso: este almacén aún no tiene supervisor.",
            "Escriba el nombre (usuario) de quien lo será:",
        ]
    }
    pub fn sign_in_line() -> &'static str {
        "Escriba su nombre de analista y su contraseña:"
    }
    pub fn login_hint() -> &'static str {
        "Enter ingresa · Esc sale"
    }
    pub fn audit_title() -> &'static str {
        "Auditoría"
    }
    pub fn verified(entries: u64, hash: &str) -> String {
        format!(
            "Cadena íntegra: {} · última #{entries} · {}",
            super::words::plural(entries as usize, "entrada", "entradas"),
            &hash[..16.min(hash.len())]
        )
    }
    pub fn about(dni: &str, n: usize) -> String {
        format!(
            "Todo sobre el DNI {dni}: {}, la más reciente arriba",
            super::words::plural(n, "entrada", "entradas")
        )
    }
    pub fn latest(n: usize) -> String {
        if n == 1 {
            "La última entrada".into()
        } else {
            format!("Últimas {n} entradas, la más reciente arriba")
        }
    }
    pub fn dni_prompt() -> &'static str {
        "DNI: "
    }
    pub fn no_entries() -> &'static str {
        "Sin entradas."
    }
    pub fn headers() -> [&'static str; 6] {
        ["#", "Fecha", "Quién", "Acción", "Sobre", "Detalle"]
    }
    pub fn login_detail(tickets: usize) -> String {
        format!(
            "ingreso a la consola: {} en la cola",
            super::words::plural(tickets, "ticket", "tickets")
        )
    }
    /// "supervisor · atender T-2026-000049: Nuevo → En atención · DNI 41146468".
    pub fn entry_line(e: &crate::domain::audit::AuditEntry) -> String {
        let mut s = format!(
            "{} · {} {}: {}",
            e.by,
            super::trust::action_label(&e.action),
            e.subject,
            e.detail
        );
        if !e.dnis.is_empty() && e.dnis.len() <= 3 {
            s.push_str(&format!(" · DNI {}", e.dnis.join(", ")));
        }
        s
    }
}

/// `mesa bench`: the performance table.
pub mod bench {
    use std::path::Path;

    pub fn preparing(tickets: u64, cache: &Path) -> String {
        format!(
            "Almacén de {} tickets (se genera la primera vez y queda en {})…",
            count(tickets),
            cache.display()
        )
    }
    pub fn measuring_batch() -> &'static str {
        "Lote de 500 e importación de 10.000 filas…"
    }
    pub fn machine(cpu: &str, cores: usize, memory: u64) -> String {
        format!(
            "Máquina: {cpu}, {cores} núcleos, {:.0} GiB de memoria",
            memory as f64 / (1u64 << 30) as f64
        )
    }
    pub fn load(before: &str, after: &str) -> String {
        format!("Carga del sistema (1, 5, 15 min): {before} al empezar, {after} al terminar")
    }
    pub fn header() -> &'static str {
        "| operación | tamaño | medido | objetivo | cumple |"
    }
    pub fn growth_header() -> &'static str {
        "| tickets | abrir → primer cuadro | cola completa en memoria | tecla → cuadro (media / p95 / peor) | memoria pico | índice de la cola | disco | generar (demo) |"
    }
    pub fn met(ok: bool) -> &'static str {
        if ok { "sí" } else { "no" }
    }
    /// 1000000 → "1.000.000".
    pub fn count(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('.');
            }
            out.push(c);
        }
        out
    }
    pub fn tickets(n: u64) -> String {
        format!("{} tickets", count(n))
    }
    pub fn rows(n: u64) -> String {
        format!("{} filas", count(n))
    }
    pub fn millis(ms: f64) -> String {
        format!("{ms:.1} ms")
    }
    pub fn seconds(s: f64) -> String {
        format!("{s:.2} s")
    }
    pub fn megabytes(mb: f64) -> String {
        format!("{mb:.0} MB")
    }
    pub fn key_times(mean: f64, p95: f64, worst: f64) -> String {
        format!("{mean:.1} / {p95:.1} / {worst:.1} ms")
    }
    pub fn first_frame() -> &'static str {
        "abrir el almacén → primer cuadro de la cola"
    }
    pub fn keystroke() -> &'static str {
        "una tecla en el filtro → cuadro (media / p95 / peor)"
    }
    pub fn seal_export() -> &'static str {
        "sellar + exportar un lote con imágenes"
    }
    pub fn import() -> &'static str {
        "importar un CSV"
    }
    pub fn memory() -> &'static str {
        "memoria pico (RSS) con la consola abierta"
    }
    pub fn generate() -> &'static str {
        "generar el almacén (mesa demo)"
    }
}

pub mod bench_keys {
    /// `mesa bench --keys`: one store's filter keys and queue index.
    pub fn keys_on_store(times: &str, megabytes: &str, bytes: usize) -> String {
        format!(
            "tecla → cuadro (media / p95 / peor): {times}; índice de la cola: {megabytes} ({bytes} bytes)"
        )
    }
}

/// From a registry screen to the ticket behind the chosen item.
pub mod links {
    pub fn mail_without_ticket() -> &'static str {
        "Este correo no está ligado a ningún ticket."
    }
    pub fn person_without_ticket(name: &str, dni: &str) -> String {
        if name.is_empty() {
            format!("La persona con DNI {dni} no tiene tickets en la mesa.")
        } else {
            format!("{name} (DNI {dni}) no tiene tickets en la mesa.")
        }
    }
    pub fn ticket_gone(id: &str) -> String {
        format!("El ticket {id} ya no está en el almacén (se depuró o no existe).")
    }
}

/// Texts of the demo data.
pub mod demo {
    /// A server's permanent refusal of a demo message.
    pub fn unknown_mailbox(to: &str) -> String {
        format!("550 5.1.1 <{to}>: buzón inexistente (usuario desconocido)")
    }
}

// Texts of this wave's areas, one file each (new areas go in files of their
// own rather than growing this one).
pub mod console_safety;
pub mod correction;
pub mod families;
pub mod faults;
pub mod find;
pub mod hostile;
pub mod identity;
pub mod look;
pub mod refusals;
pub mod roles;
pub mod rules;
pub mod shared;
pub mod speed;
pub mod team;
pub mod words;
