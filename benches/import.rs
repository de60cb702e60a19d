//! `mesa import` of a 10,000-row CSV (one ticket a row, photos and
//! signatures shared by path) into an empty store. Target: under 2 s.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mesa::bench::{self, fixtures};

fn import(c: &mut Criterion) {
    let files = tempfile::tempdir().unwrap();
    let csv = fixtures::import_csv(files.path(), fixtures::IMPORT_ROWS).unwrap();
    let mut group = c.benchmark_group("importar");
    group.sample_size(10);
    group.bench_function("csv_10000_filas", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |store| {
                bench::import(store.path(), &csv).unwrap();
                store
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
