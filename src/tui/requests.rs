//! The other families' requests on the console (`O`): every request in
//! arrival order with a tab per family (the families are data, so are the
//! tabs), overdue steps marked and counted, a request's chain (done ✔,
//! current ● with its deadline, pending ○) in the same words as `mesa
//! request show`, and `a` to record the current step done: what was sent,
//! to whom, the answer (`Desk::advance_request`, which sends the next
//! step's mail).

use super::app::{App, Effect};
use super::line_form::{LineForm, Step};
use super::screens::{self, Cursor, ScreenEffect, ScreenResult};
use crate::desk::Desk;
use crate::desk::families::dnis_of;
use crate::strings::families as s;

/// One request as the screen shows it, its words made on the desk's side.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub family: String,
    /// The line of `mesa request list`.
    pub line: String,
    /// The lines of `mesa request show`.
    pub detail: Vec<String>,
    pub overdue: bool,
    pub closed: bool,
    /// Where the current step's work goes, to start the form with.
    pub to: Vec<String>,
}

/// The families (id, name) as tabs, and every request.
pub type Listing = (Vec<(String, String)>, Vec<Row>);

#[derive(Debug, Clone, Default)]
pub struct RequestsScreen {
    pub rows: Vec<Row>,
    /// The families, as tabs after «Todas»: (id, name).
    pub families: Vec<(String, String)>,
    pub loaded: bool,
    /// 0 = every family; `i` = the `i`-th family.
    pub tab: usize,
    /// Positions in `rows` under the tab.
    pub visible: Vec<usize>,
    pub cursor: Cursor,
    /// The chosen request's chain is open.
    pub open: bool,
    /// Recording the current step done: the request and its form.
    pub form: Option<(String, LineForm)>,
}

impl RequestsScreen {
    pub fn current(&self) -> Option<&Row> {
        self.visible
            .get(self.cursor.at)
            .and_then(|i| self.rows.get(*i))
    }

    pub fn overdue(&self) -> usize {
        self.rows.iter().filter(|r| r.overdue).count()
    }

    /// The tab's name: «Todas» or the family's.
    pub fn tab_name(&self, tab: usize) -> String {
        match tab {
            0 => s::all_families().to_string(),
            i => self
                .families
                .get(i - 1)
                .map(|(_, name)| name.clone())
                .unwrap_or_default(),
        }
    }

    fn refresh(&mut self, page: usize) {
        let chosen = self.current().map(|r| r.id.clone());
        let family = (self.tab > 0)
            .then(|| self.families.get(self.tab - 1).map(|(id, _)| id.clone()))
            .flatten();
        self.visible = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| family.as_ref().is_none_or(|f| *f == r.family))
            .map(|(i, _)| i)
            .collect();
        let found = chosen.and_then(|id| self.visible.iter().position(|i| self.rows[*i].id == id));
        super::tabbed::keep(&mut self.cursor, found, self.visible.len(), page);
    }
}

fn page(app: &App) -> usize {
    app.size.1.saturating_sub(8) as usize
}

pub fn open(app: &mut App) -> Vec<Effect> {
    app.screen = super::app::Screen::Requests;
    screens::work(app, ScreenEffect::LoadRequests)
}

/// Runs on the effect thread: every request with its words.
pub fn load(desk: &Desk, actor: &str) -> Result<Listing, String> {
    let families = desk.families().map_err(|e| e.to_string())?;
    let rules = &desk.config.dispatch;
    let now = desk.now();
    let mut rows = Vec::new();
    let mut dnis = Vec::new();
    for r in desk.requests(None).map_err(|e| e.to_string())? {
        let Some(f) = families.iter().find(|f| f.id == r.family) else {
            continue;
        };
        dnis.extend(dnis_of(f, &r));
        rows.push(Row {
            id: r.id.clone(),
            family: f.id.clone(),
            line: s::list_row(f, &r, rules, now),
            detail: s::request_lines(f, &r, rules, now),
            overdue: r.overdue(f, rules, now),
            closed: r.is_closed(),
            to: r
                .current_step(f)
                .map(|st| st.to.clone())
                .unwrap_or_default(),
        });
    }
    // Reading personal data is recorded, as `mesa request list` does.
    let n = rows.len();
    desk.record_bulk_read(actor, s::console_place(), dnis, n)
        .map_err(|e| e.to_string())?;
    let names = families.into_iter().map(|f| (f.id, f.name)).collect();
    Ok((names, rows))
}

pub fn loaded(app: &mut App, result: Result<Listing, String>) -> Vec<Effect> {
    screens::done(app);
    let page = page(app);
    let r = &mut app.screens.requests;
    match result {
        Ok((families, rows)) => {
            r.families = families;
            r.rows = rows;
            r.loaded = true;
            if r.tab > r.families.len() {
                r.tab = 0;
            }
            r.refresh(page);
        }
        Err(e) => screens::error(app, e),
    }
    Vec::new()
}

