//! What several commands share to run things for real: installing tools
//! (`install`), Debian's nginx with our config (`nginx`), a small static
//! server for second origins (`static_server`), podman and the image
//! (`podman`), its stand-in base images (`standin`) and Chromium
//! (`chromium`), and the development server (`dev_server`).

pub mod chromium;
pub mod dev_server;
pub mod install;
pub mod nginx;
pub mod podman;
pub mod standin;
pub mod static_server;
pub mod wrk;

/// The cargo that runs this xtask (so toolchain overrides carry through).
pub fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// A loopback port free right now, for a server about to start.
pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind(("127.0.0.1", 0))?
        .local_addr()?
        .port())
}

/// `http://127.0.0.1:PORT/`, the only kind of address tests talk to.
pub fn loopback_url(port: u16) -> String {
    format!("http://127.0.0.1:{port}/")
}
