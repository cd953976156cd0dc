//! `sitrep serve`: the JSON API and the dashboard over the database.

use crate::Global;
use anyhow::Context;
use std::net::SocketAddr;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Bearer token that write requests (reviews) must carry; without one, writes are refused.
    #[arg(long, env = "SITREP_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = 64 * 1024)]
    pub body_limit: usize,
    /// Longest a request may take, in seconds.
    #[arg(long, default_value_t = 15)]
    pub timeout: u64,
}

pub fn run(a: Args, g: &Global) -> anyhow::Result<()> {
    let mut cfg = sitrep_server::Config::new(g.db.clone(), a.token);
    cfg.body_limit = a.body_limit;
    cfg.timeout = std::time::Duration::from_secs(a.timeout.max(1));
    let app = sitrep_server::router(&cfg)?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("starting tokio")?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(a.addr)
            .await
            .with_context(|| format!("listening on {}", a.addr))?;
        let local = listener.local_addr()?;
        if !g.quiet {
            eprintln!(
                "serve: http://{local}/ (API at /api, /openapi.json); writes {}",
                if cfg.token.is_some() { "need the bearer token" } else { "disabled (no --token)" }
            );
        }
        // Ctrl-C or SIGTERM: stop accepting, finish the requests in flight. A signal handler that
        // cannot be installed must not stop the server at once: that signal is then ignored.
        let shutdown = async {
            let ctrl_c = async {
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            };
            #[cfg(unix)]
            let term = async {
                match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                    Ok(mut s) => {
                        s.recv().await;
                    }
                    Err(_) => std::future::pending::<()>().await,
                }
            };
            #[cfg(not(unix))]
            let term = std::future::pending::<()>();
            tokio::select! {
                _ = ctrl_c => {}
                _ = term => {}
            }
        };
        sitrep_server::serve(listener, app, shutdown).await?;
        if !g.quiet {
            eprintln!("serve: stopped");
        }
        anyhow::Ok(())
    })
}
