//! The certificate's own life, kept apart from the tickets that move it.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Medium {
    Pc,
    Token,
    SmartCard,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    Grc,
    Own,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CertStatus {
    PorDescargar,
    Instalado,
    Vencido,
    CaducadoDescarga,
    Cancelado,
}

/// RENIEC's download window: calendar days from approval.
pub const DOWNLOAD_WINDOW_DAYS: i64 = 30;

pub fn download_until(approved_on: NaiveDate) -> NaiveDate {
    approved_on + Duration::days(DOWNLOAD_WINDOW_DAYS)
}

/// The status a certificate has on `today`, from its dates.
pub fn status_on(
    approved_on: NaiveDate,
    installed: bool,
    cancelled: bool,
    expires_on: Option<NaiveDate>,
    today: NaiveDate,
) -> CertStatus {
    if cancelled {
        CertStatus::Cancelado
    } else if expires_on.is_some_and(|e| e < today) {
        CertStatus::Vencido
    } else if installed {
        CertStatus::Instalado
    } else if today > download_until(approved_on) {
        CertStatus::CaducadoDescarga
    } else {
        CertStatus::PorDescargar
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_download_window_is_thirty_calendar_days() {
        assert_eq!(download_until(d("2026-11-27")), d("2026-12-27"));
        let approved = d("2026-11-27");
        assert_eq!(
            status_on(approved, false, false, None, d("2026-12-27")),
            CertStatus::PorDescargar
        );
        assert_eq!(
            status_on(approved, false, false, None, d("2026-12-28")),
            CertStatus::CaducadoDescarga
        );
        assert_eq!(
            status_on(approved, true, false, None, d("2026-12-28")),
            CertStatus::Instalado
        );
    }

    #[test]
    fn cancellation_and_expiry_win_over_installation() {
        let approved = d("2024-01-10");
        assert_eq!(
            status_on(
                approved,
                true,
                false,
                Some(d("2026-01-10")),
                d("2026-11-23")
            ),
            CertStatus::Vencido
        );
        assert_eq!(
            status_on(approved, true, true, None, d("2026-11-23")),
            CertStatus::Cancelado
        );
    }
}
