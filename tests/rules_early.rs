//! Acting on a batch before its dispatch moment needs a reason, is recorded
//! with it, and says what it moves: marking sent early, and sealing early
//! (after which a ticket scheduled for that Friday is told it goes the
//! week after, never moved in silence).

mod support;

use support::{Mesa, one, seed_store};

fn at(m: &Mesa, now: &str, args: &[&str]) -> std::process::Output {
    let mut c = m.command(args);
    c.env("MESA_NOW", now);
    c.output().unwrap()
}

fn text(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
}

const WEDNESDAY: &str = "2026-11-25T10:00:00-05:00";

#[test]
fn marking_a_batch_sent_before_its_moment_needs_a_reason_and_records_it() {
    let m = Mesa::new();
    let ids = seed_store(
        &m.store(),
        &[one("Rosa Quispe Huamán", "rquispe@regioncajamarca.gob.pe")],
    );
    m.ok(&["take", &ids[0]]);
    m.ok(&["schedule", &ids[0]]);
    let sealed = at(
        &m,
        WEDNESDAY,
        &[
            "batch",
            "seal",
            "--dispatch",
            "2026-11-27",
            "--reason",
            "RENIEC pidió el lote antes",
        ],
    );
    assert!(sealed.status.success(), "{}", text(&sealed));
    let outbox_before = m.outbox().len();

    // Two days early, no reason: refused, nothing moved, nobody told.
    let out = at(&m, WEDNESDAY, &["batch", "sent", "LOTE-2026-11-27"]);
    assert!(!out.status.success());
    let said = text(&out);
    assert!(
        said.contains("vie 27/11/2026 16:30") && said.contains("--reason"),
        "{said}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&m.ok(&["show", &ids[0], "--json"])).unwrap();
    assert_eq!(shown["status"], "programado");
    assert_eq!(m.outbox().len(), outbox_before);

    // With a reason: done, and the reason is kept with the batch and audited.
    let out = at(
        &m,
        WEDNESDAY,
        &[
            "batch",
            "sent",
            "LOTE-2026-11-27",
            "--reason",
            "Entregado en mano a RENIEC",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("Entregado en mano a RENIEC"));
    let list: serde_json::Value =
        serde_json::from_str(&m.ok(&["batch", "list", "--json"])).unwrap();
    assert_eq!(
        list["sealed"][0]["sent_early_reason"],
        "Entregado en mano a RENIEC"
    );
    assert!(m.ok(&["audit"]).contains("Entregado en mano a RENIEC"));

    // At or after the moment, no reason is asked.
    let m2 = Mesa::new();
    let ids = seed_store(
        &m2.store(),
        &[one("Luis Chávez Rojas", "lchavez@regioncajamarca.gob.pe")],
    );
    m2.ok(&["take", &ids[0]]);
    m2.ok(&["schedule", &ids[0]]);
    let friday = "2026-11-27T16:30:00-05:00";
    assert!(at(&m2, friday, &["batch", "seal"]).status.success());
    let out = at(&m2, friday, &["batch", "sent", "LOTE-2026-11-27"]);
    assert!(out.status.success(), "{}", text(&out));
    let list: serde_json::Value =
        serde_json::from_str(&m2.ok(&["batch", "list", "--json"])).unwrap();
    assert!(list["sealed"][0]["sent_early_reason"].is_null());
}

#[test]
fn after_an_early_seal_scheduling_says_the_ticket_goes_the_week_after() {
    let m = Mesa::new();
    let ids = seed_store(
        &m.store(),
        &[
            one("Rosa Quispe Huamán", "rquispe@regioncajamarca.gob.pe"),
            one("Luis Chávez Rojas", "lchavez@regioncajamarca.gob.pe"),
        ],
    );
    m.ok(&["take", &ids[0]]);
    m.ok(&["schedule", &ids[0]]);
    let out = at(
        &m,
        WEDNESDAY,
        &[
            "batch",
            "seal",
            "--dispatch",
            "2026-11-27",
            "--reason",
            "Feriado regional",
        ],
    );
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("irá al envío siguiente: vie 04/12/2026 16:30"),
        "the early seal says what it moves: {said}"
    );

    let out = at(&m, "2026-11-25T11:00:00-05:00", &["take", &ids[1]]);
    assert!(out.status.success());
    let out = at(&m, "2026-11-25T11:05:00-05:00", &["schedule", &ids[1]]);
    assert!(out.status.success(), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("LOTE-2026-11-27 ya está sellado")
            && said.contains("Feriado regional")
            && said.contains("04/12/2026 16:30"),
        "{said}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&m.ok(&["show", &ids[1], "--json"])).unwrap();
    assert!(
        shown.to_string().contains("2026-12-04T16:30:00-05:00"),
        "{shown}"
    );
}
