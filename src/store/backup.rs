//! The database half of a backup: every tree written out as one consistent
//! snapshot, and read back into a new store. (The file around it, the
//! attachments and the checks are `desk::backup`'s.)
//!
//! The format is a plain framing of sled's own keys and values, so a copy
//! holds exactly what the store holds, trees added later included:
//! `MESADUMP1\n`, then per tree `T <u32 len> name`, per record
//! `R <u32 len> key <u32 len> value`, and `E` at the end (lengths
//! big-endian).

use std::collections::BTreeMap;
use std::io::{Read, Write};

use super::{Result, Store, StoreError};
use crate::domain::audit::Head;
use crate::strings;

const MAGIC: &[u8] = b"MESADUMP1\n";

/// How many records each tree held.
pub type Counts = BTreeMap<String, u64>;

fn bad(detail: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        key: strings::trust::backup_records().to_string(),
        detail: detail.into(),
    }
}

fn put(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&(bytes.len() as u32).to_be_bytes())?;
    out.write_all(bytes)
}

/// The largest key or value a dump may hold: far above any record mesa
/// writes, far below what would exhaust memory.
pub const MAX_FIELD_BYTES: u64 = 64 << 20;

fn get(input: &mut impl Read) -> Result<Vec<u8>> {
    let mut len = [0u8; 4];
    input
        .read_exact(&mut len)
        .map_err(|_| bad(strings::trust::backup_cut()))?;
    let len = u32::from_be_bytes(len) as usize;
    if len as u64 > MAX_FIELD_BYTES {
        return Err(bad(strings::faults::backup_field_too_large(
            MAX_FIELD_BYTES,
        )));
    }
    let mut v = Vec::new();
    input
        .take(len as u64)
        .read_to_end(&mut v)
        .map_err(|e| bad(strings::words::io_error(&e)))?;
    if v.len() != len {
        return Err(bad(strings::trust::backup_cut()));
    }
    Ok(v)
}

impl Store {
    /// Writes every tree to `out` while no change is under way (changes
    /// made meanwhile wait, reads go on); returns the record counts and the
    /// audit chain's last link as the copy holds them.
    pub fn dump(&self, out: &mut impl Write) -> Result<(Counts, Head)> {
        let io = |source| StoreError::Io {
            path: self.dir.clone(),
            source,
        };
        let _alone = self.gate.write().unwrap_or_else(|p| p.into_inner());
        let _everyone = self.engine.hold_writes().map_err(|e| self.damaged(e))?;
        let head = self.audit_head()?;
        let mut counts = Counts::new();
        out.write_all(MAGIC).map_err(io)?;
        let names = self.engine.tree_names().map_err(|e| self.damaged(e))?;
        for name in names {
            let tree = self.engine.named(&name).map_err(|e| self.damaged(e))?;
            out.write_all(b"T").map_err(io)?;
            put(out, name.as_bytes()).map_err(io)?;
            let mut n = 0;
            for kv in tree.iter() {
                let (k, v) = kv.map_err(|e| self.damaged(e))?;
                out.write_all(b"R").map_err(io)?;
                put(out, &k).map_err(io)?;
                put(out, &v).map_err(io)?;
                n += 1;
            }
            counts.insert(name, n);
        }
        out.write_all(b"E").map_err(io)?;
        Ok((counts, head))
    }

    /// Fills this (new, empty) store from a dump, tree by tree, and
    /// flushes it.
    pub fn load(&self, input: &mut impl Read) -> Result<Counts> {
        // A batch is applied every CHUNK records or CHUNK_BYTES bytes,
        // whichever comes first: memory stays bounded whatever the dump.
        const CHUNK: usize = 10_000;
        const CHUNK_BYTES: usize = 64 << 20;
        let mut pending = 0usize;
        let mut open: Option<(super::engine::Tree, super::engine::Batch, usize)> = None;
        let apply =
            |open: &mut Option<(super::engine::Tree, super::engine::Batch, usize)>| -> Result<()> {
                if let Some((tree, batch, n)) = open.as_mut() {
                    tree.apply_batch(std::mem::take(batch))
                        .map_err(|e| self.write_failed(e))?;
                    *n = 0;
                }
                Ok(())
            };
        let counts = read_dump(input, |item| match item {
            Item::Tree(name) => {
                apply(&mut open)?;
                let tree = self.engine.named(name).map_err(|e| self.damaged(e))?;
                open = Some((tree, super::engine::Batch::default(), 0));
                Ok(())
            }
            Item::Record(k, v) => {
                let Some((_, batch, n)) = open.as_mut() else {
                    return Err(bad(strings::trust::backup_not_ours()));
                };
                batch.insert(k, v);
                *n += 1;
                pending += k.len() + v.len();
                if *n == CHUNK || pending >= CHUNK_BYTES {
                    apply(&mut open)?;
                    pending = 0;
                }
                Ok(())
            }
        })?;
        apply(&mut open)?;
        self.flush()?;
        if let Ok(head) = self.audit_head() {
            super::anchor::record(&self.dir, &head);
        }
        Ok(counts)
    }
}

/// One thing read from a dump.
pub enum Item<'a> {
    Tree(&'a str),
    Record(&'a [u8], &'a [u8]),
}

/// Reads a dump, handing each tree and record to `each`; returns how many
/// records each tree held.
pub fn read_dump(
    input: &mut impl Read,
    mut each: impl FnMut(Item) -> Result<()>,
) -> Result<Counts> {
    let mut magic = vec![0u8; MAGIC.len()];
    input
        .read_exact(&mut magic)
        .map_err(|_| bad(strings::trust::backup_not_ours()))?;
    if magic != MAGIC {
        return Err(bad(strings::trust::backup_not_ours()));
    }
    let mut counts = Counts::new();
    let mut current: Option<String> = None;
    loop {
        let mut tag = [0u8; 1];
        input
            .read_exact(&mut tag)
            .map_err(|_| bad(strings::trust::backup_cut()))?;
        match tag[0] {
            b'T' => {
                let name =
                    String::from_utf8(get(input)?).map_err(|_| bad(strings::words::not_utf8()))?;
                each(Item::Tree(&name))?;
                counts.insert(name.clone(), 0);
                current = Some(name);
            }
            b'R' => {
                let Some(name) = &current else {
                    return Err(bad(strings::trust::backup_not_ours()));
                };
                let k = get(input)?;
                let v = get(input)?;
                each(Item::Record(&k, &v))?;
                *counts.get_mut(name).expect("counted when opened") += 1;
            }
            b'E' => return Ok(counts),
            _ => return Err(bad(strings::trust::backup_not_ours())),
        }
    }
}
