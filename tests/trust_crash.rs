//! 50 rounds of a writer killed with SIGKILL at a random moment: after
//! every round the store opens, every acknowledged write is there with its
//! audit entry, and the audit chain verifies.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use chrono::Utc;
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::{Kind, Move, Status};
use mesa::store::Store;

const CHILD_VAR: &str = "MESA_TRUST_CRASH_STORE";
const ROUNDS: u32 = 50;
const WHO: &str = "ana";

/// Runs only as the child of the crash cycle: registers a ticket, takes
/// it, lists the queue (a read the audit records), over and over, printing
/// each step once it is acknowledged.
#[test]
#[ignore = "child process of the crash cycle"]
fn crash_cycle_child() {
    let Ok(dir) = std::env::var(CHILD_VAR) else {
        return;
    };
    let desk = Desk::new(
        Store::open(std::path::Path::new(&dir)).unwrap(),
        Config::default(),
        Clock::System,
    );
    let start = desk.store.count() as u64;
    for n in start..start + 100_000 {
        let record = mesa::demo::plain_record(Kind::Emision, Some('a'), n, Utc::now(), None, None);
        let id = desk.store.register_all(&[record]).unwrap().remove(0);
        println!("REG {id}");
        desk.act(&id, Move::Take, WHO, &[]).unwrap();
        println!("TAKE {id}");
        desk.record_bulk_read(WHO, "mesa list", vec![format!("{:08}", 10_000_000 + n)], 1)
            .unwrap();
        println!("READ {n}");
    }
}

/// A small xorshift: the kill moments differ every round but the test is
/// the same every run.
struct Moments(u64);

impl Moments {
    fn next_ms(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        10 + self.0 % 290
    }
}

#[test]
fn fifty_sigkills_lose_nothing_acknowledged_and_the_chain_verifies_every_round() {
    let dir = tempfile::tempdir().unwrap();
    {
        let desk = Desk::new(
            Store::open(dir.path()).unwrap(),
            Config::default(),
            Clock::System,
        );
        desk.init_supervisor(WHO).unwrap();
    }
    let mut registered: Vec<String> = Vec::new();
    let mut taken: HashSet<String> = HashSet::new();
    let mut reads = 0usize;
    let mut moments = Moments(0x9E37_79B9_7F4A_7C15);
    for round in 0..ROUNDS {
        let wait = Duration::from_millis(moments.next_ms());
        for line in common::killed_child("crash_cycle_child", CHILD_VAR, dir.path(), wait) {
            let mut words = line.split_whitespace();
            match (words.next(), words.next()) {
                (Some("REG"), Some(id)) => registered.push(id.to_string()),
                (Some("TAKE"), Some(id)) => {
                    taken.insert(id.to_string());
                }
                (Some("READ"), Some(_)) => reads += 1,
                _ => {}
            }
        }

        let store = Store::open(dir.path())
            .unwrap_or_else(|e| panic!("round {round}: the store must open: {e}"));
        let verified = store.audit_verify().unwrap().unwrap_or_else(|b| {
            panic!("round {round}: the chain breaks at #{}: {:?}", b.seq, b.why)
        });
        let entries: Vec<_> = store.audit_entries().collect::<Result<_, _>>().unwrap();
        assert_eq!(entries.len() as u64, verified.entries);
        let logged: HashSet<(String, String)> = entries
            .iter()
            .map(|e| (e.action.clone(), e.subject.clone()))
            .collect();
        for id in &registered {
            let t = store
                .ticket(id)
                .unwrap()
                .unwrap_or_else(|| panic!("round {round}: acknowledged {id} was lost"));
            assert!(
                logged.contains(&("register".to_string(), id.clone())),
                "round {round}: {id} registered without its audit entry"
            );
            if taken.contains(id) {
                assert_eq!(
                    t.status,
                    Status::EnAtencion,
                    "round {round}: take of {id} lost"
                );
                assert!(
                    logged.contains(&("take".to_string(), id.clone())),
                    "round {round}: take of {id} without its audit entry"
                );
            }
        }
        let read_entries = entries.iter().filter(|e| e.action == "read").count();
        assert!(
            read_entries >= reads,
            "round {round}: {reads} reads acknowledged, {read_entries} recorded"
        );
        // Every ticket has its registration entry: nothing written without one.
        assert_eq!(
            store.count(),
            entries.iter().filter(|e| e.action == "register").count(),
            "round {round}"
        );
        assert_eq!(
            store.in_arrival_order().count(),
            store.count(),
            "round {round}"
        );
    }
    let regs: HashSet<&String> = registered.iter().collect();
    assert!(
        taken.iter().all(|t| regs.contains(t)),
        "every take follows its registration"
    );
    eprintln!(
        "crash cycle: {} registrations, {} takes, {reads} reads acknowledged over {ROUNDS} kills",
        registered.len(),
        taken.len()
    );
    assert!(
        registered.len() > ROUNDS as usize,
        "the child wrote something: {}",
        registered.len()
    );
}
