//! Photos and signatures on screen: the analyst judges "frontal, sin
//! lentes" and "firma completa y centrada" without leaving the console.
//!
//! The terminal's graphics protocol (kitty, sixel, iTerm2) is asked once at
//! start, with a short timeout, and never inside tmux or screen (which do
//! not pass the answer on): there, and wherever the terminal has none, the
//! picture is drawn with Unicode half-blocks. Each file is decoded once,
//! on the effects thread when its ticket loads, shrunk to its box and kept
//! by content hash; drawing only copies the prepared cells.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use image::imageops::FilterType;
use ratatui::layout::Rect;
use ratatui_image::Resize;
use ratatui_image::picker::Picker;
use ratatui_image::picker::cap_parser::QueryStdioOptions;
use ratatui_image::protocol::Protocol;

use super::app::{App, Screen};
use crate::desk::Desk;
use crate::domain::Ticket;
use crate::domain::applicant::Attachment;
use crate::strings::look as s;

/// Columns of the panel's pictures (the panel adds a margin).
pub const WIDTH: u16 = 20;
/// At most this many prepared pictures are kept (a few tickets' worth).
const KEEP: usize = 64;

/// Which box a picture goes in: the photo is tall, the signature wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    Photo,
    Signature,
}

impl Shape {
    /// The box in cells.
    pub fn rows(self) -> u16 {
        match self {
            Shape::Photo => 12,
            Shape::Signature => 5,
        }
    }
}

/// A picture ready to draw, and where its file is.
pub struct Picture {
    /// `None` when the file is missing or does not decode.
    pub protocol: Option<Protocol>,
    /// Its size in cells (within the box).
    pub area: Rect,
    pub path: PathBuf,
}

static PICKER: OnceLock<Picker> = OnceLock::new();
type Cache = Mutex<HashMap<(String, Shape), Arc<Picture>>>;
static CACHE: OnceLock<Cache> = OnceLock::new();

fn cache() -> &'static Cache {
    CACHE.get_or_init(Default::default)
}

/// The protocol in use: what `query_terminal` found, else half-blocks.
pub fn picker() -> &'static Picker {
    PICKER.get_or_init(Picker::halfblocks)
}

/// Asks the terminal once, at start, which graphics it has. Call after
/// entering raw mode and before reading events. Inside tmux or screen,
/// on a dumb terminal, or with `MESA_IMAGENES=bloques`, it does not ask:
/// half-blocks. A terminal that does not answer within the timeout gets
/// half-blocks too.
pub fn query_terminal() {
    let term = std::env::var("TERM").unwrap_or_default();
    let multiplexed = std::env::var_os("TMUX").is_some()
        || std::env::var_os("STY").is_some()
        || term.starts_with("tmux")
        || term.starts_with("screen");
    let forced = std::env::var("MESA_IMAGENES").is_ok_and(|v| v == "bloques");
    let picker = if multiplexed || forced || term.is_empty() || term == "dumb" {
        Picker::halfblocks()
    } else {
        let mut options = QueryStdioOptions::default();
        options.timeout = Duration::from_millis(500);
        Picker::from_query_stdio_with_options(options).unwrap_or_else(|_| Picker::halfblocks())
    };
    tracing::info!(protocol = ?picker.protocol_type(), "pictures");
    let _ = PICKER.set(picker);
}

/// The prepared picture of `sha256` in `shape`, if its ticket was loaded.
pub fn get(sha256: &str, shape: Shape) -> Option<Arc<Picture>> {
    cache()
        .lock()
        .ok()?
        .get(&(sha256.to_string(), shape))
        .cloned()
}

/// The applicants' photos and signatures of `ticket`, in order.
pub fn attachments(ticket: &Ticket) -> Vec<(usize, Shape, &Attachment)> {
    let mut out = Vec::new();
    for (i, a) in ticket.applicants.iter().enumerate() {
        if let Some(p) = &a.photo {
            out.push((i, Shape::Photo, p));
        }
        if let Some(f) = &a.signature {
            out.push((i, Shape::Signature, f));
        }
    }
    out
}

/// Decodes and shrinks the ticket's pictures not yet prepared. Runs on
/// the effects thread, with the ticket's load.
pub fn prepare(desk: &Desk, ticket: &Ticket) {
    for (_, shape, att) in attachments(ticket) {
        if get(&att.sha256, shape).is_some() {
            continue;
        }
        let path = desk.store.attachment_path(&att.sha256);
        let picture = make(&path, shape);
        if let Ok(mut c) = cache().lock() {
            if c.len() >= KEEP {
                c.clear();
            }
            c.insert((att.sha256.clone(), shape), Arc::new(picture));
        }
    }
}

/// The intake form's file, read and checked: prepared as a ticket's
/// picture is, and remembered for the path typed.
pub fn prepare_typed(path: &str, sha256: &str, bytes: &[u8], shape: Shape) {
    if get(sha256, shape).is_none() {
        let picture = picture_of(Some(bytes), Path::new(path), shape);
        if let Ok(mut c) = cache().lock() {
            if c.len() >= KEEP {
                c.clear();
            }
            c.insert((sha256.to_string(), shape), Arc::new(picture));
        }
    }
    if let Ok(mut t) = typed().lock() {
        if t.len() >= KEEP {
            t.clear();
        }
        t.insert(path.to_string(), sha256.to_string());
    }
}

