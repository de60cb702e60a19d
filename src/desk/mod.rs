//! The desk's actions, shared by the command line and the console: each one
//! reads the clock once, applies a pure domain rule and writes through the
//! store.

pub mod attachments;
pub mod backup;
pub mod batch;
pub mod cli_session;
pub mod copy;
pub mod correct;
pub mod digest;
pub mod export;
pub mod families;
pub mod identity;
pub mod import;
pub mod mailing;
pub mod people;
pub mod registry;
pub mod report;
pub mod request_import;
pub mod retention;
pub mod staff;
pub mod staging;
pub mod table;
pub mod team;
pub mod undo;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::clock::Clock;
use crate::config::Config;
use crate::domain::certificate::{self, CloseDetails};
use crate::domain::role::Capability;
use crate::domain::ticket::MoveContext;
use crate::domain::{DispatchDecision, HistoryEntry, Move, MoveRefused, Query, Ticket};
use crate::mail::MailContext;
use crate::store::{ReceiptRecord, Result, Store};

pub struct Desk {
    pub store: Store,
    pub config: Config,
    pub clock: Clock,
}

/// Where things live when nothing says otherwise.
pub fn default_store_dir() -> PathBuf {
    directories::ProjectDirs::from("pe", "regioncajamarca", "mesa")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("mesa-datos"))
}

