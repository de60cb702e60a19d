//! The team's rules through the real binary on a sled store: another
//! analyst's move on a taken ticket is refused naming the owner, the
//! supervisor reassigns, a stale `--version` changes nothing, and `mesa
//! next` takes the oldest free ticket (several at once: `team_shared.rs`).

mod support;

use support::{ANALYST, Mesa, SUPERVISOR, one, seed_store};

fn seeded(n: usize) -> (Mesa, Vec<String>) {
    let m = Mesa::new();
    let seeds: Vec<_> = (0..n)
        .map(|i| {
            one(
                &format!("Persona Número {i}"),
                &format!("p{i}@regioncajamarca.gob.pe"),
            )
        })
        .collect();
    let ids = seed_store(&m.store(), &seeds);
    (m, ids)
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn show(m: &Mesa, id: &str) -> String {
    m.ok(&["show", id])
}

#[test]
fn another_analysts_move_on_a_taken_ticket_is_refused_naming_the_owner() {
    let (m, ids) = seeded(1);
    let id = &ids[0];
    m.ok(&["analyst", "add", "carla"]);
    m.ok(&["--as", ANALYST, "take", id]);
    let before = show(&m, id);
    for args in [
        vec!["observe", id.as_str(), "--reason", "falta la foto"],
        vec!["withdraw", id.as_str(), "--reason", "duplicado"],
        vec!["take", id.as_str()],
        vec!["schedule", id.as_str()],
    ] {
        let out = m.run(&[&["--as", "carla"][..], &args[..]].concat());
        assert!(!out.status.success(), "{args:?} went through");
        let err = stderr(&out);
        assert!(err.contains(&format!("{id} lo tiene {ANALYST}")), "{err}");
        assert!(err.contains("reasigne"), "{err}");
    }
    assert_eq!(show(&m, id), before, "a refused move changed the ticket");
    // The supervisor may act on it, and it stays the owner's.
    m.ok(&[
        "--as",
        SUPERVISOR,
        "correct",
        id,
        "--email",
        "nuevo@regioncajamarca.gob.pe",
    ]);
    let shown = show(&m, id);
    assert!(shown.contains("[En atención]"), "{shown}");
    assert!(shown.contains(&format!("Atiende: {ANALYST}")), "{shown}");
    // The owner still can.
    m.ok(&["--as", ANALYST, "observe", id, "--reason", "falta la foto"]);
    assert!(show(&m, id).contains("[Observado]"), "{}", show(&m, id));
}

#[test]
fn the_supervisor_reassigns_and_it_is_recorded() {
    let (mut m, ids) = seeded(1);
    let id = &ids[0];
    // A third analyst, added by the supervisor.
    m.ok(&["analyst", "add", "carla"]);
    m.ok(&["--as", ANALYST, "take", id]);

    let refused = m.run(&["--as", ANALYST, "assign", id, "carla"]);
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("supervisor"),
        "{}",
        stderr(&refused)
    );
    let nobody = m.run(&["assign", id, "fantasma"]);
    assert!(!nobody.status.success());
    assert!(stderr(&nobody).contains("fantasma"), "{}", stderr(&nobody));

    let out = m.ok(&["assign", id, "carla"]);
    assert!(out.contains(&format!("{id} ahora lo tiene carla")), "{out}");
    let shown = show(&m, id);
    assert!(shown.contains("Atiende: carla"), "{shown}");
    assert!(
        shown.contains(&format!("reasignado de {ANALYST} a carla")),
        "{shown}"
    );
    // The former owner is now refused; the new one may act.
    let err = stderr(&m.run(&["--as", ANALYST, "schedule", id]));
    assert!(err.contains("lo tiene carla"), "{err}");
    m.set("MESA_ANALYST", "carla");
    m.ok(&["schedule", id]);
    // The audit has it.
    m.set("MESA_ANALYST", SUPERVISOR);
    let audit = m.ok(&["audit"]);
    assert!(
        audit.contains("assign") || audit.contains("reasign"),
        "{audit}"
    );
}

#[test]
fn a_move_on_a_stale_version_is_refused_and_says_what_changed() {
    let (m, ids) = seeded(1);
    let id = &ids[0];
    m.ok(&["--as", ANALYST, "take", id]);
    let seen = show(&m, id);
    assert!(seen.contains("Versión: 1"), "{seen}");
    m.ok(&["--as", ANALYST, "observe", id, "--reason", "firma borrosa"]);
    let after = show(&m, id);

    let out = m.run(&[
        "--as",
        ANALYST,
        "withdraw",
        id,
        "--reason",
        "duplicado",
        "--version",
        "1",
    ]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("cambió desde que lo vio"), "{err}");
    assert!(err.contains("observar"), "{err}");
    assert!(err.contains("firma borrosa"), "{err}");
    assert_eq!(show(&m, id), after, "a stale move changed the ticket");

    // On the version now, it goes through.
    m.ok(&[
        "--as",
        ANALYST,
        "withdraw",
        id,
        "--reason",
        "duplicado",
        "--version",
        "2",
    ]);
    assert!(show(&m, id).contains("[Anulado]"));
}

#[test]
fn next_takes_the_oldest_free_ticket() {
    let (m, ids) = seeded(3);
    m.ok(&["--as", ANALYST, "take", &ids[0]]);
    let out = m.ok(&["--as", ANALYST, "next"]);
    assert!(out.contains(&ids[1]), "{out}");
    let out = m.ok(&["next"]);
    assert!(out.contains(&ids[2]), "{out}");
    let out = m.ok(&["next"]);
    assert!(out.contains("no hay tickets libres"), "{out}");
}
