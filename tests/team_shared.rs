//! The team's rules on the shared store (a throwaway PostgreSQL cluster,
//! see `pg`): analysts pressing «next» at the same moment, as separate
//! processes, never get the same ticket; a take by one is refused to the
//! other naming the owner.

mod pg;

use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2026-11-23T09:00:00-05:00";
const ANALYSTS: [&str; 4] = ["supervisor", "mvasquez", "jterrones", "rchilon"];

fn mesa(store: &str, home: &Path, who: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mesa"))
        .args(args)
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", who)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("MESA_CONFIG")
        .env_remove("MESA_SMTP_HOST")
        .output()
        .unwrap()
}

fn ok(store: &str, home: &Path, who: &str, args: &[&str]) -> String {
    let out = mesa(store, home, who, args);
    assert!(
        out.status.success(),
        "mesa {args:?} as {who} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn new_ids(store: &str, home: &Path) -> Vec<String> {
    let list: serde_json::Value = serde_json::from_str(&ok(
        store,
        home,
        "supervisor",
        &["list", "--json", "--status", "nuevo"],
    ))
    .unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn analysts_pressing_next_at_once_never_get_the_same_ticket() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let store = cluster.database("team_next");
    ok(
        &store,
        home.path(),
        "supervisor",
        &["demo", "--tickets", "60", "--seed", "5"],
    );
    let free = new_ids(&store, home.path());
    assert!(free.len() >= 8, "enough new tickets: {}", free.len());
    // Each analyst presses «next» twice, all four at the same moment.
    let workers: Vec<_> = ANALYSTS
        .iter()
        .map(|who| {
            let (store, home) = (store.clone(), home.path().to_path_buf());
            std::thread::spawn(move || {
                (0..2)
                    .map(|_| (who.to_string(), ok(&store, &home, who, &["next"])))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut got: Vec<(String, String)> = Vec::new();
    for w in workers {
        for (who, out) in w.join().unwrap() {
            let id = free
                .iter()
                .find(|id| out.contains(id.as_str()))
                .unwrap_or_else(|| panic!("{who} got no free ticket: {out}"));
            got.push((who, id.clone()));
        }
    }
    let mut ids: Vec<&String> = got.iter().map(|(_, id)| id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), got.len(), "two analysts got the same: {got:?}");
    // They are the oldest free ones, each owned by who pressed.
    let mut oldest = free[..got.len()].to_vec();
    oldest.sort();
    assert_eq!(ids.into_iter().cloned().collect::<Vec<_>>(), oldest);
    for (who, id) in &got {
        let shown = ok(&store, home.path(), "supervisor", &["show", id]);
        assert!(shown.contains(&format!("Atiende: {who}")), "{shown}");
    }
    ok(&store, home.path(), "supervisor", &["audit", "verify"]);
}

#[test]
fn a_take_by_one_is_refused_to_the_other_naming_the_owner() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let store = cluster.database("team_owner");
    ok(
        &store,
        home.path(),
        "supervisor",
        &["demo", "--tickets", "20", "--seed", "2"],
    );
    let id = new_ids(&store, home.path()).remove(0);
    // Two takes at the same moment: exactly one succeeds.
    let takers: Vec<_> = ["mvasquez", "jterrones"]
        .into_iter()
        .map(|who| {
            let (store, home, id) = (store.clone(), home.path().to_path_buf(), id.clone());
            std::thread::spawn(move || (who, mesa(&store, &home, who, &["take", &id])))
        })
        .collect();
    let results: Vec<_> = takers.into_iter().map(|t| t.join().unwrap()).collect();
    let winners: Vec<_> = results.iter().filter(|(_, o)| o.status.success()).collect();
    assert_eq!(winners.len(), 1, "exactly one take succeeds");
    let owner = winners[0].0;
    let (_, lost) = results.iter().find(|(w, _)| *w != owner).unwrap();
    let err = String::from_utf8_lossy(&lost.stderr);
    assert!(err.contains(&format!("lo tiene {owner}")), "{err}");

    let other = if owner == "mvasquez" {
        "jterrones"
    } else {
        "mvasquez"
    };
    let out = mesa(
        &store,
        home.path(),
        other,
        &["observe", &id, "--reason", "x"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("lo tiene {owner}")));
    ok(&store, home.path(), "supervisor", &["assign", &id, other]);
    ok(
        &store,
        home.path(),
        other,
        &["observe", &id, "--reason", "firma borrosa"],
    );
}
