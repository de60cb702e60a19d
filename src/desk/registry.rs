//! The people directory and the certificate registry as the desk offers
//! them: listing, the expiry view, the people import and renewals.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::Desk;
use super::import::ImportFailure;
use super::table::{RowError, read_rows};
use crate::domain::applicant::{
    Applicant, Field, PaymentReceipt, Problem, Rule, check_payment_link, check_receipt,
    parse_amount_cents, parse_date,
};
use crate::domain::audit::{self, AuditNote};
use crate::domain::certificate::{CertRefused, CertStatus, Certificate};
use crate::domain::person::Person;
use crate::domain::role::Capability;
use crate::domain::ticket::arrival_order;
use crate::domain::{HistoryEntry, Kind, Query, Status, Ticket};
use crate::store::{NewRecord, StoreError};
use crate::strings;

/// A certificate as a list or a dashboard shows it on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertRow {
    pub cert: Certificate,
    pub status: CertStatus,
    /// While awaiting download: days left (0 on the last day).
    pub download_days_left: Option<i64>,
    /// While installed with a known expiry.
    pub days_to_expiry: Option<i64>,
    /// A renewal or re-emission ticket for it that is still alive.
    pub renewal: Option<Ticket>,
    /// The ticket that renews it, when one is due and none exists.
    pub offer: Option<(Kind, char)>,
}

/// The last day to download, per certificate still awaiting download and
/// per ticket whose approval created one.
#[derive(Debug, Clone, Default)]
pub struct DownloadWindows {
    by_origin: HashMap<String, NaiveDate>,
    by_cert: HashMap<String, NaiveDate>,
}

impl DownloadWindows {
    /// The window of the certificate a ticket is about, while that is still
    /// the ticket's business: an approved emission or re-emission (the
    /// earliest of the certificates its approval created), or an
    /// installation not done yet (the certificate it names).
    pub fn of(&self, t: &Ticket) -> Option<NaiveDate> {
        match (t.kind, t.status) {
            (Kind::Instalacion, Status::Nuevo | Status::EnAtencion | Status::Observado) => t
                .certificate
                .as_ref()
                .and_then(|id| self.by_cert.get(&id.trim().to_uppercase()))
                .copied(),
            (_, Status::Aprobado) => self.by_origin.get(&t.id).copied(),
            _ => None,
        }
    }
}

/// Which certificates to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CertFilter {
    pub dni: Option<String>,
    /// Installed certificates expiring within this many days (expired ones
    /// are not "expiring").
    pub expiring_within: Option<i64>,
}

