//! The embedded engine: sled in the store's folder, one process at a time.

use sled::Transactional;
use sled::transaction::{
    ConflictableTransactionError, TransactionError, UnabortableTransactionError,
};

use super::{EResult, EngineError, TxError, TxFailed, TxOp, TxTree, Value};

#[derive(Clone)]
pub struct Embedded {
    db: sled::Db,
    trees: Vec<sled::Tree>,
}

/// sled's page cache. Its default (1 GiB) would be most of the console's
/// memory with a large store; the console keeps the queue in its own index
/// and reads single records from sled, which this holds comfortably.
const CACHE_BYTES: u64 = 16 << 20;

impl Embedded {
    /// Opens sled at `path` with the trees named in `names`, in order.
    /// Holding the store's own lock, a busy database file can only be this
    /// process's previous handle, whose background flusher releases it a
    /// moment after the handle is dropped: wait for it (up to 5 s).
    pub fn open(path: &std::path::Path, names: &[&str]) -> EResult<Embedded> {
        let mut waited = 0;
        let db = loop {
            match sled::Config::new()
                .path(path)
                .cache_capacity(CACHE_BYTES)
                .open()
            {
                // sled wraps the busy file lock as `ErrorKind::Other` with the
                // OS error only in its message.
                Err(sled::Error::Io(e))
                    if waited < 250
                        && (e.kind() == std::io::ErrorKind::WouldBlock
                            || e.to_string().contains("could not acquire lock")) =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                    waited += 1;
                }
                other => break other.map_err(EngineError::Sled)?,
            }
        };
        let trees = names
            .iter()
            .map(|name| db.open_tree(name))
            .collect::<sled::Result<Vec<_>>>()
            .map_err(EngineError::Sled)?;
        Ok(Embedded { db, trees })
    }

    pub fn tree(&self, idx: usize) -> &sled::Tree {
        &self.trees[idx]
    }

    pub fn named(&self, name: &str) -> EResult<sled::Tree> {
        self.db.open_tree(name).map_err(EngineError::Sled)
    }

    /// Names of the trees that hold something (sled's default tree, never
    /// used by the store, left out).
    pub fn tree_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .db
            .tree_names()
            .into_iter()
            .filter(|n| n.as_ref() != b"__sled__default")
            .map(|n| String::from_utf8_lossy(&n).into_owned())
            .filter(|n| self.db.open_tree(n).map(|t| !t.is_empty()).unwrap_or(false))
            .collect();
        names.sort();
        names
    }

    pub fn drop_tree(&self, name: &str) -> EResult<bool> {
        if !self
            .db
            .tree_names()
            .iter()
            .any(|n| n.as_ref() == name.as_bytes())
        {
            return Ok(false);
        }
        self.db.drop_tree(name).map_err(EngineError::Sled)
    }

    pub fn flush(&self) -> EResult<()> {
        self.db.flush().map(|_| ()).map_err(EngineError::Sled)
    }

    pub fn transaction<T, A>(
        &self,
        f: impl Fn(&[TxTree]) -> std::result::Result<T, TxError<A>>,
    ) -> std::result::Result<T, TxFailed<A>> {
        let result = self.trees.as_slice().transaction(|tx| {
            let view: Vec<TxTree> = tx.iter().map(TxTree::Embedded).collect();
            f(&view).map_err(|e| match e {
                TxError::Conflict => ConflictableTransactionError::Conflict,
                TxError::Storage(EngineError::Sled(e)) => ConflictableTransactionError::Storage(e),
                other => ConflictableTransactionError::Abort(other),
            })
        });
        match result {
            Ok(v) => Ok(v),
            Err(TransactionError::Abort(TxError::Abort(a))) => Err(TxFailed::Abort(a)),
            Err(TransactionError::Abort(TxError::Storage(e))) => Err(TxFailed::Storage(e)),
            Err(TransactionError::Abort(TxError::Conflict)) => {
                unreachable!("a conflict is retried by sled, never aborted")
            }
            Err(TransactionError::Storage(e)) => Err(TxFailed::Storage(EngineError::Sled(e))),
        }
    }

    /// Inserts each tree's keys (in order), `threads` trees at a time: sled
    /// lets plain inserts into different trees run side by side, where a
    /// batch would hold one lock for the whole tree.
    pub fn load_sorted(
        &self,
        work: Vec<(usize, Vec<(Value, Value)>)>,
        threads: usize,
    ) -> EResult<()> {
        let queue = std::sync::Mutex::new(
            work.into_iter()
                .map(|(idx, pairs)| (self.trees[idx].clone(), pairs))
                .collect::<Vec<_>>()
                .into_iter(),
        );
        std::thread::scope(|s| {
            let workers: Vec<_> = (0..threads.max(1))
                .map(|_| {
                    s.spawn(|| -> sled::Result<()> {
                        loop {
                            let next = queue.lock().unwrap_or_else(|p| p.into_inner()).next();
                            let Some((tree, mut writes)) = next else {
                                return Ok(());
                            };
                            writes.sort_unstable();
                            for (key, value) in writes {
                                tree.insert(key, value)?;
                            }
                        }
                    })
                })
                .collect();
            workers
                .into_iter()
                .try_for_each(|w| w.join().expect("a sled insert does not panic"))
        })
        .map_err(EngineError::Sled)
    }
}

pub(super) fn tx_op(e: UnabortableTransactionError) -> TxOp {
    match e {
        UnabortableTransactionError::Conflict => TxOp::Conflict,
        UnabortableTransactionError::Storage(e) => TxOp::Storage(EngineError::Sled(e)),
    }
}
