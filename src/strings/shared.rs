//! The shared store (PostgreSQL): connecting, its errors, copying a desk.

use tokio_postgres::error::SqlState;

/// The shared database could not be reached or refused a change.
pub fn unavailable(target: &str, detail: &str) -> String {
    format!("Base de datos compartida {target}: {detail}")
}

pub fn bad_address(address: &str) -> String {
    // The address may carry a password: only its scheme is repeated.
    let scheme = address.split("://").next().unwrap_or("");
    format!(
        "La dirección de la base de datos compartida ({scheme}://…) no es válida: \
         se espera postgres://usuario@servidor:puerto/base"
    )
}

pub fn bad_port(port: &str) -> String {
    format!("PGPORT debe ser un número de puerto (1–65535), no «{port}»")
}

pub fn pool_build(detail: &str) -> String {
    format!("no se pudo preparar las conexiones ({detail})")
}

pub fn schema_newer(found: i32, known: i32) -> String {
    format!(
        "la base de datos tiene la versión de esquema {found} y este mesa conoce hasta la {known}: \
         actualice mesa en este equipo"
    )
}

/// A connection pool's failure, in the user's words.
pub fn pool_error(e: &deadpool_postgres::PoolError) -> String {
    match e {
        deadpool_postgres::PoolError::Backend(e) => pg_error(e),
        deadpool_postgres::PoolError::Timeout(_) => "la base de datos no respondió a tiempo".into(),
        _ => "no se pudo obtener una conexión con la base de datos".into(),
    }
}

