//! Undoing one's own last move for a short while, as a recorded
//! compensating move: a new history entry (`Move::Undo`) that puts the
//! ticket back as it was, never an erased one.
//!
//! Which moves: those an analyst makes by hand and can get wrong without
//! anything leaving the desk yet: taking (back to new or observed, the
//! previous assignee and observation restored), observing (back to "en
//! atención", the observation dropped; the staff member's email already
//! queued is not recalled) and scheduling (back to "en atención", the
//! dispatch dropped). Not sending, RENIEC's answers, closing, withdrawing
//! or correcting: those reach RENIEC, the registry or staff, or are final.
//! Refused once someone else moved the ticket since, once it is in a
//! sealed batch, and after [`WINDOW_MINUTES`].

use chrono::{DateTime, Utc};

use super::lifecycle::{Move, Status};
use super::ticket::{HistoryEntry, Ticket};

/// How long a move can be undone.
pub const WINDOW_MINUTES: i64 = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UndoRefused {
    /// The last entry is the registration, or an undo.
    Nothing,
    /// The last move was someone else's (who).
    NotYours(String),
    /// The last move is older than the window (minutes ago).
    TooLate(i64),
    /// A move that cannot be undone.
    NotUndoable(Move),
    /// The ticket went into this sealed batch.
    Sealed(String),
    /// The ticket changed since the undo was asked for.
    Changed,
}

