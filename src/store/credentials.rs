//! Analyst passwords, in the `credentials` tree keyed by login: only the
//! Argon2id PHC string (algorithm, parameters, salt, hash), never the
//! password. Kept apart from `analysts` so a listing never carries them.

use super::{Result, Store, audit, decode, encode, t};
use crate::domain::audit::AuditNote;
use crate::domain::role::Analyst;

impl Store {
    /// The stored PHC string of `name`'s password; `None` for an analyst
    /// who has not chosen one yet (a store from before passwords).
    pub fn password_hash(&self, name: &str) -> Result<Option<String>> {
        match self
            .tree(t::CREDENTIALS)
            .get(name.as_bytes())
            .map_err(|e| self.damaged(e))?
        {
            Some(v) => decode(name.as_bytes(), &v)
                .map(Some)
                .map_err(super::corrupt),
            None => Ok(None),
        }
    }

    /// Sets `name`'s password hash, with the audit entry that says who did.
    pub fn put_password_hash(&self, name: &str, phc: &str, note: AuditNote) -> Result<()> {
        self.transact(|tx| {
            tx[t::CREDENTIALS].insert(name.as_bytes(), encode(&phc))?;
            audit::append_in(tx, vec![note.clone()])?;
            Ok(())
        })
    }

    /// Adds an analyst and their first password hash in one change.
    pub fn put_analyst_with_password(
        &self,
        analyst: &Analyst,
        phc: &str,
        note: AuditNote,
    ) -> Result<()> {
        self.transact(|tx| {
            tx[t::ANALYSTS].insert(analyst.name.as_bytes(), encode(analyst))?;
            tx[t::CREDENTIALS].insert(analyst.name.as_bytes(), encode(&phc))?;
            audit::append_in(tx, vec![note.clone()])?;
            Ok(())
        })
    }
}
