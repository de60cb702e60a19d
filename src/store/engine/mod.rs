//! The seam under the store: named, ordered trees of byte keys and values,
//! read directly or changed in all-or-nothing transactions. Two engines
//! answer it: sled in a folder (embedded, one process, the default) and a
//! PostgreSQL database (shared by a desk's analysts). Everything above it —
//! records, indexes, counters, the outbox, the audit chain — is written once,
//! in terms of these trees, so both engines hold the same bytes and a desk
//! behaves the same on either.
//!
//! Transactions take a closure that may run more than once (sled retries on
//! a conflict; PostgreSQL is retried on a serialization failure): it must
//! have no effect but its reads and writes.

pub mod embedded;
mod pg_tls;
pub mod pgpass;
pub mod shared;

use std::ops::Range;

/// A stored key or value.
pub type Value = Vec<u8>;

/// What failed underneath: the embedded engine's error as it is, or the
/// shared database's, already in the user's words.
#[derive(Debug)]
pub enum EngineError {
    Sled(sled::Error),
    /// The shared database refused or could not be reached; the detail is
    /// Spanish, for the user.
    Shared(String),
}

/// Why a transaction's closure stopped.
#[derive(Debug)]
pub enum TxError<A> {
    /// The closure refused: nothing is written, the reason goes up.
    Abort(A),
    /// Another writer got there first: the engine runs the closure again.
    Conflict,
    Storage(EngineError),
}

/// A failed read or write inside a transaction.
#[derive(Debug)]
pub enum TxOp {
    Conflict,
    Storage(EngineError),
}

impl<A> From<TxOp> for TxError<A> {
    fn from(e: TxOp) -> Self {
        match e {
            TxOp::Conflict => TxError::Conflict,
            TxOp::Storage(e) => TxError::Storage(e),
        }
    }
}

/// How a whole transaction ended, when it did not commit.
#[derive(Debug)]
pub enum TxFailed<A> {
    Abort(A),
    Storage(EngineError),
}

/// The engine of one open store.
#[derive(Clone)]
pub enum Engine {
    Embedded(embedded::Embedded),
    Shared(std::sync::Arc<shared::Shared>),
}

/// One tree, read or written outside a transaction.
#[derive(Clone)]
pub enum Tree<'a> {
    Embedded(sled::Tree),
    Shared(&'a shared::Shared, std::borrow::Cow<'a, str>),
}

/// One tree inside a transaction.
pub enum TxTree<'a> {
    Embedded(&'a sled::transaction::TransactionalTree),
    Shared(&'a shared::Tx<'a>, &'static str),
}

/// Writes applied together (not atomically across trees).
#[derive(Default, Clone)]
pub struct Batch {
    pub(crate) ops: Vec<(Value, Option<Value>)>,
}

impl Batch {
    pub fn insert(&mut self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) {
        self.ops
            .push((key.as_ref().to_vec(), Some(value.as_ref().to_vec())));
    }

    pub fn remove(&mut self, key: impl AsRef<[u8]>) {
        self.ops.push((key.as_ref().to_vec(), None));
    }

    pub fn len(&self) -> usize {
        self.ops.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }
}

pub type EResult<T> = std::result::Result<T, EngineError>;

/// Key-ordered pairs of a tree (or part of one), read lazily.
pub struct Scan<'a>(Box<dyn Iterator<Item = EResult<(Value, Value)>> + 'a>);

impl<'a> Iterator for Scan<'a> {
    type Item = EResult<(Value, Value)>;
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
}

impl<'a> Scan<'a> {
    pub fn keys(self) -> impl Iterator<Item = EResult<Value>> + 'a {
        self.0.map(|kv| kv.map(|(k, _)| k))
    }

    pub fn values(self) -> impl Iterator<Item = EResult<Value>> + 'a {
        self.0.map(|kv| kv.map(|(_, v)| v))
    }
}

