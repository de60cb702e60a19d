//! The console's loading state and the CLI's query output.

/// The queue's title while the whole queue is still being read behind the
/// first page (its counts are already the stored ones).
pub fn loading_rest() -> &'static str {
    "cargando el resto de la cola…"
}

/// The same, where the title has little room.
pub fn loading_short() -> &'static str {
    "cargando…"
}

/// `mesa bench`: the start in a real terminal, through the sign-in.
pub fn bench_pty_first_rows() -> &'static str {
    "inicio del proceso → primer cuadro con tickets (terminal real, con ingreso)"
}

/// `mesa bench`: the command line's find-by-DNI, the whole process.
pub fn bench_cli_dni() -> &'static str {
    "mesa list --search DNI --json (proceso entero, con la sesión de «mesa entrar» abierta)"
}

/// `mesa bench`: the console's peak memory measured in the real terminal.
pub fn bench_pty_memory() -> &'static str {
    "memoria pico de la consola con la cola cargada (terminal real)"
}

/// `mesa bench`: the in-process figures, kept as secondary rows.
pub fn bench_in_process(what: &str) -> String {
    format!("{what} (dentro del proceso, secundario)")
}

/// `mesa bench` without tmux: the real-terminal rows are left out.
pub fn bench_no_tmux() -> &'static str {
    "tmux no está disponible: se omiten las mediciones en terminal real."
}

/// `mesa bench`: the real-terminal measurement failed (why, in its words).
pub fn bench_pty_failed(why: &str) -> String {
    format!("La medición en terminal real falló: {why}")
}

/// Taskwarrior could not be installed for the comparison: why.
pub fn task_cannot_install() -> &'static str {
    "no está instalado y no se puede instalar aquí (se necesita root y apt)"
}

pub fn task_install_failed() -> &'static str {
    "la instalación del paquete taskwarrior falló"
}

/// A run of `task` that did not find the one task it was asked for.
pub fn task_not_found(dni: &str) -> String {
    format!("task no encontró la tarea del DNI {dni}")
}

/// `mesa bench`: the comparison with Taskwarrior was left out, and why.
pub fn bench_task_skipped(why: &str) -> String {
    format!("Se omite la comparación con Taskwarrior: {why}.")
}

/// The table's Taskwarrior row.
pub fn bench_task_find() -> &'static str {
    "Taskwarrior: `task dni:… export` (una tarea entre todas), proceso completo"
}

/// The table's ratio row.
pub fn bench_task_ratio() -> &'static str {
    "mesa / task, la misma pregunta (buscar uno por DNI, JSON)"
}

/// The audit detail of a lasting command-line sign-in.
pub fn session_opened_detail(os_user: &str, ends: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "sesión de la línea de comandos abierta por la cuenta «{os_user}», válida 15 minutos sin uso y como máximo hasta {}",
        ends.format("%Y-%m-%d %H:%M UTC")
    )
}

/// Why a stored command-line session was not used (the password is asked).
pub fn session_refused(why: crate::domain::cli_session::SessionRefused) -> &'static str {
    use crate::domain::cli_session::SessionRefused::*;
    match why {
        Unknown => {
            "La sesión guardada no es válida (ya cerrada, o su archivo fue alterado): se pide la contraseña de nuevo."
        }
        Idle => "La sesión terminó tras 15 minutos sin usar mesa: se pide la contraseña de nuevo.",
        Ended => "La sesión terminó (fin de la jornada): se pide la contraseña de nuevo.",
        OtherAnalyst => {
            "La sesión guardada es de otro analista o de otra cuenta del sistema: se pide la contraseña."
        }
        PasswordChanged => {
            "La contraseña cambió desde que se abrió la sesión: se pide la contraseña de nuevo."
        }
        Inactive => "La sesión se cerró: el analista ya no está activo o no tiene contraseña.",
    }
}

/// The session file was not private: discarded.
pub fn session_file_exposed(path: &std::path::Path) -> String {
    format!(
        "El archivo de sesión {} no era privado (permisos distintos de 0600): se descartó y se pide la contraseña.",
        path.display()
    )
}

/// `mesa entrar`: the session is open.
pub fn session_opened(name: &str) -> String {
    format!(
        "Sesión abierta para {name}: los comandos siguientes no piden la contraseña durante 15 minutos sin uso, como máximo hasta el fin de la jornada («mesa salir» la cierra)."
    )
}

/// `mesa salir`: the session is closed.
pub fn session_closed() -> &'static str {
    "Sesión cerrada: el próximo comando pedirá la contraseña."
}

/// `mesa salir` with no session open.
pub fn session_none() -> &'static str {
    "No había una sesión abierta en este almacén."
}

/// The session could not be kept (its folder or file): the command went on.
pub fn session_not_kept(detail: &str) -> String {
    format!("No se pudo guardar la sesión ({detail}): el próximo comando pedirá la contraseña.")
}

/// `mesa entrar` connected as the analyst's own database login.
pub fn session_not_needed(name: &str) -> String {
    format!(
        "{name} ya entra con su propio usuario de la base compartida: cada comando lo identifica sin pedir la contraseña de mesa, no hace falta una sesión."
    )
}
