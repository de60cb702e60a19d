//! `mesa backup` and `mesa restore`: one zip holding the database snapshot
//! (`registros.bin`, see `store::backup`), every attachment, the
//! configuration, and a manifest (`mesa-backup.json`) with the SHA-256 of
//! each part, the record counts and the audit chain's last link. A copy is
//! checked whole before anything is restored, and a restore builds a new
//! store beside the target and moves it into place only once it verifies.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Desk;
use chrono_tz::Tz;

use crate::domain::audit::{self, AuditEntry, AuditNote, Broken, Head, Walk};
use crate::domain::role::{self, AccessRefused, Analyst, Capability};
use crate::media::MAX_ATTACHMENT_BYTES;
use crate::store::backup::{Counts, Item, read_dump};
use crate::store::{OLDEST_SCHEMA, SCHEMA_VERSION, Store, StoreError};
use crate::strings::faults;
use crate::strings::trust as s;

const FORMAT: &str = "mesa-backup";
const VERSION: u32 = 1;
const MANIFEST: &str = "mesa-backup.json";
const RECORDS: &str = "registros.bin";
const ATTACHMENTS: &str = "adjuntos/";
const CONFIG: &str = "config.toml";

/// Limits a copy must keep, checked while reading (never trusting the
/// sizes a zip header or the manifest states): a copy that breaks one is
/// refused as a whole.
pub const MAX_ENTRIES: usize = 1_000_000;
const MAX_MANIFEST_BYTES: u64 = 64 << 20;
const MAX_CONFIG_BYTES: u64 = 1 << 20;
pub const MAX_RECORDS_BYTES: u64 = 16 << 30;
pub const MAX_TOTAL_BYTES: u64 = 256 << 30;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    pub name: String,
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub schema_version: u32,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub source: String,
    pub records: Part,
    pub trees: Counts,
    pub attachments: Vec<Part>,
    pub config: Option<Part>,
    /// The store's own family files (`procedures/*.toml`), by file name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub procedures: Vec<Part>,
    pub audit: Head,
}

impl Manifest {
    pub fn tickets(&self) -> u64 {
        self.trees.get("tickets").copied().unwrap_or(0)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{}", s::backup_io(path, source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", s::backup_exists(.0))]
    Exists(PathBuf),
    #[error("{}", s::backup_unusable(path, detail))]
    Unusable { path: PathBuf, detail: String },
    #[error("{}", s::restore_target_used(.0))]
    TargetUsed(PathBuf),
    /// The audit chain inside the copy is broken (`detail` names where).
    #[error("{}", s::backup_chain(path, detail))]
    Chain { path: PathBuf, detail: String },
    /// The password given is not the one the copy holds for the actor.
    #[error("{}", crate::strings::identity::wrong_credentials())]
    WrongPassword,
    /// No password could be had (no terminal, no `MESA_PASSWORD`).
    #[error("{0}")]
    NoPassword(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Passes bytes on and hashes them.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
    bytes: u64,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn is_attachment_name(name: &str) -> bool {
    name.len() == 64 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Where the store's family files go inside a copy.
const PROCEDURES: &str = "procedures/";
/// At most this many family files are carried.
const MAX_PROCEDURES: usize = 100;

/// A family file's name as a copy may carry it: `cuarta-familia.toml`,
/// plain letters, digits, `-`, `_` and `.`, never hidden.
fn is_procedure_name(name: &str) -> bool {
    name.len() <= 80
        && name.ends_with(".toml")
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// The store's family files: (file name, bytes), regular files only (no
/// link followed), within the configuration's size limit.
fn procedure_files(store_dir: &Path) -> Vec<(String, Vec<u8>)> {
    let dir = store_dir.join(crate::desk::families::PROCEDURES_DIR);
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, Vec<u8>)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_str()?.to_string();
            (is_procedure_name(&name) && e.file_type().ok()?.is_file()).then_some(name)
        })
        .filter_map(|name| {
            let bytes =
                crate::desk::attachments::read_regular(&dir.join(&name), MAX_CONFIG_BYTES, false)
                    .ok()?;
            Some((name, bytes))
        })
        .take(MAX_PROCEDURES)
        .collect();
    out.sort();
    out
}

