//! A throwaway PostgreSQL cluster on loopback for the shared-store tests:
//! Debian's server binaries (`initdb`, `postgres`) run as the `postgres`
//! user when the tests run as root (initdb refuses root), in a temporary
//! folder, on a free port, `fsync=off`. The server dies with the test
//! process (parent-death signal), so nothing is left running.
//!
//! Without the binaries the tests say loudly that they were skipped; under
//! CI (`CI` set) that is a failure: `.ci/run` installs the package.

#![allow(dead_code)]

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub struct Cluster {
    pub port: u16,
    dir: PathBuf,
    bin: PathBuf,
    /// The certificate authority that signed the server's certificate,
    /// on a cluster started with TLS.
    pub ca: Option<PathBuf>,
}

static CLUSTER: OnceLock<Option<Cluster>> = OnceLock::new();
static TLS_CLUSTER: OnceLock<Option<Cluster>> = OnceLock::new();

/// A cluster that offers TLS (its own CA, a certificate for 127.0.0.1)
/// and refuses the login `tls_only` without it. `None` (said loudly)
/// without PostgreSQL or the `openssl` command to make the certificates.
pub fn tls_cluster() -> Option<&'static Cluster> {
    TLS_CLUSTER
        .get_or_init(|| {
            let bin = server_bin_or_skip()?;
            if Command::new("openssl").arg("version").output().is_err() {
                if std::env::var_os("CI").is_some() {
                    panic!("CI without the openssl command: .ci/run must install `openssl`");
                }
                eprintln!("\n######## PostgreSQL TLS tests SKIPPED: no openssl command to make certificates ########\n");
                return None;
            }
            Some(start(bin, true))
        })
        .as_ref()
}

fn server_bin_or_skip() -> Option<PathBuf> {
    let found = server_bin();
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("CI without PostgreSQL's server binaries: .ci/run must install `postgresql`");
        }
        eprintln!(
            "\n######## PostgreSQL tests SKIPPED: no /usr/lib/postgresql/*/bin/initdb \
             (apt-get install postgresql) ########\n"
        );
    }
    found
}

/// The directory of the newest installed server binaries.
fn server_bin() -> Option<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|b| b.join("initdb").is_file() && b.join("postgres").is_file())
        .collect();
    found.sort_by_key(|p| {
        p.parent()
            .and_then(|v| v.file_name())
            .and_then(|v| v.to_str())
            .and_then(|v| v.parse::<u32>().ok())
            .unwrap_or(0)
    });
    found.pop()
}

/// (uid, gid) to run the server as: `postgres` when we are root.
fn server_user() -> Option<(u32, u32)> {
    if unsafe { libc::geteuid() } != 0 {
        return None;
    }
    let name = std::ffi::CString::new("postgres").unwrap();
    let pw = unsafe { libc::getpwnam(name.as_ptr()) };
    if pw.is_null() {
        panic!("running as root without a `postgres` user: initdb cannot run");
    }
    unsafe { Some(((*pw).pw_uid, (*pw).pw_gid)) }
}

fn as_server_user(cmd: &mut Command, user: Option<(u32, u32)>, die_with_parent: bool) {
    unsafe {
        cmd.pre_exec(move || {
            if let Some((uid, gid)) = user
                && (libc::setgroups(0, std::ptr::null()) != 0
                    || libc::setgid(gid) != 0
                    || libc::setuid(uid) != 0)
            {
                return Err(std::io::Error::last_os_error());
            }
            // After the identity change, which would clear it.
            if die_with_parent {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            }
            Ok(())
        });
    }
}

/// The shared cluster of this test process, or `None` (said loudly) where
/// PostgreSQL is not installed.
pub fn cluster() -> Option<&'static Cluster> {
    CLUSTER
        .get_or_init(|| server_bin_or_skip().map(|bin| start(bin, false)))
        .as_ref()
}

