//! The intake form's state: register a ticket on behalf of a staff member.
//! Fields are checked as they are typed with the domain's own rules; saving
//! goes through the same machinery as a CSV import (`Desk::register_fields`),
//! which also checks the attachment files and the receipt's uniqueness.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Command;
use super::app::{App, Effect, Level, Screen, StatusLine};
use super::queue_index::QueueRow;
use crate::domain::applicant::{
    Applicant, Field, PaymentReceipt, ValidationRules, check_applicant, check_not_future,
    check_receipt, parse_amount_cents, parse_date,
};
use crate::domain::{Kind, Ticket};
use crate::strings;
use crate::strings::tui as s;

/// Per applicant, in screen order (names are the import's columns).
pub const APPLICANT_COLUMNS: [&str; 10] = [
    "full_name",
    "dni",
    "dni_issued_on",
    "email",
    "photo",
    "signature",
    "cert_expires_on",
    "payment_operation",
    "payment_date",
    "payment_amount",
];

/// A field of the form: the ticket's own, or applicant `n`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldId {
    pub applicant: Option<usize>,
    pub column: &'static str,
}

const KIND: FieldId = FieldId {
    applicant: None,
    column: "kind",
};
const MOTIVE: FieldId = FieldId {
    applicant: None,
    column: "motive",
};
const CERTIFICATE: FieldId = FieldId {
    applicant: None,
    column: "certificate",
};

/// A problem the store found when saving: applicant line (from 1), import
/// column, message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveProblem {
    pub line: u64,
    pub column: Option<&'static str>,
    pub message: String,
}

/// What the form sends to the store: one map of import columns per applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub rows: Vec<BTreeMap<&'static str, String>>,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub kind: Kind,
    pub motive: String,
    pub certificate: String,
    pub applicants: Vec<BTreeMap<&'static str, String>>,
    pub focus: usize,
    /// Problems the store found on the last save (files, receipts).
    pub save_errors: BTreeMap<FieldId, String>,
    /// Photo and signature files read as they were typed: the path read
    /// and what is wrong with it (see `form_files`).
    pub file_checks: BTreeMap<FieldId, (String, Option<String>)>,
    pub confirm_discard: bool,
    /// The discard question was asked on the way out (Ctrl-C, `q`, the
    /// palette's «Salir»): confirming it quits mesa (see `safety`).
    pub quit_after: bool,
    pub saving: bool,
    pub touched: bool,
    /// Set when the form corrects an existing ticket (see `correct`).
    pub editing: Option<Box<super::correct::Editing>>,
}

impl Form {
    pub fn new() -> Form {
        Form {
            kind: Kind::Emision,
            motive: String::new(),
            certificate: String::new(),
            applicants: vec![BTreeMap::new()],
            focus: 0,
            save_errors: BTreeMap::new(),
            file_checks: BTreeMap::new(),
            confirm_discard: false,
            quit_after: false,
            saving: false,
            touched: false,
            editing: None,
        }
    }

