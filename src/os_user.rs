//! The operating-system account running this process, recorded beside the
//! analyst in every audit entry: the name of the real uid from the password
//! database (`getuid` + `getpwuid_r`), which a user cannot change by
//! setting a variable; `USER` only when the database has no entry for the
//! uid (a container running an unnamed uid), then the bare uid.

use std::ffi::CStr;
use std::sync::OnceLock;

/// The account's name, looked up once per process.
pub fn current() -> Option<String> {
    USER.get_or_init(lookup).clone()
}

/// Fixes the name this process records, before anything is recorded: for
/// tests whose snapshots show audit hashes, which must not depend on the
/// account running them. A process that already recorded keeps its name.
#[doc(hidden)]
pub fn pin(name: &str) {
    let _ = USER.set(Some(name.to_string()));
}

static USER: OnceLock<Option<String>> = OnceLock::new();

fn lookup() -> Option<String> {
    // SAFETY: getuid cannot fail and has no preconditions.
    let uid = unsafe { libc::getuid() };
    if let Some(name) = passwd_name(uid) {
        return Some(name);
    }
    let env = std::env::var("USER").ok().filter(|u| !u.trim().is_empty());
    Some(match env {
        Some(u) => format!("{u} (uid {uid})"),
        None => format!("uid {uid}"),
    })
}

fn passwd_name(uid: libc::uid_t) -> Option<String> {
    let mut buf = vec![0 as libc::c_char; 4096];
    // SAFETY: an all-zero passwd is a valid value to be overwritten.
    let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
    let mut result: *mut libc::passwd = std::ptr::null_mut();
    // SAFETY: every pointer is valid for the call; `buf` outlives the use
    // of `pwd`'s string fields below.
    let rc = unsafe { libc::getpwuid_r(uid, &mut pwd, buf.as_mut_ptr(), buf.len(), &mut result) };
    if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
        return None;
    }
    // SAFETY: on success `pw_name` points at a NUL-terminated string in `buf`.
    let name = unsafe { CStr::from_ptr(pwd.pw_name) };
    let name = name.to_string_lossy().into_owned();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_running_account_has_a_name() {
        let user = super::current().expect("a user");
        assert!(!user.trim().is_empty());
    }
}
