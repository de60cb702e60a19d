//! `mesa store copy`: a whole desk moved from one store to another (a
//! folder to a shared database, or back), and proved: every tree holds as
//! many records on the new side, the audit chain verifies there and ends at
//! the same link, and every attachment is there.
//!
//! Attachments: the embedded store keeps them as files in its folder; the
//! shared one in its `attachments` tree (each PC caches what it shows).
//! A copy moves them from one form to the other.

use std::fs;
use std::io::{Seek, SeekFrom};

use crate::domain::audit::Head;
use crate::store::backup::Counts;
use crate::store::{Store, StoreError};
use crate::strings::shared as s;

/// What a copy moved.
#[derive(Debug)]
pub struct Copied {
    pub counts: Counts,
    pub attachments: usize,
    pub head: Head,
    pub tickets: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum CopyError {
    #[error("{}", s::copy_target_not_empty(.0))]
    TargetNotEmpty(String),
    #[error("{}", s::copy_counts_differ(tree, *from, *to))]
    Counts { tree: String, from: u64, to: u64 },
    #[error("{}", s::copy_chain(.0))]
    Chain(String),
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{}", crate::strings::words::io_error(.0))]
    Io(#[from] std::io::Error),
}

/// Copies everything `from` holds into `to`, which must hold nothing yet.
pub fn copy(from: &Store, to: &Store) -> Result<Copied, CopyError> {
    if to.ticket_count() > 0 || !to.analysts()?.is_empty() || to.audit_len() > 0 {
        return Err(CopyError::TargetNotEmpty(to.place()));
    }
    // The dump goes through a private temporary file beside the target's
    // own folder: memory stays bounded whatever the desk's size.
    let mut tmp = unlinked_file(&to.dir().join("attachments"))?;
    let (counts, head) = from.dump(&mut tmp)?;
    tmp.seek(SeekFrom::Start(0))?;
    let loaded = to.load(&mut std::io::BufReader::new(&mut tmp))?;
    for (tree, n) in &counts {
        let got = loaded.get(tree).copied().unwrap_or(0);
        if got != *n {
            return Err(CopyError::Counts {
                tree: tree.clone(),
                from: *n,
                to: got,
            });
        }
    }
    let attachments = copy_attachments(from, to)?;
    if let Err(broken) = to.audit_verify()? {
        return Err(CopyError::Chain(format!("#{}", broken.seq)));
    }
    let new_head = to.audit_head()?;
    if new_head != head {
        return Err(CopyError::Chain(format!("#{}", new_head.seq)));
    }
    Ok(Copied {
        tickets: to.ticket_count() as u64,
        counts,
        attachments,
        head,
    })
}

/// A private scratch file that is already unlinked: nothing is left
/// behind, whatever stops the copy.
fn unlinked_file(dir: &std::path::Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let path = dir.join(format!(".tmp-copia-{}", std::process::id()));
    let file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)?;
    fs::remove_file(&path)?;
    Ok(file)
}

/// Moves attachments between the two forms; returns how many the target
/// holds.
fn copy_attachments(from: &Store, to: &Store) -> Result<usize, CopyError> {
    let mut n = 0;
    if !from.is_shared() {
        let dir = from.dir().join("attachments");
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e.into()),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.len() != 64
                || !name.bytes().all(|b| b.is_ascii_hexdigit())
                || !entry.file_type()?.is_file()
            {
                continue;
            }
            let bytes = fs::read(entry.path())?;
            to.put_attachment(&bytes, &name)?;
            n += 1;
        }
        return Ok(n);
    }
    if to.is_shared() {
        return Ok(to.shared_attachment_count()?);
    }
    // From the database's tree to the folder's files; the tree itself is
    // not the embedded store's form.
    Ok(to.attachments_tree_to_files()?)
}
