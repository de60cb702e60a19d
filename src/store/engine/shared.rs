//! The shared engine: the store's trees as rows of one PostgreSQL table,
//! for a desk whose analysts work at once from several PCs.
//!
//! Every change (a transaction, or a single write outside one) runs in a
//! database transaction that first takes one advisory lock, so changes
//! apply one after another exactly as in the embedded engine: a batch is
//! sealed once, the audit chain stays one chain, counters never race.
//! Reads take no lock and see what was committed. A transaction's writes
//! are kept in memory until its closure returns (reads see them), then
//! written in one statement per tree and committed: acknowledged means
//! committed.
//!
//! tokio-postgres is asynchronous and the store is not: the engine owns a
//! small runtime that drives the connections, and each call waits for its
//! answer on the calling thread.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Object, Pool, RecyclingMethod};

use super::{Batch, EResult, EngineError, TxError, TxFailed, TxOp, TxTree, Value};
use crate::strings::shared as words;

/// The versioned migrations, applied in order at open, each once.
const MIGRATIONS: &[(i32, &str)] = &[
    (1, include_str!("sql/0001_trees.sql")),
    (2, include_str!("sql/0002_roles.sql")),
];

/// The one advisory lock every change takes ("mesa" in ASCII).
const WRITE_LOCK: i64 = 0x6d65_7361;

/// How many times a transaction is tried before giving up.
const MAX_RETRIES: usize = 20;

/// Rows fetched per round trip while scanning a tree.
const PAGE: i64 = 2000;

/// Changes as they are committed (`Some(ids)`, or `None`: reread
/// everything), and whether the database is reachable.
pub type Watch = (
    std::sync::mpsc::Receiver<Option<Vec<String>>>,
    std::sync::mpsc::Receiver<bool>,
);

/// Where the shared store is: a `postgres://` address completed the way
/// libpq completes it (`PGHOST`, `PGPORT`, `PGDATABASE`, `PGUSER`,
/// `PGPASSWORD`, `PGSSLMODE`, `~/.pgpass`).
#[derive(Clone)]
pub struct Target {
    config: tokio_postgres::Config,
    /// Whether the server's certificate is checked (see `pg_tls`).
    verify: bool,
}

/// Whether a `--store` value names a shared database rather than a folder.
pub fn is_address(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

impl Target {
    pub fn parse(address: &str) -> Result<Target, String> {
        let (rest, mode) = super::pg_tls::split_mode(address)?;
        let mut config: tokio_postgres::Config =
            rest.parse().map_err(|_| words::bad_address(address))?;
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        if config.get_hosts().is_empty() {
            match env("PGHOST") {
                Some(h) => {
                    config.host(&h);
                }
                None if std::path::Path::new("/var/run/postgresql").is_dir() => {
                    config.host_path("/var/run/postgresql");
                }
                None => {
                    config.host("localhost");
                }
            }
        }
        if config.get_ports().is_empty()
            && let Some(p) = env("PGPORT")
        {
            let port = p.parse().map_err(|_| words::bad_port(&p))?;
            config.port(port);
        }
        if config.get_user().is_none() {
            let user = env("PGUSER")
                .or_else(crate::os_user::current)
                .unwrap_or_else(|| "postgres".to_string());
            config.user(&user);
        }
        if config.get_dbname().is_none() {
            let db = env("PGDATABASE")
                .unwrap_or_else(|| config.get_user().unwrap_or("mesa").to_string());
            config.dbname(&db);
        }
        let mode = match (mode, env("PGSSLMODE")) {
            (Some(m), _) => m,
            (None, Some(v)) => {
                super::pg_tls::Mode::parse(&v).ok_or_else(|| words::bad_sslmode(&v))?
            }
            (None, None) => super::pg_tls::Mode::Prefer,
        };
        let (ssl, verify) = mode.settle();
        config.ssl_mode(ssl);
        if config.get_password().is_none() {
            if let Some(p) = env("PGPASSWORD") {
                config.password(p);
            } else if let Some(p) = super::pgpass::lookup(&config) {
                config.password(p);
            }
        }
        config.application_name("mesa");
        // No change waits forever behind another (30 s for the write
        // lock), and a process stuck inside a transaction cannot hold the
        // lock from everyone else for more than a minute.
        config.options("-c lock_timeout=30s -c idle_in_transaction_session_timeout=60s");
        config.connect_timeout(Duration::from_secs(10));
        Ok(Target { config, verify })
    }

    fn host(&self) -> String {
        match self.config.get_hosts().first() {
            Some(tokio_postgres::config::Host::Tcp(h)) => h.clone(),
            Some(tokio_postgres::config::Host::Unix(p)) => p.display().to_string(),
            None => String::new(),
        }
    }

    fn port(&self) -> u16 {
        self.config.get_ports().first().copied().unwrap_or(5432)
    }
}

/// The address as the user may see it: never the password.
impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "postgres://{}@{}:{}/{}",
            self.config.get_user().unwrap_or(""),
            self.host(),
            self.port(),
            self.config.get_dbname().unwrap_or("")
        )
    }
}

