/// `mesa bench --keys`: one store's filter keys and queue index.
pub fn keys_on_store(times: &str, megabytes: &str, bytes: usize) -> String {
    format!(
        "tecla → cuadro (media / p95 / peor): {times}; índice de la cola: {megabytes} ({bytes} bytes)"
    )
}
