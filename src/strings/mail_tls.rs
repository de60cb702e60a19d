//! SMTP over TLS: the desk's own certificate authority.

use std::path::Path;

pub fn ca_unreadable(path: &Path, e: &std::io::Error) -> String {
    format!(
        "mail.smtp.ca_file: no se pudo leer {}: {}",
        path.display(),
        super::words::io_error(e)
    )
}
pub fn ca_not_pem(path: &Path) -> String {
    format!(
        "mail.smtp.ca_file: {} no contiene ningún certificado PEM (-----BEGIN CERTIFICATE-----)",
        path.display()
    )
}
pub fn ca_invalid(path: &Path, why: &str) -> String {
    format!(
        "mail.smtp.ca_file: {} no es un certificado válido: {why}",
        path.display()
    )
}
