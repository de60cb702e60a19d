//! The command line's lasting sign-ins (`domain::cli_session`), in their
//! own tree keyed by the SHA-256 of each session's token: the token itself
//! is only in the analyst's private file, never here. Outside the ticket
//! transactions, like the consoles' heartbeats, on either engine.

use chrono::{DateTime, Utc};

use super::{Result, Store, decode, encode};
use crate::domain::cli_session::{self, CliSession};

const TREE: &str = "cli_sessions";

impl Store {
    fn sessions_tree(&self) -> Result<super::engine::Tree<'_>> {
        self.engine.named(TREE).map_err(|e| self.damaged(e))
    }

    /// The session stored under `token_digest`; an unreadable one is none.
    pub fn cli_session(&self, token_digest: &str) -> Result<Option<CliSession>> {
        Ok(self
            .sessions_tree()?
            .get(token_digest.as_bytes())
            .map_err(|e| self.damaged(e))?
            .and_then(|v| decode(token_digest.as_bytes(), &v).ok()))
    }

    /// Stores (or refreshes) a session under `token_digest`.
    pub fn put_cli_session(&self, token_digest: &str, s: &CliSession) -> Result<()> {
        self.sessions_tree()?
            .insert(token_digest.as_bytes(), encode(s))
            .map_err(|e| self.damaged(e))?;
        self.flush()
    }

    /// Writes a session's new last use, without waiting for the disk (a
    /// refresh lost in a crash only makes the session end sooner).
    pub fn touch_cli_session(&self, token_digest: &str, s: &CliSession) -> Result<()> {
        self.sessions_tree()?
            .insert(token_digest.as_bytes(), encode(s))
            .map_err(|e| self.damaged(e))
    }

    /// Forgets a session; true when there was one.
    pub fn remove_cli_session(&self, token_digest: &str) -> Result<bool> {
        let tree = self.sessions_tree()?;
        let was = tree
            .get(token_digest.as_bytes())
            .map_err(|e| self.damaged(e))?
            .is_some();
        tree.remove(token_digest.as_bytes())
            .map_err(|e| self.damaged(e))?;
        self.flush()?;
        Ok(was)
    }

    /// Forgets every session no command can use any more at `now`.
    pub fn prune_cli_sessions(&self, now: DateTime<Utc>) -> Result<()> {
        let over: Vec<_> = self
            .sessions_tree()?
            .iter()
            .filter_map(|kv| kv.ok())
            .filter(|(k, v)| {
                decode::<CliSession>(k, v).map_or(true, |s| cli_session::is_over(&s, now))
            })
            .map(|(k, _)| k)
            .collect();
        let tree = self.sessions_tree()?;
        for k in over {
            tree.remove(&k).map_err(|e| self.damaged(e))?;
        }
        Ok(())
    }
}
