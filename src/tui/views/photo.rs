//! The ticket's picture panel: each applicant's photo and signature, on
//! the right of the ticket's text, as many as fit (see `tui::photo`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui_image::Image;

use crate::strings::look as s;
use crate::tui::app::App;
use std::sync::Arc;

use crate::tui::photo::{self, Picture, Shape, WIDTH};
use crate::tui::theme::Theme;

/// Below this width the ticket keeps all columns for its text.
const MIN_SCREEN: u16 = 72;
/// The form needs its value and problem columns first.
const MIN_FORM_SCREEN: u16 = 110;

/// Columns the panel takes at this width: none when the screen is narrow
/// or the ticket has no photo or signature.
pub fn width(app: &App, screen: u16) -> u16 {
    let has = app
        .detail
        .as_ref()
        .and_then(|d| d.loaded.as_ref())
        .is_some_and(|l| !photo::attachments(&l.ticket).is_empty());
    if has && screen >= MIN_SCREEN {
        WIDTH + 2
    } else {
        0
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(l) = app.detail.as_ref().and_then(|d| d.loaded.as_ref()) else {
        return;
    };
    let list = photo::attachments(&l.ticket)
        .into_iter()
        .map(|(i, shape, att)| (i, shape, photo::get(&att.sha256, shape)))
        .collect();
    draw_list(app, frame, area, list);
}

/// The intake form's photos and signatures whose typed file was read and
/// passed its check.
fn form_pictures(app: &App) -> Vec<(usize, Shape, Option<Arc<Picture>>)> {
    let Some(form) = &app.form else {
        return Vec::new();
    };
    form.fields()
        .into_iter()
        .filter_map(|f| {
            let shape = match f.column {
                "photo" => Shape::Photo,
                "signature" => Shape::Signature,
                _ => return None,
            };
            let path = form.value(f).trim();
            let passed = form
                .file_checks
                .get(&f)
                .is_some_and(|(p, problem)| p == path && problem.is_none());
            let picture = photo::of_typed(path, shape).filter(|_| passed)?;
            Some((f.applicant.unwrap_or(0), shape, Some(picture)))
        })
        .collect()
}

/// Columns the form's panel takes: only on a wide screen with a picture.
pub fn form_width(app: &App, screen: u16) -> u16 {
    if screen >= MIN_FORM_SCREEN && !form_pictures(app).is_empty() {
        WIDTH + 2
    } else {
        0
    }
}

pub fn draw_form(app: &App, frame: &mut Frame, area: Rect) {
    draw_list(app, frame, area, form_pictures(app));
}

fn draw_list(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    list: Vec<(usize, Shape, Option<Arc<Picture>>)>,
) {
    let t = Theme::of(app);
    let x = area.x + 1;
    let w = area.width.saturating_sub(2).min(WIDTH);
    let bottom = area.y + area.height;
    let mut y = area.y;
    for (i, shape, picture) in list {
        let rows = picture
            .as_ref()
            .filter(|p| p.protocol.is_some())
            .map_or(1, |p| p.area.height.min(shape.rows()));
        if y + 1 + rows > bottom {
            break;
        }
        frame.render_widget(
            Paragraph::new(Line::styled(s::caption(shape, i + 1), t.dim())),
            Rect::new(x, y, w, 1),
        );
        y += 1;
        match picture
            .as_ref()
            .and_then(|p| p.protocol.as_ref().map(|pr| (p, pr)))
        {
            Some((p, protocol)) => frame.render_widget(
                Image::new(protocol),
                Rect::new(x, y, p.area.width.min(w), rows),
            ),
            None => frame.render_widget(
                Paragraph::new(Line::styled(s::cannot_show(), t.dim())),
                Rect::new(x, y, w, 1),
            ),
        }
        y += rows + 1;
    }
}
