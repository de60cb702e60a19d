//! Applicants, payment receipts and attachments: the data an analyst checks.
//!
//! Every rule here reports *all* problems at once, each naming the field and
//! the rule broken, so a staff member fixes everything in one round.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::procedure::Kind;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub full_name: String,
    pub dni: String,
    /// Required for emission and re-emission applicants.
    pub dni_issued_on: Option<NaiveDate>,
    pub email: String,
    pub photo: Option<Attachment>,
    pub signature: Option<Attachment>,
    /// Operation number of the linked payment receipt, for paid motives.
    pub payment_operation: Option<String>,
    /// Expiry of the applicant's current certificate, when known.
    pub cert_expires_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentReceipt {
    pub operation: String,
    pub paid_on: NaiveDate,
    pub amount_cents: u32,
    pub tribute_code: String,
    pub ruc: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Png,
    Jpeg,
}

impl ImageFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Jpeg => "jpg",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImageInfo {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
}

/// A photo or signature file kept in the store, named by its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub sha256: String,
    /// The name the file had when it was handed in.
    pub file_name: String,
    pub bytes: u64,
    /// `None` when the file is not a JPEG or PNG that decodes.
    pub image: Option<ImageInfo>,
}

/// The parts of a request a rule can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Ticket,
    Kind,
    Motive,
    RegisteredAt,
    Certificate,
    Applicants,
    FullName,
    Dni,
    DniIssuedOn,
    Email,
    Photo,
    Signature,
    CertExpiresOn,
    Payment,
    PaymentOperation,
    PaymentDate,
    PaymentAmount,
    PaymentTribute,
    PaymentRuc,
}

/// The rule a value broke.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    Required,
    TooLong {
        max: usize,
    },
    ControlCharacters,
    DniEightDigits,
    /// Seven digits: a spreadsheet most likely dropped the leading zero.
    DniLeadingZeroLost,
    DateNotReal {
        given: String,
    },
    DateInFuture {
        date: NaiveDate,
    },
    /// A DNI issue date before RENIEC existed (Ley 26497, 12/07/1995).
    DniIssuedBeforeReniec {
        date: NaiveDate,
        earliest: NaiveDate,
    },
    /// A certificate expiry further ahead than any certificate lasts.
    ExpiryTooFar {
        date: NaiveDate,
        latest: NaiveDate,
    },
    /// An expiry on a first emission (Emisión a): there is no certificate yet.
    ExpiryOnFirstEmission,
    /// An open ticket of the same kind and motive for this DNI exists.
    OpenTicketExists {
        id: String,
        status: crate::domain::Status,
    },
    /// The certificate already has a cancellation under way.
    CancellationInProgress {
        id: String,
        certificate: String,
    },
    /// The same request (kind, motive, DNI) appears earlier in the file.
    SameRequestInFile {
        line: u64,
    },
    /// A payment operation number already used at another line of the file.
    OperationReusedInFile {
        line: u64,
    },
    /// RENIEC's answer dated before the batch was sent, or in the future.
    AnswerDate(crate::domain::batch::AnswerDateRefused),
    EmailMalformed,
    /// Letters with accents or «ñ»: addresses must be plain ASCII.
    EmailNotAscii,
    EmailPersonal {
        domain: String,
        allowed: String,
    },
    EmailNotInstitutional {
        domain: String,
        allowed: String,
    },
    KindUnknown {
        given: String,
    },
    MotiveUnknown {
        kind: Kind,
        given: String,
    },
    MotiveRequired {
        kind: Kind,
    },
    MotiveNotTaken {
        kind: Kind,
    },
    CertificateRequired {
        kind: Kind,
    },
    ApplicantsNotTaken {
        kind: Kind,
    },
    PaymentRequired {
        kind: Kind,
        motive: char,
    },
    PaymentNotAllowed {
        kind: Kind,
        motive: Option<char>,
    },
    PaymentIncomplete,
    OperationMalformed,
    OperationReused {
        ticket: Option<String>,
    },
    AmountMalformed {
        given: String,
    },
    AmountWrong {
        expected_cents: u32,
        given_cents: u32,
    },
    TributeWrong {
        expected: String,
    },
    RucWrong {
        expected: String,
    },
    TimestampMalformed {
        given: String,
    },
    Inconsistent {
        column: String,
    },
    ImageMissing,
    ImageUnreadable,
    ImageTooLarge {
        max_bytes: u64,
    },
    PhotoNotPortrait {
        width: u32,
        height: u32,
    },
    PhotoTooSmall {
        width: u32,
        height: u32,
        min_width: u32,
        min_height: u32,
    },
    SignatureNotLandscape {
        width: u32,
        height: u32,
    },
    FileNotFound {
        path: String,
    },
    /// The file is there but cannot be read (permissions, a folder).
    FileUnreadable {
        path: String,
        cause: String,
    },
    NotUtf8,
    EmptyFile,
    MissingColumns {
        names: String,
    },
    UnknownColumn {
        name: String,
    },
    /// A photo or signature given for a kind that takes none
    /// (installation, cancellation): refused, not silently dropped.
    MediaNotForKind {
        kind: Kind,
    },
    SingleSubscriber {
        kind: Kind,
    },
    CsvMalformed {
        detail: String,
    },
    ResultUnknown {
        given: String,
    },
    TicketUnknown {
        id: String,
    },
    NotAwaitingAnswer {
        id: String,
        status: super::Status,
    },
    Duplicate {
        id: String,
    },
    /// The registry cannot tell which certificate is meant, or it cannot
    /// make that move.
    Certificate {
        problem: super::certificate::Resolution,
    },
    PersonRepeated {
        dni: String,
        line: u64,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub field: Field,
    #[serde(flatten)]
    pub rule: Rule,
}

