//! The shared store's figures (issue 16's targets), measured on a
//! PostgreSQL database given to `mesa bench --shared ADDRESS`: the bench
//! owns it (an empty database, or one it filled before; anything else is
//! refused and left as it was), fills it by `store copy` from the cached
//! demo store, and measures what the analysts meet there.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::fixtures;
use crate::domain::Move;

/// The tree that marks a database as the bench's own.
pub(crate) const MARKER: &str = "mesa_bench";

/// How many processes move tickets at once, and how many moves each.
pub const PROCESSES: usize = 10;
pub const MOVES_EACH: usize = 200;

pub struct Figures {
    pub tickets: u64,
    pub fill: Duration,
    pub pty_first: Vec<Duration>,
    pub keys: Vec<Duration>,
    pub moves: Vec<Duration>,
    pub seal: Vec<Duration>,
    pub together: Option<Together>,
}

/// Ten processes taking overlapping tickets at once.
pub struct Together {
    pub attempts: usize,
    pub applied: usize,
    /// Tickets some process took that show no take in their history, or
    /// applied moves without their audit entry.
    pub lost: usize,
    /// Tickets taken more than once.
    pub twice: usize,
    pub chain_ok: bool,
    pub took: Duration,
}

/// Empties the bench's database and copies `from` into it.
pub(crate) fn fill(address: &Path, from: &Path) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let target = fixtures::open_store(address)?;
    target.wipe_bench(MARKER)?;
    let source = crate::store::Store::open(from)?;
    crate::desk::copy::copy(&source, &target)?;
    Ok(started.elapsed())
}

pub fn measure(
    exe: &Path,
    address: &str,
    cache: &Path,
    tickets: u64,
    runs: usize,
) -> anyhow::Result<Figures> {
    let place = Path::new(address);
    let (source, _) = fixtures::demo_store(cache, tickets, 1)?;
    let fill_took = fill(place, &source)?;

    let mut pty_first = Vec::new();
    if super::pty::available() {
        for n in 0..runs {
            pty_first.push(super::pty::first_rows(exe, place, n)?.0);
        }
    }
    let mut console = super::console_filtering(place)?;
    let mut keys = Vec::new();
    for _ in 0..runs {
        keys.extend(super::type_and_erase(&mut console));
    }
    let desk = console.desk;
    let new: Vec<String> = desk
        .store
        .with_status(crate::domain::Status::Nuevo)
        .map(|t| t.map(|t| t.id))
        .take(runs + PROCESSES * MOVES_EACH)
        .collect::<Result<_, _>>()?;
    drop(desk);
    anyhow::ensure!(new.len() > runs, "the demo store has too few new tickets");
    let (one_each, shared_pool) = new.split_at(runs);
    let moves = one_each
        .iter()
        .map(|id| {
            let started = Instant::now();
            let out = cli(exe, place).args(["take", id]).output()?;
            let took = started.elapsed();
            anyhow::ensure!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Ok(took)
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let together = (shared_pool.len() >= PROCESSES * MOVES_EACH / 2)
        .then(|| concurrent(exe, place, shared_pool))
        .transpose()?;

    // The batch last: its store replaces the big one.
    let template = fixtures::Scratch::new("lote")?;
    fixtures::batch_store(template.path())?;
    let out = fixtures::Scratch::new("salida")?;
    let mut seal = Vec::new();
    for _ in 0..runs {
        fill(place, template.path())?;
        seal.push(super::seal_and_export(place, out.path())?);
    }
    Ok(Figures {
        tickets,
        fill: fill_took,
        pty_first,
        keys,
        moves,
        seal,
        together,
    })
}

fn cli(exe: &Path, place: &Path) -> Command {
    let mut c = Command::new(exe);
    c.env("MESA_STORE", place)
        .env("MESA_ANALYST", crate::demo::SUPERVISOR)
        .env("MESA_PASSWORD", crate::demo::PASSWORD);
    c
}

/// Process `i` takes tickets `pool[i*step .. i*step + MOVES_EACH]`: each
/// window overlaps the next by half, so every ticket is asked for twice
/// (most) and must be taken once.
fn concurrent(exe: &Path, place: &Path, pool: &[String]) -> anyhow::Result<Together> {
    let step = MOVES_EACH / 2;
    let windows: Vec<Vec<String>> = (0..PROCESSES)
        .map(|i| {
            pool.iter()
                .skip(i * step)
                .take(MOVES_EACH)
                .cloned()
                .collect()
        })
        .collect();
    let audit_before = fixtures::open_store(place)?.audit_len();
    let started = Instant::now();
    let children = windows
        .iter()
        .map(|ids| {
            cli(exe, place)
                .args(["bench", "--moves"])
                .arg(place)
                .arg("--ids")
                .arg(ids.join(","))
                .stdout(std::process::Stdio::piped())
                .spawn()
        })
        .collect::<std::io::Result<Vec<_>>>()?;
    let mut applied = 0;
    let mut attempts = 0;
    for child in children {
        let out = child.wait_with_output()?;
        anyhow::ensure!(out.status.success(), "a moving process failed");
        let text = String::from_utf8_lossy(&out.stdout);
        let mut parts = text
            .split_whitespace()
            .map(|n| n.parse::<usize>().unwrap_or(0));
        applied += parts.next().unwrap_or(0);
        attempts += parts.next().unwrap_or(0);
    }
    let took = started.elapsed();
    let desk = fixtures::open_desk(place)?;
    let asked: std::collections::BTreeSet<&String> = windows.iter().flatten().collect();
    let (mut lost, mut twice) = (0, 0);
    for id in &asked {
        let takes = desk
            .history(id)?
            .iter()
            .filter(|h| h.action == Some(Move::Take))
            .count();
        match takes {
            0 => lost += 1,
            1 => {}
            _ => twice += 1,
        }
    }
    let entries = desk.store.audit_len() - audit_before;
    lost += applied.saturating_sub(entries);
    Ok(Together {
        attempts,
        applied,
        lost,
        twice: twice + applied.saturating_sub(asked.len()),
        chain_ok: desk.store.audit_verify()?.is_ok(),
        took,
    })
}

/// One of the moving processes: takes each ticket in `ids` through the
/// desk, as `mesa take` does; prints how many it applied and tried.
pub fn moves(place: &Path, ids: &str) -> anyhow::Result<(usize, usize)> {
    let desk = fixtures::open_desk(place)?;
    // The same sign-in as any command: the analyst's password.
    let password = std::env::var("MESA_PASSWORD").unwrap_or_default();
    desk.sign_in(crate::demo::SUPERVISOR, &password, "mesa bench --moves")?;
    let mut applied = 0;
    let mut tried = 0;
    for id in ids.split(',').filter(|s| !s.is_empty()) {
        tried += 1;
        if desk
            .act(id, Move::Take, crate::demo::SUPERVISOR, &[])
            .is_ok()
        {
            applied += 1;
        }
    }
    Ok((applied, tried))
}
