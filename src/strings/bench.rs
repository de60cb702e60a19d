//! `mesa bench`: the performance table.

use std::path::Path;

pub fn preparing(tickets: u64, cache: &Path) -> String {
    format!(
        "Almacén de {} tickets (se genera la primera vez y queda en {})…",
        count(tickets),
        cache.display()
    )
}
pub fn measuring_batch() -> &'static str {
    "Lote de 500 e importación de 10.000 filas…"
}
pub fn machine(cpu: &str, cores: usize, memory: u64) -> String {
    format!(
        "Máquina: {cpu}, {cores} núcleos, {:.0} GiB de memoria",
        memory as f64 / (1u64 << 30) as f64
    )
}
pub fn load(before: &str, after: &str) -> String {
    format!("Carga del sistema (1, 5, 15 min): {before} al empezar, {after} al terminar")
}
pub fn header() -> &'static str {
    "| operación | tamaño | medido | objetivo | cumple |"
}
pub fn growth_header() -> &'static str {
    "| tickets | abrir → primer cuadro | cola completa en memoria | tecla → cuadro (media / p95 / peor) | memoria pico | índice de la cola | disco | generar (demo) |"
}
pub fn met(ok: bool) -> &'static str {
    if ok { "sí" } else { "no" }
}
/// 1000000 → "1.000.000".
pub fn count(n: u64) -> String {
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
pub fn tickets(n: u64) -> String {
    format!("{} tickets", count(n))
}
pub fn rows(n: u64) -> String {
    format!("{} filas", count(n))
}
pub fn millis(ms: f64) -> String {
    format!("{ms:.1} ms")
}
pub fn seconds(s: f64) -> String {
    format!("{s:.2} s")
}
pub fn megabytes(mb: f64) -> String {
    format!("{mb:.0} MB")
}
pub fn key_times(mean: f64, p95: f64, worst: f64) -> String {
    format!("{mean:.1} / {p95:.1} / {worst:.1} ms")
}
pub fn first_frame() -> &'static str {
    "abrir el almacén → primer cuadro de la cola"
}
pub fn keystroke() -> &'static str {
    "una tecla en el filtro → cuadro (media / p95 / peor)"
}
pub fn seal_export() -> &'static str {
    "sellar + exportar un lote con imágenes"
}
pub fn import() -> &'static str {
    "importar un CSV"
}
pub fn memory() -> &'static str {
    "memoria pico (RSS) con la consola abierta"
}
pub fn generate() -> &'static str {
    "generar el almacén (mesa demo)"
}
