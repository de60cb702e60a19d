//! Cells of the CSV files the desk writes, safe to open in a spreadsheet.
//!
//! A CSV is made to be opened in Excel or LibreOffice, which run a cell that
//! starts with `=`, `+`, `-` or `@` as a formula (and treat a leading tab or
//! carriage return the same way after trimming): a name typed as
//! `=HYPERLINK("…","Haga clic")` would become a link in the supervisor's
//! spreadsheet. As OWASP advises, such a cell is written with a leading
//! apostrophe, which the spreadsheet shows as text and does not run.

use std::borrow::Cow;

/// `value` as a cell a spreadsheet shows as text.
pub fn safe(value: &str) -> Cow<'_, str> {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{value}")),
        _ => Cow::Borrowed(value),
    }
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn formulas_are_written_as_text() {
        for v in [
            "=HYPERLINK(\"x\",\"y\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
        ] {
            assert_eq!(safe(v), format!("'{v}"));
        }
    }

    #[test]
    fn ordinary_values_are_untouched() {
        for v in ["María Pérez", "41234567", "04/12/2026", "", "a=b", "8.10"] {
            assert_eq!(safe(v), v);
        }
    }
}
