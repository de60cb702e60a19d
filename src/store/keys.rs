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

/// The ticket id at the end of an [`arrival`] key.
pub fn id_of_arrival(key: &[u8]) -> &[u8] {
    key.get(8..).unwrap_or_default()
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

/// Every secondary index entry a ticket has, as (tree, key). Status and
/// dispatch moment are indexed while the ticket is open: those are the
/// lists the desk works from. A finished ticket never moves again, and
/// finished tickets are most of a store, so they are found by their queue
/// rows instead of costing two keys each for good.
pub fn index_entries(ticket: &Ticket) -> Vec<(usize, Vec<u8>)> {
    let mut out = Vec::new();
    if !ticket.status.is_final() {
        let mut status = status_prefix(ticket.status);
        status.extend(arrival(ticket));
        out.push((t::BY_STATUS, status));
        if let Some(d) = &ticket.dispatch {
            let mut k = moment(d.dispatch.at).to_vec();
            k.extend(arrival(ticket));
            out.push((t::BY_DISPATCH, k));
        }
    }
    for a in &ticket.applicants {
        let mut k = dni_prefix(&a.dni);
        k.extend_from_slice(ticket.id.as_bytes());
        out.push((t::BY_DNI, k));
    }
    out.sort();
    out.dedup();
    out
}
