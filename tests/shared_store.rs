//! The same desk on the shared store: every command of a working day run
//! on PostgreSQL (a throwaway cluster on loopback, see `pg`) gives what it
//! gives on the embedded store; several processes at once lose nothing and
//! apply nothing twice; a batch is sealed once.

mod pg;
mod support;

use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2026-11-23T09:00:00-05:00";

/// The built binary on `store` (a folder or an address), as the demo's
/// supervisor; `home` keeps this PC's folders for a shared store.
fn mesa(store: &str, home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mesa"))
        .args(args)
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
        .env("MESA_PASSWORD", mesa::demo::PASSWORD)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("MESA_CONFIG")
        .env_remove("MESA_SMTP_HOST")
        .output()
        .unwrap()
}

fn ok(store: &str, home: &Path, args: &[&str]) -> String {
    let out = mesa(store, home, args);
    assert!(
        out.status.success(),
        "mesa {args:?} on {store} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A working day on one store: the demo's desk, a few moves, a seal and
/// its export; what an analyst reads back at the end.
fn working_day(store: &str, home: &Path) -> Vec<String> {
    ok(store, home, &["demo", "--tickets", "40", "--seed", "3"]);
    let list: serde_json::Value =
        serde_json::from_str(&ok(store, home, &["list", "--json"])).unwrap();
    let tickets = list.as_array().unwrap();
    let with = |status: &str| -> Vec<String> {
        tickets
            .iter()
            .filter(|t| t["status"].as_str() == Some(status))
            .map(|t| t["id"].as_str().unwrap().to_string())
            .collect()
    };
    let new = with("nuevo");
    assert!(new.len() >= 2, "the demo leaves new tickets: {list}");
    ok(store, home, &["take", &new[0]]);
    ok(store, home, &["take", &new[1]]);
    ok(
        store,
        home,
        &["observe", &new[1], "--reason", "Falta la foto del DNI"],
    );
    let mut seen = Vec::new();
    for args in [
        vec!["list", "--json"],
        vec!["show", &new[0]],
        vec!["show", &new[1]],
        vec!["batch", "list", "--json"],
        vec!["mail", "list", "--json"],
        vec!["certs", "--json"],
        vec!["audit", "verify"],
    ] {
        seen.push(ok(store, home, &args));
    }
    seen
}

#[test]
fn a_working_day_reads_the_same_on_both_stores() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("store");
    let embedded = working_day(folder.to_str().unwrap(), home.path());
    let shared = working_day(&cluster.database("same_day"), home.path());
    assert_eq!(embedded.len(), shared.len());
    for (a, b) in embedded.iter().zip(&shared) {
        assert_eq!(a, b, "the shared store answers as the embedded one");
    }
    // And the rows are really in PostgreSQL, not in a folder.
    let rows = cluster.psql(
        "same_day",
        "SELECT count(*) FROM mesa_tree WHERE tree = 'tickets'",
    );
    assert_eq!(rows.trim(), "40");
}

#[test]
fn several_processes_at_once_lose_nothing_and_seal_once() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let store = cluster.database("together");
    ok(
        &store,
        home.path(),
        &["demo", "--tickets", "60", "--seed", "5"],
    );
    let list: serde_json::Value = serde_json::from_str(&ok(
        &store,
        home.path(),
        &["list", "--json", "--status", "nuevo"],
    ))
    .unwrap();
    let new: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert!(new.len() >= 6, "enough new tickets: {}", new.len());
    let before: usize = audit_len(&store, home.path());
    // Four processes each take every new ticket: each ticket is taken once,
    // the others are told it is already taken.
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (store, home, ids) = (store.clone(), home.path().to_path_buf(), new.clone());
            std::thread::spawn(move || {
                ids.iter()
                    .filter(|id| mesa(&store, &home, &["take", id]).status.success())
                    .count()
            })
        })
        .collect();
    let taken: usize = workers.into_iter().map(|w| w.join().unwrap()).sum();
    assert_eq!(taken, new.len(), "each ticket taken exactly once");
    let after = audit_len(&store, home.path());
    assert_eq!(
        after - before,
        new.len(),
        "one audit entry per move, none lost"
    );
    ok(&store, home.path(), &["audit", "verify"]);

    let scheduled = new
        .iter()
        .filter(|id| {
            mesa(&store, home.path(), &["schedule", id])
                .status
                .success()
        })
        .count();
    assert!(scheduled > 0, "some taken ticket can be scheduled");
    // Two supervisors seal the same dispatch at the same moment: one seals
    // it, the other is told it already was.
    let sealers: Vec<_> = (0..2)
        .map(|_| {
            let (store, home) = (store.clone(), home.path().to_path_buf());
            std::thread::spawn(move || {
                ok(
                    &store,
                    &home,
                    &[
                        "batch",
                        "seal",
                        "--dispatch",
                        "2026-11-27",
                        "--reason",
                        "cierre anticipado",
                        "--json",
                    ],
                )
            })
        })
        .collect();
    let new: Vec<bool> = sealers
        .into_iter()
        .map(|s| {
            serde_json::from_str::<serde_json::Value>(&s.join().unwrap()).unwrap()["new"]
                .as_bool()
                .unwrap()
        })
        .collect();
    assert_eq!(
        new.iter().filter(|n| **n).count(),
        1,
        "sealed exactly once: {new:?}"
    );
    ok(&store, home.path(), &["audit", "verify"]);
}

