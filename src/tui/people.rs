//! The people screen's state: the directory with a search as you type
//! (name, DNI, email, job title, unit, dependency), one person's card with
//! their certificates and tickets, and the form that edits a person with
//! the import's own checks (nothing is saved while a field is wrong).

use crossterm::event::KeyEvent;

use super::action::Command;
use super::app::{App, Effect, Screen};
use super::line_form::{LineForm, Step};
use super::screens::{self, Cursor, ScreenEffect};
use super::views;
use crate::desk::Desk;
use crate::desk::people::PersonEditError;
use crate::desk::registry::CertRow;
use crate::domain::Ticket;
use crate::domain::person::{Person, PersonEdit, PersonField};
use crate::domain::query::fold;
use crate::domain::ticket::arrival_order;
use crate::strings;
use crate::strings::screens as s;

/// A person's certificates (as the registry sees them today) and tickets.
#[derive(Debug, Clone)]
pub struct Details {
    pub certs: Vec<CertRow>,
    pub tickets: Vec<Ticket>,
}

#[derive(Debug, Clone)]
pub struct Card {
    pub dni: String,
    pub details: Option<Details>,
    pub scroll: u16,
}

/// Why a save was refused: per field, or as a whole.
#[derive(Debug, Clone)]
pub enum SaveRefused {
    Fields(Vec<(PersonField, String)>),
    Other(String),
}

#[derive(Debug, Clone, Default)]
pub struct PeopleScreen {
    /// The directory, by DNI.
    pub people: Vec<Person>,
    hay: Vec<String>,
    pub loaded: bool,
    pub search: String,
    pub typing: bool,
    /// Positions in `people` matching the search.
    pub visible: Vec<usize>,
    pub cursor: Cursor,
    pub card: Option<Card>,
    /// The edit form and the DNI it edits.
    pub form: Option<(String, LineForm)>,
}

impl PeopleScreen {
    pub fn current(&self) -> Option<&Person> {
        self.visible.get(self.cursor.at).map(|i| &self.people[*i])
    }

    pub fn person(&self, dni: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.dni == dni)
    }

    /// Every word of the search in the person's folded text.
    fn refilter(&mut self, page: usize) {
        let words: Vec<String> = fold(&self.search)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        self.visible = (0..self.people.len())
            .filter(|i| words.iter().all(|w| self.hay[*i].contains(w.as_str())))
            .collect();
        self.cursor = self.cursor.clamped(self.visible.len(), page);
    }

    fn set_people(&mut self, people: Vec<Person>, page: usize) {
        self.hay = people.iter().map(Person::haystack).collect();
        self.people = people;
        self.loaded = true;
        self.refilter(page);
    }
}

fn page(app: &App) -> usize {
    views::people::page(app)
}

fn screen(app: &mut App) -> &mut PeopleScreen {
    &mut app.screens.people
}

/// The form's fields, in order: import column, label.
const FIELDS: [PersonField; 6] = [
    PersonField::FullName,
    PersonField::Email,
    PersonField::JobTitle,
    PersonField::Unit,
    PersonField::Dependency,
    PersonField::StartedOn,
];

pub fn open(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::People;
    app.typing_filter = false;
    screens::work(app, ScreenEffect::LoadPeople)
}

fn open_card(app: &mut App, dni: String) -> Vec<Effect> {
    screen(app).card = Some(Card {
        dni: dni.clone(),
        details: None,
        scroll: 0,
    });
    screens::work(app, ScreenEffect::LoadPerson(dni))
}

/// The person the keys are about: the card's, or the one under the cursor.
fn chosen(app: &App) -> Option<&Person> {
    let p = &app.screens.people;
    match &p.card {
        Some(c) => p.person(&c.dni),
        None => p.current(),
    }
}

pub fn edit(app: &mut App) -> Vec<Effect> {
    let Some(p) = chosen(app).cloned() else {
        screens::error(app, s::no_person());
        return Vec::new();
    };
    let fields = FIELDS
        .iter()
        .map(|f| {
            let value = match f {
                PersonField::FullName => p.full_name.clone(),
                PersonField::Email => p.email.clone(),
                PersonField::JobTitle => p.job_title.clone(),
                PersonField::Unit => p.unit.clone(),
                PersonField::Dependency => p.dependency.clone(),
                _ => p.started_on.format("%d/%m/%Y").to_string(),
            };
            (f.column(), strings::people::field_label(*f), value)
        })
        .collect();
    let mut form = LineForm::new(s::edit_person_title(&p.full_name), fields);
    form.note = Some(s::edit_person_note(&p.dni));
    screen(app).form = Some((p.dni.clone(), form));
    check(app);
    Vec::new()
}

