//! A small demo's recent weeks, lived through the desk. Tickets are
//! generated and walked exactly as in the bulk path (one random sequence);
//! those registered before the window are written in bulk, the others are
//! registered and moved by the desk itself at the moment their history
//! says, with the desk's clock set to that moment. So everything that
//! follows from a move follows here too: the weekly batch sealed and marked
//! sent, RENIEC's answers creating certificates, installations and
//! cancellations moving them, the mail each move queues, the audit log.
//!
//! An installation ticket that arrives while a certificate of the registry
//! awaits download is registered for that certificate (its holder, its
//! id), as the intake form would; one cancellation in four likewise
//! cancels an installed certificate. A move the desk refuses is not made
//! and that ticket's life stops there.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};

use super::rng::Rng;
use super::{CHUNK, SUPERVISOR, arrival_times, make_media, staff, ticket, walk};
use crate::clock::Clock;
use crate::desk::Desk;
use crate::desk::batch::BatchError;
use crate::desk::import::ImportFailure;
use crate::domain::batch::Outcome;
use crate::domain::certificate::{CertStatus, Certificate, CloseDetails, Medium};
use crate::domain::ticket::HistoryEntry;
use crate::domain::{Kind, Move};
use crate::store::{NewRecord, Result, Sealed, StoreError};

/// The weeks before now that go through the desk.
const WINDOW_DAYS: i64 = 56;
/// How long an installed certificate is valid: the demo's assumption (the
/// installation records the expiry the certificate shows).
const VALIDITY_MONTHS: u32 = 24;
/// The side sequence for what the bulk path does not draw (the
/// directory), so the tickets stay those of the bulk path.
const SIDE: u64 = 0x005E_ED0F_DE5C;

/// One ticket of the window: as registered, and the rest of its walk.
struct Plan {
    record: NewRecord,
    life: Vec<HistoryEntry>,
    id: Option<String>,
    /// The registry certificate it was registered for.
    cert: Option<String>,
    stopped: bool,
}

/// A move of a ticket's life: the plan and the entry of its walk.
type Entry = (usize, usize);

/// Every step in time order, and RENIEC's answers grouped per batch and
/// day (the answer comes as one file).
struct Timeline {
    steps: Vec<(DateTime<Utc>, Step)>,
    answers: Vec<Vec<Entry>>,
}

/// What happens, in time order; at equal times, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Register(usize),
    Move(usize, usize),
    /// Seal the batch of the dispatch at this moment.
    Seal,
    /// Mark the batch of this dispatch moment sent, a few minutes later.
    Send(DateTime<Utc>),
    /// RENIEC's answers of one batch on one day.
    Answer(usize),
}

pub(super) fn generate(desk: &mut Desk, count: u64, seed: u64) -> Result<u64> {
    let mut state = desk.store.bulk_start()?;
    let now = desk.now();
    let mut rng = Rng::new(seed);
    let media = make_media(desk, &mut rng)?;
    let arrivals = arrival_times(desk, &mut rng, now, count);
    let origin = set_up(desk, arrivals.first().copied().unwrap_or(now));
    desk.clock = Clock::Fixed(origin);
    staff(desk)?;
    let window = now - Duration::days(WINDOW_DAYS);
    let mut op = seed.wrapping_mul(1_000_000) % 9_000_000;
    let mut before = Vec::new();
    let mut plans = Vec::new();
    for (seq, at) in arrivals.into_iter().enumerate() {
        let (t, receipts) = ticket(desk, &mut rng, &media, seq as u64, at, &mut op);
        let registered = (at >= window).then(|| t.clone());
        let (t, history) = walk(desk, &mut rng, t, now);
        let id_year = desk.year_at(at);
        match registered {
            None => before.push(NewRecord {
                ticket: t,
                id_year,
                history,
                receipts,
            }),
            Some(first) => {
                let mut life = history.into_iter();
                let born: Vec<HistoryEntry> = life.next().into_iter().collect();
                plans.push(Plan {
                    record: NewRecord {
                        ticket: first,
                        id_year,
                        history: born,
                        receipts,
                    },
                    life: life.collect(),
                    id: None,
                    cert: None,
                    stopped: false,
                });
            }
        }
    }
    let mut lots = Vec::new();
    let mut before = before.into_iter().peekable();
    while before.peek().is_some() {
        let chunk: Vec<NewRecord> = before.by_ref().take(CHUNK).collect();
        lots.push(super::write_lot(desk, &mut state, chunk, origin)?);
    }
    let mut registered = desk.store.bulk_finish(state)?;
    if !lots.is_empty() {
        desk.store.audit_append_all(lots)?;
    }
    let mut side = Rng::new(seed ^ SIDE);
    super::people::import(desk, plans.iter().map(|p| &p.record.ticket), &mut side)?;
    let mut replay = Replay {
        plans,
        pending: Vec::new(),
        by_id: HashMap::new(),
        sealed: HashMap::new(),
        sent: HashSet::new(),
        claimed: HashSet::new(),
        cancellations: 0,
        installs: 0,
        registered: 0,
    };
    replay.run(desk)?;
    registered += replay.registered;
    desk.clock = Clock::Fixed(now);
    super::delivery::settle(desk, now)?;
    Ok(registered)
}

