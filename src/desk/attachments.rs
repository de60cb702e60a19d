//! Reading files the desk is handed: CSVs named on the command line, and
//! the photos and signatures a CSV names. One place for every such read,
//! so the import, the console form and a later `correct --photo` share
//! the same refusals:
//!
//! - only regular files (no device, FIFO, socket or folder), opened
//!   without blocking and checked on the opened handle (no race between a
//!   check and the read), read no further than a limit;
//! - an attachment is a relative name inside the CSV's folder: no
//!   absolute path, no `..` leaving it, no symlink pointing out of it
//!   (resolved with `canonicalize`, then opened with `O_NOFOLLOW`), no
//!   backslash, NUL or control character;
//! - its content must decode as the image type its extension claims,
//!   within a pixel limit read from the header before decoding.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Component, Path, PathBuf};

use crate::domain::applicant::{Attachment, ImageFormat, Rule};
use crate::media::{self, MAX_ATTACHMENT_BYTES};
use crate::strings::faults as s;

/// The largest CSV the desk reads (a file of 100 000 tickets is ~30 MB).
pub const MAX_CSV_BYTES: u64 = 64 << 20;

/// Why a file was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadRefused {
    NotFound,
    NotRegular,
    Folder,
    TooLarge(u64),
    /// A symlink where none may be (`O_NOFOLLOW`).
    Link,
    Io(String),
}

impl ReadRefused {
    pub fn cause(&self) -> String {
        match self {
            ReadRefused::NotFound => s::read_cause(&std::io::ErrorKind::NotFound.into()),
            ReadRefused::NotRegular => s::not_regular().into(),
            ReadRefused::Folder => crate::strings::trust::is_a_folder().into(),
            ReadRefused::TooLarge(max) => s::file_too_large(*max),
            ReadRefused::Link => s::changed_while_read().into(),
            ReadRefused::Io(e) => e.clone(),
        }
    }
}

/// Reads a regular file whole, at most `max` bytes. `follow`: whether a
/// symlink as the last component is followed. Never blocks on a FIFO and
/// never reads a device: the type is checked on the opened handle.
pub fn read_regular(path: &Path, max: u64, follow: bool) -> Result<Vec<u8>, ReadRefused> {
    let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC;
    if !follow {
        flags |= libc::O_NOFOLLOW;
    }
    let file: File = OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ReadRefused::NotFound,
            _ if e.raw_os_error() == Some(libc::ELOOP) => ReadRefused::Link,
            _ if e.raw_os_error() == Some(libc::ENXIO) => ReadRefused::NotRegular,
            _ => ReadRefused::Io(s::read_cause(&e)),
        })?;
    let meta = file
        .metadata()
        .map_err(|e| ReadRefused::Io(s::read_cause(&e)))?;
    if meta.is_dir() {
        return Err(ReadRefused::Folder);
    }
    if !meta.is_file() {
        return Err(ReadRefused::NotRegular);
    }
    if meta.len() > max {
        return Err(ReadRefused::TooLarge(max));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadRefused::Io(s::read_cause(&e)))?;
    if bytes.len() as u64 > max {
        return Err(ReadRefused::TooLarge(max));
    }
    Ok(bytes)
}

/// A CSV (or other input) named on the command line: regular, at most
/// `MAX_CSV_BYTES`. The message is the user's, in Spanish.
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    read_regular(path, MAX_CSV_BYTES, true).map_err(|r| s::cannot_read_input(path, &r.cause()))
}

/// Why a name does not lead to a file inside the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outside {
    NotFound,
    /// The rule broken, in the user's words.
    Refused(String),
}

/// Where `value` (a cell of the CSV) names a file inside `base`: its
/// canonical path, or why not.
pub fn resolve_inside(base: &Path, value: &str) -> Result<PathBuf, Outside> {
    let refused = |why: &str| Outside::Refused(why.to_string());
    if value
        .chars()
        .any(|c| c == '\\' || c == '\0' || c.is_control())
    {
        return Err(refused(s::bad_characters()));
    }
    let rel = Path::new(value);
    if rel.is_absolute() {
        return Err(refused(s::absolute_path()));
    }
    if rel.components().any(|c| c == Component::ParentDir) {
        return Err(refused(s::outside_folder()));
    }
    let base = if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        base
    };
    let gone = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Outside::NotFound,
        _ => Outside::Refused(s::read_cause(&e)),
    };
    let root = base.canonicalize().map_err(gone)?;
    let full = root.join(rel).canonicalize().map_err(gone)?;
    if !full.starts_with(&root) {
        return Err(refused(s::outside_folder()));
    }
    if ["/proc", "/sys", "/dev"]
        .iter()
        .any(|p| full.starts_with(p))
    {
        return Err(refused(s::system_file()));
    }
    Ok(full)
}

