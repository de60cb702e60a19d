//! Seal + export of a 500-ticket batch with a distinct photo and signature
//! per applicant. Target: under 1 s.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mesa::bench::{self, fixtures};

fn seal_and_export(c: &mut Criterion) {
    let template = tempfile::tempdir().unwrap();
    fixtures::batch_store(template.path()).unwrap();
    let mut group = c.benchmark_group("lote");
    group.sample_size(10);
    group.bench_function("sellar_y_exportar_500", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                fixtures::copy_store(template.path(), dir.path()).unwrap();
                (dir, tempfile::tempdir().unwrap())
            },
            |(dir, out)| {
                bench::seal_and_export(dir.path(), out.path()).unwrap();
                (dir, out)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, seal_and_export);
criterion_main!(benches);