impl Problem {
    pub fn new(field: Field, rule: Rule) -> Problem {
        Problem { field, rule }
    }
}

/// The settings validation depends on; the defaults are the regional
/// government's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationRules {
    pub institutional_domains: Vec<String>,
    /// Providers whose addresses get the "personal email" message.
    pub personal_providers: Vec<String>,
    pub fee_cents: u32,
    pub tribute_code: String,
    pub ruc: String,
    pub photo_min_width: u32,
    pub photo_min_height: u32,
    pub max_text_len: usize,
}

impl Default for ValidationRules {
    fn default() -> Self {
        ValidationRules {
            institutional_domains: vec!["regioncajamarca.gob.pe".into()],
            personal_providers: [
                "gmail",
                "googlemail",
                "hotmail",
                "outlook",
                "live",
                "msn",
                "yahoo",
                "ymail",
                "icloud",
            ]
            .map(String::from)
            .to_vec(),
            fee_cents: 810,
            tribute_code: "00529".into(),
            ruc: "20453744168".into(),
            photo_min_width: 240,
            photo_min_height: 320,
            max_text_len: 150,
        }
    }
}

/// One named check of an applicant, as shown on the ticket screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    FullName,
    Dni,
    DniIssuedOn,
    Email,
    Photo,
    Signature,
    Payment,
}

impl Check {
    pub const ALL: [Check; 7] = [
        Check::FullName,
        Check::Dni,
        Check::DniIssuedOn,
        Check::Email,
        Check::Photo,
        Check::Signature,
        Check::Payment,
    ];

