//! The audit log as a hash chain: each entry carries the SHA-256 of the one
//! before, so changing, removing or reordering any entry breaks every link
//! after it. Pure: building an entry and walking a chain need no store.
//!
//! `hash = SHA-256(prev ‖ "\n" ‖ canonical)`, where `prev` is the previous
//! entry's hash in lowercase hex (64 zeros for the first entry) and
//! `canonical` is the JSON object `{"seq","at","by","action","subject",
//! "dnis","detail"}` with the fields in that order, `at` in RFC 3339 UTC,
//! and, for entries that record it, `"os_user"` last (so entries written
//! before it was recorded keep their hash).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{HistoryEntry, Ticket};

/// The `prev` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a change says about itself; the store numbers and chains it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditNote {
    pub at: DateTime<Utc>,
    pub by: String,
    /// A stable code: `register`, `take`, `seal`, `export`, `read`, …
    pub action: String,
    /// What it is about: a ticket, a batch, an analyst, a command.
    pub subject: String,
    /// The people concerned (by DNI): what `mesa audit --dni` looks for.
    pub dnis: Vec<String>,
    /// One line for a person to read.
    pub detail: String,
    /// The operating-system account that ran the desk; the store fills it
    /// in when appending (see `crate::os_user`).
    pub os_user: Option<String>,
}

impl AuditNote {
    pub fn new(at: DateTime<Utc>, by: &str, action: &str, subject: &str) -> AuditNote {
        AuditNote {
            at,
            by: by.to_string(),
            action: action.to_string(),
            subject: subject.to_string(),
            dnis: Vec::new(),
            detail: String::new(),
            os_user: None,
        }
    }

    pub fn dnis(mut self, dnis: impl IntoIterator<Item = String>) -> AuditNote {
        let mut v: Vec<String> = dnis.into_iter().collect();
        v.sort();
        v.dedup();
        self.dnis = v;
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> AuditNote {
        self.detail = detail.into();
        self
    }
}

/// One link of the chain, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// 1, 2, 3, … with no gap.
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub by: String,
    pub action: String,
    pub subject: String,
    pub dnis: Vec<String>,
    pub detail: String,
    /// The operating-system account beside the analyst; absent in entries
    /// written before it was recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub os_user: Option<String>,
    pub prev: String,
    pub hash: String,
}

/// The last link: what the next entry chains to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Head {
    pub seq: u64,
    pub hash: String,
}

impl Default for Head {
    fn default() -> Head {
        Head {
            seq: 0,
            hash: GENESIS.to_string(),
        }
    }
}

#[derive(Serialize)]
struct Canonical<'a> {
    seq: u64,
    at: String,
    by: &'a str,
    action: &'a str,
    subject: &'a str,
    dnis: &'a [String],
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    os_user: Option<&'a str>,
}

impl AuditEntry {
    /// The entry that follows `head`.
    pub fn chain(head: &Head, note: AuditNote) -> AuditEntry {
        let mut e = AuditEntry {
            seq: head.seq + 1,
            at: note.at,
            by: note.by,
            action: note.action,
            subject: note.subject,
            dnis: note.dnis,
            detail: note.detail,
            os_user: note.os_user,
            prev: head.hash.clone(),
            hash: String::new(),
        };
        e.hash = e.computed_hash();
        e
    }

    pub fn canonical(&self) -> Vec<u8> {
        serde_json::to_vec(&Canonical {
            seq: self.seq,
            at: self.at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            by: &self.by,
            action: &self.action,
            subject: &self.subject,
            dnis: &self.dnis,
            detail: &self.detail,
            os_user: self.os_user.as_deref(),
        })
        .expect("plain data serializes")
    }

    /// The hash this entry's content and `prev` give.
    pub fn computed_hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(self.prev.as_bytes());
        h.update(b"\n");
        h.update(self.canonical());
        h.finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    }

    pub fn head(&self) -> Head {
        Head {
            seq: self.seq,
            hash: self.hash.clone(),
        }
    }

    pub fn names(&self, dni: &str) -> bool {
        self.dnis.iter().any(|d| d == dni)
    }
}

