//! `mesa import FILE.csv`: every row is checked before anything is written,
//! and the tickets are registered in one transaction: all or nothing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};

use super::Desk;
pub use super::table::RowError;
use super::table::{Row, read_rows_as};
use crate::domain::applicant::{
    Applicant, Attachment, Field, PaymentReceipt, Problem, Rule, ValidationRules, check_applicant,
    check_receipt, parse_amount_cents, parse_date,
};
use crate::domain::certificate;
use crate::domain::ticket::HistoryEntry;
use crate::domain::{Kind, Status, Ticket};
use crate::media::MAX_ATTACHMENT_BYTES;
use crate::store::{NewRecord, StoreError};

pub const COLUMNS: [&str; 15] = [
    "ticket",
    "kind",
    "motive",
    "registered_at",
    "full_name",
    "dni",
    "dni_issued_on",
    "email",
    "photo",
    "signature",
    "payment_operation",
    "payment_date",
    "payment_amount",
    "cert_expires_on",
    "certificate",
];

/// The columns a file must have; the others may be left out (read as
/// empty, and the checks say when a ticket needs them).
pub const REQUIRED: [&str; 4] = ["kind", "full_name", "dni", "email"];

#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error("{}", .0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n"))]
    Rows(Vec<RowError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn column_of(field: Field) -> &'static str {
    match field {
        Field::Ticket => "ticket",
        Field::Kind => "kind",
        Field::Motive => "motive",
        Field::RegisteredAt => "registered_at",
        Field::FullName | Field::Applicants => "full_name",
        Field::Dni => "dni",
        Field::DniIssuedOn => "dni_issued_on",
        Field::Email => "email",
        Field::Photo => "photo",
        Field::Signature => "signature",
        Field::Payment | Field::PaymentOperation | Field::PaymentTribute | Field::PaymentRuc => {
            "payment_operation"
        }
        Field::PaymentDate => "payment_date",
        Field::PaymentAmount => "payment_amount",
        Field::CertExpiresOn => "cert_expires_on",
        Field::Certificate => "certificate",
    }
}

/// Room a registered ticket takes in sled (record, indexes, history,
/// audit entry), generously: what `ensure_room` is asked for per ticket.
const RECORD_ROOM: u64 = 16 << 10;

struct Planned {
    /// The ticket's first line in the file.
    line: u64,
    /// Each applicant's line, in order.
    lines: Vec<u64>,
    /// Each receipt's line, in the order of `record.receipts`.
    receipt_lines: Vec<u64>,
    record: NewRecord,
    files: Vec<(PathBuf, String)>,
}

struct Checker<'a> {
    base: &'a Path,
    today: NaiveDate,
    now: DateTime<Utc>,
    rules: &'a ValidationRules,
    /// Paths typed by the analyst at the console (any file they name, as
    /// on the command line), not read from a CSV (inside its folder only).
    typed: bool,
    /// name → (canonical path and metadata, or the rule it broke); each
    /// file is read once.
    files: HashMap<PathBuf, Result<(PathBuf, Attachment), Rule>>,
}

impl Checker<'_> {
    fn attachment(&mut self, value: &str) -> Result<Option<(PathBuf, Attachment)>, Rule> {
        if value.is_empty() {
            return Ok(None);
        }
        let key = self.base.join(value);
        let base = self.base;
        let typed = self.typed;
        let result = self
            .files
            .entry(key.clone())
            .or_insert_with(|| {
                if typed {
                    super::attachments::read_image_file(&key, value, true).map(|(a, _)| (key, a))
                } else {
                    super::attachments::read_attachment(base, value).map(|(path, a, _)| (path, a))
                }
            })
            .clone();
        result.map(Some)
    }
}

