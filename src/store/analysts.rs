//! The analysts who may sign in, in the `analysts` tree keyed by login.
//! Each change is written with its audit entry.

use super::{Result, Store, audit, decode, encode, t};
use crate::domain::audit::AuditNote;
use crate::domain::role::Analyst;

impl Store {
    /// Everyone ever added, active or not, by login.
    pub fn analysts(&self) -> Result<Vec<Analyst>> {
        self.tree(t::ANALYSTS)
            .iter()
            .map(|kv| {
                let (k, v) = kv.map_err(|e| self.damaged(e))?;
                decode(&k, &v).map_err(super::corrupt)
            })
            .collect()
    }

    /// Adds or replaces an analyst, with the audit entry that says why.
    pub fn put_analyst(&self, analyst: &Analyst, note: AuditNote) -> Result<()> {
        self.transact(|tx| {
            tx[t::ANALYSTS].insert(analyst.name.as_bytes(), encode(analyst))?;
            audit::append_in(tx, vec![note.clone()])?;
            Ok(())
        })
    }
}
