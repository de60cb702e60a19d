//! A family's ticket found by its second applicant's DNI shows that
//! applicant in the queue's row, with the «+1» marker whole at 80 columns.

mod console_harness;

use crossterm::event::KeyCode;

#[test]
fn the_row_shows_the_applicant_the_search_matched() {
    let mut h = console_harness::open();
    let t = h.first(|t| t.applicants.len() == 2 && t.applicants[0].dni != t.applicants[1].dni);
    let second = &t.applicants[1];
    h.key(KeyCode::Char('0'));
    h.key(KeyCode::Char('/'));
    h.typ(&second.dni);
    h.key(KeyCode::Enter);
    assert!(h.visible_ids().contains(&t.id));
    for (w, rows) in [(120u16, 40u16), (80, 24)] {
        let screen = h.screen(w, rows);
        let line = screen
            .lines()
            .find(|l| l.contains(&t.id))
            .unwrap_or_else(|| panic!("no row for {}:\n{screen}", t.id));
        assert!(line.contains(&second.dni), "{w}×{rows}: {line}");
        assert!(!line.contains(&t.applicants[0].dni), "{w}×{rows}: {line}");
        let surname = second.full_name.split(' ').next().unwrap();
        assert!(line.contains(surname), "{w}×{rows}: {line}");
        assert!(
            !line.contains(&t.applicants[0].full_name),
            "{w}×{rows}: {line}"
        );
        assert!(
            line.contains("+1"),
            "the marker is cut at {w}×{rows}: {line}"
        );
    }
}

#[test]
fn without_a_search_the_row_shows_the_first_applicant() {
    let mut h = console_harness::open();
    let t = h.first(|t| t.applicants.len() == 2);
    h.find(&t.id);
    let screen = h.screen(120, 40);
    let line = screen
        .lines()
        .find(|l| l.contains(&t.id) && !l.contains("Filtro"))
        .unwrap();
    assert!(line.contains(&t.applicants[0].dni), "{line}");
    assert!(line.contains("+1"), "{line}");
}

/// The other applicants' names are kept only for families' rows: the
/// index grows by about a hundred bytes per family's row, nothing for the
/// others (measured on a 3,000-ticket demo).
#[test]
fn family_names_add_little_to_the_queue_index() {
    use mesa::tui::queue_index::QueueIndex;
    let dir = tempfile::tempdir().unwrap();
    let store = mesa::store::Store::open(&dir.path().join("store")).unwrap();
    let mut desk = mesa::desk::Desk::new(
        store,
        mesa::config::Config::default(),
        mesa::clock::Clock::Fixed(console_harness::now()),
    );
    mesa::demo::generate(&mut desk, 3_000, 1).unwrap();
    let rows: Vec<_> = desk
        .store
        .queue_rows()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let families = rows.iter().filter(|r| !r.others.is_empty()).count();
    let with = QueueIndex::from_arrival_order(rows.clone()).heap_bytes();
    let without = QueueIndex::from_arrival_order(rows.into_iter().map(|mut r| {
        r.others.clear();
        r
    }))
    .heap_bytes();
    println!("queue index: {without} bytes before, {with} after, {families} families");
    assert!(families > 0);
    assert!(with > without);
    // Each family's row costs its names and a map entry; the other rows
    // nothing.
    let per_family = (with - without) / families;
    assert!(per_family < 160, "{per_family} bytes per family");
}
