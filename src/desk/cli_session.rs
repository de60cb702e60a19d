//! Opening, using and closing the command line's lasting sign-in (rules in
//! `domain::cli_session`). The token is 32 random bytes from the OS, given
//! back to the caller to keep in the analyst's private file; the store
//! keeps only its SHA-256, with the analyst, the OS account and the
//! SHA-256 of the password hash it was opened under.

use password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

use crate::domain::audit::{self, AuditNote};
use crate::domain::cli_session::{self, SessionRefused};
use crate::domain::role::{self, Analyst, Capability};
use crate::store::StoreError;
use crate::strings::speed as s;

use super::Desk;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

impl Desk {
    /// SHA-256 of `name`'s current password hash; `None` without one.
    fn password_digest(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .store
            .password_hash(name)?
            .map(|phc| sha256_hex(phc.as_bytes())))
    }

    /// A new session for `analyst` (whose password was just checked),
    /// audited; returns the token for the caller's private file.
    pub fn open_cli_session(&self, analyst: &Analyst, os_user: &str) -> Result<String, StoreError> {
        let now = self.now();
        let _ = self.store.prune_cli_sessions(now);
        let digest = self.password_digest(&analyst.name)?.unwrap_or_default();
        let mut raw = [0u8; 32];
        OsRng.fill_bytes(&mut raw);
        let token = hex(&raw);
        let session = cli_session::open(
            &analyst.name,
            os_user,
            &digest,
            now,
            &self.config.dispatch.timezone,
        );
        self.store
            .put_cli_session(&sha256_hex(token.as_bytes()), &session)?;
        let note = AuditNote::new(now, &analyst.name, audit::CLI_SESSION, &analyst.name)
            .detail(s::session_opened_detail(os_user, session.ends));
        self.store.audit_append(note)?;
        Ok(token)
    }

    /// The analyst `name` proven by the session `token` instead of a
    /// password, its last use refreshed at most once a minute; why not,
    /// when it cannot stand in for the password.
    pub fn resume_cli_session(
        &self,
        name: &str,
        os_user: &str,
        token: &str,
    ) -> Result<Result<Analyst, SessionRefused>, StoreError> {
        let key = sha256_hex(token.trim().as_bytes());
        let Some(mut session) = self.store.cli_session(&key)? else {
            return Ok(Err(SessionRefused::Unknown));
        };
        let name = role::normalize(name);
        let all = self.store.analysts()?;
        let Ok(analyst) = role::check(&all, &name, Capability::Work).cloned() else {
            return Ok(Err(SessionRefused::Inactive));
        };
        let Some(digest) = self.password_digest(&analyst.name)? else {
            return Ok(Err(SessionRefused::Inactive));
        };
        let now = self.now();
        match cli_session::check(&session, &analyst.name, os_user, &digest, now) {
            Ok(refresh) => {
                if refresh {
                    session.last_used = now;
                    self.store.touch_cli_session(&key, &session)?;
                }
                Ok(Ok(analyst))
            }
            Err(why) => {
                if why != SessionRefused::OtherAnalyst {
                    self.store.remove_cli_session(&key)?;
                }
                Ok(Err(why))
            }
        }
    }

    /// Ends the session `token`; true when there was one.
    pub fn end_cli_session(&self, token: &str) -> Result<bool, StoreError> {
        self.store
            .remove_cli_session(&sha256_hex(token.trim().as_bytes()))
    }
}
