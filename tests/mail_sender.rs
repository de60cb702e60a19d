//! The tokio sender task (what the console runs), against a real SMTP
//! server on 127.0.0.1.

mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use mesa::clock::Clock;
use mesa::config::Config;
use mesa::desk::Desk;
use mesa::desk::mailing;
use mesa::domain::Move;
use mesa::mail::{MailSettings, Transport};
use mesa::store::Store;
use mesa::store::outbox::OutboxStatus;
use support::{SmtpServer, closed_port, one, seed_store};

/// Waits (bounded) until `cond` holds; the bound only stops a broken test.
fn eventually(what: &str, cond: impl Fn() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "gave up waiting: {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn smtp_settings(port: u16) -> MailSettings {
    let mut m = MailSettings::default();
    m.smtp.host = Some("127.0.0.1".into());
    m.smtp.port = Some(port);
    m.smtp.tls = mesa::mail::settings::Tls::None;
    m.retry_base_secs = 1;
    m.retry_max_secs = 2;
    m
}

fn desk(dir: &std::path::Path, settings: &MailSettings) -> Arc<Desk> {
    let config = Config {
        mail: settings.clone(),
        ..Config::default()
    };
    Arc::new(Desk::new(Store::open(dir).unwrap(), config, Clock::System))
}

#[test]
fn the_task_delivers_when_woken_and_retries_until_the_server_is_back() {
    let dir = tempfile::tempdir().unwrap();
    let ids = seed_store(
        dir.path(),
        &[
            one("Rosa Quispe", "rquispe@regioncajamarca.gob.pe"),
            one("Luis Chávez", "lchavez@regioncajamarca.gob.pe"),
        ],
    );
    let port = closed_port();
    let settings = smtp_settings(port);
    let desk = desk(dir.path(), &settings);
    let runtime = tokio::runtime::Runtime::new().unwrap();

    let (handle, task) = runtime.block_on(async {
        let transport = Transport::new(&settings, dir.path()).unwrap();
        mailing::spawn(
            desk.clone(),
            transport,
            settings.clone(),
            Clock::System,
            Duration::from_secs(3600),
        )
    });

    // Server down: the first message is tried and stays pending.
    desk.act(&ids[0], Move::Take, "beto", &[]).unwrap();
    let (_, queued) = desk
        .act_and_notify(&ids[0], Move::Schedule, "beto", &[])
        .unwrap();
    assert_eq!(queued.len(), 1);
    handle.wake();
    eventually("a failed attempt", || {
        let e = desk.store.outbox_entry(&queued[0]).unwrap().unwrap();
        e.attempts >= 1 && e.status == OutboxStatus::Pending
    });

    // The server comes back: the task's own backoff brings the message.
    let server = SmtpServer::start_on(port);
    eventually("the retried delivery", || server.messages().len() == 1);
    eventually("marked sent", || {
        desk.store.outbox_entry(&queued[0]).unwrap().unwrap().status == OutboxStatus::Sent
    });

    // A new message is delivered as soon as the task is woken.
    desk.act(&ids[1], Move::Take, "beto", &[]).unwrap();
    desk.act_and_notify(
        &ids[1],
        Move::Observe,
        "beto",
        &["Firma en tinta negra".into()],
    )
    .unwrap();
    handle.wake();
    eventually("the second delivery", || server.messages().len() == 2);

    handle.stop();
    runtime.block_on(task).unwrap();
    let to: Vec<String> = server.messages().iter().map(|r| r.to[0].clone()).collect();
    assert_eq!(
        to,
        [
            "rquispe@regioncajamarca.gob.pe",
            "lchavez@regioncajamarca.gob.pe"
        ]
    );
    assert!(
        server.messages()[1]
            .part("text/plain")
            .contains("tinta azul")
    );
}
