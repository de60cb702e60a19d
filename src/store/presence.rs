//! Who is working now: each open console's heartbeat (analyst, PC, last
//! seen), written every ~20 s outside any transaction and removed when the
//! console closes. On the shared store it writes no ticket, so it wakes no
//! other console (only ticket writes are announced).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Result, Store, decode, encode};

const TREE: &str = "presence";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Heartbeat {
    pub analyst: String,
    pub pc: String,
    pub seen: DateTime<Utc>,
}

impl Store {
    fn presence_tree(&self) -> Result<super::engine::Tree<'_>> {
        self.engine.named(TREE).map_err(|e| self.damaged(e))
    }

    /// Records (or refreshes) console `key`'s heartbeat.
    pub fn beat(&self, key: &str, beat: &Heartbeat) -> Result<()> {
        self.presence_tree()?
            .insert(key.as_bytes(), encode(beat))
            .map_err(|e| self.damaged(e))
    }

    /// Removes console `key`'s heartbeat (the console closes).
    pub fn leave(&self, key: &str) -> Result<()> {
        self.presence_tree()?
            .remove(key.as_bytes())
            .map_err(|e| self.damaged(e))
    }

    /// Every heartbeat stored; unreadable ones are skipped (they only
    /// count who is here).
    pub fn heartbeats(&self) -> Result<Vec<Heartbeat>> {
        Ok(self
            .presence_tree()?
            .iter()
            .filter_map(|kv| kv.ok())
            .filter_map(|(k, v)| decode::<Heartbeat>(&k, &v).ok())
            .collect())
    }
}
