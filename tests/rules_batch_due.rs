//! At Friday 16:31 the dispatch that just came due is still on `batch list`,
//! with its unsealed tickets, marked as due: the supervisor sees the batch
//! is late instead of a list that starts next week.

mod support;

use support::{Mesa, one, seed_store};

fn scheduled_for_friday(m: &Mesa) -> Vec<String> {
    let ids = seed_store(
        &m.store(),
        &[
            one("Rosa Quispe Huamán", "rquispe@regioncajamarca.gob.pe"),
            one("Luis Chávez Rojas", "lchavez@regioncajamarca.gob.pe"),
        ],
    );
    for id in &ids {
        m.ok(&["take", id]);
        m.ok(&["schedule", id]);
    }
    ids
}

fn list_at(m: &Mesa, now: &str) -> (String, serde_json::Value) {
    let mut text = m.command(&["batch", "list"]);
    text.env("MESA_NOW", now);
    let out = text.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut json = m.command(&["batch", "list", "--json"]);
    json.env("MESA_NOW", now);
    let out_json = json.output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        serde_json::from_slice(&out_json.stdout).unwrap(),
    )
}

#[test]
fn a_dispatch_that_just_came_due_is_listed_as_due_and_unsealed() {
    let m = Mesa::new();
    let ids = scheduled_for_friday(&m);

    // Before the moment: an ordinary upcoming dispatch with both tickets.
    let (text, json) = list_at(&m, "2026-11-27T16:29:00-05:00");
    let first = &json["upcoming"][0];
    assert_eq!(first["dispatch_at"], "2026-11-27T16:30:00-05:00");
    assert_eq!(first["due"], false);
    assert_eq!(first["tickets"].as_array().unwrap().len(), 2);
    assert!(!text.contains("vencido"), "{text}");

    // One minute after: still there, both tickets, marked due.
    for now in ["2026-11-27T16:31:00-05:00", "2026-11-30T09:00:00-05:00"] {
        let (text, json) = list_at(&m, now);
        let first = &json["upcoming"][0];
        assert_eq!(first["dispatch_at"], "2026-11-27T16:30:00-05:00", "{now}");
        assert_eq!(first["due"], true, "{now}");
        let listed: Vec<&str> = first["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert_eq!(listed, ids.iter().map(String::as_str).collect::<Vec<_>>());
        let line = text
            .lines()
            .find(|l| l.contains("27/11/2026"))
            .unwrap_or_else(|| panic!("{now}: {text}"));
        assert!(
            line.contains("vencido, sin sellar") && line.contains("2 tickets"),
            "{line}"
        );
        // The next Friday follows it.
        assert_eq!(
            json["upcoming"][1]["dispatch_at"],
            "2026-12-04T16:30:00-05:00"
        );
    }

    // Sealed late: no longer due; the sealed batch is listed below.
    let mut seal = m.command(&["batch", "seal"]);
    seal.env("MESA_NOW", "2026-11-30T09:05:00-05:00");
    assert!(seal.output().unwrap().status.success());
    let (text, json) = list_at(&m, "2026-11-30T09:10:00-05:00");
    assert_eq!(
        json["upcoming"][0]["dispatch_at"],
        "2026-12-04T16:30:00-05:00"
    );
    assert!(!text.contains("vencido"), "{text}");
    assert!(text.contains("LOTE-2026-11-27"), "{text}");
}
