//! Gathers what the report needs from the store.

use chrono::NaiveDate;

use super::Desk;
use crate::domain::report::{self, Entry, Report};
use crate::store::StoreError;

impl Desk {
    /// The report over tickets registered (and certificates expiring)
    /// between `from` and `to`, both included; open ends take everything.
    pub fn report(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Report, StoreError> {
        let mut tickets = Vec::new();
        for t in self.store.in_arrival_order() {
            let t = t?;
            let history = self.store.history(&t.id)?;
            tickets.push((t, history));
        }
        let entries: Vec<Entry> = tickets
            .iter()
            .map(|(t, h)| Entry {
                ticket: t,
                registered_on: self.today_at(t.registered_at),
                history: h,
            })
            .collect();
        let certs = self.store.certificates()?;
        Ok(report::build(&entries, &certs, from, to))
    }
}
