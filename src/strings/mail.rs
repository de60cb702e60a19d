//! The emails staff receive and the `mesa mail` command's output.

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
pub fn reminder_intro(id: &str, kind: Kind, motive: Option<char>, approved: NaiveDate) -> String {
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
    format!("«{s}» no es un estado de correo (pendiente, enviado o fallido)")
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
    format!("Enviados: {sent} · Fallidos: {failed} · Reintentarán: {retry} · En espera: {waiting}")
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
