//! The calendar after scheduling: a holiday or día no laborable added to the
//! configuration once tickets are scheduled never strands a ticket; a week
//! without working days shares the previous dispatch and says so.

use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::Status;
use mesa::store::{NewRecord, Sealed, Store};
use proptest::prelude::*;

mod support;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Tickets scheduled under the default calendar, each `offsets[i]` hours
/// after Monday 2026-11-02 08:00 Lima.
fn schedule(dir: &Path, offsets: &[i64]) -> Vec<String> {
    let desk = Desk::new(
        Store::open(dir).unwrap(),
        Config::default(),
        Clock::Fixed(t("2026-11-02T08:00:00-05:00")),
    );
    desk.init_supervisor("sup0").unwrap();
    let mut rng = mesa::demo::rng::Rng::new(3);
    let (photo, signature) = mesa::demo::stored_images(&desk.store, &mut rng, false).unwrap();
    let records: Vec<NewRecord> = offsets
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let at = t("2026-11-02T08:00:00-05:00") + Duration::hours(*h);
            mesa::demo::scheduled_record(&desk, i as u64, at, photo.clone(), signature.clone())
        })
        .collect();
    desk.store.register_all(&records).unwrap();
    desk.list(&mesa::domain::Query::default())
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect()
}

fn desk_with(dir: &Path, extra: &[NaiveDate], now: DateTime<Utc>) -> Desk {
    let mut config = Config::default();
    config.dispatch.holidays.extra.extend(extra.iter().copied());
    Desk::new(Store::open(dir).unwrap(), config, Clock::Fixed(now))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    /// Whatever days become non-working after scheduling, every scheduled
    /// ticket is in exactly one dispatch the batch board shows, that
    /// dispatch is on a working day, and sealing it takes the ticket.
    #[test]
    fn every_scheduled_ticket_is_in_one_shown_sealable_dispatch(
        offsets in proptest::collection::vec(0i64..24 * 20, 1..5),
        extra in proptest::collection::vec(0i64..35, 0..12),
        later in 0i64..24 * 30,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let ids = schedule(dir.path(), &offsets);
        let extra: Vec<NaiveDate> = extra.iter().map(|n| d("2026-11-02") + Duration::days(*n)).collect();
        let now = t("2026-11-02T08:00:00-05:00") + Duration::hours(later);
        let desk = desk_with(dir.path(), &extra, now);
        let board = desk.board(now, 8).unwrap();
        for id in &ids {
            let holding: Vec<_> = board
                .iter()
                .filter(|s| s.tickets.iter().any(|t| &t.id == id))
                .collect();
            prop_assert_eq!(holding.len(), 1, "{} in {} dispatches", id, holding.len());
            let slot = holding[0];
            prop_assert!(desk.config.dispatch.is_working_day(slot.dispatch.on));
            let shown = desk.ticket(id).unwrap().dispatch.unwrap().dispatch;
            prop_assert_eq!(shown, slot.dispatch, "show and the board agree");
        }
        // Seal every dispatch that holds tickets, oldest first, by its
        // nominal Friday (the date staff were told): each takes its own.
        for slot in board.iter().filter(|s| !s.tickets.is_empty()) {
            let sealed = desk
                .seal(Some(slot.dispatch.nominal), Some("prueba"), "sup0")
                .unwrap();
            let Sealed::New(batch) = sealed else { panic!("sealed twice") };
            let want: Vec<String> = slot.tickets.iter().map(|t| t.id.clone()).collect();
            prop_assert_eq!(batch.tickets, want);
        }
        prop_assert!(desk
            .list(&mesa::domain::Query { statuses: vec![Status::Programado], ..Default::default() })
            .unwrap()
            .iter()
            .all(|t| t.batch.is_some()), "no scheduled ticket left behind");
    }
}

#[test]
fn a_friday_made_non_working_after_scheduling_moves_its_tickets_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let ids = schedule(dir.path(), &[1, 2]);
    // Friday 2026-11-06 decreed non-working after the tickets were scheduled.
    let now = t("2026-11-05T17:00:00-05:00");
    let desk = desk_with(dir.path(), &[d("2026-11-06")], now);
    let board = desk.board(now, 2).unwrap();
    let thursday = board
        .iter()
        .find(|s| s.dispatch.on == d("2026-11-05"))
        .expect("the moved dispatch is listed");
    assert_eq!(thursday.tickets.len(), 2, "its tickets follow it");
    assert!(board.iter().all(|s| s.dispatch.on != d("2026-11-06")));
    // Sealing by the date staff were told (the old Friday) seals it.
    let Sealed::New(batch) = desk.seal(Some(d("2026-11-06")), None, "sup0").unwrap() else {
        panic!("not sealed")
    };
    assert_eq!(batch.id, "LOTE-2026-11-05");
    assert_eq!(batch.tickets, ids);
}

/// The binary: a ticket scheduled for Friday 27/11, then 27/11 decreed a día
/// no laborable in the configuration. `batch list`, `show` and
/// `dispatch-date` follow the move and say why; sealing the old Friday works.
#[test]
fn cli_follows_a_dia_no_laborable_added_after_scheduling_and_names_it() {
    let mut m = support::Mesa::new();
    std::fs::create_dir_all(m.store()).unwrap();
    let ids = support::seed_store(
        &m.store(),
        &[support::one("Ana Díaz", "ana@regioncajamarca.gob.pe")],
    );
    let id = ids[0].as_str();
    m.ok(&["take", id]);
    m.ok(&["schedule", id]);
    let config = m.dir.path().join("mesa.toml");
    std::fs::write(
        &config,
        "[dispatch]\nextra_non_working_days = [\"2026-11-27\"]\n",
    )
    .unwrap();
    m.set("MESA_CONFIG", config.to_str().unwrap());
    let list = m.ok(&["batch", "list"]);
    let line = list
        .lines()
        .find(|l| l.contains("26/11/2026"))
        .unwrap_or_else(|| panic!("no Thursday dispatch:\n{list}"));
    assert!(line.contains("1 ticket"), "{list}");
    assert!(line.contains("adelantado por día no laborable"), "{list}");
    assert!(!list.contains("27/11/2026"), "{list}");
    let show = m.ok(&["show", id]);
    assert!(show.contains("26/11/2026"), "{show}");
    assert!(show.contains("adelantado por día no laborable"), "{show}");
    let date = m.ok(&["dispatch-date", "--now", "2026-11-23T09:00:00-05:00"]);
    assert!(date.contains("26/11/2026"), "{date}");
    assert!(date.contains("adelantado por día no laborable"), "{date}");
    // A real holiday still says «feriado».
    let xmas = m.ok(&["dispatch-date", "--now", "2026-12-21T09:00:00-05:00"]);
    assert!(xmas.contains("adelantado por feriado"), "{xmas}");
    m.now = "2026-11-26T17:00:00-05:00".into();
    let sealed = m.ok(&["batch", "seal", "--dispatch", "2026-11-27"]);
    assert!(sealed.contains("LOTE-2026-11-26"), "{sealed}");
    assert!(sealed.contains("1 ticket"), "{sealed}");
}
