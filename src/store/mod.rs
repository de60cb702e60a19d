//! The store: records with their history, indexes, counters, batches, the
//! outbox, the registry, the audit chain and analysts, kept in the ordered
//! trees of an engine (`engine`: sled in a folder, or a shared PostgreSQL
//! database); only the engines know sled or SQL.
//!
//! Every action writes its record (with its history), indexes and counters in one
//! multi-tree transaction whose closure has no side effects (the engine may run
//! it more than once), and the change is durable before the action returns:
//! what is reported as done survives `kill -9` the next instant.

pub mod engine;
pub mod outbox;

mod analysts;
mod anchor;
mod audit;
pub mod backup;
mod batches;
mod bulk;
mod cli_sessions;
mod correct;
mod credentials;
mod keys;
pub mod leftovers;
mod lock;
mod logins;
mod migrate;
pub mod private;
pub mod purge;
mod record;
pub use record::records_decoded;

/// Walks over every ticket key this process has made ([`Store::count`]),
/// for tests that prove a path does not visit the whole store.
static WALKS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many times this process has walked every ticket key.
pub fn full_walks() -> u64 {
    WALKS.load(std::sync::atomic::Ordering::Relaxed)
}
mod presence;
mod registry;
mod requests;
pub mod summary;
mod views;
pub use presence::Heartbeat;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use engine::{Engine, EngineError, TxError, TxFailed, TxTree};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::domain::applicant::{Attachment, PaymentReceipt};
use crate::domain::audit::{AuditNote, move_note};
use crate::domain::certificate::Certificate;
use crate::domain::ticket::{HistoryEntry, Ticket, ticket_id};
use crate::domain::{MoveRefused, QueueRow, Status};
use crate::media;
use crate::strings;

pub use batches::Sealed;
pub use bulk::BulkState;
pub use lock::StoreLock;
pub use logins::DbLogin;
pub use registry::no_certs;

/// Bumped whenever a stored value or the layout of the trees changes; an
/// older store is brought up to date at open (`migrate`).
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest schema a store (or a backup) can have and still be opened:
/// it is migrated at open.
pub const OLDEST_SCHEMA: u32 = 1;

