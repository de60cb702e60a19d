//! The real binary in a real terminal (tmux): open the console on a demo
//! store, filter by a DNI, open the ticket, take it, schedule it, quit; then
//! the command line sees it scheduled and the shell is usable.

mod tmux_harness;

use std::path::Path;
use std::process::Command;

use chrono::{DateTime, Utc};
use tmux_harness::{MESA, Tmux};

const NOW: &str = "2026-11-23T16:00:00-05:00";

fn mesa(store: &Path, args: &[&str]) -> serde_json::Value {
    tmux_harness::mesa(store, NOW, args)
}

#[test]
fn an_analyst_takes_and_schedules_a_ticket_in_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    mesa(&store, &["demo"]);
    // A new emission or re-emission whose checks all pass.
    let news = mesa(&store, &["list", "--status", "nuevo", "--json"]);
    let ticket = tmux_harness::ready_to_schedule(&news, |id| mesa(&store, &["show", id, "--json"]));
    let id = ticket["id"].as_str().unwrap().to_string();
    let dni = ticket["applicants"][0]["dni"].as_str().unwrap().to_string();

    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    // No --as: the console asks who is there.
    tmux.type_text(&format!("'{MESA}'"));
    tmux.key("Enter");
    tmux.wait_for("Escriba su nombre de analista");
    tmux.type_text("mvasquez");
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("Próximo envío a RENIEC");
    tmux.wait_for("0 Todos 60");

    tmux.key("/");
    tmux.type_text(&dni);
    tmux.wait_for("1 de 60");
    tmux.key("Enter");
    tmux.key("Enter");
    let screen = tmux.wait_for("Solicitante 1");
    assert!(screen.contains(&id), "{screen}");
    assert!(screen.contains("[Nuevo]"), "{screen}");

    tmux.key("t");
    tmux.wait_for("[En atención]");
    tmux.key("p");
    let screen = tmux.wait_for("¿Programar");
    assert!(screen.contains("vie 27/11/2026 16:30"), "{screen}");
    tmux.key("Enter");
    tmux.wait_for("[Programado]");
    // q on the ticket goes back to the queue; q there quits.
    tmux.key("q");
    tmux.wait_for("Próximo envío a RENIEC");
    tmux.key("q");
    tmux.wait_for_shell();

    // The shell is back, in cooked mode, and runs what is typed.
    tmux.type_text("echo SHELL-$((40+2)); stty -a | tr ' ' '\\n' | grep -x icanon");
    tmux.key("Enter");
    let screen = tmux.wait_for("SHELL-42");
    tmux.wait_for("\nicanon");
    assert!(!screen.contains("Próximo envío"), "{screen}");
    drop(tmux);

    let shown = mesa(&store, &["show", &id, "--json"]);
    assert_eq!(shown["status"], "programado");
    let history = shown["history"].as_array().unwrap();
    assert_eq!(history.last().unwrap()["to"], "programado");
    assert_eq!(history.last().unwrap()["by"], "mvasquez");

    // The dispatch the rules give for this ticket scheduled now.
    let desk = mesa::desk::Desk::new(
        mesa::store::Store::open(&store).unwrap(),
        mesa::config::Config::default(),
        mesa::clock::Clock::Fixed(
            DateTime::parse_from_rfc3339(NOW)
                .unwrap()
                .with_timezone(&Utc),
        ),
    );
    let t = desk.ticket(&id).unwrap();
    let expected = desk.dispatch_for(&t, desk.now());
    assert_eq!(
        shown["dispatch_at"].as_str().unwrap(),
        mesa::cli::view::local(expected.dispatch.at, desk.config.dispatch.timezone)
    );
    assert_eq!(shown["dispatch_at"], "2026-11-27T16:30:00-05:00");
}

#[test]
fn sigterm_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    mesa(&store, &["demo"]);
    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}' --as supervisor"));
    tmux.key("Enter");
    tmux.give_password();
    tmux.wait_for("Próximo envío a RENIEC");
    let shell = tmux.tmux(&["display", "-p", "-t", "e2e", "#{pane_pid}"]);
    let pid = child_of(shell.trim()).expect("the console runs under the shell");
    // bash's own kill: no procps needed on a bare machine.
    assert!(
        Command::new("bash")
            .args(["-c", &format!("kill -TERM {pid}")])
            .status()
            .unwrap()
            .success()
    );
    tmux.wait_for_shell();
    tmux.type_text("echo SHELL-$((40+2)); stty -a | tr ' ' '\\n' | grep -x icanon");
    tmux.key("Enter");
    let screen = tmux.wait_for("SHELL-42");
    tmux.wait_for("\nicanon");
    assert!(!screen.contains("Próximo envío"), "{screen}");
    let log = std::fs::read_to_string(store.join("logs").join("mesa.log")).unwrap();
    assert!(log.contains("SIGTERM"), "{log}");
    assert!(log.contains("console closed"), "{log}");
}

#[test]
fn the_first_run_of_the_console_names_the_supervisor() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("nuevo");
    let tmux = Tmux::start(&store, NOW, &[]);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}'"));
    tmux.key("Enter");
    tmux.wait_for("Primer uso: este almacén aún no tiene supervisor");
    tmux.type_text("ana");
    tmux.key("Enter");
    for _ in 0..2 {
        tmux.type_text(mesa::demo::PASSWORD);
        tmux.key("Enter");
    }
    tmux.wait_for("ana es ahora el supervisor");
    tmux.wait_for("0 Todos 0");
    tmux.key("q");
    tmux.wait_for_shell();
    drop(tmux);
    let all = mesa(&store, &["--as", "ana", "analyst", "list", "--json"]);
    assert_eq!(all[0]["name"], "ana");
    assert_eq!(all[0]["role"], "supervisor");
}

/// The first process whose parent is `parent`, read from /proc.
fn child_of(parent: &str) -> Option<String> {
    std::fs::read_dir("/proc").ok()?.flatten().find_map(|e| {
        let pid = e.file_name().to_string_lossy().into_owned();
        let stat = std::fs::read_to_string(e.path().join("stat")).ok()?;
        // "pid (comm) state ppid …": comm may hold spaces, so split after ')'.
        let rest = &stat[stat.rfind(')')? + 1..];
        let ppid = rest.split_whitespace().nth(1)?;
        (ppid == parent).then_some(pid)
    })
}
