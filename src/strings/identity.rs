//! Identity: passwords, sign-in, who is acting.

/// The variable scripts use to give the acting analyst's password.
pub const PASSWORD_VAR: &str = "MESA_PASSWORD";
/// The variable scripts use to give a new analyst's (or a new) password.
pub const NEW_PASSWORD_VAR: &str = "MESA_NEW_PASSWORD";

pub fn too_short(min: usize, n: usize) -> String {
    format!("contraseña: debe tener al menos {min} caracteres (tiene {n})")
}

pub fn too_long(max: usize) -> String {
    format!("contraseña: debe tener como máximo {max} caracteres")
}

pub fn contains_name() -> &'static str {
    "contraseña: no puede contener el nombre del analista"
}

pub fn control_chars() -> &'static str {
    "contraseña: no puede contener caracteres de control (tabulaciones, saltos de línea)"
}

pub fn mismatch() -> &'static str {
    "contraseña: las dos contraseñas escritas no coinciden"
}

pub fn wrong_credentials() -> &'static str {
    "Nombre o contraseña incorrectos"
}

pub fn wrong_old_password() -> &'static str {
    "contraseña actual incorrecta: la contraseña no se cambió"
}

pub fn no_password_yet(name: &str) -> String {
    format!(
        "el analista «{name}» aún no tiene contraseña: ingrese a la consola («mesa» en una \
         terminal) como «{name}» para elegirla, o pida a un supervisor que la asigne con \
         «mesa analyst password {name}»"
    )
}

pub fn unreadable_name() -> &'static str {
    "(nombre no válido)"
}

pub fn failed_detail(who: &str) -> String {
    format!("ingreso rechazado para «{who}»: nombre o contraseña incorrectos")
}

pub fn chosen_detail(name: &str) -> String {
    format!("«{name}» eligió su primera contraseña")
}

pub fn changed_detail(name: &str) -> String {
    format!("«{name}» cambió su contraseña")
}

pub fn reset_detail(name: &str, by: &str) -> String {
    format!("«{by}» asignó una nueva contraseña a «{name}»")
}

pub fn prompt_password(name: &str) -> String {
    format!("Contraseña de «{name}»: ")
}

pub fn prompt_old_password(name: &str) -> String {
    format!("Contraseña actual de «{name}»: ")
}

pub fn prompt_new_password(name: &str) -> String {
    format!("Nueva contraseña para «{name}»: ")
}

pub fn prompt_repeat() -> &'static str {
    "Repita la nueva contraseña: "
}

pub fn no_terminal_password(name: &str) -> String {
    format!(
        "falta la contraseña de «{name}»: escríbala cuando se pida en una terminal, o \
         póngala en la variable {PASSWORD_VAR} para scripts"
    )
}

pub fn no_terminal_new_password(name: &str, var: &str) -> String {
    format!(
        "falta la nueva contraseña para «{name}»: escríbala dos veces cuando se pida en una \
         terminal, o póngala en la variable {var} para scripts"
    )
}

pub fn prompt_cancelled() -> &'static str {
    "ingreso de contraseña cancelado: no se cambió nada"
}

pub fn password_set(name: &str) -> String {
    format!("Contraseña de «{name}» cambiada.")
}

pub fn password_reset(name: &str) -> String {
    format!("Nueva contraseña asignada a «{name}»; comuníquesela en persona.")
}

/// The operating-system user beside the analyst in `mesa audit`.
pub fn os_user_label(user: &str) -> String {
    format!("[sistema: {user}]")
}

pub fn demo_password_note(password: &str, names: &str) -> String {
    format!("Contraseña de demostración de todo el personal ({names}): {password}")
}

// The console sign-in.

pub fn login_name_label() -> &'static str {
    "Nombre"
}

pub fn login_password_label() -> &'static str {
    "Contraseña"
}

pub fn login_repeat_label() -> &'static str {
    "Repetir"
}

pub fn login_password_missing() -> &'static str {
    "contraseña: escriba su contraseña"
}

pub fn choose_title(name: &str) -> String {
    format!("«{name}» aún no tiene contraseña: elija una ahora")
}

pub fn choose_hint() -> String {
    format!(
        "Al menos {} caracteres, sin su nombre; escríbala dos veces.",
        crate::domain::password::MIN_CHARS
    )
}

pub fn login_hint() -> &'static str {
    "Tab cambia de campo · Enter ingresa · Esc sale"
}

/// Where a console sign-in happened, in the audit log.
pub fn console_place() -> &'static str {
    "consola"
}

pub fn supervisor_first() -> &'static str {
    "este almacén es de antes de las contraseñas: primero un supervisor debe ingresar a la \
     consola y elegir la suya; después podrá elegir la suya"
}
