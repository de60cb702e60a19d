//! The sign-in box's work against the desk, on the loop's blocking thread:
//! a sign-in with a password, the first supervisor with theirs, the first
//! password of an analyst from a store made before passwords.

use super::login::{LoginEffect, SignInOutcome};
use crate::desk::Desk;
use crate::desk::identity::IdentityError;
use crate::domain::role::Analyst;

pub fn run(desk: &Desk, effect: LoginEffect) -> SignInOutcome {
    let result = match effect {
        LoginEffect::SignIn { name, password } => {
            match desk.sign_in(&name, &password, crate::strings::identity::console_place()) {
                Err(IdentityError::NoPassword(name)) => return SignInOutcome::ChoosePassword(name),
                r => r,
            }
        }
        LoginEffect::Proven { name } => desk.login(&name).map_err(Into::into),
        LoginEffect::InitSupervisor { name, password } => {
            desk.init_supervisor_with_password(&name, &password)
        }
        LoginEffect::ChoosePassword { name, password } => {
            desk.choose_first_password(&name, &password)
        }
    };
    match result
        .map_err(|e| e.to_string())
        .and_then(|a| session(desk, a))
    {
        Ok(a) => SignInOutcome::In(a),
        Err(e) => SignInOutcome::Refused(e),
    }
}

/// The session (the queue it will show) recorded in the audit log.
fn session(desk: &Desk, a: Analyst) -> Result<Analyst, String> {
    desk.record_read(
        &a.name,
        crate::domain::audit::LOGIN,
        "mesa",
        Vec::new(),
        crate::strings::tui_trust::login_detail(desk.store.ticket_count()),
    )
    .map_err(|e| e.to_string())?;
    tracing::info!(analyst = %a.name, "signed in");
    Ok(a)
}
