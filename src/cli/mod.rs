//! The command line: every analyst action, without the console.

#[macro_use]
pub mod out;

mod actions;
mod analyst;
mod audit;
mod backup;
mod batch;
mod bench;
mod certs;
mod correct;
mod demo;
mod dispatch_date;
mod help;
mod import;
mod init;
mod list;
mod mail;
mod people;
mod purge;
pub mod report;
mod request;
mod secret;
mod session;
mod store_copy;
mod store_path;
mod team;
pub mod view;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::clock::Clock;
use crate::config::{self, Config};
use crate::desk::{self, Desk};
use crate::store::Store;

#[derive(Debug, Parser)]
#[command(
    name = "mesa",
    version,
    about = "Mesa de Servicio de certificados digitales (RENIEC)"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Almacén: un directorio (por omisión, el directorio de datos del sistema) o una base de datos compartida postgres://usuario@servidor/base
    #[arg(
        long,
        global = true,
        env = "MESA_STORE",
        value_name = "DIR|postgres://…"
    )]
    pub store: Option<PathBuf>,
    /// Archivo de configuración (por omisión, config.toml dentro del almacén)
    #[arg(long, global = true, env = "MESA_CONFIG", value_name = "ARCHIVO")]
    pub config: Option<PathBuf>,
    /// Analista que realiza la acción (activo); su contraseña se pide en la terminal o va en MESA_PASSWORD
    #[arg(
        long = "as",
        global = true,
        env = "MESA_ANALYST",
        value_name = "NOMBRE"
    )]
    pub actor: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Primer uso: crea el almacén con su supervisor
    Init(init::InitArgs),
    /// Pide la contraseña una vez y abre una sesión: los comandos siguientes no la piden (15 minutos sin uso, hasta el fin de la jornada)
    #[command(visible_alias = "entrar")]
    Login,
    /// Cierra la sesión abierta con «mesa entrar»
    #[command(visible_alias = "salir")]
    Logout,
    /// Crea datos de demostración realistas en un almacén vacío
    Demo(demo::DemoArgs),
    /// Registra tickets desde un archivo CSV (todo o nada)
    Import(import::ImportArgs),
    /// Lista los tickets en orden de llegada
    List(list::ListArgs),
    /// Muestra un ticket completo: datos, verificaciones, envío e historial
    Show(list::ShowArgs),
    /// Empieza a atender un ticket (o lo retoma tras una corrección)
    Take(actions::IdArgs),
    /// Atiende el ticket libre más antiguo (estado nuevo), sin que dos analistas tomen el mismo
    Next,
    /// Reasigna un ticket en atención a otro analista (supervisor)
    Assign(team::AssignArgs),
    /// Devuelve un ticket para corrección, con el motivo
    Observe(actions::ReasonArgs),
    /// Programa un ticket para el próximo envío a RENIEC que le corresponda
    Schedule(actions::IdArgs),
    /// Anula un ticket antes de su envío, con el motivo
    Withdraw(actions::ReasonArgs),
    /// Deshace su último movimiento en un ticket (atender, observar o programar), hasta 5 minutos después
    Undo(actions::IdArgs),
    /// Corrige los datos de un ticket en el mismo ticket (conserva su lugar y su pago)
    Correct(correct::CorrectArgs),
    /// Cierra un ticket (instalado, cancelado o con respuesta de RENIEC)
    Close(actions::CloseArgs),
    /// El envío semanal a RENIEC: lotes, sellado, exportación y respuestas
    Batch(batch::BatchArgs),
    /// Calcula cuándo saldría a RENIEC un ticket registrado y programado en un momento
    DispatchDate(dispatch_date::DispatchDateArgs),
    /// Correos al personal: bandeja de salida, envío, reintento y vista previa
    Mail(mail::MailArgs),
    /// Directorio de personal: buscar e importar personas
    People(people::PeopleArgs),
    /// Registro de certificados, vencimientos y renovaciones
    Certs(certs::CertsArgs),
    /// Otras solicitudes (cuentas CNV/SINADEF, convenio RENIEC, claves de acceso): registrar, ver, avanzar, listar
    #[command(visible_alias = "solicitud")]
    Request(request::RequestArgs),
    /// Informe: tickets por semana, medianas de días y vencimientos por mes
    Report(report::ReportArgs),
    /// Analistas: agregar, listar, desactivar, reactivar (supervisor) y contraseñas
    Analyst(analyst::AnalystArgs),
    /// Auditoría: quién hizo qué; «verify» comprueba la cadena
    Audit(audit::AuditArgs),
    /// Copia de seguridad completa y verificable (supervisor)
    Backup(backup::BackupArgs),
    /// Reconstruye un almacén nuevo desde una copia de seguridad (supervisor)
    Restore(backup::RestoreArgs),
    /// El almacén: copiar un escritorio entero entre una carpeta y una base de datos compartida
    Store(store_copy::StoreArgs),
    /// Depura registros cerrados más antiguos que la retención (supervisor)
    Purge(purge::PurgeArgs),
    /// Mide el rendimiento (abrir, filtrar, lote, importación, memoria) e imprime la tabla
    Bench(bench::BenchArgs),
}

