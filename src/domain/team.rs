//! The team's rules on a ticket: who owns it, whether a move was decided on
//! what the ticket is now, and which free ticket comes next.
//!
//! A ticket `En atención` belongs to its assignee: no other analyst moves
//! it. A supervisor may (covering an absence, a batch deadline), the move
//! recorded under the supervisor's name, and the ticket stays its owner's;
//! giving it to someone else is a reassignment (`mesa assign`). Every stored change bumps the ticket's
//! `version`; a move that says which version it saw is refused when the
//! ticket changed since.

use chrono::{DateTime, Utc};

use super::lifecycle::Status;
use super::ticket::{Ticket, arrival_order};

/// Why a move was refused by the team's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamRefused {
    /// Another analyst has the ticket (id, owner, since when).
    NotOwner {
        id: String,
        owner: String,
        since: Option<DateTime<Utc>>,
    },
    /// The ticket changed since the analyst saw it (id, seen, now).
    Stale { id: String, seen: u64, now: u64 },
    /// Reassigning to whom already has it, or a ticket no one works.
    NotAssignable { id: String, status: Status },
    /// Reassigning to someone who is not an active analyst.
    NotAnAnalyst { name: String },
}

/// The analyst working the ticket now: its assignee while `En atención`.
pub fn owner(t: &Ticket) -> Option<&str> {
    match t.status {
        Status::EnAtencion => t.assignee.as_deref(),
        _ => None,
    }
}

/// Whether `actor` may move `t`: anyone may, unless another analyst owns
/// it and `actor` is not a supervisor (`oversees`). Names compare without
/// regard to case (sign-in names are lowercase).
pub fn may_move(t: &Ticket, actor: &str, oversees: bool) -> Result<(), TeamRefused> {
    match owner(t) {
        Some(o) if !oversees && !o.eq_ignore_ascii_case(actor.trim()) => {
            Err(TeamRefused::NotOwner {
                id: t.id.clone(),
                owner: o.to_string(),
                since: t.taken_at,
            })
        }
        _ => Ok(()),
    }
}

/// Whether the version the analyst saw is still the ticket's; `None` means
/// "act on what is there now" (the CLI reads and acts in one command).
pub fn is_current(t: &Ticket, seen: Option<u64>) -> Result<(), TeamRefused> {
    match seen {
        Some(seen) if seen != t.version => Err(TeamRefused::Stale {
            id: t.id.clone(),
            seen,
            now: t.version,
        }),
        _ => Ok(()),
    }
}

/// A ticket is free when it waits for an analyst: only `Nuevo`. An observed
/// one waits for the staff member, and its correction gives it back to the
/// analyst who had it.
pub fn is_free(t: &Ticket) -> bool {
    t.status == Status::Nuevo
}

/// The oldest free ticket in arrival order, skipping `skip` (tickets another
/// analyst took between the read and the take).
pub fn next_free<'a>(
    tickets: impl IntoIterator<Item = &'a Ticket>,
    skip: &[String],
) -> Option<&'a Ticket> {
    tickets
        .into_iter()
        .filter(|t| is_free(t) && !skip.contains(&t.id))
        .min_by(|a, b| arrival_order(a, b))
}

/// How many analysts are working now: distinct names among heartbeats
/// `(analyst, last seen)` seen within `window` of `now`.
pub fn present<'a>(
    beats: impl IntoIterator<Item = (&'a str, DateTime<Utc>)>,
    now: DateTime<Utc>,
    window: chrono::Duration,
) -> usize {
    let mut names: Vec<&str> = beats
        .into_iter()
        .filter(|(_, seen)| *seen > now - window && *seen <= now + window)
        .map(|(name, _)| name)
        .collect();
    names.sort_unstable();
    names.dedup();
    names.len()
}