/// Movement, tabs, the chain, back.
pub fn command(app: &mut App, c: super::action::Command) -> Vec<Effect> {
    use super::action::Command as C;
    if let Some((id, mut form)) = app.screens.requests.form.take() {
        return match form.command(c) {
            Step::Stay => {
                app.screens.requests.form = Some((id, form));
                Vec::new()
            }
            Step::Cancel => Vec::new(),
            Step::Save => save(app, id, form),
        };
    }
    let page = page(app);
    let r = &mut app.screens.requests;
    if let Some(delta) = Cursor::step(c, page) {
        r.cursor = r.cursor.moved(delta, r.visible.len(), page);
        return Vec::new();
    }
    match c {
        C::NextTab | C::PrevTab => {
            let n = r.families.len() + 1;
            r.tab = if c == C::NextTab {
                (r.tab + 1) % n
            } else {
                (r.tab + n - 1) % n
            };
            r.cursor = Cursor::default();
            r.open = false;
            r.refresh(page);
        }
        C::Accept => r.open = !r.open && r.current().is_some(),
        C::Back if r.open => r.open = false,
        C::Back => app.screen = super::app::Screen::Queue,
        C::Reload => return screens::work(app, ScreenEffect::LoadRequests),
        _ => {}
    }
    Vec::new()
}

pub fn scroll(app: &mut App, n: i64) {
    let page = page(app);
    let r = &mut app.screens.requests;
    r.cursor = r.cursor.moved(n, r.visible.len(), page);
}

/// A key typed into the form.
pub fn key(app: &mut App, ev: crossterm::event::KeyEvent) -> Vec<Effect> {
    if let Some((_, form)) = &mut app.screens.requests.form
        && form.key(&ev)
    {
        form.problems.clear();
    }
    Vec::new()
}

/// `a`: the current step of the chosen request done.
pub fn advance(app: &mut App) -> Vec<Effect> {
    let Some(row) = app.screens.requests.current() else {
        screens::error(app, s::none_chosen());
        return Vec::new();
    };
    if row.closed {
        screens::error(app, s::already_closed(&row.id));
        return Vec::new();
    }
    let (id, to) = (row.id.clone(), row.to.join(", "));
    let mut form = LineForm::new(
        s::advance_title(&id),
        vec![
            ("sent", s::advance_sent(), String::new()),
            ("to", s::advance_to(), to),
            ("answer", s::advance_answer(), String::new()),
        ],
    );
    form.note = Some(s::advance_note().to_string());
    app.screens.requests.form = Some((id, form));
    Vec::new()
}

fn save(app: &mut App, id: String, mut form: LineForm) -> Vec<Effect> {
    if form.value("sent").trim().is_empty() {
        form.problems
            .insert("sent", s::advance_sent_missing().to_string());
        form.focus_first_problem();
        app.screens.requests.form = Some((id, form));
        return Vec::new();
    }
    let sent_to = form
        .value("to")
        .split([',', ';', ' '])
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
        .collect();
    let effect = ScreenEffect::AdvanceRequest {
        id: id.clone(),
        sent: form.value("sent").to_string(),
        sent_to,
        answer: form.value("answer").to_string(),
    };
    form.saving = true;
    app.screens.requests.form = Some((id, form));
    screens::work(app, effect)
}

/// Runs on the effect thread: the step recorded, the next step's mail queued.
pub fn run_advance(
    desk: &Desk,
    actor: &str,
    id: &str,
    sent: &str,
    sent_to: &[String],
    answer: &str,
) -> Result<String, String> {
    let (r, queued) = desk
        .advance_request(actor, id, sent, sent_to, answer, &[])
        .map_err(|e| e.to_string())?;
    let family = desk.family(&r.family).map_err(|e| e.to_string())?;
    let mut said = s::advanced(&r.id, &family.status_name(&r.status));
    let mail = s::mail_queued(queued);
    if !mail.is_empty() {
        said = format!("{said} {mail}");
    }
    Ok(said)
}

pub fn advanced(app: &mut App, result: Result<String, String>) -> Vec<Effect> {
    screens::done(app);
    match result {
        Ok(said) => {
            app.screens.requests.form = None;
            screens::info(app, said);
            screens::work(app, ScreenEffect::LoadRequests)
        }
        Err(e) => {
            // The form stays with what was typed; the reason beside it.
            if let Some((_, form)) = &mut app.screens.requests.form {
                form.saving = false;
            }
            screens::error(app, e);
            Vec::new()
        }
    }
}

/// For `ScreenResult`: what the effects bring back.
pub fn result_of(desk: &Desk, actor: &str, e: ScreenEffect) -> Option<ScreenResult> {
    Some(match e {
        ScreenEffect::LoadRequests => ScreenResult::Requests(load(desk, actor)),
        ScreenEffect::AdvanceRequest {
            id,
            sent,
            sent_to,
            answer,
        } => ScreenResult::Advanced(run_advance(desk, actor, &id, &sent, &sent_to, &answer)),
        _ => return None,
    })
}
