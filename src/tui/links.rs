//! From a registry screen to the ticket behind the chosen item: the mail's
//! ticket, the certificate's latest ticket, a person's latest ticket. The
//! ticket screen opens over the registry screen, whose state (tab, cursor,
//! search, card) stays as it was, so `Esc` comes back to the same item.

use super::app::{App, Effect, Screen};
use super::screens::{self, ScreenEffect};
use crate::desk::Desk;
use crate::desk::registry::CertRow;
use crate::domain::ticket::arrival_order;
use crate::strings::links as s;
use crate::strings::screens as ss;

/// The ticket a certificate's row leads to: the latest about it, that is
/// its renewal when one is alive (what the analyst works next), else the
/// last ticket that moved it (its installation or cancellation, else the
/// approval that created it).
pub fn cert_ticket(row: &CertRow) -> &str {
    row.renewal
        .as_ref()
        .map(|t| t.id.as_str())
        .or(row.cert.tickets.last().map(String::as_str))
        .unwrap_or(&row.cert.origin)
}

/// The link key on the registry screen on view.
pub fn open(app: &mut App) -> Vec<Effect> {
    match app.screen {
        Screen::Outbox => {
            let Some(e) = app.screens.outbox.current() else {
                screens::error(app, ss::no_message());
                return Vec::new();
            };
            let id = e.ticket.trim().to_string();
            if id.is_empty() {
                screens::error(app, s::mail_without_ticket());
                return Vec::new();
            }
            open_known(app, id)
        }
        Screen::Certs => {
            let Some(row) = app.screens.certs.current() else {
                screens::error(app, ss::no_cert());
                return Vec::new();
            };
            let id = cert_ticket(row).to_string();
            open_known(app, id)
        }
        Screen::People => person(app),
        _ => Vec::new(),
    }
}

/// A person's latest ticket: from their card when it is loaded, else
/// looked up in the store (every applicant's DNI is indexed there, not
/// only the first one the queue shows).
fn person(app: &mut App) -> Vec<Effect> {
    let p = &app.screens.people;
    let dni = match &p.card {
        Some(card) => card.dni.clone(),
        None => match p.current() {
            Some(person) => person.dni.clone(),
            None => {
                screens::error(app, ss::no_person());
                return Vec::new();
            }
        },
    };
    let from_card = p
        .card
        .as_ref()
        .and_then(|c| c.details.as_ref())
        .map(|d| d.tickets.iter().max_by(|a, b| arrival_order(a, b)));
    match from_card {
        Some(Some(t)) => {
            let id = t.id.clone();
            open_known(app, id)
        }
        Some(None) => {
            no_ticket(app, &dni);
            Vec::new()
        }
        None => screens::work(app, ScreenEffect::PersonTicket(dni)),
    }
}

fn no_ticket(app: &mut App, dni: &str) {
    let name = app
        .screens
        .people
        .person(dni)
        .map(|p| p.full_name.clone())
        .unwrap_or_default();
    screens::error(app, s::person_without_ticket(&name, dni));
}

/// Opens a ticket the queue knows; one it does not know (purged, say) is
/// said so. While the queue is still being read, it cannot tell: the
/// ticket screen then says what it finds.
fn open_known(app: &mut App, id: String) -> Vec<Effect> {
    if app.queue.get(&id).is_none() && !app.queue.is_partial() && !app.loading {
        screens::error(app, s::ticket_gone(&id));
        return Vec::new();
    }
    super::app::open_ticket(app, id)
}

/// The person's latest ticket came back from the store.
pub fn person_ticket(
    app: &mut App,
    dni: String,
    result: Result<Option<String>, String>,
) -> Vec<Effect> {
    screens::done(app);
    // The analyst may have moved on meanwhile: only the same person opens.
    let still = app.screen == Screen::People
        && app.screens.people.form.is_none()
        && match &app.screens.people.card {
            Some(card) => card.dni == dni,
            None => app.screens.people.current().is_some_and(|p| p.dni == dni),
        };
    match result {
        Ok(Some(id)) if still => open_known(app, id),
        Ok(Some(_)) => Vec::new(),
        Ok(None) => {
            no_ticket(app, &dni);
            Vec::new()
        }
        Err(e) => {
            screens::error(app, e);
            Vec::new()
        }
    }
}

/// The latest ticket (arrival order) with this DNI among its applicants.
pub fn latest_of(desk: &Desk, dni: &str) -> Result<Option<String>, String> {
    let tickets: Vec<crate::domain::Ticket> = desk
        .store
        .with_dni(dni)
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    Ok(tickets
        .iter()
        .max_by(|a, b| arrival_order(a, b))
        .map(|t| t.id.clone()))
}
