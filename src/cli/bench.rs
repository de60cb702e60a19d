//! `mesa bench`: measures the performance targets on this machine and
//! prints the table (docs/performance.md is one such run).
//! Demo stores are generated on first use and kept (see `bench::fixtures`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;

use crate::bench::{self, fixtures};
use crate::strings::bench as s;

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Tamaños de almacén a medir (tickets), separados por comas
    #[arg(long, value_delimiter = ',', default_values_t = [10_000u64, 100_000, 1_000_000])]
    sizes: Vec<u64>,
    /// Repeticiones de cada medición
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Dónde guardar los almacenes generados (por omisión target/bench-stores)
    #[arg(long, value_name = "DIR")]
    cache: Option<PathBuf>,
    /// (interno) mide la memoria de la consola sobre este almacén y termina
    #[arg(long, value_name = "ALMACÉN", hide = true)]
    rss: Option<PathBuf>,
    /// (interno) abre este almacén, dibuja el primer cuadro, lee la cola entera y termina
    #[arg(long, value_name = "ALMACÉN", hide = true)]
    open: Option<PathBuf>,
    /// (interno) mide las teclas del filtro y el índice de la cola sobre este almacén y termina
    #[arg(long, value_name = "ALMACÉN", hide = true)]
    keys: Option<PathBuf>,
    /// Mide también el almacén compartido en esta base PostgreSQL (vacía o ya usada por mesa bench: se vacía y se llena)
    #[arg(long, value_name = "postgres://…")]
    shared: Option<String>,
    /// (interno) toma los tickets de --ids en este almacén y termina
    #[arg(long, value_name = "ALMACÉN", hide = true)]
    moves: Option<PathBuf>,
    /// (interno) los tickets de --moves, separados por comas
    #[arg(long, value_name = "IDS", hide = true, default_value = "")]
    ids: String,
    /// Solo la carga del equipo: 10 analistas (procesos) toman y observan los mismos 50 tickets en esta base PostgreSQL (la del banco de pruebas: se vacía y se llena)
    #[arg(long, value_name = "postgres://…")]
    team: Option<String>,
    /// Segundos que dura la carga del equipo
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// (interno) un analista de la carga del equipo sobre este almacén
    #[arg(long, value_name = "ALMACÉN", hide = true)]
    team_worker: Option<PathBuf>,
}

/// One size's figures.
struct Sized {
    tickets: u64,
    generated: Duration,
    disk: u64,
    first_frame: Vec<Duration>,
    full_load: Vec<Duration>,
    keys: Vec<Duration>,
    /// Bytes of the console's queue index.
    index: usize,
    rss: Option<(u64, u64)>,
    /// Process start → first frame with rows, in a real terminal.
    pty_first: Vec<Duration>,
    /// The console's peak RSS there, the whole queue loaded.
    pty_rss: Vec<u64>,
    /// `mesa list --search DNI --json`, whole process.
    cli_dni: Vec<Duration>,
}

fn median(v: &[Duration]) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn mean(v: &[Duration]) -> Duration {
    v.iter().sum::<Duration>() / v.len().max(1) as u32
}

fn worst(v: &[Duration]) -> Duration {
    v.iter().max().copied().unwrap_or_default()
}

/// The time 95% of the samples stay within.
fn p95(v: &[Duration]) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    v.get((v.len() * 95).div_ceil(100).saturating_sub(1))
        .copied()
        .unwrap_or_default()
}

fn disk_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| match e.file_type() {
                    Ok(t) if t.is_dir() => disk_bytes(&e.path()),
                    _ => e.metadata().map(|m| m.len()).unwrap_or(0),
                })
                .sum()
        })
        .unwrap_or(0)
}

