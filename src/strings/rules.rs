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
