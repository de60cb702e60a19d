//! Proving who is acting on the embedded store: each analyst's password,
//! hashed with Argon2id (random salt from the OS, PHC string stored), the
//! sign-in that checks it, and the changes to it. The command line and the
//! console authenticate here, at the edge; the rest of the desk takes an
//! already-proven actor.

use std::time::Duration;

use argon2::Argon2;
use password_hash::rand_core::OsRng;
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::domain::audit::{self, AuditNote};
use crate::domain::password::{self, PasswordRefused};
use crate::domain::role::{self, AccessRefused, Analyst, Capability, Role, StaffRefused};
use crate::store::StoreError;
use crate::strings::identity as s;

use super::Desk;
use super::staff::StaffError;

/// How long a refused sign-in waits before answering: a person retyping
/// does not notice it; a script guessing passwords is slowed to one try a
/// second per process.
pub const FAILURE_DELAY: Duration = Duration::from_secs(1);

#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// Unknown name or wrong password: which one is not said.
    #[error("{}", s::wrong_credentials())]
    Wrong,
    /// An analyst from a store made before passwords: must choose one at
    /// the console first.
    #[error("{}", s::no_password_yet(.0))]
    NoPassword(String),
    /// An analyst may choose a first password only once a supervisor has.
    #[error("{}", s::supervisor_first())]
    SupervisorFirst,
    /// The old password given to change one's own is not the right one.
    #[error("{}", s::wrong_old_password())]
    WrongOld,
    #[error(transparent)]
    Policy(#[from] PasswordRefused),
    #[error(transparent)]
    Access(#[from] AccessRefused),
    #[error(transparent)]
    Refused(#[from] StaffRefused),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<StaffError> for IdentityError {
    fn from(e: StaffError) -> IdentityError {
        match e {
            StaffError::Access(a) => IdentityError::Access(a),
            StaffError::Refused(r) => IdentityError::Refused(r),
            StaffError::Store(s) => IdentityError::Store(s),
        }
    }
}

/// The PHC string of `password` with a fresh random salt.
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("Argon2id with default parameters hashes any password")
        .to_string()
}

/// Whether `password` is the one `phc` was made from. A damaged PHC string
/// verifies nothing.
pub fn verify(phc: &str, password: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to check passwords given for names that do not exist.
fn unknown_name_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash("no hay analista con este nombre"))
}

impl Desk {
    /// Signing in with a password: `name` must be an active analyst whose
    /// password this is. A wrong name or password is audited (the name as
    /// typed, never the password), waits [`FAILURE_DELAY`], and says only
    /// [`IdentityError::Wrong`]. `place` says where (`mesa list`, `consola`).
    pub fn sign_in(
        &self,
        name: &str,
        password: &str,
        place: &str,
    ) -> Result<Analyst, IdentityError> {
        let key = role::normalize(name);
        let all = self.store.analysts()?;
        let found = all.iter().find(|a| a.name == key);
        let phc = match found {
            Some(a) => self.store.password_hash(&a.name)?,
            None => None,
        };
        match (found, phc) {
            (Some(a), None) => {
                // Refuse before anything else: the name exists but has no
                // password yet; only the console may set the first one.
                Err(IdentityError::NoPassword(a.name.clone()))
            }
            (Some(a), Some(phc)) if verify(&phc, password) => {
                Ok(role::check(&all, &a.name, Capability::Work)?.clone())
            }
            (found, _) => {
                if found.is_none() {
                    // As long as a real check: how long the answer takes
                    // does not tell whether the name exists.
                    verify(unknown_name_hash(), password);
                }
                self.record_failed_sign_in(&key, place)?;
                std::thread::sleep(FAILURE_DELAY);
                Err(IdentityError::Wrong)
            }
        }
    }

    fn record_failed_sign_in(&self, key: &str, place: &str) -> Result<(), StoreError> {
        // What was typed may be anything: record it only when it could be
        // a name, so the log cannot be filled with junk.
        let who = match role::check_name(key) {
            Ok(n) => n,
            Err(_) => s::unreadable_name().to_string(),
        };
        let note = AuditNote::new(self.now(), &who, audit::SIGN_IN_FAILED, place)
            .detail(s::failed_detail(&who));
        self.store.audit_append(note)?;
        Ok(())
    }

