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
    "mesa list --search DNI --json (proceso entero)"
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

/// `mesa bench` without Taskwarrior: the comparison is left out.
pub fn bench_no_task() -> &'static str {
    "Taskwarrior (task) no está instalado: se omite la comparación mesa/task."
}

/// `mesa bench`: the real-terminal measurement failed (why, in its words).
pub fn bench_pty_failed(why: &str) -> String {
    format!("La medición en terminal real falló: {why}")
}
