//! The certificates: tabs (expiring, download window, all) with counts, the
//! certificates under the tab with their term and renewal, and the chosen
//! one in detail; the receipt form of a paid renewal over them.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use super::{footer, list, wrap_lines};
use crate::desk::registry::CertRow;
use crate::domain::certificate::{CertStatus, EXPIRY_HORIZON_DAYS};
use crate::domain::procedure::Kind;
use crate::strings;
use crate::strings::registry as reg;
use crate::strings::screens as s;
use crate::tui::app::App;
use crate::tui::certs::Tab;
use crate::tui::keymap::{self, Scope};
use crate::tui::theme::Theme;

pub const DETAIL_LINES: u16 = 7;

/// Rows of certificates on screen.
pub fn page(app: &App) -> usize {
    list::page(app, DETAIL_LINES)
}

/// "27/12": the year is in the detail below.
fn short(d: chrono::NaiveDate) -> String {
    d.format("%d/%m").to_string()
}

/// What is coming for the certificate: days to expiry, days left to
/// download, the lapse, the expiry or the cancellation (narrow screens show
/// only this; wide ones the status too).
fn term(r: &CertRow) -> String {
    let c = &r.cert;
    if let Some(d) = r.days_to_expiry {
        return s::expires_in(d);
    }
    if let Some(d) = r.download_days_left {
        return s::days_left(d);
    }
    match (r.status, &c.cancelled) {
        (CertStatus::Cancelado, Some(x)) => s::cancelled_on(&short(x.on)),
        (CertStatus::CaducadoDescarga, _) => s::lapsed_on(&short(c.download_until())),
        (CertStatus::Vencido, _) => s::expired_on(&c.expires_on.map(short).unwrap_or_default()),
        (status, _) => reg::status_label(status).to_lowercase(),
    }
}

/// The renewal ticket, the offer, or for a cancelled certificate its motive
/// and RFC 5280 reason.
fn renewal(r: &CertRow) -> String {
    if let Some(x) = &r.cert.cancelled {
        return format!("{}) {}", x.motive, reg::revocation_code(x.reason));
    }
    if let Some(t) = &r.renewal {
        return format!("{} {}", t.id, strings::status_label(t.status));
    }
    match r.offer {
        Some((kind, motive)) => s::offer_cell(
            &strings::kind_and_motive(kind, Some(motive)),
            kind.is_paid(Some(motive)),
        ),
        None => String::new(),
    }
}

/// The tabs with their counts, the chosen one standing out.
pub fn tabs_line(app: &App) -> Line<'static> {
    let c = &app.screens.certs;
    let tabs = Tab::ALL.into_iter().map(|tab| {
        (
            format!("{} {}", s::certs_tab(tab), c.count(tab)),
            tab == c.tab,
        )
    });
    list::tabs_line(app, tabs)
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = Theme::of(app);
    let c = &app.screens.certs;
    let l = list::panes(app, area, DETAIL_LINES);
    frame.render_widget(
        Paragraph::new(Line::styled(s::certs_title(c.rows.len()), t.title())),
        l.title,
    );
    frame.render_widget(Paragraph::new(tabs_line(app)), l.bar);
    draw_table(app, frame, l.table, area.width >= 110);
    frame.render_widget(Paragraph::new(detail(app, area.width)), l.detail);
    frame.render_widget(
        Paragraph::new(footer(
            app,
            Vec::new(),
            &keymap::footer(Scope::Certs, |_| true),
            area.width,
        ))
        .wrap(ratatui::widgets::Wrap { trim: false }),
        l.footer,
    );
    if let Some(pay) = &c.pay {
        super::line_form::draw(app, frame, area, &pay.form);
    }
}

fn detail(app: &App, width: u16) -> Vec<Line<'static>> {
    let t = Theme::of(app);
    let Some(r) = app.screens.certs.current() else {
        return Vec::new();
    };
    let c = &r.cert;
    let mut lines = vec![
        Line::styled("─".repeat(width as usize), t.dim()),
        Line::raw(s::cert_summary(r)),
        Line::styled(s::holder_line(&c.holder, &c.dni, &c.email), t.dim()),
    ];
    for note in reg::row_notes_with(r, EXPIRY_HORIZON_DAYS, s::renew_key) {
        let style = if note.starts_with('⚠') {
            t.urgent()
        } else {
            Default::default()
        };
        lines.push(Line::styled(note, style));
    }
    let mut lines = wrap_lines(lines, width);
    lines.truncate(DETAIL_LINES as usize);
    lines
}

fn draw_table(app: &App, frame: &mut Frame, area: Rect, wide: bool) {
    let t = Theme::of(app);
    let c = &app.screens.certs;
    if !c.loaded {
        frame.render_widget(Paragraph::new(strings::tui::loading()).style(t.dim()), area);
        return;
    }
    if c.visible.is_empty() {
        frame.render_widget(Paragraph::new(s::certs_empty(c.tab)).style(t.dim()), area);
        return;
    }
    let h = s::cert_columns();
    let mut header = vec![h.id, h.holder];
    let mut widths = vec![Constraint::Length(14), Constraint::Fill(1)];
    if wide {
        header.push(h.dni);
        widths.push(Constraint::Length(8));
    }
    if wide {
        header.push(h.status);
        // «Venció el plazo de descarga», the seed's words, in full.
        widths.push(Constraint::Length(27));
    }
    header.extend([h.term, h.renewal]);
    widths.extend([
        // «✗ plazo venció 18/12».
        Constraint::Length(20),
        Constraint::Length(if wide { 26 } else { 22 }),
    ]);
    let rows: Vec<Row> = c.visible[list::window(c.cursor, c.visible.len(), area)]
        .iter()
        .map(|i| {
            let r = &c.rows[*i];
            let warn = r.status == CertStatus::CaducadoDescarga
                || r.days_to_expiry.is_some_and(|d| d <= 10)
                || r.download_days_left.is_some_and(|d| d <= 5);
            let mut cells = vec![
                Cell::from(r.cert.id.clone()),
                Cell::from(r.cert.holder.clone()),
            ];
            if wide {
                cells.push(Cell::from(r.cert.dni.clone()));
            }
            let urgent_cancel = r
                .cert
                .cancelled
                .as_ref()
                .is_some_and(|x| Kind::Cancelacion.is_urgent(Some(x.motive)));
            if wide {
                cells.push(Cell::from(reg::status_label(r.status)));
            }
            cells.extend([
                Cell::from(Span::styled(
                    term(r),
                    if warn { t.urgent() } else { Default::default() },
                )),
                Cell::from(Span::styled(
                    renewal(r),
                    if urgent_cancel {
                        t.urgent()
                    } else {
                        Default::default()
                    },
                )),
            ]);
            Row::new(cells)
        })
        .collect();
    list::table(app, frame, area, header, widths, rows, c.cursor);
}
