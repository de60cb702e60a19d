//! Who works at the desk: the first supervisor, analysts added, disabled and
//! enabled, and the one check every action makes (`Desk::authorize`), so the
//! command line and the console refuse the same things for the same reason.

use crate::domain::audit::{self, AuditNote};
use crate::domain::role::{self, AccessRefused, Analyst, Capability, Role, StaffRefused};
use crate::store::StoreError;
use crate::strings;

use super::Desk;

/// A read that showed more people than this records only how many.
pub const READ_NAMES_MAX: usize = 50;

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error(transparent)]
    Access(#[from] AccessRefused),
    #[error(transparent)]
    Refused(#[from] StaffRefused),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Desk {
    pub fn analysts(&self) -> Result<Vec<Analyst>, StoreError> {
        self.store.analysts()
    }

    /// The analyst `name` if they may do `capability`; the reason otherwise.
    pub fn authorize(&self, name: &str, capability: Capability) -> Result<Analyst, StaffError> {
        let all = self.store.analysts()?;
        Ok(role::check(&all, name, capability)?.clone())
    }

    /// [`Desk::authorize`] for actions whose errors are the store's; gives
    /// the analyst's login as stored.
    pub(crate) fn allow(&self, name: &str, capability: Capability) -> Result<String, StoreError> {
        match self.authorize(name, capability) {
            Ok(a) => Ok(a.name),
            Err(StaffError::Access(a)) => Err(StoreError::Access(a)),
            Err(StaffError::Store(e)) => Err(e),
            Err(StaffError::Refused(r)) => unreachable!("authorize refuses access only: {r}"),
        }
    }

    /// Signing in: `name` must be an active analyst. Records nothing; the
    /// console records its session with [`Desk::record_read`].
    pub fn login(&self, name: &str) -> Result<Analyst, StaffError> {
        self.authorize(name, Capability::Work)
    }

    /// The first run: the store's first supervisor. Refused once the store
    /// has any analyst.
    pub fn init_supervisor(&self, name: &str) -> Result<Analyst, StaffError> {
        let name = role::check_name(name).map_err(StaffRefused::BadName)?;
        let (a, note) = self.first_supervisor(&name)?;
        self.store.put_analyst(&a, note)?;
        Ok(a)
    }

    /// The first supervisor `name` (already checked) and its audit entry;
    /// refused once the store has any analyst.
    pub(crate) fn first_supervisor(&self, name: &str) -> Result<(Analyst, AuditNote), StaffError> {
        let all = self.store.analysts()?;
        if !all.is_empty() {
            return Err(StaffRefused::AlreadyInitialized(
                all.iter()
                    .filter(|a| a.role == Role::Supervisor)
                    .map(|a| a.name.clone())
                    .collect(),
            )
            .into());
        }
        let now = self.now();
        let a = Analyst {
            name: name.to_string(),
            role: Role::Supervisor,
            active: true,
            added_at: now,
            added_by: name.to_string(),
            changed_at: None,
            changed_by: None,
        };
        let note =
            AuditNote::new(now, name, audit::INIT, name).detail(strings::trust::init_detail(name));
        Ok((a, note))
    }

    /// A supervisor adds an analyst (or another supervisor).
    pub fn add_analyst(&self, actor: &str, name: &str, role: Role) -> Result<Analyst, StaffError> {
        let by = self.authorize(actor, Capability::ManageAnalysts)?;
        let name = role::check_name(name).map_err(StaffRefused::BadName)?;
        let (a, note) = self.new_analyst(&by, &name, role)?;
        self.store.put_analyst(&a, note)?;
        Ok(a)
    }

    /// The analyst `name` (already checked) that `by` adds, and its audit
    /// entry; refused when the name is taken.
    pub(crate) fn new_analyst(
        &self,
        by: &Analyst,
        name: &str,
        role: Role,
    ) -> Result<(Analyst, AuditNote), StaffError> {
        if self.store.analysts()?.iter().any(|a| a.name == name) {
            return Err(StaffRefused::Exists(name.to_string()).into());
        }
        let now = self.now();
        let a = Analyst {
            name: name.to_string(),
            role,
            active: true,
            added_at: now,
            added_by: by.name.clone(),
            changed_at: None,
            changed_by: None,
        };
        let note = AuditNote::new(now, &by.name, audit::ANALYST_ADD, name)
            .detail(strings::trust::added_detail(name, role));
        Ok((a, note))
    }

    /// A supervisor disables an analyst: they can no longer sign in; what
    /// they did stays theirs in the history and the audit log.
    pub fn disable_analyst(&self, actor: &str, name: &str) -> Result<Analyst, StaffError> {
        let by = self.authorize(actor, Capability::ManageAnalysts)?;
        let mut a = role::disable(&self.store.analysts()?, name)?;
        let now = self.now();
        a.changed_at = Some(now);
        a.changed_by = Some(by.name.clone());
        let note = AuditNote::new(now, &by.name, audit::ANALYST_DISABLE, &a.name)
            .detail(strings::trust::disabled_detail(&a.name));
        self.store.put_analyst(&a, note)?;
        // Their database login stops connecting as well.
        self.store.db_login_enabled(&a.name, false)?;
        Ok(a)
    }

    pub fn enable_analyst(&self, actor: &str, name: &str) -> Result<Analyst, StaffError> {
        let by = self.authorize(actor, Capability::ManageAnalysts)?;
        let key = role::normalize(name);
        let Some(mut a) = self.store.analysts()?.into_iter().find(|a| a.name == key) else {
            return Err(StaffRefused::NotFound(key).into());
        };
        let now = self.now();
        a.active = true;
        a.changed_at = Some(now);
        a.changed_by = Some(by.name.clone());
        let note = AuditNote::new(now, &by.name, audit::ANALYST_ENABLE, &a.name)
            .detail(strings::trust::enabled_detail(&a.name));
        self.store.put_analyst(&a, note)?;
        self.store.db_login_enabled(&a.name, true)?;
        Ok(a)
    }

    /// Records a listing of personal data: the command, how many records
    /// and, when it showed at most [`READ_NAMES_MAX`] people, their DNIs (a
    /// search for one person is found by `mesa audit --dni`; a listing of
    /// the whole queue is one entry, not a megabyte of DNIs).
    pub fn record_bulk_read(
        &self,
        actor: &str,
        command: &str,
        mut dnis: Vec<String>,
        records: usize,
    ) -> Result<(), StoreError> {
        dnis.sort();
        dnis.dedup();
        let people = dnis.len();
        if people > READ_NAMES_MAX {
            dnis.clear();
        }
        self.record_read(
            actor,
            audit::READ,
            command,
            dnis,
            strings::trust::read_detail(records, people),
        )
    }

    /// Records a bulk read or an export of personal data: who, what was
    /// asked, how many records and, when named, whose.
    pub fn record_read(
        &self,
        actor: &str,
        action: &str,
        subject: &str,
        dnis: Vec<String>,
        detail: String,
    ) -> Result<(), StoreError> {
        let note = AuditNote::new(self.now(), actor, action, subject)
            .dnis(dnis)
            .detail(detail);
        self.store.audit_append(note)?;
        Ok(())
    }
}
