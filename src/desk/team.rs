//! The team's moves that are not a step of the lifecycle: reassigning a
//! ticket, taking the next free one, and what changed since a version.

use crate::domain::certificate::CloseDetails;
use crate::domain::role::{Capability, Role};
use crate::domain::team::{self, TeamRefused};
use crate::domain::{HistoryEntry, Move, MoveRefused, Status, Ticket};
use crate::store::{Result, StoreError};
use crate::strings;

use super::Desk;

/// How many times `take_next` tries when others take the ones it picked.
const NEXT_TRIES: usize = 50;

impl Desk {
    /// Whether `name` (already authorized) is a supervisor: may act on a
    /// ticket another analyst has (see `domain::team`).
    pub fn oversees(&self, name: &str) -> Result<bool> {
        Ok(self
            .store
            .analysts()?
            .iter()
            .any(|a| a.active && a.name == name && a.role == Role::Supervisor))
    }

    /// A supervisor gives a ticket being worked to another active analyst;
    /// recorded in the ticket's history and the audit log.
    pub fn assign(&self, id: &str, to: &str, actor: &str) -> Result<Ticket> {
        let actor = self.allow(actor, Capability::Reassign)?;
        let to = self.allow(to, Capability::Work).map_err(|_| {
            StoreError::Refused(MoveRefused::Team(TeamRefused::NotAnAnalyst {
                name: to.trim().to_string(),
            }))
        })?;
        let now = self.now();
        self.store.update(id, |current| {
            let next = team::reassign(current, &to, now).map_err(MoveRefused::Team)?;
            let entry = HistoryEntry {
                at: now,
                by: actor.clone(),
                action: Some(Move::Assign),
                from: Some(current.status),
                to: next.status,
                reasons: vec![strings::team::reassigned_reason(
                    current.assignee.as_deref(),
                    &to,
                )],
                changes: Vec::new(),
            };
            Ok((next, entry))
        })
    }

    /// Takes the oldest free ticket in arrival order; when another analyst
    /// takes it first, the next one. `None` when nothing is free.
    pub fn take_next(&self, actor: &str) -> Result<Option<Ticket>> {
        let actor = self.allow(actor, Capability::Work)?;
        let mut skip: Vec<String> = Vec::new();
        for _ in 0..NEXT_TRIES {
            let free: Vec<Ticket> = self
                .store
                .with_status(Status::Nuevo)
                .collect::<Result<_>>()?;
            let Some(pick) = team::next_free(&free, &skip) else {
                return Ok(None);
            };
            let id = pick.id.clone();
            match self.act_seen(
                &id,
                Move::Take,
                &actor,
                &[],
                &CloseDetails::default(),
                Some(pick.version),
            ) {
                Ok((t, _)) => return Ok(Some(t)),
                // Taken (or changed) between the read and the take.
                Err(StoreError::Refused(MoveRefused::Team(_) | MoveRefused::Illegal(_)))
                | Err(StoreError::NotFound(_)) => skip.push(id),
                Err(e) => return Err(e),
            }
        }
        Ok(None)
    }

    /// The history entries after version `seen`: what changed since the
    /// analyst saw the ticket (the newest `now - seen` entries).
    pub fn changes_since(&self, id: &str, seen: u64) -> Result<Vec<HistoryEntry>> {
        let t = self.ticket(id)?;
        let mut h = self.store.history(id)?;
        let n = (t.version.saturating_sub(seen) as usize).min(h.len());
        Ok(h.split_off(h.len() - n))
    }

    /// Records this console's heartbeat (`key`: this PC and process) and
    /// says how many analysts are working now (seen in the last minute).
    pub fn here(&self, key: &str, analyst: &str, pc: &str) -> Result<usize> {
        let now = self.now();
        let beat = crate::store::Heartbeat {
            analyst: analyst.to_string(),
            pc: pc.to_string(),
            seen: now,
        };
        self.store.beat(key, &beat)?;
        let beats = self.store.heartbeats()?;
        Ok(team::present(
            beats.iter().map(|b| (b.analyst.as_str(), b.seen)),
            now,
            chrono::Duration::seconds(PRESENCE_WINDOW_SECS),
        ))
    }
}

/// A console seen within this many seconds is working now.
pub const PRESENCE_WINDOW_SECS: i64 = 60;
