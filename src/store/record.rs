//! A ticket as stored: its current state and its history in one value.
//!
//! sled 0.34 keeps an in-memory page-table entry for every page of every
//! tree, and splits a leaf past 16 keys: the number of keys, not their
//! size, decides how much memory and time opening the store takes. One key
//! per ticket for the record and its history (instead of one per history
//! entry) is what lets a million-ticket store open in a fraction of a
//! second (see docs/performance.md).

use super::engine::TxTree;
use serde::{Deserialize, Serialize};

use super::{TxResult, Versioned, keys, t, tx_corrupt};
use crate::domain::ticket::{HistoryEntry, Ticket};

/// The first schema whose ticket values are records; older ones are a bare
/// ticket (see `migrate`).
pub(super) const RECORD_SINCE: u32 = 2;

/// Written by [`encode_record`], which borrows the same two fields.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct Record {
    pub ticket: Ticket,
    pub history: Vec<HistoryEntry>,
}

/// A record read for its ticket alone: the history is skipped, not built.
#[derive(Deserialize)]
struct TicketOnly {
    ticket: Ticket,
}

#[derive(Deserialize)]
struct HistoryOnly {
    history: Vec<HistoryEntry>,
}

/// Ticket records decoded by this process, for tests and the bench that
/// prove a path reads what it needs and not the whole store (one relaxed
/// add per record: nothing next to the JSON decode it counts).
static DECODED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many ticket records this process has decoded so far.
pub fn records_decoded() -> u64 {
    DECODED.load(std::sync::atomic::Ordering::Relaxed)
}

fn decode_as<T: serde::de::DeserializeOwned>(
    key: &[u8],
    bytes: &[u8],
) -> Result<T, (String, String)> {
    DECODED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = || String::from_utf8_lossy(key).into_owned();
    let value: Versioned<T> = serde_json::from_slice(bytes)
        .map_err(|e| (name(), crate::strings::words::json_error(&e)))?;
    if !(RECORD_SINCE..=super::SCHEMA_VERSION).contains(&value.v) {
        return Err((name(), format!("versión de esquema {}", value.v)));
    }
    Ok(value.data)
}

/// Reads one part of a stored record (see `decode_ticket`, `decode_history`).
pub(super) type Part<T> = fn(&[u8], &[u8]) -> Result<T, (String, String)>;

pub(super) fn decode_record(key: &[u8], bytes: &[u8]) -> Result<Record, (String, String)> {
    decode_as(key, bytes)
}

pub(super) fn decode_ticket(key: &[u8], bytes: &[u8]) -> Result<Ticket, (String, String)> {
    decode_as::<TicketOnly>(key, bytes).map(|r| r.ticket)
}

pub(super) fn decode_history(
    key: &[u8],
    bytes: &[u8],
) -> Result<Vec<HistoryEntry>, (String, String)> {
    decode_as::<HistoryOnly>(key, bytes).map(|r| r.history)
}

/// The record of ticket `id`, read through a transaction.
pub(super) fn read_in(tx: &[TxTree], id: &str) -> TxResult<Option<Record>> {
    let key = keys::ticket(id);
    match tx[t::TICKETS].get(&key)? {
        Some(bytes) => Ok(Some(decode_record(&key, &bytes).map_err(tx_corrupt)?)),
        None => Ok(None),
    }
}

/// A record's stored bytes, borrowing its parts.
pub(super) fn encode_record(ticket: &Ticket, history: &[HistoryEntry]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Parts<'a> {
        ticket: &'a Ticket,
        history: &'a [HistoryEntry],
    }
    super::encode(&Parts { ticket, history })
}
