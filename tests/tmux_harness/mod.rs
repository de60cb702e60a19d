//! The real binary in a real terminal: a tmux server of the test's own,
//! shared by the end-to-end console test files.
#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const MESA: &str = env!("CARGO_BIN_EXE_mesa");

/// A tmux server of our own, killed however the test ends.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A 100×30 shell with `MESA_NOW` and `MESA_STORE` set, and `env` on top.
    pub fn start(store: &Path, now: &str, env: &[(&str, &str)]) -> Tmux {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "mesa-e2e-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let mut cmd = Command::new("tmux");
        cmd.args(["-L", &socket, "-f", "/dev/null", "new-session", "-d"])
            .args(["-x", "100", "-y", "30", "-s", "e2e"])
            .arg("env PS1='$ ' bash --norc --noprofile")
            .env("MESA_NOW", now)
            .env("MESA_STORE", store)
            .env_remove("NO_COLOR")
            .env_remove("MESA_ANALYST")
            .env_remove("MESA_PASSWORD")
            .env_remove("MESA_CONFIG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let status = cmd.status().expect("tmux is installed (CI installs it)");
        assert!(status.success());
        Tmux { socket }
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text]);
    }

    pub fn key(&self, key: &str) {
        self.tmux(&["send-keys", "-t", "e2e", key]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "e2e"])
    }

    /// Waits (bounded) until the screen shows `text`.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("«{text}»"), |s| s.contains(text))
    }

    /// Waits (bounded) until the console is gone and the shell prompts
    /// again, so what is typed next goes to the shell.
    pub fn wait_for_shell(&self) -> String {
        self.wait_until("the shell prompt", |s| {
            !s.contains("Próximo envío") && s.trim_end().ends_with('$')
        })
    }

    /// Presses q, one screen at a time, until the console is gone: each
    /// press waits for the screen it changed, and none follows once the
    /// console has left the terminal's alternate screen (it may still be
    /// closing, and a q then would reach the shell).
    pub fn quit_to_shell(&self) -> String {
        let console_on = || {
            self.tmux(&["display-message", "-p", "-t", "e2e", "#{alternate_on}"])
                .trim()
                == "1"
        };
        for _ in 0..6 {
            let before = self.screen();
            if !console_on() {
                break;
            }
            self.key("q");
            self.wait_until("the screen after q", |s| s != before);
        }
        self.wait_for_shell()
    }

    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
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

/// Runs the built binary on `store` at `now`; the parsed output when
/// `--json` is among the arguments.
pub fn mesa(store: &Path, now: &str, args: &[&str]) -> serde_json::Value {
    let out = Command::new(MESA)
        .arg("--store")
        .arg(store)
        .args(args)
        .env("MESA_NOW", now)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
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

impl Tmux {
    /// At the console's sign-in with the name given (`--as`): types the
    /// demo staff's password and Enter.
    pub fn give_password(&self) {
        self.wait_for("Contraseña");
        self.type_text(mesa::demo::PASSWORD);
        self.key("Enter");
    }
}

/// Among `news` (`mesa list --status nuevo --json`), the first emission or
/// re-emission whose checks all pass, as `show` (`mesa show ID --json`)
/// gives it: a ticket an analyst can take and schedule at once.
pub fn ready_to_schedule(
    news: &serde_json::Value,
    show: impl Fn(&str) -> serde_json::Value,
) -> serde_json::Value {
    news.as_array()
        .unwrap()
        .iter()
        .map(|t| show(t["id"].as_str().unwrap()))
        .find(|t| {
            matches!(t["kind"].as_str(), Some("emision" | "reemision"))
                && t["checks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|a| a.as_array().unwrap())
                    .all(|c| c["problems"].as_array().unwrap().is_empty())
        })
        .expect("the demo has a new ticket ready to schedule")
}
