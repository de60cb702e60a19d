//! The team in the console (keys in, state and screen out): the queue's
//! «Analista» column, the owner filter (`m`: míos / libres) and the next
//! free ticket (`N`).

mod console_harness;

use console_harness::open;
use crossterm::event::KeyCode;
use mesa::domain::{Move, Status};

#[test]
fn the_queue_shows_who_has_each_ticket_and_filters_mine_and_free() {
    let mut h = open();
    let other = h.first(|t| t.status == Status::EnAtencion);
    let owner = other.assignee.clone().unwrap();
    let free = h.first(|t| t.status == Status::Nuevo);
    h.desk.act(&free.id, Move::Take, "beto", &[]).unwrap();
    h.key(KeyCode::Char('r'));
    // The tickets being worked fit on one screen.
    h.key(KeyCode::Char('2'));
    let screen = h.screen(120, 40);
    assert!(screen.contains("Analista"), "{screen}");
    let line = |id: &str| {
        screen
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_default()
            .to_string()
    };
    assert!(line(&free.id).contains("beto"), "{}", line(&free.id));
    assert!(line(&other.id).contains(&owner), "{}", line(&other.id));

    // «míos»: only beto's.
    h.key(KeyCode::Char('0'));
    h.key(KeyCode::Char('m'));
    let mine = h.visible_ids();
    assert!(
        mine.contains(&free.id) && !mine.contains(&other.id),
        "{mine:?}"
    );
    for id in &mine {
        assert_eq!(h.desk.ticket(id).unwrap().assignee.as_deref(), Some("beto"));
    }
    assert!(h.screen(120, 40).contains("Analista: míos"));
    // «libres»: only new ones.
    h.key(KeyCode::Char('m'));
    let free_ids = h.visible_ids();
    assert!(!free_ids.is_empty());
    for id in &free_ids {
        assert_eq!(h.desk.ticket(id).unwrap().status, Status::Nuevo, "{id}");
    }
    assert!(h.screen(120, 40).contains("Analista: libres"));
    // And back to every ticket (of the status tab).
    h.key(KeyCode::Char('m'));
    h.key(KeyCode::Char('0'));
    assert_eq!(h.visible_ids().len(), 60);
}

#[test]
fn next_takes_the_oldest_free_ticket_and_says_so_when_none_is_left() {
    let mut h = open();
    let mut free: Vec<_> = h
        .desk
        .list(&mesa::domain::Query {
            statuses: vec![Status::Nuevo],
            ..Default::default()
        })
        .unwrap();
    free.sort_by(mesa::domain::ticket::arrival_order);
    assert!(!free.is_empty());
    for t in &free {
        h.key(KeyCode::Char('N'));
        let now = h.desk.ticket(&t.id).unwrap();
        assert_eq!(now.status, Status::EnAtencion, "{}", h.status_text());
        assert_eq!(now.assignee.as_deref(), Some("beto"));
        assert_eq!(
            h.app.queue.get(&t.id).unwrap().owner.as_deref(),
            Some("beto")
        );
    }
    h.key(KeyCode::Char('N'));
    assert!(
        h.status_text().contains("no hay tickets libres"),
        "{}",
        h.status_text()
    );
}

#[test]
fn a_move_on_a_ticket_changed_since_it_was_opened_is_refused_and_shows_what_changed() {
    let mut h = open();
    let t = h.first(|t| t.status == Status::Nuevo && t.kind.is_batched());
    h.desk.act(&t.id, Move::Take, "beto", &[]).unwrap();
    h.key(KeyCode::Char('r'));
    h.find(&t.id);
    h.key(KeyCode::Enter);
    let shown = h.app.detail.as_ref().unwrap().loaded.as_ref().unwrap();
    assert_eq!(shown.ticket.status, Status::EnAtencion);
    // Meanwhile the supervisor observes it, on another PC.
    h.desk
        .act(
            &t.id,
            Move::Observe,
            mesa::demo::SUPERVISOR,
            &["falta la firma".to_string()],
        )
        .unwrap();
    let before = h.desk.ticket(&t.id).unwrap();
    // The analyst, still seeing it «En atención», schedules it.
    h.key(KeyCode::Char('p'));
    h.key(KeyCode::Char('s'));
    let status = h.status_text();
    assert!(status.contains("cambió desde que lo vio"), "{status}");
    assert!(status.contains(mesa::demo::SUPERVISOR), "{status}");
    assert!(status.contains("falta la firma"), "{status}");
    assert_eq!(h.desk.ticket(&t.id).unwrap(), before, "nothing applied");
    // The detail and the row now show it as it is.
    let now = h.app.detail.as_ref().unwrap().loaded.as_ref().unwrap();
    assert_eq!(now.ticket.status, Status::Observado);
    assert_eq!(h.app.queue.get(&t.id).unwrap().status, Status::Observado);
}

