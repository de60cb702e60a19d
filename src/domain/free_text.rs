//! Free text typed by a person (reasons, notes, search words): bounded, and
//! without characters that act on a terminal. Whatever is stored is later
//! printed on an analyst's or supervisor's screen and in emails.

/// The longest reason a move, a seal or an answer may carry, in characters:
/// several sentences, never a pasted file.
pub const REASON_MAX: usize = 500;

/// The longest search text: a name, a DNI, an email, a few words.
pub const SEARCH_MAX: usize = 200;

/// Why a piece of free text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRefused {
    /// Longer than `max` characters (`len` given).
    TooLong { max: usize, len: usize },
    /// Holds a control character (escape, bell, carriage return, …) or a
    /// bidirectional override: it would act on the reader's terminal.
    ControlCharacters,
}

/// Checks `text` against `max` characters; line feeds and tabs are allowed
/// (a reason may have lines), nothing else that is not printed as itself.
pub fn check(text: &str, max: usize) -> Result<(), TextRefused> {
    let len = text.chars().count();
    if len > max {
        return Err(TextRefused::TooLong { max, len });
    }
    let acts = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
    };
    if text.chars().any(acts) {
        return Err(TextRefused::ControlCharacters);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_reasons_pass() {
        assert_eq!(check("Foto con lentes;\nfirma cortada", REASON_MAX), Ok(()));
        assert_eq!(check(&"ñ".repeat(REASON_MAX), REASON_MAX), Ok(()));
    }

    #[test]
    fn long_or_acting_text_is_refused() {
        assert_eq!(
            check(&"a".repeat(REASON_MAX + 1), REASON_MAX),
            Err(TextRefused::TooLong {
                max: REASON_MAX,
                len: REASON_MAX + 1
            })
        );
        for bad in [
            "ok\x1b[2K",
            "\x1b]0;x\x07",
            "a\rb",
            "\u{9b}2J",
            "x\u{202e}y",
        ] {
            assert_eq!(
                check(bad, REASON_MAX),
                Err(TextRefused::ControlCharacters),
                "{bad:?}"
            );
        }
    }
}