/// When the desk was set up (its staff, its directory): 08:00 of the
/// working day before its first ticket.
fn set_up(desk: &Desk, first: DateTime<Utc>) -> DateTime<Utc> {
    let rules = &desk.config.dispatch;
    let mut day = desk.today_at(first) - Duration::days(1);
    while !rules.is_working_day(day) {
        day -= Duration::days(1);
    }
    day.and_hms_opt(8, 0, 0)
        .and_then(|t| chrono::TimeZone::from_local_datetime(&rules.timezone, &t).earliest())
        .map_or(first - Duration::days(1), |t| t.with_timezone(&Utc))
}

struct Replay {
    plans: Vec<Plan>,
    /// Arrived, not yet written: registered together before the next move.
    pending: Vec<usize>,
    by_id: HashMap<String, usize>,
    /// The batches sealed, by dispatch moment.
    sealed: HashMap<DateTime<Utc>, String>,
    /// In a batch marked sent.
    sent: HashSet<usize>,
    /// Certificates an installation or a cancellation was registered for.
    claimed: HashSet<(Kind, String)>,
    cancellations: u64,
    installs: usize,
    registered: u64,
}

impl Replay {
    fn timeline(&self, desk: &Desk) -> Timeline {
        let mut steps = Vec::new();
        let mut seals = BTreeSet::new();
        let mut groups: BTreeMap<(DateTime<Utc>, NaiveDate), Vec<Entry>> = BTreeMap::new();
        for (i, p) in self.plans.iter().enumerate() {
            steps.push((p.record.ticket.registered_at, Step::Register(i)));
            let mut dispatch = None;
            for (k, e) in p.life.iter().enumerate() {
                match e.action {
                    Some(Move::Send) => {
                        dispatch = Some(e.at);
                        seals.insert(e.at);
                    }
                    Some(Move::Approve | Move::Reject) => {
                        let batch = dispatch.unwrap_or(e.at);
                        groups
                            .entry((batch, desk.today_at(e.at)))
                            .or_default()
                            .push((i, k));
                    }
                    _ => steps.push((e.at, Step::Move(i, k))),
                }
            }
        }
        for at in seals {
            steps.push((at, Step::Seal));
            steps.push((at + Duration::minutes(10), Step::Send(at)));
        }
        let groups: Vec<Vec<Entry>> = groups.into_values().collect();
        for (g, members) in groups.iter().enumerate() {
            // The file arrives with the day's last answer.
            let at = members
                .iter()
                .map(|(i, k)| self.plans[*i].life[*k].at)
                .max()
                .expect("a group has members");
            steps.push((at, Step::Answer(g)));
        }
        steps.sort();
        Timeline {
            steps,
            answers: groups,
        }
    }

