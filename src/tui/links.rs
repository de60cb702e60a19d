//! From a registry screen to the ticket behind the chosen item: the mail's
//! ticket, the certificate's latest ticket, a person's latest ticket. The
//! store says whether that ticket is still there (a purge may have taken
//! it since the list was read); the ticket screen then opens over the
//! registry screen, whose state (tab, cursor, search, card) stays as it
//! was, so `Esc` comes back to the same item.

use super::app::{App, Effect, Screen};
use super::screens::{self, ScreenEffect};
use crate::desk::Desk;
use crate::desk::registry::CertRow;
use crate::domain::ticket::arrival_order;
use crate::strings::links as s;
use crate::strings::screens as ss;

/// What the chosen item leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// A ticket named by the item (a mail's, a certificate's).
    Ticket(String),
    /// A person's latest ticket, by DNI.
    Person(String),
}

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
    let link = match app.screen {
        Screen::Outbox => match app.screens.outbox.current() {
            None => Err(ss::no_message().to_string()),
            Some(e) if e.ticket.trim().is_empty() => Err(s::mail_without_ticket().to_string()),
            Some(e) => Ok(Link::Ticket(e.ticket.trim().to_string())),
        },
        Screen::Certs => match app.screens.certs.current() {
            None => Err(ss::no_cert().to_string()),
            Some(row) => Ok(Link::Ticket(cert_ticket(row).to_string())),
        },
        Screen::People => {
            let p = &app.screens.people;
            let chosen = match &p.card {
                Some(card) => Some(card.dni.clone()),
                None => p.current().map(|person| person.dni.clone()),
            };
            chosen
                .map(Link::Person)
                .ok_or_else(|| ss::no_person().to_string())
        }
        _ => return Vec::new(),
    };
    match link {
        Ok(link) => screens::work(
            app,
            ScreenEffect::FindTicket {
                from: app.screen,
                link,
            },
        ),
        Err(why) => {
            screens::error(app, why);
            Vec::new()
        }
    }
}

/// The store's answer: the ticket to open, or why there is none.
pub fn found(
    app: &mut App,
    from: Screen,
    link: Link,
    result: Result<Option<String>, String>,
) -> Vec<Effect> {
    screens::done(app);
    // The analyst may have moved on meanwhile: nothing opens then.
    if app.screen != from {
        return Vec::new();
    }
    match (result, link) {
        (Ok(Some(id)), _) => super::app::open_ticket(app, id),
        (Ok(None), Link::Ticket(id)) => {
            screens::error(app, s::ticket_gone(&id));
            Vec::new()
        }
        (Ok(None), Link::Person(dni)) => {
            let name = app
                .screens
                .people
                .person(&dni)
                .map(|p| p.full_name.clone())
                .unwrap_or_default();
            screens::error(app, s::person_without_ticket(&name, &dni));
            Vec::new()
        }
        (Err(e), _) => {
            screens::error(app, e);
            Vec::new()
        }
    }
}

/// Looks the link up in the store: the ticket if it is still there; the
/// latest ticket (arrival order) with the DNI among its applicants.
pub fn find(desk: &Desk, link: &Link) -> Result<Option<String>, String> {
    match link {
        Link::Ticket(id) => Ok(desk
            .store
            .ticket(id)
            .map_err(|e| e.to_string())?
            .map(|t| t.id)),
        Link::Person(dni) => {
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
    }
}
