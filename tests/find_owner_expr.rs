//! `analista:` in the queue filter: the tickets someone has, by the start
//! of their name (case and accents aside), combined with the other words.

mod console_harness;

use crossterm::event::KeyCode;
use mesa::domain::Status;

#[test]
fn the_filter_finds_the_tickets_an_analyst_has() {
    let mut h = console_harness::open();
    let taken = h.first(|t| t.status == Status::EnAtencion && t.assignee.is_some());
    let owner = taken.assignee.clone().unwrap();
    let start: String = owner.chars().take(3).collect();
    let expected: Vec<String> = {
        let mut ids: Vec<String> = h
            .desk
            .list(&mesa::domain::Query::default())
            .unwrap()
            .into_iter()
            .filter(|t| t.status == Status::EnAtencion && t.assignee.as_deref() == Some(&owner))
            .map(|t| t.id)
            .collect();
        ids.sort();
        ids
    };
    h.key(KeyCode::Char('0'));
    h.key(KeyCode::Char('/'));
    h.typ(&format!("analista:{}", start.to_uppercase()));
    h.key(KeyCode::Enter);
    let mut shown = h.visible_ids();
    shown.sort();
    assert!(!shown.is_empty());
    assert_eq!(shown, expected, "only {owner}'s tickets, all of them");

    // Nobody by that name: nothing, and the filter says so.
    h.key(KeyCode::Char('/'));
    for _ in 0..20 {
        h.key(KeyCode::Backspace);
    }
    h.typ("analista:zzz");
    h.key(KeyCode::Enter);
    assert!(h.visible_ids().is_empty());
}