    fn run(&mut self, desk: &mut Desk) -> Result<()> {
        let Timeline { steps, answers } = self.timeline(desk);
        for (at, step) in steps {
            match step {
                Step::Register(i) => self.arrive(desk, i, at)?,
                Step::Move(i, k) => {
                    self.flush(desk)?;
                    desk.clock = Clock::Fixed(at);
                    self.act(desk, i, k)?;
                }
                Step::Seal => {
                    self.flush(desk)?;
                    desk.clock = Clock::Fixed(at);
                    self.seal(desk, at)?;
                }
                Step::Send(dispatch) => {
                    self.flush(desk)?;
                    desk.clock = Clock::Fixed(at);
                    self.send(desk, dispatch)?;
                }
                Step::Answer(g) => {
                    self.flush(desk)?;
                    desk.clock = Clock::Fixed(at);
                    self.answer(desk, &answers[g])?;
                }
            }
        }
        self.flush(desk)
    }

    /// A ticket arrives: for a certificate of the registry when one fits,
    /// else as generated (kept to be registered with the next ones).
    fn arrive(&mut self, desk: &mut Desk, i: usize, at: DateTime<Utc>) -> Result<()> {
        let kind = self.plans[i].record.ticket.kind;
        if let Some(cert) = self.slot(desk, kind, at)? {
            self.flush(desk)?;
            desk.clock = Clock::Fixed(at);
            let p = &self.plans[i];
            let t = &p.record.ticket;
            let row: BTreeMap<&'static str, String> = [
                ("ticket", "1".to_string()),
                ("kind", kind.code().to_string()),
                ("motive", t.motive.map(String::from).unwrap_or_default()),
                ("full_name", cert.holder.clone()),
                ("dni", cert.dni.clone()),
                ("email", cert.email.clone()),
                ("certificate", cert.id.clone()),
            ]
            .into_iter()
            .collect();
            let base = desk.store_dir().to_path_buf();
            match desk.register_fields(&[row], &base, &t.registered_by) {
                Ok(mut ids) => {
                    let id = ids.remove(0);
                    self.by_id.insert(id.clone(), i);
                    self.plans[i].id = Some(id);
                    self.plans[i].cert = Some(cert.id);
                    self.registered += 1;
                    return Ok(());
                }
                Err(ImportFailure::Store(e)) => return Err(e),
                // The intake refused it: the ticket comes as generated.
                Err(ImportFailure::Rows(_)) => {}
            }
        }
        self.pending.push(i);
        Ok(())
    }

    /// The certificate an installation or a cancellation arriving at `at`
    /// is for, if the registry has one that fits and is not taken.
    fn slot(&mut self, desk: &Desk, kind: Kind, at: DateTime<Utc>) -> Result<Option<Certificate>> {
        let wanted = match kind {
            Kind::Instalacion => CertStatus::PorDescargar,
            Kind::Cancelacion => {
                self.cancellations += 1;
                if self.cancellations % 4 != 1 {
                    return Ok(None);
                }
                CertStatus::Instalado
            }
            _ => return Ok(None),
        };
        let today = desk.today_at(at);
        let fit = desk
            .store
            .certificates()?
            .into_iter()
            .filter(|c| c.status(today) == wanted && !self.claimed.contains(&(kind, c.id.clone())))
            // The latest approved: staff come soon after the email.
            .max_by_key(|c| (c.approved_on, c.id.clone()));
        if let Some(c) = &fit {
            self.claimed.insert((kind, c.id.clone()));
        }
        Ok(fit)
    }

    /// Registers the tickets that arrived since the last move, in arrival
    /// order: one transaction, as an import would.
    fn flush(&mut self, desk: &Desk) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let records: Vec<NewRecord> = self
            .pending
            .iter()
            .map(|i| self.plans[*i].record.clone())
            .collect();
        let ids = desk.store.register_all(&records)?;
        for (i, id) in self.pending.drain(..).zip(ids) {
            self.by_id.insert(id.clone(), i);
            self.plans[i].id = Some(id);
            self.registered += 1;
        }
        Ok(())
    }

    /// One move of a ticket's history, made by the analyst it names.
    fn act(&mut self, desk: &Desk, i: usize, k: usize) -> Result<()> {
        let p = &self.plans[i];
        let (Some(id), false) = (p.id.clone(), p.stopped) else {
            return Ok(());
        };
        let e = &p.life[k];
        let Some(action) = e.action else {
            return Ok(());
        };
        let installs = action == Move::Close && p.record.ticket.kind == Kind::Instalacion;
        let result = if installs {
            let details = self.install_details(desk, i)?;
            let p = &self.plans[i];
            let e = &p.life[k];
            desk.act_with(&id, action, &e.by, &e.reasons, &details)
                .map(|_| ())
        } else {
            desk.act(&id, action, &e.by, &e.reasons).map(|_| ())
        };
        self.settle(result, &[i])
    }

    /// A refused move stops those tickets' lives; anything else is an error.
    fn settle(&mut self, result: Result<()>, plans: &[usize]) -> Result<()> {
        match result {
            Ok(()) => Ok(()),
            Err(StoreError::Refused(_)) => {
                for i in plans {
                    self.plans[*i].stopped = true;
                }
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// What the analyst types when closing an installation: the medium, and
    /// the expiry the installed certificate shows (known for the registry's
    /// own certificates).
    fn install_details(&mut self, desk: &Desk, i: usize) -> Result<CloseDetails> {
        // Each medium in turn, so that even a small demo has them all.
        let medium = Medium::ALL[self.installs % Medium::ALL.len()];
        self.installs += 1;
        let expires_on = match &self.plans[i].cert {
            Some(id) => desk.store.certificate(id)?.and_then(|c| {
                c.approved_on
                    .checked_add_months(Months::new(VALIDITY_MONTHS))
            }),
            None => None,
        };
        Ok(CloseDetails {
            medium: Some(medium),
            expires_on,
        })
    }

    /// The supervisor seals the batch of the dispatch at `at`, at once.
    fn seal(&mut self, desk: &Desk, at: DateTime<Utc>) -> Result<()> {
        match desk.seal(Some(desk.today_at(at)), None, SUPERVISOR) {
            Ok(Sealed::New(b)) => {
                self.sealed.insert(at, b.id);
                Ok(())
            }
            Ok(Sealed::Already(_)) => Ok(()),
            Err(BatchError::Store(e)) => Err(e),
            // Nothing left to send, or a ticket that cannot go: the batch
            // stays unsealed, its tickets scheduled, as on a real desk.
            Err(_) => Ok(()),
        }
    }

    /// The supervisor marks the batch of the dispatch at `dispatch` sent.
    fn send(&mut self, desk: &Desk, dispatch: DateTime<Utc>) -> Result<()> {
        let Some(batch) = self.sealed.get(&dispatch) else {
            return Ok(());
        };
        // Sent at its moment: no reason needed; a refusal leaves it unsent.
        let tickets = match desk.mark_sent(batch, None, SUPERVISOR) {
            Ok((_, tickets)) => tickets,
            Err(crate::desk::batch::BatchError::Store(e)) => return Err(e),
            Err(_) => return Ok(()),
        };
        for t in tickets {
            if let Some(i) = self.by_id.get(&t.id) {
                self.sent.insert(*i);
            }
        }
        Ok(())
    }

    /// RENIEC's answers for one batch on one day, recorded by the supervisor.
    fn answer(&mut self, desk: &Desk, members: &[Entry]) -> Result<()> {
        let mut outcomes = Vec::new();
        let mut who = Vec::new();
        for (i, k) in members {
            let p = &self.plans[*i];
            let Some(id) = p.id.clone().filter(|_| !p.stopped && self.sent.contains(i)) else {
                continue;
            };
            let e = &p.life[*k];
            let on = desk.today_at(e.at);
            let outcome = match e.action {
                Some(Move::Approve) => Outcome::Approved { on },
                _ => Outcome::Rejected {
                    on,
                    reason: e.reasons.first().cloned().unwrap_or_default(),
                },
            };
            outcomes.push((id, outcome));
            who.push(*i);
        }
        if outcomes.is_empty() {
            return Ok(());
        }
        let result = desk.record_outcomes(&outcomes, SUPERVISOR).map(|_| ());
        self.settle(result, &who)
    }
}