/// A certificate authority and a server certificate for 127.0.0.1 signed
/// by it (EC P-256), made by the openssl command in `dir`.
fn certificates(dir: &Path) {
    let run = |args: &[&str]| {
        let out = Command::new("openssl")
            .args(args)
            .current_dir(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let ec = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    run(&[
        &["req", "-x509"][..],
        &ec,
        &[
            "-days",
            "2",
            "-subj",
            "/CN=mesa-test-ca",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
        ],
    ]
    .concat());
    run(&[
        &["req"][..],
        &ec,
        &[
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
        ],
    ]
    .concat());
    std::fs::write(
        dir.join("san.ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-out",
        "server.crt",
        "-extfile",
        "san.ext",
    ]);
}

/// Removes the folders of earlier runs' clusters whose server is gone
/// (killed with its test process), so runs do not pile up in /tmp.
fn remove_dead_clusters() {
    let Ok(entries) = std::fs::read_dir("/tmp") else {
        return;
    };
    for e in entries.flatten() {
        if !e.file_name().to_string_lossy().starts_with("mesa-pg-") {
            continue;
        }
        let pid = std::fs::read_to_string(e.path().join("data/postmaster.pid"))
            .ok()
            .and_then(|t| t.lines().next().and_then(|l| l.trim().parse::<i32>().ok()));
        let alive = pid.is_some_and(|pid| unsafe { libc::kill(pid, 0) } == 0);
        let young = e
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().unwrap_or_default() < Duration::from_secs(60));
        // A folder with no pid yet may be another test's, still starting.
        if !alive && (pid.is_some() || !young) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

fn start(bin: PathBuf, tls: bool) -> Cluster {
    remove_dead_clusters();
    let user = server_user();
    let dir = tempfile::Builder::new()
        .prefix("mesa-pg-")
        .tempdir_in("/tmp")
        .unwrap()
        .keep();
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(&dir, Some(uid), Some(gid)).unwrap();
    }
    let data = dir.join("data");
    let mut init = Command::new(bin.join("initdb"));
    init.args(["-D"])
        .arg(&data)
        .args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    as_server_user(&mut init, user, false);
    let out = init.output().expect("initdb runs");
    assert!(
        out.status.success(),
        "initdb failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut ca = None;
    let mut tls_args: Vec<String> = Vec::new();
    if tls {
        let certs = dir.join("certs");
        std::fs::create_dir_all(&certs).unwrap();
        certificates(&certs);
        for f in ["server.crt", "server.key"] {
            std::fs::copy(certs.join(f), data.join(f)).unwrap();
            if let Some((uid, gid)) = user {
                std::os::unix::fs::chown(data.join(f), Some(uid), Some(gid)).unwrap();
            }
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(data.join(f), std::fs::Permissions::from_mode(0o600)).unwrap();
        }
        // First rule wins: the login `tls_only` is refused without TLS.
        let hba = data.join("pg_hba.conf");
        let rest = std::fs::read_to_string(&hba).unwrap();
        std::fs::write(
            &hba,
            format!("hostnossl all tls_only 127.0.0.1/32 reject\n{rest}"),
        )
        .unwrap();
        tls_args = [
            "-c",
            "ssl=on",
            "-c",
            "ssl_cert_file=server.crt",
            "-c",
            "ssl_key_file=server.key",
        ]
        .map(String::from)
        .to_vec();
        ca = Some(certs.join("ca.crt"));
    }
    let port = free_port();
    let log = std::fs::File::create(dir.join("server.log")).unwrap();
    if let Some((uid, gid)) = user {
        std::os::unix::fs::chown(dir.join("server.log"), Some(uid), Some(gid)).unwrap();
    }
    // The server is started from a thread that lives as long as the
    // process: the parent-death signal fires when the spawning thread ends.
    let (tx, rx) = std::sync::mpsc::channel();
    let (b, d) = (bin.clone(), data.clone());
    std::thread::spawn(move || {
        let mut server = Command::new(b.join("postgres"));
        server
            .arg("-D")
            .arg(&d)
            .args(["-p", &port.to_string(), "-c", "listen_addresses=127.0.0.1"])
            .arg("-c")
            .arg(format!("unix_socket_directories={}", d.display()))
            .args([
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ])
            .args(["-c", "max_connections=200"])
            .args(&tls_args)
            .stdout(Stdio::null())
            .stderr(log);
        as_server_user(&mut server, user, true);
        let mut child = server.spawn().expect("postgres starts");
        tx.send(child.id()).unwrap();
        // Waits as long as the server runs (the process's whole life).
        let _ = child.wait();
    });
    rx.recv().unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "PostgreSQL did not start: {}",
            std::fs::read_to_string(dir.join("server.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Cluster { port, dir, bin, ca }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl Cluster {
    /// A new empty database; its address.
    pub fn database(&self, name: &str) -> String {
        let psql = which_psql(&self.bin);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let out = Command::new(&psql)
                .args([
                    "-h",
                    "127.0.0.1",
                    "-p",
                    &self.port.to_string(),
                    "-U",
                    "postgres",
                    "-d",
                    "postgres",
                ])
                .args([
                    "-v",
                    "ON_ERROR_STOP=1",
                    "-q",
                    "-c",
                    &format!("CREATE DATABASE \"{name}\""),
                ])
                .env("PGCONNECT_TIMEOUT", "5")
                .output()
                .expect("psql runs");
            if out.status.success() {
                break;
            }
            // The server accepts TCP a moment before it accepts logins.
            assert!(
                Instant::now() < deadline,
                "CREATE DATABASE failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        self.address(name)
    }

    pub fn address(&self, name: &str) -> String {
        format!(
            "postgres://postgres@127.0.0.1:{}/{name}?sslmode=disable",
            self.port
        )
    }

    /// Runs SQL through psql on a database; its output.
    pub fn psql(&self, db: &str, sql: &str) -> String {
        self.psql_as("postgres", "", db, sql)
            .unwrap_or_else(|e| panic!("psql: {e}"))
    }

    pub fn data_dir(&self) -> &Path {
        &self.dir
    }

    /// From now on every login but `postgres` gives its password (SCRAM)
    /// on loopback, as a real server asks; the server rereads its rules.
    pub fn require_passwords(&self) {
        let hba = self.dir.join("data").join("pg_hba.conf");
        let rest = std::fs::read_to_string(&hba).unwrap();
        std::fs::write(
            &hba,
            format!(
                "host all postgres 127.0.0.1/32 trust\n\
                 host all all 127.0.0.1/32 scram-sha-256\n{rest}"
            ),
        )
        .unwrap();
        assert_eq!(self.psql("postgres", "SELECT pg_reload_conf()").trim(), "t");
        std::thread::sleep(Duration::from_millis(500));
    }

    /// Runs SQL through psql as `user` with `password`: its output, or
    /// the server's refusal.
    pub fn psql_as(
        &self,
        user: &str,
        password: &str,
        db: &str,
        sql: &str,
    ) -> Result<String, String> {
        let out = Command::new(which_psql(&self.bin))
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                user,
                "-d",
                db,
            ])
            .args(["-v", "ON_ERROR_STOP=1", "-At", "-w", "-c", sql])
            .env("PGPASSWORD", password)
            .env("PGSSLMODE", "disable")
            .output()
            .expect("psql runs");
        if out.status.success() {
            Ok(String::from_utf8(out.stdout).unwrap())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).into_owned())
        }
    }
}

fn which_psql(bin: &Path) -> PathBuf {
    let local = bin.join("psql");
    if local.is_file() {
        local
    } else {
        PathBuf::from("psql")
    }
}