pub struct Shared {
    target: Target,
    pool: Pool,
    rt: tokio::runtime::Runtime,
    /// Connected as an analyst's own login (not the installer's account):
    /// who acts is that login, proven by the database.
    login: Option<Login>,
}

/// An analyst's database login, as the server reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Login {
    /// `session_user`: the analyst's name in the desk.
    pub name: String,
    pub supervisor: bool,
}

impl Shared {
    /// Connects, and brings the database's schema up to date in one
    /// transaction (a newer one than this program knows is refused).
    pub fn connect(target: &Target) -> EResult<Shared> {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("mesa-postgres")
            .enable_all()
            .build()
            .map_err(|e| EngineError::Shared(crate::strings::words::io_error(&e)))?;
        let tls = super::pg_tls::connector(target.verify);
        let manager = Manager::from_config(
            target.config.clone(),
            tls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = {
            let _in_rt = rt.enter();
            // Waiting for a connection, making one and checking it are
            // bounded: a lost server is an error, never a hang.
            Pool::builder(manager)
                .max_size(4)
                .runtime(deadpool_postgres::Runtime::Tokio1)
                .wait_timeout(Some(Duration::from_secs(30)))
                .create_timeout(Some(Duration::from_secs(15)))
                .recycle_timeout(Some(Duration::from_secs(10)))
                .build()
                .map_err(|e| EngineError::Shared(words::pool_build(&e.to_string())))?
        };
        let mut shared = Shared {
            target: target.clone(),
            pool,
            rt,
            login: None,
        };
        shared.migrate()?;
        shared.login = shared.who()?;
        Ok(shared)
    }

    /// The analyst login this connection is, if it is one.
    pub fn login(&self) -> Option<&Login> {
        self.login.as_ref()
    }

    fn who(&self) -> EResult<Option<Login>> {
        let client = self.client()?;
        let row = self
            .run(client.query_one(
                "SELECT session_user::text, mesa_is_admin(), \
                   CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mesa_analista') \
                     THEN pg_has_role(session_user, 'mesa_analista', 'MEMBER') ELSE false END, \
                   mesa_is_supervisor()",
                &[],
            ))
            .map_err(db)?;
        let (name, admin, analyst, supervisor): (String, bool, bool, bool) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        Ok((!admin && analyst).then_some(Login { name, supervisor }))
    }

    /// Whether `name` has a login of this desk (a member of the analysts'
    /// group that may connect).
    pub fn has_login(&self, name: &str) -> EResult<bool> {
        let client = self.client()?;
        self.run(client.query_one(
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'mesa_analista') \
                 AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin) \
               THEN pg_has_role($1, 'mesa_analista', 'MEMBER') ELSE false END",
            &[&name],
        ))
        .map(|row| row.get(0))
        .map_err(db)
    }

    /// Lets `name`'s login connect again, or stops it; false when `name`
    /// has no login of this desk.
    pub fn login_enabled(&self, name: &str, enabled: bool) -> EResult<bool> {
        let client = self.client()?;
        self.run(client.query_one("SELECT mesa_login_enabled($1, $2)", &[&name, &enabled]))
            .map(|row| row.get(0))
            .map_err(db)
    }

    /// A new password for the login this connection is (any login may
    /// change its own). Only the SCRAM verifier leaves this process.
    pub fn set_own_password(&self, password: &str) -> EResult<()> {
        let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
        // ALTER ROLE takes no parameters; a verifier is base64 and `$:`.
        debug_assert!(!verifier.contains('\''));
        let client = self.client()?;
        self.run(client.batch_execute(&format!("ALTER ROLE CURRENT_USER PASSWORD '{verifier}'")))
            .map_err(db)
    }

    /// Creates (or gives a new password to) `name`'s own login, member of
    /// the analysts' or the supervisors' group. Only the SCRAM verifier
    /// leaves this process.
    pub fn add_login(&self, name: &str, password: &str, supervisor: bool) -> EResult<()> {
        let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
        let client = self.client()?;
        self.run(client.execute(
            "SELECT mesa_add_login($1, $2, $3)",
            &[&name, &verifier, &supervisor],
        ))
        .map(|_| ())
        .map_err(db)
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// Waits on the calling thread for `f`, driven by the engine's runtime.
    ///
    /// Callers may be inside a tokio task (the console's mail sender, `mesa
    /// mail flush`), making many store calls in one poll of it. Tokio's
    /// cooperative budget belongs to that task: once spent, a pool or
    /// statement-cache wait returns pending with its wake-up deferred until
    /// the task yields, which a blocked thread never does, and the call
    /// parks forever holding the write lock. So the wait runs unconstrained
    /// by the budget, and on a multi-threaded runtime's thread it first
    /// hands that worker's other tasks to another thread.
    fn run<F: Future>(&self, f: F) -> F::Output {
        let wait = || {
            let _in_rt = self.rt.enter();
            futures::executor::block_on(tokio::task::unconstrained(f))
        };
        let on_multi_thread = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        if on_multi_thread {
            tokio::task::block_in_place(wait)
        } else {
            wait()
        }
    }

    fn client(&self) -> EResult<Object> {
        self.run(self.pool.get())
            .map_err(|e| EngineError::Shared(words::pool_error(&e)))
    }

    fn migrate(&self) -> EResult<()> {
        let client = self.client()?;
        let known = MIGRATIONS.last().map(|m| m.0).unwrap_or(0);
        self.run(async {
            // A database already up to date is opened without the write
            // lock: a console opening never waits behind another's change.
            let exists: bool = client
                .query_one("SELECT to_regclass('mesa_schema') IS NOT NULL", &[])
                .await?
                .get(0);
            if exists {
                let row = client
                    .query_one("SELECT coalesce(max(version), 0) FROM mesa_schema", &[])
                    .await?;
                let found: i32 = row.get(0);
                if found > known {
                    return Ok(Err(words::schema_newer(found, known)));
                }
                if found == known {
                    return Ok(Ok(()));
                }
            }
            client.batch_execute("BEGIN").await?;
            client
                .query("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
                .await?;
            client
                .batch_execute(
                    "CREATE TABLE IF NOT EXISTS mesa_schema (\
                       version integer PRIMARY KEY, \
                       applied_at timestamptz NOT NULL DEFAULT now())",
                )
                .await?;
            let row = client
                .query_one("SELECT coalesce(max(version), 0) FROM mesa_schema", &[])
                .await?;
            let found: i32 = row.get(0);
            if found > known {
                client.batch_execute("ROLLBACK").await?;
                return Ok(Err(words::schema_newer(found, known)));
            }
            for (version, sql) in MIGRATIONS.iter().filter(|m| m.0 > found) {
                client.batch_execute(sql).await?;
                client
                    .execute("INSERT INTO mesa_schema (version) VALUES ($1)", &[version])
                    .await?;
            }
            client.batch_execute("COMMIT").await?;
            Ok(Ok(()))
        })
        .map_err(|e: tokio_postgres::Error| EngineError::Shared(words::pg_error(&e)))?
        .map_err(EngineError::Shared)
    }

    /// Every change committed from now on, by any process: the ids of the
    /// tickets written, or `None` for "reread everything" (after a lost
    /// connection is back, since notifications are not replayed). The
    /// second channel says when the database was lost (`false`) and when
    /// it is back (`true`).
    pub fn watch(&self) -> Watch {
        let (tx, rx) = std::sync::mpsc::channel();
        let (up_tx, up_rx) = std::sync::mpsc::channel();
        let config = self.target.config.clone();
        let verify = self.target.verify;
        self.rt.spawn(async move {
            let mut first = true;
            loop {
                let ended = listen_once(&config, verify, &tx, &up_tx, first).await;
                if ended {
                    return;
                }
                first = false;
                if up_tx.send(false).is_err() {
                    return;
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        });
        (rx, up_rx)
    }

    /// Takes the write lock for as long as the guard lives.
    pub fn hold_writes(self: &std::sync::Arc<Self>) -> EResult<Held> {
        let client = self.client()?;
        self.run(client.query("SELECT pg_advisory_lock($1)", &[&WRITE_LOCK]))
            .map_err(db)?;
        Ok(Held {
            shared: self.clone(),
            client: Some(client),
        })
    }

    /// Removes every tree (the bench's own database, refilled per step).
    pub fn wipe(&self) -> EResult<()> {
        let client = self.client()?;
        self.run(under_lock(
            &client,
            client.execute("DELETE FROM mesa_tree", &[]),
        ))
        .map(|_| ())
        .map_err(db)
    }

    pub fn get(&self, tree: &str, key: &[u8]) -> EResult<Option<Value>> {
        let client = self.client()?;
        self.run(get_with(&client, tree, key)).map_err(db)
    }

    /// Applies writes to one tree in a transaction of their own, under the
    /// write lock.
    pub fn apply(&self, tree: &str, batch: Batch) -> EResult<()> {
        let mut writes: Writes = BTreeMap::new();
        for (k, v) in batch.ops {
            writes.insert((tree.to_string(), k), v);
        }
        let client = self.client()?;
        self.run(under_lock(&client, write_all(&client, writes)))
            .map_err(db)
    }

    pub fn len(&self, tree: &str) -> EResult<usize> {
        let client = self.client()?;
        let row = self
            .run(client.query_one("SELECT count(*) FROM mesa_tree WHERE tree = $1", &[&tree]))
            .map_err(db)?;
        Ok(row.get::<_, i64>(0) as usize)
    }

    /// The first pair of a tree, or its last with `last`.
    pub fn first(&self, tree: &str, last: bool) -> EResult<Option<(Value, Value)>> {
        let client = self.client()?;
        let sql = if last {
            "SELECT key, value FROM mesa_tree WHERE tree = $1 ORDER BY key DESC LIMIT 1"
        } else {
            "SELECT key, value FROM mesa_tree WHERE tree = $1 ORDER BY key LIMIT 1"
        };
        let row = self.run(client.query_opt(sql, &[&tree])).map_err(db)?;
        Ok(row.map(|r| (r.get(0), r.get(1))))
    }

    pub fn tree_names(&self) -> EResult<Vec<String>> {
        let client = self.client()?;
        let rows = self
            .run(client.query("SELECT DISTINCT tree FROM mesa_tree ORDER BY tree", &[]))
            .map_err(db)?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    pub fn drop_tree(&self, tree: &str) -> EResult<bool> {
        let client = self.client()?;
        let n = self
            .run(under_lock(
                &client,
                client.execute("DELETE FROM mesa_tree WHERE tree = $1", &[&tree]),
            ))
            .map_err(db)?;
        Ok(n > 0)
    }

    /// Pairs with `start <= key < end` in key order (or every pair, last
    /// first, with `rev`), a page per round trip.
    pub fn scan<'a>(
        &'a self,
        tree: Cow<'a, str>,
        start: Vec<u8>,
        end: Option<Vec<u8>>,
        rev: bool,
    ) -> impl Iterator<Item = EResult<(Value, Value)>> + 'a {
        Pages {
            shared: self,
            tree,
            from: start,
            inclusive: true,
            end,
            rev,
            buf: VecDeque::new(),
            done: false,
        }
    }

    pub fn transaction<T, A>(
        &self,
        f: impl Fn(&[TxTree]) -> std::result::Result<T, TxError<A>>,
    ) -> std::result::Result<T, TxFailed<A>> {
        // Under the write lock a transaction never conflicts; a retry is
        // for a serialization failure the server may still report, and
        // is bounded.
        for _ in 0..MAX_RETRIES {
            let client = self.client().map_err(TxFailed::Storage)?;
            let begun = self.run(async {
                client.batch_execute("BEGIN").await?;
                client
                    .query("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
                    .await
                    .map(|_| ())
            });
            if let Err(e) = begun {
                let _ = self.run(client.batch_execute("ROLLBACK"));
                return Err(TxFailed::Storage(db(e)));
            }
            let tx = Tx {
                shared: self,
                client: &client,
                writes: RefCell::new(BTreeMap::new()),
            };
            let view: Vec<TxTree> = super::super::t::NAMES
                .iter()
                .map(|name| TxTree::Shared(&tx, name))
                .collect();
            let outcome = f(&view);
            drop(view);
            let writes = tx.writes.into_inner();
            match outcome {
                Ok(value) => {
                    let committed = self.run(async {
                        let done = write_all(&client, writes).await;
                        finish(&client, done).await
                    });
                    match committed {
                        Ok(()) => return Ok(value),
                        Err(e) if retryable(&e) => continue,
                        Err(e) => return Err(TxFailed::Storage(db(e))),
                    }
                }
                Err(e) => {
                    let _ = self.run(client.batch_execute("ROLLBACK"));
                    match e {
                        TxError::Abort(a) => return Err(TxFailed::Abort(a)),
                        TxError::Conflict => continue,
                        TxError::Storage(e) => return Err(TxFailed::Storage(e)),
                    }
                }
            }
        }
        Err(TxFailed::Storage(EngineError::Shared(words::too_busy())))
    }
}

/// One listening connection, until it fails (returns false: reconnect)
/// or nobody listens any more (true).
async fn listen_once(
    config: &tokio_postgres::Config,
    verify: bool,
    tx: &std::sync::mpsc::Sender<Option<Vec<String>>>,
    up: &std::sync::mpsc::Sender<bool>,
    first: bool,
) -> bool {
    use futures::StreamExt;
    let Ok((client, mut connection)) = config.connect(super::pg_tls::connector(verify)).await
    else {
        return false;
    };
    let (msg_tx, mut msg_rx) = tokio::sync::mpsc::unbounded_channel();
    let driver = tokio::spawn(async move {
        let mut stream = futures::stream::poll_fn(move |cx| connection.poll_message(cx));
        while let Some(message) = stream.next().await {
            match message {
                Ok(tokio_postgres::AsyncMessage::Notification(n)) => {
                    if msg_tx.send(n.payload().to_string()).is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                Err(_) => return,
            }
        }
    });
    if client
        .batch_execute(&format!("LISTEN {CHANNEL}"))
        .await
        .is_err()
    {
        driver.abort();
        return false;
    }
    // Back after a loss: said, and what changed while nobody listened is
    // unknown, so everything is read again.
    if !first && (up.send(true).is_err() || tx.send(None).is_err()) {
        driver.abort();
        return true;
    }
    while let Some(payload) = msg_rx.recv().await {
        let change = (payload != "*").then(|| payload.split(',').map(str::to_string).collect());
        if tx.send(change).is_err() {
            driver.abort();
            return true;
        }
    }
    drop(client);
    false
}

/// Every writer held back (see `Shared::hold_writes`).
pub struct Held {
    shared: std::sync::Arc<Shared>,
    client: Option<Object>,
}

impl Drop for Held {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            let _ = self
                .shared
                .run(client.query("SELECT pg_advisory_unlock($1)", &[&WRITE_LOCK]));
            // The connection leaves the pool and closes: whatever happened
            // to the unlock, the server then releases the lock with it.
            drop(Object::take(client));
        }
    }
}

/// Writes kept until commit, by (tree, key); `None` removes.
type Writes = BTreeMap<(String, Value), Option<Value>>;

/// A transaction under way: reads go to the database (or to its own
/// writes), writes wait for the commit.
pub struct Tx<'a> {
    shared: &'a Shared,
    client: &'a Object,
    writes: RefCell<Writes>,
}

impl Tx<'_> {
    pub fn get(&self, tree: &str, key: &[u8]) -> std::result::Result<Option<Value>, TxOp> {
        if let Some(v) = self.writes.borrow().get(&(tree.to_string(), key.to_vec())) {
            return Ok(v.clone());
        }
        self.shared
            .run(get_with(self.client, tree, key))
            .map_err(|e| {
                if retryable(&e) {
                    TxOp::Conflict
                } else {
                    TxOp::Storage(db(e))
                }
            })
    }

    pub fn put(&self, tree: &str, key: &[u8], value: Option<&[u8]>) {
        self.writes
            .borrow_mut()
            .insert((tree.to_string(), key.to_vec()), value.map(<[u8]>::to_vec));
    }
}