#[test]
fn the_batch_screen_reads_its_board_again_when_another_console_moves_a_ticket() {
    let mut h = open();
    let today = "2026-11-23".parse().unwrap();
    let t = h.first(|t| {
        t.status == Status::EnAtencion
            && t.kind.is_batched()
            && t.failed_problems(today, &Default::default()).is_empty()
    });
    h.key(KeyCode::Char('b'));
    assert_eq!(h.app.screen, mesa::tui::app::Screen::Batch);
    let on_board = |h: &console_harness::H| {
        h.app.batch.board.as_ref().is_some_and(|b| {
            b.slots
                .iter()
                .any(|s| s.slot.tickets.iter().any(|x| x.id == t.id))
        })
    };
    assert!(!on_board(&h), "not scheduled yet");
    // Its owner schedules it on another PC; the change is announced.
    let owner = t.assignee.clone().unwrap();
    let moved = h.desk.act(&t.id, Move::Schedule, &owner, &[]).unwrap();
    h.send(mesa::tui::action::Action::Changed(Some(vec![
        mesa::domain::QueueRow::of(&moved),
    ])));
    assert!(on_board(&h), "the board shows the newly scheduled ticket");
}

#[test]
fn the_header_counts_the_analysts_working_now() {
    let mut h = open();
    assert!(!h.screen(120, 40).contains("trabajando"), "not known yet");
    // The clock ticks: the console says it is here and counts.
    let now = h.app.now;
    h.send(mesa::tui::action::Action::Tick(now));
    assert!(
        h.screen(120, 40).contains("1 analista trabajando"),
        "{}",
        h.screen(120, 40)
    );
    // Another analyst's console on another PC, a moment ago.
    h.desk
        .store
        .beat(
            "otra-pc\u{0}1",
            &mesa::store::Heartbeat {
                analyst: "mvasquez".into(),
                pc: "otra-pc".into(),
                seen: now,
            },
        )
        .unwrap();
    // Not before this console's next beat (~20 s later).
    h.send(mesa::tui::action::Action::Tick(
        now + chrono::Duration::seconds(5),
    ));
    assert!(h.screen(120, 40).contains("1 analista trabajando"));
    h.send(mesa::tui::action::Action::Tick(
        now + chrono::Duration::seconds(21),
    ));
    assert!(
        h.screen(120, 40).contains("2 analistas trabajando"),
        "{}",
        h.screen(120, 40)
    );
}

#[test]
fn a_supervisor_reassigns_from_the_console_choosing_the_analyst() {
    let mut h = open();
    let worked = h.first(|t| t.status == Status::EnAtencion);
    let owner = worked.assignee.clone().unwrap();
    let others: Vec<String> = h
        .desk
        .analysts()
        .unwrap()
        .into_iter()
        .filter(|a| a.active && a.name != owner)
        .map(|a| a.name)
        .collect();
    let to = others.last().unwrap().clone();

    h.find(&worked.id);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('R'));
    // The picker lists the active analysts, the owner marked as such.
    let screen = h.screen(120, 40);
    assert!(
        screen.contains(&format!("Reasignar {}", worked.id)),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("{owner} (lo tiene ahora)")),
        "{screen}"
    );
    for name in &others {
        assert!(screen.contains(name.as_str()), "{name}: {screen}");
    }
    // Down to the last one, Enter: the ticket is theirs, on screen too.
    for _ in 0..others.len() + 1 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    let now = h.desk.ticket(&worked.id).unwrap();
    assert_eq!(
        now.assignee.as_deref(),
        Some(to.as_str()),
        "{}",
        h.status_text()
    );
    assert_eq!(now.status, Status::EnAtencion);
    let last = h.desk.history(&worked.id).unwrap().pop().unwrap();
    assert_eq!(
        (last.by.as_str(), last.action),
        ("beto", Some(Move::Assign))
    );
    assert!(h.screen(120, 40).contains(&format!("Atiende: {to}")));

    // A ticket nobody is working cannot change hands: said, nothing opens.
    let new = h.first(|t| t.status == Status::Nuevo);
    // Back to the queue, its filter cleared.
    h.key(KeyCode::Esc);
    h.key(KeyCode::Esc);
    h.find(&new.id);
    h.key(KeyCode::Char('R'));
    assert!(
        h.status_text().contains("no está en atención"),
        "{}",
        h.status_text()
    );
    assert!(h.app.modal.is_none());

    // An analyst is not offered the key: nothing changes hands.
    h.app.role = Some(mesa::domain::role::Role::Analista);
    h.key(KeyCode::Esc);
    h.find(&worked.id);
    h.key(KeyCode::Char('R'));
    assert!(h.app.modal.is_none());
    assert_eq!(
        h.desk.ticket(&worked.id).unwrap().assignee.as_deref(),
        Some(to.as_str())
    );
}