/// Reassigning `t` to `to`: only a ticket being worked, to someone else.
pub fn reassign(t: &Ticket, to: &str, at: DateTime<Utc>) -> Result<Ticket, TeamRefused> {
    if t.status != Status::EnAtencion || owner(t).is_some_and(|o| o.eq_ignore_ascii_case(to)) {
        return Err(TeamRefused::NotAssignable {
            id: t.id.clone(),
            status: t.status,
        });
    }
    let mut next = t.clone();
    next.assignee = Some(to.to_string());
    next.taken_at = Some(at);
    next.updated_at = at;
    next.version = t.version + 1;
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::Move;
    use crate::domain::ticket::{MoveContext, MoveRefused};
    use crate::domain::{Kind, ValidationRules};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }
    fn ticket(seq: u64, registered: &str) -> Ticket {
        Ticket {
            id: crate::domain::ticket::ticket_id(2026, seq),
            kind: Kind::Instalacion,
            motive: None,
            status: Status::Nuevo,
            registered_at: at(registered),
            registered_by: "ana".into(),
            applicants: vec![],
            certificate: None,
            dispatch: None,
            observations: vec![],
            assignee: None,
            updated_at: at(registered),
            batch: None,
            approved_on: None,
            version: 0,
            taken_at: None,
        }
    }
    fn ctx(actor: &str, seen: Option<u64>) -> MoveContext {
        MoveContext {
            actor: actor.into(),
            at: at("2026-11-23T15:42:00Z"),
            reasons: vec!["falta la foto".into()],
            dispatch: None,
            seen,
            oversees: actor == "supervisora",
        }
    }
    fn mv(t: &Ticket, m: Move, actor: &str, seen: Option<u64>) -> Result<Ticket, MoveRefused> {
        let today = "2026-11-23".parse().unwrap();
        t.apply(m, &ctx(actor, seen), today, &ValidationRules::default())
            .map(|(t, _)| t)
    }
    fn taken_by(actor: &str) -> Ticket {
        mv(&ticket(42, "2026-11-23T14:00:00Z"), Move::Take, actor, None).unwrap()
    }

    #[test]
    fn a_taken_ticket_belongs_to_who_took_it_and_says_since_when() {
        let t = taken_by("mvasquez");
        assert_eq!(owner(&t), Some("mvasquez"));
        assert_eq!(t.taken_at, Some(at("2026-11-23T15:42:00Z")));
        assert!(may_move(&t, "mvasquez", false).is_ok());
        assert!(may_move(&t, "MVASQUEZ", false).is_ok());
    }

    #[test]
    fn every_move_of_another_analyst_is_refused_naming_the_owner() {
        let t = taken_by("mvasquez");
        for m in [
            Move::Observe,
            Move::Close,
            Move::Withdraw,
            Move::Take,
            Move::Correct,
        ] {
            let err = mv(&t, m, "jperez", None).unwrap_err();
            assert_eq!(
                err,
                MoveRefused::Team(TeamRefused::NotOwner {
                    id: t.id.clone(),
                    owner: "mvasquez".into(),
                    since: Some(at("2026-11-23T15:42:00Z")),
                }),
                "{m:?}"
            );
        }
        // The owner may.
        assert_eq!(
            mv(&t, Move::Close, "mvasquez", None).unwrap().status,
            Status::Cerrado
        );
    }

    #[test]
    fn a_supervisor_may_act_and_the_ticket_stays_its_owner_s() {
        let t = taken_by("mvasquez");
        let observed = mv(&t, Move::Observe, "supervisora", None).unwrap();
        assert_eq!(observed.assignee.as_deref(), Some("mvasquez"));
        // Giving it to someone else is a reassignment.
        let given = reassign(&t, "jperez", at("2026-11-23T16:00:00Z")).unwrap();
        assert_eq!(owner(&given), Some("jperez"));
        assert_eq!(given.taken_at, Some(at("2026-11-23T16:00:00Z")));
        assert_eq!(given.version, t.version + 1);
        assert!(mv(&given, Move::Close, "jperez", None).is_ok());
        assert!(mv(&given, Move::Close, "mvasquez", None).is_err());
    }

    #[test]
    fn only_a_ticket_being_worked_is_reassigned_and_to_someone_else() {
        let now = at("2026-11-23T16:00:00Z");
        let free = ticket(1, "2026-11-23T14:00:00Z");
        assert!(matches!(
            reassign(&free, "jperez", now),
            Err(TeamRefused::NotAssignable { .. })
        ));
        let t = taken_by("mvasquez");
        assert!(reassign(&t, "mvasquez", now).is_err());
    }

    #[test]
    fn of_two_takes_on_what_both_saw_only_the_first_succeeds() {
        let seen = ticket(42, "2026-11-23T14:00:00Z");
        let first = mv(&seen, Move::Take, "mvasquez", Some(seen.version)).unwrap();
        // The second take runs on the stored ticket, which the first changed.
        let second = mv(&first, Move::Take, "jperez", Some(seen.version)).unwrap_err();
        assert!(matches!(
            second,
            MoveRefused::Team(TeamRefused::NotOwner { ref owner, .. }) if owner == "mvasquez"
        ));
    }

    #[test]
    fn every_move_bumps_the_version_and_a_stale_one_is_refused() {
        let t = taken_by("mvasquez");
        assert_eq!(t.version, 1);
        let observed = mv(&t, Move::Observe, "mvasquez", Some(1)).unwrap();
        assert_eq!(observed.version, 2);
        let err = mv(&observed, Move::Withdraw, "mvasquez", Some(1)).unwrap_err();
        assert_eq!(
            err,
            MoveRefused::Team(TeamRefused::Stale {
                id: t.id.clone(),
                seen: 1,
                now: 2
            })
        );
        assert!(mv(&observed, Move::Withdraw, "mvasquez", Some(2)).is_ok());
        assert!(mv(&observed, Move::Withdraw, "mvasquez", None).is_ok());
    }

    #[test]
    fn who_is_here_counts_each_analyst_seen_in_the_last_minute_once() {
        let now = at("2026-11-23T15:00:00Z");
        let minute = chrono::Duration::seconds(60);
        let beats = [
            ("ana", at("2026-11-23T14:59:50Z")),
            ("ana", at("2026-11-23T14:59:40Z")), // her second PC
            ("beto", at("2026-11-23T14:59:10Z")),
            ("carla", at("2026-11-23T14:58:00Z")), // gone two minutes ago
        ];
        assert_eq!(present(beats, now, minute), 2);
        assert_eq!(present([], now, minute), 0);
    }

    #[test]
    fn the_next_ticket_is_the_oldest_new_one_not_already_tried() {
        let late = ticket(3, "2026-11-23T16:00:00Z");
        let early = ticket(9, "2026-11-23T09:00:00Z");
        let mut taken = ticket(1, "2026-11-23T08:00:00Z");
        taken.status = Status::EnAtencion;
        let mut observed = ticket(2, "2026-11-23T08:30:00Z");
        observed.status = Status::Observado;
        let all = [late.clone(), taken, observed, early.clone()];
        assert_eq!(next_free(&all, &[]).map(|t| &t.id), Some(&early.id));
        assert_eq!(
            next_free(&all, std::slice::from_ref(&early.id)).map(|t| &t.id),
            Some(&late.id)
        );
        assert!(next_free(&all, &[early.id.clone(), late.id.clone()]).is_none());
    }
}