/// What `main` needs to know to open the store and the configuration.
pub struct Paths {
    /// The store's folder; for a shared database, this PC's own folder for
    /// it (logs, exports, the audit witness, cached attachments).
    pub store_dir: PathBuf,
    /// The shared database's address, when `--store` names one.
    pub shared: Option<String>,
    pub config_path: PathBuf,
    pub actor: String,
}

/// The analyst this process acts as once the shared database proved it
/// (connected as their own login): it replaces any name from `--as`.
static PROVEN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

impl Global {
    pub fn resolve(&self) -> Paths {
        let shared = self
            .store
            .as_ref()
            .and_then(|s| s.to_str())
            .filter(|s| crate::store::engine::shared::is_address(s))
            .map(str::to_string);
        let store_dir = match &shared {
            Some(address) => desk::shared_local_dir(address),
            None => self.store.clone().unwrap_or_else(desk::default_store_dir),
        };
        let config_path = self
            .config
            .clone()
            .unwrap_or_else(|| store_dir.join(config::FILE_NAME));
        Paths {
            store_dir,
            shared,
            config_path,
            actor: PROVEN.get().cloned().unwrap_or_else(|| {
                self.actor
                    .as_deref()
                    .map(crate::domain::role::normalize)
                    .unwrap_or_default()
            }),
        }
    }

    /// The desk, for an active analyst named by `--as` / `MESA_ANALYST`:
    /// every command that reads or changes records goes through here.
    /// Without `MESA_PASSWORD`, a live session (`mesa entrar`, or a
    /// password typed here before) stands in for the password.
    pub fn open_desk(&self) -> anyhow::Result<Desk> {
        let env_password =
            std::env::var(crate::strings::identity::PASSWORD_VAR).is_ok_and(|p| !p.is_empty());
        if env_password {
            return Ok(self.open_proven()?.0);
        }
        let desk = self.open_unchecked()?;
        let actor = self.resolve().actor;
        if desk.store.db_login().is_none()
            && !actor.is_empty()
            && session::resume(self, &desk, &actor)?.is_some()
        {
            return Ok(desk);
        }
        let (desk, _) = self.prove(desk)?;
        if desk.store.db_login().is_none() {
            // The password was typed: keep a session for what follows.
            let analyst = desk.login(&actor)?;
            session::keep(self, &desk, &analyst)?;
        }
        Ok(desk)
    }

    /// [`Global::open_desk`] and the password that proved the analyst
    /// (from `MESA_PASSWORD` or typed on the terminal).
    pub fn open_proven(&self) -> anyhow::Result<(Desk, String)> {
        self.prove(self.open_unchecked()?)
    }

    fn prove(&self, desk: Desk) -> anyhow::Result<(Desk, String)> {
        let actor = self.resolve().actor;
        if desk.store.db_login().is_some() {
            // The database proved who this is when it accepted the
            // connection's password: an active analyst of the desk is all
            // that is left to check.
            desk.login(&actor)?;
            return Ok((desk, String::new()));
        }
        if actor.is_empty() || desk.analysts()?.is_empty() {
            // No name, or a store nobody can sign in to yet: the reason.
            desk.login(&actor)?;
        }
        let password = secret::actor_password(&actor)?;
        desk.sign_in(&actor, &password, &command_line())?;
        Ok((desk, password))
    }

    /// The desk whoever asks, on an existing store: for the commands that
    /// work before anyone can sign in (`audit verify`). A missing store is
    /// an error naming the path; nothing is created.
    pub fn open_unchecked(&self) -> anyhow::Result<Desk> {
        let ctx = self.resolve();
        if ctx.shared.is_none() {
            store_path::require_existing(&ctx.store_dir)?;
        }
        self.open_any()
    }

    /// The desk on the store, creating it when it does not exist yet: only
    /// for `init`, `demo` and the console's first run. Says whether it was
    /// created (the caller shows the path).
    pub fn open_or_create(&self) -> anyhow::Result<(Desk, bool)> {
        let ctx = self.resolve();
        if ctx.shared.is_some() {
            // A shared database is created by its administrator
            // (`createdb`); what is new in it is its first supervisor.
            let desk = self.open_any()?;
            let created = desk.analysts()?.is_empty();
            return Ok((desk, created));
        }
        let dir = ctx.store_dir;
        store_path::check_not_nested(&dir)?;
        let created = !store_path::is_store(&dir);
        Ok((self.open_any()?, created))
    }

