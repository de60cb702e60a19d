//! The certificates screen's state: what is coming (installed certificates
//! expiring within 60 days; certificates awaiting download with the days
//! left of their 30-day window, and lapsed ones), every certificate, and one
//! key that registers the renewal a certificate needs through
//! `Desk::renew`: re-emission a while installed (the 10-days rule holds its
//! dispatch), re-emission g after a lapsed window (paid: a small form takes
//! the receipt first), emission b once expired.

use super::action::Command;
use super::app::{App, Effect, Screen};
use super::line_form::{LineForm, Step};
use super::queue_index::QueueRow;
use super::screens::{self, Cursor, ScreenEffect};
use super::tabbed::{self, TabbedList};
use super::views;
use crate::cli::view::{dispatch_why, moment};
use crate::desk::Desk;
use crate::desk::registry::{CertFilter, CertRow, PaymentInput, RenewError, renewal_receipt};
use crate::domain::applicant::Field;
use crate::domain::certificate::{CertStatus, EXPIRY_HORIZON_DAYS};
use crate::domain::{Kind, Ticket};
use crate::store::StoreError;
use crate::strings;
use crate::strings::screens as s;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    /// Installed, expiring within the horizon (60 days), soonest first.
    #[default]
    Expiring,
    /// Awaiting download, lapsed first, then by days left.
    Download,
    All,
}

impl Tab {
    pub const ALL: [Tab; 3] = [Tab::Expiring, Tab::Download, Tab::All];

    pub fn holds(self, r: &CertRow) -> bool {
        match self {
            Tab::Expiring => r.days_to_expiry.is_some_and(|d| d <= EXPIRY_HORIZON_DAYS),
            Tab::Download => matches!(
                r.status,
                CertStatus::PorDescargar | CertStatus::CaducadoDescarga
            ),
            Tab::All => true,
        }
    }
}

