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
        self.day_off(date).is_some()
    }

    /// Why `date` is not worked (weekends aside): a public holiday, or a
    /// día no laborable decreed for the public sector (the `extra` list).
    /// A date that is both is a holiday.
    pub fn day_off(&self, date: NaiveDate) -> Option<DayOff> {
        if self.fixed.contains(&(date.month(), date.day())) {
            return Some(DayOff::Holiday);
        }
        if self.holy_week {
            let easter = easter_sunday(date.year());
            if date == easter - Duration::days(3) || date == easter - Duration::days(2) {
                return Some(DayOff::Holiday);
            }
        }
        if self.extra.contains(&date) {
            return Some(DayOff::NonWorking);
        }
        None
    }
}

/// Why a day is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff {
    /// A public holiday (feriado).
    Holiday,
    /// A día no laborable decreed for the public sector.
    NonWorking,
}

/// What moved a week's dispatch off its nominal day, for the note shown
/// beside it («adelantado por feriado / por día no laborable»).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoveNote {
    /// The nominal day it would have been.
    pub from: NaiveDate,
    /// Why that day is not worked (`None`: a weekend as nominal day).
    pub cause: Option<DayOff>,
    /// Later weeks with no working day at all whose dispatch is this one
    /// (their nominal days): they are sent together with this week.
    pub absorbs: Vec<NaiveDate>,
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
        /// Where the expiry came from (older records: the request).
        #[serde(default)]
        source: ExpirySource,
    },
}

/// Where a known expiry date came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpirySource {
    /// The ticket's own data (the CSV row, the form, a correction).
    #[default]
    Request,
    /// The certificate registry: the installed certificate of that DNI.
    Registry,
}

