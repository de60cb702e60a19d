//! The console on the shared store, in a real terminal (tmux), while a
//! second console and the command line work on the same database: what
//! the embedded store cannot do (one process at a time).

mod pg;
mod tmux_harness;

use std::path::Path;
use std::process::Command;

use tmux_harness::{MESA, Tmux};

const NOW: &str = "2026-11-23T16:00:00-05:00";

fn mesa(store: &str, data: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(MESA)
        .args(args)
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .env("XDG_DATA_HOME", data)
        .env_remove("MESA_CONFIG")
        .output()
        .unwrap();
    assert!(out.status.success(), "mesa {args:?}: {out:?}");
    if args.contains(&"--json") {
        serde_json::from_slice(&out.stdout).unwrap()
    } else {
        serde_json::Value::Null
    }
}

fn console(store: &str, data: &Path, who: &str) -> Tmux {
    let tmux = Tmux::start(
        Path::new(store),
        NOW,
        &[("XDG_DATA_HOME", data.to_str().unwrap())],
    );
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}' --as {who}"));
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("Próximo envío a RENIEC");
    tmux
}

#[test]
fn two_consoles_and_the_command_line_work_on_one_shared_store_at_once() {
    let Some(cluster) = pg::cluster() else { return };
    let data = tempfile::tempdir().unwrap();
    let store = cluster.database("consoles");
    mesa(&store, data.path(), &["demo"]);
    let news = mesa(
        &store,
        data.path(),
        &["list", "--status", "nuevo", "--json"],
    );
    let ticket = tmux_harness::ready_to_schedule(&news, |id| {
        mesa(&store, data.path(), &["show", id, "--json"])
    });
    let id = ticket["id"].as_str().unwrap().to_string();
    let dni = ticket["applicants"][0]["dni"].as_str().unwrap().to_string();
    let total = mesa(&store, data.path(), &["list", "--json"])
        .as_array()
        .unwrap()
        .len();

    // The supervisor's console is open the whole time.
    let supervisor = console(&store, data.path(), mesa::demo::SUPERVISOR);
    supervisor.wait_for(&format!("0 Todos {total}"));
    let analyst = console(&store, data.path(), "mvasquez");
    analyst.wait_for(&format!("0 Todos {total}"));

    // The supervisor watches the same ticket in the queue.
    supervisor.key("/");
    supervisor.type_text(&dni);
    supervisor.wait_for(&format!("1 de {total}"));
    supervisor.key("Enter");
    let row = |screen: &str| -> String {
        screen
            .lines()
            .find(|l| l.contains(&id))
            .unwrap_or_default()
            .to_string()
    };
    let before = supervisor.wait_until("the ticket's row", |s| row(s).contains("Nuevo"));
    assert!(!row(&before).contains("En atención"), "{before}");

    analyst.key("/");
    analyst.type_text(&dni);
    analyst.wait_for(&format!("1 de {total}"));
    analyst.key("Enter");
    analyst.key("Enter");
    analyst.wait_for("Solicitante 1");
    analyst.key("t");
    analyst.wait_for("[En atención]");
    // The supervisor's console shows it without a key pressed there.
    let live = supervisor.wait_until("the take on the other console", |s| {
        row(s).contains("En atención")
    });
    assert!(row(&live).contains("En atención"), "{live}");
    // With both consoles open, the command line reads and writes too.
    let shown = mesa(&store, data.path(), &["show", &id, "--json"]);
    assert_eq!(shown["status"], "en_atencion");
    analyst.key("p");
    analyst.wait_for("¿Programar");
    analyst.key("Enter");
    analyst.wait_for("[Programado]");
    // q on the ticket goes back to the queue; q there quits.
    analyst.key("q");
    analyst.wait_for("Próximo envío a RENIEC");
    analyst.key("q");
    analyst.wait_for_shell();
    // The supervisor's console loses the database (its listening
    // connection is cut by the server): it says so, reconnects by itself,
    // and reads the queue again.
    cluster.psql(
        "consoles",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'",
    );
    supervisor.wait_for("Sin conexión con la base de datos compartida");
    supervisor.wait_for("Conexión recuperada");
    let after = supervisor.wait_until("the row after the reconnect", |s| {
        row(s).contains("Programado")
    });
    assert!(row(&after).contains("Programado"), "{after}");
    supervisor.key("q");
    supervisor.wait_for_shell();

    let shown = mesa(&store, data.path(), &["show", &id, "--json"]);
    assert_eq!(shown["status"], "programado");
    assert_eq!(
        shown["history"].as_array().unwrap().last().unwrap()["by"],
        "mvasquez"
    );
    assert_eq!(shown["dispatch_at"], "2026-11-27T16:30:00-05:00");
    mesa(&store, data.path(), &["audit", "verify"]);
}
