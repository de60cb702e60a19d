//! The real binary in a real terminal (tmux): open the console on a demo
//! store, filter by a DNI, open the ticket, take it, schedule it, quit; then
//! the command line sees it scheduled and the shell is usable.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

const NOW: &str = "2026-11-23T16:00:00-05:00";
const MESA: &str = env!("CARGO_BIN_EXE_mesa");

/// A tmux server of our own, killed however the test ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(store: &Path) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "mesa-e2e-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", "100", "-y", "30", "-s", "e2e"])
            .arg("env PS1='$ ' bash --norc --noprofile")
            .env("MESA_NOW", NOW)
            .env("MESA_STORE", store)
            .env_remove("NO_COLOR")
            .env_remove("MESA_ANALYST")
            .env_remove("MESA_CONFIG")
            .status()
            .expect("tmux is installed (CI installs it)");
        assert!(status.success());
        Tmux { socket }
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    fn key(&self, key: &str) {
        self.tmux(&["send-keys", "-t", "e2e", key]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Waits (bounded) until the screen shows `text`.
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("«{text}»"), |s| s.contains(text))
    }

    /// Waits (bounded) until the console is gone and the shell prompts
    /// again, so what is typed next goes to the shell.
    fn wait_for_shell(&self) -> String {
        self.wait_until("the shell prompt", |s| {
            !s.contains("Próximo envío") && s.trim_end().ends_with('$')
        })
    }

    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(30) {
                panic!("waited for {what}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .status();
    }
}

fn mesa(store: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(MESA)
        .arg("--store")
        .arg(store)
        .args(args)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
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

#[test]
fn an_analyst_takes_and_schedules_a_ticket_in_the_console() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    mesa(&store, &["demo"]);
    // A new emission or re-emission whose checks all pass.
    let news = mesa(&store, &["list", "--status", "nuevo", "--json"]);
    let ticket = news
        .as_array()
        .unwrap()
        .iter()
        .map(|t| mesa(&store, &["show", t["id"].as_str().unwrap(), "--json"]))
        .find(|t| {
            matches!(t["kind"].as_str(), Some("emision" | "reemision"))
                && t["checks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|a| a.as_array().unwrap())
                    .all(|c| c["problems"].as_array().unwrap().is_empty())
        })
        .expect("the demo at this moment has a new ticket ready to schedule");
    let id = ticket["id"].as_str().unwrap().to_string();
    let dni = ticket["applicants"][0]["dni"].as_str().unwrap().to_string();

    let tmux = Tmux::start(&store);
    tmux.wait_for("$");
    // No --as: the console asks who is there.
    tmux.type_text(&format!("'{MESA}'"));
    tmux.key("Enter");
    tmux.wait_for("Escriba su nombre de analista");
    tmux.type_text("mvasquez");
    tmux.key("Enter");
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
    let tmux = Tmux::start(&store);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}' --as supervisor"));
    tmux.key("Enter");
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
    let tmux = Tmux::start(&store);
    tmux.wait_for("$");
    tmux.type_text(&format!("'{MESA}'"));
    tmux.key("Enter");
    tmux.wait_for("Primer uso: este almacén aún no tiene supervisor");
    tmux.type_text("ana");
    tmux.key("Enter");
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