    /// The applicant fields this kind and motive take: the receipt only on
    /// paid motives.
    pub fn applicant_columns(&self) -> Vec<&'static str> {
        if !self.kind.spec().needs_applicants {
            return vec!["full_name", "dni", "email"];
        }
        let paid = self.kind.is_paid(self.motive());
        APPLICANT_COLUMNS
            .into_iter()
            .filter(|c| paid || !c.starts_with("payment_"))
            .collect()
    }

    /// Every field shown, in Tab order.
    pub fn fields(&self) -> Vec<FieldId> {
        let spec = self.kind.spec();
        let mut out = vec![KIND];
        if self.kind.takes_motive() {
            out.push(MOTIVE);
        }
        if spec.needs_certificate {
            out.push(CERTIFICATE);
        }
        for i in 0..self.applicants.len() {
            for column in self.applicant_columns() {
                out.push(FieldId {
                    applicant: Some(i),
                    column,
                });
            }
        }
        out
    }

    pub fn focused(&self) -> FieldId {
        let f = self.fields();
        f[self.focus.min(f.len() - 1)]
    }

    pub fn value(&self, f: FieldId) -> &str {
        match (f.applicant, f.column) {
            (None, "kind") => self.kind.code(),
            (None, "motive") => &self.motive,
            (None, _) => &self.certificate,
            (Some(i), col) => self
                .applicants
                .get(i)
                .and_then(|a| a.get(col))
                .map(String::as_str)
                .unwrap_or(""),
        }
    }

    fn value_mut(&mut self, f: FieldId) -> Option<&mut String> {
        match (f.applicant, f.column) {
            (None, "kind") => None,
            (None, "motive") => Some(&mut self.motive),
            (None, _) => Some(&mut self.certificate),
            (Some(i), col) => self
                .applicants
                .get_mut(i)
                .map(|a| a.entry(col).or_default()),
        }
    }

    fn motive(&self) -> Option<char> {
        let m = self.motive.trim().to_lowercase();
        let mut chars = m.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if self.kind.motive(c).is_some() => Some(c),
            _ => None,
        }
    }

    /// Every problem of the form as typed, by field, in Spanish.
    pub fn problems(&self, today: NaiveDate, rules: &ValidationRules) -> BTreeMap<FieldId, String> {
        let mut out = BTreeMap::new();
        let kind = self.kind;
        let motive = self.motive();
        if kind.takes_motive() {
            if self.motive.trim().is_empty() {
                out.insert(
                    MOTIVE,
                    strings::rule_text(&crate::domain::Rule::MotiveRequired { kind }),
                );
            } else if motive.is_none() {
                out.insert(
                    MOTIVE,
                    strings::rule_text(&crate::domain::Rule::MotiveUnknown {
                        kind,
                        given: self.motive.chars().take(10).collect(),
                    }),
                );
            }
        }
        if kind.spec().needs_certificate && self.certificate.trim().is_empty() {
            out.insert(
                CERTIFICATE,
                strings::rule_text(&crate::domain::Rule::Required),
            );
        }
        let shown = self.applicant_columns();
        for (i, a) in self.applicants.iter().enumerate() {
            // Hidden fields (a receipt typed before the motive changed) do not count.
            let get = |c: &str| {
                if shown.contains(&c) {
                    a.get(c).map(|s| s.trim()).unwrap_or("")
                } else {
                    ""
                }
            };
            let id = |column| FieldId {
                applicant: Some(i),
                column,
            };
            let mut put = |column: &'static str, text: String| {
                out.entry(id(column)).or_insert(text);
            };
            let mut date = |column: &'static str| match get(column) {
                "" => None,
                v => match parse_date(v) {
                    Ok(d) => Some(d),
                    Err(rule) => {
                        put(column, strings::rule_text(&rule));
                        None
                    }
                },
            };
            let dni_issued_on = date("dni_issued_on");
            let cert_expires_on = date("cert_expires_on");
            let paid_on = date("payment_date");
            let mut put = |column: &'static str, text: String| {
                out.entry(id(column)).or_insert(text);
            };
            let payment = [
                get("payment_operation"),
                get("payment_date"),
                get("payment_amount"),
            ];
            let any_payment = payment.iter().any(|p| !p.is_empty());
            if any_payment {
                for (col, v) in ["payment_operation", "payment_date", "payment_amount"]
                    .iter()
                    .zip(payment)
                {
                    if v.is_empty() {
                        put(col, strings::rule_text(&crate::domain::Rule::Required));
                    }
                }
                let amount = match get("payment_amount") {
                    "" => None,
                    v => parse_amount_cents(v)
                        .map_err(|r| put("payment_amount", strings::rule_text(&r)))
                        .ok(),
                };
                if let (Some(paid_on), Some(amount_cents), op) =
                    (paid_on, amount, get("payment_operation"))
                    && !op.is_empty()
                {
                    let receipt = PaymentReceipt {
                        operation: op.to_string(),
                        paid_on,
                        amount_cents,
                        tribute_code: rules.tribute_code.clone(),
                        ruc: rules.ruc.clone(),
                    };
                    for p in check_receipt(&receipt, today, rules) {
                        put(column_of(p.field), strings::rule_text(&p.rule));
                    }
                }
            }
            if let Some(d) = dni_issued_on {
                for p in check_not_future(Field::DniIssuedOn, d, today) {
                    put("dni_issued_on", strings::rule_text(&p.rule));
                }
            }
            let applicant = Applicant {
                full_name: get("full_name").to_string(),
                dni: get("dni").to_string(),
                dni_issued_on: dni_issued_on.or_else(|| {
                    // A malformed date was already reported; do not add "required".
                    (!get("dni_issued_on").is_empty()).then_some(today)
                }),
                email: get("email").to_string(),
                photo: None,
                signature: None,
                payment_operation: any_payment.then(|| get("payment_operation").to_string()),
                cert_expires_on,
            };
            for check in check_applicant(&applicant, kind, motive, today, rules) {
                if !check.check.blocks_registration() {
                    continue;
                }
                for p in check.problems {
                    put(column_of(p.field), strings::rule_text(&p.rule));
                }
            }
        }
        // What reading a typed file found, while the field still holds
        // the path that was read.
        for (field, (path, problem)) in &self.file_checks {
            if let Some(problem) = problem
                && self.value(*field).trim() == path
            {
                out.entry(*field).or_insert_with(|| problem.clone());
            }
        }
        out
    }

    pub fn draft(&self) -> Draft {
        let rows = self
            .applicants
            .iter()
            .map(|a| {
                let mut row: BTreeMap<&'static str, String> = BTreeMap::new();
                row.insert("ticket", "consola".into());
                row.insert("kind", self.kind.code().into());
                row.insert("motive", self.motive.trim().to_lowercase());
                row.insert("certificate", self.certificate.trim().into());
                for col in self.applicant_columns() {
                    row.insert(col, a.get(col).cloned().unwrap_or_default());
                }
                row
            })
            .collect();
        Draft { rows }
    }
}