/// Where and how a chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The first entry that does not verify (or the one missing).
    pub seq: u64,
    pub why: BreakKind,
    /// The entry as stored, when it could be read.
    pub entry: Option<Box<AuditEntry>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakKind {
    /// Its content no longer gives its hash: it was changed.
    Altered,
    /// It does not point at the entry before: something before it was
    /// changed and re-hashed, removed or reordered.
    Unlinked,
    /// Entry `seq` is missing: the next one found is `found`.
    Missing { found: u64 },
    /// Its stored bytes are not an entry.
    Unreadable(String),
    /// The chain ends at `seq` but the store recorded `recorded` as its last
    /// entry: entries were removed from the end, or added outside the desk.
    Truncated { recorded: Head },
}

/// What a walk over an intact chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub entries: u64,
    pub head: Head,
}

/// One stored entry as read: its key's number and the entry (or why it
/// could not be read).
pub type Stored = (u64, Result<AuditEntry, String>);

/// Walks the chain in key order and checks every link, then that it ends
/// where the store says it ends (`recorded`).
pub fn verify(
    stored: impl IntoIterator<Item = Stored>,
    recorded: &Head,
) -> Result<Verified, Broken> {
    let mut walk = Walk::default();
    for (key, entry) in stored {
        walk.step(key, entry)?;
    }
    walk.finish(recorded)
}

/// The same walk one entry at a time, for chains read as a stream (a
/// backup's records).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walk {
    head: Head,
}

impl Walk {
    /// Checks the next stored entry against the chain so far.
    pub fn step(&mut self, key: u64, entry: Result<AuditEntry, String>) -> Result<(), Broken> {
        let expected = self.head.seq + 1;
        let entry = match entry {
            Ok(e) => e,
            Err(detail) => {
                return Err(Broken {
                    seq: key,
                    why: BreakKind::Unreadable(detail),
                    entry: None,
                });
            }
        };
        if key != expected || entry.seq != expected {
            return Err(Broken {
                seq: expected,
                why: BreakKind::Missing { found: key },
                entry: None,
            });
        }
        if entry.computed_hash() != entry.hash {
            return Err(Broken {
                seq: key,
                why: BreakKind::Altered,
                entry: Some(Box::new(entry)),
            });
        }
        if entry.prev != self.head.hash {
            return Err(Broken {
                seq: key,
                why: BreakKind::Unlinked,
                entry: Some(Box::new(entry)),
            });
        }
        self.head = entry.head();
        Ok(())
    }

    /// The chain must end where the store recorded it ends.
    pub fn finish(self, recorded: &Head) -> Result<Verified, Broken> {
        if self.head != *recorded {
            return Err(Broken {
                seq: self.head.seq + 1,
                why: BreakKind::Truncated {
                    recorded: recorded.clone(),
                },
                entry: None,
            });
        }
        Ok(Verified {
            entries: self.head.seq,
            head: self.head,
        })
    }
}

/// The action codes of entries that are not ticket moves.
pub const REGISTER: &str = "register";
pub const SEAL: &str = "seal";
pub const BATCH_SENT: &str = "batch_sent";
pub const EXPORT: &str = "export";
/// A bulk read of personal data: a listing, a directory, a copy.
pub const READ: &str = "read";
pub const PEOPLE_IMPORT: &str = "people_import";
pub const PERSON_EDIT: &str = "person_edit";
pub const INIT: &str = "init";
pub const ANALYST_ADD: &str = "analyst_add";
pub const ANALYST_DISABLE: &str = "analyst_disable";
pub const ANALYST_ENABLE: &str = "analyst_enable";
pub const LOGIN: &str = "login";
/// A sign-in refused for a wrong name or password (never the password).
pub const SIGN_IN_FAILED: &str = "sign_in_failed";
/// An analyst chose or changed their own password.
pub const PASSWORD_SET: &str = "password_set";
/// A supervisor reset another analyst's password.
pub const PASSWORD_RESET: &str = "password_reset";
pub const PURGE: &str = "purge";
pub const DEMO: &str = "demo";
pub const BACKUP: &str = "backup";
pub const RESTORE: &str = "restore";
pub const STORE_COPY: &str = "store_copy";
/// A request of another family registered / one of its steps done.
pub const REQUEST_REGISTER: &str = "request_register";
pub const REQUEST_STEP: &str = "request_step";
/// The command line opened a lasting sign-in (`mesa entrar`, or a password
/// typed at the terminal); its uses are not recorded one by one.
pub const CLI_SESSION: &str = "cli_session";

