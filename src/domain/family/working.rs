//! Deadlines in working time: office hours, weekends, Lima's holidays and
//! días no laborables (the desk's calendar, `calendar::DispatchRules`), and
//! a daily cut-off after which a submission counts from the next working
//! day (seed 001: Monday to Friday until 13:00). Now is always an argument.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::domain::calendar::DispatchRules;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    /// Working hours, counted inside office hours.
    Hours,
    /// Working days: the deadline is the close of office on the n-th
    /// working day after the day the request counts from.
    Days,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deadline {
    pub amount: u32,
    pub unit: Unit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeHours {
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    /// Submissions at or after this time count from the next working day.
    pub cutoff: Option<NaiveTime>,
}

fn at(tz: Tz, day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = NaiveDateTime::new(day, time);
    tz.from_local_datetime(&naive)
        .earliest()
        .unwrap_or_else(|| Utc.from_utc_datetime(&naive).with_timezone(&tz))
        .with_timezone(&Utc)
}

fn next_working(rules: &DispatchRules, mut day: NaiveDate) -> NaiveDate {
    day += Duration::days(1);
    // A year without a working day does not exist; the bound keeps any
    // calendar from looping forever.
    for _ in 0..400 {
        if rules.is_working_day(day) {
            return day;
        }
        day += Duration::days(1);
    }
    day
}

/// The moment a submission counts from: itself inside office hours on a
/// working day before the cut-off; otherwise the opening of the next
/// working day (or of the same day, when it arrives before opening).
pub fn counts_from(
    received: DateTime<Utc>,
    hours: &OfficeHours,
    rules: &DispatchRules,
) -> DateTime<Utc> {
    let tz = rules.timezone;
    let local = received.with_timezone(&tz);
    let day = local.date_naive();
    let time = local.time();
    let last = hours.cutoff.map_or(hours.closes, |c| c.min(hours.closes));
    if rules.is_working_day(day) {
        if time < hours.opens {
            return at(tz, day, hours.opens);
        }
        if time < last {
            return received;
        }
    }
    at(tz, next_working(rules, day), hours.opens)
}

/// When a step that started at `start` (already a counting moment) is due.
pub fn due(
    start: DateTime<Utc>,
    deadline: Deadline,
    hours: &OfficeHours,
    rules: &DispatchRules,
) -> DateTime<Utc> {
    let tz = rules.timezone;
    let start = counts_from_hours(start, hours, rules);
    let mut day = start.with_timezone(&tz).date_naive();
    match deadline.unit {
        Unit::Days => {
            for _ in 0..deadline.amount {
                day = next_working(rules, day);
            }
            at(tz, day, hours.closes)
        }
        Unit::Hours => {
            let mut left = Duration::hours(i64::from(deadline.amount));
            let mut from = start;
            loop {
                let close = at(tz, day, hours.closes);
                let room = close - from;
                if left <= room {
                    return from + left;
                }
                left -= room.max(Duration::zero());
                day = next_working(rules, day);
                from = at(tz, day, hours.opens);
            }
        }
    }
}

/// Like `counts_from` without the cut-off: a step started by the desk late
/// in the day still has the rest of the office day.
fn counts_from_hours(
    t: DateTime<Utc>,
    hours: &OfficeHours,
    rules: &DispatchRules,
) -> DateTime<Utc> {
    let plain = OfficeHours {
        cutoff: None,
        ..*hours
    };
    counts_from(t, &plain, rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn rules() -> DispatchRules {
        DispatchRules::default()
    }

    fn hours() -> OfficeHours {
        OfficeHours {
            opens: NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
            closes: NaiveTime::from_hms_opt(16, 30, 0).unwrap(),
            cutoff: NaiveTime::from_hms_opt(13, 0, 0),
        }
    }

    /// Lima is UTC-5 all year.
    fn lima(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h + 5, min, 0).unwrap()
    }

    fn days(n: u32) -> Deadline {
        Deadline {
            amount: n,
            unit: Unit::Days,
        }
    }

    #[test]
    fn a_friday_submission_after_the_cut_off_counts_from_monday() {
        // Friday 2026-11-13 13:05 → Monday 16 08:30.
        let from = counts_from(lima(2026, 11, 13, 13, 5), &hours(), &rules());
        assert_eq!(from, lima(2026, 11, 16, 8, 30));
        // One working day from Monday: Tuesday at closing.
        assert_eq!(
            due(from, days(1), &hours(), &rules()),
            lima(2026, 11, 17, 16, 30)
        );
    }

    #[test]
    fn a_submission_before_the_cut_off_counts_the_same_day() {
        let t = lima(2026, 11, 13, 12, 59);
        assert_eq!(counts_from(t, &hours(), &rules()), t);
        assert_eq!(
            due(t, days(1), &hours(), &rules()),
            lima(2026, 11, 16, 16, 30)
        );
    }

    #[test]
    fn a_holiday_in_between_is_skipped() {
        // Monday 2026-12-07; 8 Dec (Inmaculada) and 9 Dec (Ayacucho) are holidays.
        let t = lima(2026, 12, 7, 10, 0);
        let d = due(t, days(1), &hours(), &rules());
        assert_eq!(d, lima(2026, 12, 10, 16, 30));
        assert_eq!(
            d.with_timezone(&rules().timezone).weekday(),
            chrono::Weekday::Thu
        );
    }

    #[test]
    fn a_decreed_non_working_day_is_skipped() {
        let mut r = rules();
        r.holidays
            .extra
            .insert(NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        let from = counts_from(lima(2026, 11, 13, 14, 0), &hours(), &r);
        assert_eq!(from, lima(2026, 11, 17, 8, 30));
    }

    #[test]
    fn working_hours_roll_over_the_night_and_the_weekend() {
        // Friday 15:30 + 4 working hours: 1 h on Friday, 3 h on Monday.
        let t = lima(2026, 11, 13, 15, 30);
        let d = due(
            t,
            Deadline {
                amount: 4,
                unit: Unit::Hours,
            },
            &hours(),
            &rules(),
        );
        assert_eq!(d, lima(2026, 11, 16, 11, 30));
    }

    #[test]
    fn a_saturday_submission_counts_from_monday_opening() {
        let from = counts_from(lima(2026, 11, 14, 9, 0), &hours(), &rules());
        assert_eq!(from, lima(2026, 11, 16, 8, 30));
    }

    #[test]
    fn early_morning_counts_from_opening_the_same_day() {
        let from = counts_from(lima(2026, 11, 12, 7, 0), &hours(), &rules());
        assert_eq!(from, lima(2026, 11, 12, 8, 30));
    }
}
