//! One keystroke in the queue's filter → the frame redrawn (120×40), with
//! 100,000 and 1,000,000 tickets (target: 16 ms, one 60 Hz frame). The
//! stores are generated once and kept under `target/bench-stores`; the
//! queue index is built once, as when the console opens.
//!
//! `cargo bench --bench console` (`MESA_BENCH_SIZES` as for `open`).

use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::KeyCode;
use mesa::bench::{self, fixtures};

fn keystrokes(c: &mut Criterion) {
    let mut group = c.benchmark_group("filter");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    for n in fixtures::bench_sizes() {
        let (store, _) = fixtures::demo_store(&fixtures::cache_dir(), n, 1).unwrap();
        let mut console = bench::console_filtering(&store).unwrap();
        // Typing "rosa" and erasing it: eight keystrokes, each redrawn.
        group.bench_function(format!("keystroke + frame, {n} tickets"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let keys = bench::type_and_erase(&mut console);
                    total += keys.iter().sum::<Duration>() / keys.len() as u32;
                }
                total
            })
        });
        // The first letter alone: it looks at every row.
        group.bench_function(format!("first letter + frame, {n} tickets"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    total += console.key(KeyCode::Char('r'));
                    console.key(KeyCode::Backspace);
                }
                total
            })
        });
    }
    group.finish();
}

criterion_group!(benches, keystrokes);
criterion_main!(benches);
