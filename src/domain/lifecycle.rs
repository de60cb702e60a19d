//! The ticket lifecycle as one pure transition function.

use serde::{Deserialize, Serialize};

use super::procedure::{Kind, Route};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Nuevo,
    EnAtencion,
    Observado,
    Programado,
    Enviado,
    Aprobado,
    Rechazado,
    Cerrado,
    Anulado,
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Nuevo,
        Status::EnAtencion,
        Status::Observado,
        Status::Programado,
        Status::Enviado,
        Status::Aprobado,
        Status::Rechazado,
        Status::Cerrado,
        Status::Anulado,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Nuevo => "nuevo",
            Status::EnAtencion => "en_atencion",
            Status::Observado => "observado",
            Status::Programado => "programado",
            Status::Enviado => "enviado",
            Status::Aprobado => "aprobado",
            Status::Rechazado => "rechazado",
            Status::Cerrado => "cerrado",
            Status::Anulado => "anulado",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        let code = code.trim().to_lowercase();
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// No further move is possible.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Cerrado | Status::Anulado)
    }
}

/// What can happen to a ticket. Each one is a user action or RENIEC's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    /// An analyst starts (or resumes, after correction) working the ticket.
    Take,
    /// Returned to the staff member for correction; carries reasons.
    Observe,
    /// Given its dispatch moment (batched kinds only).
    Schedule,
    /// Left for RENIEC in a batch.
    Send,
    Approve,
    Reject,
    /// Finished: installed, cancelled, or RENIEC's answer handled.
    Close,
    /// Withdrawn before it reached RENIEC.
    Withdraw,
    /// Its data corrected on the ticket itself (see `domain::correction`).
    Correct,
    /// Given to another analyst by a supervisor (see `domain::team`).
    Assign,
    /// The analyst's own last move undone, shortly after (`domain::undo`);
    /// never a transition of its own, so not in `ALL`.
    Undo,
}

impl Move {
    pub const ALL: [Move; 10] = [
        Move::Take,
        Move::Observe,
        Move::Schedule,
        Move::Send,
        Move::Approve,
        Move::Reject,
        Move::Close,
        Move::Withdraw,
        Move::Correct,
        Move::Assign,
    ];

    /// Moves whose history entry must say why.
    pub fn needs_reason(self) -> bool {
        matches!(self, Move::Observe | Move::Withdraw | Move::Reject)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IllegalMove {
    pub kind: Kind,
    pub from: Status,
    pub action: Move,
}

/// The one place that decides which moves are legal.
pub fn transition(kind: Kind, from: Status, action: Move) -> Result<Status, IllegalMove> {
    use Move::*;
    use Status::*;
    let to = match (kind.route(), from, action) {
        (_, Nuevo | Observado, Take) => Some(EnAtencion),
        (_, EnAtencion, Observe) => Some(Observado),
        (Route::Batched, EnAtencion, Schedule) => Some(Programado),
        (Route::Batched, Programado, Send) => Some(Enviado),
        (Route::Batched, Enviado, Approve) => Some(Aprobado),
        (Route::Batched, Enviado, Reject) => Some(Rechazado),
        (Route::Batched, Aprobado | Rechazado, Close) => Some(Cerrado),
        (Route::Direct, EnAtencion, Close) => Some(Cerrado),
        (Route::Batched, Nuevo | EnAtencion | Observado | Programado, Withdraw) => Some(Anulado),
        (Route::Direct, Nuevo | EnAtencion | Observado, Withdraw) => Some(Anulado),
        // A correction keeps a new ticket new; otherwise the ticket is
        // worked again: a scheduled one (not yet sealed: see
        // `domain::correction`) must be scheduled again.
        (_, Nuevo, Correct) => Some(Nuevo),
        (_, EnAtencion | Observado, Correct) => Some(EnAtencion),
        (Route::Batched, Programado, Correct) => Some(EnAtencion),
        (_, EnAtencion, Assign) => Some(EnAtencion),
        _ => None,
    };
    to.ok_or(IllegalMove { kind, from, action })
}

/// Moves legal from a status, for menus and hints.
pub fn legal_moves(kind: Kind, from: Status) -> Vec<Move> {
    Move::ALL
        .into_iter()
        .filter(|m| transition(kind, from, *m).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Move::*;
    use Status::*;

    /// Every legal move, written out from domain.md; anything else is illegal.
    const BATCHED: &[(Status, Move, Status)] = &[
        (Nuevo, Take, EnAtencion),
        (Observado, Take, EnAtencion),
        (EnAtencion, Observe, Observado),
        (EnAtencion, Schedule, Programado),
        (Programado, Send, Enviado),
        (Enviado, Approve, Aprobado),
        (Enviado, Reject, Rechazado),
        (Aprobado, Close, Cerrado),
        (Rechazado, Close, Cerrado),
        (Nuevo, Withdraw, Anulado),
        (EnAtencion, Withdraw, Anulado),
        (Observado, Withdraw, Anulado),
        (Programado, Withdraw, Anulado),
        (Nuevo, Correct, Nuevo),
        (EnAtencion, Correct, EnAtencion),
        (Observado, Correct, EnAtencion),
        (Programado, Correct, EnAtencion),
        (EnAtencion, Assign, EnAtencion),
    ];
    const DIRECT: &[(Status, Move, Status)] = &[
        (Nuevo, Take, EnAtencion),
        (Observado, Take, EnAtencion),
        (EnAtencion, Observe, Observado),
        (EnAtencion, Close, Cerrado),
        (Nuevo, Withdraw, Anulado),
        (EnAtencion, Withdraw, Anulado),
        (Observado, Withdraw, Anulado),
        (Nuevo, Correct, Nuevo),
        (EnAtencion, Correct, EnAtencion),
        (Observado, Correct, EnAtencion),
        (EnAtencion, Assign, EnAtencion),
    ];

    fn check_table(kind: Kind, table: &[(Status, Move, Status)]) {
        for from in Status::ALL {
            for action in Move::ALL {
                let expected = table
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to);
                match (transition(kind, from, action), expected) {
                    (Ok(to), Some(want)) => assert_eq!(to, want, "{kind:?} {from:?} {action:?}"),
                    (Err(e), None) => {
                        assert_eq!(e, IllegalMove { kind, from, action });
                        assert!(!e.to_string().is_empty());
                    }
                    (got, want) => {
                        panic!("{kind:?} {from:?} {action:?}: got {got:?}, want {want:?}")
                    }
                }
            }
        }
    }

    #[test]
    fn emission_and_reemission_follow_the_batched_lifecycle() {
        check_table(Kind::Emision, BATCHED);
        check_table(Kind::Reemision, BATCHED);
    }

    #[test]
    fn installation_and_cancellation_follow_the_direct_lifecycle() {
        check_table(Kind::Instalacion, DIRECT);
        check_table(Kind::Cancelacion, DIRECT);
    }

    #[test]
    fn nothing_leaves_a_final_status() {
        for kind in Kind::ALL {
            for s in [Cerrado, Anulado] {
                assert!(s.is_final());
                assert!(legal_moves(kind, s).is_empty(), "{kind:?} {s:?}");
            }
        }
    }

    #[test]
    fn a_sent_ticket_can_no_longer_be_withdrawn_and_says_why() {
        let err = transition(Kind::Emision, Enviado, Withdraw).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("enviado"), "{msg}");
        assert!(msg.contains("anular"), "{msg}");
    }

    #[test]
    fn status_codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(Status::from_code(s.code()), Some(s));
        }
        assert_eq!(Status::from_code("borrado"), None);
    }
}
