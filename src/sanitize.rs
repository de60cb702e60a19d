//! Text that reaches a terminal from the command line, made harmless.
//!
//! Reasons, names, attachment names, CSV headers and SMTP replies are typed
//! or sent by someone else; printed raw, an escape sequence in one of them
//! moves the cursor, erases lines (an analyst hid audit entries from the
//! supervisor's `mesa audit` that way) or renames the terminal window. The
//! console never shows them (ratatui's buffer skips control characters); the
//! command line shows them *visibly* instead of dropping them, so whoever
//! reads the output sees that something was attempted.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` would act on a terminal (or reorder what it shows) instead of
/// being printed. Line feed and tab are layout, kept as they are.
fn acts(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        // C0, DEL and C1 (U+0080..U+009F: 8-bit CSI, OSC and friends).
        c if c.is_control() => true,
        // Bidirectional overrides and isolates: they reorder what is shown
        // ("Trojan Source"), so a line can read other than it is.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => true,
        _ => false,
    }
}

/// `text` with every character that would act on a terminal written out:
/// `^[` for ESC and the other C0 controls in caret notation, `\u007f` for DEL
/// and `\u009b` for the rest (JSON's escape: `--json` output stays valid; its
/// C0 controls are already escaped by the JSON writer). Borrows when there is nothing to change.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !has_controls(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let line_end = c == '\r' && chars.peek() == Some(&'\n');
        if !acts(c) || line_end {
            out.push(c);
            continue;
        }
        match c as u32 {
            // C0 (DEL is not C0: serde_json leaves it raw, so it takes the
            // JSON escape below and a `--json` string still reads back).
            n @ 0x00..=0x1F => {
                out.push('^');
                out.push(char::from(b'@' + n as u8));
            }
            n => {
                // JSON's own escape: inside a `--json` string it reads back
                // as the character, and a terminal only sees six letters.
                let _ = write!(out, "\\u{n:04x}");
            }
        }
    }
    Cow::Owned(out)
}

/// Whether `text` holds anything [`visible`] would rewrite (a CR that ends
/// a line before its LF, as CSV writes, is layout).
pub fn has_controls(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if acts(c) && !(c == '\r' && chars.peek() == Some(&'\n')) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_and_layout_pass_untouched() {
        let t = "Ñandú — José\tPérez\n  línea 2 ✔";
        assert!(matches!(visible(t), Cow::Borrowed(_)));
        assert!(!has_controls(t));
    }

    #[test]
    fn escape_sequences_are_shown_not_obeyed() {
        // Cursor up + erase line, as used to hide audit entries.
        assert_eq!(visible("a\x1b[1A\x1b[2Kb"), "a^[[1A^[[2Kb");
        // OSC 0: set the window title, ended by BEL.
        assert_eq!(visible("\x1b]0;pwned\x07"), "^[]0;pwned^G");
        assert_eq!(visible("cr\rdel\x7f"), "cr^Mdel\\u007f");
        assert_eq!(visible("a,b\r\nc\r"), "a,b\r\nc^M");
        // 8-bit CSI and a right-to-left override.
        assert_eq!(visible("x\u{9b}2Jy"), "x\\u009b2Jy");
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u202efed");
        for bad in ["\x1b", "\x07", "\r", "\u{9b}", "\u{202e}", "\u{2066}"] {
            assert!(has_controls(bad), "{bad:?}");
            assert!(!has_controls(&visible(bad)), "{bad:?}");
        }
    }
}