/// Checks one group of rows (one ticket); pushes every problem found.
fn plan_ticket(
    rows: &[&Row],
    ck: &mut Checker,
    actor: &str,
    errors: &mut Vec<RowError>,
) -> Option<Planned> {
    let first = rows[0];
    let before = errors.len();
    let mut err = |line: u64, column: &'static str, rule: Rule| {
        errors.push(RowError {
            line,
            column: Some(column),
            rule,
        })
    };

    for col in ["kind", "motive", "registered_at", "certificate"] {
        if rows.iter().any(|r| r.get(col) != first.get(col)) {
            err(first.line, col, Rule::Inconsistent { column: col.into() });
        }
    }
    let kind_text = first.get("kind");
    let Some(kind) = Kind::from_code(kind_text) else {
        let rule = if kind_text.is_empty() {
            Rule::Required
        } else {
            Rule::KindUnknown {
                given: kind_text.chars().take(40).collect(),
            }
        };
        err(first.line, "kind", rule);
        return None;
    };
    let motive_text = first.get("motive").to_lowercase();
    let motive = if kind.takes_motive() {
        let mut chars = motive_text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if kind.motive(c).is_some() => Some(c),
            (None, _) => {
                err(first.line, "motive", Rule::MotiveRequired { kind });
                None
            }
            _ => {
                err(
                    first.line,
                    "motive",
                    Rule::MotiveUnknown {
                        kind,
                        given: motive_text.chars().take(40).collect(),
                    },
                );
                None
            }
        }
    } else {
        if !motive_text.is_empty() {
            err(first.line, "motive", Rule::MotiveNotTaken { kind });
        }
        None
    };
    let registered_at = match first.get("registered_at") {
        "" => ck.now,
        s => match DateTime::parse_from_rfc3339(s) {
            Ok(t) if t.with_timezone(&Utc) > ck.now => {
                err(
                    first.line,
                    "registered_at",
                    Rule::DateInFuture {
                        date: t.date_naive(),
                    },
                );
                ck.now
            }
            Ok(t) => t.with_timezone(&Utc),
            Err(_) => {
                err(
                    first.line,
                    "registered_at",
                    Rule::TimestampMalformed {
                        given: s.chars().take(40).collect(),
                    },
                );
                ck.now
            }
        },
    };
    let spec = kind.spec();
    if !spec.needs_applicants && rows.len() > 1 {
        err(rows[1].line, "full_name", Rule::SingleSubscriber { kind });
    }
    let certificate = Some(first.get("certificate"))
        .filter(|c| !c.is_empty())
        .map(String::from);

    let mut applicants = Vec::new();
    let mut receipts = Vec::new();
    let mut files = Vec::new();
    for row in rows {
        let line = row.line;
        let date =
            |col: &'static str, errs: &mut Vec<(u64, &'static str, Rule)>| -> Option<NaiveDate> {
                match row.get(col) {
                    "" => None,
                    s => parse_date(s).map_err(|r| errs.push((line, col, r))).ok(),
                }
            };
        let mut deferred = Vec::new();
        let dni_issued_on = date("dni_issued_on", &mut deferred);
        let cert_expires_on = date("cert_expires_on", &mut deferred);
        for (l, c, r) in deferred {
            err(l, c, r);
        }
        let mut media_of = |col: &'static str| -> Option<Attachment> {
            if !spec.needs_applicants {
                if !row.get(col).is_empty() {
                    err(line, col, Rule::MediaNotForKind { kind });
                }
                return None;
            }
            match ck.attachment(row.get(col)) {
                Ok(Some((path, a))) => {
                    files.push((path, a.sha256.clone()));
                    Some(a)
                }
                Ok(None) => None,
                Err(rule) => {
                    err(line, col, rule);
                    None
                }
            }
        };
        let photo = media_of("photo");
        let signature = media_of("signature");

        let payment = ["payment_operation", "payment_date", "payment_amount"].map(|c| row.get(c));
        let payment_incomplete =
            !payment.iter().all(|c| c.is_empty()) && payment.iter().any(|c| c.is_empty());
        let payment_operation = match payment {
            ["", "", ""] => None,
            [op, date_text, amount]
                if !op.is_empty() && !date_text.is_empty() && !amount.is_empty() =>
            {
                let paid_on = parse_date(date_text)
                    .map_err(|r| err(line, "payment_date", r))
                    .ok();
                let amount_cents = parse_amount_cents(amount)
                    .map_err(|r| err(line, "payment_amount", r))
                    .ok();
                if let (Some(paid_on), Some(amount_cents)) = (paid_on, amount_cents) {
                    let receipt = PaymentReceipt {
                        operation: op.to_string(),
                        paid_on,
                        amount_cents,
                        tribute_code: ck.rules.tribute_code.clone(),
                        ruc: ck.rules.ruc.clone(),
                    };
                    for p in check_receipt(&receipt, ck.today, ck.rules) {
                        err(line, column_of(p.field), p.rule);
                    }
                    receipts.push((line, receipt));
                }
                Some(op.to_string())
            }
            _ => {
                err(line, "payment_operation", Rule::PaymentIncomplete);
                None
            }
        };
        let applicant = Applicant {
            full_name: row.get("full_name").to_string(),
            dni: row.get("dni").to_string(),
            dni_issued_on,
            email: row.get("email").to_string(),
            photo,
            signature,
            payment_operation,
            cert_expires_on,
        };
        let row_date_problem = |field: Field| {
            (field == Field::DniIssuedOn
                && dni_issued_on.is_none()
                && !row.get("dni_issued_on").is_empty())
                || (field == Field::Payment && payment_incomplete)
        };
        for p in crate::domain::applicant::check_cert_expiry(
            kind,
            motive,
            applicant.cert_expires_on,
            ck.today,
        ) {
            err(line, "cert_expires_on", p.rule);
        }
        for check in check_applicant(&applicant, kind, motive, ck.today, ck.rules) {
            if !check.check.blocks_registration() {
                continue;
            }
            for Problem { field, rule } in check.problems {
                if !row_date_problem(field) {
                    err(line, column_of(field), rule);
                }
            }
        }
        if let Some(i) = applicants
            .iter()
            .position(|a: &Applicant| !a.dni.is_empty() && a.dni == applicant.dni)
        {
            err(
                line,
                "dni",
                Rule::PersonRepeated {
                    dni: applicant.dni.clone(),
                    line: rows[i].line,
                },
            );
        }
        applicants.push(applicant);
    }
    if errors.len() > before {
        return None;
    }
    let ticket = Ticket {
        id: String::new(),
        kind,
        motive,
        status: Status::Nuevo,
        registered_at,
        registered_by: actor.to_string(),
        applicants,
        certificate,
        dispatch: None,
        observations: Vec::new(),
        assignee: None,
        updated_at: registered_at,
        batch: None,
        approved_on: None,
        version: 0,
        taken_at: None,
    };
    let history = vec![HistoryEntry {
        at: ck.now,
        by: actor.to_string(),
        action: None,
        from: None,
        to: Status::Nuevo,
        reasons: Vec::new(),
        changes: Vec::new(),
    }];
    let receipt_lines = receipts.iter().map(|(l, _)| *l).collect();
    let receipts = receipts.into_iter().map(|(_, r)| r).collect();
    Some(Planned {
        line: first.line,
        lines: rows.iter().map(|r| r.line).collect(),
        receipt_lines,
        record: NewRecord {
            ticket,
            id_year: 0,
            history,
            receipts,
        },
        files,
    })
}

