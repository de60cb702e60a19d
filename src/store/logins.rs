//! Analysts' own database logins on the shared store: who the connection
//! is, and adding a login (the embedded store has none).

use super::{Result, Store};

pub use super::engine::shared::Login as DbLogin;

impl Store {
    /// The analyst this shared store's connection is, as the database
    /// proves it: `None` on the embedded store and for the installer's
    /// account (the owner), where the desk's own sign-in proves who acts.
    pub fn db_login(&self) -> Option<DbLogin> {
        self.engine.db_login().cloned()
    }

    /// Creates `name`'s database login (or gives it a new password) in
    /// the analysts' or supervisors' group; false on the embedded store.
    pub fn add_db_login(&self, name: &str, password: &str, supervisor: bool) -> Result<bool> {
        self.engine
            .add_db_login(name, password, supervisor)
            .map_err(|e| self.damaged(e))
    }
}

impl Store {
    /// Lets `name`'s database login connect again, or stops it (the
    /// analyst enabled or disabled); false where there is none.
    pub fn db_login_enabled(&self, name: &str, enabled: bool) -> Result<bool> {
        self.engine
            .db_login_enabled(name, enabled)
            .map_err(|e| self.damaged(e))
    }

    /// Whether `name` has a database login of this desk.
    pub fn has_db_login(&self, name: &str) -> Result<bool> {
        self.engine.has_db_login(name).map_err(|e| self.damaged(e))
    }

    /// A new password for the database login this store is connected as;
    /// false when it is not an analyst's login.
    pub fn set_own_db_password(&self, password: &str) -> Result<bool> {
        self.engine
            .set_own_db_password(password)
            .map_err(|e| self.damaged(e))
    }
}