/// A PostgreSQL error in the user's words: the server's own message may be
/// English, so it is named by its SQLSTATE code instead.
pub fn pg_error(e: &tokio_postgres::Error) -> String {
    if let Some(code) = e.code() {
        let what = match code {
            c if *c == SqlState::INVALID_PASSWORD => {
                "usuario o contraseña no aceptados por el servidor (revise PGUSER, PGPASSWORD o ~/.pgpass)"
            }
            c if *c == SqlState::INVALID_AUTHORIZATION_SPECIFICATION => {
                "el servidor no admite esta conexión (usuario, contraseña, TLS o sus reglas de acceso en pg_hba.conf)"
            }
            c if *c == SqlState::INVALID_CATALOG_NAME => {
                "la base de datos no existe (créela con createdb)"
            }
            c if *c == SqlState::INSUFFICIENT_PRIVILEGE => {
                "el usuario no tiene permiso para esta operación"
            }
            c if *c == SqlState::DISK_FULL => "el servidor no tiene espacio en disco",
            c if *c == SqlState::LOCK_NOT_AVAILABLE => {
                "otro cambio ocupa la base de datos y no termina; nada se guardó, inténtelo de nuevo"
            }
            c if *c == SqlState::IDLE_IN_TRANSACTION_SESSION_TIMEOUT => {
                "el servidor cerró un cambio que quedó a medias; nada se guardó"
            }
            c if *c == SqlState::TOO_MANY_CONNECTIONS => "el servidor no admite más conexiones",
            c if *c == SqlState::ADMIN_SHUTDOWN || *c == SqlState::CRASH_SHUTDOWN => {
                "el servidor se está deteniendo"
            }
            c if *c == SqlState::READ_ONLY_SQL_TRANSACTION => "el servidor solo admite lectura",
            _ => return format!("el servidor rechazó la operación (código {})", code.code()),
        };
        return what.to_string();
    }
    if e.is_closed() {
        return "se perdió la conexión con el servidor".into();
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        let tls = s.downcast_ref::<rustls::Error>().or_else(|| {
            s.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if let Some(tls) = tls {
            return match tls {
                rustls::Error::InvalidCertificate(_) => {
                    "el certificado del servidor no es de confianza o no es de ese servidor \
                     (PGSSLROOTCERT o ~/.postgresql/root.crt; sslmode)"
                        .into()
                }
                _ => "no se pudo establecer la conexión cifrada (TLS) con el servidor".into(),
            };
        }
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return match io.kind() {
                std::io::ErrorKind::ConnectionRefused => {
                    "el servidor no acepta conexiones (¿está en marcha? revise servidor y puerto)"
                        .into()
                }
                std::io::ErrorKind::TimedOut => "el servidor no respondió a tiempo".into(),
                _ => super::words::io_error(io),
            };
        }
        source = s.source();
    }
    "no se pudo hablar con el servidor (conexión, TLS o protocolo)".into()
}

pub fn copy_target_not_empty(place: &str) -> String {
    format!(
        "El destino {place} ya tiene datos: una copia solo va a un almacén vacío (nada se escribió)"
    )
}

pub fn copy_counts_differ(tree: &str, from: u64, to: u64) -> String {
    format!(
        "La copia no coincide: la tabla «{tree}» tiene {from} registros en el origen y {to} en el destino"
    )
}

pub fn copy_chain(at: &str) -> String {
    format!("La cadena de auditoría no verifica en el destino (entrada {at}): la copia no es fiel")
}

/// `mesa store copy` done, with its proof.
pub fn copied(
    from: &str,
    to: &str,
    tickets: u64,
    attachments: usize,
    seq: u64,
    hash: &str,
) -> String {
    format!(
        "Copiado {from} → {to}: {}, {}, {} de auditoría; cada tabla con los mismos registros y la cadena verificada en el destino (última #{seq} · {hash}).",
        super::words::plural(tickets as usize, "ticket", "tickets"),
        super::words::plural(attachments, "adjunto", "adjuntos"),
        super::words::plural(seq as usize, "entrada", "entradas"),
    )
}

/// The audit entry of a copy, on the new side.
pub fn copy_detail(from: &str, to: &str) -> String {
    format!("escritorio copiado de {from} a {to}")
}

pub fn bench_not_ours() -> String {
    "tiene un escritorio que no creó mesa bench: la medición solo usa una base vacía o suya (nada se borró)".into()
}

pub fn bench_measuring(tickets: u64) -> String {
    format!("Midiendo el almacén compartido (PostgreSQL) con {tickets} tickets…")
}

/// A bench row measured on the shared store.
pub fn bench_row(what: &str) -> String {
    format!("{what} — PostgreSQL")
}

pub fn bench_move() -> &'static str {
    "un movimiento (mesa take), proceso entero"
}

pub fn bench_fill() -> &'static str {
    "llenar la base (mesa store copy desde el almacén de la demostración)"
}

pub fn bench_together(processes: usize, each: usize) -> String {
    format!("{processes} procesos × {each} movimientos sobre tickets compartidos")
}

pub fn bench_together_result(
    attempts: usize,
    applied: usize,
    lost: usize,
    twice: usize,
    chain: bool,
    per_second: f64,
) -> String {
    format!(
        "{attempts} intentos, {applied} aplicados, {lost} perdidos, {twice} dobles, cadena {}; {per_second:.0} movimientos/s",
        if chain { "íntegra" } else { "ROTA" }
    )
}

pub fn bench_together_target() -> String {
    "0 perdidos, 0 dobles, cadena íntegra".into()
}

pub fn too_busy() -> String {
    "la base de datos rechazó el cambio una y otra vez por cambios simultáneos; nada se guardó, inténtelo de nuevo".into()
}

/// The console lost the shared database: what it shows may be out of date.
pub fn live_lost() -> &'static str {
    "Sin conexión con la base de datos compartida: lo que ve puede no estar al día; reconectando…"
}

pub fn live_back() -> &'static str {
    "Conexión recuperada: cola actualizada."
}

pub fn bad_sslmode(value: &str) -> String {
    format!(
        "sslmode «{value}» no es válido: use disable, allow, prefer, require, verify-ca o verify-full"
    )
}
