//! The weekly RENIEC dispatch calendar and the 10-days rule.
//!
//! Everything here takes "now" as an argument: no clock is read.

use std::collections::BTreeSet;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// Public holidays and decreed non-working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holidays {
    /// Fixed (month, day) holidays, every year.
    pub fixed: Vec<(u32, u32)>,
    /// Holy Thursday and Good Friday, computed from Easter.
    pub holy_week: bool,
    /// One-off dates (días no laborables decreed for the public sector).
    pub extra: BTreeSet<NaiveDate>,
}

impl Holidays {
    /// Peru's national holidays as published for 2026.
    pub fn peru() -> Holidays {
        Holidays {
            fixed: vec![
                (1, 1),
                (5, 1),
                (6, 7),
                (6, 29),
                (7, 23),
                (7, 28),
                (7, 29),
                (8, 6),
                (8, 30),
                (10, 8),
                (11, 1),
                (12, 8),
                (12, 9),
                (12, 25),
            ],
            holy_week: true,
            extra: BTreeSet::new(),
        }
    }

    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        if self.extra.contains(&date) || self.fixed.contains(&(date.month(), date.day())) {
            return true;
        }
        if self.holy_week {
            let easter = easter_sunday(date.year());
            return date == easter - Duration::days(3) || date == easter - Duration::days(2);
        }
        false
    }
}

/// Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" algorithm).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a real date")
}

/// When the weekly batch leaves, and the rule for renewals asked early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DispatchRules {
    pub weekday: Weekday,
    pub time: NaiveTime,
    pub timezone: Tz,
    pub holidays: Holidays,
    /// A renewal asked more than this many days before expiry waits.
    pub renewal_lead_days: i64,
}

impl Default for DispatchRules {
    fn default() -> Self {
        DispatchRules {
            weekday: Weekday::Fri,
            time: NaiveTime::from_hms_opt(16, 30, 0).expect("valid time"),
            timezone: chrono_tz::America::Lima,
            holidays: Holidays::peru(),
            renewal_lead_days: 10,
        }
    }
}

/// One dispatch moment of the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Dispatch {
    /// The moment (stored in UTC, shown in the desk's time zone).
    pub at: DateTime<Utc>,
    /// The day it happens, in the desk's time zone.
    pub on: NaiveDate,
    /// The nominal day (the configured weekday) of that week.
    pub nominal: NaiveDate,
}

impl Dispatch {
    /// Moved to an earlier day because the nominal one is not a working day.
    pub fn moved(&self) -> bool {
        self.on != self.nominal
    }
}