fn audit_len(store: &str, home: &Path) -> usize {
    let out = ok(store, home, &["audit", "--json", "--last", "100000"]);
    serde_json::from_str::<serde_json::Value>(&out)
        .map(|v| v.as_array().map(|a| a.len()).unwrap_or(0))
        .unwrap_or(0)
}

#[test]
fn an_unreachable_database_is_named_in_spanish_and_nothing_is_created() {
    let home = tempfile::tempdir().unwrap();
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("postgres://ana:secreto@127.0.0.1:{port}/mesa?sslmode=disable");
    let out = mesa(&address, home.path(), &["list"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no acepta conexiones"), "{err}");
    assert!(
        err.contains(&format!("127.0.0.1:{port}/mesa")),
        "names the database: {err}"
    );
    assert!(!err.contains("secreto"), "never the password: {err}");
    assert!(!err.contains("Connection refused"), "no English: {err}");
}

#[test]
fn consoles_draining_one_outbox_send_each_message_once() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let store = cluster.database("one_outbox");
    ok(
        &store,
        home.path(),
        &["demo", "--tickets", "40", "--seed", "7"],
    );
    let list: serde_json::Value = serde_json::from_str(&ok(
        &store,
        home.path(),
        &["list", "--json", "--status", "nuevo"],
    ))
    .unwrap();
    // Each move queues its emails.
    for t in list.as_array().unwrap() {
        let id = t["id"].as_str().unwrap();
        ok(&store, home.path(), &["take", id]);
        ok(
            &store,
            home.path(),
            &["observe", id, "--reason", "Falta la firma"],
        );
    }
    let pending: Vec<serde_json::Value> = serde_json::from_str(&ok(
        &store,
        home.path(),
        &["mail", "list", "--status", "pending", "--json"],
    ))
    .unwrap();
    assert!(pending.len() >= 4, "messages waiting: {}", pending.len());
    let server = support::SmtpServer::start();
    let port = server.port.to_string();
    let senders: Vec<_> = (0..3)
        .map(|_| {
            let (store, home, port) = (store.clone(), home.path().to_path_buf(), port.clone());
            std::thread::spawn(move || {
                Command::new(env!("CARGO_BIN_EXE_mesa"))
                    .args(["mail", "flush", "--now"])
                    .env("MESA_STORE", &store)
                    .env("MESA_NOW", NOW)
                    .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
                    .env("MESA_PASSWORD", mesa::demo::PASSWORD)
                    .env("HOME", &home)
                    .env("XDG_DATA_HOME", home.join("data"))
                    .env("MESA_SMTP_HOST", "127.0.0.1")
                    .env("MESA_SMTP_PORT", &port)
                    .env("MESA_SMTP_TLS", "none")
                    .env_remove("MESA_CONFIG")
                    .output()
                    .unwrap()
            })
        })
        .collect();
    for s in senders {
        let out = s.join().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let received = server.messages();
    let mut ids: Vec<String> = received.iter().map(|m| m.header("Message-ID")).collect();
    let total = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(total, ids.len(), "no message delivered twice");
    assert_eq!(total, pending.len(), "every waiting message delivered");
    let still: Vec<serde_json::Value> = serde_json::from_str(&ok(
        &store,
        home.path(),
        &["mail", "list", "--status", "pending", "--json"],
    ))
    .unwrap();
    assert!(still.is_empty(), "nothing left pending");
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_desk_moves_to_the_shared_store_and_back_whole() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("store");
    let folder = folder.to_str().unwrap();
    ok(
        folder,
        home.path(),
        &["demo", "--tickets", "30", "--seed", "11"],
    );
    let shared = cluster.database("moved");
    let said = ok(folder, home.path(), &["store", "copy", "--to", &shared]);
    assert!(said.contains("30 tickets"), "{said}");
    assert!(said.contains("cadena verificada"), "{said}");
    let views = |store: &str| -> Vec<String> {
        [
            vec!["list", "--json"],
            vec!["batch", "list", "--json"],
            vec!["mail", "list", "--json"],
            vec!["certs", "--json"],
        ]
        .iter()
        .map(|args| ok(store, home.path(), args))
        .collect()
    };
    assert_eq!(
        views(folder),
        views(&shared),
        "the same desk on the shared store"
    );
    ok(&shared, home.path(), &["audit", "verify"]);
    let photos = files(&Path::new(folder).join("attachments"));
    assert!(!photos.is_empty());
    let in_db = cluster.psql(
        "moved",
        "SELECT count(*) FROM mesa_tree WHERE tree = 'attachments'",
    );
    assert_eq!(
        in_db.trim(),
        photos.len().to_string(),
        "every attachment in the database"
    );

    // A copy never lands on a store that holds something.
    let again = mesa(folder, home.path(), &["store", "copy", "--to", &shared]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("ya tiene datos"));

    // And back to a new folder: the same desk, the same files.
    let back = home.path().join("back");
    ok(
        &shared,
        home.path(),
        &["store", "copy", "--to", back.to_str().unwrap()],
    );
    let mut moved_back = views(back.to_str().unwrap());
    let mut original = views(folder);
    // The trip is in the audit of each new side, not in what it shows.
    moved_back.truncate(4);
    original.truncate(4);
    assert_eq!(moved_back, original);
    assert_eq!(
        files(&back.join("attachments")),
        photos,
        "every attachment back as a file"
    );
    ok(back.to_str().unwrap(), home.path(), &["audit", "verify"]);
}

#[test]
fn a_database_of_a_newer_mesa_is_refused_and_libpq_variables_reach_it() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    cluster.database("newer");
    // Only the database's name in the address: host, port and user come
    // from libpq's variables, as psql would take them.
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_mesa"))
            .args(args)
            .env("MESA_STORE", "postgres:///newer")
            .env("PGHOST", "127.0.0.1")
            .env("PGPORT", cluster.port.to_string())
            .env("PGUSER", "postgres")
            .env("PGSSLMODE", "disable")
            .env("MESA_NOW", NOW)
            .env("MESA_ANALYST", mesa::demo::SUPERVISOR)
            .env("MESA_PASSWORD", mesa::demo::PASSWORD)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env_remove("MESA_CONFIG")
            .output()
            .unwrap()
    };
    let out = run(&["demo", "--tickets", "5"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let applied = cluster.psql(
        "newer",
        "SELECT min(version) = 1 AND count(*) = max(version) FROM mesa_schema",
    );
    assert_eq!(
        applied.trim(),
        "t",
        "each migration is recorded once, in order"
    );
    cluster.psql("newer", "INSERT INTO mesa_schema (version) VALUES (99)");
    let before = cluster.psql(
        "newer",
        "SELECT count(*), sum(length(value)) FROM mesa_tree",
    );
    let out = run(&["list"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("versión de esquema 99"), "{err}");
    assert!(err.contains("actualice mesa"), "{err}");
    assert_eq!(
        cluster.psql(
            "newer",
            "SELECT count(*), sum(length(value)) FROM mesa_tree"
        ),
        before,
        "nothing changed"
    );
}

#[test]
fn a_backup_of_the_shared_store_restores_into_a_folder_whole() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let shared = cluster.database("backed_up");
    ok(
        &shared,
        home.path(),
        &["demo", "--tickets", "20", "--seed", "13"],
    );
    let copy = home.path().join("copia.zip");
    ok(
        &shared,
        home.path(),
        &["backup", "--out", copy.to_str().unwrap()],
    );
    // A restore killed mid-way left its copy of the records in this PC's
    // folder for the database: the next `mesa` on that desk removes it.
    let local = std::fs::read_dir(home.path().join("data/mesa-compartida"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("backed_up"))
        .expect("the PC's folder for the shared desk");
    let mut killed = std::process::Command::new("true").spawn().unwrap();
    let dead = killed.id();
    killed.wait().unwrap();
    let abandoned = local.join(format!(".tmp-restauracion-{dead}"));
    std::fs::create_dir_all(abandoned.join("attachments")).unwrap();
    std::fs::write(abandoned.join("attachments/foto"), b"datos personales").unwrap();
    ok(&shared, home.path(), &["list"]);
    assert!(
        !abandoned.exists(),
        "an abandoned restore's copy of the records stayed on the PC"
    );

    let folder = home.path().join("restored");
    let folder = folder.to_str().unwrap();
    ok(folder, home.path(), &["restore", copy.to_str().unwrap()]);
    for args in [
        vec!["list", "--json"],
        vec!["batch", "list", "--json"],
        vec!["certs", "--json"],
    ] {
        assert_eq!(
            ok(folder, home.path(), &args),
            ok(&shared, home.path(), &args),
            "{args:?}"
        );
    }
    let in_db = cluster.psql(
        "backed_up",
        "SELECT count(*) FROM mesa_tree WHERE tree = 'attachments'",
    );
    let photos = files(&Path::new(folder).join("attachments"));
    assert_eq!(
        photos.len().to_string(),
        in_db.trim(),
        "every attachment restored as a file"
    );
    for (name, bytes) in &photos {
        use sha2::Digest;
        assert_eq!(&format!("{:x}", sha2::Sha256::digest(bytes)), name);
    }
    ok(folder, home.path(), &["audit", "verify"]);

    // And into another (empty) shared database.
    let again = cluster.database("restored_again");
    let said = ok(&again, home.path(), &["restore", copy.to_str().unwrap()]);
    assert!(said.contains("restored_again"), "{said}");
    for args in [
        vec!["list", "--json"],
        vec!["batch", "list", "--json"],
        vec!["certs", "--json"],
    ] {
        assert_eq!(
            ok(&again, home.path(), &args),
            ok(&shared, home.path(), &args),
            "{args:?}"
        );
    }
    ok(&again, home.path(), &["audit", "verify"]);
}

#[test]
fn a_new_shared_desk_starts_with_its_supervisor_and_takes_analysts() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let store = cluster.database("fresh");
    let run = |who: &str, args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_mesa"))
            .args(args)
            .env("MESA_STORE", &store)
            .env("MESA_NOW", NOW)
            .env("MESA_ANALYST", who)
            .env("MESA_PASSWORD", "clave-de-la-jefa-2026")
            .env("MESA_NEW_PASSWORD", "clave-de-la-jefa-2026")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env_remove("MESA_CONFIG")
            .output()
            .unwrap()
    };
    let out = run("", &["init", "--supervisor", "rosa"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("rosa"), "{said}");
    assert!(
        said.contains(&format!("127.0.0.1:{}/fresh", cluster.port)),
        "names the database: {said}"
    );
    assert!(
        !said.contains("mesa-compartida"),
        "not this PC's folder: {said}"
    );
    // A second init on the same database is refused: it has its supervisor.
    let again = run("", &["init", "--supervisor", "otra"]);
    assert!(!again.status.success());
    let out = run("rosa", &["analyst", "add", "pedro", "--role", "analista"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8_lossy(&run("rosa", &["analyst", "list"]).stdout).into_owned();
    assert!(
        listed.contains("pedro") && listed.contains("rosa"),
        "{listed}"
    );
}

#[test]
fn a_purge_on_the_shared_store_removes_the_attachments_of_what_it_removes() {
    let Some(cluster) = pg::cluster() else { return };
    let home = tempfile::tempdir().unwrap();
    let store = cluster.database("purged");
    let sample = tempfile::tempdir().unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample");
    for sub in ["fotos", "firmas"] {
        std::fs::create_dir_all(sample.path().join(sub)).unwrap();
        for e in std::fs::read_dir(src.join(sub)).unwrap().flatten() {
            std::fs::copy(e.path(), sample.path().join(sub).join(e.file_name())).unwrap();
        }
    }
    let csv = sample.path().join("2021.csv");
    std::fs::write(
        &csv,
        "ticket,kind,motive,registered_at,full_name,dni,dni_issued_on,email,photo,signature,payment_operation,payment_date,payment_amount,cert_expires_on,certificate\n\
1,emision,a,,Rosa Quispe Huamán,45781236,2019-05-14,rquispe@regioncajamarca.gob.pe,fotos/45781236.jpg,firmas/45781236.png,,,,,\n\
2,emision,a,,Luis Chávez Rojas,41234567,2019-05-14,lchavez@regioncajamarca.gob.pe,fotos/41234567.png,firmas/41234567.png,,,,,\n",
    )
    .unwrap();
    let run = |now: &str, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_mesa"))
            .args(args)
            .env("MESA_STORE", &store)
            .env("MESA_NOW", now)
            .env("MESA_ANALYST", "supervisor")
            .env("MESA_PASSWORD", mesa::demo::PASSWORD)
            .env("MESA_NEW_PASSWORD", mesa::demo::PASSWORD)
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env_remove("MESA_CONFIG")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    const THEN: &str = "2021-06-01T10:00:00-05:00";
    run(THEN, &["init", "--supervisor", "supervisor"]);
    run(THEN, &["import", csv.to_str().unwrap()]);
    run(THEN, &["take", "T-2021-000001"]);
    run(THEN, &["withdraw", "T-2021-000001", "--reason", "desistió"]);
    let count = || {
        cluster
            .psql(
                "purged",
                "SELECT count(*) FROM mesa_tree WHERE tree = 'attachments'",
            )
            .trim()
            .to_string()
    };
    assert_eq!(
        count(),
        "4",
        "two photos and two signatures in the database"
    );
    run(NOW, &["purge", "--older-than", "5y", "--yes"]);
    assert_eq!(
        count(),
        "2",
        "the withdrawn ticket's photo and signature went with it"
    );
    run(NOW, &["show", "T-2021-000002"]);
    let left = cluster.psql(
        "purged",
        "SELECT encode(key, 'escape') FROM mesa_tree WHERE tree = 'attachments' ORDER BY 1",
    );
    for kept in ["fotos/41234567.png", "firmas/41234567.png"] {
        use sha2::Digest;
        let sha = format!(
            "{:x}",
            sha2::Sha256::digest(std::fs::read(sample.path().join(kept)).unwrap())
        );
        assert!(
            left.contains(&sha),
            "the kept ticket's {kept} stays: {left}"
        );
    }
}
