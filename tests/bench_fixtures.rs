//! The measuring machinery of `mesa bench` and `cargo bench`, on small
//! sizes: what it generates is what it claims, and cached stores are reused.

use mesa::bench::{self, fixtures};
use mesa::domain::Status;

#[test]
fn a_cached_store_is_generated_once_and_replaces_an_older_shape() {
    let cache = tempfile::tempdir().unwrap();
    let stale = cache.path().join("demo-120-seed1-schema0-summary0-v0");
    std::fs::create_dir_all(&stale).unwrap();
    let (dir, _) = fixtures::demo_store(cache.path(), 120, 1).unwrap();
    assert!(!stale.exists(), "the older cache of that size is gone");
    let desk = fixtures::open_desk(&dir).unwrap();
    assert_eq!(desk.store.count(), 120);
    drop(desk);
    let marker = dir.join("marker");
    std::fs::write(&marker, "kept").unwrap();
    let (again, _) = fixtures::demo_store(cache.path(), 120, 1).unwrap();
    assert_eq!(again, dir);
    assert!(marker.exists(), "reused, not generated again");
}

#[test]
fn the_import_csv_registers_every_row_with_its_images() {
    let files = tempfile::tempdir().unwrap();
    let csv = fixtures::import_csv(files.path(), 24).unwrap();
    let store = tempfile::tempdir().unwrap();
    let desk = fixtures::open_desk(store.path()).unwrap();
    mesa::demo::staff(&desk).unwrap();
    let bytes = std::fs::read(&csv).unwrap();
    let ids = desk
        .import_csv(&bytes, files.path(), mesa::demo::SUPERVISOR)
        .unwrap();
    assert_eq!(ids.len(), 24);
    let t = desk.ticket(&ids[0]).unwrap();
    assert!(t.applicants[0].photo.is_some() && t.applicants[0].signature.is_some());
    assert_eq!(t.status, Status::Nuevo);
}

#[test]
fn the_batch_fixture_seals_and_exports_five_hundred_tickets() {
    let template = tempfile::tempdir().unwrap();
    fixtures::batch_store(template.path()).unwrap();
    let (store, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    fixtures::copy_store(template.path(), store.path()).unwrap();
    bench::seal_and_export(store.path(), out.path()).unwrap();
    let exported: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert!(!exported.is_empty());
}

#[test]
fn the_measured_console_types_into_the_filter_and_erases_it() {
    let cache = tempfile::tempdir().unwrap();
    let (dir, _) = fixtures::demo_store(cache.path(), 300, 1).unwrap();
    let (console, _) = bench::open_first_frame(&dir).unwrap();
    assert!(console.screen().contains("T-20"), "{}", console.screen());
    drop(console);
    let mut console = bench::console_filtering(&dir).unwrap();
    let all = console.app.queue.visible.len();
    assert_eq!(all, 300);
    assert_eq!(
        bench::type_and_erase(&mut console).len(),
        2 * bench::TYPED.len()
    );
    assert_eq!(console.app.filters.text, "");
    assert_eq!(console.app.queue.visible.len(), all);
}