/// The edit as the form holds it: every field given.
fn edit_of(form: &LineForm) -> PersonEdit {
    let v = |f: PersonField| Some(form.value(f.column()).to_string());
    PersonEdit {
        full_name: v(PersonField::FullName),
        email: v(PersonField::Email),
        job_title: v(PersonField::JobTitle),
        unit: v(PersonField::Unit),
        dependency: v(PersonField::Dependency),
        started_on: v(PersonField::StartedOn),
    }
}

/// Checks the form with the import's rules, as typed.
fn check(app: &mut App) {
    let today = app.now.with_timezone(&app.rules.timezone).date_naive();
    let rules = app.validation.clone();
    let people = &mut app.screens.people;
    let Some((dni, form)) = &mut people.form else {
        return;
    };
    let Some(current) = people.people.iter().find(|p| p.dni == *dni) else {
        return;
    };
    form.problems.clear();
    if let Err(problems) = edit_of(form).apply(current, today, &rules) {
        for (f, p) in problems {
            form.problems
                .entry(f.column())
                .or_insert_with(|| strings::rule_text(&p.rule));
        }
    }
}

fn form_command(app: &mut App, c: Command) -> Vec<Effect> {
    let Some((dni, form)) = &mut screen(app).form else {
        return Vec::new();
    };
    match form.command(c) {
        Step::Stay => Vec::new(),
        Step::Cancel => {
            screen(app).form = None;
            screens::info(app, s::edit_cancelled());
            Vec::new()
        }
        Step::Save if form.saving => Vec::new(),
        Step::Save => {
            let (dni, edit) = (dni.clone(), edit_of(form));
            check(app);
            let Some((_, form)) = &mut screen(app).form else {
                return Vec::new();
            };
            if !form.problems.is_empty() {
                form.focus_first_problem();
                let text = s::not_saved(&form.problem_lines());
                screens::error(app, text);
                return Vec::new();
            }
            form.saving = true;
            screens::info(app, s::saving());
            screens::work(app, ScreenEffect::SavePerson { dni, edit })
        }
    }
}

pub fn command(app: &mut App, c: Command) -> Vec<Effect> {
    if app.screens.people.form.is_some() {
        return form_command(app, c);
    }
    if app.screens.people.typing {
        let page = page(app);
        let p = screen(app);
        match c {
            Command::Accept => p.typing = false,
            Command::Back => {
                p.typing = false;
                p.search.clear();
                p.refilter(page);
            }
            Command::Up | Command::Down => {
                let delta = if c == Command::Up { -1 } else { 1 };
                p.cursor = p.cursor.moved(delta, p.visible.len(), page);
            }
            _ => {}
        }
        return Vec::new();
    }
    if app.screens.people.card.is_some() {
        return card_command(app, c);
    }
    let page = page(app);
    if let Some(delta) = Cursor::step(c, page) {
        let p = screen(app);
        p.cursor = p.cursor.moved(delta, p.visible.len(), page);
        return Vec::new();
    }
    match c {
        Command::Accept => {
            if let Some(dni) = app.screens.people.current().map(|p| p.dni.clone()) {
                return open_card(app, dni);
            }
        }
        Command::Back => {
            let p = screen(app);
            if p.search.is_empty() {
                app.screen = Screen::Queue;
            } else {
                p.search.clear();
                p.refilter(page);
            }
        }
        Command::Reload => return screens::work(app, ScreenEffect::LoadPeople),
        _ => {}
    }
    Vec::new()
}

fn card_command(app: &mut App, c: Command) -> Vec<Effect> {
    let max = views::people::card_max_scroll(app);
    let Some(card) = &mut screen(app).card else {
        return Vec::new();
    };
    let scroll = |card: &mut Card, delta: i64| {
        card.scroll = (card.scroll as i64 + delta).clamp(0, max as i64) as u16;
    };
    if let Some(delta) = Cursor::step(c, 10) {
        scroll(card, delta);
        return Vec::new();
    }
    match c {
        Command::Back => screen(app).card = None,
        Command::Reload => {
            let dni = card.dni.clone();
            return screens::work(app, ScreenEffect::LoadPerson(dni));
        }
        _ => {}
    }
    Vec::new()
}