/// Values other than ticket records (`record`) have kept their shape since
/// schema 1: they are read as written.
const OLDEST_VALUE: u32 = OLDEST_SCHEMA;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", strings::store::locked(path, holder))]
    Locked { path: PathBuf, holder: String },
    #[error("{}", strings::store::schema_mismatch(path, *found, SCHEMA_VERSION))]
    Schema { path: PathBuf, found: u32 },
    #[error("{}", strings::store::io(path, source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The shared database could not be reached or refused.
    #[error("{}", strings::shared::unavailable(target, detail))]
    Shared { target: String, detail: String },
    #[error("{}", strings::store::damaged(path, detail))]
    Damaged { path: PathBuf, detail: String },
    #[error("{}", strings::store::record_unreadable(key, detail))]
    Corrupt { key: String, detail: String },
    #[error("{}", strings::store::ticket_not_found(.0))]
    NotFound(String),
    #[error("{}", strings::store::batch_not_found(.0))]
    BatchNotFound(String),
    #[error("{}", strings::registry::not_found(.0))]
    CertificateNotFound(String),
    #[error("{}", strings::store::already_sent(.0))]
    AlreadySent(String),
    #[error("{}", strings::mail::not_found(.0))]
    OutboxNotFound(String),
    /// The audit chain's witness (`audit.head`) was deleted: nothing is
    /// written until a supervisor accepts the chain as it is.
    #[error("{}", strings::hostile::witness_missing(path, *entries))]
    WitnessMissing { path: PathBuf, entries: u64 },
    #[error("{0}")]
    Refused(#[from] MoveRefused),
    /// A purge period below the legal five years.
    #[error("{}", strings::rules::purge_too_short(.0))]
    RetentionTooShort(String),
    /// The one acting may not do this (see `domain::role`).
    #[error("{0}")]
    Access(#[from] crate::domain::role::AccessRefused),
    /// A family request that cannot move on (see `domain::family`).
    #[error("{0}")]
    Request(#[from] crate::domain::family::request::AdvanceRefused),
    #[error("{}", strings::problem(&crate::domain::Problem::new(crate::domain::Field::PaymentOperation, crate::domain::Rule::OperationReused { ticket: Some(ticket.clone()) })))]
    OperationReused { operation: String, ticket: String },
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// A ticket about to be registered, with what comes with it.
#[derive(Debug, Clone)]
pub struct NewRecord {
    /// The id is assigned by the store; whatever is here is replaced.
    pub ticket: Ticket,
    /// The year in the id (`T-<year>-…`), in the desk's time zone.
    pub id_year: i32,
    pub history: Vec<HistoryEntry>,
    pub receipts: Vec<PaymentReceipt>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Versioned<T> {
    v: u32,
    data: T,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReceiptRecord {
    pub receipt: PaymentReceipt,
    pub ticket: String,
}

/// Tree positions inside a transaction's view.
mod t {
    pub const META: usize = 0;
    pub const TICKETS: usize = 1;
    pub const BY_STATUS: usize = 2;
    pub const BY_DNI: usize = 3;
    pub const BY_DISPATCH: usize = 4;
    pub const RECEIPTS: usize = 5;
    pub const BATCHES: usize = 6;
    pub const OUTBOX: usize = 7;
    pub const OUTBOX_DUE: usize = 8;
    pub const PEOPLE: usize = 9;
    pub const CERTIFICATES: usize = 10;
    pub const CERTS_BY_DNI: usize = 11;
    pub const AUDIT: usize = 12;
    pub const ANALYSTS: usize = 13;
    pub const QUEUE_ROWS: usize = 14;
    pub const CREDENTIALS: usize = 15;
    pub const SAVED_VIEWS: usize = 16;
    /// Requests of the other families (`requests`), keyed by id.
    pub const REQUESTS: usize = 17;
    pub const NAMES: [&str; 18] = [
        "meta",
        "tickets",
        "by_status",
        "by_dni",
        "by_dispatch",
        "receipts",
        "batches",
        "outbox",
        "outbox_due",
        "people",
        "certificates",
        "certs_by_dni",
        "audit",
        "analysts",
        "queue_rows",
        "credentials",
        "saved_views",
        "requests",
    ];
}

pub struct Store {
    dir: PathBuf,
    engine: Engine,
    /// Transactions share it; a backup's snapshot takes it alone, so the
    /// copy never holds half a change (see `backup`).
    gate: std::sync::RwLock<()>,
    /// `audit.head` was gone at open while the chain had entries: someone
    /// deleted it (perhaps to hide a rolled-back database). Writes are
    /// refused until a supervisor has checked the chain and accepted its
    /// head (`mesa audit head --accept`): recreating it silently would
    /// bless whatever the database now holds.
    witness_missing: std::sync::atomic::AtomicBool,
    /// The embedded engine's folder lock; a shared database takes none.
    _lock: Option<StoreLock>,
}

enum Abort {
    NotFound(String),
    BatchNotFound(String),
    AlreadySent(String),
    Refused(MoveRefused),
    OperationReused { operation: String, ticket: String },
    Corrupt { key: String, detail: String },
    Request(crate::domain::family::request::AdvanceRefused),
}

type TxResult<T> = std::result::Result<T, TxError<Abort>>;

fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(&Versioned {
        v: SCHEMA_VERSION,
        data: value,
    })
    .expect("plain data serializes")
}

fn decode<T: DeserializeOwned>(
    key: &[u8],
    bytes: &[u8],
) -> std::result::Result<T, (String, String)> {
    let key = String::from_utf8_lossy(key).into_owned();
    let value: Versioned<T> = serde_json::from_slice(bytes)
        .map_err(|e| (key.clone(), crate::strings::words::json_error(&e)))?;
    if !(OLDEST_VALUE..=SCHEMA_VERSION).contains(&value.v) {
        return Err((key, format!("versión de esquema {}", value.v)));
    }
    Ok(value.data)
}

fn corrupt((key, detail): (String, String)) -> StoreError {
    StoreError::Corrupt { key, detail }
}

impl Store {
    /// Opens (or creates) the store at `dir`, taking its lock first.
    pub fn open(dir: &Path) -> Result<Store> {
        let io = |source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        };
        if !dir.join("db").exists() {
            // A new store is private from the start, whatever the umask of
            // the process (the binary sets its own; a library caller may
            // not) and whoever made the empty folder it goes in: nothing
            // inside is then reachable by others. An existing store keeps
            // its modes and is warned about at the edge (`private`).
            use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(io)?;
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io)?;
        }
        fs::create_dir_all(dir.join("attachments")).map_err(io)?;
        let lock = StoreLock::acquire(dir)?;
        leftovers::clean(dir);
        leftovers::clean_sled(&dir.join("db"));
        let engine =
            engine::embedded::Embedded::open(&dir.join("db"), &t::NAMES).map_err(|e| match e {
                EngineError::Sled(sled::Error::Io(source)) => StoreError::Io {
                    path: dir.to_path_buf(),
                    source,
                },
                other => StoreError::Damaged {
                    path: dir.to_path_buf(),
                    detail: engine_detail(&other),
                },
            })?;
        Store::ready(dir, Engine::Embedded(engine), Some(lock))
    }

    /// Opens a shared PostgreSQL store; `dir` is this PC's own folder for
    /// it (logs, exports, the audit witness, a cache of attachments).
    pub fn open_shared(target: &engine::shared::Target, dir: &Path) -> Result<Store> {
        let io = |source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        };
        // This PC (or this login) opens the database for the first time:
        // no witness of its chain can exist here yet.
        let first_contact = !dir.exists();
        {
            use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)
                .map_err(io)?;
            fs::set_permissions(dir, fs::Permissions::from_mode(0o700)).map_err(io)?;
        }
        fs::create_dir_all(dir.join("attachments")).map_err(io)?;
        leftovers::clean(dir);
        let shared = engine::shared::Shared::connect(target).map_err(|e| StoreError::Shared {
            target: target.to_string(),
            detail: engine_detail(&e),
        })?;
        let store = Store::ready(dir, Engine::Shared(std::sync::Arc::new(shared)), None)?;
        if first_contact {
            // The chain as found is this folder's first witness; a witness
            // missing later, from a folder that had one, is still refused.
            anchor::record(dir, &store.audit_head()?);
            store
                .witness_missing
                .store(false, std::sync::atomic::Ordering::SeqCst);
        }
        Ok(store)
    }

    fn ready(dir: &Path, engine: Engine, lock: Option<StoreLock>) -> Result<Store> {
        let store = Store {
            dir: dir.to_path_buf(),
            engine,
            gate: std::sync::RwLock::new(()),
            witness_missing: std::sync::atomic::AtomicBool::new(false),
            _lock: lock,
        };
        store.check_witness()?;
        store.check_schema()?;
        store.ensure_summary()?;
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn tree(&self, idx: usize) -> engine::Tree<'_> {
        self.engine.tree(idx)
    }

    /// Where this store is, as the user names it: its folder, or the
    /// shared database's address (never its password).
    pub fn place(&self) -> String {
        match &self.engine {
            Engine::Shared(s) => s.target().to_string(),
            Engine::Embedded(_) => self.dir.display().to_string(),
        }
    }

    /// How many attachments a shared database holds.
    pub fn shared_attachment_count(&self) -> Result<usize> {
        let tree = self
            .engine
            .named(SHARED_ATTACHMENTS)
            .map_err(|e| self.damaged(e))?;
        Ok(tree.len())
    }

    /// After loading a shared database's copy into a folder: its
    /// attachments tree becomes the folder's files, and goes. Returns how
    /// many.
    pub fn attachments_tree_to_files(&self) -> Result<usize> {
        let tree = self
            .engine
            .named(SHARED_ATTACHMENTS)
            .map_err(|e| self.damaged(e))?;
        let dir = self.dir.join("attachments");
        let mut n = 0;
        for kv in tree.iter() {
            let (k, v) = kv.map_err(|e| self.damaged(e))?;
            let name = String::from_utf8_lossy(&k).into_owned();
            if name.len() != 64
                || !name.bytes().all(|b| b.is_ascii_hexdigit())
                || media::sha256_hex(&v) != name
            {
                continue;
            }
            let path = dir.join(&name);
            if !path.exists() {
                write_file_durably(&dir, &path, &v)
                    .map_err(|source| StoreError::Io { path, source })?;
            }
            n += 1;
        }
        self.engine
            .drop_tree(SHARED_ATTACHMENTS)
            .map_err(|e| self.damaged(e))?;
        self.flush()?;
        Ok(n)
    }

    /// Empties a shared database whose trees the bench owns: refused on
    /// anything else (see `bench::shared`).
    pub fn wipe_bench(&self, marker: &str) -> Result<()> {
        let Engine::Shared(shared) = &self.engine else {
            return Ok(());
        };
        let marked = self
            .engine
            .named(marker)
            .and_then(|t| t.first())
            .map_err(|e| self.damaged(e))?
            .is_some();
        if !marked && (self.ticket_count() > 0 || self.audit_len() > 0) {
            return Err(StoreError::Shared {
                target: shared.target().to_string(),
                detail: strings::shared::bench_not_ours(),
            });
        }
        shared.wipe().map_err(|e| self.damaged(e))?;
        self.engine
            .named(marker)
            .and_then(|t| t.insert(b"marca", b"mesa bench"))
            .map_err(|e| self.damaged(e))
    }

    /// Removes an attachment no ticket uses any more (a purge): from the
    /// shared database's tree, and the file from this PC's folder. A
    /// missing file is not an error (a crash may have removed it).
    pub fn remove_attachment(&self, sha256: &str) -> Result<()> {
        if self.is_shared() {
            self.engine
                .named(SHARED_ATTACHMENTS)
                .and_then(|t| t.remove(sha256.as_bytes()))
                .map_err(|e| self.damaged(e))?;
        }
        let _ = fs::remove_file(self.dir.join("attachments").join(sha256));
        Ok(())
    }

    /// Changes other processes commit, as they happen (the shared store;
    /// `None` on the embedded one, which no other process can change).
    /// See `engine::shared::Shared::watch`.
    pub fn watch(&self) -> Option<engine::shared::Watch> {
        match &self.engine {
            Engine::Shared(s) => Some(s.watch()),
            Engine::Embedded(_) => None,
        }
    }

    /// Whether this store is a shared database (several processes at once).
    pub fn is_shared(&self) -> bool {
        matches!(self.engine, Engine::Shared(_))
    }

    /// The database failed under a read or write: its error, in Spanish.
    fn damaged(&self, e: EngineError) -> StoreError {
        if let (EngineError::Shared(detail), Engine::Shared(s)) = (&e, &self.engine) {
            return StoreError::Shared {
                target: s.target().to_string(),
                detail: detail.clone(),
            };
        }
        self.damaged_with(engine_detail(&e))
    }

    fn damaged_with(&self, detail: String) -> StoreError {
        StoreError::Damaged {
            path: self.dir.clone(),
            detail,
        }
    }

    /// A database whose audit chain stops short of the link recorded
    /// beside it (`anchor`) lost records: damaged, not new.
    fn check_witness(&self) -> Result<()> {
        let Some(witness) = anchor::read(&self.dir) else {
            let head = self.audit_head()?;
            if head.seq == 0 {
                // A new store: its witness exists from the start, so a
                // missing one later can only mean it was removed.
                anchor::record(&self.dir, &head);
            } else if !anchor::exists(&self.dir) {
                self.witness_missing
                    .store(true, std::sync::atomic::Ordering::SeqCst);
            }
            return Ok(());
        };
        let head = self.audit_head()?;
        if anchor::behind(&head, &witness) {
            return Err(StoreError::Damaged {
                path: self.dir.clone(),
                detail: strings::trust::lost_entries(head.seq, witness.seq),
            });
        }
        if let Some(entry) = self.audit_entry(witness.seq)?
            && entry.hash != witness.hash
        {
            // Same entry, another hash: the chain was rewritten from there
            // on (or the witness forged). Both values, for comparison.
            return Err(StoreError::Damaged {
                path: self.dir.clone(),
                detail: strings::hostile::witness_mismatch(witness.seq, &entry.hash, &witness.hash),
            });
        }
        Ok(())
    }

    fn check_schema(&self) -> Result<()> {
        let meta = self.tree(t::META);
        match meta.get(keys::SCHEMA).map_err(|e| self.damaged(e))? {
            Some(v) => {
                let found = serde_json::from_slice::<u32>(&v).unwrap_or(0);
                if found == OLDEST_SCHEMA {
                    return self.migrate_from_1();
                }
                if found != SCHEMA_VERSION {
                    return Err(StoreError::Schema {
                        path: self.dir.clone(),
                        found,
                    });
                }
                self.drop_schema_1_trees()?;
            }
            None => {
                if !self.tree(t::TICKETS).is_empty() {
                    return Err(StoreError::Damaged {
                        path: self.dir.clone(),
                        detail: strings::store::not_a_store(&self.dir),
                    });
                }
                meta.insert(
                    keys::SCHEMA,
                    serde_json::to_vec(&SCHEMA_VERSION).expect("u32"),
                )
                .map_err(|e| self.damaged(e))?;
                self.flush()?;
            }
        }
        Ok(())
    }

    fn flush(&self) -> Result<()> {
        self.engine.flush().map_err(|e| self.write_failed(e))?;
        Ok(())
    }

    /// A failed write: the disk's own error (full, read-only) as such;
    /// anything else means the database itself is in trouble.
    fn write_failed(&self, e: EngineError) -> StoreError {
        match e {
            EngineError::Sled(sled::Error::Io(source)) => StoreError::Io {
                path: self.dir.clone(),
                source,
            },
            other => self.damaged(other),
        }
    }

    fn transact<T>(&self, f: impl Fn(&[TxTree]) -> TxResult<T>) -> Result<T> {
        self.refuse_without_witness()?;
        let _shared = self.gate.read().unwrap_or_else(|p| p.into_inner());
        let value = self.transact_ungated(f)?;
        if let Ok(head) = self.audit_head() {
            anchor::record(&self.dir, &head);
        }
        Ok(value)
    }

    fn transact_ungated<T>(&self, f: impl Fn(&[TxTree]) -> TxResult<T>) -> Result<T> {
        let value = match self.engine.transaction(f) {
            Ok(v) => v,
            Err(TxFailed::Abort(Abort::NotFound(id))) => return Err(StoreError::NotFound(id)),
            Err(TxFailed::Abort(Abort::BatchNotFound(id))) => {
                return Err(StoreError::BatchNotFound(id));
            }
            Err(TxFailed::Abort(Abort::AlreadySent(id))) => {
                return Err(StoreError::AlreadySent(id));
            }
            Err(TxFailed::Abort(Abort::Refused(r))) => return Err(StoreError::Refused(r)),
            Err(TxFailed::Abort(Abort::OperationReused { operation, ticket })) => {
                return Err(StoreError::OperationReused { operation, ticket });
            }
            Err(TxFailed::Abort(Abort::Corrupt { key, detail })) => {
                return Err(StoreError::Corrupt { key, detail });
            }
            Err(TxFailed::Abort(Abort::Request(r))) => return Err(StoreError::Request(r)),
            Err(TxFailed::Storage(e)) => return Err(self.write_failed(e)),
        };
        self.flush()?;
        Ok(value)
    }

    /// Registers tickets, all or none, and returns their ids in order; each
    /// registration gets its audit entry.
    pub fn register_all(&self, records: &[NewRecord]) -> Result<Vec<String>> {
        self.transact(|tx| register_in(tx, records, true))
    }

    /// Changes one ticket through `change`, a pure function of its current
    /// state; the new state, its history entry and indexes are written
    /// together.
    pub fn update<F>(&self, id: &str, change: F) -> Result<Ticket>
    where
        F: Fn(&Ticket) -> std::result::Result<(Ticket, HistoryEntry), MoveRefused>,
    {
        self.update_and_enqueue(id, change, no_mail)
            .map(|(ticket, _)| ticket)
    }

    /// Changes several tickets in one transaction: all of them or none.
    /// `change` gets each ticket's position in `ids` and its current state.
    pub fn update_all<F>(&self, ids: &[String], change: F) -> Result<Vec<Ticket>>
    where
        F: Fn(usize, &Ticket) -> std::result::Result<(Ticket, HistoryEntry), MoveRefused>,
    {
        self.update_all_and_enqueue(ids, change, no_mail)
            .map(|(tickets, _)| tickets)
    }

    pub fn ticket(&self, id: &str) -> Result<Option<Ticket>> {
        self.record_part(id, record::decode_ticket)
    }

    /// A ticket's history, oldest first (empty for an unknown ticket).
    pub fn history(&self, id: &str) -> Result<Vec<HistoryEntry>> {
        Ok(self
            .record_part(id, record::decode_history)?
            .unwrap_or_default())
    }

    fn record_part<T>(&self, id: &str, part: record::Part<T>) -> Result<Option<T>> {
        let key = keys::ticket(id);
        match self
            .tree(t::TICKETS)
            .get(&key)
            .map_err(|e| self.damaged(e))?
        {
            Some(bytes) => Ok(Some(part(&key, &bytes).map_err(corrupt)?)),
            None => Ok(None),
        }
    }

    pub fn receipt(&self, operation: &str) -> Result<Option<ReceiptRecord>> {
        let key = keys::receipt(operation);
        match self
            .tree(t::RECEIPTS)
            .get(&key)
            .map_err(|e| self.damaged(e))?
        {
            Some(bytes) => Ok(Some(decode(&key, &bytes).map_err(corrupt)?)),
            None => Ok(None),
        }
    }

    /// How many ticket records are stored, by visiting every key (sled's
    /// `len`): slow on a big store; [`Store::ticket_count`] reads the
    /// stored counters instead.
    pub fn count(&self) -> usize {
        WALKS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.tree(t::TICKETS).len()
    }

    fn load_ids<'a>(
        &'a self,
        ids: impl Iterator<Item = Result<Vec<u8>>> + 'a,
    ) -> impl Iterator<Item = Result<Ticket>> + 'a {
        ids.map(move |id| {
            let id = id?;
            let id = String::from_utf8_lossy(&id).into_owned();
            self.ticket(&id)?.ok_or(StoreError::NotFound(id))
        })
    }

    /// Every ticket in arrival order (registration time, then id): the
    /// queue rows' keys are arrival keys ending in the id.
    pub fn in_arrival_order(&self) -> impl Iterator<Item = Result<Ticket>> + '_ {
        let ids = self.tree(t::QUEUE_ROWS).iter().keys().map(|k| {
            k.map(|k| keys::id_of_arrival(&k).to_vec())
                .map_err(|e| self.damaged(e))
        });
        self.load_ids(ids)
    }

    /// The ids of the tickets whose queue row passes `keep`, in arrival
    /// order: how finished tickets are found, which no index lists.
    fn rows_where(
        &self,
        keep: impl Fn(&QueueRow) -> bool + 'static,
    ) -> impl Iterator<Item = Result<Vec<u8>>> + '_ {
        self.queue_rows().filter_map(move |row| match row {
            Ok(row) if keep(&row) => Some(Ok(row.id.into_bytes())),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        })
    }

    /// Every finished ticket (closed or withdrawn), in arrival order, in one
    /// pass over the queue rows.
    pub fn finished(&self) -> impl Iterator<Item = Result<Ticket>> + '_ {
        self.load_ids(self.rows_where(|r| r.status.is_final()))
    }

    /// Tickets in one status, in arrival order. Open statuses are indexed;
    /// finished tickets (most of a desk's years) are found by their rows.
    pub fn with_status(&self, status: Status) -> Box<dyn Iterator<Item = Result<Ticket>> + '_> {
        if status.is_final() {
            return Box::new(self.load_ids(self.rows_where(move |r| r.status == status)));
        }
        let ids = self
            .tree(t::BY_STATUS)
            .scan_prefix(keys::status_prefix(status))
            .values()
            .map(|v| v.map(|v| v.to_vec()).map_err(|e| self.damaged(e)));
        Box::new(self.load_ids(ids))
    }

    /// Tickets whose dispatch moment is in `[from, to)`: the open ones by
    /// moment then arrival, from the index; with `finished`, then the
    /// finished ones in arrival order, from their rows.
    pub fn dispatched_between(
        &self,
        from: chrono::DateTime<chrono::Utc>,
        to: chrono::DateTime<chrono::Utc>,
        finished: bool,
    ) -> impl Iterator<Item = Result<Ticket>> + '_ {
        let open = self
            .tree(t::BY_DISPATCH)
            .range(keys::moment(from).to_vec()..keys::moment(to).to_vec())
            .values()
            .map(|v| v.map(|v| v.to_vec()).map_err(|e| self.damaged(e)));
        let done = finished.then(|| {
            self.rows_where(move |r| {
                r.status.is_final() && r.dispatch.is_some_and(|d| d.at >= from && d.at < to)
            })
        });
        self.load_ids(open.chain(done.into_iter().flatten()))
    }

    /// The ids of the tickets with an applicant of this DNI (the index,
    /// nothing decoded).
    pub fn ids_with_dni(&self, dni: &str) -> Result<Vec<String>> {
        self.tree(t::BY_DNI)
            .scan_prefix(keys::dni_prefix(dni))
            .values()
            .map(|v| {
                v.map(|v| String::from_utf8_lossy(&v).into_owned())
                    .map_err(|e| self.damaged(e))
            })
            .collect()
    }

    /// Tickets with an applicant of this DNI.
    pub fn with_dni(&self, dni: &str) -> impl Iterator<Item = Result<Ticket>> + '_ {
        let ids = self
            .tree(t::BY_DNI)
            .scan_prefix(keys::dni_prefix(dni))
            .values()
            .map(|v| v.map(|v| v.to_vec()).map_err(|e| self.damaged(e)));
        self.load_ids(ids)
    }

    /// Refuses a write of about `bytes` that would leave the store's disk
    /// with less than `DISK_RESERVE` free (room sled needs to go on
    /// working and to open again): nothing is written, the message says
    /// how much is missing.
    pub fn ensure_room(&self, bytes: u64) -> Result<()> {
        ensure_room(&self.dir, bytes).map_err(|source| StoreError::Io {
            path: self.dir.clone(),
            source,
        })
    }

    /// Where an attachment's file is on this PC. A shared database keeps
    /// attachments in its `attachments` tree; this PC's folder caches them,
    /// fetched on first use (a file that cannot be fetched stays absent,
    /// as a lost one would).
    pub fn attachment_path(&self, sha256: &str) -> PathBuf {
        let path = self.dir.join("attachments").join(sha256);
        if self.is_shared()
            && !path.exists()
            && sha256.len() == 64
            && sha256.bytes().all(|b| b.is_ascii_hexdigit())
            && let Ok(tree) = self.engine.named(SHARED_ATTACHMENTS)
            && let Ok(Some(bytes)) = tree.get(sha256.as_bytes())
        {
            let _ = write_file_durably(&self.dir.join("attachments"), &path, &bytes);
        }
        path
    }

    /// Keeps a file in the store named by its SHA-256 (temp file, fsync,
    /// rename) and returns its metadata. Safe to repeat: same bytes, same name.
    pub fn put_attachment(&self, bytes: &[u8], file_name: &str) -> Result<Attachment> {
        let sha256 = media::sha256_hex(bytes);
        let path = self.attachment_path(&sha256);
        let io = |source| StoreError::Io {
            path: path.clone(),
            source,
        };
        if self.is_shared() {
            let tree = self
                .engine
                .named(SHARED_ATTACHMENTS)
                .map_err(|e| self.damaged(e))?;
            if tree
                .get(sha256.as_bytes())
                .map_err(|e| self.damaged(e))?
                .is_none()
            {
                tree.insert(sha256.as_bytes(), bytes)
                    .map_err(|e| self.damaged(e))?;
            }
        }
        if !path.exists() {
            write_file_durably(&self.dir.join("attachments"), &path, bytes).map_err(io)?;
        }
        Ok(Attachment {
            sha256,
            file_name: file_name.to_string(),
            bytes: bytes.len() as u64,
            image: media::inspect(bytes),
        })
    }
}