async fn get_with(
    client: &Object,
    tree: &str,
    key: &[u8],
) -> Result<Option<Value>, tokio_postgres::Error> {
    let stmt = client
        .prepare_cached("SELECT value FROM mesa_tree WHERE tree = $1 AND key = $2")
        .await?;
    Ok(client
        .query_opt(&stmt, &[&tree, &key])
        .await?
        .map(|r| r.get(0)))
}

/// The channel every change is announced on, with the ids of the tickets
/// it wrote (or `*`: reread everything).
pub const CHANNEL: &str = "mesa_cambios";

/// What a change announces: the tickets written, or everything when there
/// are too many to name (a notification carries at most 8000 bytes).
fn announcement(writes: &Writes) -> Option<String> {
    let tickets: Vec<&[u8]> = writes
        .keys()
        .filter(|(tree, _)| tree == "tickets")
        .map(|(_, key)| key.as_slice())
        .collect();
    if tickets.is_empty() {
        return None;
    }
    let ids: Vec<String> = tickets
        .iter()
        .map(|k| String::from_utf8_lossy(k).into_owned())
        .collect();
    let joined = ids.join(",");
    Some(if joined.len() > 7000 {
        "*".to_string()
    } else {
        joined
    })
}

/// Writes every kept write, one statement per tree and kind, and announces
/// the tickets it wrote to every listening console (delivered at commit).
async fn write_all(client: &Object, writes: Writes) -> Result<(), tokio_postgres::Error> {
    if let Some(payload) = announcement(&writes) {
        let stmt = client.prepare_cached("SELECT pg_notify($1, $2)").await?;
        client.query(&stmt, &[&CHANNEL, &payload]).await?;
    }
    // Per tree: the keys and values written, and the keys removed.
    type TreeWrites = (Vec<Value>, Vec<Value>, Vec<Value>);
    let mut per_tree: BTreeMap<String, TreeWrites> = BTreeMap::new();
    for ((tree, key), value) in writes {
        let entry = per_tree.entry(tree).or_default();
        match value {
            Some(v) => {
                entry.0.push(key);
                entry.1.push(v);
            }
            None => entry.2.push(key),
        }
    }
    for (tree, (keys, values, removed)) in per_tree {
        if !removed.is_empty() {
            let stmt = client
                .prepare_cached("DELETE FROM mesa_tree WHERE tree = $1 AND key = ANY($2)")
                .await?;
            client.execute(&stmt, &[&tree, &removed]).await?;
        }
        if !keys.is_empty() {
            let stmt = client
                .prepare_cached(
                    "INSERT INTO mesa_tree (tree, key, value) \
                     SELECT $1, k, v FROM unnest($2::bytea[], $3::bytea[]) AS u(k, v) \
                     ON CONFLICT (tree, key) DO UPDATE SET value = EXCLUDED.value",
                )
                .await?;
            client.execute(&stmt, &[&tree, &keys, &values]).await?;
        }
    }
    Ok(())
}

