//! The request list (CSV and XLSX), the payment list and the summary.

use rust_xlsxwriter::{Color, DocProperties, Format, Workbook};

use super::ExportError;
use chrono_tz::Tz;

use crate::domain::Ticket;
use crate::domain::batch::{self, Batch, RequestRow};
use crate::domain::{Applicant, PaymentReceipt};
use crate::strings;

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

fn csv_bytes(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>, ExportError> {
    // A byte-order mark makes Excel open UTF-8 (accents, ñ) correctly.
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(header)
        .map_err(|e| ExportError::Format(strings::words::csv_error(&e)))?;
    for r in rows {
        // Values typed by people (names, emails, file names) are written so
        // a spreadsheet shows them as text, never runs them.
        w.write_record(r.iter().map(|c| super::cell::safe(c).into_owned()))
            .map_err(|e| ExportError::Format(strings::words::csv_error(&e)))?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Format(strings::words::io_error(e.error())))
}

fn cells(r: &RequestRow) -> Vec<String> {
    vec![
        r.number.to_string(),
        r.ticket.clone(),
        strings::kind_label(r.kind).to_string(),
        r.motive
            .map(|m| format!("{m}) {}", strings::motive_label(r.kind, m)))
            .unwrap_or_default(),
        r.full_name.clone(),
        r.dni.clone(),
        date(r.dni_issued_on),
        r.email.clone(),
        r.photo_file.clone().unwrap_or_default(),
        r.signature_file.clone().unwrap_or_default(),
        r.payment_operation.clone().unwrap_or_default(),
        r.registered_on.format("%d/%m/%Y").to_string(),
        date(r.cert_expires_on),
    ]
}

pub fn requests_csv(rows: &[RequestRow]) -> Result<Vec<u8>, ExportError> {
    csv_bytes(
        &strings::export::REQUEST_COLUMNS,
        rows.iter().map(cells).collect(),
    )
}

pub fn requests_xlsx(rows: &[RequestRow], batch: &Batch) -> Result<Vec<u8>, ExportError> {
    // The spreadsheet writer's own errors are English: say what failed.
    let err = |e: rust_xlsxwriter::XlsxError| match e {
        rust_xlsxwriter::XlsxError::IoError(io) => {
            ExportError::Format(strings::words::io_error(&io))
        }
        _ => ExportError::Format(strings::words::xlsx_failed().into()),
    };
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(&batch.id)
            .set_creation_datetime(&batch.sealed_at),
    );
    let sheet = book.add_worksheet();
    sheet.set_name(strings::export::SHEET_NAME).map_err(err)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let day = Format::new().set_num_format("dd/mm/yyyy");
    let widths = [
        5.0, 15.0, 12.0, 38.0, 32.0, 10.0, 14.0, 34.0, 20.0, 20.0, 14.0, 12.0, 14.0,
    ];
    for (col, (title, width)) in strings::export::REQUEST_COLUMNS
        .iter()
        .zip(widths)
        .enumerate()
    {
        sheet
            .write_string_with_format(0, col as u16, *title, &header)
            .map_err(err)?;
        sheet.set_column_width(col as u16, width).map_err(err)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        let text = cells(r);
        sheet.write_number(row, 0, r.number as f64).map_err(err)?;
        for col in [1, 2, 3, 4, 5, 7, 8, 9, 10] {
            sheet
                .write_string(row, col, &text[col as usize])
                .map_err(err)?;
        }
        for (col, value) in [
            (6u16, r.dni_issued_on),
            (11, Some(r.registered_on)),
            (12, r.cert_expires_on),
        ] {
            if let Some(d) = value {
                sheet
                    .write_date_with_format(row, col, d, &day)
                    .map_err(err)?;
            }
        }
    }
    book.save_to_buffer().map_err(err)
}

/// The payments of a batch: each applicant with their receipt.
pub fn payments_csv(
    receipts: &[(&Ticket, &Applicant, PaymentReceipt)],
) -> Result<Vec<u8>, ExportError> {
    let rows = receipts
        .iter()
        .map(|(t, a, r)| {
            vec![
                r.operation.clone(),
                r.paid_on.format("%d/%m/%Y").to_string(),
                format!("{}.{:02}", r.amount_cents / 100, r.amount_cents % 100),
                r.tribute_code.clone(),
                r.ruc.clone(),
                a.dni.clone(),
                a.full_name.clone(),
                t.id.clone(),
            ]
        })
        .collect();
    csv_bytes(&strings::export::PAYMENT_COLUMNS, rows)
}

/// The batch's `resumen.txt`; `move_note` says why its day moved, if it did.
pub fn summary(
    batch: &Batch,
    tz: Tz,
    tickets: &[Ticket],
    applicants: usize,
    move_note: &str,
) -> String {
    let refs: Vec<&Ticket> = tickets.iter().collect();
    let counts = batch::counts(&refs);
    let payments = tickets
        .iter()
        .flat_map(|t| &t.applicants)
        .filter(|a| a.payment_operation.is_some())
        .count();
    strings::export::summary(
        batch,
        tz,
        &counts,
        tickets.len(),
        applicants,
        payments,
        move_note,
    )
}