impl Desk {
    /// Requests that repeat one already open: the same kind, motive and DNI
    /// in an open ticket of the store or earlier in the file, or a second
    /// cancellation of a certificate already being cancelled.
    fn duplicate_requests(&self, planned: &[Planned]) -> Result<Vec<RowError>, StoreError> {
        let alive = |t: &Ticket| !t.status.is_final() && t.status != Status::Rechazado;
        let mut out = Vec::new();
        let mut in_file: HashMap<(Kind, Option<char>, String), u64> = HashMap::new();
        for p in planned {
            let t = &p.record.ticket;
            if t.kind.spec().needs_certificate {
                // Installation and cancellation are about one certificate
                // (a person may hold two): the same kind open on it is the
                // duplicate, whatever the motive.
                let Some(cert) = &t.certificate else { continue };
                let dni = t.applicants.first().map(|a| a.dni.as_str()).unwrap_or("");
                let key = (t.kind, None, cert.to_uppercase());
                if let Some(first) = in_file.get(&key) {
                    out.push(RowError {
                        line: p.line,
                        column: Some("certificate"),
                        rule: Rule::SameRequestInFile { line: *first },
                    });
                    continue;
                }
                in_file.insert(key, p.line);
                for other in self.store.with_dni(dni) {
                    let other = other?;
                    if alive(&other)
                        && other.kind == t.kind
                        && other.certificate.as_deref() == Some(cert.as_str())
                    {
                        let rule = if t.kind == Kind::Cancelacion {
                            Rule::CancellationInProgress {
                                id: other.id.clone(),
                                certificate: cert.clone(),
                            }
                        } else {
                            Rule::OpenTicketExists {
                                id: other.id.clone(),
                                status: other.status,
                            }
                        };
                        out.push(RowError {
                            line: p.line,
                            column: Some("certificate"),
                            rule,
                        });
                        break;
                    }
                }
                continue;
            }
            for (a, line) in t.applicants.iter().zip(&p.lines) {
                let key = (t.kind, t.motive, a.dni.clone());
                if let Some(first) = in_file.get(&key) {
                    out.push(RowError {
                        line: *line,
                        column: Some("dni"),
                        rule: Rule::SameRequestInFile { line: *first },
                    });
                    continue;
                }
                in_file.insert(key, *line);
                for other in self.store.with_dni(&a.dni) {
                    let other = other?;
                    if alive(&other) && other.kind == t.kind && other.motive == t.motive {
                        out.push(RowError {
                            line: *line,
                            column: Some("dni"),
                            rule: Rule::OpenTicketExists {
                                id: other.id.clone(),
                                status: other.status,
                            },
                        });
                        break;
                    }
                }
            }
        }
        Ok(out)
    }

