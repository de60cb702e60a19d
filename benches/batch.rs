//! Seal + export of a 500-ticket batch with a distinct photo and signature
//! per applicant. Target: under 1 s. And what the console's batch screen
//! reads before it draws: the board (past moments with work, the next 8)
//! with the readiness of those 500 tickets.

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::demo::rng::Rng;
use mesa::desk::Desk;
use mesa::store::{NewRecord, Store};

const TICKETS: u64 = 500;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn build_template(dir: &Path) {
    let desk = Desk::new(
        Store::open(dir).unwrap(),
        Config::default(),
        Clock::Fixed(t("2026-11-23T09:00:00-05:00")),
    );
    desk.init_supervisor("bench").unwrap();
    let mut rng = Rng::new(500);
    let records: Vec<NewRecord> = (0..TICKETS)
        .map(|i| {
            let (photo, signature) =
                mesa::demo::stored_images(&desk.store, &mut rng, i % 2 == 0).unwrap();
            let at = t("2026-11-23T08:00:00-05:00") + Duration::seconds(i as i64);
            mesa::demo::scheduled_record(&desk, i, at, photo, signature)
        })
        .collect();
    desk.store.register_all(&records).unwrap();
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else if e.file_name() != "mesa.lock" {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

fn seal_and_export(c: &mut Criterion) {
    let template = tempfile::tempdir().unwrap();
    build_template(template.path());
    let mut group = c.benchmark_group("lote");
    group.sample_size(10);
    group.bench_function("sellar_y_exportar_500", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                copy_dir(template.path(), dir.path());
                let out = tempfile::tempdir().unwrap();
                (dir, out)
            },
            |(dir, out)| {
                let desk = Desk::new(
                    Store::open(dir.path()).unwrap(),
                    Config::default(),
                    Clock::Fixed(t("2026-11-27T16:30:00-05:00")),
                );
                let batch = match desk.seal(None, None, "bench").unwrap() {
                    mesa::store::Sealed::New(b) => b,
                    other => panic!("{other:?}"),
                };
                assert_eq!(batch.tickets.len(), TICKETS as usize);
                mesa::export::export_batch(&desk, &batch, out.path(), "bench").unwrap();
                (dir, out)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn board(c: &mut Criterion) {
    let template = tempfile::tempdir().unwrap();
    build_template(template.path());
    let desk = Desk::new(
        Store::open(template.path()).unwrap(),
        Config::default(),
        Clock::Fixed(t("2026-11-27T17:00:00-05:00")),
    );
    let mut group = c.benchmark_group("lote");
    group.sample_size(20);
    group.bench_function("pantalla_de_lotes_500", |b| {
        b.iter(|| {
            let board = mesa::tui::batch::load(&desk).unwrap();
            assert_eq!(board.slots[0].slot.tickets.len(), TICKETS as usize);
            board
        })
    });
    group.finish();
}

criterion_group!(benches, seal_and_export, board);
criterion_main!(benches);