/// The bytes of the regular files under `dir` (links not followed).
fn dir_bytes(dir: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_bytes(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum()
}

/// What a backup wrote.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: PathBuf,
    pub manifest: Manifest,
}

impl Desk {
    /// Writes a consistent copy of the store to `out` (a new file). The
    /// copy's own audit entry is in it. Changes made meanwhile wait only
    /// while the records are written, not while the attachments are.
    pub fn backup(&self, actor: &str, out: &Path) -> Result<Written, BackupError> {
        let actor = self.allow(actor, Capability::Backup)?;
        if out.exists() {
            return Err(BackupError::Exists(out.to_path_buf()));
        }
        self.store.audit_append(
            AuditNote::new(
                self.now(),
                &actor,
                audit::BACKUP,
                &out.display().to_string(),
            )
            .detail(s::backup_detail(out)),
        )?;
        let tmp = out.with_file_name(format!(
            ".{}.{}.tmp",
            out.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        // A copy is at most as large as the store's files.
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        crate::store::ensure_room(&parent, dir_bytes(self.store_dir())).map_err(io(out))?;
        // Recorded in the store, so that the next open removes a partial
        // copy (personal data) that a killed process left behind.
        crate::store::leftovers::mark_backup(self.store_dir(), &tmp).map_err(io(&tmp))?;
        let result = self
            .write_backup(&actor, &tmp)
            .and_then(|manifest| fs::rename(&tmp, out).map_err(io(out)).map(|()| manifest));
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        crate::store::leftovers::unmark_backup(self.store_dir());
        Ok(Written {
            path: out.to_path_buf(),
            manifest: result?,
        })
    }

    fn write_backup(&self, actor: &str, path: &Path) -> Result<Manifest, BackupError> {
        let file = fs::File::create(path).map_err(io(path))?;
        let mut zip = zip::ZipWriter::new(file);
        let fmt = |e: zip::result::ZipError| BackupError::Unusable {
            path: path.to_path_buf(),
            detail: crate::strings::words::zip_error(&e),
        };
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(true);

        zip.start_file(RECORDS, deflated).map_err(fmt)?;
        let mut w = Hashing {
            inner: &mut zip,
            hash: Sha256::new(),
            bytes: 0,
        };
        let (trees, audit_head) = self.store.dump(&mut w)?;
        let records = Part {
            name: RECORDS.into(),
            sha256: hex(&w.hash.finalize()),
            bytes: w.bytes,
        };

        let mut attachments = Vec::new();
        let dir = self.store_dir().join("attachments");
        let mut names: Vec<String> = fs::read_dir(&dir)
            .map_err(io(&dir))?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| is_attachment_name(n))
            .collect();
        names.sort();
        for name in names {
            let src = dir.join(&name);
            // A regular file, not followed if a link: a FIFO or device
            // planted among the attachments must not hang or feed the copy.
            let bytes = super::attachments::read_regular(&src, u64::MAX, false).map_err(|r| {
                BackupError::Io {
                    path: src.clone(),
                    source: std::io::Error::other(r.cause()),
                }
            })?;
            zip.start_file(format!("{ATTACHMENTS}{name}"), stored)
                .map_err(fmt)?;
            zip.write_all(&bytes).map_err(io(path))?;
            attachments.push(Part {
                sha256: crate::media::sha256_hex(&bytes),
                bytes: bytes.len() as u64,
                name,
            });
        }
        let config_path = self.store_dir().join(crate::config::FILE_NAME);
        let config = match fs::read(&config_path) {
            Ok(bytes) => {
                zip.start_file(CONFIG, deflated).map_err(fmt)?;
                zip.write_all(&bytes).map_err(io(path))?;
                Some(Part {
                    name: CONFIG.into(),
                    sha256: crate::media::sha256_hex(&bytes),
                    bytes: bytes.len() as u64,
                })
            }
            Err(_) => None,
        };
        let mut procedures = Vec::new();
        for (name, bytes) in procedure_files(self.store_dir()) {
            zip.start_file(format!("{PROCEDURES}{name}"), deflated)
                .map_err(fmt)?;
            zip.write_all(&bytes).map_err(io(path))?;
            procedures.push(Part {
                sha256: crate::media::sha256_hex(&bytes),
                bytes: bytes.len() as u64,
                name,
            });
        }
        let manifest = Manifest {
            format: FORMAT.into(),
            version: VERSION,
            schema_version: SCHEMA_VERSION,
            created_at: self.now(),
            created_by: actor.to_string(),
            source: self.store_dir().display().to_string(),
            records,
            trees,
            attachments,
            config,
            procedures,
            audit: audit_head,
        };
        zip.start_file(MANIFEST, deflated).map_err(fmt)?;
        zip.write_all(&serde_json::to_vec_pretty(&manifest).expect("plain data serializes"))
            .map_err(io(path))?;
        let file = zip.finish().map_err(fmt)?;
        file.sync_all().map_err(io(path))?;
        Ok(manifest)
    }
}

/// A copy opened and checked: every part against its SHA-256, the record
/// counts, and the audit chain inside it.
pub struct Checked {
    pub manifest: Manifest,
    pub entries: u64,
    /// The staff the copy holds: who may restore it is known before
    /// anything is written.
    pub analysts: Vec<Analyst>,
}

fn open_zip(path: &Path) -> Result<zip::ZipArchive<fs::File>, BackupError> {
    // A regular file: `restore /dev/zero` or a FIFO is refused at once.
    use std::os::unix::fs::OpenOptionsExt;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(io(path))?;
    let meta = file.metadata().map_err(io(path))?;
    if meta.is_dir() {
        return Err(unusable(path, s::is_a_folder()));
    }
    if !meta.is_file() {
        return Err(unusable(path, faults::not_regular()));
    }
    zip::ZipArchive::new(file).map_err(|e| BackupError::Unusable {
        path: path.to_path_buf(),
        detail: crate::strings::words::zip_error(&e),
    })
}

fn unusable(path: &Path, detail: impl Into<String>) -> BackupError {
    BackupError::Unusable {
        path: path.to_path_buf(),
        detail: detail.into(),
    }
}

/// Reads one part whole, never more than `max` bytes of it.
fn read_part<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    path: &Path,
    name: &str,
    max: u64,
) -> Result<Vec<u8>, BackupError> {
    let f = zip
        .by_name(name)
        .map_err(|_| unusable(path, s::backup_part_missing(name)))?;
    let mut v = Vec::new();
    f.take(max.saturating_add(1))
        .read_to_end(&mut v)
        .map_err(|e| {
            unusable(
                path,
                format!("{name}: {}", crate::strings::words::io_error(&e)),
            )
        })?;
    if v.len() as u64 > max {
        return Err(unusable(path, faults::backup_part_too_large(name, max)));
    }
    Ok(v)
}

