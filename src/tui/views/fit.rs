//! Fitting text to a column: a cut text ends with «…», so a cut name never
//! reads as another name, and a marker that changes the meaning (« +1»:
//! more applicants) is kept whole.

use ratatui::layout::{Constraint, Flex, Layout, Rect};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` in at most `width` cells, ending with «…» when cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// `text` then `suffix` in at most `width` cells: the text is cut (with
/// «…») before the suffix is; the suffix alone is cut only when nothing
/// of the text would fit.
pub fn fit_with_suffix(text: &str, suffix: &str, width: usize) -> String {
    let room = width.saturating_sub(suffix.width());
    if suffix.is_empty() || room < 2 {
        return fit(&format!("{text}{suffix}"), width);
    }
    format!("{}{suffix}", fit(text, room))
}

/// `text` in lines of at most `width` cells, broken at spaces (a word
/// longer than a line is cut with «…»).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let next = if line.is_empty() {
            word.width()
        } else {
            line.width() + 1 + word.width()
        };
        if next > width && !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&fit(word, width));
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}

/// The cells each column of a table gets, as `Table` lays them out
/// (`Flex::Start`, `spacing` between columns, no selection symbol).
pub fn column_widths(widths: &[Constraint], spacing: u16, width: u16) -> Vec<usize> {
    Layout::horizontal(widths.to_vec())
        .flex(Flex::Start)
        .spacing(spacing)
        .split(Rect::new(0, 0, width, 1))
        .iter()
        .map(|r| usize::from(r.width))
        .collect()
}

/// A shown applicant list split into the name and its « +N» marker.
pub fn split_marker(applicants: &str) -> (&str, &str) {
    match applicants.rfind(" +") {
        Some(i)
            if applicants[i + 2..].bytes().all(|b| b.is_ascii_digit())
                && i + 2 < applicants.len() =>
        {
            applicants.split_at(i)
        }
        _ => (applicants, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_name_ends_with_an_ellipsis() {
        assert_eq!(fit("Rosa Guevara Mego", 11), "Rosa Gueva…");
        assert_eq!(fit("Rosa Guevara Mego", 12), "Rosa Guevar…");
        assert_eq!(fit("Rosa", 11), "Rosa");
        assert_eq!(fit("Rosa", 0), "");
    }

    #[test]
    fn long_texts_wrap_at_spaces() {
        assert_eq!(
            wrap_words("use una letra de a a f", 10),
            ["use una", "letra de a", "a f"]
        );
        assert_eq!(wrap_words("", 10), [""]);
        assert_eq!(wrap_words("larguísimo", 5), ["larg…"]);
    }

    #[test]
    fn the_marker_stays_whole() {
        assert_eq!(
            fit_with_suffix("Rosa Guevara Mego", " +1", 12),
            "Rosa Gue… +1"
        );
        assert_eq!(split_marker("Rosa Mego +2"), ("Rosa Mego", " +2"));
        assert_eq!(split_marker("Rosa Mego"), ("Rosa Mego", ""));
    }
}
