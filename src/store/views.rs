//! Saved queue views, per analyst: the console's filters, columns and sort
//! under a name and a number key. The store keeps them as opaque values; the
//! console owns their shape.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Result, Store, corrupt, decode, encode};

fn key(analyst: &str, slot: u8) -> Vec<u8> {
    let mut k = analyst.as_bytes().to_vec();
    k.push(0);
    k.push(slot);
    k
}

impl Store {
    fn views_tree(&self) -> Result<super::engine::Tree<'_>> {
        Ok(self.tree(super::t::SAVED_VIEWS))
    }

    /// The analyst's saved views, by slot.
    pub fn saved_views<T: DeserializeOwned>(&self, analyst: &str) -> Result<Vec<(u8, T)>> {
        let mut prefix = analyst.as_bytes().to_vec();
        prefix.push(0);
        self.views_tree()?
            .scan_prefix(&prefix)
            .map(|kv| {
                let (k, v) = kv.map_err(|e| self.damaged(e))?;
                let slot = *k.last().unwrap_or(&0);
                Ok((slot, decode(&k, &v).map_err(corrupt)?))
            })
            .collect()
    }

    /// Saves (or replaces) the view in a slot, durably.
    pub fn save_view<T: Serialize>(&self, analyst: &str, slot: u8, view: &T) -> Result<()> {
        let tree = self.views_tree()?;
        tree.insert(key(analyst, slot), encode(view))
            .map_err(|e| self.damaged(e))?;
        self.flush()?;
        Ok(())
    }

    /// The analyst's filter history, oldest first (kept beside the views,
    /// under a key their scan never reads).
    pub fn filter_history(&self, analyst: &str) -> Result<Vec<String>> {
        let k = history_key(analyst);
        match self.views_tree()?.get(&k).map_err(|e| self.damaged(e))? {
            Some(v) => decode(&k, &v).map_err(corrupt),
            None => Ok(Vec::new()),
        }
    }

    /// Replaces the analyst's filter history, durably.
    pub fn save_filter_history(&self, analyst: &str, items: &[String]) -> Result<()> {
        let tree = self.views_tree()?;
        tree.insert(history_key(analyst), encode(&items.to_vec()))
            .map_err(|e| self.damaged(e))?;
        self.flush()?;
        Ok(())
    }
}

/// After the name, 1 instead of the views' 0: their prefix scan skips it.
fn history_key(analyst: &str) -> Vec<u8> {
    let mut k = analyst.as_bytes().to_vec();
    k.push(1);
    k.extend_from_slice(b"filtro");
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn views_are_kept_per_analyst_and_slot() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.save_view("ana", 1, &"urgentes".to_string()).unwrap();
        store.save_view("ana", 1, &"nuevos".to_string()).unwrap();
        store
            .save_view("ana", 3, &"programados".to_string())
            .unwrap();
        store.save_view("beto", 1, &"míos".to_string()).unwrap();
        let ana: Vec<(u8, String)> = store.saved_views("ana").unwrap();
        assert_eq!(ana, [(1, "nuevos".into()), (3, "programados".into())]);
        let nobody: Vec<(u8, String)> = store.saved_views("carla").unwrap();
        assert!(nobody.is_empty());
    }
}