/// A shared database's attachments, keyed by SHA-256 (the embedded store
/// keeps them as files in its folder).
pub const SHARED_ATTACHMENTS: &str = "attachments";

/// Writes `bytes` to `path` in `dir` (temp file, fsync, rename, fsync of
/// the folder); a full disk leaves no half file behind.
fn write_file_durably(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".tmp-{}-{name}", std::process::id()));
    let written = fs::File::create(&tmp)
        .and_then(|mut f| {
            f.write_all(bytes)?;
            f.sync_all()
        })
        .and_then(|()| fs::rename(&tmp, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    fs::File::open(dir).and_then(|d| d.sync_all())
}

/// Free space kept on the store's disk beyond any large write.
pub const DISK_RESERVE: u64 = 2 << 20;

/// As `Store::ensure_room`, for any folder (a backup's, a restore's, an
/// export's); the error is of kind `StorageFull`, its message the user's.
pub fn ensure_room(dir: &Path, bytes: u64) -> std::io::Result<()> {
    let free = fs2::available_space(dir)?;
    let need = bytes.saturating_add(DISK_RESERVE);
    if free < need {
        return Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            strings::faults::no_room(need, free),
        ));
    }
    Ok(())
}

/// The engine's error in the user's words.
fn engine_detail(e: &EngineError) -> String {
    match e {
        EngineError::Sled(e) => crate::strings::words::db_error(e),
        EngineError::Shared(detail) => detail.clone(),
    }
}