/// The picture of a path typed in the intake form, once checked.
pub fn of_typed(path: &str, shape: Shape) -> Option<Arc<Picture>> {
    let sha = typed().lock().ok()?.get(path).cloned()?;
    get(&sha, shape)
}

fn typed() -> &'static Mutex<HashMap<String, String>> {
    static TYPED: OnceLock<Mutex<HashMap<String, String>>> = OnceLock::new();
    TYPED.get_or_init(Default::default)
}

fn make(path: &Path, shape: Shape) -> Picture {
    picture_of(read_limited(path).as_deref(), path, shape)
}

fn picture_of(bytes: Option<&[u8]>, path: &Path, shape: Shape) -> Picture {
    let empty = Rect::new(0, 0, WIDTH, shape.rows());
    let protocol = bytes
        .and_then(|bytes| crate::media::decode_limited(bytes).ok())
        .and_then(|(_, img)| {
            let picker = picker();
            let (fw, fh) = picker.font_size();
            let (w, h) = (
                u32::from(WIDTH) * u32::from(fw),
                u32::from(shape.rows()) * u32::from(fh),
            );
            let small = img.resize(w, h, FilterType::Triangle);
            picker
                .new_protocol(small, empty, Resize::Fit(None))
                .map_err(|e| tracing::info!(error = %e, "picture not prepared"))
                .ok()
        });
    let area = protocol.as_ref().map_or(empty, |p| p.area());
    Picture {
        protocol,
        area,
        path: path.to_path_buf(),
    }
}

fn read_limited(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path).ok()?;
    let mut bytes = Vec::new();
    file.take(crate::media::MAX_ATTACHMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() as u64 <= crate::media::MAX_ATTACHMENT_BYTES).then_some(bytes)
}

/// Whether this session has a desktop to show a viewer on.
pub fn has_desktop() -> bool {
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(program).is_file()))
}

/// `v`: opens the open ticket's photos and signatures in the system
/// viewer, when there is a desktop; otherwise the status line says why
/// not. Each file is copied, named for what it is, into the store's
/// private `visor` folder, and `xdg-open` runs detached: the console
/// never waits for it.
pub fn open(app: &mut App) {
    let Some(ticket) = (app.screen == Screen::Ticket)
        .then_some(app.detail.as_ref())
        .flatten()
        .and_then(|d| d.loaded.as_ref())
        .map(|l| &l.ticket)
    else {
        app.error(s::no_ticket_open());
        return;
    };
    let files: Vec<(PathBuf, String)> = attachments(ticket)
        .into_iter()
        .map(|(i, shape, att)| {
            let ext = att.image.map(|m| m.format.extension()).unwrap_or("bin");
            let name = format!("{}-{}-{}.{ext}", ticket.id, s::file_word(shape), i + 1);
            (app_path(att), name)
        })
        .collect();
    if files.is_empty() {
        app.error(s::no_pictures(&ticket.id));
        return;
    }
    if !has_desktop() {
        app.error(s::no_desktop());
        return;
    }
    if !on_path("xdg-open") {
        app.error(s::no_viewer());
        return;
    }
    let missing = files.iter().filter(|(p, _)| !p.is_file()).count();
    if missing == files.len() {
        app.error(s::files_missing());
        return;
    }
    let n = files.len() - missing;
    std::thread::spawn(move || show_all(files));
    app.info(s::opening(n));
}

fn app_path(att: &Attachment) -> PathBuf {
    get(&att.sha256, Shape::Photo)
        .or_else(|| get(&att.sha256, Shape::Signature))
        .map(|p| p.path.clone())
        .unwrap_or_default()
}

fn show_all(files: Vec<(PathBuf, String)>) {
    for (src, name) in files {
        let Some(store) = src.parent().and_then(Path::parent) else {
            continue;
        };
        let dir = store.join("visor");
        let dest = dir.join(&name);
        let copied = copy_private(&src, &dir, &dest);
        if let Err(e) = copied {
            tracing::info!(error = %e, file = %src.display(), "viewer copy failed");
            continue;
        }
        let child = std::process::Command::new("xdg-open")
            .arg(&dest)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        match child {
            // Reaped here, on this thread, so no zombie stays behind.
            Ok(mut c) => {
                let _ = c.wait();
            }
            Err(e) => tracing::info!(error = %e, "xdg-open failed"),
        }
    }
}

/// Copies `src` to `dest` in `dir`, both private (0700 / 0600).
fn copy_private(src: &Path, dir: &Path, dest: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    let mut from = std::fs::File::open(src)?;
    let mut to = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .custom_flags(libc::O_NOFOLLOW)
        .open(dest)?;
    std::io::copy(&mut from, &mut to).map(|_| ())
}
