//! The batch export: a folder `LOTE-YYYY-MM-DD/` and a zip of it. Exporting
//! the same sealed batch twice gives the same files, byte for byte.

pub mod cell;
pub mod sheets;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::domain::batch::{self, Batch};
use crate::media::sha256_hex;
use crate::store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}", crate::strings::export::io(path, source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", crate::strings::export::failed(.0))]
    Format(String),
    #[error("{}", crate::strings::trust::attachment_damaged(.0))]
    Damaged(PathBuf),
    #[error("{}", crate::strings::trust::attachment_unreadable(path, source))]
    Unreadable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone)]
pub struct Exported {
    pub folder: PathBuf,
    pub zip: PathBuf,
    pub files: usize,
}

/// Where exports go when no folder is given: beside the store's data, so
/// the desk's backups carry them and no stray folder appears elsewhere.
pub fn default_dir(store_dir: &Path) -> PathBuf {
    store_dir.join("exportes")
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The files of a batch's export, by their path inside its folder, and the
/// manifest: what the desk gathered (`Desk::export_batch`), ready to write.
pub fn with_manifest(mut files: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    let mut entries: Vec<(String, String)> = files
        .iter()
        .map(|(p, b)| (sha256_hex(b), p.clone()))
        .collect();
    files.push((
        "MANIFEST.sha256".into(),
        batch::manifest(&mut entries).into_bytes(),
    ));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// Writes `files` as `out/<batch id>/` and `out/<batch id>.zip`, each first
/// under a temporary name: a failed write (a full disk) leaves nothing half
/// written, and a second export replaces the first.
pub fn write(
    out: &Path,
    batch: &Batch,
    files: &[(String, Vec<u8>)],
) -> Result<Exported, ExportError> {
    fs::create_dir_all(out).map_err(io(out))?;
    // The folder and its zip (stored, so about as large): refused before
    // writing when they would not fit.
    let total: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    crate::store::ensure_room(out, total.saturating_mul(2)).map_err(io(out))?;
    let folder = out.join(&batch.id);
    let tmp = out.join(format!(".{}.tmp", batch.id));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(io(&tmp))?;
    }
    let written = files.iter().try_for_each(|(rel, bytes)| {
        let path = tmp.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(io(parent))?;
        }
        fs::write(&path, bytes).map_err(io(&path))
    });
    if let Err(e) = written {
        // A failed export (a full disk) leaves no half folder behind.
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if folder.exists() {
        fs::remove_dir_all(&folder).map_err(io(&folder))?;
    }
    fs::rename(&tmp, &folder).map_err(io(&folder))?;

    let zip = out.join(format!("{}.zip", batch.id));
    let zip_tmp = out.join(format!(".{}.zip.tmp", batch.id));
    if let Err(e) = write_zip(&zip_tmp, &batch.id, files, batch) {
        let _ = fs::remove_file(&zip_tmp);
        return Err(e);
    }
    fs::rename(&zip_tmp, &zip).map_err(io(&zip))?;
    Ok(Exported {
        folder,
        zip,
        files: files.len(),
    })
}

fn write_zip(
    path: &Path,
    root: &str,
    files: &[(String, Vec<u8>)],
    batch: &Batch,
) -> Result<(), ExportError> {
    use chrono::{Datelike, Timelike};
    let file = fs::File::create(path).map_err(io(path))?;
    let mut zip = zip::ZipWriter::new(file);
    // Entries carry the sealing time, so the zip is the same on every export.
    let sealed = batch.sealed_at;
    let stamp = zip::DateTime::from_date_and_time(
        sealed.year().clamp(1980, 2107) as u16,
        sealed.month() as u8,
        sealed.day() as u8,
        sealed.hour() as u8,
        sealed.minute() as u8,
        sealed.second() as u8,
    )
    .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default().last_modified_time(stamp);
    for (rel, bytes) in files {
        // Photos and signatures are compressed already: deflating them again
        // costs time and saves nothing.
        let method = if rel.ends_with(".jpg") || rel.ends_with(".png") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        zip.start_file(format!("{root}/{rel}"), options.compression_method(method))
            .map_err(|e| ExportError::Format(crate::strings::words::zip_error(&e)))?;
        zip.write_all(bytes).map_err(io(path))?;
    }
    let file = zip
        .finish()
        .map_err(|e| ExportError::Format(crate::strings::words::zip_error(&e)))?;
    file.sync_all().map_err(io(path))?;
    Ok(())
}