    /// Whether `name` (an analyst of this store) has no password yet.
    pub fn lacks_password(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self.store.password_hash(&role::normalize(name))?.is_none())
    }

    /// The first password of an analyst who has none (a store from before
    /// passwords): only at the console, which asks for it at once. Refused
    /// when they already have one, and to an analyst while no active
    /// supervisor has one (the supervisor chooses first, so someone who
    /// can reset a password taken this way is there first).
    pub fn choose_first_password(&self, name: &str, new: &str) -> Result<Analyst, IdentityError> {
        let all = self.store.analysts()?;
        let a = role::check(&all, name, Capability::Work)?.clone();
        if self.store.password_hash(&a.name)?.is_some() {
            return Err(IdentityError::Wrong);
        }
        if a.role != Role::Supervisor {
            let mut proven = false;
            for s in all
                .iter()
                .filter(|s| s.active && s.role == Role::Supervisor)
            {
                proven |= self.store.password_hash(&s.name)?.is_some();
            }
            if !proven {
                return Err(IdentityError::SupervisorFirst);
            }
        }
        password::check_new(&a.name, new)?;
        let note = AuditNote::new(self.now(), &a.name, audit::PASSWORD_SET, &a.name)
            .detail(s::chosen_detail(&a.name));
        self.store.put_password_hash(&a.name, &hash(new), note)?;
        Ok(a)
    }

    /// An analyst changes their own password, proving the old one.
    pub fn change_own_password(
        &self,
        actor: &str,
        old: &str,
        new: &str,
    ) -> Result<Analyst, IdentityError> {
        let all = self.store.analysts()?;
        let a = role::check(&all, actor, Capability::Work)?.clone();
        // Connected as their own database login, the database proved who
        // this is when it accepted the connection's password.
        let proven_by_database = self.store.db_login().is_some_and(|l| l.name == a.name);
        match self.store.password_hash(&a.name)? {
            _ if proven_by_database => {}
            Some(phc) if verify(&phc, old) => {}
            Some(_) => {
                std::thread::sleep(FAILURE_DELAY);
                return Err(IdentityError::WrongOld);
            }
            None => return Err(IdentityError::NoPassword(a.name)),
        }
        password::check_new(&a.name, new)?;
        let note = AuditNote::new(self.now(), &a.name, audit::PASSWORD_SET, &a.name)
            .detail(s::changed_detail(&a.name));
        self.store.put_password_hash(&a.name, &hash(new), note)?;
        self.store.set_own_db_password(new)?;
        Ok(a)
    }

    /// A supervisor sets another analyst's password (forgotten, or a
    /// store from before passwords).
    pub fn reset_password(
        &self,
        actor: &str,
        name: &str,
        new: &str,
    ) -> Result<Analyst, IdentityError> {
        let by = self.authorize(actor, Capability::ManageAnalysts)?;
        let key = role::normalize(name);
        let Some(a) = self.store.analysts()?.into_iter().find(|a| a.name == key) else {
            return Err(StaffRefused::NotFound(key).into());
        };
        password::check_new(&a.name, new)?;
        let note = AuditNote::new(self.now(), &by.name, audit::PASSWORD_RESET, &a.name)
            .detail(s::reset_detail(&a.name, &by.name));
        self.store.put_password_hash(&a.name, &hash(new), note)?;
        // On the shared store the analyst's own login takes the password
        // too (created if they had none: how an existing desk gets them).
        self.store
            .add_db_login(&a.name, new, a.role == Role::Supervisor)?;
        Ok(a)
    }

    /// The first run with its password: the store's first supervisor.
    pub fn init_supervisor_with_password(
        &self,
        name: &str,
        new: &str,
    ) -> Result<Analyst, IdentityError> {
        let clean = role::check_name(name).map_err(StaffRefused::BadName)?;
        password::check_new(&clean, new)?;
        let (a, note) = self.first_supervisor(&clean)?;
        // The first supervisor is the installer's own: on the shared store
        // they get no login here (the installer's account acts as them);
        // `mesa analyst password` gives them one when wanted.
        self.store.put_analyst_with_password(&a, &hash(new), note)?;
        Ok(a)
    }

    /// A supervisor adds an analyst with their initial password.
    pub fn add_analyst_with_password(
        &self,
        actor: &str,
        name: &str,
        role: Role,
        new: &str,
    ) -> Result<Analyst, IdentityError> {
        let by = self.authorize(actor, Capability::ManageAnalysts)?;
        let clean = role::check_name(name).map_err(StaffRefused::BadName)?;
        password::check_new(&clean, new)?;
        let (a, note) = self.new_analyst(&by, &clean, role)?;
        self.store.put_analyst_with_password(&a, &hash(new), note)?;
        self.store
            .add_db_login(&a.name, new, a.role == Role::Supervisor)?;
        Ok(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only_and_is_salted() {
        let a = hash("bastante-larga");
        let b = hash("bastante-larga");
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(!a.contains("bastante-larga"));
        assert!(verify(&a, "bastante-larga"));
        assert!(!verify(&a, "bastante-largo"));
        assert!(!verify("no es un hash", "bastante-larga"));
    }
}