/// The only entries a copy may hold: its manifest, records and
/// configuration, and attachments named by their SHA-256.
fn allowed_entry(name: &str) -> bool {
    matches!(name, MANIFEST | RECORDS | CONFIG)
        || name
            .strip_prefix(ATTACHMENTS)
            .is_some_and(is_attachment_name)
        || name.strip_prefix(PROCEDURES).is_some_and(is_procedure_name)
}

/// Every entry of the zip, before any is read: at most `MAX_ENTRIES`, each
/// a plain file (no directory, symlink or device) under one of the names
/// `allowed_entry` admits (so no `..`, absolute path, backslash or NUL),
/// each once.
fn check_entries<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    path: &Path,
) -> Result<(), BackupError> {
    if zip.len() > MAX_ENTRIES {
        return Err(unusable(
            path,
            faults::backup_too_many_entries(zip.len(), MAX_ENTRIES),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| unusable(path, crate::strings::words::zip_error(&e)))?;
        let raw = f.name_raw();
        let name = String::from_utf8_lossy(raw).into_owned();
        let named = std::str::from_utf8(raw).is_ok_and(allowed_entry);
        const S_IFMT: u32 = 0o170000;
        let regular = !f.is_dir()
            && !f.is_symlink()
            && f.unix_mode()
                .is_none_or(|m| m & S_IFMT == 0 || m & S_IFMT == 0o100000);
        if !named || !regular {
            return Err(unusable(path, faults::backup_entry_refused(&name)));
        }
        if !seen.insert(name.clone()) {
            return Err(unusable(path, faults::backup_entry_twice(&name)));
        }
    }
    Ok(())
}

/// What the manifest lists: the names it may (attachments named by their
/// SHA-256 only) and sizes within the limits.
fn check_listed(path: &Path, m: &Manifest) -> Result<(), BackupError> {
    // Shown on the terminal by `restore --check`: no escape sequences.
    for text in [&m.created_by, &m.source] {
        if text.chars().any(char::is_control) || text.chars().count() > 4096 {
            return Err(unusable(path, faults::backup_field_refused(text)));
        }
    }
    if m.records.name != RECORDS {
        return Err(unusable(
            path,
            faults::backup_entry_refused(&m.records.name),
        ));
    }
    if m.records.bytes > MAX_RECORDS_BYTES {
        return Err(unusable(
            path,
            faults::backup_part_too_large(RECORDS, MAX_RECORDS_BYTES),
        ));
    }
    if let Some(c) = &m.config {
        if c.name != CONFIG {
            return Err(unusable(path, faults::backup_entry_refused(&c.name)));
        }
        if c.bytes > MAX_CONFIG_BYTES {
            return Err(unusable(
                path,
                faults::backup_part_too_large(CONFIG, MAX_CONFIG_BYTES),
            ));
        }
    }
    if m.procedures.len() > MAX_PROCEDURES {
        return Err(unusable(
            path,
            faults::backup_too_many_entries(m.procedures.len(), MAX_PROCEDURES),
        ));
    }
    for p in &m.procedures {
        if !is_procedure_name(&p.name) {
            return Err(unusable(path, faults::backup_entry_refused(&p.name)));
        }
        if p.bytes > MAX_CONFIG_BYTES {
            return Err(unusable(
                path,
                faults::backup_part_too_large(&p.name, MAX_CONFIG_BYTES),
            ));
        }
    }
    if m.attachments.len() > MAX_ENTRIES {
        return Err(unusable(
            path,
            faults::backup_too_many_entries(m.attachments.len(), MAX_ENTRIES),
        ));
    }
    let mut total = m.records.bytes;
    for a in &m.attachments {
        if !is_attachment_name(&a.name) {
            return Err(unusable(path, faults::backup_attachment_name(&a.name)));
        }
        if a.bytes > MAX_ATTACHMENT_BYTES {
            return Err(unusable(
                path,
                faults::backup_part_too_large(
                    &format!("{ATTACHMENTS}{}", a.name),
                    MAX_ATTACHMENT_BYTES,
                ),
            ));
        }
        total = total.saturating_add(a.bytes);
    }
    if total > MAX_TOTAL_BYTES {
        return Err(unusable(
            path,
            faults::backup_total_too_large(MAX_TOTAL_BYTES),
        ));
    }
    Ok(())
}

fn check_part(path: &Path, part: &Part, bytes: &[u8]) -> Result<(), BackupError> {
    if crate::media::sha256_hex(bytes) != part.sha256 || bytes.len() as u64 != part.bytes {
        return Err(unusable(path, s::backup_part_altered(&part.name)));
    }
    Ok(())
}

/// Checks a copy without restoring it; `tz` is the desk's, for the times
/// in a message about a broken chain.
pub fn check(path: &Path, tz: Tz) -> Result<Checked, BackupError> {
    check_zip(open_zip(path)?, path, tz)
}

/// `check` on a copy held in memory (`path` only names it in messages):
/// what the fuzz target and its corpus test drive.
pub fn check_bytes(bytes: &[u8], path: &Path, tz: Tz) -> Result<Checked, BackupError> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| unusable(path, crate::strings::words::zip_error(&e)))?;
    check_zip(zip, path, tz)
}

