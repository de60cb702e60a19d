//! The people directory and the certificate registry: people by DNI,
//! certificates by id with an index by DNI. Certificates are written in the
//! same transaction as the ticket change that moves them.

use super::engine::TxTree;

use super::{
    Abort, NewRecord, Result, Store, StoreError, TxResult, abort, decode, encode, keys,
    read_counter, record, register_in, t, tx_corrupt, update_in,
};
use crate::domain::audit::AuditNote;
use crate::domain::certificate::{CertRefused, Certificate, cert_id};
use crate::domain::person::Person;
use crate::domain::{HistoryEntry, MoveRefused, Status, Ticket};

/// The certificate effects of a change that moves none.
pub fn no_certs(
    _: &Ticket,
    _: &Ticket,
    _: &HistoryEntry,
    _: &[Certificate],
) -> std::result::Result<Vec<Certificate>, MoveRefused> {
    Ok(Vec::new())
}

fn cert_seq(year: i32) -> Vec<u8> {
    format!("cert_seq/{year}").into_bytes()
}

fn get_in(tx: &[TxTree], id: &str) -> TxResult<Option<Certificate>> {
    match tx[t::CERTIFICATES].get(id.as_bytes())? {
        Some(v) => Ok(Some(decode(id.as_bytes(), &v).map_err(tx_corrupt)?)),
        None => Ok(None),
    }
}

/// The certificates a ticket may touch: the one it names and every
/// certificate of its applicants (read through the transaction).
pub(super) fn relevant_in(tx: &[TxTree], ticket: &Ticket) -> TxResult<Vec<Certificate>> {
    let mut ids: Vec<String> = Vec::new();
    if let Some(id) = &ticket.certificate {
        ids.push(id.to_uppercase());
    }
    for a in &ticket.applicants {
        ids.extend(ids_of_in(tx, &a.dni)?);
    }
    ids.sort();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        if let Some(c) = get_in(tx, &id)? {
            out.push(c);
        }
    }
    Ok(out)
}

/// A transactional tree cannot scan, so the index holds one record per
/// DNI: the list of its certificate ids, oldest first.
fn ids_of_in(tx: &[TxTree], dni: &str) -> TxResult<Vec<String>> {
    let key = keys::dni_prefix(dni);
    match tx[t::CERTS_BY_DNI].get(&key)? {
        Some(v) => Ok(decode(&key, &v).map_err(tx_corrupt)?),
        None => Ok(Vec::new()),
    }
}

/// Writes a certificate; a new one (empty id) is numbered
/// `CD-<approval year>-<n>` and indexed by DNI.
pub(super) fn put_in(tx: &[TxTree], mut cert: Certificate) -> TxResult<Certificate> {
    use chrono::Datelike;
    if cert.id.is_empty() {
        let year = cert.approved_on.year();
        let seq = read_counter(&tx[t::META], &cert_seq(year))? + 1;
        tx[t::META].insert(cert_seq(year), seq.to_be_bytes())?;
        cert.id = cert_id(year, seq);
        let key = keys::dni_prefix(&cert.dni);
        let mut ids = ids_of_in(tx, &cert.dni)?;
        ids.push(cert.id.clone());
        tx[t::CERTS_BY_DNI].insert(key, encode(&ids))?;
    }
    tx[t::CERTIFICATES].insert(cert.id.as_bytes(), encode(&cert))?;
    Ok(cert)
}

impl Store {
    /// Like [`Store::update_all_and_enqueue`], and also writes the
    /// certificates `certs` computes from each change, in the same
    /// transaction: a refusal there refuses the whole change.
    pub fn update_all_with_registry<F, G, C>(
        &self,
        ids: &[String],
        change: F,
        mail: G,
        certs: C,
    ) -> Result<(Vec<Ticket>, Vec<String>)>
    where
        F: Fn(usize, &Ticket) -> std::result::Result<(Ticket, HistoryEntry), MoveRefused>,
        G: Fn(&Ticket, &Ticket, &HistoryEntry, u64) -> Vec<super::outbox::OutboxEntry>,
        C: Fn(
            &Ticket,
            &Ticket,
            &HistoryEntry,
            &[Certificate],
        ) -> std::result::Result<Vec<Certificate>, MoveRefused>,
    {
        self.transact(|tx| update_in(tx, ids, &change, &mail, &certs))
    }