/// A move's code, as `--json` and the store spell it (`take`, `schedule`…).
pub fn move_code(m: super::Move) -> &'static str {
    use super::Move::*;
    match m {
        Take => "take",
        Observe => "observe",
        Schedule => "schedule",
        Send => "send",
        Approve => "approve",
        Reject => "reject",
        Close => "close",
        Withdraw => "withdraw",
        Correct => "correct",
        Assign => "assign",
        Undo => "undo",
    }
}

/// The DNIs of a ticket's applicants (or subscriber).
pub fn dnis_of(ticket: &Ticket) -> Vec<String> {
    ticket.applicants.iter().map(|a| a.dni.clone()).collect()
}

/// The note of a ticket change: who, when, which move, from and to, why
/// (`detail`: the words, chosen by the caller).
pub fn move_note(ticket: &Ticket, entry: &HistoryEntry, detail: String) -> AuditNote {
    let action = entry.action.map(move_code).unwrap_or(REGISTER);
    AuditNote::new(entry.at, &entry.by, action, &ticket.id)
        .dnis(dnis_of(ticket))
        .detail(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn chain(n: u64) -> Vec<AuditEntry> {
        let mut head = Head::default();
        (0..n)
            .map(|i| {
                let e = AuditEntry::chain(
                    &head,
                    AuditNote::new(at("2026-11-23T09:00:00-05:00"), "ana", "take", "T-1")
                        .dnis([format!("4000000{i}")])
                        .detail(format!("paso {i}")),
                );
                head = e.head();
                e
            })
            .collect()
    }

    fn stored(v: &[AuditEntry]) -> Vec<Stored> {
        v.iter().map(|e| (e.seq, Ok(e.clone()))).collect()
    }

    #[test]
    fn an_intact_chain_verifies_and_an_empty_one_too() {
        let c = chain(5);
        let v = verify(stored(&c), &c[4].head()).unwrap();
        assert_eq!(v.entries, 5);
        assert_eq!(v.head.hash.len(), 64);
        assert_eq!(c[0].prev, GENESIS);
        assert_eq!(c[1].prev, c[0].hash);
        assert_eq!(verify(Vec::new(), &Head::default()).unwrap().entries, 0);
    }

    #[test]
    fn a_changed_entry_is_named() {
        let mut c = chain(5);
        c[2].by = "mallory".into();
        let err = verify(stored(&c), &c[4].head()).unwrap_err();
        assert_eq!((err.seq, err.why), (3, BreakKind::Altered));
    }

    #[test]
    fn a_changed_and_rehashed_entry_breaks_the_next_link() {
        let mut c = chain(5);
        c[2].detail = "otra cosa".into();
        c[2].hash = c[2].computed_hash();
        let err = verify(stored(&c), &c[4].head()).unwrap_err();
        assert_eq!((err.seq, err.why), (4, BreakKind::Unlinked));
    }

    #[test]
    fn a_removed_entry_and_a_cut_tail_are_found() {
        let c = chain(5);
        let mut gap = stored(&c);
        let _ = gap.remove(1);
        let err = verify(gap, &c[4].head()).unwrap_err();
        assert_eq!((err.seq, err.why), (2, BreakKind::Missing { found: 3 }));
        let cut = stored(&c[..3]);
        let err = verify(cut, &c[4].head()).unwrap_err();
        assert_eq!(err.seq, 4);
        assert!(matches!(err.why, BreakKind::Truncated { .. }));
    }

    #[test]
    fn every_field_is_covered_by_the_hash() {
        let base = chain(1).remove(0);
        type Change = Box<dyn Fn(&mut AuditEntry)>;
        let changes: Vec<Change> = vec![
            Box::new(|e| e.seq += 1),
            Box::new(|e| e.at += chrono::Duration::nanoseconds(1)),
            Box::new(|e| e.by.push('x')),
            Box::new(|e| e.action.push('x')),
            Box::new(|e| e.subject.push('x')),
            Box::new(|e| e.dnis.push("1".into())),
            Box::new(|e| e.detail.push('x')),
            Box::new(|e| e.prev = "1".repeat(64)),
        ];
        for change in changes {
            let mut e = base.clone();
            change(&mut e);
            assert_ne!(e.computed_hash(), base.hash);
        }
    }
}