/// Opening the store → first frame, then the whole queue read, in a process
/// of its own, as an analyst starting `mesa` opens it. (Reopened in one
/// process, sled's previous handle holds its file a while after it is
/// dropped, and the next open waits for it.)
fn open_in_own_process(store: &Path) -> anyhow::Result<(Duration, Duration)> {
    let out = std::process::Command::new(std::env::current_exe()?)
        .arg("bench")
        .arg("--open")
        .arg(store)
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace().map(|p| p.parse::<u64>());
    match (parts.next(), parts.next()) {
        (Some(Ok(frame)), Some(Ok(load))) => {
            Ok((Duration::from_nanos(frame), Duration::from_nanos(load)))
        }
        _ => anyhow::bail!(
            "mesa bench --open: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
    }
}

/// Memory of the console, measured in a process of its own.
fn console_memory(store: &Path) -> Option<(u64, u64)> {
    let out = std::process::Command::new(std::env::current_exe().ok()?)
        .arg("bench")
        .arg("--rss")
        .arg(store)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace().map(|p| p.parse::<u64>());
    match (parts.next(), parts.next()) {
        (Some(Ok(now)), Some(Ok(peak))) => Some((now, peak)),
        _ => None,
    }
}

fn measure_size(cache: &Path, tickets: u64, runs: usize) -> anyhow::Result<Sized> {
    super::out::note(&s::preparing(tickets, cache));
    let (store, generated) = fixtures::demo_store(cache, tickets, 1)?;
    let (mut first_frame, mut full_load) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        let (frame, load) = open_in_own_process(&store)?;
        first_frame.push(frame);
        full_load.push(load);
    }
    let (keys, index) = keystrokes(&store, runs)?;
    let (pty_first, pty_rss, cli_dni) = as_the_analyst_meets_it(&store, runs);
    Ok(Sized {
        pty_first,
        pty_rss,
        cli_dni,
        tickets,
        generated,
        disk: disk_bytes(&store),
        first_frame,
        full_load,
        keys,
        index,
        rss: console_memory(&store),
    })
}

/// The real-terminal start and the command line's find-by-DNI, each as a
/// whole process of the binary; left empty (with a note) where they cannot
/// be measured.
fn as_the_analyst_meets_it(store: &Path, runs: usize) -> (Vec<Duration>, Vec<u64>, Vec<Duration>) {
    let (mut first, mut rss, mut dni_times) = (Vec::new(), Vec::new(), Vec::new());
    let Ok(exe) = std::env::current_exe() else {
        return (first, rss, dni_times);
    };
    if bench::pty::available() {
        for n in 0..runs {
            match bench::pty::first_rows(&exe, store, n) {
                Ok((t, peak)) => {
                    first.push(t);
                    rss.push(peak);
                }
                Err(e) => {
                    super::out::note(&crate::strings::speed::bench_pty_failed(&e.to_string()));
                    break;
                }
            }
        }
    } else {
        super::out::note(crate::strings::speed::bench_no_tmux());
    }
    if let Ok(dni) = bench::pty::some_dni(&exe, store) {
        // As the analyst meets it after signing in once (`mesa entrar`):
        // the measured commands run on that session, without a password.
        if let Err(e) = bench::pty::sign_in_once(&exe, store) {
            super::out::note(&crate::strings::speed::bench_pty_failed(&e.to_string()));
        }
        for _ in 0..runs {
            match bench::pty::list_by_dni(&exe, store, &dni) {
                Ok(t) => dni_times.push(t),
                Err(e) => {
                    super::out::note(&crate::strings::speed::bench_pty_failed(&e.to_string()));
                    break;
                }
            }
        }
        let _ = bench::pty::sign_out(&exe, store);
    }
    (first, rss, dni_times)
}

/// Each filter key's time over `runs` typings, and the index's bytes.
fn keystrokes(store: &Path, runs: usize) -> anyhow::Result<(Vec<Duration>, usize)> {
    let mut console = bench::console_filtering(store)?;
    let mut keys = Vec::new();
    for _ in 0..runs {
        keys.extend(bench::type_and_erase(&mut console));
    }
    Ok((keys, console.app.queue.heap_bytes()))
}

fn seal_export(runs: usize) -> anyhow::Result<Vec<Duration>> {
    let template = fixtures::Scratch::new("lote")?;
    fixtures::batch_store(template.path())?;
    (0..runs)
        .map(|_| {
            let (store, out) = (
                fixtures::Scratch::new("sellar")?,
                fixtures::Scratch::new("salida")?,
            );
            fixtures::copy_store(template.path(), store.path())?;
            bench::seal_and_export(store.path(), out.path())
        })
        .collect()
}

