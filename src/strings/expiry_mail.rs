//! The certificate expiry reminder (`vencimiento_certificado`).

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
pub fn when_sent(dispatch_on: NaiveDate, held_until: Option<NaiveDate>, lead_days: i64) -> String {
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