/// Runs `work` in a transaction of its own on `client`, once it holds the
/// write lock (the future does nothing until awaited).
async fn under_lock<T>(
    client: &Object,
    work: impl Future<Output = Result<T, tokio_postgres::Error>>,
) -> Result<T, tokio_postgres::Error> {
    client.batch_execute("BEGIN").await?;
    let done = async {
        client
            .query("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .await?;
        work.await
    }
    .await;
    finish(client, done).await
}

/// Commits after `done` succeeded, rolls back otherwise.
async fn finish<T>(
    client: &Object,
    done: Result<T, tokio_postgres::Error>,
) -> Result<T, tokio_postgres::Error> {
    match done {
        Ok(v) => {
            client.batch_execute("COMMIT").await?;
            Ok(v)
        }
        Err(e) => {
            let _ = client.batch_execute("ROLLBACK").await;
            Err(e)
        }
    }
}

fn retryable(e: &tokio_postgres::Error) -> bool {
    use tokio_postgres::error::SqlState;
    matches!(
        e.code(),
        Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED
    )
}

fn db(e: tokio_postgres::Error) -> EngineError {
    EngineError::Shared(words::pg_error(&e))
}

struct Pages<'a> {
    shared: &'a Shared,
    tree: Cow<'a, str>,
    /// Where the next page starts (the last key seen, once one was).
    from: Vec<u8>,
    inclusive: bool,
    end: Option<Vec<u8>>,
    rev: bool,
    buf: VecDeque<(Value, Value)>,
    done: bool,
}