    /// Imports a CSV whose attachment paths are relative to `base`.
    pub fn import_csv(
        &self,
        bytes: &[u8],
        base: &Path,
        actor: &str,
    ) -> Result<Vec<String>, ImportFailure> {
        let rows = read_rows_as(
            bytes,
            &COLUMNS,
            &REQUIRED,
            crate::strings::import_columns::ALIASES,
        )
        .map_err(ImportFailure::Rows)?;
        self.import_rows(rows, base, actor, false)
    }

    /// Registers one ticket typed in the console: one map of import columns
    /// per applicant, through exactly the checks of a CSV import. Problems
    /// name the applicant (line 1 is the first) and the column.
    pub fn register_fields(
        &self,
        applicants: &[BTreeMap<&'static str, String>],
        base: &Path,
        actor: &str,
    ) -> Result<Vec<String>, ImportFailure> {
        let rows = applicants
            .iter()
            .enumerate()
            .map(|(i, cells)| Row {
                line: i as u64 + 1,
                cells: cells.iter().map(|(k, v)| (*k, v.clone())).collect(),
            })
            .collect();
        self.import_rows(rows, base, actor, true)
    }

    fn import_rows(
        &self,
        rows: Vec<Row>,
        base: &Path,
        actor: &str,
        typed: bool,
    ) -> Result<Vec<String>, ImportFailure> {
        let actor = &self.allow(actor, crate::domain::role::Capability::Work)?;
        let now = self.now();
        let mut groups: BTreeMap<(u64, String), Vec<&Row>> = BTreeMap::new();
        let mut first_line: HashMap<String, u64> = HashMap::new();
        for row in &rows {
            let key = row.get("ticket").to_string();
            let line = *first_line.entry(key.clone()).or_insert(row.line);
            // A row without a ticket value is a ticket of its own.
            let key = if key.is_empty() {
                format!("\u{0}{}", row.line)
            } else {
                key
            };
            groups.entry((line, key)).or_default().push(row);
        }
        let mut ck = Checker {
            base,
            today: self.today_at(now),
            now,
            rules: &self.config.validation,
            typed,
            files: HashMap::new(),
        };
        let mut errors = Vec::new();
        let mut planned = Vec::new();
        for rows in groups.values() {
            if let Some(p) = plan_ticket(rows, &mut ck, actor, &mut errors) {
                planned.push(p);
            }
        }
        // The certificate an installation or cancellation means: the one
        // named, or the subscriber's only one that fits.
        let today = self.today_at(now);
        for p in planned.iter_mut() {
            let t = &mut p.record.ticket;
            if !t.kind.spec().needs_certificate {
                continue;
            }
            let Some(dni) = t.applicants.first().map(|a| a.dni.clone()) else {
                continue;
            };
            let mut known = self.store.certificates_of(&dni)?;
            if let Some(named) = &t.certificate
                && let Some(c) = self.store.certificate(named)?
                && c.dni != dni
            {
                known.push(c);
            }
            match certificate::resolve(&known, t.kind, &dni, t.certificate.as_deref(), today) {
                Ok(Some(c)) => t.certificate = Some(c.id.clone()),
                Ok(None) => {}
                Err(problem) => errors.push(RowError {
                    line: p.line,
                    column: Some("certificate"),
                    rule: Rule::Certificate { problem },
                }),
            }
        }
        // A receipt's operation number is used once in the whole store; in
        // the file, the second use names the line of the first.
        let mut seen: HashMap<String, u64> = HashMap::new();
        for p in &planned {
            for (r, line) in p.record.receipts.iter().zip(&p.receipt_lines) {
                let line = *line;
                let key = r.operation.trim().to_uppercase();
                if let Some(first) = seen.get(&key) {
                    errors.push(RowError {
                        line,
                        column: Some("payment_operation"),
                        rule: Rule::OperationReusedInFile { line: *first },
                    });
                    continue;
                }
                seen.insert(key, line);
                if let Some(existing) = self.store.receipt(&r.operation)? {
                    errors.push(RowError {
                        line,
                        column: Some("payment_operation"),
                        rule: Rule::OperationReused {
                            ticket: Some(existing.ticket),
                        },
                    });
                }
            }
        }
        errors.extend(self.duplicate_requests(&planned)?);
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Err(ImportFailure::Rows(errors));
        }
        // Files first (content-addressed, so a failure after this leaves no
        // record pointing at a missing file), then every ticket at once.
        // Enough room for both is checked first; a failure removes the
        // files this import added (nothing refers to them).
        let mut created = Vec::new();
        let result = self.write_planned(planned, &mut created);
        if result.is_err() {
            for path in created {
                let _ = std::fs::remove_file(path);
            }
        }
        result
    }

