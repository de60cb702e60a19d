//! Texts of the demo data.

/// A server's permanent refusal of a demo message.
pub fn unknown_mailbox(to: &str) -> String {
    format!("550 5.1.1 <{to}>: buzón inexistente (usuario desconocido)")
}
