//! One letter, two renderings: plain text and an HTML alternative built from
//! the same blocks, so they never say different things. Every text comes
//! from `strings::mail`; values typed by people are escaped in the HTML.

use crate::strings;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(String),
    /// A paragraph that stands out (a date, a deadline).
    Strong(String),
    List(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub subject: String,
    pub to_name: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Rendered {
    /// The outbox entry that sends it: `id` its idempotency key, about
    /// `ticket` (a ticket, a request, or nothing), to `(name, address)`,
    /// pending and due at `at`.
    pub fn into_entry(
        self,
        id: String,
        ticket: &str,
        event: &str,
        (name, address): (&str, &str),
        at: chrono::DateTime<chrono::Utc>,
    ) -> crate::store::outbox::OutboxEntry {
        crate::store::outbox::OutboxEntry {
            id,
            ticket: ticket.to_string(),
            event: event.to_string(),
            to_name: name.to_string(),
            to: address.trim().to_string(),
            subject: self.subject,
            text: self.text,
            html: self.html,
            created_at: at,
            status: crate::store::outbox::OutboxStatus::Pending,
            attempts: 0,
            next_attempt_at: at,
            last_error: None,
            sent_at: None,
            claimed_until: None,
        }
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Wraps `s` at `width` characters on spaces; `indent` starts every line
/// after the first.
fn wrap(s: &str, width: usize, first: &str, indent: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_string();
    let mut line_len = first.chars().count();
    let mut empty = true;
    for word in s.split_whitespace() {
        let w = word.chars().count();
        if !empty && line_len + 1 + w > width {
            out.push_str(line.trim_end());
            out.push('\n');
            line = indent.to_string();
            line_len = indent.chars().count();
            empty = true;
        }
        if !empty {
            line.push(' ');
            line_len += 1;
        }
        line.push_str(word);
        line_len += w;
        empty = false;
    }
    out.push_str(line.trim_end());
    out
}

impl Letter {
    pub fn render(&self, signature: &[String]) -> Rendered {
        const WIDTH: usize = 76;
        let mut text = String::new();
        text.push_str(&strings::mail::greeting(&self.to_name));
        text.push_str("\n\n");
        let mut html = String::from(
            "<!DOCTYPE html>\n<html lang=\"es\">\n<head><meta charset=\"utf-8\"></head>\n\
             <body style=\"font-family: Arial, Helvetica, sans-serif; font-size: 14px; color: #222;\">\n",
        );
        html.push_str(&format!(
            "<p>{}</p>\n",
            escape(&strings::mail::greeting(&self.to_name))
        ));
        for block in &self.blocks {
            match block {
                Block::Para(p) => {
                    text.push_str(&wrap(p, WIDTH, "", ""));
                    html.push_str(&format!("<p>{}</p>\n", escape(p)));
                }
                Block::Strong(p) => {
                    text.push_str(&wrap(p, WIDTH, "", ""));
                    html.push_str(&format!("<p><strong>{}</strong></p>\n", escape(p)));
                }
                Block::List(items) => {
                    html.push_str("<ul>\n");
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            text.push('\n');
                        }
                        text.push_str(&wrap(item, WIDTH, "  - ", "    "));
                        html.push_str(&format!("<li>{}</li>\n", escape(item)));
                    }
                    html.push_str("</ul>\n");
                }
            }
            text.push_str("\n\n");
        }
        text.push_str(strings::mail::closing());
        text.push('\n');
        html.push_str(&format!("<p>{}<br>\n", escape(strings::mail::closing())));
        let sig: Vec<String> = signature.iter().map(|l| escape(l)).collect();
        for line in signature {
            text.push_str(line);
            text.push('\n');
        }
        html.push_str(&sig.join("<br>\n"));
        html.push_str("</p>\n");
        text.push_str("\n-- \n");
        text.push_str(&wrap(strings::mail::automatic_note(), WIDTH, "", ""));
        text.push('\n');
        html.push_str(&format!(
            "<p style=\"color: #777; font-size: 12px;\">{}</p>\n</body>\n</html>\n",
            escape(strings::mail::automatic_note())
        ));
        Rendered {
            subject: self.subject.clone(),
            text,
            html,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_html_say_the_same_and_html_is_escaped() {
        let letter = Letter {
            subject: "Asunto".into(),
            to_name: "Ana <script>".into(),
            blocks: vec![
                Block::Para("Uno & dos".into()),
                Block::Strong("Fecha".into()),
                Block::List(vec!["a".into(), "b".into()]),
            ],
        };
        let r = letter.render(&["Mesa de Servicio".into(), "GRC".into()]);
        assert!(
            r.text
                .starts_with("Estimado(a) Ana <script>:\n\nUno & dos\n\nFecha\n\n  - a\n  - b\n\n")
        );
        assert!(r.text.contains("Atentamente,\nMesa de Servicio\nGRC\n"));
        assert!(r.html.contains("Ana &lt;script&gt;"));
        assert!(!r.html.contains("<script>"));
        assert!(r.html.contains("<p>Uno &amp; dos</p>"));
        assert!(r.html.contains("<li>b</li>"));
        assert!(r.html.contains("Mesa de Servicio<br>\nGRC"));
    }

    #[test]
    fn long_lines_wrap_and_list_items_indent() {
        let long = "palabra ".repeat(30);
        let w = wrap(&long, 30, "  - ", "    ");
        assert!(w.lines().all(|l| l.chars().count() <= 30), "{w}");
        assert!(w.starts_with("  - palabra"));
        assert!(w.lines().skip(1).all(|l| l.starts_with("    palabra")));
    }
}
