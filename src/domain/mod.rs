//! The rules of the desk, as pure functions over plain types: no terminal,
//! no disk, no clock (time is always an argument).

pub mod applicant;
pub mod audit;
pub mod batch;
pub mod calendar;
pub mod certificate;
pub mod correction;
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
pub mod ticket;

pub use applicant::{Applicant, Attachment, Field, PaymentReceipt, Problem, Rule, ValidationRules};
pub use calendar::{Dispatch, DispatchDecision, DispatchReason, DispatchRules};
pub use lifecycle::{Move, Status};
pub use person::Person;
pub use procedure::Kind;
pub use query::Query;
pub use queue_row::QueueRow;
pub use ticket::{HistoryEntry, MoveContext, MoveRefused, Ticket};
