//! The figures of `mesa report` and the reports screen, computed purely
//! from tickets, their histories and the registry.
//!
//! - Tickets count in the range by their registration day (desk time zone),
//!   per week (Monday), kind, motive and current status.
//! - Days are calendar days between the registration day and: the day of the
//!   dispatch that took the ticket to RENIEC (tickets actually sent), RENIEC's
//!   approval date, and the day its certificate was installed.
//! - Certificates expiring per month: every certificate with a known expiry
//!   in the range that is not cancelled.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use super::certificate::Certificate;
use super::{HistoryEntry, Kind, Move, Status, Ticket};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekRow {
    /// The Monday of the week.
    pub week: NaiveDate,
    pub kind: Kind,
    pub motive: Option<char>,
    pub status: Status,
    pub count: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Median {
    /// `None` when nothing was measured.
    pub days: Option<f64>,
    /// How many tickets or certificates were measured.
    pub n: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonthRow {
    /// `2027-01`.
    pub month: String,
    pub count: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub tickets_per_week: Vec<WeekRow>,
    pub to_dispatch: Median,
    pub to_approval: Median,
    pub to_installation: Median,
    pub expiring_per_month: Vec<MonthRow>,
}

pub fn median(mut values: Vec<i64>) -> Median {
    values.sort_unstable();
    let n = values.len();
    let days = match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    };
    Median { days, n }
}

pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

/// One ticket as the report needs it: its registration day in the desk's
/// time zone and its history.
pub struct Entry<'a> {
    pub ticket: &'a Ticket,
    pub registered_on: NaiveDate,
    pub history: &'a [HistoryEntry],
}

pub fn build(
    entries: &[Entry],
    certs: &[Certificate],
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Report {
    let inside = |d: NaiveDate| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t);
    let mut weeks: BTreeMap<(NaiveDate, Kind, Option<char>, Status), usize> = BTreeMap::new();
    let (mut dispatch, mut approval, mut installation) = (Vec::new(), Vec::new(), Vec::new());
    let mut registered: BTreeMap<&str, NaiveDate> = BTreeMap::new();
    for e in entries.iter().filter(|e| inside(e.registered_on)) {
        let t = e.ticket;
        registered.insert(&t.id, e.registered_on);
        *weeks
            .entry((monday_of(e.registered_on), t.kind, t.motive, t.status))
            .or_default() += 1;
        let sent = e.history.iter().any(|h| h.action == Some(Move::Send));
        if sent && let Some(d) = t.dispatch {
            dispatch.push((d.dispatch.on - e.registered_on).num_days());
        }
        if let Some(on) = t.approved_on {
            approval.push((on - e.registered_on).num_days());
        }
    }
    let mut months: BTreeMap<String, usize> = BTreeMap::new();
    for c in certs {
        if let (Some(installed), Some(reg)) = (c.installed_on, registered.get(c.origin.as_str())) {
            installation.push((installed - *reg).num_days());
        }
        if let Some(e) = c.expires_on
            && c.cancelled.is_none()
            && inside(e)
        {
            *months.entry(e.format("%Y-%m").to_string()).or_default() += 1;
        }
    }
    Report {
        from,
        to,
        tickets_per_week: weeks
            .into_iter()
            .map(|((week, kind, motive, status), count)| WeekRow {
                week,
                kind,
                motive,
                status,
                count,
            })
            .collect(),
        to_dispatch: median(dispatch),
        to_approval: median(approval),
        to_installation: median(installation),
        expiring_per_month: months
            .into_iter()
            .map(|(month, count)| MonthRow { month, count })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_of_odd_even_and_empty_sets() {
        assert_eq!(median(vec![9, 1, 4]).days, Some(4.0));
        assert_eq!(median(vec![7, 1, 4, 10]).days, Some(5.5));
        assert_eq!(median(vec![]), Median { days: None, n: 0 });
    }

    #[test]
    fn weeks_start_on_monday() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(monday_of(d("2026-11-22")), d("2026-11-16"), "a Sunday");
        assert_eq!(monday_of(d("2026-11-23")), d("2026-11-23"));
    }
}
