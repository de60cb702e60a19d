//! `y` / `Y`: the ticket's id or first DNI to the clipboard of the
//! analyst's own terminal with OSC 52, which terminals honour over SSH and
//! tmux passes on with `set-clipboard on`. The state keeps the text until
//! the terminal loop writes it after the next frame.

use super::app::{App, Screen};
use crate::strings::find as s;

/// What `y` (`dni` false) or `Y` copies: from the ticket on screen, else
/// the queue's row under the cursor.
pub fn copy(app: &mut App, dni: bool) {
    let (id, first_dni) = match (&app.screen, &app.detail) {
        (Screen::Ticket, Some(d)) => {
            let dni = d
                .loaded
                .as_ref()
                .and_then(|l| l.ticket.applicants.first())
                .map(|a| a.dni.clone());
            (
                d.id.clone(),
                dni.or_else(|| app.queue.get(&d.id).map(|r| r.dni)),
            )
        }
        _ => match app.current_row() {
            Some(r) => (r.id, Some(r.dni)),
            None => {
                app.error(s::nothing_to_copy());
                return;
            }
        },
    };
    let (what, text) = if dni {
        match first_dni.filter(|d| !d.is_empty()) {
            Some(d) => (s::copied_dni(&d, &id), d),
            None => {
                app.error(s::no_dni_to_copy(&id));
                return;
            }
        }
    } else {
        (s::copied_id(&id), id)
    };
    app.clipboard = Some(text);
    app.info(what);
}

/// The OSC 52 sequence setting the clipboard to `text`.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_as_the_standard_gives_it() {
        assert_eq!(super::base64(b""), "");
        assert_eq!(super::base64(b"f"), "Zg==");
        assert_eq!(super::base64(b"fo"), "Zm8=");
        assert_eq!(super::base64(b"foo"), "Zm9v");
        assert_eq!(super::base64(b"T-2026-000001"), "VC0yMDI2LTAwMDAwMQ==");
        assert_eq!(super::osc52("hi"), "\x1b]52;c;aGk=\x07");
    }
}
