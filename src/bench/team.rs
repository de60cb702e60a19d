//! `mesa bench --team ADDRESS`: issue 17's load target. Ten analysts, each
//! a process of its own, take and observe the same 50 tickets of a
//! PostgreSQL database for N seconds, every move on the version it read.
//! Then the tickets' histories are checked: never two owners at once, no
//! move by someone who did not own the ticket, one version step per move,
//! one audit entry per move, and the chain verifies.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::fixtures;
use crate::domain::certificate::CloseDetails;
use crate::domain::role::Role;
use crate::domain::team::TeamRefused;
use crate::domain::{Move, MoveRefused, Status};
use crate::store::StoreError;

pub const ANALYSTS: usize = 10;
pub const TICKETS: usize = 50;
/// The demo store the database is filled from (cached like the others).
const DEMO_TICKETS: u64 = 1_000;

/// What one analyst's process did.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub applied: usize,
    /// Refused: another analyst had the ticket.
    pub owner: usize,
    /// Refused: the ticket changed since it was read.
    pub stale: usize,
    pub other: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.applied += o.applied;
        self.owner += o.owner;
        self.stale += o.stale;
        self.other += o.other;
    }
}

pub struct TeamFigures {
    pub analysts: usize,
    pub tickets: usize,
    pub took: Duration,
    pub tally: Tally,
    /// A take while someone owned the ticket, or a move by a non-owner.
    pub two_owners: usize,
    /// Versions that moved by other than one step per move.
    pub version_gaps: usize,
    /// Applied moves without their audit entry.
    pub unaudited: usize,
    pub chain_ok: bool,
}

fn name(i: usize) -> String {
    format!("analista{:02}", i + 1)
}

/// Runs the load on `address` (a database the bench owns) for `seconds`.
pub fn run(exe: &Path, address: &str, cache: &Path, seconds: u64) -> anyhow::Result<TeamFigures> {
    let place = Path::new(address);
    let (source, _) = fixtures::demo_store(cache, DEMO_TICKETS, 1)?;
    super::shared::fill(place, &source)?;
    let desk = fixtures::open_desk(place)?;
    for i in 0..ANALYSTS {
        desk.add_analyst_with_password(
            crate::demo::SUPERVISOR,
            &name(i),
            Role::Analista,
            crate::demo::PASSWORD,
        )?;
    }
    // Free ones first, then observed ones: both can be taken.
    let ids: Vec<String> = desk
        .store
        .with_status(Status::Nuevo)
        .chain(desk.store.with_status(Status::Observado))
        .map(|t| t.map(|t| t.id))
        .take(TICKETS)
        .collect::<Result<_, _>>()?;
    anyhow::ensure!(
        ids.len() == TICKETS,
        "the demo store has too few new or observed tickets"
    );
    let before: Vec<(usize, u64)> = ids
        .iter()
        .map(|id| Ok((desk.history(id)?.len(), desk.ticket(id)?.version)))
        .collect::<anyhow::Result<_>>()?;
    let audit_before = desk.store.audit_len();
    drop(desk);

    let started = Instant::now();
    let children = (0..ANALYSTS)
        .map(|i| {
            Command::new(exe)
                .env("MESA_STORE", place)
                .env("MESA_ANALYST", name(i))
                .env("MESA_PASSWORD", crate::demo::PASSWORD)
                .args(["bench", "--team-worker"])
                .arg(place)
                .args(["--ids", &ids.join(","), "--seconds", &seconds.to_string()])
                .stdout(Stdio::piped())
                .spawn()
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    let mut tally = Tally::default();
    for child in children {
        let out = child.wait_with_output()?;
        anyhow::ensure!(out.status.success(), "an analyst's process failed");
        let n: Vec<usize> = String::from_utf8_lossy(&out.stdout)
            .split_whitespace()
            .map(|n| n.parse().unwrap_or(0))
            .collect();
        tally.add(Tally {
            applied: n.first().copied().unwrap_or(0),
            owner: n.get(1).copied().unwrap_or(0),
            stale: n.get(2).copied().unwrap_or(0),
            other: n.get(3).copied().unwrap_or(0),
        });
    }
    let took = started.elapsed();

    let desk = fixtures::open_desk(place)?;
    let (mut two_owners, mut version_gaps, mut moved) = (0, 0, 0);
    for (id, (len, version)) in ids.iter().zip(before) {
        let history = desk.history(id)?;
        let after = &history[len.min(history.len())..];
        moved += after.len();
        let mut owner: Option<&str> = None;
        for e in after {
            match e.action {
                Some(Move::Take) if owner.is_some() => two_owners += 1,
                Some(Move::Take) => owner = Some(&e.by),
                _ if owner != Some(e.by.as_str()) => two_owners += 1,
                _ => owner = None,
            }
        }
        if desk.ticket(id)?.version != version + after.len() as u64 {
            version_gaps += 1;
        }
    }
    let audited = desk.store.audit_len() - audit_before;
    Ok(TeamFigures {
        analysts: ANALYSTS,
        tickets: TICKETS,
        took,
        two_owners,
        version_gaps: version_gaps + tally.applied.abs_diff(moved),
        unaudited: tally.applied.saturating_sub(audited),
        chain_ok: desk.store.audit_verify()?.is_ok(),
        tally,
    })
}

/// One analyst's process: until the time is up, picks one of `ids`, reads
/// it, and takes it (new or observed) or observes it (being worked), on
/// the version read.
pub fn worker(place: &Path, ids: &str, seconds: u64) -> anyhow::Result<Tally> {
    let desk = fixtures::open_desk(place)?;
    let me = std::env::var("MESA_ANALYST").unwrap_or_default();
    let password = std::env::var("MESA_PASSWORD").unwrap_or_default();
    desk.sign_in(&me, &password, "mesa bench --team")?;
    let ids: Vec<&str> = ids.split(',').filter(|s| !s.is_empty()).collect();
    anyhow::ensure!(!ids.is_empty(), "no tickets");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    // A small generator seeded by the process: each analyst its own order.
    let mut seed = u64::from(std::process::id()) | 1;
    let mut tally = Tally::default();
    let reason = ["carga de prueba".to_string()];
    while Instant::now() < deadline {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let id = ids[(seed % ids.len() as u64) as usize];
        let t = desk.ticket(id)?;
        let (action, reasons): (Move, &[String]) = match t.status {
            Status::Nuevo | Status::Observado => (Move::Take, &[]),
            Status::EnAtencion => (Move::Observe, &reason),
            _ => continue,
        };
        let r = desk.act_seen(
            id,
            action,
            &me,
            reasons,
            &CloseDetails::default(),
            Some(t.version),
        );
        match r {
            Ok(_) => tally.applied += 1,
            Err(StoreError::Refused(MoveRefused::Team(TeamRefused::NotOwner { .. }))) => {
                tally.owner += 1
            }
            Err(StoreError::Refused(MoveRefused::Team(TeamRefused::Stale { .. }))) => {
                tally.stale += 1
            }
            Err(_) => tally.other += 1,
        }
    }
    Ok(tally)
}
