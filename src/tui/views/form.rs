//! The intake form: one line per field, the problem beside it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{fit, footer};
use crate::strings;
use crate::strings::tui as s;
use crate::tui::app::App;
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = Theme::of(app);
    let Some(form) = &app.form else {
        return;
    };
    let title = match form.editing.as_deref() {
        Some(e) => strings::correction::form_title(&e.id),
        None => s::form_title().to_string(),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(title, t.title())),
        Rect::new(area.x, area.y, area.width, 1),
    );
    let today = app.now.with_timezone(&app.rules.timezone).date_naive();
    let problems = form.problems(today, &app.validation);
    let fields = form.fields();
    let focus = form.focus.min(fields.len() - 1);
    let label_w = 28usize;
    // A checked photo or signature shows on the right of a wide screen.
    let panel = super::photo::form_width(app, area.width);
    let text_w = area.width - panel;
    let value_w = if area.width >= 110 { 36 } else { 24 };
    let mut lines = Vec::new();
    let mut focus_line = 0usize;
    let mut last_applicant = None;
    for (i, f) in fields.iter().enumerate() {
        if f.applicant != last_applicant {
            if let Some(n) = f.applicant {
                lines.push(Line::styled(s::form_applicant(n + 1), t.title()));
            }
            last_applicant = f.applicant;
        }
        let focused = i == focus;
        if focused {
            focus_line = lines.len();
        }
        let label = s::form_field(f.column, form.kind);
        let mut value = form.value(*f).to_string();
        if f.column == "kind" {
            value = format!("‹ {} ›", strings::kind_label(form.kind));
        }
        let shown = fit(&value, value_w - 1) + if focused { "█" } else { "" };
        let problem = form.save_errors.get(f).or_else(|| problems.get(f));
        let marker = if focused { "›" } else { " " };
        // A space between label and value, however long the label.
        let mut spans = vec![
            Span::styled(
                format!("{marker} {:<label_w$} ", fit(label, label_w)),
                if focused { t.focus() } else { t.dim() },
            ),
            Span::raw(format!("{shown:<value_w$} ")),
        ];
        if let Some(e) = form.editing.as_deref() {
            // Correcting: what cannot change says so; an empty file field
            // keeps the file the ticket has.
            let note = match (f.applicant, f.column) {
                (_, c) if crate::tui::correct::locked(c) && problem.is_none() => {
                    Some(strings::correction::dni_note().to_string())
                }
                (Some(i), "photo" | "signature") if value.is_empty() => {
                    e.current_file(i, f.column).map(String::from)
                }
                _ => None,
            };
            if let Some(note) = note {
                spans.push(Span::styled(note, t.dim()));
                lines.push(Line::from(spans));
                continue;
            }
        }
        let said = match problem {
            // Untouched empty fields wait for the first save to complain.
            Some(p) if form.touched || !value.is_empty() => Some(("✘", p.to_string(), t.fail())),
            Some(_) => None,
            None if f.column == "motive" && !value.is_empty() => {
                let letter = value.trim().to_lowercase().chars().next().unwrap_or('?');
                let label = strings::motive_label(form.kind, letter).to_string();
                Some(("✔", label, t.ok()))
            }
            None if !value.is_empty() => Some(("✔", String::new(), t.ok())),
            None => None,
        };
        if let Some((mark, text, style)) = said {
            // A long text wraps under itself rather than run off the screen.
            let at = 2 + label_w + 1 + value_w + 1;
            let room = usize::from(text_w).saturating_sub(at).max(12);
            let mut parts = super::fit::wrap_words(&text, room - 2).into_iter();
            let first = parts.next().unwrap_or_default();
            let first = if first.is_empty() {
                mark.to_string()
            } else {
                format!("{mark} {first}")
            };
            spans.push(Span::styled(first, style));
            lines.push(Line::from(spans));
            for rest in parts {
                lines.push(Line::from(vec![
                    Span::raw(" ".repeat(at + 2)),
                    Span::styled(rest, style),
                ]));
            }
            continue;
        }
        lines.push(Line::from(spans));
    }
    let body = Rect::new(area.x, area.y + 1, text_w, area.height.saturating_sub(2));
    if panel > 0 {
        super::photo::draw_form(
            app,
            frame,
            Rect::new(area.x + text_w, body.y, panel, body.height),
        );
    }
    let scroll = focus_line.saturating_sub(body.height as usize * 2 / 3) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), body);
    let mut foot = footer(
        app,
        Vec::new(),
        &keymap::footer(Scope::Form, |c| {
            form.editing.is_none() || c != crate::tui::action::Command::AddApplicant
        }),
        area.width,
    );
    if app.status.is_none() && !problems.is_empty() {
        foot = Line::styled(s::form_invalid(problems.len()), t.dim()).into();
    }
    frame.render_widget(
        Paragraph::new(foot),
        Rect::new(area.x, area.y + area.height - 1, area.width, 1),
    );
    if form.confirm_discard {
        let r = super::centered(area, 60, 5);
        frame.render_widget(Clear, r);
        frame.render_widget(
            Paragraph::new(vec![
                Line::from(if form.quit_after {
                    crate::strings::console_safety::discard_and_quit_question()
                } else {
                    s::form_discard_question()
                }),
                Line::from(""),
                Line::from(vec![
                    Span::raw("   "),
                    Span::raw(format!("[ {} ]", s::yes())),
                    Span::raw("   "),
                    Span::styled(format!("[ {} ]", s::no()), t.cursor()),
                ]),
            ])
            .block(
                Block::default()
                    .borders(Borders::ALL)
                    .title(s::form_discard_title()),
            ),
            r,
        );
    }
}