fn check_zip<R: Read + Seek>(
    mut zip: zip::ZipArchive<R>,
    path: &Path,
    tz: Tz,
) -> Result<Checked, BackupError> {
    check_entries(&mut zip, path)?;
    let manifest: Manifest =
        serde_json::from_slice(&read_part(&mut zip, path, MANIFEST, MAX_MANIFEST_BYTES)?).map_err(
            |e| {
                unusable(
                    path,
                    format!("{MANIFEST}: {}", crate::strings::words::json_error(&e)),
                )
            },
        )?;
    if manifest.format != FORMAT || manifest.version != VERSION {
        return Err(unusable(path, s::backup_not_ours()));
    }
    if !(OLDEST_SCHEMA..=SCHEMA_VERSION).contains(&manifest.schema_version) {
        return Err(unusable(
            path,
            s::backup_schema(manifest.schema_version, SCHEMA_VERSION),
        ));
    }
    check_listed(path, &manifest)?;
    let (counts, walk, head, analysts) = walk_records(&mut zip, path, &manifest.records)?;
    for part in manifest.attachments.iter().chain(&manifest.config) {
        let name = match part.name.as_str() {
            CONFIG => CONFIG.to_string(),
            n => format!("{ATTACHMENTS}{n}"),
        };
        let bytes = read_part(&mut zip, path, &name, part.bytes)?;
        check_part(path, part, &bytes)?;
    }
    for part in &manifest.procedures {
        let name = format!("{PROCEDURES}{}", part.name);
        let bytes = read_part(&mut zip, path, &name, part.bytes)?;
        check_part(path, part, &bytes)?;
    }
    if counts != manifest.trees {
        return Err(unusable(path, s::backup_counts()));
    }
    let verified = walk
        .and_then(|w| w.finish(&head))
        .map_err(|b| BackupError::Chain {
            path: path.to_path_buf(),
            detail: s::broken(&b, tz),
        })?;
    if verified.head != manifest.audit {
        return Err(unusable(path, s::backup_head()));
    }
    Ok(Checked {
        entries: verified.entries,
        manifest,
        analysts,
    })
}

