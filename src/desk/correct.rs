//! `Desk::correct`: a ticket's data fixed on the ticket itself (see
//! `domain::correction`). Checked first against the ticket as it is, so a
//! refusal writes nothing, not even an image file; then the new images are
//! stored by SHA-256 and the correction is applied in one transaction with
//! its receipts, history, indexes, email and audit entry.

use std::path::{Path, PathBuf};

use super::Desk;
use crate::domain::applicant::{Attachment, Field, Problem, Rule};
use crate::domain::correction::{self, Correction, CorrectionContext, CorrectionRefused};
use crate::domain::role::Capability;
use crate::domain::{HistoryEntry, Move, MoveRefused, Ticket};
use crate::store::{Result, StoreError};

/// What a correction did.
#[derive(Debug, Clone)]
pub struct CorrectionDone {
    pub ticket: Ticket,
    pub entry: HistoryEntry,
    /// The ids of the emails it enqueued.
    pub queued: Vec<String>,
}

fn refused(r: CorrectionRefused) -> StoreError {
    StoreError::Refused(MoveRefused::Correction(r))
}

impl Desk {
    /// Reads a photo or signature handed in for a correction: its digest
    /// and what it is; a file that cannot be read is refused naming
    /// `field` and applicant `n` (1-based).
    pub fn read_image(&self, path: &Path, field: Field, n: usize) -> Result<Attachment> {
        let shown = path.display().to_string();
        crate::desk::attachments::read_image_file(path, &shown, true)
            .map(|(a, _)| a)
            .map_err(|rule| {
                refused(CorrectionRefused::Invalid(vec![(
                    Some(n),
                    Problem::new(field, rule),
                )]))
            })
    }

    /// Corrects ticket `id`. `files` are the paths the correction's new
    /// images were read from (see [`Desk::read_image`]).
    pub fn correct(
        &self,
        id: &str,
        c: &Correction,
        files: &[PathBuf],
        actor: &str,
    ) -> Result<CorrectionDone> {
        let actor = &self.allow(actor, Capability::of_move(Move::Correct))?;
        let now = self.now();
        let ctx = CorrectionContext {
            oversees: self.oversees(actor)?,
            actor,
            at: now,
            today: self.today_at(now),
            rules: &self.config.validation,
        };
        // Against the ticket as it is now: a refusal stops here.
        let current = self.ticket(id)?;
        let mut receipts = Vec::new();
        for a in &current.applicants {
            receipts.push(match &a.payment_operation {
                Some(op) => self
                    .store
                    .receipt(op)?
                    .filter(|r| r.ticket == current.id)
                    .map(|r| r.receipt),
                None => None,
            });
        }
        let planned = correction::correct(&current, &receipts, c, &ctx).map_err(refused)?;
        for r in &planned.put_receipts {
            if let Some(held) = self.store.receipt(&r.operation)?
                && held.ticket != current.id
            {
                return Err(StoreError::OperationReused {
                    operation: r.operation.clone(),
                    ticket: held.ticket,
                });
            }
        }
        // The new images, by content; the ones this call creates are removed
        // again if the transaction refuses.
        let wanted: Vec<&str> = planned
            .entry
            .changes
            .iter()
            .filter(|ch| matches!(ch.field, Field::Photo | Field::Signature))
            .filter_map(|ch| ch.new.as_deref())
            .collect();
        let mut created = Vec::new();
        self.store.ensure_room(
            files
                .iter()
                .map(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
                .sum(),
        )?;
        for path in files {
            // The same careful read as when it was checked (a regular file,
            // within the limit); the digest below says it is that file.
            let bytes = crate::desk::attachments::read_regular(
                path,
                crate::media::MAX_ATTACHMENT_BYTES,
                true,
            )
            .map_err(|r| StoreError::Io {
                path: path.clone(),
                source: std::io::Error::other(r.cause()),
            })?;
            let sha = crate::media::sha256_hex(&bytes);
            if !wanted.contains(&sha.as_str()) {
                continue;
            }
            let existed = self.store.attachment_path(&sha).exists();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.store.put_attachment(&bytes, &name)?;
            if !existed {
                created.push(self.store.attachment_path(&sha));
            }
        }
        for sha in &wanted {
            if !self.store.attachment_path(sha).exists() {
                // The file changed between reading and storing it.
                return Err(refused(CorrectionRefused::Invalid(vec![(
                    None,
                    Problem::new(
                        Field::Photo,
                        Rule::FileNotFound {
                            path: sha.chars().take(12).collect(),
                        },
                    ),
                )])));
            }
        }
        let mail = self.mail_context();
        let result = self.store.correct_ticket(
            id,
            |ticket, receipts| correction::correct(ticket, receipts, c, &ctx),
            |_, after, entry, seq| crate::mail::events::messages(after, entry, seq, &mail),
        );
        match result {
            Ok((done, queued)) => Ok(CorrectionDone {
                ticket: done.ticket,
                entry: done.entry,
                queued,
            }),
            Err(e) => {
                for path in created {
                    let _ = std::fs::remove_file(path);
                }
                Err(e)
            }
        }
    }
}