/// The payment a paid renewal needs, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaymentInput {
    pub operation: Option<String>,
    pub date: Option<String>,
    pub amount: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RenewError {
    #[error(transparent)]
    Refused(#[from] CertRefused),
    #[error("{}", strings::registry::payment_problems(.0))]
    Payment(Vec<Problem>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub const PEOPLE_COLUMNS: [&str; 7] = [
    "dni",
    "full_name",
    "email",
    "job_title",
    "unit",
    "dependency",
    "started_on",
];

fn alive(t: &Ticket) -> bool {
    !matches!(t.status, Status::Anulado | Status::Rechazado)
}

impl Desk {
    /// Today in the desk's time zone, from the clock.
    pub fn today(&self) -> NaiveDate {
        self.today_at(self.now())
    }

    /// The renewal ticket of a certificate: the one registered from it, or
    /// any emission or re-emission for the same person registered after it
    /// was approved (the renewal an analyst imported by hand); withdrawn and
    /// rejected tickets do not count.
    pub fn renewal_of(&self, cert: &Certificate) -> Result<Option<Ticket>, StoreError> {
        if let Some(id) = &cert.renewal
            && let Some(t) = self.store.ticket(id)?
            && alive(&t)
        {
            return Ok(Some(t));
        }
        let mut found = Vec::new();
        for t in self.store.with_dni(&cert.dni) {
            let t = t?;
            if t.kind.is_batched()
                && t.id != cert.origin
                && alive(&t)
                && self.today_at(t.registered_at) >= cert.approved_on
            {
                found.push(t);
            }
        }
        found.sort_by(arrival_order);
        Ok(found.into_iter().next())
    }

    pub fn cert_row(&self, cert: Certificate, today: NaiveDate) -> Result<CertRow, StoreError> {
        let status = cert.status(today);
        let renewal = match status {
            CertStatus::Cancelado => None,
            _ => self.renewal_of(&cert)?,
        };
        let due = match status {
            CertStatus::CaducadoDescarga | CertStatus::Vencido => true,
            CertStatus::Instalado => {
                cert.is_expiring(today, crate::domain::certificate::EXPIRY_HORIZON_DAYS)
            }
            _ => false,
        };
        let offer = if due && renewal.is_none() {
            cert.renewal_offer(today).ok()
        } else {
            None
        };
        Ok(CertRow {
            download_days_left: cert.download_days_left(today),
            days_to_expiry: cert.days_to_expiry(today),
            status,
            renewal,
            offer,
            cert,
        })
    }

    /// The registry, filtered; the expiry view is ordered by expiry date.
    pub fn certs(&self, filter: &CertFilter) -> Result<Vec<CertRow>, StoreError> {
        let today = self.today();
        let certs = match &filter.dni {
            Some(dni) => self.store.certificates_of(dni.trim())?,
            None => self.store.certificates()?,
        };
        let mut out = Vec::new();
        for c in certs {
            if let Some(days) = filter.expiring_within
                && !c.is_expiring(today, days)
            {
                continue;
            }
            out.push(self.cert_row(c, today)?);
        }
        if filter.expiring_within.is_some() {
            out.sort_by_key(|r| (r.cert.expires_on, r.cert.id.clone()));
        }
        Ok(out)
    }

    /// The download windows still open today: one pass over the registry,
    /// so the queue pays for the certificates, not for its tickets.
    pub fn download_windows(&self) -> Result<DownloadWindows, StoreError> {
        let today = self.today();
        let mut w = DownloadWindows::default();
        for c in self.store.certificates()? {
            if c.status(today) != CertStatus::PorDescargar {
                continue;
            }
            let until = c.download_until();
            let earliest = w.by_origin.entry(c.origin.clone()).or_insert(until);
            *earliest = (*earliest).min(until);
            w.by_cert.insert(c.id, until);
        }
        Ok(w)
    }

    /// The download deadline each ticket shows in the queue (see
    /// [`DownloadWindows::of`]), without decoding every ticket: approved
    /// ones are found by the certificates' origin, open installations are
    /// few and read by status.
    pub fn download_until_by_ticket(&self) -> Result<HashMap<String, NaiveDate>, StoreError> {
        let windows = self.download_windows()?;
        let mut out = HashMap::new();
        for id in windows.by_origin.keys() {
            if let Some(t) = self.store.ticket(id)?
                && let Some(d) = windows.of(&t)
            {
                out.insert(t.id, d);
            }
        }
        if windows.by_cert.is_empty() {
            // No certificate awaits download: no installation can show one,
            // and a large store need not decode its open installations.
            return Ok(out);
        }
        let open_installations = Query {
            statuses: vec![Status::Nuevo, Status::EnAtencion, Status::Observado],
            kind: Some(Kind::Instalacion),
            ..Default::default()
        };
        for t in self.list(&open_installations)? {
            if let Some(d) = windows.of(&t) {
                out.insert(t.id, d);
            }
        }
        Ok(out)
    }

    pub fn certificate(&self, id: &str) -> Result<Certificate, StoreError> {
        self.store
            .certificate(id)?
            .ok_or_else(|| StoreError::CertificateNotFound(id.trim().to_uppercase()))
    }

    /// The directory, filtered by free text (every word, accents ignored).
    pub fn people(&self, search: &str) -> Result<Vec<Person>, StoreError> {
        Ok(self
            .store
            .people()?
            .into_iter()
            .filter(|p| p.matches(search))
            .collect())
    }

    /// `dni,full_name,email,job_title,unit,dependency,started_on`: every row
    /// checked, then everyone written at once; a DNI already in the
    /// directory is replaced by the file's record.
    pub fn import_people(&self, bytes: &[u8], actor: &str) -> Result<Vec<Person>, ImportFailure> {
        let actor = &self.allow(actor, Capability::Work)?;
        let now = self.now();
        let today = self.today_at(now);
        let rows = read_rows(bytes, &PEOPLE_COLUMNS).map_err(ImportFailure::Rows)?;
        let mut errors = Vec::new();
        let mut people = Vec::new();
        let mut seen: HashMap<String, u64> = HashMap::new();
        for row in &rows {
            let mut err = |column: &'static str, rule: Rule| {
                errors.push(RowError {
                    line: row.line,
                    column: Some(column),
                    rule,
                })
            };
            let started = row.get("started_on");
            let started_on = match parse_date(started) {
                Ok(d) => Some(d),
                Err(rule) => {
                    err(
                        "started_on",
                        if started.is_empty() {
                            Rule::Required
                        } else {
                            rule
                        },
                    );
                    None
                }
            };
            let person = Person {
                dni: row.get("dni").to_string(),
                full_name: row.get("full_name").to_string(),
                email: row.get("email").trim().to_string(),
                job_title: row.get("job_title").to_string(),
                unit: row.get("unit").to_string(),
                dependency: row.get("dependency").to_string(),
                started_on: started_on.unwrap_or(today),
            };
            for (field, problem) in person.problems(today, &self.config.validation) {
                err(field.column(), problem.rule);
            }
            if let Some(first) = seen.get(&person.dni) {
                err(
                    "dni",
                    Rule::PersonRepeated {
                        dni: person.dni.clone(),
                        line: *first,
                    },
                );
            } else {
                seen.insert(person.dni.clone(), row.line);
            }
            people.push(person);
        }
        if !errors.is_empty() {
            return Err(ImportFailure::Rows(errors));
        }
        let note = AuditNote::new(now, actor, audit::PEOPLE_IMPORT, "")
            .detail(strings::trust::people_detail(people.len()));
        self.store.put_people(&people, note)?;
        Ok(people)
    }

    /// Registers the ticket that renews a certificate, pre-filled from the
    /// person's latest ticket and the directory: re-emission g after a lapsed
    /// download window (paid: `payment` is required), re-emission a while it
    /// is installed (its expiry drives the 10-days rule), emission b once it
    /// expired. Returns the new ticket.
    pub fn renew(
        &self,
        cert_id: &str,
        actor: &str,
        payment: &PaymentInput,
    ) -> Result<Ticket, RenewError> {
        let actor = &self.allow(actor, Capability::Work)?;
        let now = self.now();
        let today = self.today_at(now);
        let cert = self.certificate(cert_id)?;
        let (kind, motive) = cert.renewal_offer(today)?;
        if let Some(t) = self.renewal_of(&cert)? {
            return Err(CertRefused::RenewalExists {
                id: cert.id.clone(),
                ticket: t.id,
            }
            .into());
        }
        let receipt = self.receipt_from(kind, motive, payment, today)?;
        let mut applicant = self
            .store
            .with_dni(&cert.dni)
            .filter_map(|t| t.ok())
            .filter(|t| t.kind.is_batched())
            .max_by(arrival_order)
            .and_then(|t| t.applicants.into_iter().find(|a| a.dni == cert.dni))
            .unwrap_or_else(|| Applicant {
                full_name: cert.holder.clone(),
                dni: cert.dni.clone(),
                dni_issued_on: None,
                email: cert.email.clone(),
                photo: None,
                signature: None,
                payment_operation: None,
                cert_expires_on: None,
            });
        if let Some(p) = self.store.person(&cert.dni)? {
            applicant.full_name = p.full_name;
            applicant.email = p.email;
        }
        applicant.payment_operation = receipt.as_ref().map(|r| r.operation.clone());
        applicant.cert_expires_on = match motive {
            'a' => cert.expires_on,
            _ => None,
        };
        let ticket = Ticket {
            id: String::new(),
            kind,
            motive: Some(motive),
            status: Status::Nuevo,
            registered_at: now,
            registered_by: actor.to_string(),
            applicants: vec![applicant],
            certificate: Some(cert.id.clone()),
            dispatch: None,
            observations: Vec::new(),
            assignee: None,
            updated_at: now,
            batch: None,
            approved_on: None,
            version: 0,
            taken_at: None,
        };
        let record = NewRecord {
            ticket,
            id_year: self.year_at(now),
            history: vec![HistoryEntry {
                at: now,
                by: actor.to_string(),
                action: None,
                from: None,
                to: Status::Nuevo,
                reasons: vec![strings::registry::renewal_reason(&cert.id)],
                changes: Vec::new(),
            }],
            receipts: receipt.into_iter().collect(),
        };
        let id = self.store.register_renewal(&record, &cert.id)?;
        Ok(self.ticket(&id)?)
    }

    /// The receipt of a paid renewal, every problem named by its option.
    fn receipt_from(
        &self,
        kind: Kind,
        motive: char,
        p: &PaymentInput,
        today: NaiveDate,
    ) -> Result<Option<PaymentReceipt>, RenewError> {
        renewal_receipt(kind, motive, p, today, &self.config.validation)
            .map_err(RenewError::Payment)
    }
}

/// The receipt a renewal of `kind` and `motive` needs, from the payment as
/// typed: none for a free motive (and a payment given is refused), every
/// problem of a paid one. The console checks its form with it as the
/// analyst types; `Desk::renew` checks again before writing.
pub fn renewal_receipt(
    kind: Kind,
    motive: char,
    p: &PaymentInput,
    today: NaiveDate,
    rules: &crate::domain::ValidationRules,
) -> Result<Option<PaymentReceipt>, Vec<Problem>> {
    let given = [&p.operation, &p.date, &p.amount]
        .map(|v| v.as_deref().map(str::trim).filter(|s| !s.is_empty()));
    let any = given.iter().any(Option::is_some);
    if !kind.is_paid(Some(motive)) {
        return match any {
            false => Ok(None),
            true => Err(check_payment_link(kind, Some(motive), Some("x"))),
        };
    }
    let mut problems = Vec::new();
    for (field, v) in [
        Field::PaymentOperation,
        Field::PaymentDate,
        Field::PaymentAmount,
    ]
    .into_iter()
    .zip(given)
    {
        if v.is_none() {
            problems.push(Problem::new(field, Rule::Required));
        }
    }
    if !problems.is_empty() {
        if !any {
            problems.insert(
                0,
                Problem::new(Field::Payment, Rule::PaymentRequired { kind, motive }),
            );
        }
        return Err(problems);
    }
    let [Some(op), Some(date), Some(amount)] = given else {
        unreachable!("checked above");
    };
    let paid_on = parse_date(date).map_err(|r| Problem::new(Field::PaymentDate, r));
    let cents = parse_amount_cents(amount).map_err(|r| Problem::new(Field::PaymentAmount, r));
    let (paid_on, amount_cents) = match (paid_on, cents) {
        (Ok(d), Ok(c)) => (d, c),
        (a, b) => {
            return Err(a.err().into_iter().chain(b.err()).collect());
        }
    };
    let receipt = PaymentReceipt {
        operation: op.to_string(),
        paid_on,
        amount_cents,
        tribute_code: rules.tribute_code.clone(),
        ruc: rules.ruc.clone(),
    };
    let problems = check_receipt(&receipt, today, rules);
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Some(receipt))
}
