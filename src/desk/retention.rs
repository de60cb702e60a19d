//! `mesa purge`: closed records past their retention, listed first (dry
//! run) and then removed with one audit entry that counts them.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::Desk;
use crate::domain::Ticket;
use crate::domain::audit::{self, AuditNote};
use crate::domain::retention::{Period, purgeable};
use crate::domain::role::Capability;
use crate::store::StoreError;
use crate::store::purge::Purged;
use crate::strings::trust as s;

/// Tickets removed per transaction: each part is written with its own audit
/// entry, so a large purge neither holds every removal in memory at once
/// nor, if interrupted, leaves a part without its entry (the next purge
/// finishes the rest). Nearly every purge is one part, one entry.
pub const PURGE_PART: usize = 5_000;

/// What a purge finds, and (unless it was a dry run) what it removed.
#[derive(Debug, Clone)]
pub struct PurgeReport {
    pub period: Period,
    /// Records last changed before this day go.
    pub cutoff: NaiveDate,
    pub tickets: Vec<Ticket>,
    pub history: usize,
    pub outbox: usize,
    pub receipts: usize,
    /// Attachment files no remaining ticket uses.
    pub attachments: Vec<String>,
    /// Requests of the other families closed before the cutoff (ids).
    pub requests: Vec<String>,
    /// `None` for a dry run.
    pub done: Option<Purged>,
}

impl Desk {
    /// Finds (and, unless `dry_run`, removes) closed and withdrawn tickets
    /// last changed before `older_than` (the configured retention when
    /// `None`), with their history, receipts, outbox messages and the
    /// photos and signatures no other ticket uses.
    pub fn purge(
        &self,
        actor: &str,
        older_than: Option<Period>,
        dry_run: bool,
    ) -> Result<PurgeReport, StoreError> {
        let actor = self.allow(actor, Capability::Purge)?;
        let now = self.now();
        let period = older_than.unwrap_or_else(|| self.config.retention.period());
        if !period.meets_legal_minimum() {
            return Err(StoreError::RetentionTooShort(period.to_string()));
        }
        let cutoff = period.cutoff(self.today_at(now));
        let tz = self.config.dispatch.timezone;

        let mut going = Vec::new();
        for t in self.store.finished() {
            let t = t?;
            if purgeable(&t, cutoff, tz) {
                going.push(t);
            }
        }
        let ids: BTreeSet<&str> = going.iter().map(|t| t.id.as_str()).collect();
        let shas = |t: &Ticket| -> Vec<String> {
            t.applicants
                .iter()
                .flat_map(|a| [&a.photo, &a.signature])
                .flatten()
                .map(|a| a.sha256.clone())
                .collect()
        };
        let mut kept = BTreeSet::new();
        for t in self.store.in_arrival_order() {
            let t = t?;
            if !ids.contains(t.id.as_str()) {
                kept.extend(shas(&t));
            }
        }
        // The other families' requests: those closed before the cutoff go
        // with their documents; every other request keeps its own.
        let mut requests_going = Vec::new();
        let mut used_by_going: BTreeSet<String> = going.iter().flat_map(shas).collect();
        for r in self.store.requests() {
            let r = r?;
            if r.closed_on(tz).is_some_and(|day| day < cutoff) {
                used_by_going.extend(r.attachment_hashes());
                requests_going.push(r.id);
            } else {
                kept.extend(r.attachment_hashes());
            }
        }
        let attachments = self.unused_files(&kept, &used_by_going, cutoff)?;
        let plan = self
            .store
            .purge_plan(&going.iter().map(|t| t.id.clone()).collect::<Vec<_>>())?;
        let mut report = PurgeReport {
            period,
            cutoff,
            history: plan.history_entries(),
            outbox: plan.outbox_messages(),
            receipts: going
                .iter()
                .flat_map(|t| &t.applicants)
                .filter(|a| a.payment_operation.is_some())
                .count(),
            tickets: going,
            attachments,
            requests: requests_going,
            done: None,
        };
        if dry_run {
            return Ok(report);
        }
        let files = report.attachments.len();
        let parts = plan.parts(PURGE_PART);
        let count = parts.len();
        let mut purged = Purged::default();
        for (i, part) in parts.iter().enumerate() {
            let note = AuditNote::new(
                now,
                &actor,
                audit::PURGE,
                &format!("mesa purge --older-than {period}"),
            );
            // The files go after the last part: its entry counts them.
            let files = if i + 1 == count { files } else { 0 };
            let done = self.store.purge(part, note, |p| {
                s::purge_detail(p, files, cutoff, (i + 1, count))
            })?;
            purged.add(&done);
        }
        if !report.requests.is_empty() {
            let note = AuditNote::new(
                now,
                &actor,
                audit::PURGE,
                &format!("mesa purge --older-than {period}"),
            )
            .detail(crate::strings::families::requests_purged(
                report.requests.len(),
                cutoff,
            ));
            self.store.remove_requests(&report.requests, note)?;
        }
        // The records are gone; their files follow. A file left behind by a
        // crash here is unused and older than the cutoff: the next purge
        // removes it.
        for name in &report.attachments {
            self.store.remove_attachment(name)?;
        }
        report.done = Some(purged);
        Ok(report)
    }

    /// Attachment files that no kept ticket uses: those of the tickets
    /// going, and any other unused file older than the cutoff.
    fn unused_files(
        &self,
        kept: &BTreeSet<String>,
        going: &BTreeSet<String>,
        cutoff: NaiveDate,
    ) -> Result<Vec<String>, StoreError> {
        if self.store.is_shared() {
            // The database holds exactly the attachments tickets brought:
            // those only the going tickets use go with them.
            return Ok(going.difference(kept).cloned().collect());
        }
        let dir: PathBuf = self.store_dir().join("attachments");
        let tz = self.config.dispatch.timezone;
        let mut out = Vec::new();
        let entries = std::fs::read_dir(&dir).map_err(|source| StoreError::Io {
            path: dir.clone(),
            source,
        })?;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.len() != 64 || kept.contains(&name) {
                continue;
            }
            let old = e
                .metadata()
                .and_then(|m| m.modified())
                .map(|m| {
                    chrono::DateTime::<chrono::Utc>::from(m)
                        .with_timezone(&tz)
                        .date_naive()
                        < cutoff
                })
                .unwrap_or(false);
            if going.contains(&name) || old {
                out.push(name);
            }
        }
        out.sort();
        Ok(out)
    }
}
