//! Correcting a ticket from the console: `e` on the ticket screen (`E` on
//! the queue) opens the intake form filled in with the ticket's data; the
//! same inline checks apply, the DNI is shown but cannot be typed over, and
//! saving sends only what changed to `Desk::correct` (see
//! `domain::correction`). Hooked in through the registry screens' command,
//! effect and result (`screens`), so that `app.rs` does not grow.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::action::Loaded;
use super::app::{App, Effect, Screen};
use super::form::{Form, SaveProblem, column_of};
use super::queue_index::QueueRow;
use super::screens::{self, ScreenEffect};
use crate::desk::Desk;
use crate::domain::applicant::{Field, Problem, Rule, parse_amount_cents, parse_date};
use crate::domain::correction::{
    ApplicantEdit, Correction, CorrectionRefused, ReceiptEdit, same_operation,
};
use crate::domain::lifecycle::{Move, transition};
use crate::domain::{Kind, MoveRefused, Status, Ticket};
use crate::store::StoreError;
use crate::strings::correction as s;

/// The ticket a form corrects, and its data as loaded (to tell what changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editing {
    pub id: String,
    pub status: Status,
    /// Where Esc and saving go back to.
    pub from: Screen,
    pub kind: Kind,
    pub motive: String,
    pub applicants: Vec<BTreeMap<&'static str, String>>,
    /// Per applicant, the photo and signature it has now, as shown.
    pub files: Vec<[Option<String>; 2]>,
    pub seen: chrono::DateTime<chrono::Utc>,
}

impl Editing {
    /// What an empty photo or signature field keeps, as shown.
    pub fn current_file(&self, applicant: usize, column: &str) -> Option<&str> {
        let i = usize::from(column == "signature");
        self.files.get(applicant)?.get(i)?.as_deref()
    }
}

/// What changed, in the form's terms, for the desk to turn into a correction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub kind: Option<Kind>,
    pub motive: Option<Option<char>>,
    /// Applicant index and its changed columns (import names).
    pub applicants: Vec<(usize, BTreeMap<&'static str, String>)>,
    /// When the ticket had last changed, as the form loaded it.
    pub seen: chrono::DateTime<chrono::Utc>,
}

/// `e` / `E`: load the ticket under the cursor (or on view) to correct it.
pub fn open(app: &mut App) -> Vec<Effect> {
    let id = match app.screen {
        Screen::Ticket => app.detail.as_ref().map(|d| d.id.clone()),
        Screen::Queue => app.current_row().map(|r| r.id.clone()),
        _ => None,
    };
    match id {
        Some(id) => screens::work(app, ScreenEffect::LoadForCorrection(id)),
        None => Vec::new(),
    }
}

fn receipt_of<'a>(l: &'a Loaded, op: &str) -> Option<&'a crate::store::ReceiptRecord> {
    l.receipts
        .iter()
        .find(|r| same_operation(&r.receipt.operation, op))
}

/// The form's columns for one applicant, as the ticket has them.
fn columns(l: &Loaded, i: usize) -> BTreeMap<&'static str, String> {
    let a = &l.ticket.applicants[i];
    let date = |d: Option<chrono::NaiveDate>| {
        d.map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default()
    };
    let mut m = BTreeMap::new();
    m.insert("full_name", a.full_name.clone());
    m.insert("dni", a.dni.clone());
    m.insert("dni_issued_on", date(a.dni_issued_on));
    m.insert("email", a.email.clone());
    m.insert("photo", String::new());
    m.insert("signature", String::new());
    m.insert("cert_expires_on", date(a.cert_expires_on));
    if let Some(op) = &a.payment_operation {
        m.insert("payment_operation", op.clone());
        if let Some(r) = receipt_of(l, op) {
            m.insert("payment_date", date(Some(r.receipt.paid_on)));
            let c = r.receipt.amount_cents;
            m.insert("payment_amount", format!("{}.{:02}", c / 100, c % 100));
        }
    }
    m
}

