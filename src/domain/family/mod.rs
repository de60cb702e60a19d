//! Request families other than certificates (seeds 001, 002, 004): each one
//! is data — request types with their fields and documents, the chain of
//! steps with the office responsible and a deadline in working time, its
//! statuses and email templates — read from a TOML file (`parse`) and
//! validated into the types below. Adding a family needs no code.

pub mod letters;
pub mod parse;
pub mod request;
pub mod working;

use std::collections::BTreeMap;

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

pub use parse::{DefError, DefProblem, parse_family};
pub use request::{Intake, IntakeDoc, IntakeProblem, IntakeRule, Request, StepLog};
pub use working::{Deadline, OfficeHours, Unit};

/// One family, validated: every id it names exists and is unique.
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    pub id: String,
    pub name: String,
    pub hours: OfficeHours,
    pub statuses: Vec<StatusDef>,
    /// The status of a request whose last step is done.
    pub closed_status: String,
    pub steps: Vec<StepDef>,
    pub types: Vec<RequestType>,
    pub templates: BTreeMap<String, Template>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusDef {
    pub id: String,
    pub name: String,
}

/// One link of the chain: who does it, where it goes, how long it may take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDef {
    pub id: String,
    pub name: String,
    /// The office responsible for the step.
    pub office: String,
    /// The addresses the step's work is sent to.
    pub to: Vec<String>,
    pub deadline: Deadline,
    /// The request's status while at this step.
    pub status: String,
    /// The email template sent when the step is reached, if any.
    pub template: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestType {
    pub id: String,
    pub name: String,
    /// The steps this type goes through, in order (ids of the family's).
    pub steps: Vec<String>,
    pub fields: Vec<FieldDef>,
    pub documents: Vec<DocDef>,
    /// A note for the analyst shown with every request of this type (the
    /// seed's "register on manual formats meanwhile").
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldDef {
    pub id: String,
    pub label: String,
    pub required: bool,
    pub check: Check,
    /// The family's own words when the check fails (the seed's refusal).
    pub refusal: Option<String>,
}

/// How a field's value is checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    Dni,
    Email {
        /// When not empty, the address must be in one of these domains.
        domains: Vec<String>,
    },
    Date {
        /// The date may be at most this many days old (a vigencia de poder).
        max_age_days: Option<i64>,
    },
    Choice {
        options: Vec<String>,
    },
    Text {
        max_len: Option<usize>,
        /// The value must equal another field's (the coordinator's DNI).
        equals: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    Pdf,
    Xlsx,
    Image,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocDef {
    pub id: String,
    pub label: String,
    pub kind: DocKind,
    pub required: bool,
    pub max_bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub subject: String,
    pub body: String,
    /// The request field holding the recipient's address (the official's
    /// `correo`); without it, or when the request has no such value, the
    /// message goes to the step's own addresses.
    pub to_field: Option<String>,
}

impl Family {
    pub fn request_type(&self, id: &str) -> Option<&RequestType> {
        self.types.iter().find(|t| t.id == id)
    }

    pub fn step(&self, id: &str) -> Option<&StepDef> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn status_name(&self, id: &str) -> String {
        self.statuses
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| id.to_string())
    }
}

/// The default office hours of a Peruvian public office.
pub fn default_hours() -> OfficeHours {
    OfficeHours {
        opens: NaiveTime::from_hms_opt(8, 30, 0).expect("valid"),
        closes: NaiveTime::from_hms_opt(16, 30, 0).expect("valid"),
        cutoff: None,
    }
}