/// Why a renewal was refused: per receipt field, or as a whole.
#[derive(Debug, Clone)]
pub enum RenewRefused {
    Fields(Vec<(&'static str, String)>),
    Other(String),
}

/// A renewal registered: the ticket and when it would leave if scheduled now.
#[derive(Debug, Clone)]
pub struct Renewed {
    pub cert: String,
    pub ticket: Ticket,
}

#[derive(Debug, Clone, Default)]
pub struct CertsScreen {
    /// Every certificate, in id order.
    pub rows: Vec<CertRow>,
    pub loaded: bool,
    pub tab: Tab,
    /// Positions in `rows` under the tab, in its order.
    pub visible: Vec<usize>,
    pub cursor: Cursor,
    /// The receipt form of a paid renewal.
    pub pay: Option<Pay>,
}

/// A paid renewal waiting for its receipt.
#[derive(Debug, Clone)]
pub struct Pay {
    pub cert: String,
    pub kind: Kind,
    pub motive: char,
    pub form: LineForm,
}

impl CertsScreen {
    pub fn current(&self) -> Option<&CertRow> {
        self.visible.get(self.cursor.at).map(|i| &self.rows[*i])
    }

    pub fn count(&self, tab: Tab) -> usize {
        self.rows.iter().filter(|r| tab.holds(r)).count()
    }
}

impl TabbedList for CertsScreen {
    type Tab = Tab;
    const TABS: &'static [Tab] = &Tab::ALL;
    fn parts(&mut self) -> (&mut Tab, &mut Cursor, &mut Vec<usize>) {
        (&mut self.tab, &mut self.cursor, &mut self.visible)
    }
    fn refresh_view(&mut self, page: usize) {
        let keep = self.current().map(|r| r.cert.id.clone());
        let rows = &self.rows;
        let mut visible: Vec<usize> = (0..rows.len())
            .filter(|i| self.tab.holds(&rows[*i]))
            .collect();
        match self.tab {
            Tab::Expiring => visible.sort_by_key(|i| (rows[*i].cert.expires_on, *i)),
            // Lapsed (no days left) first: they need the paid re-emission.
            Tab::Download => visible.sort_by_key(|i| (rows[*i].download_days_left, *i)),
            Tab::All => {}
        }
        self.visible = visible;
        let found = keep.and_then(|id| {
            self.visible
                .iter()
                .position(|i| self.rows[*i].cert.id == id)
        });
        tabbed::keep(&mut self.cursor, found, self.visible.len(), page);
    }
}

fn page(app: &App) -> usize {
    views::certs::page(app)
}

fn screen(app: &mut App) -> &mut CertsScreen {
    &mut app.screens.certs
}

fn today(app: &App) -> chrono::NaiveDate {
    app.now.with_timezone(&app.rules.timezone).date_naive()
}

pub fn open(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Certs;
    app.typing_filter = false;
    screens::work(app, ScreenEffect::LoadCerts)
}

pub fn command(app: &mut App, c: Command) -> Vec<Effect> {
    if app.screens.certs.pay.is_some() {
        return pay_command(app, c);
    }
    let page = page(app);
    tabbed::command(app, c, page, screen, |app| {
        screens::work(app, ScreenEffect::LoadCerts)
    })
}

pub fn scroll(app: &mut App, n: i64) {
    let page = page(app);
    tabbed::scroll(app, n, page, screen);
}

/// The renewal key: the ticket the chosen certificate needs, pre-filled.
pub fn renew(app: &mut App) -> Vec<Effect> {
    let today = today(app);
    let Some(r) = app.screens.certs.current() else {
        screens::error(app, s::no_cert());
        return Vec::new();
    };
    let id = r.cert.id.clone();
    if let Some(t) = &r.renewal {
        let text = strings::registry::renewal_exists(&id, &t.id);
        screens::error(app, text);
        return Vec::new();
    }
    let (kind, motive) = match r.cert.renewal_offer(today) {
        Ok(offer) => offer,
        Err(why) => {
            screens::error(app, why.to_string());
            return Vec::new();
        }
    };
    if !kind.is_paid(Some(motive)) {
        screens::info(app, s::renewing(&id));
        return screens::work(
            app,
            ScreenEffect::Renew {
                cert: id,
                payment: PaymentInput::default(),
            },
        );
    }
    let fee = app.validation.fee_cents;
    let mut form = LineForm::new(
        s::pay_title(&id),
        vec![
            ("payment_operation", s::pay_operation(), String::new()),
            ("payment_date", s::pay_date(), String::new()),
            (
                "payment_amount",
                s::pay_amount(),
                format!("{}.{:02}", fee / 100, fee % 100),
            ),
        ],
    );
    form.note = Some(s::pay_note(
        &strings::kind_and_motive(kind, Some(motive)),
        strings::motive_label(kind, motive),
        &app.validation.tribute_code,
        &app.validation.ruc,
    ));
    screen(app).pay = Some(Pay {
        cert: id,
        kind,
        motive,
        form,
    });
    check(app);
    Vec::new()
}

fn payment_of(form: &LineForm) -> PaymentInput {
    let v = |k: &str| Some(form.value(k).to_string()).filter(|v| !v.trim().is_empty());
    PaymentInput {
        operation: v("payment_operation"),
        date: v("payment_date"),
        amount: v("payment_amount"),
    }
}

/// The receipt field a problem is about.
fn field_key(f: Field) -> Option<&'static str> {
    match f {
        Field::PaymentOperation => Some("payment_operation"),
        Field::PaymentDate => Some("payment_date"),
        Field::PaymentAmount => Some("payment_amount"),
        _ => None,
    }
}

/// Checks the receipt as typed with the renewal's own rules.
fn check(app: &mut App) {
    let today = today(app);
    let rules = app.validation.clone();
    let Some(pay) = &mut app.screens.certs.pay else {
        return;
    };
    let form = &mut pay.form;
    form.problems.clear();
    if let Err(problems) = renewal_receipt(pay.kind, pay.motive, &payment_of(form), today, &rules) {
        for p in problems {
            if let Some(key) = field_key(p.field) {
                form.problems
                    .entry(key)
                    .or_insert_with(|| strings::rule_text(&p.rule));
            }
        }
    }
}

fn pay_command(app: &mut App, c: Command) -> Vec<Effect> {
    let Some(Pay { cert, form, .. }) = &mut screen(app).pay else {
        return Vec::new();
    };
    match form.command(c) {
        Step::Stay => Vec::new(),
        Step::Cancel => {
            screen(app).pay = None;
            screens::info(app, s::renew_cancelled());
            Vec::new()
        }
        Step::Save if form.saving => Vec::new(),
        Step::Save => {
            let (cert, payment) = (cert.clone(), payment_of(form));
            check(app);
            let Some(Pay { form, .. }) = &mut screen(app).pay else {
                return Vec::new();
            };
            if !form.problems.is_empty() {
                form.focus_first_problem();
                let text = s::not_registered(&form.problem_lines());
                screens::error(app, text);
                return Vec::new();
            }
            form.saving = true;
            screens::info(app, s::renewing(&cert));
            screens::work(app, ScreenEffect::Renew { cert, payment })
        }
    }
}

pub fn key(app: &mut App, ev: crossterm::event::KeyEvent) -> Vec<Effect> {
    if let Some(pay) = &mut screen(app).pay
        && pay.form.key(&ev)
    {
        check(app);
    }
    Vec::new()
}

pub fn loaded(app: &mut App, result: Result<Vec<CertRow>, String>) -> Vec<Effect> {
    screens::done(app);
    let page = page(app);
    match result {
        Ok(rows) => {
            let o = screen(app);
            o.rows = rows;
            o.loaded = true;
            o.refresh_view(page);
        }
        Err(e) => screens::error(app, e),
    }
    Vec::new()
}

/// When the new ticket would leave if it were scheduled now, and why.
pub fn dispatch_line(app: &App, t: &Ticket) -> String {
    let d = app
        .rules
        .dispatch_for(t.registered_at, app.now, t.cert_expires_on());
    s::would_leave(
        &moment(d.dispatch.at, app.rules.timezone),
        &dispatch_why(&d.reason, &d.dispatch, &app.rules),
    )
}

pub fn renewed(app: &mut App, result: Result<Box<Renewed>, RenewRefused>) -> Vec<Effect> {
    screens::done(app);
    match result {
        Ok(r) => {
            let t = &r.ticket;
            let text = format!(
                "{} {}",
                strings::registry::renewed(
                    &t.id,
                    &strings::kind_and_motive(t.kind, t.motive),
                    &r.cert
                ),
                dispatch_line(app, t)
            );
            app.queue.upsert(QueueRow::of(t), &app.filters);
            app.refilter();
            screen(app).pay = None;
            screens::info(app, text);
            // The certificate now shows its renewal.
            screens::work(app, ScreenEffect::LoadCerts)
        }
        Err(refused) => {
            let text = match (&refused, &mut screen(app).pay) {
                (RenewRefused::Fields(problems), Some(Pay { form, .. })) => {
                    form.saving = false;
                    form.tried = true;
                    form.problems = problems.iter().cloned().collect();
                    form.focus_first_problem();
                    s::not_registered(&form.problem_lines())
                }
                (RenewRefused::Fields(problems), None) => {
                    let list: Vec<String> = problems.iter().map(|(_, p)| p.clone()).collect();
                    s::not_registered(&list)
                }
                (RenewRefused::Other(e), pay) => {
                    if let Some(pay) = pay {
                        pay.form.saving = false;
                    }
                    e.clone()
                }
            };
            screens::error(app, text);
            Vec::new()
        }
    }
}

/// Every certificate with its holder: a bulk read of personal data, so it
/// is audited.
pub fn load(desk: &Desk, actor: &str) -> Result<Vec<CertRow>, String> {
    let rows = desk
        .certs(&CertFilter::default())
        .map_err(|e| e.to_string())?;
    let dnis = rows.iter().map(|r| r.cert.dni.clone()).collect();
    desk.record_bulk_read(actor, strings::trust::console_certs(), dnis, rows.len())
        .map_err(|e| e.to_string())?;
    Ok(rows)
}

pub fn run_renew(
    desk: &Desk,
    actor: &str,
    cert: &str,
    payment: &PaymentInput,
) -> Result<Box<Renewed>, RenewRefused> {
    match desk.renew(cert, actor, payment) {
        Ok(ticket) => {
            tracing::info!(%cert, ticket = %ticket.id, "renewal registered");
            Ok(Box::new(Renewed {
                cert: cert.to_string(),
                ticket,
            }))
        }
        Err(RenewError::Payment(problems)) => {
            let mut fields = Vec::new();
            for p in problems {
                let key = field_key(p.field).unwrap_or("payment_operation");
                fields.push((key, strings::rule_text(&p.rule)));
            }
            Err(RenewRefused::Fields(fields))
        }
        // The receipt's operation number was used before.
        Err(RenewError::Store(e @ StoreError::OperationReused { .. })) => Err(
            RenewRefused::Fields(vec![("payment_operation", e.to_string())]),
        ),
        Err(e) => Err(RenewRefused::Other(e.to_string())),
    }
}
