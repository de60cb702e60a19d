//! The command line's lasting sign-in, on this PC's side: the token file
//! (0600, in a 0700 folder: `$XDG_RUNTIME_DIR/mesa/` when set, else the
//! store's own private folder, `sessions/`), one per store and OS account,
//! holding the analyst's name and the token. `mesa entrar` opens one,
//! `mesa salir` ends it; every other command uses it in place of the
//! password when no `MESA_PASSWORD` is given.

use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::{Global, out};
use crate::desk::Desk;
use crate::domain::role::Analyst;
use crate::strings::speed as s;

/// What the token file says: whose session, and its token.
pub struct Saved {
    pub analyst: String,
    pub token: String,
}

fn os_user() -> String {
    crate::os_user::current().unwrap_or_default()
}

/// The token file of this store for this OS account.
pub fn file(g: &Global) -> PathBuf {
    let ctx = g.resolve();
    let place = ctx.shared.clone().unwrap_or_else(|| {
        let dir = fs::canonicalize(&ctx.store_dir).unwrap_or(ctx.store_dir.clone());
        dir.to_string_lossy().into_owned()
    });
    let tag: String = Sha256::digest(place.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let user: String = os_user()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let dir = match std::env::var_os("XDG_RUNTIME_DIR").filter(|d| !d.is_empty()) {
        Some(run) => PathBuf::from(run).join("mesa"),
        None => ctx.store_dir.join("sessions"),
    };
    dir.join(format!("{tag}-{user}"))
}

/// The saved session, if any; a file others could read, or another
/// account's, or not a plain file (a link), is discarded.
pub fn read(g: &Global) -> Option<Saved> {
    let path = file(g);
    let meta = fs::symlink_metadata(&path).ok()?;
    // SAFETY: getuid cannot fail and has no preconditions.
    let mine = meta.uid() == unsafe { libc::getuid() };
    if !meta.is_file() || !mine || meta.permissions().mode() & 0o077 != 0 {
        let _ = fs::remove_file(&path);
        out::note(&s::session_file_exposed(&path));
        return None;
    }
    let text = fs::read_to_string(&path).ok()?;
    let mut lines = text.lines();
    Some(Saved {
        analyst: lines.next().unwrap_or_default().trim().to_string(),
        token: lines.next().unwrap_or_default().trim().to_string(),
    })
}

/// The analyst proven by the saved session, or `None` (with the reason
/// said on stderr when there was a session that cannot be used).
pub fn resume(g: &Global, desk: &Desk, actor: &str) -> anyhow::Result<Option<Analyst>> {
    let Some(saved) = read(g) else {
        return Ok(None);
    };
    if saved.analyst != actor {
        out::note(s::session_refused(
            crate::domain::cli_session::SessionRefused::OtherAnalyst,
        ));
        return Ok(None);
    }
    match desk.resume_cli_session(actor, &os_user(), &saved.token)? {
        Ok(a) => Ok(Some(a)),
        Err(why) => {
            let _ = fs::remove_file(file(g));
            out::note(s::session_refused(why));
            Ok(None)
        }
    }
}

/// Opens a session for `analyst` (just proven by password) and writes its
/// file; a failure to write is said, never fatal.
pub fn keep(g: &Global, desk: &Desk, analyst: &Analyst) -> anyhow::Result<()> {
    if let Some(old) = read(g) {
        // One session per store and OS account: the new one replaces it.
        desk.end_cli_session(&old.token)?;
    }
    let token = desk.open_cli_session(analyst, &os_user())?;
    if let Err(e) = write(&file(g), &analyst.name, &token) {
        let _ = desk.end_cli_session(&token);
        out::note(&s::session_not_kept(&e.to_string()));
    }
    Ok(())
}

fn write(path: &std::path::Path, analyst: &str, token: &str) -> std::io::Result<()> {
    let dir = path.parent().expect("a file in a folder");
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
    let tmp = path.with_extension("tmp");
    let _ = fs::remove_file(&tmp);
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)?;
    f.set_permissions(fs::Permissions::from_mode(0o600))?;
    writeln!(f, "{analyst}\n{token}")?;
    f.sync_all()?;
    fs::rename(&tmp, path)
}

/// `mesa entrar`: the password once, then a session.
pub fn login(g: &Global) -> anyhow::Result<()> {
    let (desk, _) = g.open_proven()?;
    let actor = g.resolve().actor;
    let analyst = desk.login(&actor)?;
    if desk.store.db_login().is_some() {
        // The database checks this login's password on every connection.
        outln!("{}", s::session_not_needed(&analyst.name))?;
        return Ok(());
    }
    keep(g, &desk, &analyst)?;
    outln!("{}", s::session_opened(&analyst.name))?;
    Ok(())
}

/// `mesa salir`: ends this store's session for this OS account.
pub fn logout(g: &Global) -> anyhow::Result<()> {
    let saved = read(g);
    let mut ended = false;
    if let Some(saved) = saved {
        let desk = g.open_unchecked()?;
        ended = desk.end_cli_session(&saved.token)?;
        let _ = fs::remove_file(file(g));
    }
    if ended {
        outln!("{}", s::session_closed())?;
    } else {
        outln!("{}", s::session_none())?;
    }
    Ok(())
}
