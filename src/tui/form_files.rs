//! The intake form reads a photo or signature file as soon as its path is
//! typed (on leaving the field), with the same check saving does: a text
//! file named `foto.jpg` is refused there and then, not at Ctrl-s. The
//! read runs as an effect, off the drawing thread; its answer counts only
//! while the field still holds the path that was read.

use std::path::Path;

use super::action::Action;
use super::app::{App, Effect};
use super::form::FieldId;
use crate::strings;

/// The fields whose value is a file to read.
fn is_file(field: FieldId) -> bool {
    matches!(field.column, "photo" | "signature")
}

/// Leaving `field`: its file is read if it holds a path not read yet.
pub fn on_leave(app: &mut App, field: FieldId) -> Vec<Effect> {
    let Some(form) = &mut app.form else {
        return Vec::new();
    };
    if !is_file(field) {
        return Vec::new();
    }
    let path = form.value(field).trim().to_string();
    if path.is_empty() {
        form.file_checks.remove(&field);
        return Vec::new();
    }
    if form
        .file_checks
        .get(&field)
        .is_some_and(|(p, _)| *p == path)
    {
        return Vec::new();
    }
    app.busy += 1;
    vec![Effect::CheckFile { field, path }]
}

/// Reads the file as saving will (a path typed in the console is relative
/// to where mesa started, and may be anywhere the analyst names).
pub fn check(field: FieldId, path: String) -> Action {
    let problem = match crate::desk::attachments::read_image_file(Path::new(&path), &path, true) {
        Ok((att, bytes)) => {
            // Shown beside the form, decoded here, off the drawing thread.
            let shape = if field.column == "photo" {
                super::photo::Shape::Photo
            } else {
                super::photo::Shape::Signature
            };
            super::photo::prepare_typed(&path, &att.sha256, &bytes, shape);
            None
        }
        Err(rule) => Some(strings::rule_text(&rule)),
    };
    Action::FileChecked {
        field,
        path,
        problem,
    }
}

/// The answer: kept for the path it was about.
pub fn checked(app: &mut App, field: FieldId, path: String, problem: Option<String>) {
    if let Some(form) = &mut app.form {
        form.file_checks.insert(field, (path, problem));
        app.dirty = true;
    }
}
