//! Undoing the analyst's own last move (`domain::undo`): the compensation
//! worked out from the ticket and its history, then written as any move
//! is (history and audit entries in one transaction), checked again inside
//! it so a move made meanwhile by someone else is never overwritten.

use super::Desk;
use crate::domain::role::Capability;
use crate::domain::{Move, MoveRefused, Ticket, undo};
use crate::store::{Result, StoreError};

impl Desk {
    /// Undoes `actor`'s last move on ticket `id`, if it may be undone.
    pub fn undo(&self, id: &str, actor: &str) -> Result<(Ticket, Vec<String>)> {
        let actor = &self.allow(actor, Capability::of_move(Move::Undo))?;
        let now = self.now();
        let ticket = self.ticket(id)?;
        let history = self.history(id)?;
        let (after, entry) = undo::undo(&ticket, &history, actor, now)
            .map_err(|why| StoreError::Refused(MoveRefused::Undo(why)))?;
        let ids = [ticket.id.clone()];
        let (mut tickets, queued) = self.store.update_all_with_registry(
            &ids,
            |_, current| {
                if current.updated_at != ticket.updated_at || current.status != ticket.status {
                    return Err(MoveRefused::Undo(undo::UndoRefused::Changed));
                }
                Ok((after.clone(), entry.clone()))
            },
            // Nobody hears of an undo, and no certificate moves with it.
            |_, _, _, _| Vec::new(),
            |_, _, _, _| Ok(Vec::new()),
        )?;
        Ok((tickets.remove(0), queued))
    }
}
