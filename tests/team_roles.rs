//! Identity the database proves and permissions it enforces (issue 17), on
//! a throwaway PostgreSQL server that asks every login but the installer's
//! for its password (SCRAM), as a real one does.
//!
//! The supervisor adds analysts with `mesa analyst add`: each gets a login
//! role of their own. Connected as that login, who acts is the login: no
//! `--as`, no second password, and the audit names them. Connected with
//! psql as the same roles, the rules hold without mesa: nobody rewrites
//! the audit or forges an entry in another's name; an analyst cannot seal
//! or mark a batch sent, record RENIEC's answer, purge, manage staff or
//! create roles; a supervisor can do theirs but not rewrite the audit.

mod pg;
mod tmux_harness;

use std::path::Path;
use std::process::{Command, Output};

const NOW: &str = "2026-11-23T16:00:00-05:00";
const ANALYST_PW: &str = "mango verde en enero";
const SUPERVISOR_PW: &str = "tres lunas sobre el rio";

/// The binary on `store` with `env`; its output, whatever the status.
fn mesa(store: &str, data: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mesa"));
    cmd.args(args)
        .env("MESA_STORE", store)
        .env("MESA_NOW", NOW)
        .env("XDG_DATA_HOME", data)
        .env_remove("MESA_CONFIG")
        .env_remove("MESA_ANALYST")
        .env_remove("MESA_PASSWORD")
        .env_remove("PGPASSWORD")
        .env_remove("PGUSER");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn ok(out: Output) -> String {
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

fn refused(out: Output) -> String {
    assert!(!out.status.success(), "should be refused: {out:?}");
    String::from_utf8(out.stderr).unwrap()
}

/// A login's address on the cluster.
fn login_store(cluster: &pg::Cluster, user: &str, db: &str) -> String {
    format!(
        "postgres://{user}@127.0.0.1:{}/{db}?sslmode=disable",
        cluster.port
    )
}

/// SQL that sets a ticket's status, as another program would write it.
fn set_status(key_sql: &str, status: &str) -> String {
    format!(
        "UPDATE mesa_tree SET value = convert_to(jsonb_set(convert_from(value, 'UTF8')::jsonb, \
         '{{data,ticket,status}}', '\"{status}\"')::text, 'UTF8') \
         WHERE tree = 'tickets' AND key = ({key_sql})"
    )
}

fn a_ticket_in(status: &str) -> String {
    format!(
        "SELECT key FROM mesa_tree WHERE tree = 'tickets' AND \
         convert_from(value, 'UTF8')::jsonb #>> '{{data,ticket,status}}' = '{status}' ORDER BY key LIMIT 1"
    )
}

/// The installer's account: the demo's supervisor, with its password.
const AS_INSTALLER: [(&str, &str); 2] = [
    ("MESA_ANALYST", mesa::demo::SUPERVISOR),
    ("MESA_PASSWORD", mesa::demo::PASSWORD),
];

/// A demo desk of `tickets` on a new database `db`, and the analyst
/// `tperez` added by its supervisor (so with a login): the installer's
/// address.
fn desk_with_tperez(cluster: &pg::Cluster, data: &Path, db: &str, tickets: &str) -> String {
    let installer = cluster.database(db);
    ok(mesa(
        &installer,
        data,
        &AS_INSTALLER,
        &["demo", "--tickets", tickets],
    ));
    ok(mesa(
        &installer,
        data,
        &[
            AS_INSTALLER[0],
            AS_INSTALLER[1],
            ("MESA_NEW_PASSWORD", ANALYST_PW),
        ],
        &["analyst", "add", "tperez"],
    ));
    installer
}

/// The test binary's cluster, asking for passwords (once for all tests).
fn cluster() -> Option<&'static pg::Cluster> {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let cluster = pg::cluster()?;
    ONCE.call_once(|| cluster.require_passwords());
    Some(cluster)
}

#[test]
fn logins_are_proven_by_the_database_and_its_rules_hold_without_mesa() {
    let Some(cluster) = cluster() else { return };
    let data = tempfile::tempdir().unwrap();
    let db = "team_roles";
    let installer = desk_with_tperez(cluster, data.path(), db, "60");
    let as_installer = AS_INSTALLER;

    // The supervisor added an analyst; now a second supervisor: each gets
    // a database login with the password they chose.
    ok(mesa(
        &installer,
        data.path(),
        &[
            as_installer[0],
            as_installer[1],
            ("MESA_NEW_PASSWORD", SUPERVISOR_PW),
        ],
        &["analyst", "add", "jefa", "--role", "supervisor"],
    ));
    assert_eq!(
        cluster
            .psql("postgres", "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles \
                   WHERE pg_has_role(rolname, 'mesa_analista', 'MEMBER') AND rolcanlogin AND NOT rolsuper")
            .trim(),
        "jefa,tperez"
    );
    assert!(
        cluster
            .psql_as("tperez", "otra-clave", db, "SELECT 1")
            .is_err()
    );

    // Connected as tperez: who acts is tperez, with no name and no second
    // password; a name typed beside it is refused, naming the login.
    let analyst = login_store(cluster, "tperez", db);
    let pw = [("PGPASSWORD", ANALYST_PW)];
    let news: serde_json::Value = serde_json::from_str(&ok(mesa(
        &analyst,
        data.path(),
        &pw,
        &["list", "--status", "nuevo", "--json"],
    )))
    .unwrap();
    let id = news[0]["id"].as_str().unwrap().to_string();
    ok(mesa(&analyst, data.path(), &pw, &["take", &id]));
    let shown: serde_json::Value = serde_json::from_str(&ok(mesa(
        &analyst,
        data.path(),
        &pw,
        &["show", &id, "--json"],
    )))
    .unwrap();
    let last = shown["history"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["by"].as_str(), last["to"].as_str()),
        (Some("tperez"), Some("en_atencion")),
        "{shown}"
    );
    for named in [
        vec!["--as", "mvasquez", "list"],
        vec!["--as", mesa::demo::SUPERVISOR, "list"],
    ] {
        let err = refused(mesa(&analyst, data.path(), &pw, &named));
        assert!(err.contains("tperez") && err.contains("--as"), "{err}");
    }
    let err = refused(mesa(
        &analyst,
        data.path(),
        &[("PGPASSWORD", ANALYST_PW), ("MESA_ANALYST", "mvasquez")],
        &["list"],
    ));
    assert!(err.contains("tperez"), "{err}");
    let err = refused(mesa(
        &analyst,
        data.path(),
        &[("PGPASSWORD", "adivinada")],
        &["list"],
    ));
    assert!(err.contains("contraseña"), "{err}");
    // Nor may the installer's account act as tperez, who has a login.
    let err = refused(mesa(
        &installer,
        data.path(),
        &[("MESA_ANALYST", "tperez"), ("MESA_PASSWORD", ANALYST_PW)],
        &["list"],
    ));
    assert!(err.contains("tperez tiene su propio usuario"), "{err}");
    // What only a supervisor does stays theirs through mesa too.
    let err = refused(mesa(
        &analyst,
        data.path(),
        &pw,
        &["analyst", "disable", "mvasquez"],
    ));
    assert!(err.contains("supervisor"), "{err}");

    // psql as tperez: the database refuses each of these by itself.
    let as_analyst = |sql: &str| cluster.psql_as("tperez", ANALYST_PW, db, sql);
    let forbidden = [
        (
            "rewrite the audit",
            "UPDATE mesa_tree SET value = value WHERE tree = 'audit'".to_string(),
        ),
        (
            "remove the audit",
            "DELETE FROM mesa_tree WHERE tree = 'audit'".to_string(),
        ),
        (
            "forge an entry in another's name",
            "INSERT INTO mesa_tree VALUES ('audit', '\\x7a7a', \
             convert_to('{\"v\":1,\"data\":{\"by\":\"mvasquez\"}}', 'UTF8'))"
                .to_string(),
        ),
        (
            "seal a batch",
            "INSERT INTO mesa_tree VALUES ('batches', 'LOTE-2026-11-27', '\\x7b7d')".to_string(),
        ),
        (
            "record RENIEC's answer",
            set_status(&a_ticket_in("en_atencion"), "aprobado"),
        ),
        (
            "mark a ticket sent",
            set_status(&a_ticket_in("en_atencion"), "enviado"),
        ),
        (
            "purge",
            "DELETE FROM mesa_tree WHERE tree = 'tickets'".to_string(),
        ),
        ("truncate", "TRUNCATE mesa_tree".to_string()),
        (
            "manage staff",
            "UPDATE mesa_tree SET value = value WHERE tree = 'analysts'".to_string(),
        ),
        (
            "set another's password",
            "UPDATE mesa_tree SET value = value WHERE tree = 'credentials' AND key = 'mvasquez'"
                .to_string(),
        ),
        ("create a role", "CREATE ROLE intruso LOGIN".to_string()),
        (
            "add a login",
            "SELECT mesa_add_login('intruso', 'SCRAM-SHA-256$4096:x', true)".to_string(),
        ),
    ];
    for (what, sql) in &forbidden {
        let err = as_analyst(sql).expect_err(what);
        assert!(
            err.contains("permission denied") || err.contains("mesa:") || err.contains("permiso"),
            "{what}: {err}"
        );
    }
    // The rules are specific: a change an analyst makes is accepted.
    assert_eq!(
        as_analyst(&format!(
            "UPDATE mesa_tree SET value = value WHERE tree = 'tickets' AND key = ({})",
            a_ticket_in("nuevo")
        ))
        .unwrap()
        .trim(),
        "UPDATE 1"
    );

    // psql as the supervisor jefa: the batch and the answers are theirs;
    // the audit is not, nor creating roles.
    let as_supervisor = |sql: &str| cluster.psql_as("jefa", SUPERVISOR_PW, db, sql);
    assert_eq!(
        as_supervisor(&set_status(&a_ticket_in("en_atencion"), "aprobado"))
            .unwrap()
            .trim(),
        "UPDATE 1"
    );
    for sql in [
        "UPDATE mesa_tree SET value = value WHERE tree = 'audit'",
        "DELETE FROM mesa_tree WHERE tree = 'audit'",
        "CREATE ROLE intruso LOGIN",
    ] {
        as_supervisor(sql).expect_err(sql);
    }

    // The supervisor disables tperez through mesa: the login stops
    // connecting.
    let supervisor = login_store(cluster, "jefa", db);
    ok(mesa(
        &supervisor,
        data.path(),
        &[("PGPASSWORD", SUPERVISOR_PW)],
        &["analyst", "disable", "tperez"],
    ));
    assert!(as_analyst("SELECT 1").is_err());

    // Every move above is in the chain, by who made it, and it verifies.
    let audit: serde_json::Value = serde_json::from_str(&ok(mesa(
        &installer,
        data.path(),
        &as_installer,
        &["audit", "--json", "--last", "20"],
    )))
    .unwrap();
    let by_of = |action: &str| -> Vec<String> {
        audit
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"].as_str() == Some(action))
            .map(|e| e["by"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert!(by_of("take").contains(&"tperez".to_string()), "{audit}");
    ok(mesa(
        &installer,
        data.path(),
        &as_installer,
        &["audit", "verify"],
    ));
}

#[test]
fn the_console_of_an_analysts_own_login_opens_without_a_second_password() {
    let Some(cluster) = cluster() else { return };
    let data = tempfile::tempdir().unwrap();
    let db = "team_roles_console";
    let installer = desk_with_tperez(cluster, data.path(), db, "30");
    let as_installer = AS_INSTALLER;

    let store = login_store(cluster, "tperez", db);
    let tmux = tmux_harness::Tmux::start(
        Path::new(&store),
        NOW,
        &[
            ("XDG_DATA_HOME", data.path().to_str().unwrap()),
            ("PGPASSWORD", ANALYST_PW),
        ],
    );
    tmux.wait_for("$");
    tmux.type_text(&format!("'{}'", tmux_harness::MESA));
    tmux.key("Enter");
    // Straight to the queue, signed in as the login: no sign-in box.
    let screen = tmux.wait_for("Próximo envío a RENIEC");
    assert!(!screen.contains("Contraseña"), "{screen}");
    tmux.wait_for("tperez");
    tmux.quit_to_shell();

    // Named otherwise, the console is not opened at all.
    tmux.type_text(&format!("'{}' --as mvasquez", tmux_harness::MESA));
    tmux.key("Enter");
    tmux.wait_for("no corresponde");
    let audit: serde_json::Value = serde_json::from_str(&ok(mesa(
        &installer,
        data.path(),
        &as_installer,
        &["audit", "--json", "--last", "5"],
    )))
    .unwrap();
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["by"].as_str() == Some("tperez")),
        "the console's session is audited as the login: {audit}"
    );
}
