//! `mesa list` on a real sled store: a DNI or a ticket id is answered from
//! the index, free words from the compact queue rows, and only what is
//! printed is decoded (counted in process); the real binary prints the
//! same tickets the whole store holds for the question, and `--limit`.
//! The counters are per process: one test in this file.

mod common;

use std::path::Path;

use clap::Parser;
use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::domain::Ticket;
use mesa::store::Store;

const TICKETS: u64 = 300;

/// A demo store of `TICKETS` tickets; every ticket, read the slow way.
fn store(dir: &Path) -> Vec<Ticket> {
    let now = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .with_timezone(&chrono::Utc);
    let mut desk = Desk::new(
        Store::open(dir).unwrap(),
        Config::default(),
        Clock::Fixed(now),
    );
    mesa::demo::generate(&mut desk, TICKETS, 11).unwrap();
    desk.store
        .in_arrival_order()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

/// A DNI some ticket past the first page carries.
fn some_dni(all: &[Ticket]) -> String {
    all[all.len() * 2 / 3].applicants[0].dni.clone()
}

fn with_dni<'a>(all: &'a [Ticket], dni: &str) -> Vec<&'a str> {
    all.iter()
        .filter(|t| t.applicants.iter().any(|a| a.dni == dni))
        .map(|t| t.id.as_str())
        .collect()
}

fn ids_of_json(out: &[u8]) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(out)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(out)));
    v.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

fn list(store: &Path, args: &[&str]) -> Vec<String> {
    let out = common::mesa_bare(store)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .arg("list")
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    ids_of_json(&out.stdout)
}

#[test]
fn list_answers_dni_id_and_words_as_the_store_holds_decoding_only_what_it_prints() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let all = store(&path);
    let dni = some_dni(&all);
    let want = with_dni(&all, &dni);
    assert!(!want.is_empty());
    assert_eq!(list(&path, &["--search", &dni]), want);

    let id = &all[all.len() / 2].id;
    assert_eq!(list(&path, &["--search", id]), vec![id.to_string()]);
    assert_eq!(
        list(&path, &["--search", &id.to_lowercase()]),
        vec![id.to_string()]
    );

    // Free words: a surname, found in every field the rows keep.
    let surname = all[5].applicants[0]
        .full_name
        .split(' ')
        .next_back()
        .unwrap()
        .to_string();
    let every = list(&path, &["--search", &surname]);
    assert!(every.len() > 2, "{every:?}");
    assert!(every.contains(&all[5].id), "{every:?}");
    assert_eq!(
        list(&path, &["--search", &surname, "--limit", "2"]),
        every[..2]
    );

    // Free words over a ticket with several applicants: the listing's
    // audit entry names every applicant shown, not only the first.
    let multi = all
        .iter()
        .find(|t| t.applicants.len() > 1)
        .expect("the demo has a ticket with several applicants");
    let name = multi.applicants[1].full_name.clone();
    let q = mesa::domain::query::Query {
        text: name.clone(),
        ..Default::default()
    };
    let shown: Vec<&Ticket> = all.iter().filter(|t| q.matches(t)).collect();
    assert_eq!(
        list(&path, &["--search", &name]),
        shown.iter().map(|t| t.id.clone()).collect::<Vec<_>>()
    );
    let mut people: Vec<String> = shown
        .iter()
        .flat_map(|t| t.applicants.iter().map(|a| a.dni.clone()))
        .collect();
    people.sort();
    people.dedup();
    assert!(
        people.len() > shown.len() && people.len() <= 50,
        "{people:?}"
    );
    {
        let store = Store::open(&path).unwrap();
        let read = store
            .audit_last(1)
            .unwrap()
            .pop()
            .expect("the listing is audited");
        assert_eq!(read.action, mesa::domain::audit::READ);
        assert_eq!(read.dnis, people);
        assert_eq!(
            read.detail,
            mesa::strings::trust::read_detail(shown.len(), people.len())
        );
    }

    // Nothing found is still a JSON array.
    assert!(list(&path, &["--search", "00000000"]).is_empty());

    // The same questions through the command line's own code, in this
    // process, so the records it decodes are counted: what it prints, no
    // more, and no walk over every key.
    // SAFETY: the only test in this binary; no other thread reads the
    // environment while it changes.
    unsafe { std::env::set_var("MESA_PASSWORD", mesa::demo::PASSWORD) };
    let store = path.to_str().unwrap();
    let run = |args: &[&str]| -> (u64, u64) {
        let (d, w) = (mesa::store::records_decoded(), mesa::store::full_walks());
        let base = [
            "mesa",
            "--store",
            store,
            "--as",
            mesa::demo::SUPERVISOR,
            "list",
        ];
        let cli = mesa::cli::Cli::try_parse_from(base.iter().chain(args)).unwrap();
        mesa::cli::run(cli).unwrap();
        (
            mesa::store::records_decoded() - d,
            mesa::store::full_walks() - w,
        )
    };
    let by_dni = with_dni(&all, &dni).len() as u64;
    assert_eq!(run(&["--search", &dni, "--json"]), (by_dni, 0));
    assert_eq!(run(&["--search", id, "--json"]), (1, 0));
    assert_eq!(
        run(&["--search", &surname, "--limit", "2", "--json"]),
        (2, 0)
    );
    assert_eq!(run(&["--search", "00000000"]), (0, 0));
}