    /// Problems of these checks refuse the registration itself; the rest
    /// (photo, signature) are found by the analyst and returned for correction.
    pub fn blocks_registration(self) -> bool {
        !matches!(self, Check::Photo | Check::Signature)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckResult {
    pub check: Check,
    pub problems: Vec<Problem>,
}

impl CheckResult {
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

pub fn check_text(field: Field, value: &str, rules: &ValidationRules) -> Vec<Problem> {
    let mut out = Vec::new();
    if value.trim().is_empty() {
        out.push(Problem::new(field, Rule::Required));
    }
    if value.chars().count() > rules.max_text_len {
        out.push(Problem::new(
            field,
            Rule::TooLong {
                max: rules.max_text_len,
            },
        ));
    }
    if value.chars().any(char::is_control) {
        out.push(Problem::new(field, Rule::ControlCharacters));
    }
    out
}

pub fn check_dni(dni: &str) -> Vec<Problem> {
    if dni.len() == 8 && dni.bytes().all(|b| b.is_ascii_digit()) {
        Vec::new()
    } else if dni.is_empty() {
        vec![Problem::new(Field::Dni, Rule::Required)]
    } else if dni.len() == 7 && dni.bytes().all(|b| b.is_ascii_digit()) {
        vec![Problem::new(Field::Dni, Rule::DniLeadingZeroLost)]
    } else {
        vec![Problem::new(Field::Dni, Rule::DniEightDigits)]
    }
}

/// RENIEC was created by Ley 26497 of 12 July 1995: no DNI is older.
pub fn reniec_founded() -> NaiveDate {
    NaiveDate::from_ymd_opt(1995, 7, 12).expect("a real date")
}

/// How far ahead a current certificate's expiry may be: RENIEC's
/// certificates last a few years; five years from today is the bound.
pub const CERT_EXPIRY_MAX_YEARS: u32 = 5;

/// The current certificate's expiry a ticket gives: none on a first
/// emission (Emisión a: no certificate yet), and not further ahead than
/// [`CERT_EXPIRY_MAX_YEARS`] from today. A past date is a certificate that
/// expired (Emisión b).
pub fn check_cert_expiry(
    kind: Kind,
    motive: Option<char>,
    expires: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<Problem> {
    let Some(date) = expires else {
        return Vec::new();
    };
    if kind == Kind::Emision && motive == Some('a') {
        return vec![Problem::new(
            Field::CertExpiresOn,
            Rule::ExpiryOnFirstEmission,
        )];
    }
    let latest = today
        .checked_add_months(chrono::Months::new(CERT_EXPIRY_MAX_YEARS * 12))
        .unwrap_or(NaiveDate::MAX);
    if date > latest {
        return vec![Problem::new(
            Field::CertExpiresOn,
            Rule::ExpiryTooFar { date, latest },
        )];
    }
    Vec::new()
}

pub fn check_not_future(field: Field, date: NaiveDate, today: NaiveDate) -> Vec<Problem> {
    if date > today {
        vec![Problem::new(field, Rule::DateInFuture { date })]
    } else {
        Vec::new()
    }
}

pub fn check_email(email: &str, rules: &ValidationRules) -> Vec<Problem> {
    let allowed = rules
        .institutional_domains
        .iter()
        .map(|d| format!("@{d}"))
        .collect::<Vec<_>>()
        .join(", ");
    let email = email.trim();
    if email.is_empty() {
        return vec![Problem::new(Field::Email, Rule::Required)];
    }
    if !email.is_ascii() {
        return vec![Problem::new(Field::Email, Rule::EmailNotAscii)];
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return vec![Problem::new(Field::Email, Rule::EmailMalformed)];
    };
    let well_formed = !local.is_empty()
        && !local.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.chars().all(|c| c.is_ascii_graphic());
    if !well_formed {
        return vec![Problem::new(Field::Email, Rule::EmailMalformed)];
    }
    let domain = domain.to_lowercase();
    if rules
        .institutional_domains
        .iter()
        .any(|d| d.eq_ignore_ascii_case(&domain))
    {
        return Vec::new();
    }
    let provider = domain.split('.').next().unwrap_or_default();
    let rule = if rules.personal_providers.iter().any(|p| p == provider) {
        Rule::EmailPersonal { domain, allowed }
    } else {
        Rule::EmailNotInstitutional { domain, allowed }
    };
    vec![Problem::new(Field::Email, rule)]
}

pub fn check_photo(photo: Option<&Attachment>, rules: &ValidationRules) -> Vec<Problem> {
    let field = Field::Photo;
    let Some(photo) = photo else {
        return vec![Problem::new(field, Rule::ImageMissing)];
    };
    let Some(img) = photo.image else {
        return vec![Problem::new(field, Rule::ImageUnreadable)];
    };
    let mut out = Vec::new();
    if img.height <= img.width {
        out.push(Problem::new(
            field,
            Rule::PhotoNotPortrait {
                width: img.width,
                height: img.height,
            },
        ));
    }
    if img.width < rules.photo_min_width || img.height < rules.photo_min_height {
        out.push(Problem::new(
            field,
            Rule::PhotoTooSmall {
                width: img.width,
                height: img.height,
                min_width: rules.photo_min_width,
                min_height: rules.photo_min_height,
            },
        ));
    }
    out
}

pub fn check_signature(signature: Option<&Attachment>) -> Vec<Problem> {
    let field = Field::Signature;
    let Some(sig) = signature else {
        return vec![Problem::new(field, Rule::ImageMissing)];
    };
    match sig.image {
        None => vec![Problem::new(field, Rule::ImageUnreadable)],
        Some(img) if img.width <= img.height => vec![Problem::new(
            field,
            Rule::SignatureNotLandscape {
                width: img.width,
                height: img.height,
            },
        )],
        Some(_) => Vec::new(),
    }
}

/// A receipt must be linked exactly when the motive is paid.
pub fn check_payment_link(
    kind: Kind,
    motive: Option<char>,
    operation: Option<&str>,
) -> Vec<Problem> {
    let linked = operation.is_some_and(|o| !o.trim().is_empty());
    match (kind.is_paid(motive), linked) {
        (true, false) => vec![Problem::new(
            Field::Payment,
            Rule::PaymentRequired {
                kind,
                motive: motive.unwrap_or('?'),
            },
        )],
        (false, true) => vec![Problem::new(
            Field::Payment,
            Rule::PaymentNotAllowed { kind, motive },
        )],
        _ => Vec::new(),
    }
}

/// Whether the payment check means anything for this applicant: a paid
/// motive, or an operation linked anyway (which the check then refuses).
/// Unpaid motives, installations and cancellations show no payment line.
pub fn payment_applies(kind: Kind, motive: Option<char>, operation: Option<&str>) -> bool {
    kind.is_paid(motive) || operation.is_some_and(|o| !o.trim().is_empty())
}

/// The checks to show to the analyst: all of them, but the payment check
/// only where a payment applies (`payment_applies`).
pub fn shown_checks<'a>(
    checks: &'a [CheckResult],
    a: &Applicant,
    kind: Kind,
    motive: Option<char>,
) -> impl Iterator<Item = &'a CheckResult> {
    let payment = payment_applies(kind, motive, a.payment_operation.as_deref());
    checks
        .iter()
        .filter(move |c| c.check != Check::Payment || payment)
}

/// The receipt's own rules (uniqueness of the operation number is the store's).
pub fn check_receipt(
    r: &PaymentReceipt,
    today: NaiveDate,
    rules: &ValidationRules,
) -> Vec<Problem> {
    let mut out = Vec::new();
    let op = r.operation.trim();
    if op.is_empty() {
        out.push(Problem::new(Field::PaymentOperation, Rule::Required));
    } else if op.len() > 20 || !op.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push(Problem::new(
            Field::PaymentOperation,
            Rule::OperationMalformed,
        ));
    }
    out.extend(check_not_future(Field::PaymentDate, r.paid_on, today));
    if r.amount_cents != rules.fee_cents {
        out.push(Problem::new(
            Field::PaymentAmount,
            Rule::AmountWrong {
                expected_cents: rules.fee_cents,
                given_cents: r.amount_cents,
            },
        ));
    }
    if r.tribute_code != rules.tribute_code {
        out.push(Problem::new(
            Field::PaymentTribute,
            Rule::TributeWrong {
                expected: rules.tribute_code.clone(),
            },
        ));
    }
    if r.ruc != rules.ruc {
        out.push(Problem::new(
            Field::PaymentRuc,
            Rule::RucWrong {
                expected: rules.ruc.clone(),
            },
        ));
    }
    out
}

/// Every check of one applicant, pass or fail, in screen order.
pub fn check_applicant(
    a: &Applicant,
    kind: Kind,
    motive: Option<char>,
    today: NaiveDate,
    rules: &ValidationRules,
) -> Vec<CheckResult> {
    let applicant_kind = kind.spec().needs_applicants;
    Check::ALL
        .into_iter()
        .filter(|c| {
            applicant_kind
                || matches!(
                    c,
                    Check::FullName | Check::Dni | Check::Email | Check::Payment
                )
        })
        .map(|check| {
            let problems = match check {
                Check::FullName => check_text(Field::FullName, &a.full_name, rules),
                Check::Dni => check_dni(&a.dni),
                Check::DniIssuedOn => match a.dni_issued_on {
                    Some(date) if date < reniec_founded() => vec![Problem::new(
                        Field::DniIssuedOn,
                        Rule::DniIssuedBeforeReniec {
                            date,
                            earliest: reniec_founded(),
                        },
                    )],
                    Some(date) => check_not_future(Field::DniIssuedOn, date, today),
                    None => vec![Problem::new(Field::DniIssuedOn, Rule::Required)],
                },
                Check::Email => check_email(&a.email, rules),
                Check::Photo => check_photo(a.photo.as_ref(), rules),
                Check::Signature => check_signature(a.signature.as_ref()),
                Check::Payment => check_payment_link(kind, motive, a.payment_operation.as_deref()),
            };
            CheckResult { check, problems }
        })
        .collect()
}

/// Parses a date as ISO (2026-11-23) or as printed on a DNI (23/11/2026).
pub fn parse_date(s: &str) -> Result<NaiveDate, Rule> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .map_err(|_| Rule::DateNotReal {
            given: s.chars().take(40).collect(),
        })
}

