//! Taskwarrior beside mesa, on the same kind of question: find one record
//! by its unique DNI among N, as a whole process printing JSON (`task
//! dni:… export` against `mesa list --search DNI --json`). Debian's
//! `taskwarrior` is installed when missing and the bench runs as root with
//! apt; otherwise the comparison is skipped with the reason. The task
//! database lives in the bench's cache folder, private, built once per N
//! (an import of 100,000 tasks takes seconds), with no hooks and nothing
//! but the local files.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// `task` on the PATH, installing Debian's package when it can.
pub fn ensure_installed() -> Result<PathBuf, String> {
    if let Some(p) = which("task") {
        return Ok(p);
    }
    // SAFETY: getuid has no preconditions.
    let root = unsafe { libc::getuid() } == 0;
    if !root || which("apt-get").is_none() {
        return Err(crate::strings::speed::task_cannot_install().into());
    }
    let ok = Command::new("apt-get")
        .args(["install", "-y", "-qq", "taskwarrior"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    match which("task") {
        Some(p) if ok => Ok(p),
        _ => Err(crate::strings::speed::task_install_failed().into()),
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join(name))
            .find(|f| f.is_file())
    })
}

/// The DNI of task `i` (unique, 8 digits).
pub fn dni_of(i: usize) -> String {
    format!("{:08}", 40_000_000 + i * 7)
}

/// A task database of `n` tasks under `cache`, built if missing; returns
/// its `taskrc`.
pub fn database(task: &Path, cache: &Path, n: usize) -> Result<PathBuf, String> {
    let dir = cache.join(format!("task-{n}"));
    let rc = dir.join("taskrc");
    if dir.join("listo").exists() {
        return Ok(rc);
    }
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).map_err(|e| e.to_string())?;
    std::fs::write(
        &rc,
        format!(
            "data.location={}\nconfirmation=off\nverbose=nothing\nhooks=off\njson.array=on\n\
             uda.dni.type=string\nuda.dni.label=DNI\nrecurrence=off\ngc=off\n",
            dir.join("data").display()
        ),
    )
    .map_err(|e| e.to_string())?;
    let mut json = String::with_capacity(n * 120);
    for i in 0..n {
        json.push_str(&format!(
            "{{\"description\":\"Solicitud T-2026-{:06} de certificado\",\"dni\":\"{}\",\"status\":\"pending\",\"entry\":\"20261101T120000Z\"}}\n",
            i + 1,
            dni_of(i)
        ));
    }
    let file = dir.join("tareas.json");
    std::fs::write(&file, json).map_err(|e| e.to_string())?;
    let out = Command::new(task)
        .arg("import")
        .arg(&file)
        .env("TASKRC", &rc)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    let _ = std::fs::remove_file(&file);
    std::fs::write(dir.join("listo"), b"").map_err(|e| e.to_string())?;
    Ok(rc)
}

/// `task dni:<dni> export` as a whole process, `runs` times; every run
/// must find the one task.
pub fn find_times(task: &Path, rc: &Path, dni: &str, runs: usize) -> Result<Vec<Duration>, String> {
    let mut times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let out = Command::new(task)
            .arg(format!("dni:{dni}"))
            .arg("export")
            .env("TASKRC", rc)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| e.to_string())?;
        times.push(start.elapsed());
        let text = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || text.matches(&format!("\"dni\":\"{dni}\"")).count() != 1 {
            return Err(crate::strings::speed::task_not_found(dni));
        }
    }
    Ok(times)
}
