//! The rules of the desk, as pure functions over plain types: no terminal,
//! no disk, no clock (time is always an argument).

pub mod applicant;
pub mod audit;
pub mod batch;
pub mod calendar;
pub mod certificate;
pub mod cli_session;
pub mod correction;
pub mod family;
pub mod filter_expr;
pub mod free_text;
pub mod lifecycle;
pub mod password;
pub mod person;
pub mod procedure;
pub mod query;
pub mod queue_row;
pub mod report;
pub mod retention;
pub mod role;
pub mod team;
pub mod text;
pub mod ticket;
pub mod undo;

pub use applicant::{Applicant, Attachment, Field, PaymentReceipt, Problem, Rule, ValidationRules};
pub use calendar::{Dispatch, DispatchDecision, DispatchReason, DispatchRules};
pub use lifecycle::{Move, Status};
pub use person::Person;
pub use procedure::Kind;
pub use query::Query;
pub use queue_row::QueueRow;
pub use ticket::{HistoryEntry, MoveContext, MoveRefused, Ticket};

// The domain's refusals are errors made of data; their words are chosen at
// the edge: `strings::refusals` gives each its Spanish `Display`.
impl std::error::Error for lifecycle::IllegalMove {}
impl std::error::Error for ticket::MoveRefused {}
impl std::error::Error for batch::AnswerDateRefused {}
impl std::error::Error for correction::CorrectionRefused {}
impl std::error::Error for certificate::CertRefused {}
impl std::error::Error for role::AccessRefused {}
impl std::error::Error for role::NameProblem {}
impl std::error::Error for role::StaffRefused {}
impl std::error::Error for password::PasswordRefused {}
impl std::error::Error for retention::BadPeriod {}

impl From<lifecycle::IllegalMove> for MoveRefused {
    fn from(e: lifecycle::IllegalMove) -> Self {
        MoveRefused::Illegal(e)
    }
}

impl From<certificate::CertRefused> for MoveRefused {
    fn from(e: certificate::CertRefused) -> Self {
        MoveRefused::Certificate(e)
    }
}

impl From<correction::CorrectionRefused> for MoveRefused {
    fn from(e: correction::CorrectionRefused) -> Self {
        MoveRefused::Correction(e)
    }
}

impl std::error::Error for family::DefError {}
impl std::error::Error for family::request::AdvanceRefused {}
