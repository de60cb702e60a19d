//! TLS to the shared database by rustls (no OpenSSL), with libpq's
//! `sslmode` meanings:
//!
//! - `disable`: never;
//! - `allow`, `prefer` (the default): when the server offers it, without
//!   checking its certificate;
//! - `require`: always, without checking the certificate, unless a root
//!   certificate file exists (then as `verify-ca`, as libpq does);
//! - `verify-ca`, `verify-full`: always, the certificate checked against
//!   `PGSSLROOTCERT` or `~/.postgresql/root.crt` (else the usual public
//!   roots), and its name against the host (both modes check the name:
//!   stricter than libpq's `verify-ca`).
//!
//! Without a check, the connection is encrypted but a server in the middle
//! could pose as the database: `verify-full` is what a desk on a network it
//! does not control should use (docs/team.md).

use std::path::PathBuf;
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use tokio_postgres::config::SslMode;

/// An `sslmode` as libpq names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Disable,
    Prefer,
    Require,
    Verify,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        Some(match s {
            "disable" => Mode::Disable,
            "allow" | "prefer" => Mode::Prefer,
            "require" => Mode::Require,
            "verify-ca" | "verify-full" => Mode::Verify,
            _ => return None,
        })
    }

    /// What tokio-postgres is told, and whether the certificate is checked.
    pub fn settle(self) -> (SslMode, bool) {
        match self {
            Mode::Disable => (SslMode::Disable, false),
            Mode::Prefer => (SslMode::Prefer, false),
            Mode::Require => (SslMode::Require, root_file().is_some()),
            Mode::Verify => (SslMode::Require, true),
        }
    }
}

/// The root certificate file libpq would read, when it exists.
fn root_file() -> Option<PathBuf> {
    std::env::var_os("PGSSLROOTCERT")
        .map(PathBuf::from)
        .or_else(|| directories::BaseDirs::new().map(|b| b.home_dir().join(".postgresql/root.crt")))
        .filter(|p| p.is_file())
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

pub fn connector(verify: bool) -> tokio_postgres_rustls::MakeRustlsConnect {
    let builder = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .expect("ring supports the default protocol versions");
    let config = if verify {
        let mut roots = rustls::RootCertStore::empty();
        match root_file().and_then(|p| std::fs::read(p).ok()) {
            Some(pem) => {
                use rustls::pki_types::pem::PemObject;
                for cert in CertificateDer::pem_slice_iter(&pem).flatten() {
                    let _ = roots.add(cert);
                }
            }
            None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
        }
        builder.with_root_certificates(roots).with_no_client_auth()
    } else {
        builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Unchecked(
                provider().signature_verification_algorithms,
            )))
            .with_no_client_auth()
    };
    tokio_postgres_rustls::MakeRustlsConnect::new(config)
}

/// Encrypts without checking who the server is (libpq's `prefer` and
/// `require`); the handshake's signatures are still checked.
#[derive(Debug)]
struct Unchecked(WebPkiSupportedAlgorithms);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.0)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.0)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_schemes()
    }
}

/// Takes `sslmode=…` out of an address (tokio-postgres knows only three
/// of libpq's six values); the rest of the address and the mode.
pub fn split_mode(address: &str) -> Result<(String, Option<Mode>), String> {
    let Some((base, query)) = address.split_once('?') else {
        return Ok((address.to_string(), None));
    };
    let mut mode = None;
    let mut rest = Vec::new();
    for pair in query.split('&') {
        match pair.split_once('=') {
            Some(("sslmode", v)) => {
                mode = Some(Mode::parse(v).ok_or_else(|| crate::strings::shared::bad_sslmode(v))?);
            }
            _ => rest.push(pair),
        }
    }
    let address = if rest.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok((address, mode))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sslmode_is_taken_out_of_the_address_with_libpq_s_values() {
        let (a, m) = split_mode("postgres://u@h/db?sslmode=verify-full&connect_timeout=3").unwrap();
        assert_eq!(
            (a.as_str(), m),
            ("postgres://u@h/db?connect_timeout=3", Some(Mode::Verify))
        );
        let (a, m) = split_mode("postgres://u@h/db").unwrap();
        assert_eq!((a.as_str(), m), ("postgres://u@h/db", None));
        assert_eq!(
            split_mode("postgres://h/d?sslmode=allow").unwrap().1,
            Some(Mode::Prefer)
        );
        assert!(
            split_mode("postgres://h/d?sslmode=siempre")
                .unwrap_err()
                .contains("siempre")
        );
    }
}