impl Engine {
    /// The tree at a fixed position (see `store::t`).
    pub fn tree(&self, idx: usize) -> Tree<'_> {
        match self {
            Engine::Embedded(e) => Tree::Embedded(e.tree(idx).clone()),
            Engine::Shared(s) => Tree::Shared(s, super::t::NAMES[idx].into()),
        }
    }

    /// A tree by name (a backup names every tree it holds).
    pub fn named(&self, name: &str) -> EResult<Tree<'_>> {
        match self {
            Engine::Embedded(e) => Ok(Tree::Embedded(e.named(name)?)),
            Engine::Shared(s) => Ok(Tree::Shared(s, name.to_string().into())),
        }
    }

    /// The names of the trees that hold something, sorted.
    pub fn tree_names(&self) -> EResult<Vec<String>> {
        match self {
            Engine::Embedded(e) => Ok(e.tree_names()),
            Engine::Shared(s) => s.tree_names(),
        }
    }

    /// Removes a whole tree; true when it held something.
    pub fn drop_tree(&self, name: &str) -> EResult<bool> {
        match self {
            Engine::Embedded(e) => e.drop_tree(name),
            Engine::Shared(s) => s.drop_tree(name),
        }
    }

    /// Makes every write so far durable (the shared engine commits each
    /// one, so there is nothing left to do).
    pub fn flush(&self) -> EResult<()> {
        match self {
            Engine::Embedded(e) => e.flush(),
            Engine::Shared(_) => Ok(()),
        }
    }

    /// Holds every writer of the store back until the guard is dropped
    /// (a backup's consistent copy); the embedded engine's writers are
    /// held by the store's own gate.
    pub fn hold_writes(&self) -> EResult<Option<shared::Held>> {
        match self {
            Engine::Embedded(_) => Ok(None),
            Engine::Shared(s) => s.hold_writes().map(Some),
        }
    }

    /// The analyst's own database login this store is connected as; the
    /// embedded store has none.
    pub fn db_login(&self) -> Option<&shared::Login> {
        match self {
            Engine::Embedded(_) => None,
            Engine::Shared(s) => s.login(),
        }
    }

    /// Creates or re-keys `name`'s database login; false on the embedded
    /// store, which has none.
    pub fn add_db_login(&self, name: &str, password: &str, supervisor: bool) -> EResult<bool> {
        match self {
            Engine::Embedded(_) => Ok(false),
            Engine::Shared(s) => s.add_login(name, password, supervisor).map(|()| true),
        }
    }

    /// Lets `name`'s database login connect, or stops it; false on the
    /// embedded store or when `name` has no login.
    pub fn db_login_enabled(&self, name: &str, enabled: bool) -> EResult<bool> {
        match self {
            Engine::Embedded(_) => Ok(false),
            Engine::Shared(s) => s.login_enabled(name, enabled),
        }
    }

    /// Whether `name` has a database login of this desk (never on the
    /// embedded store).
    pub fn has_db_login(&self, name: &str) -> EResult<bool> {
        match self {
            Engine::Embedded(_) => Ok(false),
            Engine::Shared(s) => s.has_login(name),
        }
    }

    /// A new password for the database login this store is connected as.
    pub fn set_own_db_password(&self, password: &str) -> EResult<bool> {
        match self {
            Engine::Shared(s) if s.login().is_some() => s.set_own_password(password).map(|()| true),
            _ => Ok(false),
        }
    }

    /// Runs `f` over every tree as one all-or-nothing change.
    pub fn transaction<T, A>(
        &self,
        f: impl Fn(&[TxTree]) -> std::result::Result<T, TxError<A>>,
    ) -> std::result::Result<T, TxFailed<A>> {
        match self {
            Engine::Embedded(e) => e.transaction(f),
            Engine::Shared(s) => s.transaction(f),
        }
    }

    /// Inserts sorted pairs into several trees, the trees side by side
    /// where the engine allows it (a generated store's bulk load).
    pub fn load_sorted(
        &self,
        work: Vec<(usize, Vec<(Value, Value)>)>,
        threads: usize,
    ) -> EResult<()> {
        match self {
            Engine::Embedded(e) => e.load_sorted(work, threads),
            Engine::Shared(s) => {
                for (idx, pairs) in work {
                    let mut batch = Batch::default();
                    for (k, v) in pairs {
                        batch.insert(k, v);
                    }
                    s.apply(super::t::NAMES[idx], batch)?;
                }
                Ok(())
            }
        }
    }
}

impl<'a> Tree<'a> {
    pub fn get(&self, key: impl AsRef<[u8]>) -> EResult<Option<Value>> {
        match self {
            Tree::Embedded(t) => Ok(t
                .get(key.as_ref())
                .map_err(EngineError::Sled)?
                .map(|v| v.to_vec())),
            Tree::Shared(s, name) => s.get(name, key.as_ref()),
        }
    }

    pub fn insert(&self, key: impl AsRef<[u8]>, value: impl AsRef<[u8]>) -> EResult<()> {
        match self {
            Tree::Embedded(t) => t
                .insert(key.as_ref(), value.as_ref())
                .map(|_| ())
                .map_err(EngineError::Sled),
            Tree::Shared(s, name) => {
                let mut b = Batch::default();
                b.insert(key, value);
                s.apply(name, b)
            }
        }
    }

    pub fn remove(&self, key: impl AsRef<[u8]>) -> EResult<()> {
        match self {
            Tree::Embedded(t) => t
                .remove(key.as_ref())
                .map(|_| ())
                .map_err(EngineError::Sled),
            Tree::Shared(s, name) => {
                let mut b = Batch::default();
                b.remove(key);
                s.apply(name, b)
            }
        }
    }

    pub fn apply_batch(&self, batch: Batch) -> EResult<()> {
        match self {
            Tree::Embedded(t) => {
                let mut b = sled::Batch::default();
                for (k, v) in batch.ops {
                    match v {
                        Some(v) => b.insert(k, v),
                        None => b.remove(k),
                    }
                }
                t.apply_batch(b).map_err(EngineError::Sled)
            }
            Tree::Shared(s, name) => s.apply(name, batch),
        }
    }

