//! Spanish texts for this area (see `strings/mod.rs`).

/// "4.512", "1.000.000": Spanish thousands separator.
pub fn thousands(n: usize) -> String {
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

/// Where the cursor is in the list: "120 de 4.512".
pub fn position(at: usize, total: usize) -> String {
    format!("{} de {}", thousands(at), thousands(total))
}

use crate::domain::filter_expr::{ExprError, Key};
use crate::tui::action::Command;

pub fn command(c: Command) -> &'static str {
    match c {
        Command::Complete => "Completar la expresión (estado:, trámite:, envío:, dni:, analista:)",
        Command::CopyId => "Copiar el id del ticket",
        Command::CopyDni => "Copiar el DNI del ticket",
        Command::OlderFilter => "Filtro anterior (historial)",
        Command::NewerFilter => "Filtro siguiente (historial)",
        Command::Undo => "Deshacer su último movimiento (5 min)",
        _ => "",
    }
}

fn keys_list() -> String {
    Key::ALL
        .iter()
        .map(|k| format!("{}:", k.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What is wrong with a filter expression, and what is valid.
pub fn expr_error(e: &ExprError) -> String {
    match e {
        ExprError::UnknownKey(k) => {
            format!("«{k}:» no es un filtro; use {}", keys_list())
        }
        ExprError::MissingValue(k) => match k {
            Key::Envio => format!("falta el día en {}: (dd/mm o dd/mm/aaaa)", k.name()),
            Key::Dni => format!("faltan los dígitos en {}:", k.name()),
            _ => format!(
                "falta el valor en {}: ({})",
                k.name(),
                k.values().join(", ")
            ),
        },
        ExprError::UnknownValue(k, v) => format!(
            "«{v}» no es un valor de {}: use {}",
            k.name(),
            k.values().join(", ")
        ),
        ExprError::BadDay(v) => format!("«{v}» no es un día para envío: use dd/mm o dd/mm/aaaa"),
        ExprError::BadDni(v) => format!("«{v}» no sirve para dni: use hasta 8 dígitos"),
    }
}

/// The same, without the list of valid values, for a narrow filter line.
pub fn expr_error_short(e: &ExprError) -> String {
    match e {
        ExprError::UnknownKey(k) => format!("«{k}:» no es un filtro (Enter)"),
        ExprError::UnknownValue(k, v) => format!("«{v}» no vale en {}: (Enter)", k.name()),
        other => expr_error(other),
    }
}

/// The least said, when nothing longer fits.
pub fn expr_error_tiny() -> &'static str {
    "filtro con error (Enter: por qué)"
}

/// The filter's text kept, the expression refused: said on Enter.
pub fn expr_refused(e: &ExprError) -> String {
    format!("Filtro sin aplicar: {}.", expr_error(e))
}

pub fn copied_id(id: &str) -> String {
    format!("Copiado al portapapeles: {id}")
}
pub fn copied_dni(dni: &str, id: &str) -> String {
    format!("Copiado al portapapeles: DNI {dni} (ticket {id})")
}
pub fn nothing_to_copy() -> &'static str {
    "No hay ticket que copiar: elija uno en la cola."
}
pub fn no_dni_to_copy(id: &str) -> String {
    format!("El ticket {id} no tiene DNI que copiar.")
}

pub fn bad_theme(given: &str) -> String {
    format!("«{given}» no es un tema: use «claro» u «oscuro»")
}

pub fn undo_verb() -> &'static str {
    "deshacer"
}

/// Why the last move cannot be undone, and what to do instead.
pub fn undo_refused(why: &crate::domain::undo::UndoRefused) -> String {
    use crate::domain::undo::{UndoRefused as U, WINDOW_MINUTES};
    match why {
        U::Nothing => "no hay un movimiento suyo que deshacer en este ticket".into(),
        U::NotYours(by) => {
            format!("el último movimiento es de {by}: solo quien lo hizo puede deshacerlo")
        }
        U::TooLate(min) => format!(
            "el último movimiento fue hace {min} min: se deshace solo durante {WINDOW_MINUTES} min; haga el movimiento contrario"
        ),
        U::NotUndoable(m) => format!(
            "«{}» no se deshace (solo atender, observar y programar)",
            super::move_verb(*m)
        ),
        U::Sealed(batch) => format!("el ticket ya está en el lote sellado {batch}"),
        U::Changed => "el ticket cambió mientras tanto: vuelva a mirarlo".into(),
    }
}

pub fn unknown_action(name: &str, valid: &str) -> String {
    format!("[keys]: «{name}» no es una acción; use {valid}")
}
pub fn bad_key(name: &str, key: &str) -> String {
    format!(
        "[keys] {name}: «{key}» no es una tecla (use una letra, Ctrl-x, F1…F12, Enter, Tab o Esc)"
    )
}
pub fn key_conflict(key: &str, action: &str, other: &str) -> String {
    format!("[keys]: la tecla «{key}» ya es de «{other}»: no se usa para «{action}»")
}

/// `[console.colores]`: a role the console does not have.
pub fn unknown_color_role(name: &str, valid: &str) -> String {
    format!("colores: «{name}» no es un uso de color (use: {valid}); se dejó fuera")
}
/// `[console.colores]`: a colour that cannot be read.
pub fn bad_color(name: &str, value: &str) -> String {
    format!(
        "colores: «{value}» para {name} no es un color (rojo, verde, azul, amarillo, magenta, cian, gris, blanco, negro, #rrggbb); se dejó fuera"
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands_use_a_dot() {
        assert_eq!(super::thousands(0), "0");
        assert_eq!(super::thousands(999), "999");
        assert_eq!(super::thousands(4512), "4.512");
        assert_eq!(super::thousands(1_000_000), "1.000.000");
        assert_eq!(super::position(120, 4512), "120 de 4.512");
    }
}