/// `/`: type the search.
pub fn search(app: &mut App) -> Vec<Effect> {
    let p = screen(app);
    p.card = None;
    p.typing = true;
    Vec::new()
}

/// Typing: the search, or the form's focused field.
pub fn key(app: &mut App, ev: KeyEvent) -> Vec<Effect> {
    let page = page(app);
    let p = screen(app);
    if let Some((_, form)) = &mut p.form {
        if form.key(&ev) {
            check(app);
        }
        return Vec::new();
    }
    if p.typing && super::app::edit_line(&mut p.search, &ev) {
        p.cursor = Cursor::default();
        p.refilter(page);
    }
    Vec::new()
}

pub fn scroll(app: &mut App, n: i64) {
    let page = page(app);
    let max = views::people::card_max_scroll(app);
    let p = screen(app);
    match &mut p.card {
        Some(card) => card.scroll = (card.scroll as i64 + n).clamp(0, max as i64) as u16,
        None => p.cursor = p.cursor.moved(n, p.visible.len(), page),
    }
}

pub fn loaded(app: &mut App, result: Result<Vec<Person>, String>) -> Vec<Effect> {
    screens::done(app);
    let page = page(app);
    match result {
        Ok(people) => screen(app).set_people(people, page),
        Err(e) => screens::error(app, e),
    }
    Vec::new()
}

pub fn details(app: &mut App, dni: String, result: Result<Details, String>) -> Vec<Effect> {
    screens::done(app);
    match result {
        Ok(d) => {
            if let Some(card) = &mut screen(app).card
                && card.dni == dni
            {
                card.details = Some(d);
            }
        }
        Err(e) => screens::error(app, e),
    }
    Vec::new()
}

pub fn saved(app: &mut App, result: Result<Person, SaveRefused>) -> Vec<Effect> {
    screens::done(app);
    match result {
        Ok(person) => {
            let text = strings::people::edited(&person.full_name, &person.dni);
            let page = page(app);
            let p = screen(app);
            p.form = None;
            let mut people = std::mem::take(&mut p.people);
            match people.iter_mut().find(|x| x.dni == person.dni) {
                Some(x) => *x = person.clone(),
                None => people.push(person.clone()),
            }
            p.set_people(people, page);
            screens::info(app, text);
            if app.screens.people.card.is_some() {
                return screens::work(app, ScreenEffect::LoadPerson(person.dni));
            }
        }
        Err(refused) => {
            let Some((_, form)) = &mut screen(app).form else {
                return Vec::new();
            };
            form.saving = false;
            match refused {
                SaveRefused::Fields(problems) => {
                    form.problems = problems
                        .into_iter()
                        .map(|(f, text)| (f.column(), text))
                        .collect();
                    form.focus_first_problem();
                    let text = s::not_saved(&form.problem_lines());
                    screens::error(app, text);
                }
                SaveRefused::Other(e) => screens::error(app, e),
            }
        }
    }
    Vec::new()
}

/// The whole directory: a bulk read of personal data, so it is audited.
pub fn load(desk: &Desk, actor: &str) -> Result<Vec<Person>, String> {
    let people = desk.people("").map_err(|e| e.to_string())?;
    let dnis = people.iter().map(|p| p.dni.clone()).collect();
    desk.record_bulk_read(actor, strings::trust::console_people(), dnis, people.len())
        .map_err(|e| e.to_string())?;
    Ok(people)
}

pub fn load_details(desk: &Desk, dni: &str) -> Result<Details, String> {
    let today = desk.today();
    let mut certs = Vec::new();
    for c in desk.store.certificates_of(dni).map_err(|e| e.to_string())? {
        certs.push(desk.cert_row(c, today).map_err(|e| e.to_string())?);
    }
    let mut tickets: Vec<Ticket> = desk
        .store
        .with_dni(dni)
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    tickets.sort_by(arrival_order);
    Ok(Details { certs, tickets })
}

pub fn save(desk: &Desk, actor: &str, dni: &str, edit: &PersonEdit) -> Result<Person, SaveRefused> {
    desk.edit_person(dni, edit, actor).map_err(|e| match e {
        PersonEditError::Invalid(problems) => SaveRefused::Fields(
            problems
                .into_iter()
                .map(|(f, p)| (f, strings::rule_text(&p.rule)))
                .collect(),
        ),
        e => SaveRefused::Other(e.to_string()),
    })
}