/// The ticket loaded: the form opens filled in, unless it cannot be
/// corrected (then the analyst is told why, and nothing opens).
pub fn loaded(app: &mut App, result: Result<Box<Loaded>, String>) -> Vec<Effect> {
    screens::done(app);
    let l = match result {
        Ok(l) => l,
        Err(e) => {
            screens::error(app, e);
            return Vec::new();
        }
    };
    let t = &l.ticket;
    if let Some(batch) = &t.batch {
        screens::error(app, s::sealed(&t.id, batch));
        return Vec::new();
    }
    if transition(t.kind, t.status, Move::Correct).is_err() {
        screens::error(app, s::not_correctable(&t.id, t.status));
        return Vec::new();
    }
    let applicants: Vec<_> = (0..t.applicants.len()).map(|i| columns(&l, i)).collect();
    let motive = t.motive.map(String::from).unwrap_or_default();
    let from = if app.screen == Screen::Ticket {
        Screen::Ticket
    } else {
        Screen::Queue
    };
    let mut form = Form::new();
    form.kind = t.kind;
    form.motive = motive.clone();
    form.certificate = t.certificate.clone().unwrap_or_default();
    form.applicants = applicants.clone();
    let shown = |a: &Option<crate::domain::Attachment>| {
        a.as_ref()
            .map(|a| s::current_file(&a.file_name, &a.sha256.chars().take(12).collect::<String>()))
    };
    let files = t
        .applicants
        .iter()
        .map(|a| [shown(&a.photo), shown(&a.signature)])
        .collect();
    form.editing = Some(Box::new(Editing {
        id: t.id.clone(),
        status: t.status,
        from,
        kind: t.kind,
        motive,
        applicants,
        files,
        seen: t.updated_at,
    }));
    app.form = Some(form);
    app.typing_filter = false;
    app.screen = Screen::Form;
    Vec::new()
}

/// Whether a field cannot be typed into while correcting.
pub fn locked(column: &str) -> bool {
    matches!(column, "dni" | "certificate")
}

/// The kinds a correction can cycle through: emission ⇄ re-emission before
/// scheduling; otherwise the ticket's own.
pub fn next_kind(e: &Editing, current: Kind, step: i64) -> Kind {
    if !e.kind.is_batched() || e.status == Status::Programado {
        return e.kind;
    }
    let family = [Kind::Emision, Kind::Reemision];
    let pos = family.iter().position(|k| *k == current).unwrap_or(0) as i64;
    family[(pos + step).rem_euclid(2) as usize]
}

/// What the form changed from the ticket as loaded.
pub fn draft(form: &Form, e: &Editing) -> Draft {
    let motive_now = form.motive.trim().to_lowercase();
    let kind = (form.kind != e.kind).then_some(form.kind);
    let motive = (kind.is_some() || motive_now != e.motive).then(|| motive_now.chars().next());
    let shown = form.applicant_columns();
    let mut applicants = Vec::new();
    for (i, now) in form.applicants.iter().enumerate() {
        let before = e.applicants.get(i);
        let mut changed = BTreeMap::new();
        for col in &shown {
            if locked(col) {
                continue;
            }
            let v = now.get(col).map(|v| v.trim()).unwrap_or("");
            let was = before
                .and_then(|b| b.get(col))
                .map(|v| v.trim())
                .unwrap_or("");
            if v != was && !v.is_empty() {
                changed.insert(*col, v.to_string());
            }
        }
        if !changed.is_empty() {
            applicants.push((i, changed));
        }
    }
    Draft {
        id: e.id.clone(),
        kind,
        motive,
        applicants,
        seen: e.seen,
    }
}

/// Whether the form differs from the ticket as loaded.
pub fn dirty(form: &Form, e: &Editing) -> bool {
    let d = draft(form, e);
    d.kind.is_some() || d.motive.is_some() || !d.applicants.is_empty()
}

/// Ctrl-s while correcting (the inline checks already passed).
pub fn save(app: &mut App) -> Vec<Effect> {
    let Some(form) = &mut app.form else {
        return Vec::new();
    };
    let Some(e) = form.editing.as_deref() else {
        return Vec::new();
    };
    let d = draft(form, e);
    if d.kind.is_none() && d.motive.is_none() && d.applicants.is_empty() {
        screens::error(app, s::no_changes(&d.id));
        return Vec::new();
    }
    form.saving = true;
    screens::info(app, crate::strings::tui::form_saving());
    screens::work(app, ScreenEffect::Correct(Box::new(d)))
}

fn leave(app: &mut App, from: Screen) {
    app.form = None;
    app.screen = from;
}

