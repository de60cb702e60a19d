//! Open the store → the console's first queue frame drawn (into a
//! `TestBackend`, 120×40), with 100,000 and 1,000,000 tickets. Target at a
//! million: 200 ms. The stores are generated once and kept under
//! `target/bench-stores` (see `mesa::bench::fixtures`).
//!
//! `cargo bench --bench open` (`MESA_BENCH_SIZES=10000,100000` for others).

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use mesa::bench::{self, fixtures};

fn open(c: &mut Criterion) {
    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    for n in fixtures::bench_sizes() {
        let (store, _) = fixtures::demo_store(&fixtures::cache_dir(), n, 1).unwrap();
        group.bench_function(format!("first frame, {n} tickets"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let (console, took) = bench::open_first_frame(&store).unwrap();
                    total += took;
                    drop(console);
                    // sled's flusher lets the file go a moment after the
                    // handle is dropped; the next open must not wait on it.
                    std::thread::sleep(Duration::from_millis(600));
                }
                total
            })
        });
        let started = Instant::now();
        let (mut console, _) = bench::open_first_frame(&store).unwrap();
        let load = console.load_all().unwrap();
        eprintln!(
            "{n} tickets: whole queue in memory {load:?} (opened and loaded in {:?})",
            started.elapsed()
        );
    }
    group.finish();
}

criterion_group!(benches, open);
criterion_main!(benches);