/// Registers tickets inside a transaction; returns their ids in order.
/// With `audited`, each registration gets its audit entry (from its first
/// history entry: who registered it, when).
fn register_in(tx: &[TxTree], records: &[NewRecord], audited: bool) -> TxResult<Vec<String>> {
    let mut ids = Vec::with_capacity(records.len());
    let mut notes = Vec::new();
    let mut history_seq = read_counter(&tx[t::META], keys::HISTORY_SEQ)?;
    let mut seqs: Vec<(i32, u64)> = Vec::new();
    for record in records {
        let seq = match seqs.iter_mut().find(|(y, _)| *y == record.id_year) {
            Some((_, s)) => {
                *s += 1;
                *s
            }
            None => {
                let s = read_counter(&tx[t::META], &keys::year_seq(record.id_year))? + 1;
                seqs.push((record.id_year, s));
                s
            }
        };
        let mut ticket = record.ticket.clone();
        ticket.id = ticket_id(record.id_year, seq);
        for receipt in &record.receipts {
            let key = keys::receipt(&receipt.operation);
            if let Some(existing) = tx[t::RECEIPTS].get(&key)? {
                let existing: ReceiptRecord = decode(&key, &existing).map_err(tx_corrupt)?;
                return abort(Abort::OperationReused {
                    operation: receipt.operation.clone(),
                    ticket: existing.ticket,
                });
            }
            let rec = ReceiptRecord {
                receipt: receipt.clone(),
                ticket: ticket.id.clone(),
            };
            tx[t::RECEIPTS].insert(key, encode(&rec))?;
        }
        write_ticket(tx, None, &ticket, &record.history)?;
        history_seq += record.history.len() as u64;
        if audited {
            notes.push(registration_note(&ticket, record.history.first()));
        }
        ids.push(ticket.id);
    }
    audit::append_in(tx, notes)?;
    tx[t::META].insert(keys::HISTORY_SEQ, history_seq.to_be_bytes())?;
    for (year, seq) in &seqs {
        tx[t::META].insert(keys::year_seq(*year), seq.to_be_bytes())?;
    }
    Ok(ids)
}

