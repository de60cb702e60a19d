//! The command line's sign-in that lasts across commands (like sudo's
//! timestamp): when a stored session is still good, and when it is
//! refreshed. Pure rules over plain values; the store keeps the records,
//! the desk and the CLI the token file.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// A session ends after this long without a command.
pub const IDLE: Duration = Duration::minutes(15);
/// A command refreshes the session's last use at most this often (one
/// write a minute, not one per command).
pub const REFRESH_EVERY: Duration = Duration::minutes(1);
/// A session never lasts longer than this, whatever the use…
pub const LONGEST: Duration = Duration::hours(10);
/// …and never past the end of the working day it was opened in (this
/// local time in the desk's time zone).
pub const DAY_ENDS_AT: (u32, u32) = (22, 0);

/// One session as the store keeps it: never the token, only its SHA-256
/// (the key it is stored under) and what binds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CliSession {
    pub analyst: String,
    pub os_user: String,
    pub opened: DateTime<Utc>,
    pub last_used: DateTime<Utc>,
    /// The hard end: [`hard_end`] of `opened`.
    pub ends: DateTime<Utc>,
    /// SHA-256 of the analyst's password hash when it opened: a new
    /// password (changed or reset) ends it.
    pub password: String,
}

/// Why a stored session cannot be used (the password is asked again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionRefused {
    /// No record for the token: never opened here, closed, or the file
    /// was altered.
    Unknown,
    /// More than [`IDLE`] without a command.
    Idle,
    /// Past its hard end (the working day or [`LONGEST`]).
    Ended,
    /// Opened for another analyst or another OS account.
    OtherAnalyst,
    /// The analyst's password changed (or was reset) since.
    PasswordChanged,
    /// The analyst was disabled, or has no password any more.
    Inactive,
}

/// The hard end of a session opened at `opened`: [`LONGEST`] later, or
/// the end of that working day in `tz`, whichever is first; a session
/// opened after the day's end lasts until midnight at the latest.
pub fn hard_end<Tz: TimeZone>(opened: DateTime<Utc>, tz: &Tz) -> DateTime<Utc> {
    let local = opened.with_timezone(tz);
    let day: NaiveDate = local.date_naive();
    let (h, m) = DAY_ENDS_AT;
    let day_end = NaiveTime::from_hms_opt(h, m, 0).expect("a valid time of day");
    let mut end = day.and_time(day_end);
    if local.naive_local() >= end {
        end = day.succ_opt().unwrap_or(day).and_time(NaiveTime::MIN);
    }
    let end = tz
        .from_local_datetime(&end)
        .earliest()
        .map(|e| e.with_timezone(&Utc))
        .unwrap_or(opened + LONGEST);
    end.min(opened + LONGEST)
}

/// A new session for `analyst` at `now`.
pub fn open<Tz: TimeZone>(
    analyst: &str,
    os_user: &str,
    password_digest: &str,
    now: DateTime<Utc>,
    tz: &Tz,
) -> CliSession {
    CliSession {
        analyst: analyst.to_string(),
        os_user: os_user.to_string(),
        opened: now,
        last_used: now,
        ends: hard_end(now, tz),
        password: password_digest.to_string(),
    }
}

/// Whether `s` may stand in for the password of `analyst` (run by
/// `os_user`, whose password hash digests to `password_digest`) at `now`.
/// `Ok(true)` asks for its last use to be written again.
pub fn check(
    s: &CliSession,
    analyst: &str,
    os_user: &str,
    password_digest: &str,
    now: DateTime<Utc>,
) -> Result<bool, SessionRefused> {
    if s.analyst != analyst || s.os_user != os_user {
        return Err(SessionRefused::OtherAnalyst);
    }
    if s.password != password_digest {
        return Err(SessionRefused::PasswordChanged);
    }
    if now >= s.ends || now < s.opened {
        return Err(SessionRefused::Ended);
    }
    if now - s.last_used >= IDLE {
        return Err(SessionRefused::Idle);
    }
    Ok(now - s.last_used >= REFRESH_EVERY)
}

/// Whether a stored session can be forgotten (no command can use it).
pub fn is_over(s: &CliSession, now: DateTime<Utc>) -> bool {
    now >= s.ends || now - s.last_used >= IDLE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn lima() -> chrono_tz::Tz {
        chrono_tz::America::Lima
    }

    #[test]
    fn a_session_lasts_while_used_and_ends_when_idle() {
        let t0 = at("2026-11-23T09:00:00-05:00");
        let s = open("ana", "ana", "d", t0, &lima());
        assert_eq!(check(&s, "ana", "ana", "d", t0), Ok(false));
        assert_eq!(
            check(&s, "ana", "ana", "d", t0 + Duration::seconds(59)),
            Ok(false)
        );
        assert_eq!(
            check(&s, "ana", "ana", "d", t0 + Duration::minutes(2)),
            Ok(true)
        );
        assert_eq!(
            check(&s, "ana", "ana", "d", t0 + IDLE),
            Err(SessionRefused::Idle)
        );
        assert!(is_over(&s, t0 + IDLE));
        let mut used = s.clone();
        used.last_used = t0 + Duration::minutes(14);
        assert_eq!(
            check(&used, "ana", "ana", "d", t0 + Duration::minutes(20)),
            Ok(true)
        );
    }

    #[test]
    fn never_past_the_working_day_nor_for_another_analyst_or_password() {
        let t0 = at("2026-11-23T21:50:00-05:00");
        let s = open("ana", "ana", "d", t0, &lima());
        assert_eq!(s.ends, at("2026-11-23T22:00:00-05:00"));
        let mut used = s.clone();
        used.last_used = t0 + Duration::minutes(9);
        assert_eq!(
            check(&used, "ana", "ana", "d", t0 + Duration::minutes(10)),
            Err(SessionRefused::Ended)
        );
        let late = open("ana", "ana", "d", at("2026-11-23T23:00:00-05:00"), &lima());
        assert_eq!(late.ends, at("2026-11-24T00:00:00-05:00"));
        let early = open("ana", "ana", "d", at("2026-11-23T06:00:00-05:00"), &lima());
        assert_eq!(early.ends, at("2026-11-23T16:00:00-05:00"));
        let t1 = at("2026-11-23T09:00:00-05:00");
        let s = open("ana", "ana", "d", t1, &lima());
        assert_eq!(
            check(&s, "luis", "ana", "d", t1),
            Err(SessionRefused::OtherAnalyst)
        );
        assert_eq!(
            check(&s, "ana", "root", "d", t1),
            Err(SessionRefused::OtherAnalyst)
        );
        assert_eq!(
            check(&s, "ana", "ana", "e", t1),
            Err(SessionRefused::PasswordChanged)
        );
    }
}
