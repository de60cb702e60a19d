//! The mail sender as the desk runs it: each pass enqueues the reminders
//! due (the staff's and the registry's expiry reminders, which need the
//! desk's renewal lookups) and delivers what is due through
//! `mail::sender`; the console runs passes in the background.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{Notify, watch};

use super::Desk;
use crate::clock::Clock;
use crate::mail::events::MailContext;
use crate::mail::expiry;
use crate::mail::reminders;
use crate::mail::sender::{Counts, flush_due, next_due};
use crate::mail::settings::MailSettings;
use crate::mail::transport::Transport;
use crate::store::Result;

/// How a running sender is told to look again or to stop.
#[derive(Clone)]
pub struct SenderHandle {
    wake: Arc<Notify>,
    stop: watch::Sender<bool>,
    /// Where messages go (never the password).
    description: String,
}

/// Starts the sender for the console: the desk's `[mail]` settings with the
/// environment on top, the transport they describe, a pass at least every
/// minute. Call it inside the tokio runtime; wake it after each move.
pub fn start(
    desk: Arc<Desk>,
) -> std::result::Result<(SenderHandle, tokio::task::JoinHandle<()>), String> {
    let settings = desk.config.mail.clone().with_process_env()?;
    let transport = Transport::new(&settings, desk.store_dir())?;
    tracing::info!(
        transport = transport.describe(),
        "envío de correos en segundo plano"
    );
    let clock = desk.clock;
    Ok(spawn(
        desk,
        transport,
        settings,
        clock,
        Duration::from_secs(60),
    ))
}

impl SenderHandle {
    /// Something was enqueued or retried: look now.
    pub fn wake(&self) {
        self.wake.notify_one();
    }
    pub fn stop(&self) {
        let _ = self.stop.send(true);
        self.wake.notify_one();
    }
    /// Where the messages go, as `mesa mail flush` prints it.
    pub fn description(&self) -> &str {
        &self.description
    }
}

/// Enqueues the reminders due at `now`, then delivers what is due: one
/// pass of the sender, as `mesa mail flush` and the console run it.
pub async fn pass(
    desk: &Desk,
    transport: &Transport,
    settings: &MailSettings,
    now: DateTime<Utc>,
) -> Result<Counts> {
    let ctx = MailContext {
        settings: &desk.config.mail,
        rules: &desk.config.dispatch,
        institutional_domains: &desk.config.validation.institutional_domains,
    };
    let mut queued = reminders::enqueue_due(&desk.store, &ctx, now)?;
    queued.extend(desk.enqueue_expiry_reminders(&ctx, now)?);
    queued.extend(desk.enqueue_overdue_digest(now)?);
    if !queued.is_empty() {
        tracing::info!(count = queued.len(), "recordatorios en cola");
    }
    flush_due(&desk.store, transport, settings, now).await
}

/// Starts the sender task on the current tokio runtime. Each pass enqueues
/// due reminders and delivers what is due; then it sleeps until the next
/// message is due (at most `idle`), waking early when told.
pub fn spawn(
    desk: Arc<Desk>,
    transport: Transport,
    settings: MailSettings,
    clock: Clock,
    idle: Duration,
) -> (SenderHandle, tokio::task::JoinHandle<()>) {
    let wake = Arc::new(Notify::new());
    let (stop_tx, mut stop_rx) = watch::channel(false);
    let handle = SenderHandle {
        wake: wake.clone(),
        stop: stop_tx,
        description: transport.describe().to_string(),
    };
    let task = tokio::spawn(async move {
        loop {
            if *stop_rx.borrow() {
                break;
            }
            if let Err(e) = pass(&desk, &transport, &settings, clock.now()).await {
                tracing::error!(error = %e, "bandeja de salida");
            }
            let pause = match next_due(&desk.store) {
                Ok(Some(at)) => (at - clock.now()).to_std().unwrap_or(Duration::ZERO),
                _ => idle,
            }
            .clamp(Duration::from_millis(200), idle);
            tokio::select! {
                _ = tokio::time::sleep(pause) => {}
                _ = wake.notified() => {}
                _ = stop_rx.changed() => {}
            }
        }
    });
    (handle, task)
}

impl Desk {
    /// Scans the registry and enqueues the expiry reminders due at `now`;
    /// returns the ids enqueued (none when they were enqueued before).
    pub fn enqueue_expiry_reminders(
        &self,
        ctx: &MailContext,
        now: DateTime<Utc>,
    ) -> Result<Vec<String>> {
        let today = ctx.rules.local(now).date_naive();
        let mut messages = Vec::new();
        for cert in self.store.certificates()? {
            if expiry::threshold(&cert, today, &ctx.settings.expiry_reminder_days).is_none() {
                continue;
            }
            // Only certificates inside a threshold cost the renewal lookup.
            let renewed = self.renewal_of(&cert)?.is_some();
            messages.extend(expiry::due(&cert, renewed, now, ctx));
        }
        self.store.enqueue_absent(&messages)
    }
}