/// The audit note of a registration: its history entry's who and when, or
/// the ticket's own when it has none.
fn registration_note(ticket: &Ticket, first: Option<&HistoryEntry>) -> AuditNote {
    let entry = first.cloned().unwrap_or_else(|| HistoryEntry {
        at: ticket.registered_at,
        by: ticket.registered_by.clone(),
        action: None,
        from: None,
        to: ticket.status,
        reasons: Vec::new(),
        changes: Vec::new(),
    });
    let mut note = move_note(ticket, &entry, strings::trust::move_detail(ticket, &entry));
    note.action = crate::domain::audit::REGISTER.to_string();
    note
}

/// The mail of a change that sends none.
fn no_mail(_: &Ticket, _: &Ticket, _: &HistoryEntry, _: u64) -> Vec<outbox::OutboxEntry> {
    Vec::new()
}

/// Applies `change` to each ticket and enqueues what `mail` computes from
/// each change (see `outbox`); returns the tickets and the ids enqueued.
///
/// `certs` computes, purely, the certificates the change writes (see
/// `registry`), from the ticket before and after, the history entry and the
/// certificates the ticket may touch, read inside the transaction.
fn update_in<F, G, C>(
    tx: &[TxTree],
    ids: &[String],
    change: &F,
    mail: &G,
    certs: &C,
) -> TxResult<(Vec<Ticket>, Vec<String>)>
where
    F: Fn(usize, &Ticket) -> std::result::Result<(Ticket, HistoryEntry), MoveRefused>,
    G: Fn(&Ticket, &Ticket, &HistoryEntry, u64) -> Vec<outbox::OutboxEntry>,
    C: Fn(
        &Ticket,
        &Ticket,
        &HistoryEntry,
        &[Certificate],
    ) -> std::result::Result<Vec<Certificate>, MoveRefused>,
{
    let mut seq = read_counter(&tx[t::META], keys::HISTORY_SEQ)?;
    let mut out = Vec::with_capacity(ids.len());
    let mut queued = Vec::new();
    let mut notes = Vec::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        let Some(record::Record {
            ticket: current,
            mut history,
        }) = record::read_in(tx, id)?
        else {
            return abort(Abort::NotFound(id.to_string()));
        };
        let (next, entry) = change(i, &current).map_err(|r| TxError::Abort(Abort::Refused(r)))?;
        let known = registry::relevant_in(tx, &next)?;
        for cert in
            certs(&current, &next, &entry, &known).map_err(|r| TxError::Abort(Abort::Refused(r)))?
        {
            registry::put_in(tx, cert)?;
        }
        history.push(entry.clone());
        write_ticket(tx, Some(&current), &next, &history)?;
        queued.extend(outbox::enqueue_in(tx, mail(&current, &next, &entry, seq))?);
        notes.push(move_note(
            &next,
            &entry,
            strings::trust::move_detail(&next, &entry),
        ));
        seq += 1;
        out.push(next);
    }
    audit::append_in(tx, notes)?;
    tx[t::META].insert(keys::HISTORY_SEQ, seq.to_be_bytes())?;
    Ok((out, queued))
}