impl Default for Form {
    fn default() -> Self {
        Form::new()
    }
}

/// The form field where a rule about `field` is shown.
pub(super) fn column_of(field: Field) -> &'static str {
    match field {
        Field::FullName | Field::Applicants => "full_name",
        Field::Dni => "dni",
        Field::DniIssuedOn => "dni_issued_on",
        Field::Email => "email",
        Field::Photo => "photo",
        Field::Signature => "signature",
        Field::CertExpiresOn => "cert_expires_on",
        Field::PaymentDate => "payment_date",
        Field::PaymentAmount => "payment_amount",
        Field::Kind => "kind",
        Field::Motive => "motive",
        Field::Certificate => "certificate",
        _ => "payment_operation",
    }
}

pub fn open(app: &mut App) {
    app.screen = Screen::Form;
    app.typing_filter = false;
    if app.form.is_none() {
        app.form = Some(Form::new());
    }
}

fn close(app: &mut App) {
    let back = app
        .form
        .as_ref()
        .and_then(|f| f.editing.as_ref())
        .map(|e| e.from)
        .unwrap_or(Screen::Queue);
    app.form = None;
    app.screen = back;
}

pub fn command(app: &mut App, c: Command) -> Vec<Effect> {
    let today = app.now.with_timezone(&app.rules.timezone).date_naive();
    let Some(form) = &mut app.form else {
        app.screen = Screen::Queue;
        return Vec::new();
    };
    if form.confirm_discard {
        // Only an explicit yes discards; anything else goes back to the form.
        match c {
            Command::Yes => {
                close(app);
                app.status = Some(StatusLine {
                    text: s::form_discarded().into(),
                    level: Level::Info,
                });
            }
            _ => form.confirm_discard = false,
        }
        return Vec::new();
    }
    let n = form.fields().len();
    match c {
        Command::NextField | Command::PrevField => {
            let left = form.focused();
            form.focus = if c == Command::NextField {
                (form.focus + 1) % n
            } else {
                (form.focus + n - 1) % n
            };
            return super::form_files::on_leave(app, left);
        }
        Command::AddApplicant if form.kind.spec().needs_applicants && form.editing.is_none() => {
            form.applicants.push(BTreeMap::new());
            form.touched = true;
            form.focus = form
                .fields()
                .iter()
                .position(|f| f.applicant == Some(form.applicants.len() - 1))
                .unwrap_or(form.focus);
        }
        Command::Back => {
            let unsaved = match form.editing.as_deref() {
                Some(e) => super::correct::dirty(form, e),
                None => form.touched,
            };
            if unsaved {
                form.confirm_discard = true;
            } else {
                close(app);
            }
        }
        Command::Save => {
            if form.saving {
                return Vec::new();
            }
            let problems = form.problems(today, &app.validation);
            if problems.is_empty() && form.editing.is_some() {
                return super::correct::save(app);
            }
            if let Some(first) = problems.keys().next() {
                let n = problems.len();
                form.focus = form.fields().iter().position(|f| f == first).unwrap_or(0);
                app.status = Some(StatusLine {
                    text: s::form_invalid(n),
                    level: Level::Error,
                });
                return Vec::new();
            }
            form.saving = true;
            let draft = form.draft();
            app.busy += 1;
            app.status = Some(StatusLine {
                text: s::form_saving().into(),
                level: Level::Info,
            });
            return vec![Effect::Register(Box::new(draft))];
        }
        _ => {}
    }
    Vec::new()
}