fn import(runs: usize) -> anyhow::Result<Vec<Duration>> {
    let files = fixtures::Scratch::new("csv")?;
    let csv = fixtures::import_csv(files.path(), fixtures::IMPORT_ROWS)?;
    (0..runs)
        .map(|_| {
            let store = fixtures::Scratch::new("importar")?;
            bench::import(store.path(), &csv)
        })
        .collect()
}

/// Prints one row: operation, size, measured, target, met.
type Row<'a> = &'a dyn Fn(&str, &str, String, &str, bool) -> anyhow::Result<()>;

/// The shared store's rows (issue 16's targets).
fn shared_rows(f: &bench::shared::Figures, row: Row) -> anyhow::Result<()> {
    use crate::strings::shared as w;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let size = s::tickets(f.tickets);
    if !f.pty_first.is_empty() {
        let t = ms(median(&f.pty_first));
        row(
            &w::bench_row(crate::strings::speed::bench_pty_first_rows()),
            &size,
            s::millis(t),
            "≤ 300 ms",
            t <= 300.0,
        )?;
    }
    let (m, p, x) = (mean(&f.keys), p95(&f.keys), worst(&f.keys));
    row(
        &w::bench_row(s::keystroke()),
        &size,
        s::key_times(ms(m), ms(p), ms(x)),
        "≤ 16 ms",
        ms(p) <= 16.0,
    )?;
    let mv = ms(median(&f.moves));
    row(
        &w::bench_row(w::bench_move()),
        &size,
        s::millis(mv),
        "≤ 100 ms",
        mv <= 100.0,
    )?;
    let seal = median(&f.seal).as_secs_f64();
    row(
        &w::bench_row(s::seal_export()),
        &s::tickets(bench::fixtures::BATCH_TICKETS),
        s::seconds(seal),
        "≤ 2 s",
        seal <= 2.0,
    )?;
    if let Some(t) = &f.together {
        let ok = t.lost == 0 && t.twice == 0 && t.chain_ok;
        row(
            &w::bench_row(&w::bench_together(
                bench::shared::PROCESSES,
                bench::shared::MOVES_EACH,
            )),
            &size,
            w::bench_together_result(
                t.attempts,
                t.applied,
                t.lost,
                t.twice,
                t.chain_ok,
                t.attempts as f64 / t.took.as_secs_f64(),
            ),
            &w::bench_together_target(),
            ok,
        )?;
    }
    row(
        &w::bench_row(w::bench_fill()),
        &size,
        s::seconds(f.fill.as_secs_f64()),
        "—",
        true,
    )
}

/// Taskwarrior on the same question as `mesa list --search DNI --json`,
/// at each size up to 100,000 that measured mesa's; skipped with a note
/// where `task` cannot be had.
fn taskwarrior_side_by_side<'a>(
    cache: &Path,
    sizes: &'a [Sized],
    runs: usize,
) -> Vec<(&'a Sized, Vec<Duration>)> {
    use crate::bench::taskwarrior as tw;
    let wanted: Vec<&Sized> = sizes
        .iter()
        .filter(|z| !z.cli_dni.is_empty() && z.tickets <= 100_000)
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let task = match tw::ensure_installed() {
        Ok(t) => t,
        Err(why) => {
            super::out::note(&crate::strings::speed::bench_task_skipped(&why));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for z in wanted {
        let n = z.tickets as usize;
        let found = tw::database(&task, cache, n)
            .and_then(|rc| tw::find_times(&task, &rc, &tw::dni_of(n / 2), runs));
        match found {
            Ok(times) => out.push((z, times)),
            Err(why) => super::out::note(&crate::strings::speed::bench_task_skipped(&why)),
        }
    }
    out
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<u64>().ok())
        })
        .unwrap_or(0);
    s::machine(&cpu, cores, mem * 1024)
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