    pub fn clear(&self) -> EResult<()> {
        match self {
            Tree::Embedded(t) => t.clear().map_err(EngineError::Sled),
            Tree::Shared(s, name) => s.drop_tree(name).map(|_| ()),
        }
    }

    /// How many keys: the embedded engine visits every one.
    pub fn len(&self) -> usize {
        match self {
            Tree::Embedded(t) => t.len(),
            Tree::Shared(s, name) => s.len(name).unwrap_or(0),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Tree::Embedded(t) => t.is_empty(),
            Tree::Shared(s, name) => s.first(name, false).map(|f| f.is_none()).unwrap_or(true),
        }
    }

    pub fn first(&self) -> EResult<Option<(Value, Value)>> {
        match self {
            Tree::Embedded(t) => Ok(t
                .first()
                .map_err(EngineError::Sled)?
                .map(|(k, v)| (k.to_vec(), v.to_vec()))),
            Tree::Shared(s, name) => s.first(name, false),
        }
    }

    pub fn last(&self) -> EResult<Option<(Value, Value)>> {
        match self {
            Tree::Embedded(t) => Ok(t
                .last()
                .map_err(EngineError::Sled)?
                .map(|(k, v)| (k.to_vec(), v.to_vec()))),
            Tree::Shared(s, name) => s.first(name, true),
        }
    }

    pub fn iter(self) -> Scan<'a> {
        self.range(Vec::new()..Vec::new())
    }

    /// Every pair, last key first.
    pub fn iter_rev(self) -> Scan<'a> {
        match self {
            Tree::Embedded(t) => Scan(Box::new(t.iter().rev().map(pair))),
            Tree::Shared(s, name) => Scan(Box::new(s.scan(name, Vec::new(), None, true))),
        }
    }

    pub fn scan_prefix(self, prefix: impl AsRef<[u8]>) -> Scan<'a> {
        let prefix = prefix.as_ref().to_vec();
        match self {
            Tree::Embedded(t) => Scan(Box::new(t.scan_prefix(prefix).map(pair))),
            Tree::Shared(s, name) => {
                let end = prefix_end(&prefix);
                Scan(Box::new(s.scan(name, prefix, end, false)))
            }
        }
    }

    /// Pairs with `range.start <= key < range.end`; an empty end means no
    /// end.
    pub fn range(self, range: Range<Vec<u8>>) -> Scan<'a> {
        match self {
            Tree::Embedded(t) => {
                if range.end.is_empty() {
                    Scan(Box::new(t.range(range.start..).map(pair)))
                } else {
                    Scan(Box::new(t.range(range).map(pair)))
                }
            }
            Tree::Shared(s, name) => {
                let end = (!range.end.is_empty()).then_some(range.end);
                Scan(Box::new(s.scan(name, range.start, end, false)))
            }
        }
    }
}

fn pair(kv: sled::Result<(sled::IVec, sled::IVec)>) -> EResult<(Value, Value)> {
    kv.map(|(k, v)| (k.to_vec(), v.to_vec()))
        .map_err(EngineError::Sled)
}

/// The first key after every key starting with `prefix` (none when the
/// prefix is all 0xFF).
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < 0xFF {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

impl TxTree<'_> {
    pub fn get(&self, key: impl AsRef<[u8]>) -> std::result::Result<Option<Value>, TxOp> {
        match self {
            TxTree::Embedded(t) => t
                .get(key.as_ref())
                .map(|v| v.map(|v| v.to_vec()))
                .map_err(embedded::tx_op),
            TxTree::Shared(tx, name) => tx.get(name, key.as_ref()),
        }
    }

    pub fn insert(
        &self,
        key: impl AsRef<[u8]>,
        value: impl AsRef<[u8]>,
    ) -> std::result::Result<(), TxOp> {
        match self {
            TxTree::Embedded(t) => t
                .insert(key.as_ref(), value.as_ref())
                .map(|_| ())
                .map_err(embedded::tx_op),
            TxTree::Shared(tx, name) => {
                tx.put(name, key.as_ref(), Some(value.as_ref()));
                Ok(())
            }
        }
    }

    /// Removes a key; returns what it held.
    pub fn remove(&self, key: impl AsRef<[u8]>) -> std::result::Result<Option<Value>, TxOp> {
        match self {
            TxTree::Embedded(t) => t
                .remove(key.as_ref())
                .map(|v| v.map(|v| v.to_vec()))
                .map_err(embedded::tx_op),
            TxTree::Shared(tx, name) => {
                let old = tx.get(name, key.as_ref())?;
                if old.is_some() {
                    tx.put(name, key.as_ref(), None);
                }
                Ok(old)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::prefix_end;

    #[test]
    fn a_prefix_ends_at_the_next_key_of_its_length() {
        assert_eq!(prefix_end(b"ab"), Some(b"ac".to_vec()));
        assert_eq!(prefix_end(&[1, 0xFF]), Some(vec![2]));
        assert_eq!(prefix_end(&[0xFF, 0xFF]), None);
    }
}
