//! What the measurements run on: demo stores of a given size, cached on
//! disk (a million tickets take a while to generate), a batch of 500
//! scheduled tickets with their photos, and a 10,000-row CSV.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::clock::Clock;
use crate::config::Config;
use crate::demo::{images, rng::Rng};
use crate::desk::Desk;
use crate::store::{NewRecord, SCHEMA_VERSION, Store, summary::SUMMARY_VERSION};

/// The fixed "now" of every measurement (and of the README's examples).
pub const NOW: &str = "2026-11-23T09:00:00-05:00";

pub fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .expect("a valid moment")
        .with_timezone(&Utc)
}

/// The desk on a folder, or on a shared database when `dir` is a
/// `postgres://` address.
pub fn open_desk(dir: &Path) -> crate::store::Result<Desk> {
    Ok(Desk::new(
        open_store(dir)?,
        Config::default(),
        Clock::Fixed(now()),
    ))
}

pub fn open_store(dir: &Path) -> crate::store::Result<Store> {
    use crate::store::engine::shared::{Target, is_address};
    match dir.to_str().filter(|s| is_address(s)) {
        Some(address) => {
            let target =
                Target::parse(address).map_err(|detail| crate::store::StoreError::Shared {
                    target: address
                        .split('@')
                        .next_back()
                        .unwrap_or_default()
                        .to_string(),
                    detail,
                })?;
            Store::open_shared(&target, &crate::desk::shared_local_dir(address))
        }
        None => Store::open(dir),
    }
}

/// Where the cached stores live: `MESA_BENCH_DIR`, else `target/bench-stores`
/// under the cargo target directory.
pub fn cache_dir() -> PathBuf {
    if let Ok(dir) = std::env::var("MESA_BENCH_DIR") {
        return PathBuf::from(dir);
    }
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    PathBuf::from(target).join("bench-stores")
}

/// A cached store's name: what it holds and the shape it was written in, so
/// a change of either builds a new one.
fn store_name(tickets: u64, seed: u64) -> String {
    format!(
        "demo-{tickets}-seed{seed}-schema{SCHEMA_VERSION}-summary{SUMMARY_VERSION}-v{}",
        env!("CARGO_PKG_VERSION")
    )
}

/// The store sizes the criterion benches measure: `MESA_BENCH_SIZES`
/// (comma-separated), else 100,000 and 1,000,000 tickets.
pub fn bench_sizes() -> Vec<u64> {
    std::env::var("MESA_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000, 1_000_000])
}

const READY: &str = "generated-seconds";

/// A demo store of `tickets` tickets (seed `seed`, [`NOW`]) under `cache`,
/// generated on first use, and how long generating it took. Older caches
/// of the same size are deleted: a million-ticket store is gigabytes.
pub fn demo_store(cache: &Path, tickets: u64, seed: u64) -> anyhow::Result<(PathBuf, Duration)> {
    let name = store_name(tickets, seed);
    let dir = cache.join(&name);
    if let Ok(secs) = fs::read_to_string(dir.join(READY)) {
        return Ok((dir, Duration::from_secs_f64(secs.trim().parse()?)));
    }
    fs::create_dir_all(cache)?;
    for e in fs::read_dir(cache)?.flatten() {
        let other = e.file_name().to_string_lossy().into_owned();
        if other.starts_with(&format!("demo-{tickets}-seed{seed}-")) && other != name {
            fs::remove_dir_all(e.path())?;
        }
    }
    let building = cache.join(format!("{name}.partial"));
    if building.exists() {
        fs::remove_dir_all(&building)?;
    }
    let started = Instant::now();
    {
        let mut desk = open_desk(&building)?;
        crate::demo::generate(&mut desk, tickets, seed)?;
    }
    let took = started.elapsed();
    fs::write(building.join(READY), format!("{}", took.as_secs_f64()))?;
    fs::rename(&building, &dir)?;
    Ok((dir, took))
}

/// A directory removed when dropped, under the system's temporary one.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(what: &str) -> std::io::Result<Scratch> {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("mesa-bench-{what}-{}-{n}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Scratch(dir))
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Copies a store directory (without its lock file).
pub fn copy_store(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for e in fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_store(&e.path(), &target)?;
        } else if e.file_name() != "mesa.lock" {
            fs::copy(e.path(), target)?;
        }
    }
    Ok(())
}

/// Tickets in the measured batch.
pub const BATCH_TICKETS: u64 = 500;

/// A store with 500 tickets scheduled for Friday 27/11 16:30, each with a
/// photo and a signature of its own (so the export copies 1,000 files).
pub fn batch_store(dir: &Path) -> anyhow::Result<()> {
    let desk = open_desk(dir)?;
    crate::demo::staff(&desk)?;
    let mut rng = Rng::new(500);
    let mut records: Vec<NewRecord> = Vec::new();
    for i in 0..BATCH_TICKETS {
        let (photo, signature) = crate::demo::stored_images(&desk.store, &mut rng, i % 2 == 0)?;
        let at = now() - chrono::Duration::hours(1) + chrono::Duration::seconds(i as i64);
        records.push(crate::demo::scheduled_record(
            &desk, i, at, photo, signature,
        ));
    }
    desk.store.register_all(&records)?;
    Ok(())
}

/// When the batch of [`batch_store`] is sealed: its dispatch moment.
pub fn batch_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T16:30:00-05:00")
        .expect("a valid moment")
        .with_timezone(&Utc)
}

/// Rows in the measured import.
pub const IMPORT_ROWS: usize = 10_000;

/// A CSV of `rows` rows beside its photos and signatures (four of each,
/// shared, as a desk's CSV of one office would): one ticket a row, mixed
/// kinds, a paid motive with its receipt in one row of four.
pub fn import_csv(dir: &Path, rows: usize) -> anyhow::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let mut rng = Rng::new(10_000);
    for i in 0..4 {
        fs::write(
            dir.join(format!("foto-{i}.jpg")),
            images::portrait(&mut rng, 300, 400, true),
        )?;
        fs::write(
            dir.join(format!("firma-{i}.png")),
            images::signature(&mut rng, 420, 140),
        )?;
    }
    let mut csv = String::from(
        "ticket,kind,motive,registered_at,full_name,dni,dni_issued_on,email,photo,signature,payment_operation,payment_date,payment_amount,cert_expires_on,certificate\n",
    );
    for n in 0..rows {
        let at = (now() - chrono::Duration::minutes((rows - n) as i64)).to_rfc3339();
        let dni = 40_000_000 + n;
        let name = format!("Solicitante {n} Quispe");
        let email = format!("s{n}@regioncajamarca.gob.pe");
        let (f, s) = (n % 4, (n + 1) % 4);
        let line = match n % 4 {
            0 => format!(
                "I{n},reemision,d,{at},{name},{dni},2020-01-15,{email},foto-{f}.jpg,firma-{s}.png,{:08},2026-11-20,8.10,,",
                5_000_000 + n
            ),
            1 => format!(
                "I{n},emision,a,{at},{name},{dni},2019-03-02,{email},foto-{f}.jpg,firma-{s}.png,,,,,"
            ),
            2 => format!(
                "I{n},reemision,a,{at},{name},{dni},2018-07-30,{email},foto-{f}.jpg,firma-{s}.png,,,,2027-01-20,"
            ),
            _ => format!(
                "I{n},emision,b,{at},{name},{dni},2021-11-11,{email},foto-{f}.jpg,firma-{s}.png,,,,2026-10-01,"
            ),
        };
        csv.push_str(&line);
        csv.push('\n');
    }
    let path = dir.join("solicitudes.csv");
    fs::write(&path, csv)?;
    Ok(path)
}
