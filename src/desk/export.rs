//! The batch export as a desk operation: the supervisor's, the tickets and
//! their files gathered and checked, recorded in the audit log (with the
//! people it carries) before any file is written, so an export can never
//! leave the desk unrecorded. `crate::export` writes the files.

use std::path::Path;

use super::Desk;
use super::attachments::{ReadRefused, read_regular};
use crate::domain::Ticket;
use crate::domain::audit::{EXPORT, dnis_of};
use crate::domain::batch::{self, Batch};
use crate::domain::role::Capability;
use crate::export::{self, ExportError, Exported, sheets};
use crate::media::sha256_hex;
use crate::strings;

impl Desk {
    /// Writes the export of `batch` under `out`.
    pub fn export_batch(
        &self,
        batch: &Batch,
        out: &Path,
        actor: &str,
    ) -> Result<Exported, ExportError> {
        let actor = self.allow(actor, Capability::Export)?;
        let tickets: Vec<Ticket> = batch
            .tickets
            .iter()
            .map(|id| self.ticket(id))
            .collect::<Result<_, _>>()?;
        let tz = self.config.dispatch.timezone;
        let plan = batch::export_plan(&tickets, |t| {
            t.registered_at.with_timezone(&tz).date_naive()
        });
        let mut receipts = Vec::new();
        for t in &tickets {
            for a in &t.applicants {
                if let Some(op) = &a.payment_operation
                    && let Some(rec) = self.receipt(op)?
                {
                    receipts.push((t, a, rec.receipt));
                }
            }
        }
        let note =
            strings::rules::move_note(self.config.dispatch.move_note(&batch.dispatch).as_ref());
        let mut files: Vec<(String, Vec<u8>)> = vec![
            ("solicitudes.csv".into(), sheets::requests_csv(&plan.rows)?),
            (
                "solicitudes.xlsx".into(),
                sheets::requests_xlsx(&plan.rows, batch)?,
            ),
            ("pagos.csv".into(), sheets::payments_csv(&receipts)?),
            (
                "resumen.txt".into(),
                sheets::summary(batch, tz, &tickets, plan.rows.len(), &note).into_bytes(),
            ),
        ];
        for f in &plan.files {
            let src = self.store.attachment_path(&f.sha256);
            // A regular file only (a FIFO or device planted in the store
            // must not hang or feed the export).
            let bytes =
                read_regular(&src, u64::MAX, false).map_err(|r| ExportError::Unreadable {
                    path: src.clone(),
                    source: match r {
                        ReadRefused::NotFound => std::io::ErrorKind::NotFound.into(),
                        other => std::io::Error::other(other.cause()),
                    },
                })?;
            // Never send RENIEC a photo that is not the one registered.
            if sha256_hex(&bytes) != f.sha256 {
                return Err(ExportError::Damaged(src));
            }
            files.push((f.path.clone(), bytes));
        }
        let files = export::with_manifest(files);
        self.record_read(
            &actor,
            EXPORT,
            &batch.id,
            tickets.iter().flat_map(dnis_of).collect(),
            strings::trust::export_detail(out, files.len()),
        )?;
        export::write(out, batch, &files)
    }
}
