//! Arbitrary bytes as each CSV the desk reads (tickets, people, RENIEC's
//! answer): never a panic, and a refused file changes nothing (no record,
//! no audit entry). The first byte picks the importer.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::store::Store;

struct Fixture {
    _dir: tempfile::TempDir,
    desk: Desk,
}

/// One store for the whole run: opening sled per input would make the
/// fuzzer a benchmark of `open`.
static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00-05:00")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let desk = Desk::new(
        Store::open(dir.path()).unwrap(),
        Config::default(),
        Clock::Fixed(now),
    );
    desk.init_supervisor("fuzz").unwrap();
    Fixture { _dir: dir, desk }
});

fuzz_target!(|data: &[u8]| {
    let Some((&which, csv)) = data.split_first() else {
        return;
    };
    let f = &*FIXTURE;
    let desk = &f.desk;
    let tickets = desk.store.count();
    let people = desk.store.people().unwrap().len();
    let entries = desk.store.audit_len();
    match which % 3 {
        0 => match desk.import_csv(csv, f._dir.path(), "fuzz") {
            Ok(ids) => assert_eq!(desk.store.count(), tickets + ids.len()),
            Err(_) => {
                assert_eq!(
                    desk.store.count(),
                    tickets,
                    "a refused import wrote tickets"
                );
                assert_eq!(
                    desk.store.audit_len(),
                    entries,
                    "a refused import was audited"
                );
            }
        },
        1 => match desk.import_people(csv, "fuzz") {
            Ok(_) => {}
            Err(_) => {
                assert_eq!(desk.store.people().unwrap().len(), people);
                assert_eq!(desk.store.audit_len(), entries);
            }
        },
        _ => {
            // No ticket is awaiting RENIEC's answer: every file is refused,
            // row by row, and nothing is recorded.
            let _ = mesa::desk::batch::parse_outcomes(desk, csv);
            assert_eq!(desk.store.audit_len(), entries);
        }
    }
});