fn abort<T>(a: Abort) -> TxResult<T> {
    Err(TxError::Abort(a))
}

fn tx_corrupt((key, detail): (String, String)) -> TxError<Abort> {
    TxError::Abort(Abort::Corrupt { key, detail })
}

/// A stored counter; 0 when it was never written.
fn read_counter(meta: &TxTree, key: &[u8]) -> TxResult<u64> {
    Ok(match meta.get(key)? {
        Some(v) => <[u8; 8]>::try_from(v.as_ref())
            .map(u64::from_be_bytes)
            .unwrap_or(0),
        None => 0,
    })
}

/// Writes a ticket's record and moves its index entries from `old` to the
/// new state.
fn write_ticket(
    tx: &[TxTree],
    old: Option<&Ticket>,
    new: &Ticket,
    history: &[HistoryEntry],
) -> TxResult<()> {
    if let Some(old) = old {
        for (tree, key) in keys::index_entries(old) {
            tx[tree].remove(key)?;
        }
        tx[t::QUEUE_ROWS].remove(keys::arrival(old))?;
    }
    for (tree, key, value) in record_writes(new, history) {
        tx[tree].insert(key, value)?;
    }
    summary::count_in(tx, old.map(|o| o.status), new.status)?;
    Ok(())
}

/// What storing a ticket writes, as (tree, key, value): the record, its
/// index entries and its queue row. Shared by transactions and the bulk
/// path for generated data, so both write the same bytes.
fn record_writes(ticket: &Ticket, history: &[HistoryEntry]) -> Vec<(usize, Vec<u8>, Vec<u8>)> {
    let mut out: Vec<(usize, Vec<u8>, Vec<u8>)> = keys::index_entries(ticket)
        .into_iter()
        .map(|(tree, key)| (tree, key, ticket.id.as_bytes().to_vec()))
        .collect();
    out.push((
        t::TICKETS,
        keys::ticket(&ticket.id),
        record::encode_record(ticket, history),
    ));
    out.push(summary::row_write(ticket));
    out
}