/// The undo of `actor`'s last move on `ticket` (whose history, oldest
/// first, is `history`) at `now`: the ticket after, and its entry.
pub fn undo(
    ticket: &Ticket,
    history: &[HistoryEntry],
    actor: &str,
    now: DateTime<Utc>,
) -> Result<(Ticket, HistoryEntry), UndoRefused> {
    let Some(last) = history.last() else {
        return Err(UndoRefused::Nothing);
    };
    let (Some(action), Some(from)) = (last.action, last.from) else {
        return Err(UndoRefused::Nothing);
    };
    if action == Move::Undo {
        return Err(UndoRefused::Nothing);
    }
    if last.by != actor {
        return Err(UndoRefused::NotYours(last.by.clone()));
    }
    if let Some(batch) = &ticket.batch {
        return Err(UndoRefused::Sealed(batch.clone()));
    }
    let ago = (now - last.at).num_minutes();
    if ago >= WINDOW_MINUTES {
        return Err(UndoRefused::TooLate(ago));
    }
    if ticket.status != last.to {
        return Err(UndoRefused::Changed);
    }
    let before = &history[..history.len() - 1];
    let mut next = ticket.clone();
    match action {
        Move::Take => {
            next.status = from;
            // Whoever worked it before, and the observation it was taken
            // back from.
            let took = before.iter().rev().find(|e| e.action == Some(Move::Take));
            next.assignee = took.map(|e| e.by.clone());
            next.taken_at = took.map(|e| e.at);
            if from == Status::Observado {
                next.observations = before
                    .iter()
                    .rev()
                    .find(|e| e.action == Some(Move::Observe))
                    .map(|e| e.reasons.clone())
                    .unwrap_or_default();
            }
        }
        Move::Observe => {
            next.status = from;
            next.observations.clear();
        }
        Move::Schedule => {
            next.status = from;
            next.dispatch = None;
        }
        other => return Err(UndoRefused::NotUndoable(other)),
    }
    next.updated_at = now;
    let entry = HistoryEntry {
        at: now,
        by: actor.to_string(),
        action: Some(Move::Undo),
        from: Some(ticket.status),
        to: next.status,
        reasons: Vec::new(),
        changes: Vec::new(),
    };
    Ok((next, entry))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Kind;

    fn at(min: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T09:00:00-05:00")
            .unwrap()
            .with_timezone(&Utc)
            + chrono::Duration::minutes(min)
    }

    fn entry(
        min: i64,
        by: &str,
        action: Option<Move>,
        from: Option<Status>,
        to: Status,
    ) -> HistoryEntry {
        HistoryEntry {
            at: at(min),
            by: by.into(),
            action,
            from,
            to,
            reasons: if action == Some(Move::Observe) {
                vec!["foto borrosa".into()]
            } else {
                Vec::new()
            },
            changes: Vec::new(),
        }
    }

    fn ticket(status: Status) -> Ticket {
        Ticket {
            id: "T-2026-000001".into(),
            kind: Kind::Emision,
            motive: Some('a'),
            status,
            registered_at: at(0),
            registered_by: "rchilon".into(),
            applicants: Vec::new(),
            certificate: None,
            dispatch: None,
            observations: Vec::new(),
            assignee: None,
            updated_at: at(0),
            batch: None,
            approved_on: None,
            version: 0,
            taken_at: None,
        }
    }

    fn registered() -> HistoryEntry {
        entry(0, "rchilon", None, None, Status::Nuevo)
    }

    #[test]
    fn a_take_goes_back_to_new_with_nobody_working_it() {
        let mut t = ticket(Status::EnAtencion);
        t.assignee = Some("ana".into());
        let h = [
            registered(),
            entry(
                10,
                "ana",
                Some(Move::Take),
                Some(Status::Nuevo),
                Status::EnAtencion,
            ),
        ];
        let (after, e) = undo(&t, &h, "ana", at(12)).unwrap();
        assert_eq!(after.status, Status::Nuevo);
        assert_eq!(after.assignee, None);
        assert_eq!(e.action, Some(Move::Undo));
        assert_eq!((e.from, e.to), (Some(Status::EnAtencion), Status::Nuevo));
        assert_eq!(e.by, "ana");
        assert_eq!(e.at, at(12));
    }

    #[test]
    fn a_take_from_observed_gives_back_the_observation_and_the_earlier_analyst() {
        let mut t = ticket(Status::EnAtencion);
        t.assignee = Some("ana".into());
        let h = [
            registered(),
            entry(
                1,
                "beto",
                Some(Move::Take),
                Some(Status::Nuevo),
                Status::EnAtencion,
            ),
            entry(
                2,
                "beto",
                Some(Move::Observe),
                Some(Status::EnAtencion),
                Status::Observado,
            ),
            entry(
                10,
                "ana",
                Some(Move::Take),
                Some(Status::Observado),
                Status::EnAtencion,
            ),
        ];
        let (after, _) = undo(&t, &h, "ana", at(11)).unwrap();
        assert_eq!(after.status, Status::Observado);
        assert_eq!(after.assignee.as_deref(), Some("beto"));
        assert_eq!(after.observations, ["foto borrosa"]);
    }

    #[test]
    fn an_observation_and_a_schedule_go_back_to_being_worked() {
        let mut t = ticket(Status::Observado);
        t.observations = vec!["foto borrosa".into()];
        let h = [
            registered(),
            entry(
                9,
                "ana",
                Some(Move::Observe),
                Some(Status::EnAtencion),
                Status::Observado,
            ),
        ];
        let (after, _) = undo(&t, &h, "ana", at(10)).unwrap();
        assert_eq!(after.status, Status::EnAtencion);
        assert!(after.observations.is_empty());

        let t = ticket(Status::Programado);
        let h = [
            registered(),
            entry(
                9,
                "ana",
                Some(Move::Schedule),
                Some(Status::EnAtencion),
                Status::Programado,
            ),
        ];
        let (after, _) = undo(&t, &h, "ana", at(10)).unwrap();
        assert_eq!(after.status, Status::EnAtencion);
        assert_eq!(after.dispatch, None);
    }

    #[test]
    fn refused_for_someone_elses_move_after_the_window_or_in_a_sealed_batch() {
        let t = ticket(Status::Programado);
        let h = [
            registered(),
            entry(
                9,
                "beto",
                Some(Move::Schedule),
                Some(Status::EnAtencion),
                Status::Programado,
            ),
        ];
        assert_eq!(
            undo(&t, &h, "ana", at(10)),
            Err(UndoRefused::NotYours("beto".into()))
        );
        assert_eq!(
            undo(&t, &h, "beto", at(9 + WINDOW_MINUTES)),
            Err(UndoRefused::TooLate(WINDOW_MINUTES))
        );
        assert!(undo(&t, &h, "beto", at(9 + WINDOW_MINUTES - 1)).is_ok());
        let mut sealed = t.clone();
        sealed.batch = Some("LOTE-2026-11-27".into());
        assert_eq!(
            undo(&sealed, &h, "beto", at(10)),
            Err(UndoRefused::Sealed("LOTE-2026-11-27".into()))
        );
    }

    #[test]
    fn only_hand_moves_are_undone_and_never_an_undo() {
        let t = ticket(Status::Nuevo);
        assert_eq!(
            undo(&t, &[registered()], "rchilon", at(1)),
            Err(UndoRefused::Nothing)
        );
        let t = ticket(Status::Cerrado);
        let h = [
            registered(),
            entry(
                9,
                "ana",
                Some(Move::Close),
                Some(Status::EnAtencion),
                Status::Cerrado,
            ),
        ];
        assert_eq!(
            undo(&t, &h, "ana", at(10)),
            Err(UndoRefused::NotUndoable(Move::Close))
        );
        let t = ticket(Status::Nuevo);
        let h = [
            registered(),
            entry(
                9,
                "ana",
                Some(Move::Undo),
                Some(Status::EnAtencion),
                Status::Nuevo,
            ),
        ];
        assert_eq!(undo(&t, &h, "ana", at(10)), Err(UndoRefused::Nothing));
    }

    #[test]
    fn refused_when_the_ticket_is_no_longer_where_the_move_left_it() {
        let t = ticket(Status::Observado);
        let h = [
            registered(),
            entry(
                9,
                "ana",
                Some(Move::Take),
                Some(Status::Nuevo),
                Status::EnAtencion,
            ),
        ];
        assert_eq!(undo(&t, &h, "ana", at(10)), Err(UndoRefused::Changed));
    }
}
