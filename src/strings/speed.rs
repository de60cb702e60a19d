//! The console's loading state and the CLI's query output.

/// The queue's title while the whole queue is still being read behind the
/// first page (its counts are already the stored ones).
pub fn loading_rest() -> &'static str {
    "cargando el resto de la cola…"
}
