//! `mesa bench --team` on a throwaway PostgreSQL cluster, for ~10 s: ten
//! analysts as processes on the same 50 tickets; the histories show never
//! two owners at once, one version step per move, one audit entry per
//! move, and the chain verifies (the bench checks and fails otherwise).

mod pg;

use std::process::Command;

#[test]
fn ten_analysts_on_fifty_tickets_never_share_one_and_lose_no_move() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let store = cluster.database("team_bench");
    let out = Command::new(env!("CARGO_BIN_EXE_mesa"))
        .args(["bench", "--team", &store, "--seconds", "10", "--cache"])
        .arg(home.path().join("cache"))
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("MESA_STORE")
        .env_remove("MESA_ANALYST")
        .env_remove("MESA_CONFIG")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    println!("{text}");
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let number = |label: &str| -> usize {
        let line = text.lines().find(|l| l.starts_with(label)).unwrap();
        line.rsplit(": ").next().unwrap().trim().parse().unwrap()
    };
    assert_eq!(number("Dos dueños a la vez"), 0);
    assert_eq!(number("Versiones que no avanzan"), 0);
    assert_eq!(number("Movimientos sin su entrada"), 0);
    assert!(text.contains("Cadena de auditoría: verifica"), "{text}");
    // Ten analysts on 50 tickets do collide: some moves are refused.
    let applied: usize = text
        .lines()
        .find(|l| l.starts_with("Movimientos aplicados"))
        .and_then(|l| l.split_whitespace().nth(2))
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(applied > 0, "{text}");
    assert!(text.contains("Rechazados:"), "{text}");
}
