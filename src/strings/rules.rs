//! Rule refusals and explanations: calendar, expiry, answers, purge, duplicates.

/// `mesa mail retry --all`.
pub fn retried_all(n: usize) -> String {
    if n == 0 {
        "No hay correos fallidos ni pendientes que adelantar.".to_string()
    } else {
        format!(
            "{} para ahora; salen con «mesa mail flush».",
            super::words::plural(
                n,
                "correo fallido o pendiente puesto",
                "correos fallidos o pendientes puestos"
            )
        )
    }
}

/// `mesa mail flush --now`, before the flush.
pub fn made_due(n: usize) -> String {
    format!(
        "{} sin esperar su plazo de reintento.",
        super::words::plural(
            n,
            "correo pendiente se envía",
            "correos pendientes se envían"
        )
    )
}

/// `batch list`: a dispatch whose moment passed with its tickets unsealed.
pub fn due_unsealed_mark() -> &'static str {
    "  [vencido, sin sellar: «mesa batch seal»]"
}

/// `batch sent` before the dispatch moment, without a reason.
pub fn sent_early_needs_reason(when: &str) -> String {
    format!(
        "El envío de este lote es el {when}: marcarlo enviado antes necesita un motivo \
         (--reason «…»), que queda registrado. Si aún no salió, espere a esa hora."
    )
}

/// The audit detail of an early `batch sent`.
pub fn sent_early_detail(detail: &str, reason: &str) -> String {
    format!("{detail}; antes de su hora: {reason}")
}

/// `batch sent` done early: what it did.
pub fn sent_early_note(when: &str, reason: &str) -> String {
    format!("Marcado enviado antes de su hora ({when}). Motivo: {reason}")
}

/// An early seal: what it moves.
pub fn sealed_early_moves(when: &str, next: &str) -> String {
    format!(
        "El lote se selló antes de su hora ({when}): los tickets que se programen desde ahora \
         ya no entran en él y saldrán en el envío siguiente, el {next}; a cada uno se le dirá al programarlo."
    )
}

/// Scheduling a ticket whose dispatch is already sealed.
pub fn schedule_rolled(batch: &str, when: &str) -> String {
    format!(
        "El lote {batch} ya está sellado: este ticket sale en el envío del {when} (se avisó al solicitante con esa fecha)."
    )
}