/// The record counts, the chain walked (or where it broke), and the last
/// link the copy recorded.
type Walked = (Counts, Result<Walk, Broken>, Head, Vec<Analyst>);

/// Reads the records of a copy once, as a stream: their SHA-256 and size
/// against the manifest, the count of each tree, and the audit chain inside
/// (walked entry by entry, as `mesa audit verify` would).
fn walk_records<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    path: &Path,
    part: &Part,
) -> Result<Walked, BackupError> {
    let f = zip
        .by_name(RECORDS)
        .map_err(|_| unusable(path, s::backup_part_missing(RECORDS)))?;
    // Never more than the manifest says (plus one byte, to notice more).
    let mut r = HashingRead {
        inner: f.take(part.bytes.saturating_add(1)),
        hash: Sha256::new(),
        bytes: 0,
    };
    let mut walk = Ok(Walk::default());
    let mut head = Head::default();
    let mut tree = String::new();
    let mut analysts = Vec::new();
    let parsed = read_dump(&mut r, |item| {
        match item {
            Item::Tree(name) => tree = name.to_string(),
            Item::Record(k, v) if tree == "audit" => {
                let seq = <[u8; 8]>::try_from(k).map(u64::from_be_bytes).unwrap_or(0);
                let entry = serde_json::from_slice::<Versioned<AuditEntry>>(v)
                    .map(|v| v.data)
                    .map_err(|e| e.to_string());
                if let Ok(w) = &mut walk
                    && let Err(b) = w.step(seq, entry)
                {
                    walk = Err(b);
                }
            }
            Item::Record(k, v) if tree == "meta" && k == b"audit_head" => {
                if let Ok(h) = serde_json::from_slice::<Versioned<Head>>(v) {
                    head = h.data;
                }
            }
            Item::Record(_, v) if tree == "analysts" => {
                if let Ok(a) = serde_json::from_slice::<Versioned<Analyst>>(v) {
                    analysts.push(a.data);
                }
            }
            Item::Record(..) => {}
        }
        Ok(())
    });
    // Whatever follows the end mark counts for the hash too; a copy that
    // is not whole fails here, before what its records say is believed.
    let _ = std::io::copy(&mut r, &mut std::io::sink());
    if hex(&r.hash.finalize()) != part.sha256 || r.bytes != part.bytes {
        return Err(unusable(path, s::backup_part_altered(RECORDS)));
    }
    let counts = parsed.map_err(|e| unusable(path, e.to_string()))?;
    Ok((counts, walk, head, analysts))
}