/// Why a ticket got its dispatch moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum DispatchReason {
    /// The next dispatch after scheduling.
    Next,
    /// The 10-days rule: held until the dispatch on or before this date.
    RenewalHeld {
        expires_on: NaiveDate,
        latest_on: NaiveDate,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispatchDecision {
    pub dispatch: Dispatch,
    pub reason: DispatchReason,
}

impl DispatchRules {
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.holidays.is_holiday(date)
    }

    /// The dispatch of the week whose nominal day is `nominal`.
    pub fn dispatch_of_week(&self, nominal: NaiveDate) -> Dispatch {
        // A holiday on the nominal day moves the dispatch to the last working
        // day before it, never past the previous nominal day.
        let mut day = nominal;
        for back in 0..7 {
            let candidate = nominal - Duration::days(back);
            if self.is_working_day(candidate) {
                day = candidate;
                break;
            }
        }
        Dispatch {
            at: self.local_moment(day).with_timezone(&Utc),
            on: day,
            nominal,
        }
    }

    /// A stored moment in the desk's time zone, for display.
    pub fn local(&self, at: DateTime<Utc>) -> DateTime<Tz> {
        at.with_timezone(&self.timezone)
    }

    fn local_moment(&self, day: NaiveDate) -> DateTime<Tz> {
        let naive = day.and_time(self.time);
        // Lima has no daylight saving; for zones that do, a skipped local time
        // resolves to the first valid instant after it.
        self.timezone
            .from_local_datetime(&naive)
            .earliest()
            .unwrap_or_else(|| self.timezone.from_utc_datetime(&naive))
    }

    /// The nominal day on or after `date`.
    fn nominal_on_or_after(&self, date: NaiveDate) -> NaiveDate {
        let ahead = (7 + self.weekday.num_days_from_monday() as i64
            - date.weekday().num_days_from_monday() as i64)
            % 7;
        date + Duration::days(ahead)
    }

    /// The first dispatch at or after `now` (16:30:00 exactly is still in).
    pub fn next_dispatch(&self, now: DateTime<Utc>) -> Dispatch {
        let today = now.with_timezone(&self.timezone).date_naive();
        let mut nominal = self.nominal_on_or_after(today);
        loop {
            let dispatch = self.dispatch_of_week(nominal);
            if dispatch.at >= now {
                return dispatch;
            }
            nominal += Duration::days(7);
        }
    }

    /// The next `count` dispatches from `now`.
    pub fn upcoming(&self, now: DateTime<Utc>, count: usize) -> Vec<Dispatch> {
        let first = self.next_dispatch(now);
        (0..count)
            .map(|i| self.dispatch_of_week(first.nominal + Duration::days(7 * i as i64)))
            .collect()
    }

    /// The latest dispatch whose date is on or before `date`.
    fn latest_on_or_before(&self, date: NaiveDate) -> Dispatch {
        let mut nominal = self.nominal_on_or_after(date);
        loop {
            let dispatch = self.dispatch_of_week(nominal);
            if dispatch.on <= date {
                return dispatch;
            }
            nominal -= Duration::days(7);
        }
    }

    /// The dispatch for a ticket registered at `registered_at`, scheduled at
    /// `scheduled_at`, about a certificate expiring on `expires_on` (if known).
    pub fn dispatch_for(
        &self,
        registered_at: DateTime<Utc>,
        scheduled_at: DateTime<Utc>,
        expires_on: Option<NaiveDate>,
    ) -> DispatchDecision {
        let next = self.next_dispatch(scheduled_at);
        let registered_on = registered_at.with_timezone(&self.timezone).date_naive();
        if let Some(expires_on) = expires_on
            && (expires_on - registered_on).num_days() > self.renewal_lead_days
        {
            let latest_on = expires_on - Duration::days(self.renewal_lead_days);
            let held = self.latest_on_or_before(latest_on);
            if held > next {
                return DispatchDecision {
                    dispatch: held,
                    reason: DispatchReason::RenewalHeld {
                        expires_on,
                        latest_on,
                    },
                };
            }
        }
        DispatchDecision {
            dispatch: next,
            reason: DispatchReason::Next,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn easter_dates_are_right() {
        assert_eq!(easter_sunday(2024), d("2024-03-31"));
        assert_eq!(easter_sunday(2025), d("2025-04-20"));
        assert_eq!(easter_sunday(2026), d("2026-04-05"));
        assert_eq!(easter_sunday(2027), d("2027-03-28"));
        assert_eq!(easter_sunday(2038), d("2038-04-25"));
    }

    #[test]
    fn peru_2026_has_sixteen_holidays() {
        let h = Holidays::peru();
        let mut day = d("2026-01-01");
        let mut count = 0;
        while day.year() == 2026 {
            count += h.is_holiday(day) as u32;
            day += Duration::days(1);
        }
        assert_eq!(count, 16);
        assert!(h.is_holiday(d("2026-04-02")), "Holy Thursday");
        assert!(h.is_holiday(d("2026-04-03")), "Good Friday");
    }

    #[test]
    fn holy_week_moves_the_dispatch_to_wednesday() {
        let r = DispatchRules::default();
        let dispatch = r.next_dispatch(t("2026-03-30T09:00:00-05:00"));
        assert_eq!(dispatch.on, d("2026-04-01"));
        assert_eq!(dispatch.nominal, d("2026-04-03"));
        assert!(dispatch.moved());
    }

    #[test]
    fn christmas_friday_moves_to_thursday_and_extra_days_move_it_further() {
        let mut r = DispatchRules::default();
        let now = t("2026-12-21T09:00:00-05:00");
        assert_eq!(r.next_dispatch(now).on, d("2026-12-24"));
        r.holidays.extra.insert(d("2026-12-24"));
        assert_eq!(r.next_dispatch(now).on, d("2026-12-23"));
    }

    #[test]
    fn the_cut_off_second_is_inclusive() {
        let r = DispatchRules::default();
        let at = |s| r.next_dispatch(t(s)).on;
        assert_eq!(at("2026-11-27T16:30:00-05:00"), d("2026-11-27"));
        assert_eq!(at("2026-11-27T16:30:00.001-05:00"), d("2026-12-04"));
        assert_eq!(at("2026-11-27T16:30:01-05:00"), d("2026-12-04"));
    }

    #[test]
    fn weekday_time_and_lead_days_are_configuration() {
        let r = DispatchRules {
            weekday: Weekday::Tue,
            time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            renewal_lead_days: 3,
            ..DispatchRules::default()
        };
        let now = t("2026-11-23T09:00:00-05:00");
        let next = r.next_dispatch(now);
        assert_eq!(r.local(next.at).to_rfc3339(), "2026-11-24T10:00:00-05:00");
        // Expires 2026-12-05: more than 3 days away, so held to the Tuesday on
        // or before 2026-12-02, which is 2026-12-01.
        let held = r.dispatch_for(now, now, Some(d("2026-12-05")));
        assert_eq!(held.dispatch.on, d("2026-12-01"));
        assert!(matches!(held.reason, DispatchReason::RenewalHeld { .. }));
    }

    #[test]
    fn renewal_rule_never_sends_earlier_than_the_next_dispatch() {
        let r = DispatchRules::default();
        let now = t("2026-11-23T09:00:00-05:00");
        let decision = r.dispatch_for(now, now, Some(d("2026-12-05")));
        assert_eq!(decision.dispatch.on, d("2026-11-27"));
        assert_eq!(decision.reason, DispatchReason::Next);
    }

    #[test]
    fn renewal_is_measured_from_registration_not_from_scheduling() {
        let r = DispatchRules::default();
        // Registered with 11 days to go; scheduled later the same week.
        let registered = t("2026-11-23T09:00:00-05:00");
        let scheduled = t("2026-11-26T09:00:00-05:00");
        let decision = r.dispatch_for(registered, scheduled, Some(d("2026-12-18")));
        assert_eq!(decision.dispatch.on, d("2026-12-04"));
    }

    #[test]
    fn upcoming_lists_consecutive_weeks_with_moves() {
        let r = DispatchRules::default();
        let days: Vec<String> = r
            .upcoming(t("2026-12-14T09:00:00-05:00"), 4)
            .iter()
            .map(|x| x.on.to_string())
            .collect();
        assert_eq!(
            days,
            ["2026-12-18", "2026-12-24", "2026-12-31", "2027-01-08"]
        );
    }
}
