//! Key layouts. Fixed-width big-endian numbers keep byte order equal to
//! time order, so index scans come out sorted.

use chrono::{DateTime, Utc};

use super::t;
use crate::domain::{Status, Ticket};

pub const SCHEMA: &[u8] = b"schema_version";
pub const HISTORY_SEQ: &[u8] = b"history_seq";
pub const SUMMARY_VERSION: &[u8] = b"summary_version";

pub fn status_count(status: Status) -> Vec<u8> {
    format!("count/{}", status.code()).into_bytes()
}

pub fn year_seq(year: i32) -> Vec<u8> {
    format!("ticket_seq/{year}").into_bytes()
}

pub fn ticket(id: &str) -> Vec<u8> {
    id.as_bytes().to_vec()
}

pub fn history(id: &str, seq: u64) -> Vec<u8> {
    let mut k = history_prefix(id);
    k.extend_from_slice(&seq.to_be_bytes());
    k
}

pub fn history_prefix(id: &str) -> Vec<u8> {
    let mut k = id.as_bytes().to_vec();
    k.push(0);
    k
}

/// Operation numbers compare without case or surrounding blanks.
pub fn receipt(operation: &str) -> Vec<u8> {
    operation.trim().to_uppercase().into_bytes()
}

/// Microseconds since the epoch, sign bit flipped so negatives sort first.
pub fn moment(at: DateTime<Utc>) -> [u8; 8] {
    ((at.timestamp_micros() as u64) ^ (1 << 63)).to_be_bytes()
}

pub fn arrival(ticket: &Ticket) -> Vec<u8> {
    let mut k = moment(ticket.registered_at).to_vec();
    k.extend_from_slice(ticket.id.as_bytes());
    k
}

pub fn status_prefix(status: Status) -> Vec<u8> {
    let mut k = status.code().as_bytes().to_vec();
    k.push(0);
    k
}

pub fn dni_prefix(dni: &str) -> Vec<u8> {
    let mut k = dni.as_bytes().to_vec();
    k.push(0);
    k
}

/// Every secondary index entry a ticket has, as (tree, key).
pub fn index_entries(ticket: &Ticket) -> Vec<(usize, Vec<u8>)> {
    let mut out = vec![(t::BY_ARRIVAL, arrival(ticket))];
    let mut status = status_prefix(ticket.status);
    status.extend(arrival(ticket));
    out.push((t::BY_STATUS, status));
    for a in &ticket.applicants {
        let mut k = dni_prefix(&a.dni);
        k.extend_from_slice(ticket.id.as_bytes());
        out.push((t::BY_DNI, k));
    }
    if let Some(d) = &ticket.dispatch {
        let mut k = moment(d.dispatch.at).to_vec();
        k.extend(arrival(ticket));
        out.push((t::BY_DISPATCH, k));
    }
    out.sort();
    out.dedup();
    out
}
