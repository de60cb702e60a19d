//! The audit log in the `audit` tree: entries keyed by their number, chained
//! by hash (see `domain::audit`), and the chain's last link in `meta`.
//!
//! Entries are appended inside the transaction of the change they describe,
//! so a change and its entry are written together or not at all.

use super::engine::TxTree;

use super::{Result, Store, TxResult, decode, encode, t, tx_corrupt};
use crate::domain::audit::{self, AuditEntry, AuditNote, Broken, Head, Verified};

pub(crate) const HEAD: &[u8] = b"audit_head";

fn key(seq: u64) -> [u8; 8] {
    seq.to_be_bytes()
}

/// Chains `notes` after the current last entry, inside a transaction.
pub(super) fn append_in(tx: &[TxTree], notes: Vec<AuditNote>) -> TxResult<Head> {
    let mut head: Head = match tx[t::META].get(HEAD)? {
        Some(v) => decode(HEAD, &v).map_err(tx_corrupt)?,
        None => Head::default(),
    };
    if notes.is_empty() {
        return Ok(head);
    }
    for mut note in notes {
        if note.os_user.is_none() {
            note.os_user = crate::os_user::current();
        }
        let entry = AuditEntry::chain(&head, note);
        tx[t::AUDIT].insert(key(entry.seq), encode(&entry))?;
        head = entry.head();
    }
    tx[t::META].insert(HEAD, encode(&head))?;
    Ok(head)
}

impl Store {
    /// Appends one entry that no other change carries (a read, an export,
    /// a copy), durably.
    pub fn audit_append(&self, note: AuditNote) -> Result<Head> {
        self.transact(|tx| append_in(tx, vec![note.clone()]))
    }

    /// Appends several entries at once, durably: the demo's lots.
    pub fn audit_append_all(&self, notes: Vec<AuditNote>) -> Result<Head> {
        self.transact(|tx| append_in(tx, notes.clone()))
    }

    /// The chain's last link as the store recorded it.
    pub fn audit_head(&self) -> Result<Head> {
        match self.tree(t::META).get(HEAD).map_err(|e| self.damaged(e))? {
            Some(v) => decode(HEAD, &v).map_err(super::corrupt),
            None => Ok(Head::default()),
        }
    }

    /// Every entry as stored, oldest first, readable or not.
    pub fn audit_stored(&self) -> impl Iterator<Item = Result<audit::Stored>> + '_ {
        self.tree(t::AUDIT).iter().map(move |kv| {
            let (k, v) = kv.map_err(|e| self.damaged(e))?;
            let seq = <[u8; 8]>::try_from(k.as_ref())
                .map(u64::from_be_bytes)
                .unwrap_or(0);
            Ok((seq, decode::<AuditEntry>(&k, &v).map_err(|(_, d)| d)))
        })
    }

    /// Walks the whole chain: `Ok(Err(broken))` names the first entry that
    /// does not verify.
    pub fn audit_verify(&self) -> Result<std::result::Result<Verified, Broken>> {
        let recorded = self.audit_head()?;
        // Streamed: a million entries are walked, not held.
        let mut failure = None;
        let stored = self.audit_stored().map_while(|r| match r {
            Ok(s) => Some(s),
            Err(e) => {
                failure = Some(e);
                None
            }
        });
        let verdict = audit::verify(stored, &recorded);
        match failure {
            Some(e) => Err(e),
            None => Ok(verdict),
        }
    }

    /// Every readable entry, oldest first.
    pub fn audit_entries(&self) -> impl Iterator<Item = Result<AuditEntry>> + '_ {
        self.audit_stored().filter_map(|r| match r {
            Ok((_, Ok(e))) => Some(Ok(e)),
            Ok((_, Err(_))) => None,
            Err(e) => Some(Err(e)),
        })
    }

    /// The entries that name a person, oldest first.
    pub fn audit_about(&self, dni: &str) -> Result<Vec<AuditEntry>> {
        let dni = dni.trim();
        self.audit_entries()
            .filter(|e| e.as_ref().map_or(true, |e| e.names(dni)))
            .collect()
    }

    /// The last `n` entries, newest first.
    pub fn audit_last(&self, n: usize) -> Result<Vec<AuditEntry>> {
        let mut out = Vec::new();
        for kv in self.tree(t::AUDIT).iter_rev() {
            if out.len() == n {
                break;
            }
            let (k, v) = kv.map_err(|e| self.damaged(e))?;
            if let Ok(e) = decode::<AuditEntry>(&k, &v) {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// One entry by number, if stored and readable.
    pub fn audit_entry(&self, seq: u64) -> Result<Option<AuditEntry>> {
        match self
            .tree(t::AUDIT)
            .get(key(seq))
            .map_err(|e| self.damaged(e))?
        {
            Some(v) => Ok(decode(&key(seq), &v).ok()),
            None => Ok(None),
        }
    }

    pub fn audit_len(&self) -> usize {
        self.tree(t::AUDIT).len()
    }
}

impl Store {
    /// Whether `audit.head` was missing at open while the chain had entries.
    pub fn witness_missing(&self) -> bool {
        self.witness_missing
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    pub(super) fn refuse_without_witness(&self) -> Result<()> {
        if self.witness_missing() {
            let entries = self.audit_head().map(|h| h.seq).unwrap_or(0);
            return Err(super::StoreError::WitnessMissing {
                path: self.dir.clone(),
                entries,
            });
        }
        Ok(())
    }

    /// A supervisor has checked the chain (it verifies, and its head is the
    /// one they expect) and accepts it: the witness is written again and the
    /// acceptance is itself an audit entry.
    pub fn accept_witness(&self, note: AuditNote) -> Result<Head> {
        self.witness_missing
            .store(false, std::sync::atomic::Ordering::SeqCst);
        self.audit_append(note)
    }
}