impl Pages<'_> {
    fn fetch(&mut self) -> EResult<()> {
        let client = self.shared.client()?;
        let tree: &str = &self.tree;
        let rows = if self.rev {
            let before = (!self.inclusive).then(|| self.from.clone());
            self.shared.run(client.query(
                "SELECT key, value FROM mesa_tree WHERE tree = $1 \
                 AND ($2::bytea IS NULL OR key < $2) ORDER BY key DESC LIMIT $3",
                &[&tree, &before, &PAGE],
            ))
        } else if self.inclusive {
            self.shared.run(client.query(
                "SELECT key, value FROM mesa_tree WHERE tree = $1 AND key >= $2 \
                 AND ($3::bytea IS NULL OR key < $3) ORDER BY key LIMIT $4",
                &[&tree, &self.from, &self.end, &PAGE],
            ))
        } else {
            self.shared.run(client.query(
                "SELECT key, value FROM mesa_tree WHERE tree = $1 AND key > $2 \
                 AND ($3::bytea IS NULL OR key < $3) ORDER BY key LIMIT $4",
                &[&tree, &self.from, &self.end, &PAGE],
            ))
        }
        .map_err(db)?;
        if (rows.len() as i64) < PAGE {
            self.done = true;
        }
        for row in rows {
            self.buf.push_back((row.get(0), row.get(1)));
        }
        if let Some((k, _)) = self.buf.back() {
            self.from = k.clone();
            self.inclusive = false;
        }
        Ok(())
    }
}

impl Iterator for Pages<'_> {
    type Item = EResult<(Value, Value)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.buf.is_empty()
            && !self.done
            && let Err(e) = self.fetch()
        {
            self.done = true;
            return Some(Err(e));
        }
        self.buf.pop_front().map(Ok)
    }
}