/// Passes bytes on and hashes them.
struct HashingRead<R> {
    inner: R,
    hash: Sha256,
    bytes: u64,
}

impl<R: Read> Read for HashingRead<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

#[derive(Deserialize)]
struct Versioned<T> {
    data: T,
}

/// Rebuilds a store at `target` (absent or an empty directory) from a
/// copy: checked whole first, built beside the target, verified again as a
/// store, then moved into place. `actor` must be an active supervisor in
/// the copy; the restore is the first entry the new store adds.
pub fn restore(
    path: &Path,
    target: &Path,
    actor: &str,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<Checked, BackupError> {
    restore_proven(path, target, actor, None, now, tz)
}

/// Asked for the actor's password when the copy holds a hash for them;
/// `Err` carries why none could be had (shown as is).
pub type AskPassword<'a> = &'a dyn Fn() -> Result<String, String>;

/// [`restore`] from the command line: `actor` must also prove who they are
/// with the password `ask` gives, against the hash the copy holds (a copy
/// made before passwords holds none: then the role check alone, as before,
/// and nothing is asked).
pub fn restore_proven(
    path: &Path,
    target: &Path,
    actor: &str,
    password: Option<AskPassword>,
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<Checked, BackupError> {
    let checked = check(path, tz)?;
    // Who acts is settled before the disk is touched.
    role::check(&checked.analysts, actor, Capability::Backup)
        .map_err(|e: AccessRefused| BackupError::Store(StoreError::Access(e)))?;
    let used = match fs::read_dir(target) {
        Ok(mut entries) => entries.next().is_some(),
        Err(_) => target.exists(),
    };
    if used {
        return Err(BackupError::TargetUsed(target.to_path_buf()));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "almacen".into());
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if parent.is_dir() {
        let m = &checked.manifest;
        let bytes = m.attachments.iter().map(|a| a.bytes).sum::<u64>() + 2 * m.records.bytes;
        crate::store::ensure_room(&parent, bytes).map_err(io(target))?;
    }
    remove_dead_restores(target, &name);
    let tmp = target.with_file_name(format!(".{name}.restaurando-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    let result = build(path, &tmp, &checked, (actor, password), now, tz);
    if let Err(e) = result {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if target.exists() {
        fs::remove_dir(target).map_err(io(target))?;
    }
    fs::rename(&tmp, target).map_err(io(target))?;
    if let Some(parent) = target.parent()
        && let Ok(d) = fs::File::open(parent)
    {
        let _ = d.sync_all();
    }
    Ok(checked)
}

/// A restore into `target` killed midway left `.NAME.restaurando-PID`
/// beside it (personal data): removed when that process is gone.
fn remove_dead_restores(target: &Path, name: &str) {
    let Some(parent) = target.parent() else {
        return;
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let prefix = format!(".{name}.restaurando-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(pid) = file.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let alive = Path::new("/proc").join(pid.to_string()).exists();
        if !alive && e.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

fn build(
    path: &Path,
    dir: &Path,
    checked: &Checked,
    (actor, password): (&str, Option<AskPassword>),
    now: DateTime<Utc>,
    tz: Tz,
) -> Result<(), BackupError> {
    let mut zip = open_zip(path)?;
    let attachments = dir.join("attachments");
    fs::create_dir_all(&attachments).map_err(io(&attachments))?;
    for part in &checked.manifest.attachments {
        let bytes = read_part(
            &mut zip,
            path,
            &format!("{ATTACHMENTS}{}", part.name),
            part.bytes,
        )?;
        check_part(path, part, &bytes)?;
        let dest = attachments.join(&part.name);
        let mut f = fs::File::create(&dest).map_err(io(&dest))?;
        f.write_all(&bytes).map_err(io(&dest))?;
        f.sync_all().map_err(io(&dest))?;
    }
    if let Some(part) = &checked.manifest.config {
        let bytes = read_part(&mut zip, path, CONFIG, part.bytes)?;
        check_part(path, part, &bytes)?;
        let dest = dir.join(crate::config::FILE_NAME);
        fs::write(&dest, bytes).map_err(io(&dest))?;
    }
    if !checked.manifest.procedures.is_empty() {
        let folder = dir.join(crate::desk::families::PROCEDURES_DIR);
        fs::create_dir_all(&folder).map_err(io(&folder))?;
        for part in &checked.manifest.procedures {
            let bytes = read_part(
                &mut zip,
                path,
                &format!("{PROCEDURES}{}", part.name),
                part.bytes,
            )?;
            check_part(path, part, &bytes)?;
            let dest = folder.join(&part.name);
            fs::write(&dest, bytes).map_err(io(&dest))?;
        }
    }
    let mut records = zip
        .by_name(RECORDS)
        .map_err(|_| unusable(path, s::backup_part_missing(RECORDS)))?
        .take(checked.manifest.records.bytes);
    let store = Store::open(dir)?;
    let counts = store.load(&mut records)?;
    // A copy made by an earlier version is brought up to date now, once
    // (the store migrates at open).
    let store = if checked.manifest.schema_version < SCHEMA_VERSION {
        drop(store);
        Store::open(dir)?
    } else {
        store
    };
    let expected: BTreeMap<_, _> = checked.manifest.trees.clone();
    // The new store adds its own marks (schema version): compare what the
    // copy held, tree by tree.
    for (tree, n) in &expected {
        if counts.get(tree) != Some(n) {
            return Err(unusable(path, s::backup_counts()));
        }
    }
    // A shared database's copy holds its attachments as a tree: in a
    // folder they are files.
    store.attachments_tree_to_files()?;
    if let Err(broken) = store.audit_verify()? {
        return Err(BackupError::Chain {
            path: path.to_path_buf(),
            detail: s::broken(&broken, tz),
        });
    }
    let all = store.analysts()?;
    let who = role::check(&all, actor, Capability::Backup)
        .map_err(|e: AccessRefused| BackupError::Store(StoreError::Access(e)))?
        .name
        .clone();
    if let (Some(ask), Some(phc)) = (password, store.password_hash(&who)?) {
        let typed = ask().map_err(BackupError::NoPassword)?;
        if !crate::desk::identity::verify(&phc, &typed) {
            std::thread::sleep(crate::desk::identity::FAILURE_DELAY);
            return Err(BackupError::WrongPassword);
        }
    }
    store.audit_append(
        AuditNote::new(now, &who, audit::RESTORE, &path.display().to_string())
            .detail(s::restore_detail(path, checked.entries)),
    )?;
    Ok(())
}