pub fn run(a: BenchArgs) -> anyhow::Result<()> {
    if let Some(store) = a.rss {
        let (now, peak) = bench::console_memory(&store)?;
        outln!("{now} {peak}")?;
        return Ok(());
    }
    if let Some(store) = a.open {
        let (mut console, frame) = bench::open_first_frame(&store)?;
        let load = console.load_all()?;
        outln!("{} {}", frame.as_nanos(), load.as_nanos())?;
        return Ok(());
    }
    if let Some(store) = &a.team_worker {
        let t = bench::team::worker(store, &a.ids, a.seconds)?;
        outln!("{} {} {} {}", t.applied, t.owner, t.stale, t.other)?;
        return Ok(());
    }
    if let Some(address) = &a.team {
        return team(&a, address);
    }
    if let Some(store) = a.moves {
        let (applied, tried) = bench::shared::moves(&store, &a.ids)?;
        outln!("{applied} {tried}")?;
        return Ok(());
    }
    let runs = a.runs.max(1);
    if let Some(store) = a.keys {
        let (keys, index) = keystrokes(&store, runs)?;
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        outln!(
            "{}",
            crate::strings::bench_keys::keys_on_store(
                &s::key_times(ms(mean(&keys)), ms(p95(&keys)), ms(worst(&keys))),
                &s::megabytes(index as f64 / (1 << 20) as f64),
                index,
            )
        )?;
        return Ok(());
    }
    let cache = a.cache.unwrap_or_else(fixtures::cache_dir);
    let load_before = load();
    let mut sizes = Vec::new();
    for &n in &a.sizes {
        sizes.push(measure_size(&cache, n, runs)?);
    }
    super::out::note(s::measuring_batch());
    let seal = seal_export(runs)?;
    let imported = import(runs)?;
    let shared = match &a.shared {
        Some(address) => {
            let size = a
                .sizes
                .iter()
                .copied()
                .filter(|&n| n <= 100_000)
                .max()
                .unwrap_or(10_000);
            super::out::note(&crate::strings::shared::bench_measuring(size));
            let exe = std::env::current_exe()?;
            Some(bench::shared::measure(&exe, address, &cache, size, runs)?)
        }
        None => None,
    };
    let tasks = taskwarrior_side_by_side(&cache, &sizes, runs);
    let load_after = load();

    outln!("{}", machine())?;
    outln!("{}", s::load(&load_before, &load_after))?;
    outln!()?;
    outln!("{}", s::header())?;
    outln!("|---|---|---|---|---|")?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let row = |op: &str, size: &str, measured: String, target: &str, met: bool| {
        outln!(
            "| {op} | {size} | {measured} | {target} | {} |",
            s::met(met)
        )
    };
    let sp = crate::strings::speed::bench_pty_first_rows();
    let target = |z: &Sized, small: f64, big: f64| if z.tickets > 100_000 { big } else { small };
    for z in sizes.iter().filter(|z| !z.pty_first.is_empty()) {
        let t = ms(median(&z.pty_first));
        let goal = target(z, 150.0, 250.0);
        row(
            sp,
            &s::tickets(z.tickets),
            s::millis(t),
            &format!("≤ {goal:.0} ms"),
            t <= goal,
        )?;
    }
    for z in sizes.iter().filter(|z| !z.cli_dni.is_empty()) {
        let t = ms(median(&z.cli_dni));
        let goal = target(z, 40.0, 80.0);
        row(
            crate::strings::speed::bench_cli_dni(),
            &s::tickets(z.tickets),
            s::millis(t),
            &format!("≤ {goal:.0} ms"),
            t <= goal,
        )?;
    }
    for z in sizes.iter().filter(|z| !z.pty_rss.is_empty()) {
        let mut v = z.pty_rss.clone();
        v.sort();
        let mb = v[v.len() / 2] as f64 / (1 << 20) as f64;
        let goal = target(z, 150.0, 300.0);
        row(
            crate::strings::speed::bench_pty_memory(),
            &s::tickets(z.tickets),
            s::megabytes(mb),
            &format!("≤ {goal:.0} MB"),
            mb <= goal,
        )?;
    }
    if let Some(f) = &shared {
        shared_rows(f, &row)?;
    }
    for (z, found) in &tasks {
        let (t, m) = (ms(median(found)), ms(median(&z.cli_dni)));
        row(
            crate::strings::speed::bench_task_find(),
            &s::tickets(z.tickets),
            s::millis(t),
            "—",
            true,
        )?;
        let ratio = m / t;
        row(
            crate::strings::speed::bench_task_ratio(),
            &s::tickets(z.tickets),
            format!("{ratio:.3}"),
            "≤ 0,05",
            ratio <= 0.05,
        )?;
    }
    for z in &sizes {
        let size = s::tickets(z.tickets);
        let first = median(&z.first_frame);
        row(
            &crate::strings::speed::bench_in_process(s::first_frame()),
            &size,
            s::millis(ms(first)),
            "≤ 200 ms",
            ms(first) <= 200.0,
        )?;
    }
    for z in &sizes {
        let size = s::tickets(z.tickets);
        let (m, p, w) = (mean(&z.keys), p95(&z.keys), worst(&z.keys));
        row(
            s::keystroke(),
            &size,
            s::key_times(ms(m), ms(p), ms(w)),
            "≤ 16 ms",
            ms(p) <= 16.0,
        )?;
    }
    let seal = median(&seal);
    row(
        s::seal_export(),
        &s::tickets(fixtures::BATCH_TICKETS),
        s::seconds(seal.as_secs_f64()),
        "≤ 1 s",
        seal.as_secs_f64() <= 1.0,
    )?;
    let imported = median(&imported);
    row(
        s::import(),
        &s::rows(fixtures::IMPORT_ROWS as u64),
        s::seconds(imported.as_secs_f64()),
        "≤ 2 s",
        imported.as_secs_f64() <= 2.0,
    )?;
    for z in &sizes {
        if let Some((_, peak)) = z.rss {
            let mb = peak as f64 / (1 << 20) as f64;
            row(
                &crate::strings::speed::bench_in_process(s::memory()),
                &s::tickets(z.tickets),
                s::megabytes(mb),
                "≤ 300 MB",
                mb <= 300.0,
            )?;
        }
    }
    for z in &sizes {
        let secs = z.generated.as_secs_f64();
        row(
            s::generate(),
            &s::tickets(z.tickets),
            s::seconds(secs),
            "≤ 120 s",
            secs <= 120.0,
        )?;
    }
    outln!()?;
    outln!("{}", s::growth_header())?;
    outln!("|---|---|---|---|---|---|---|---|")?;
    for z in &sizes {
        outln!(
            "| {} | {} | {} | {} | {} | {} | {} | {} |",
            s::tickets(z.tickets),
            s::millis(ms(median(&z.first_frame))),
            s::seconds(median(&z.full_load).as_secs_f64()),
            s::key_times(ms(mean(&z.keys)), ms(p95(&z.keys)), ms(worst(&z.keys))),
            z.rss
                .map(|(_, p)| s::megabytes(p as f64 / (1 << 20) as f64))
                .unwrap_or_else(|| "—".into()),
            s::megabytes(z.index as f64 / (1 << 20) as f64),
            s::megabytes(z.disk as f64 / (1 << 20) as f64),
            s::seconds(z.generated.as_secs_f64()),
        )?;
    }
    Ok(())
}

/// `mesa bench --team`: issue 17's load, printed.
fn team(a: &BenchArgs, address: &str) -> anyhow::Result<()> {
    use crate::strings::team as w;
    anyhow::ensure!(
        crate::store::engine::shared::is_address(address),
        w::bench_team_needs_shared()
    );
    let exe = std::env::current_exe()?;
    let cache = a.cache.clone().unwrap_or_else(fixtures::cache_dir);
    let f = bench::team::run(&exe, address, &cache, a.seconds)?;
    let secs = f.took.as_secs_f64();
    outln!(
        "{}",
        w::bench_team(
            f.analysts,
            f.tickets,
            secs,
            f.tally.applied,
            f.tally.applied as f64 / secs.max(0.001),
            f.tally.owner,
            f.tally.stale,
            f.tally.other,
        )
    )?;
    outln!(
        "{}",
        w::bench_team_checks(f.two_owners, f.version_gaps, f.unaudited, f.chain_ok)
    )?;
    anyhow::ensure!(
        f.two_owners == 0 && f.version_gaps == 0 && f.unaudited == 0 && f.chain_ok,
        w::bench_team_failed()
    );
    Ok(())
}