    /// One certificate, by id (case ignored).
    pub fn certificate(&self, id: &str) -> Result<Option<Certificate>> {
        let key = id.trim().to_uppercase();
        match self
            .tree(t::CERTIFICATES)
            .get(key.as_bytes())
            .map_err(|e| self.damaged(e))?
        {
            Some(v) => Ok(Some(decode(key.as_bytes(), &v).map_err(super::corrupt)?)),
            None => Ok(None),
        }
    }

    /// Every certificate, in id order (year, then number).
    pub fn certificates(&self) -> Result<Vec<Certificate>> {
        self.tree(t::CERTIFICATES)
            .iter()
            .map(|kv| {
                let (k, v) = kv.map_err(|e| self.damaged(e))?;
                decode(&k, &v).map_err(super::corrupt)
            })
            .collect()
    }

    /// The certificates of one person, oldest first.
    pub fn certificates_of(&self, dni: &str) -> Result<Vec<Certificate>> {
        let key = keys::dni_prefix(dni);
        let ids: Vec<String> = match self
            .tree(t::CERTS_BY_DNI)
            .get(&key)
            .map_err(|e| self.damaged(e))?
        {
            Some(v) => decode(&key, &v).map_err(super::corrupt)?,
            None => Vec::new(),
        };
        let mut out = Vec::new();
        for id in ids {
            out.extend(self.certificate(&id)?);
        }
        Ok(out)
    }

    pub fn person(&self, dni: &str) -> Result<Option<Person>> {
        match self
            .tree(t::PEOPLE)
            .get(dni.as_bytes())
            .map_err(|e| self.damaged(e))?
        {
            Some(v) => Ok(Some(decode(dni.as_bytes(), &v).map_err(super::corrupt)?)),
            None => Ok(None),
        }
    }

    /// Everyone in the directory, by DNI.
    pub fn people(&self) -> Result<Vec<Person>> {
        self.tree(t::PEOPLE)
            .iter()
            .map(|kv| {
                let (k, v) = kv.map_err(|e| self.damaged(e))?;
                decode(&k, &v).map_err(super::corrupt)
            })
            .collect()
    }

    /// Writes people (new or replacing the record of their DNI), all or
    /// none, with the audit entry `note` (completed with their DNIs).
    pub fn put_people(&self, people: &[Person], note: AuditNote) -> Result<()> {
        let note = note.dnis(people.iter().map(|p| p.dni.clone()));
        self.transact(|tx| {
            for p in people {
                tx[t::PEOPLE].insert(p.dni.as_bytes(), encode(p))?;
            }
            super::audit::append_in(tx, vec![note.clone()])?;
            Ok(())
        })
    }

    /// Replaces one person's record, in one transaction, flushed before it
    /// returns; `NotFound` (and nothing written) when the directory does not
    /// have that DNI. The DNI is the key: the record cannot move to another.
    pub fn replace_person(&self, person: &Person, note: AuditNote) -> Result<()> {
        let key = person.dni.as_bytes();
        let note = note.dnis([person.dni.clone()]);
        self.transact(|tx| {
            if tx[t::PEOPLE].get(key)?.is_none() {
                return abort(Abort::NotFound(person.dni.clone()));
            }
            tx[t::PEOPLE].insert(key, encode(person))?;
            super::audit::append_in(tx, vec![note.clone()])?;
            Ok(())
        })
    }

    /// Registers a renewal ticket for a certificate and links it, in one
    /// transaction; refused while the certificate has another renewal that
    /// is still alive (not withdrawn or rejected).
    pub fn register_renewal(&self, record: &NewRecord, cert: &str) -> Result<String> {
        let cert = cert.trim().to_uppercase();
        self.transact(|tx| {
            let Some(mut c) = get_in(tx, &cert)? else {
                return abort(Abort::NotFound(cert.clone()));
            };
            if let Some(previous) = &c.renewal {
                let alive = record::read_in(tx, previous)?.is_some_and(|p| {
                    !matches!(p.ticket.status, Status::Anulado | Status::Rechazado)
                });
                if alive {
                    return abort(Abort::Refused(MoveRefused::Certificate(
                        CertRefused::RenewalExists {
                            id: c.id.clone(),
                            ticket: previous.clone(),
                        },
                    )));
                }
            }
            let id = register_in(tx, std::slice::from_ref(record), true)?.remove(0);
            c.renewal = Some(id.clone());
            c.tickets.push(id.clone());
            put_in(tx, c)?;
            Ok(id)
        })
        .map_err(|e| match e {
            StoreError::NotFound(id) if id == cert => StoreError::CertificateNotFound(id),
            e => e,
        })
    }
}