    fn write_planned(
        &self,
        planned: Vec<Planned>,
        created: &mut Vec<PathBuf>,
    ) -> Result<Vec<String>, ImportFailure> {
        let mut written = HashSet::new();
        let mut room = 0u64;
        for p in &planned {
            room += RECORD_ROOM;
            for (path, sha) in &p.files {
                if written.insert(sha.clone()) && !self.store.attachment_path(sha).exists() {
                    room += std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                }
            }
        }
        self.store.ensure_room(room)?;
        let mut written = HashSet::new();
        for p in &planned {
            for (path, sha) in &p.files {
                if !written.insert(sha.clone()) {
                    continue;
                }
                // Read again the same careful way (a regular file, within
                // the limit); what is stored is what was checked: the
                // digest below says so, or the import stops.
                let bytes = super::attachments::read_regular(path, MAX_ATTACHMENT_BYTES, true)
                    .map_err(|r| StoreError::Io {
                        path: path.clone(),
                        source: std::io::Error::other(r.cause()),
                    })?;
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let dest = self.store.attachment_path(sha);
                let new = !dest.exists();
                let stored = self.store.put_attachment(&bytes, &name)?;
                if new {
                    created.push(self.store.attachment_path(&stored.sha256));
                }
                if &stored.sha256 != sha {
                    return Err(ImportFailure::Rows(vec![RowError {
                        line: 0,
                        column: None,
                        rule: Rule::FileNotFound {
                            path: path.display().to_string(),
                        },
                    }]));
                }
            }
        }
        let records: Vec<NewRecord> = planned
            .into_iter()
            .map(|mut p| {
                p.record.id_year = self.year_at(p.record.ticket.registered_at);
                p.record
            })
            .collect();
        Ok(self.store.register_all(&records)?)
    }
}