/// An expiry date and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownExpiry {
    pub on: NaiveDate,
    pub source: ExpirySource,
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
    ///
    /// A non-working nominal day moves the dispatch to the last working day
    /// before it. When the whole week has no working day, that day is the
    /// previous week's dispatch day: the two weeks share one dispatch (the
    /// previous week's, returned as is, so it is one moment and one batch),
    /// and [`DispatchRules::move_note`] names the week it absorbs.
    pub fn dispatch_of_week(&self, nominal: NaiveDate) -> Dispatch {
        let mut week = nominal;
        // Bounded: a calendar with no working day in a year keeps the
        // nominal day rather than searching forever.
        for _ in 0..53 {
            let day = (0..7)
                .map(|back| week - Duration::days(back))
                .find(|d| self.is_working_day(*d));
            if let Some(day) = day {
                return Dispatch {
                    at: self.local_moment(day).with_timezone(&Utc),
                    on: day,
                    nominal: week,
                };
            }
            week -= Duration::days(7);
        }
        Dispatch {
            at: self.local_moment(nominal).with_timezone(&Utc),
            on: nominal,
            nominal,
        }
    }

    /// The same week's dispatch under this calendar (a holiday or día no
    /// laborable added after a ticket was scheduled moves it).
    pub fn rederive(&self, stored: Dispatch) -> Dispatch {
        self.dispatch_of_week(stored.nominal)
    }

    /// Why this dispatch is not on its nominal day, and which following
    /// weeks (with no working day) it also serves; `None` when neither.
    pub fn move_note(&self, dispatch: &Dispatch) -> Option<MoveNote> {
        let mut absorbs = Vec::new();
        let mut week = dispatch.nominal + Duration::days(7);
        while absorbs.len() < 52 && self.dispatch_of_week(week).at == dispatch.at {
            absorbs.push(week);
            week += Duration::days(7);
        }
        if !dispatch.moved() && absorbs.is_empty() {
            return None;
        }
        Some(MoveNote {
            from: dispatch.nominal,
            cause: if dispatch.moved() {
                self.holidays.day_off(dispatch.nominal)
            } else {
                None
            },
            absorbs,
        })
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
        let mut out: Vec<Dispatch> = vec![first];
        let mut week = first.nominal;
        // Weeks without a working day share the previous dispatch: listed once.
        for _ in 0..count.saturating_mul(53) {
            if out.len() >= count {
                break;
            }
            week += Duration::days(7);
            let d = self.dispatch_of_week(week);
            if out.last().is_none_or(|last| last.at != d.at) {
                out.push(d);
            }
        }
        out.truncate(count);
        out
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
        let known = expires_on.map(|on| KnownExpiry {
            on,
            source: ExpirySource::Request,
        });
        self.dispatch_known(registered_at, scheduled_at, known)
    }

    /// [`DispatchRules::dispatch_for`] with an expiry whose source is known.
    pub fn dispatch_known(
        &self,
        registered_at: DateTime<Utc>,
        scheduled_at: DateTime<Utc>,
        known: Option<KnownExpiry>,
    ) -> DispatchDecision {
        let expires_on = known.map(|k| k.on);
        let source = known.map(|k| k.source).unwrap_or_default();
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
                        source,
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

    /// A working week of días no laborables: its Friday and every day
    /// before it down to the previous Friday are off.
    fn dead_week(r: &mut DispatchRules) {
        for day in [
            "2026-11-09",
            "2026-11-10",
            "2026-11-11",
            "2026-11-12",
            "2026-11-13",
        ] {
            r.holidays.extra.insert(d(day));
        }
    }

    #[test]
    fn a_week_without_working_days_shares_the_previous_dispatch_and_says_so() {
        let mut r = DispatchRules::default();
        dead_week(&mut r);
        let week = r.dispatch_of_week(d("2026-11-13"));
        let previous = r.dispatch_of_week(d("2026-11-06"));
        // Never left on the non-working Friday: the last working day before.
        assert_ne!(week.on, d("2026-11-13"));
        assert!(r.is_working_day(week.on));
        assert_eq!(week, previous, "one moment, one batch");
        let note = r.move_note(&previous).expect("the merge is said");
        assert_eq!(note.absorbs, vec![d("2026-11-13")]);
        // Listed once, not twice.
        let days: Vec<NaiveDate> = r
            .upcoming(t("2026-11-02T09:00:00-05:00"), 3)
            .iter()
            .map(|x| x.on)
            .collect();
        assert_eq!(days, [d("2026-11-06"), d("2026-11-20"), d("2026-11-27")]);
        // Scheduled during the dead week: the following week's dispatch.
        assert_eq!(
            r.next_dispatch(t("2026-11-10T09:00:00-05:00")).on,
            d("2026-11-20")
        );
    }

    #[test]
    fn every_nominal_day_gets_a_working_dispatch_day_whatever_the_calendar() {
        // Property over many calendars: a dispatch never falls on a day off,
        // is never after its nominal day, and is on the last working day
        // on or before it.
        let mut seed: u64 = 7;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            seed >> 33
        };
        for _ in 0..200 {
            let mut r = DispatchRules::default();
            for _ in 0..(next() % 20) {
                r.holidays
                    .extra
                    .insert(d("2026-10-01") + Duration::days((next() % 120) as i64));
            }
            let mut nominal = d("2026-10-02");
            while nominal < d("2027-01-30") {
                let dispatch = r.dispatch_of_week(nominal);
                assert!(r.is_working_day(dispatch.on), "{nominal}: {dispatch:?}");
                assert!(dispatch.on <= nominal);
                let mut day = nominal;
                while !r.is_working_day(day) {
                    day -= Duration::days(1);
                }
                assert_eq!(dispatch.on, day, "{nominal}");
                nominal += Duration::days(7);
            }
        }
    }

    #[test]
    fn the_move_note_tells_a_holiday_from_a_dia_no_laborable() {
        let mut r = DispatchRules::default();
        let christmas = r.dispatch_of_week(d("2026-12-25"));
        assert_eq!(
            r.move_note(&christmas).unwrap().cause,
            Some(DayOff::Holiday)
        );
        r.holidays.extra.insert(d("2026-11-27"));
        let decreed = r.dispatch_of_week(d("2026-11-27"));
        assert_eq!(decreed.on, d("2026-11-26"));
        assert_eq!(
            r.move_note(&decreed).unwrap().cause,
            Some(DayOff::NonWorking)
        );
        assert!(r.move_note(&r.dispatch_of_week(d("2026-11-20"))).is_none());
    }
}
