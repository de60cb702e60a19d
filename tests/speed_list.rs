//! `mesa list` through the narrowest index: the same answers as reading
//! everything, `--limit` for the first N in arrival order, and JSON that
//! streams as one valid array.

mod common;

use common::{mesa, stdout_of};

fn demo(n: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = common::mesa_bare(dir.path())
        .args(["demo", "--tickets", n])
        .output()
        .unwrap();
    assert!(out.status.success());
    dir
}

fn list(store: &std::path::Path, args: &[&str]) -> Vec<serde_json::Value> {
    let out = mesa(store)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .args(["list", "--json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&stdout_of(&out)).unwrap()
}

#[test]
fn narrow_questions_give_what_reading_everything_gives() {
    let store = demo("300");
    let s = store.path();
    let all = list(s, &[]);
    assert_eq!(all.len(), 300);
    let dni = all[123]["applicants"][0]["dni"]
        .as_str()
        .unwrap()
        .to_string();
    let by_dni = list(s, &["--search", &dni]);
    let expected: Vec<&serde_json::Value> = all
        .iter()
        .filter(|t| {
            t["applicants"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["dni"] == dni.as_str())
        })
        .collect();
    assert_eq!(by_dni.iter().collect::<Vec<_>>(), expected);

    let id = all[7]["id"].as_str().unwrap();
    assert_eq!(list(s, &["--search", id]), vec![all[7].clone()]);

    let first3 = list(s, &["--limit", "3"]);
    assert_eq!(first3, all[..3].to_vec());
    assert_eq!(list(s, &["--limit", "0"]), Vec::<serde_json::Value>::new());

    let word = all[50]["applicants"][0]["full_name"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_lowercase();
    let by_word = list(
        s,
        &[
            "--search",
            &word,
            "--status",
            "nuevo",
            "--status",
            "en_atencion",
        ],
    );
    assert!(by_word.iter().all(|t| {
        let st = t["status"].as_str().unwrap();
        st == "nuevo" || st == "en_atencion"
    }));
}