    /// The console: its first run may create the store (the sign-in box
    /// then shows where).
    pub fn open_console(&self) -> anyhow::Result<Desk> {
        Ok(self.open_or_create()?.0)
    }

    fn open_any(&self) -> anyhow::Result<Desk> {
        let ctx = self.resolve();
        let clock = Clock::from_env().map_err(anyhow::Error::msg)?;
        let config = self.load_config()?;
        let store = match &ctx.shared {
            Some(address) => {
                let target = crate::store::engine::shared::Target::parse(address)
                    .map_err(anyhow::Error::msg)?;
                let store = Store::open_shared(&target, &ctx.store_dir)?;
                if let Some(login) = store.db_login() {
                    let named = self
                        .actor
                        .as_deref()
                        .map(crate::domain::role::normalize)
                        .unwrap_or_default();
                    if !named.is_empty() && named != login.name {
                        anyhow::bail!(crate::strings::team::as_refused_on_login(
                            &named,
                            &login.name
                        ));
                    }
                    let _ = PROVEN.set(login.name);
                } else if let Some(named) =
                    self.actor.as_deref().map(crate::domain::role::normalize)
                    && !named.is_empty()
                    && store.has_db_login(&named)?
                {
                    // Connected with the installer's account: it may not
                    // act as an analyst who has a login of their own.
                    anyhow::bail!(crate::strings::team::as_refused_has_login(&named));
                }
                crate::desk::staging::sweep(&ctx.store_dir);
                store
            }
            None => Store::open(&ctx.store_dir)?,
        };
        let exposed = crate::store::private::exposed(&ctx.store_dir);
        if !exposed.is_empty() {
            out::note(&crate::strings::hostile::store_exposed(
                &ctx.store_dir,
                &exposed,
            ));
        }
        Ok(Desk::new(store, config, clock))
    }

    /// The configuration: the file named by `--config` / `MESA_CONFIG` must
    /// exist (a mistyped name would otherwise mean silent defaults); the
    /// store's own `config.toml` is optional.
    pub fn load_config(&self) -> anyhow::Result<Config> {
        let path = self.resolve().config_path;
        if self.config.is_some() && !path.exists() {
            anyhow::bail!(crate::strings::words::config_missing(&path));
        }
        Config::load(&path).map_err(anyhow::Error::msg)
    }
}

/// The command as typed, without the global options (who, where): what a
/// read's audit entry names as its subject.
fn command_line() -> String {
    let mut out: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--as" | "--store" | "--config" => {
                args.next();
            }
            _ if a.starts_with("--as=")
                || a.starts_with("--store=")
                || a.starts_with("--config=") => {}
            _ => out.push(a),
        }
    }
    format!("mesa {}", out.join(" "))
}

/// Records a bulk read of personal data before it is shown (see
/// `Desk::record_bulk_read`).
pub(crate) fn record_read(
    g: &Global,
    desk: &Desk,
    dnis: Vec<String>,
    records: usize,
) -> anyhow::Result<()> {
    desk.record_bulk_read(&g.resolve().actor, &command_line(), dnis, records)?;
    Ok(())
}

/// Parses the arguments with Spanish help and errors.
pub fn parse() -> Cli {
    help::parse()
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    let g = &cli.global;
    let Some(command) = cli.command else {
        anyhow::bail!("falta el comando");
    };
    match command {
        Command::Init(a) => init::run(g, a),
        Command::Login => session::login(g),
        Command::Logout => session::logout(g),
        Command::Analyst(a) => analyst::run(g, a),
        Command::Audit(a) => audit::run(g, a),
        Command::Backup(a) => backup::backup(g, a),
        Command::Restore(a) => backup::restore(g, a),
        Command::Purge(a) => purge::run(g, a),
        Command::Store(a) => store_copy::run(g, a),
        Command::Demo(a) => demo::run(g, a),
        Command::Batch(a) => batch::run(g, a),
        Command::Import(a) => import::run(g, a),
        Command::List(a) => list::run(g, a),
        Command::Show(a) => list::show(g, a),
        Command::Take(a) => actions::take(g, a),
        Command::Next => team::next(g),
        Command::Assign(a) => team::assign(g, a),
        Command::Observe(a) => actions::observe(g, a),
        Command::Schedule(a) => actions::schedule(g, a),
        Command::Withdraw(a) => actions::withdraw(g, a),
        Command::Undo(a) => actions::undo(g, a),
        Command::Correct(a) => correct::run(g, a),
        Command::Close(a) => actions::close(g, a),
        Command::DispatchDate(a) => dispatch_date::run(g, a),
        Command::Mail(a) => mail::run(g, a),
        Command::People(a) => people::run(g, a),
        Command::Certs(a) => certs::run(g, a),
        Command::Request(a) => request::run(g, a),
        Command::Report(a) => report::run(g, a),
        Command::Bench(a) => bench::run(a),
    }
}
