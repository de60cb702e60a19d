//! The reports screen's state: `mesa report`'s figures (tickets per week by
//! kind, motive and status; median days from registration to dispatch,
//! approval and installation; certificates expiring per month) for a
//! from/to range typed in a small form. The text is the command's own, so
//! the two never disagree.

use chrono::NaiveDate;

use super::action::Command;
use super::app::{App, Effect, Screen};
use super::line_form::{LineForm, Step};
use super::screens::{self, Cursor, ScreenEffect};
use super::views;
use crate::desk::Desk;
use crate::domain::applicant::parse_date;
use crate::strings;
use crate::strings::screens as s;

#[derive(Debug, Clone, Default)]
pub struct ReportsScreen {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The report as `mesa report` prints it, line by line.
    pub lines: Option<Vec<String>>,
    pub scroll: u16,
    /// The range form.
    pub form: Option<LineForm>,
}

fn screen(app: &mut App) -> &mut ReportsScreen {
    &mut app.screens.reports
}

pub fn open(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Reports;
    app.typing_filter = false;
    load(app)
}

fn load(app: &mut App) -> Vec<Effect> {
    let r = screen(app);
    let (from, to) = (r.from, r.to);
    screens::work(app, ScreenEffect::LoadReport { from, to })
}

/// `f`: the range form, with the range in force.
pub fn range(app: &mut App) -> Vec<Effect> {
    let r = screen(app);
    let day = |d: Option<NaiveDate>| {
        d.map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default()
    };
    let mut form = LineForm::new(
        s::range_title(),
        vec![
            ("from", s::range_from(), day(r.from)),
            ("to", s::range_to(), day(r.to)),
        ],
    );
    form.note = Some(s::range_note().to_string());
    r.form = Some(form);
    Vec::new()
}

/// The range as typed: empty ends are open.
fn parsed(
    form: &LineForm,
) -> (
    Result<Option<NaiveDate>, String>,
    Result<Option<NaiveDate>, String>,
) {
    let day = |key: &str| match form.value(key).trim() {
        "" => Ok(None),
        v => parse_date(v).map(Some).map_err(|r| strings::rule_text(&r)),
    };
    (day("from"), day("to"))
}

fn check(app: &mut App) {
    let Some(form) = &mut screen(app).form else {
        return;
    };
    form.problems.clear();
    match parsed(form) {
        (Ok(Some(f)), Ok(Some(t))) if f > t => {
            form.problems.insert("to", s::range_backwards(f, t));
        }
        (from, to) => {
            if let Err(e) = from {
                form.problems.insert("from", e);
            }
            if let Err(e) = to {
                form.problems.insert("to", e);
            }
        }
    }
}

fn form_command(app: &mut App, c: Command) -> Vec<Effect> {
    let Some(form) = &mut screen(app).form else {
        return Vec::new();
    };
    match form.command(c) {
        Step::Stay => Vec::new(),
        Step::Cancel => {
            screen(app).form = None;
            Vec::new()
        }
        Step::Save => {
            check(app);
            let Some(form) = &mut screen(app).form else {
                return Vec::new();
            };
            if !form.problems.is_empty() {
                form.focus_first_problem();
                let text = s::range_refused(&form.problem_lines());
                screens::error(app, text);
                return Vec::new();
            }
            let (Ok(from), Ok(to)) = parsed(form) else {
                return Vec::new();
            };
            let r = screen(app);
            r.form = None;
            r.from = from;
            r.to = to;
            r.scroll = 0;
            load(app)
        }
    }
}

pub fn key(app: &mut App, ev: crossterm::event::KeyEvent) -> Vec<Effect> {
    if let Some(form) = &mut screen(app).form
        && form.key(&ev)
    {
        check(app);
    }
    Vec::new()
}

pub fn command(app: &mut App, c: Command) -> Vec<Effect> {
    if app.screens.reports.form.is_some() {
        return form_command(app, c);
    }
    if let Some(delta) = Cursor::step(c, views::reports::page(app)) {
        scroll(app, delta);
        return Vec::new();
    }
    match c {
        Command::Back => app.screen = Screen::Queue,
        Command::Reload => return load(app),
        _ => {}
    }
    Vec::new()
}

pub fn scroll(app: &mut App, n: i64) {
    let max = views::reports::max_scroll(app) as i64;
    let r = screen(app);
    r.scroll = (r.scroll as i64 + n).clamp(0, max) as u16;
}

pub fn loaded(
    app: &mut App,
    range: (Option<NaiveDate>, Option<NaiveDate>),
    result: Result<Vec<String>, String>,
) -> Vec<Effect> {
    screens::done(app);
    match result {
        // An answer for a range no longer asked for is dropped.
        Ok(lines) if range == (app.screens.reports.from, app.screens.reports.to) => {
            screen(app).lines = Some(lines);
        }
        Ok(_) => {}
        Err(e) => screens::error(app, e),
    }
    Vec::new()
}

/// The report's text, as `mesa report` prints it.
pub fn run(
    desk: &Desk,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<String>, String> {
    let report = desk.report(from, to).map_err(|e| e.to_string())?;
    Ok(crate::cli::report::text(&report)
        .lines()
        .map(str::to_string)
        .collect())
}