pub fn key(app: &mut App, ev: KeyEvent) -> Vec<Effect> {
    let Some(form) = &mut app.form else {
        return Vec::new();
    };
    if form.confirm_discard {
        let yes = matches!(ev.code, KeyCode::Char('s' | 'S' | 'y' | 'Y'));
        return command(app, if yes { Command::Yes } else { Command::No });
    }
    let focused = form.focused();
    if focused == KIND {
        let step: i64 = match ev.code {
            KeyCode::Left => -1,
            KeyCode::Right | KeyCode::Char(' ') => 1,
            _ => 0,
        };
        if step != 0 {
            let pos = Kind::ALL.iter().position(|k| *k == form.kind).unwrap_or(0) as i64;
            let next = match form.editing.as_deref() {
                Some(e) => super::correct::next_kind(e, form.kind, step),
                None => Kind::ALL[(pos + step).rem_euclid(Kind::ALL.len() as i64) as usize],
            };
            if next == form.kind {
                return Vec::new();
            }
            form.kind = next;
            form.motive.clear();
            form.touched = true;
            form.save_errors.clear();
        }
        return Vec::new();
    }
    if form.editing.is_some() && super::correct::locked(focused.column) {
        app.status = Some(StatusLine {
            text: strings::correction::locked(focused.column).into(),
            level: Level::Info,
        });
        return Vec::new();
    }
    if let Some(v) = form.value_mut(focused) {
        let changed = match ev.code {
            KeyCode::Char('u') if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                v.clear();
                true
            }
            KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => {
                v.push(c);
                true
            }
            KeyCode::Backspace => v.pop().is_some(),
            _ => false,
        };
        if changed {
            form.touched = true;
            form.save_errors.remove(&focused);
        }
    }
    Vec::new()
}

/// The store's answer to a save.
pub fn registered(app: &mut App, result: Result<Box<Ticket>, Vec<SaveProblem>>) -> Vec<Effect> {
    app.busy = app.busy.saturating_sub(1);
    match result {
        Ok(t) => {
            app.queue.upsert(QueueRow::of(&t), &app.filters);
            app.form = None;
            app.screen = Screen::Queue;
            app.status = Some(StatusLine {
                text: s::registered(&t.id),
                level: Level::Info,
            });
        }
        Err(problems) => {
            if let Some(form) = &mut app.form {
                form.saving = false;
                form.save_errors.clear();
                let mut general = Vec::new();
                for p in &problems {
                    // Import lines are the applicants, numbered from 1.
                    let known = p.column.and_then(|col| {
                        form.applicant_columns()
                            .iter()
                            .chain(["kind", "motive", "certificate"].iter())
                            .find(|c| **c == col)
                            .copied()
                    });
                    match known {
                        Some(column @ ("kind" | "motive" | "certificate")) => {
                            form.save_errors.insert(
                                FieldId {
                                    applicant: None,
                                    column,
                                },
                                p.message.clone(),
                            );
                        }
                        Some(column) => {
                            form.save_errors.insert(
                                FieldId {
                                    applicant: Some(p.line.saturating_sub(1) as usize),
                                    column,
                                },
                                p.message.clone(),
                            );
                        }
                        None => general.push(p.message.clone()),
                    }
                }
                let text = if general.is_empty() {
                    s::form_invalid(problems.len())
                } else {
                    general.join(" · ")
                };
                app.status = Some(StatusLine {
                    text,
                    level: Level::Error,
                });
            }
        }
    }
    app.refilter();
    Vec::new()
}