/// The image type a file name claims by its extension, if any.
fn claimed(path: &Path) -> Option<ImageFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "png" => Some(ImageFormat::Png),
        "jpg" | "jpeg" => Some(ImageFormat::Jpeg),
        _ => None,
    }
}

fn format_name(f: ImageFormat) -> &'static str {
    match f {
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
    }
}

/// One photo or signature named `value` in a CSV whose folder is `base`:
/// its canonical path, its bytes and what they are. `Err` is the rule for
/// the row's column (a file that does not decode as a JPEG or PNG is one).
pub fn read_attachment(base: &Path, value: &str) -> Result<(PathBuf, Attachment, Vec<u8>), Rule> {
    let shown = s::shown(value);
    let unreadable = |cause: String| Rule::FileUnreadable {
        path: shown.clone(),
        cause,
    };
    let path = resolve_inside(base, value).map_err(|o| match o {
        Outside::NotFound => Rule::FileNotFound {
            path: shown.clone(),
        },
        Outside::Refused(cause) => unreadable(cause),
    })?;
    let (attachment, bytes) = read_image_file(&path, value, false)?;
    Ok((path, attachment, bytes))
}

/// A photo or signature file at `path` (a name the user typed, `shown` in
/// messages): a regular file within the size limit, whose content decodes
/// as the type its extension claims within the pixel limit. `follow`:
/// whether a symlink as its last component is followed (a name typed on
/// the command line may be one; a CSV's name, already resolved, may not).
pub fn read_image_file(
    path: &Path,
    shown: &str,
    follow: bool,
) -> Result<(Attachment, Vec<u8>), Rule> {
    let shown = s::shown(shown);
    let unreadable = |cause: String| Rule::FileUnreadable {
        path: shown.clone(),
        cause,
    };
    let bytes = read_regular(path, MAX_ATTACHMENT_BYTES, follow).map_err(|r| match r {
        ReadRefused::NotFound => Rule::FileNotFound {
            path: shown.clone(),
        },
        ReadRefused::TooLarge(max) => Rule::ImageTooLarge { max_bytes: max },
        other => unreadable(other.cause()),
    })?;
    let image = match media::inspect_limited(&bytes) {
        Ok(info) => Some(info),
        Err(media::Refused::TooManyPixels { width, height }) => {
            return Err(unreadable(s::too_many_pixels(
                width,
                height,
                media::MAX_PIXELS,
            )));
        }
        // Bytes that are not a JPEG or PNG at all are never copied into
        // the store (a photo that is merely small or sideways is: the
        // analyst returns it for correction).
        Err(media::Refused::NotAnImage) => return Err(Rule::ImageUnreadable),
    };
    if let (Some(claim), Some(info)) = (claimed(path), &image)
        && claim != info.format
    {
        return Err(unreadable(s::claims_other_type(
            format_name(claim),
            format_name(info.format),
        )));
    }
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let attachment = Attachment {
        sha256: media::sha256_hex(&bytes),
        file_name,
        bytes: bytes.len() as u64,
        image,
    };
    Ok((attachment, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_leaving_the_folder_are_refused_before_any_lookup() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.png"), b"x").unwrap();
        assert!(resolve_inside(dir.path(), "a.png").is_ok());
        for bad in [
            "/etc/passwd",
            "../a.png",
            "x/../../a.png",
            "a\\b.png",
            "a\0.png",
            "a\n.png",
        ] {
            assert!(
                matches!(resolve_inside(dir.path(), bad), Err(Outside::Refused(_))),
                "{bad:?}"
            );
        }
        assert_eq!(resolve_inside(dir.path(), "no.png"), Err(Outside::NotFound));
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, b"12345").unwrap();
        assert_eq!(read_regular(&f, 5, false).unwrap(), b"12345");
        assert_eq!(read_regular(&f, 4, false), Err(ReadRefused::TooLarge(4)));
        assert_eq!(read_regular(dir.path(), 5, true), Err(ReadRefused::Folder));
        assert_eq!(
            read_regular(Path::new("/dev/null"), 5, true),
            Err(ReadRefused::NotRegular)
        );
        let link = dir.path().join("l");
        std::os::unix::fs::symlink(&f, &link).unwrap();
        assert_eq!(read_regular(&link, 5, false), Err(ReadRefused::Link));
        assert!(read_regular(&link, 5, true).is_ok());
    }
}
