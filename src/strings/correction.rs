//! Correcting a ticket: the CLI's `mesa correct`, the console's edit form, the email.
