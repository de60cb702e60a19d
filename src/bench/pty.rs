//! What the analyst meets: the `mesa` binary started in a real terminal
//! (a tmux pane of 120×40), the clock running from process start to the
//! first frame that shows ticket rows, through the sign-in; and the command
//! line's find-by-DNI as a whole process.

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The demo's analyst the bench signs in as, and the password it passes in
/// `MESA_PASSWORD` and types if the sign-in asks for one.
const WHO: &str = crate::demo::SUPERVISOR;
const PASSWORD: &str = crate::demo::PASSWORD;

/// Gives up on a frame that never comes.
const PATIENCE: Duration = Duration::from_secs(60);

/// One tmux server of its own, on a private socket, killed when dropped.
struct Pane {
    socket: String,
}

impl Pane {
    fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket]);
        c
    }

    fn run(&self, args: &[&str]) -> anyhow::Result<Output> {
        let out = self.tmux().args(args).output()?;
        anyhow::ensure!(
            out.status.success(),
            "tmux {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
        Ok(out)
    }

    fn screen(&self) -> anyhow::Result<String> {
        Ok(
            String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "b"])?.stdout)
                .into_owned(),
        )
    }

    fn keys(&self, keys: &[&str]) -> anyhow::Result<()> {
        let mut args = vec!["send-keys", "-t", "b"];
        args.extend_from_slice(keys);
        self.run(&args).map(|_| ())
    }

    fn pid(&self) -> anyhow::Result<u32> {
        let out = self.run(&["display-message", "-p", "-t", "b", "#{pane_pid}"])?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().parse()?)
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = self.tmux().arg("kill-server").output();
    }
}

/// Whether tmux can be used here.
pub fn available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A screen with at least one ticket row on it.
fn has_rows(screen: &str) -> bool {
    screen.lines().any(|l| {
        l.split_whitespace().any(|w| {
            let b = w.as_bytes();
            b.len() == 13
                && w.starts_with("T-")
                && b[2..6].iter().all(u8::is_ascii_digit)
                && b[6] == b'-'
                && b[7..].iter().all(u8::is_ascii_digit)
        })
    })
}

/// The sign-in step: the name comes in `MESA_ANALYST`; if the sign-in
/// screen asks for a password, it is typed. Returns whether it acted.
fn sign_in(pane: &Pane, screen: &str) -> anyhow::Result<bool> {
    if screen.contains(crate::strings::identity::login_password_label()) {
        pane.keys(&["-l", PASSWORD])?;
        pane.keys(&["Enter"])?;
        return Ok(true);
    }
    Ok(false)
}

/// Starts `mesa` on `store` in a 120×40 pane: time from process start to
/// the first frame with rows, and the console's peak memory (bytes) once
/// the whole queue has loaded.
pub fn first_rows(exe: &Path, store: &Path, n: usize) -> anyhow::Result<(Duration, u64)> {
    let pane = Pane {
        socket: format!("mesa-bench-{}-{n}", std::process::id()),
    };
    // The pane waits for a line before it becomes `mesa` (exec, same pid),
    // so tmux's own start is not on the clock.
    let line = format!("read go; exec {}", shell_quote(&exe.to_string_lossy()));
    pane.run(&[
        "new-session",
        "-d",
        "-s",
        "b",
        "-x",
        "120",
        "-y",
        "40",
        "-e",
        &format!("MESA_STORE={}", store.display()),
        "-e",
        &format!("MESA_ANALYST={WHO}"),
        "-e",
        &format!("MESA_PASSWORD={PASSWORD}"),
        "sh",
        "-c",
        &line,
    ])?;
    let started = Instant::now();
    pane.keys(&["Enter"])?;
    let mut signed = false;
    let took = loop {
        let screen = pane.screen()?;
        if has_rows(&screen) {
            break started.elapsed();
        }
        if !signed {
            signed = sign_in(&pane, &screen)?;
        }
        anyhow::ensure!(started.elapsed() < PATIENCE, "{screen}");
        std::thread::sleep(Duration::from_millis(2));
    };
    // The whole queue: the loading note leaves the title.
    loop {
        let screen = pane.screen()?;
        if !screen.contains(crate::strings::speed::loading_rest()) {
            break;
        }
        anyhow::ensure!(started.elapsed() < PATIENCE, "{screen}");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    let peak = peak_rss(pane.pid()?).unwrap_or(0);
    pane.keys(&["q"])?;
    Ok((took, peak))
}

/// VmHWM of a process, in bytes.
fn peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse::<u64>()
        .ok()?;
    Some(kb * 1024)
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn mesa(exe: &Path, store: &Path) -> Command {
    let mut c = Command::new(exe);
    c.env("MESA_STORE", store)
        .env("MESA_ANALYST", WHO)
        .env("MESA_PASSWORD", PASSWORD);
    c
}

/// A DNI the store holds (its first ticket's applicant).
pub fn some_dni(exe: &Path, store: &Path) -> anyhow::Result<String> {
    let out = mesa(exe, store)
        .args(["list", "--limit", "1", "--json"])
        .output()?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    fn find(v: &serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::Object(m) => m
                .get("dni")
                .and_then(|d| d.as_str().map(String::from))
                .or_else(|| m.values().find_map(find)),
            serde_json::Value::Array(a) => a.iter().find_map(find),
            _ => None,
        }
    }
    find(&v).ok_or_else(|| anyhow::anyhow!("{}", String::from_utf8_lossy(&out.stderr)))
}

/// `mesa entrar`: one password check, then a session for the commands
/// measured after it.
pub fn sign_in_once(exe: &Path, store: &Path) -> anyhow::Result<()> {
    let out = mesa(exe, store).arg("entrar").output()?;
    anyhow::ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(())
}

/// `mesa salir`: ends the bench's session.
pub fn sign_out(exe: &Path, store: &Path) -> anyhow::Result<()> {
    mesa(exe, store).arg("salir").output()?;
    Ok(())
}

/// `mesa list --search DNI --json`, the whole process, on the session
/// [`sign_in_once`] opened (no password given).
pub fn list_by_dni(exe: &Path, store: &Path, dni: &str) -> anyhow::Result<Duration> {
    let started = Instant::now();
    let out = mesa(exe, store)
        .env_remove("MESA_PASSWORD")
        .args(["list", "--search", dni, "--json"])
        .output()?;
    let took = started.elapsed();
    anyhow::ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr).trim()
    );
    Ok(took)
}
