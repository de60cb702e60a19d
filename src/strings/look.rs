//! Spanish texts for this area (see `strings/mod.rs`).

use crate::tui::photo::Shape;

/// The word a picture's file is named with for the viewer.
pub fn file_word(shape: Shape) -> &'static str {
    match shape {
        Shape::Photo => "foto",
        Shape::Signature => "firma",
    }
}

/// The panel's caption over a picture: «Foto 1», «Firma 2».
pub fn caption(shape: Shape, applicant: usize) -> String {
    match shape {
        Shape::Photo => format!("Foto {applicant}"),
        Shape::Signature => format!("Firma {applicant}"),
    }
}

/// In the panel, where a picture cannot be drawn.
pub fn cannot_show() -> &'static str {
    "(no se puede mostrar)"
}

pub fn no_ticket_open() -> &'static str {
    "Abra un ticket para ver su foto y su firma."
}

pub fn no_pictures(id: &str) -> String {
    format!("El ticket {id} no tiene foto ni firma.")
}

pub fn no_desktop() -> &'static str {
    "Esta sesión no tiene escritorio gráfico (p. ej. por SSH): no se puede abrir el visor de imágenes. La foto y la firma se ven en el panel del ticket."
}

pub fn no_viewer() -> &'static str {
    "No se encontró xdg-open para abrir el visor de imágenes. La foto y la firma se ven en el panel del ticket."
}

pub fn files_missing() -> &'static str {
    "Los archivos de la foto y la firma no están en este equipo."
}

pub fn opening(n: usize) -> String {
    if n == 1 {
        "Abriendo 1 archivo en el visor de imágenes del sistema…".into()
    } else {
        format!("Abriendo {n} archivos en el visor de imágenes del sistema…")
    }
}

/// The help and palette line of `v`.
pub fn view_photo_command() -> &'static str {
    "Ver la foto y la firma en el visor del sistema"
}

/// The ticket title's urgent warning where the whole one does not fit.
pub fn urgent_short() -> &'static str {
    "⚠ URGENTE: atender hoy"
}
