//! The console's guards against accidental actions: keys reserved to the
//! supervisor, leaving with unsaved input, a terminal too small to show
//! what a key would act on.

/// The discard question when the analyst is leaving mesa (Ctrl-C, `q`,
/// or «Salir» from the palette) with unsaved input.
pub fn discard_and_quit_question() -> &'static str {
    "Hay datos sin guardar. s o Ctrl-C los descarta y sale de mesa; otra tecla vuelve."
}

/// Under the "terminal too small" screen, after a first `q` / Ctrl-C with
/// unsaved input.
pub fn too_small_unsaved() -> &'static str {
    "Hay datos sin guardar: q o Ctrl-C otra vez los descarta y sale."
}

/// Ctrl-C over a typed reason or a small form: the status line asks.
pub fn ctrl_c_again() -> &'static str {
    "Hay datos sin guardar: Ctrl-C otra vez los descarta y sale; otra tecla sigue aquí."
}
