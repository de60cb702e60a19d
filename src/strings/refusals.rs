//! The domain's refusals in words. The domain says *what* was refused as
//! data (`domain::*Refused`); this file is where each becomes Spanish, so
//! the rules never import the words.

use std::borrow::Cow;
use std::fmt::{Display, Formatter, Result};

use crate::domain::applicant::Problem;
use crate::domain::batch::AnswerDateRefused;
use crate::domain::certificate::CertRefused;
use crate::domain::correction::CorrectionRefused;
use crate::domain::lifecycle::IllegalMove;
use crate::domain::password::{MAX_CHARS, MIN_CHARS, PasswordRefused};
use crate::domain::retention::BadPeriod;
use crate::domain::role::{AccessRefused, NameProblem, StaffRefused};
use crate::domain::ticket::MoveRefused;

impl Display for Problem {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        f.write_str(&super::problem(self))
    }
}

impl Display for IllegalMove {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        f.write_str(&super::illegal_move(self.kind, self.from, self.action))
    }
}

impl Display for MoveRefused {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        match self {
            MoveRefused::Illegal(e) => e.fmt(f),
            MoveRefused::ReasonRequired(m) => f.write_str(&super::reason_required(*m)),
            MoveRefused::ReasonRefused(t) => f.write_str(&super::hostile::reason_refused(t)),
            MoveRefused::ChecksFailed(v) => f.write_str(&super::checks_failed(v)),
            MoveRefused::InSealedBatch(b) => f.write_str(&super::in_sealed_batch(b)),
            MoveRefused::Certificate(e) => e.fmt(f),
            MoveRefused::Correction(e) => e.fmt(f),
            MoveRefused::AnswerDate(id, why) => write!(f, "{id}: {why}"),
            MoveRefused::Team(e) => e.fmt(f),
            MoveRefused::Undo(why) => f.write_str(&super::find::undo_refused(why)),
        }
    }
}

impl Display for AnswerDateRefused {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        use super::rules as r;
        f.write_str(&match self {
            AnswerDateRefused::BeforeSent { date, sent_on } => {
                r::answer_before_sent(*date, *sent_on)
            }
            AnswerDateRefused::InFuture { date, today } => r::answer_in_future(*date, *today),
        })
    }
}

impl Display for CorrectionRefused {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        use super::correction as c;
        f.write_str(&match self {
            CorrectionRefused::NotCorrectable { id, status } => c::not_correctable(id, *status),
            CorrectionRefused::Sealed { id, batch } => c::sealed(id, batch),
            CorrectionRefused::DniFixed { id, current, given } => c::dni_fixed(id, current, given),
            CorrectionRefused::NoSuchApplicant { id, given, count } => {
                c::no_such_applicant(id, *given, *count)
            }
            CorrectionRefused::KindAfterScheduling { id, status } => {
                c::kind_after_scheduling(id, *status)
            }
            CorrectionRefused::KindFamily { from, to } => c::kind_family(*from, *to),
            CorrectionRefused::NotTaken { kind, field } => c::not_taken(*kind, *field),
            CorrectionRefused::Invalid(problems) => c::invalid(problems),
            CorrectionRefused::NoChanges(id) => c::no_changes(id),
            CorrectionRefused::ChangedMeanwhile(id) => c::changed_meanwhile(id),
            CorrectionRefused::Team(e) => e.to_string(),
            CorrectionRefused::Reason(t) => super::hostile::reason_refused(t),
        })
    }
}

impl Display for CertRefused {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        use super::registry as r;
        let words: Cow<'_, str> = match self {
            CertRefused::NotInstallable { id, status } => r::refused_install(id, *status).into(),
            CertRefused::Lapsed { id, until } => r::lapsed(id, *until).into(),
            CertRefused::NotCancellable { id, status } => r::refused_cancel(id, *status).into(),
            CertRefused::ExpiryBeforeInstall { expires_on, on } => {
                r::expiry_before_install(*expires_on, *on).into()
            }
            CertRefused::MediumRequired => r::medium_required().into(),
            CertRefused::NothingToRenew { id, status, until } => {
                r::nothing_to_renew(id, *status, *until).into()
            }
            CertRefused::RenewalExists { id, ticket } => r::renewal_exists(id, ticket).into(),
        };
        f.write_str(&words)
    }
}

impl Display for AccessRefused {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        use super::trust as t;
        let words: Cow<'_, str> = match self {
            AccessRefused::NoSupervisor => t::no_supervisor().into(),
            AccessRefused::NoName => t::no_name().into(),
            AccessRefused::Unknown { name, active } => t::unknown_analyst(name, active).into(),
            AccessRefused::Disabled(name) => t::disabled_analyst(name).into(),
            AccessRefused::Role {
                name,
                role,
                capability,
            } => t::role_refused(name, *role, *capability).into(),
        };
        f.write_str(&words)
    }
}

impl Display for NameProblem {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        use super::trust as t;
        let words: Cow<'_, str> = match self {
            NameProblem::Empty => t::name_empty().into(),
            NameProblem::Length => t::name_length().into(),
            NameProblem::FirstLetter => t::name_first_letter().into(),
            NameProblem::Character(c) => t::name_character(*c).into(),
        };
        f.write_str(&words)
    }
}

impl Display for StaffRefused {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        use super::trust as t;
        f.write_str(&match self {
            StaffRefused::Exists(name) => t::analyst_exists(name),
            StaffRefused::NotFound(name) => t::analyst_not_found(name),
            StaffRefused::LastSupervisor(name) => t::last_supervisor(name),
            StaffRefused::AlreadyInitialized(names) => t::already_initialized(names),
            StaffRefused::BadName(p) => t::bad_name(p),
        })
    }
}

impl Display for PasswordRefused {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        use super::identity as i;
        let words: Cow<'_, str> = match self {
            PasswordRefused::TooShort(n) => i::too_short(MIN_CHARS, *n).into(),
            PasswordRefused::TooLong => i::too_long(MAX_CHARS).into(),
            PasswordRefused::ContainsName => i::contains_name().into(),
            PasswordRefused::Control => i::control_chars().into(),
            PasswordRefused::Mismatch => i::mismatch().into(),
        };
        f.write_str(&words)
    }
}

impl Display for BadPeriod {
    fn fmt(&self, f: &mut Formatter<'_>) -> Result {
        f.write_str(&super::trust::bad_period(&self.0))
    }
}