/// The desk's answer to a save.
pub fn saved(app: &mut App, result: Result<Box<Ticket>, Vec<SaveProblem>>) -> Vec<Effect> {
    screens::done(app);
    match result {
        Ok(t) => {
            let from = app
                .form
                .as_ref()
                .and_then(|f| f.editing.as_ref())
                .map(|e| e.from)
                .unwrap_or(Screen::Queue);
            app.queue.upsert(QueueRow::of(&t), &app.filters);
            app.refilter();
            leave(app, from);
            screens::info(app, s::saved(&t.id, t.status));
            if from == Screen::Ticket
                && let Some(d) = &mut app.detail
                && d.id == t.id
            {
                d.loaded = None;
                app.busy += 1;
                return vec![Effect::LoadTicket(t.id.clone())];
            }
            Vec::new()
        }
        Err(problems) => {
            let Some(form) = &mut app.form else {
                return Vec::new();
            };
            form.saving = false;
            form.save_errors.clear();
            let mut general = Vec::new();
            for p in &problems {
                match (p.line, p.column) {
                    (n, Some(column)) if n > 0 => {
                        form.save_errors.insert(
                            super::form::FieldId {
                                applicant: Some(n as usize - 1),
                                column,
                            },
                            p.message.clone(),
                        );
                    }
                    (_, Some(column @ ("kind" | "motive"))) => {
                        form.save_errors.insert(
                            super::form::FieldId {
                                applicant: None,
                                column,
                            },
                            p.message.clone(),
                        );
                    }
                    _ => {}
                }
                general.push(p.message.clone());
            }
            screens::error(app, general.join(" · "));
            Vec::new()
        }
    }
}

// --- the desk's side (runs on the loop's blocking thread) ---

fn problem(n: usize, field: Field, rule: Rule) -> CorrectionRefused {
    CorrectionRefused::Invalid(vec![(Some(n), Problem::new(field, rule))])
}

/// The correction a draft means: dates and amounts parsed, image files
/// read (paths relative to `base`, as the intake form's are).
fn correction(
    desk: &Desk,
    d: &Draft,
    base: &Path,
) -> Result<(Correction, Vec<PathBuf>), StoreError> {
    let refused = |r| StoreError::Refused(MoveRefused::Correction(r));
    let mut files = Vec::new();
    let mut edits = Vec::new();
    for (i, cols) in &d.applicants {
        let n = i + 1;
        let get = |c: &str| cols.get(c).map(String::as_str);
        let date = |c: &str, field| {
            get(c)
                .map(|v| parse_date(v).map_err(|r| refused(problem(n, field, r))))
                .transpose()
        };
        let mut e = ApplicantEdit {
            index: *i,
            full_name: get("full_name").map(String::from),
            dni: None,
            dni_issued_on: date("dni_issued_on", Field::DniIssuedOn)?,
            email: get("email").map(String::from),
            photo: None,
            signature: None,
            receipt: ReceiptEdit::default(),
            cert_expires_on: date("cert_expires_on", Field::CertExpiresOn)?,
        };
        for (col, field) in [("photo", Field::Photo), ("signature", Field::Signature)] {
            if let Some(v) = get(col) {
                let path = base.join(v);
                let a = desk.read_image(&path, field, n)?;
                if field == Field::Photo {
                    e.photo = Some(a);
                } else {
                    e.signature = Some(a);
                }
                files.push(path);
            }
        }
        if ["payment_operation", "payment_date", "payment_amount"]
            .iter()
            .any(|c| get(c).is_some())
        {
            // The form shows the whole receipt: what it holds is the receipt.
            e.receipt = ReceiptEdit {
                operation: get("payment_operation").map(String::from),
                paid_on: date("payment_date", Field::PaymentDate)?,
                amount_cents: get("payment_amount")
                    .map(|v| {
                        parse_amount_cents(v)
                            .map_err(|r| refused(problem(n, Field::PaymentAmount, r)))
                    })
                    .transpose()?,
                ..ReceiptEdit::default()
            };
        }
        edits.push(e);
    }
    Ok((
        Correction {
            kind: d.kind,
            motive: d.motive,
            applicants: edits,
            reason: None,
            seen: Some(d.seen),
        },
        files,
    ))
}

fn save_problems(e: StoreError) -> Vec<SaveProblem> {
    match e {
        StoreError::Refused(MoveRefused::Correction(CorrectionRefused::Invalid(list))) => list
            .into_iter()
            .map(|(n, p)| SaveProblem {
                line: n.unwrap_or(0) as u64,
                column: Some(column_of(p.field)),
                message: crate::strings::problem(&p),
            })
            .collect(),
        other => vec![SaveProblem {
            line: 0,
            column: None,
            message: other.to_string(),
        }],
    }
}

/// Applies a draft through `Desk::correct`.
pub fn run(desk: &Desk, actor: &str, d: &Draft) -> Result<Box<Ticket>, Vec<SaveProblem>> {
    let base = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let (c, files) = correction(desk, d, &base).map_err(save_problems)?;
    let done = desk
        .correct(&d.id, &c, &files, actor)
        .map_err(save_problems)?;
    tracing::info!(id = %d.id, changes = done.entry.changes.len(), "ticket corrected");
    Ok(Box::new(done.ticket))
}