/// Parses an amount in soles ("8.10", "8,1", "S/ 8.10") into céntimos.
pub fn parse_amount_cents(s: &str) -> Result<u32, Rule> {
    let bad = || Rule::AmountMalformed {
        given: s.chars().take(40).collect(),
    };
    let t = s.trim();
    let t = t
        .strip_prefix("S/.")
        .or_else(|| t.strip_prefix("S/"))
        .unwrap_or(t)
        .trim();
    let t = t.replace(',', ".");
    let (soles, cents) = t.split_once('.').unwrap_or((&t, ""));
    if soles.is_empty() || soles.len() > 6 || cents.len() > 2 {
        return Err(bad());
    }
    if !soles.bytes().all(|b| b.is_ascii_digit()) || !cents.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let soles: u32 = soles.parse().map_err(|_| bad())?;
    let cents: u32 = match cents.len() {
        0 => 0,
        1 => cents.parse::<u32>().map_err(|_| bad())? * 10,
        _ => cents.parse().map_err(|_| bad())?,
    };
    Ok(soles * 100 + cents)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn rules() -> ValidationRules {
        ValidationRules::default()
    }
    fn img(format: ImageFormat, width: u32, height: u32) -> Attachment {
        Attachment {
            sha256: "0".repeat(64),
            file_name: "x".into(),
            bytes: 10,
            image: Some(ImageInfo {
                format,
                width,
                height,
            }),
        }
    }
    fn applicant() -> Applicant {
        Applicant {
            full_name: "Rosa Quispe Huamán".into(),
            dni: "45781236".into(),
            dni_issued_on: Some(d("2019-05-14")),
            email: "rquispe@regioncajamarca.gob.pe".into(),
            photo: Some(img(ImageFormat::Jpeg, 480, 640)),
            signature: Some(img(ImageFormat::Png, 600, 200)),
            payment_operation: None,
            cert_expires_on: None,
        }
    }
    fn receipt() -> PaymentReceipt {
        PaymentReceipt {
            operation: "0012345".into(),
            paid_on: d("2026-11-20"),
            amount_cents: 810,
            tribute_code: "00529".into(),
            ruc: "20453744168".into(),
        }
    }
    fn rules_of(problems: &[Problem]) -> Vec<&Rule> {
        problems.iter().map(|p| &p.rule).collect()
    }

    #[test]
    fn a_good_applicant_passes_every_check() {
        let today = d("2026-11-23");
        let checks = check_applicant(&applicant(), Kind::Emision, Some('a'), today, &rules());
        assert_eq!(checks.len(), Check::ALL.len());
        assert!(checks.iter().all(CheckResult::passed), "{checks:?}");
    }

    #[test]
    fn the_payment_check_is_shown_only_where_a_payment_applies() {
        let a = applicant();
        for (kind, motive) in [
            (Kind::Emision, Some('a')),
            (Kind::Instalacion, None),
            (Kind::Cancelacion, Some('c')),
        ] {
            let checks = check_applicant(&a, kind, motive, d("2026-11-23"), &rules());
            assert!(
                shown_checks(&checks, &a, kind, motive).all(|c| c.check != Check::Payment),
                "{kind:?} {motive:?}"
            );
        }
        let checks = check_applicant(&a, Kind::Reemision, Some('d'), d("2026-11-23"), &rules());
        assert!(
            shown_checks(&checks, &a, Kind::Reemision, Some('d'))
                .any(|c| c.check == Check::Payment)
        );
        let mut linked = applicant();
        linked.payment_operation = Some("0012345".into());
        let checks = check_applicant(&linked, Kind::Emision, Some('a'), d("2026-11-23"), &rules());
        assert!(
            shown_checks(&checks, &linked, Kind::Emision, Some('a'))
                .any(|c| c.check == Check::Payment)
        );
    }

    #[test]
    fn installation_and_cancellation_check_only_identity_and_payment() {
        let mut a = applicant();
        a.photo = None;
        a.signature = None;
        a.dni_issued_on = None;
        let checks = check_applicant(&a, Kind::Instalacion, None, d("2026-11-23"), &rules());
        let names: Vec<Check> = checks.iter().map(|c| c.check).collect();
        assert_eq!(
            names,
            [Check::FullName, Check::Dni, Check::Email, Check::Payment]
        );
        assert!(checks.iter().all(CheckResult::passed));
        let missing = check_applicant(&a, Kind::Emision, Some('a'), d("2026-11-23"), &rules());
        assert_eq!(
            missing.iter().filter(|c| !c.passed()).count(),
            3,
            "issue date, photo, signature"
        );
    }

    #[test]
    fn dni_must_be_exactly_eight_digits() {
        assert!(check_dni("45781236").is_empty());
        for bad in ["457812361", "4578123a", " 4578123", "４５７８１２３６"] {
            let p = check_dni(bad);
            assert_eq!(rules_of(&p), [&Rule::DniEightDigits], "{bad}");
            assert_eq!(p[0].field, Field::Dni);
        }
        assert_eq!(rules_of(&check_dni("")), [&Rule::Required]);
        assert_eq!(rules_of(&check_dni("4578123")), [&Rule::DniLeadingZeroLost]);
    }

    #[test]
    fn dates_must_be_real_and_not_future() {
        assert_eq!(parse_date("2019-05-14"), Ok(d("2019-05-14")));
        assert_eq!(parse_date("14/05/2019"), Ok(d("2019-05-14")));
        assert!(matches!(
            parse_date("2026-02-30"),
            Err(Rule::DateNotReal { .. })
        ));
        assert!(matches!(parse_date("ayer"), Err(Rule::DateNotReal { .. })));
        let today = d("2026-11-23");
        assert!(check_not_future(Field::DniIssuedOn, today, today).is_empty());
        let p = check_not_future(Field::DniIssuedOn, d("2026-11-24"), today);
        assert_eq!(p[0].field, Field::DniIssuedOn);
        assert!(matches!(p[0].rule, Rule::DateInFuture { .. }));
    }

    #[test]
    fn only_institutional_email_is_accepted_and_personal_gets_its_own_message() {
        let r = rules();
        assert!(check_email("ana@regioncajamarca.gob.pe", &r).is_empty());
        assert!(check_email("Ana@RegionCajamarca.gob.pe", &r).is_empty());
        for personal in [
            "ana@gmail.com",
            "ana@hotmail.es",
            "ana@outlook.com",
            "ana@yahoo.com.pe",
        ] {
            let p = check_email(personal, &r);
            assert!(
                matches!(p[0].rule, Rule::EmailPersonal { .. }),
                "{personal}: {p:?}"
            );
        }
        let p = check_email("ana@minsa.gob.pe", &r);
        assert!(matches!(p[0].rule, Rule::EmailNotInstitutional { .. }));
        for malformed in [
            "ana",
            "ana@",
            "@regioncajamarca.gob.pe",
            "a na@regioncajamarca.gob.pe",
            "ana@localhost",
        ] {
            assert_eq!(
                rules_of(&check_email(malformed, &r)),
                [&Rule::EmailMalformed],
                "{malformed}"
            );
        }
        assert_eq!(rules_of(&check_email("  ", &r)), [&Rule::Required]);
        assert_eq!(
            rules_of(&check_email("josé@regioncajamarca.gob.pe", &r)),
            [&Rule::EmailNotAscii]
        );
    }

    #[test]
    fn allowed_domains_are_configuration() {
        let r = ValidationRules {
            institutional_domains: vec!["minsa.gob.pe".into()],
            ..rules()
        };
        assert!(check_email("ana@minsa.gob.pe", &r).is_empty());
        assert!(!check_email("ana@regioncajamarca.gob.pe", &r).is_empty());
    }

    #[test]
    fn photo_must_decode_be_portrait_and_big_enough() {
        let r = rules();
        assert!(check_photo(Some(&img(ImageFormat::Png, 240, 320)), &r).is_empty());
        assert_eq!(rules_of(&check_photo(None, &r)), [&Rule::ImageMissing]);
        let unreadable = Attachment {
            image: None,
            ..img(ImageFormat::Png, 1, 1)
        };
        assert_eq!(
            rules_of(&check_photo(Some(&unreadable), &r)),
            [&Rule::ImageUnreadable]
        );
        let landscape = check_photo(Some(&img(ImageFormat::Jpeg, 640, 480)), &r);
        assert!(matches!(landscape[0].rule, Rule::PhotoNotPortrait { .. }));
        let square_small = check_photo(Some(&img(ImageFormat::Jpeg, 200, 200)), &r);
        assert_eq!(
            square_small.len(),
            2,
            "both problems at once: {square_small:?}"
        );
        let small = check_photo(Some(&img(ImageFormat::Jpeg, 239, 400)), &r);
        assert!(matches!(small[0].rule, Rule::PhotoTooSmall { .. }));
    }

    #[test]
    fn signature_must_decode_and_be_wider_than_tall() {
        assert!(check_signature(Some(&img(ImageFormat::Png, 300, 100))).is_empty());
        assert_eq!(rules_of(&check_signature(None)), [&Rule::ImageMissing]);
        let square = check_signature(Some(&img(ImageFormat::Png, 100, 100)));
        assert!(matches!(square[0].rule, Rule::SignatureNotLandscape { .. }));
    }

    #[test]
    fn every_motive_has_its_payment_rule() {
        for kind in Kind::ALL {
            let motives: Vec<Option<char>> = if kind.takes_motive() {
                kind.spec().motives.iter().map(|m| Some(m.letter)).collect()
            } else {
                vec![None]
            };
            for motive in motives {
                let paid = matches!(
                    (kind, motive),
                    (Kind::Emision, Some('c')) | (Kind::Reemision, Some('d' | 'e' | 'f' | 'g'))
                );
                let without = check_payment_link(kind, motive, None);
                let with = check_payment_link(kind, motive, Some("123"));
                if paid {
                    assert!(
                        matches!(without[0].rule, Rule::PaymentRequired { .. }),
                        "{kind:?} {motive:?}"
                    );
                    assert!(with.is_empty(), "{kind:?} {motive:?}");
                } else {
                    assert!(without.is_empty(), "{kind:?} {motive:?}");
                    assert!(
                        matches!(with[0].rule, Rule::PaymentNotAllowed { .. }),
                        "{kind:?} {motive:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn receipt_rules_report_every_problem_at_once() {
        let today = d("2026-11-23");
        assert!(check_receipt(&receipt(), today, &rules()).is_empty());
        let bad = PaymentReceipt {
            operation: "12-34".into(),
            paid_on: d("2026-12-01"),
            amount_cents: 800,
            tribute_code: "00530".into(),
            ruc: "20000000001".into(),
        };
        let fields: Vec<Field> = check_receipt(&bad, today, &rules())
            .iter()
            .map(|p| p.field)
            .collect();
        assert_eq!(
            fields,
            [
                Field::PaymentOperation,
                Field::PaymentDate,
                Field::PaymentAmount,
                Field::PaymentTribute,
                Field::PaymentRuc
            ]
        );
    }

    #[test]
    fn amounts_parse_in_the_ways_staff_write_them() {
        for ok in ["8.10", "8.1", "8,10", "S/ 8.10", "S/. 8.10", " 8.10 "] {
            assert_eq!(parse_amount_cents(ok), Ok(810), "{ok}");
        }
        assert_eq!(parse_amount_cents("8"), Ok(800));
        for bad in ["", "ocho", "8.100", "-8.10", "8.1.0", "99999999"] {
            assert!(parse_amount_cents(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_fields_reject_empty_long_and_control_characters() {
        let r = rules();
        assert!(check_text(Field::FullName, "Ana", &r).is_empty());
        assert_eq!(
            rules_of(&check_text(Field::FullName, " ", &r)),
            [&Rule::Required]
        );
        let long = "a".repeat(151);
        assert_eq!(
            rules_of(&check_text(Field::FullName, &long, &r)),
            [&Rule::TooLong { max: 150 }]
        );
        assert_eq!(
            rules_of(&check_text(Field::FullName, "A\u{7}na", &r)),
            [&Rule::ControlCharacters]
        );
    }

    #[test]
    fn every_problem_reads_in_spanish_naming_field_and_rule() {
        let a = Applicant {
            dni: "1234567".into(),
            email: "x@gmail.com".into(),
            dni_issued_on: Some(d("2027-01-01")),
            photo: None,
            ..applicant()
        };
        let checks = check_applicant(&a, Kind::Reemision, Some('d'), d("2026-11-23"), &rules());
        let failed: Vec<String> = checks
            .iter()
            .flat_map(|c| &c.problems)
            .map(|p| p.to_string())
            .collect();
        assert_eq!(failed.len(), 5, "{failed:?}");
        assert!(
            failed[0].starts_with("DNI:") && failed[0].contains("8 dígitos"),
            "{failed:?}"
        );
        assert!(
            failed[1].contains("fecha de emisión del DNI") && failed[1].contains("futura"),
            "{failed:?}"
        );
        assert!(
            failed[2].contains("personal") && failed[2].contains("gmail.com"),
            "{failed:?}"
        );
        assert!(failed[3].starts_with("foto:"), "{failed:?}");
        assert!(
            failed[4].contains("pago") && failed[4].contains("d)"),
            "{failed:?}"
        );
    }
}
