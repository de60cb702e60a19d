//! Editing one person of the directory: what the console's people screen
//! and `mesa people edit` do.

use super::Desk;
use crate::domain::Problem;
use crate::domain::audit::{self, AuditNote};
use crate::domain::person::{Person, PersonEdit, PersonField};
use crate::domain::role::Capability;
use crate::store::StoreError;
use crate::strings;

#[derive(Debug, thiserror::Error)]
pub enum PersonEditError {
    #[error("{}", strings::people::not_in_directory(.0))]
    NotFound(String),
    /// Every problem, by field; nothing was written.
    #[error("{}", strings::people::edit_problems(.0))]
    Invalid(Vec<(PersonField, Problem)>),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for PersonEditError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(dni) => PersonEditError::NotFound(dni),
            e => PersonEditError::Store(e),
        }
    }
}

impl Desk {
    /// Changes one person's record with the import's checks; the record is
    /// written in one transaction and flushed, or, on any problem, not at
    /// all.
    pub fn edit_person(
        &self,
        dni: &str,
        edit: &PersonEdit,
        actor: &str,
    ) -> Result<Person, PersonEditError> {
        let actor = self.allow(actor, Capability::Work)?;
        let dni = dni.trim();
        let current = self
            .store
            .person(dni)?
            .ok_or_else(|| PersonEditError::NotFound(dni.to_string()))?;
        let next = edit
            .apply(&current, self.today(), &self.config.validation)
            .map_err(PersonEditError::Invalid)?;
        if next != current {
            let note = AuditNote::new(self.now(), &actor, audit::PERSON_EDIT, dni)
                .detail(next.full_name.clone());
            self.store.replace_person(&next, note)?;
        }
        tracing::info!(%dni, "person edited");
        Ok(next)
    }
}
