//! Seal + export of a 500-ticket batch with a distinct photo and signature
//! per applicant (target: under 1 s), and what the console's batch screen
//! reads before it draws: the board (past moments with work, the next 8)
//! with the readiness of those 500 tickets.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mesa::bench::{self, fixtures};
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::store::Store;

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

fn board(c: &mut Criterion) {
    let template = tempfile::tempdir().unwrap();
    fixtures::batch_store(template.path()).unwrap();
    let desk = Desk::new(
        Store::open(template.path()).unwrap(),
        Config::default(),
        Clock::Fixed(fixtures::batch_now() + chrono::Duration::minutes(30)),
    );
    let mut group = c.benchmark_group("lote");
    group.sample_size(20);
    group.bench_function("pantalla_de_lotes_500", |b| {
        b.iter(|| {
            let board = mesa::tui::batch::load(&desk).unwrap();
            assert_eq!(
                board.slots[0].slot.tickets.len(),
                fixtures::BATCH_TICKETS as usize
            );
            board
        })
    });
    group.finish();
}

criterion_group!(benches, seal_and_export, board);
criterion_main!(benches);