/// This PC's own folder for a shared database (logs, exports, the audit
/// witness, cached attachments), named by the address without its
/// password.
pub fn shared_local_dir(address: &str) -> PathBuf {
    let rest = address.split_once("://").map_or(address, |(_, r)| r);
    let (auth, place) = rest.rsplit_once('@').map_or(("", rest), |(a, p)| (a, p));
    let user = auth.split(':').next().unwrap_or("");
    let place = place.split('?').next().unwrap_or(place);
    let name: String = format!("{user}@{place}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    default_store_dir()
        .with_file_name("mesa-compartida")
        .join(name)
}

impl Desk {
    pub fn new(store: Store, config: Config, clock: Clock) -> Desk {
        // The store cleaned its own folders at open; an email folder the
        // configuration names is the desk's too.
        if let Some(dir) = &config.mail.eml_dir {
            crate::store::leftovers::clean_eml_dir(dir);
        }
        Desk {
            store,
            config,
            clock,
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today in the desk's time zone.
    pub fn today_at(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.config.dispatch.timezone)
            .date_naive()
    }

    pub fn year_at(&self, at: DateTime<Utc>) -> i32 {
        self.today_at(at).year()
    }

    /// When a ticket registered at `registered_at` and scheduled now would go.
    pub fn dispatch_for(&self, ticket: &Ticket, now: DateTime<Utc>) -> DispatchDecision {
        self.config
            .dispatch
            .dispatch_known(ticket.registered_at, now, self.known_expiry(ticket))
    }

    /// The expiry the 10-days rule uses: the request's, else the registry's
    /// for the applicant's DNI (see `certificate::known_expiry`).
    pub fn known_expiry(&self, ticket: &Ticket) -> Option<crate::domain::calendar::KnownExpiry> {
        certificate::known_expiry(ticket, |dni| {
            self.store
                .certificates_of(dni)
                .ok()
                .and_then(|c| certificate::registry_expiry(&c))
        })
    }

    /// What rendering an email needs from the configuration.
    pub fn mail_context(&self) -> MailContext<'_> {
        MailContext {
            settings: &self.config.mail,
            rules: &self.config.dispatch,
            institutional_domains: &self.config.validation.institutional_domains,
        }
    }

    /// Applies one move to one ticket.
    pub fn act(&self, id: &str, action: Move, actor: &str, reasons: &[String]) -> Result<Ticket> {
        self.act_and_notify(id, action, actor, reasons)
            .map(|(ticket, _)| ticket)
    }

    /// Applies one move and, in the same transaction, enqueues the emails it
    /// causes; returns the ticket and the ids of the messages enqueued.
    pub fn act_and_notify(
        &self,
        id: &str,
        action: Move,
        actor: &str,
        reasons: &[String],
    ) -> Result<(Ticket, Vec<String>)> {
        self.act_with(id, action, actor, reasons, &CloseDetails::default())
    }

    /// Applies one move with what closing needs (the medium and expiry of an
    /// installed certificate); the certificate the ticket moves is written
    /// in the same transaction, with the emails.
    pub fn act_with(
        &self,
        id: &str,
        action: Move,
        actor: &str,
        reasons: &[String],
        details: &CloseDetails,
    ) -> Result<(Ticket, Vec<String>)> {
        self.act_seen(id, action, actor, reasons, details, None)
    }

    /// [`Desk::act_with`] on the version the analyst saw: refused, changing
    /// nothing, when the ticket changed since (`None`: the current one).
    pub fn act_seen(
        &self,
        id: &str,
        action: Move,
        actor: &str,
        reasons: &[String],
        details: &CloseDetails,
        seen: Option<u64>,
    ) -> Result<(Ticket, Vec<String>)> {
        if action == Move::Undo {
            // An undo has its own check: nobody else touched the ticket.
            return self.undo(id, actor);
        }
        let actor = &self.allow(actor, Capability::of_move(action))?;
        let oversees = self.oversees(actor)?;
        let now = self.now();
        let today = self.today_at(now);
        let rules = &self.config.validation;
        // Worked out before the transaction: its closure must not read the
        // store (sled holds the trees while it runs). What it depends on
        // (arrival time, expiry) never changes on a ticket.
        let dispatch = match action {
            Move::Schedule => Some(self.dispatch_rolled(&self.ticket(id)?, now)),
            _ => None,
        };
        let mail = self.mail_context();
        let ids = [id.to_string()];
        let (mut tickets, queued) = self.store.update_all_with_registry(
            &ids,
            |_, current| {
                let ctx = MoveContext {
                    actor: actor.to_string(),
                    at: now,
                    reasons: reasons.to_vec(),
                    dispatch,
                    seen,
                    oversees,
                };
                current.apply(action, &ctx, today, rules)
            },
            |_, after, entry, seq| crate::mail::events::messages(after, entry, seq, &mail),
            |before, after, entry, known| {
                certificate::effects(before, after, entry, known, today, details)
                    .map_err(MoveRefused::from)
            },
        )?;
        Ok((tickets.remove(0), queued))
    }

    /// The tickets `q` finds, in arrival order, read through the narrowest
    /// index: the DNI index for a DNI, the id for an id, the status and
    /// dispatch indexes, else the compact queue rows (only matches are
    /// decoded).
    pub fn list(&self, q: &Query) -> Result<Vec<Ticket>> {
        if let Some(found) = self.find_exact(q)? {
            return Ok(found);
        }
        let mut out = Vec::new();
        // The narrowest index first; the query decides the rest.
        let source: Box<dyn Iterator<Item = Result<Ticket>>> =
            match (q.statuses.as_slice(), q.dispatch_on) {
                ([one], _) => Box::new(self.store.with_status(*one)),
                (_, Some(day)) => {
                    let tz = self.config.dispatch.timezone;
                    // Stored moments may be a week off the current calendar
                    // (re-derived below): read a wider window, filter after.
                    let start = (day - chrono::Duration::days(7))
                        .and_hms_opt(0, 0, 0)
                        .expect("midnight");
                    let from = chrono::TimeZone::from_local_datetime(&tz, &start).earliest();
                    let to = chrono::TimeZone::from_local_datetime(
                        &tz,
                        &(start + chrono::Duration::days(15)),
                    )
                    .earliest();
                    match (from, to) {
                        (Some(f), Some(t)) => {
                            let mut v: Vec<Ticket> = self
                                .store
                                .dispatched_between(
                                    f.with_timezone(&Utc),
                                    t.with_timezone(&Utc),
                                    q.statuses.is_empty()
                                        || q.statuses.iter().any(|s| s.is_final()),
                                )
                                .collect::<Result<_>>()?;
                            v.sort_by(crate::domain::ticket::arrival_order);
                            Box::new(v.into_iter().map(Ok))
                        }
                        _ => Box::new(self.store.in_arrival_order()),
                    }
                }
                _ => Box::new(self.find_ids(q)?.into_iter().map(|id| self.ticket(&id))),
            };
        for t in source {
            let t = self.current(t?)?;
            if q.matches(&t) {
                out.push(t);
            }
        }
        Ok(out)
    }

    /// A query naming one DNI or one ticket id, answered from the index:
    /// a handful of records decoded, whatever the store's size.
    fn find_exact(&self, q: &Query) -> Result<Option<Vec<Ticket>>> {
        let ids = if let Some(dni) = q.dni() {
            self.store.ids_with_dni(dni)?
        } else if let Some(id) = q.ticket_id() {
            vec![id]
        } else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for id in ids {
            if let Some(t) = self.store.ticket(&id)?
                && q.matches(&t)
                && !out.iter().any(|o: &Ticket| o.id == t.id)
            {
                out.push(t);
            }
        }
        out.sort_by(crate::domain::ticket::arrival_order);
        Ok(Some(out))
    }

    /// The ids of the tickets `q` finds, in arrival order, from the compact
    /// queue rows alone (which hold every field a query looks at): no
    /// record is decoded, so a listing can start printing at once.
    pub fn find_ids(&self, q: &Query) -> Result<Vec<String>> {
        Ok(self.find_rows(q)?.into_iter().map(|r| r.id).collect())
    }

    /// The queue rows `q` finds, in arrival order.
    pub fn find_rows(&self, q: &Query) -> Result<Vec<crate::domain::QueueRow>> {
        let words = q.words();
        let mut out = Vec::new();
        for row in self.store.queue_rows() {
            let row = row?;
            if q.matches_row(&row, &words) {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Whether `q` is answered by an index (DNI, id, one status, a dispatch
    /// day) rather than by the queue rows.
    pub fn indexed(&self, q: &Query) -> bool {
        q.dni().is_some()
            || q.ticket_id().is_some()
            || q.statuses.len() == 1
            || q.dispatch_on.is_some()
    }

    pub fn history(&self, id: &str) -> Result<Vec<HistoryEntry>> {
        self.store.history(id)
    }

    pub fn ticket(&self, id: &str) -> Result<Ticket> {
        let t = self
            .store
            .ticket(id)?
            .ok_or_else(|| crate::store::StoreError::NotFound(id.to_string()))?;
        self.current(t)
    }

    pub fn receipt(&self, operation: &str) -> Result<Option<ReceiptRecord>> {
        self.store.receipt(operation)
    }

    pub fn store_dir(&self) -> &Path {
        self.store.dir()
    }
}
