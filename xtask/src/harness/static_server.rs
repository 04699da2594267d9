//! A small static file server on loopback, for what is not the app: the
//! widget tests' host pages on a second origin, and the benchmarks.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;

use anyhow::{anyhow, Result};
use tiny_http::{Header, Request, Response, Server};

/// A running static file server on 127.0.0.1.
pub struct Static {
    /// The port it listens on.
    pub port: u16,
}

impl Static {
    /// Serves `root` on 127.0.0.1:`port` (0 picks a free port) from a few threads.
    pub fn start(root: &Path, port: u16) -> Result<Static> {
        let server = Server::http(("127.0.0.1", port))
            .map_err(|e| anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .ok_or_else(|| anyhow!("server has no IP address"))?;
        let server = Arc::new(server);
        let root = Arc::new(root.to_path_buf());
        // The workers serve for the rest of the process.
        for _ in 0..4 {
            let (server, root) = (Arc::clone(&server), Arc::clone(&root));
            thread::spawn(move || {
                for request in server.incoming_requests() {
                    // A client that hangs up mid-response is not our problem.
                    let _ = respond(&root, request);
                }
            });
        }
        Ok(Static { port })
    }
}

fn respond(root: &Path, request: Request) -> std::io::Result<()> {
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    let Some(file) = resolve(root, &path) else {
        return request.respond(Response::from_string("not found\n").with_status_code(404));
    };
    let gzip_ok = request
        .headers()
        .iter()
        .any(|h| h.field.equiv("Accept-Encoding") && h.value.as_str().contains("gzip"));
    let gz = PathBuf::from(format!("{}.gz", file.display()));
    let (body, encoded) = match (gzip_ok && gz.is_file(), std::fs::read(&gz)) {
        (true, Ok(bytes)) => (bytes, true),
        _ => (std::fs::read(&file)?, false),
    };
    let mut response = Response::from_data(body);
    let encoding = if encoded { "gzip" } else { "identity" };
    for (name, value) in [
        ("Content-Type", content_type(&file)),
        ("Cache-Control", "no-cache"),
        ("Vary", "Accept-Encoding"),
        ("Content-Encoding", encoding),
    ] {
        // Names and values are ASCII constants, so this always succeeds.
        if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(h);
        }
    }
    request.respond(response)
}

/// Maps a URL path to a file under `root`; `None` for anything outside it or missing.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let mut file = root.to_path_buf();
    for segment in url_path.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." || segment.contains('\\') || segment.contains('%') {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

/// The content type for a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::net::TcpStream;

    use super::Static;

    /// One raw HTTP/1.0 exchange: (status line, headers, body).
    fn get(port: u16, path: &str, gzip: bool) -> (String, String, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let encoding = if gzip {
            "Accept-Encoding: gzip\r\n"
        } else {
            ""
        };
        write!(stream, "GET {path} HTTP/1.0\r\nHost: x\r\n{encoding}\r\n").unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&raw[..split]).to_lowercase();
        let (status, headers) = head.split_once("\r\n").unwrap_or((&head, ""));
        (
            status.to_owned(),
            headers.to_owned(),
            raw[split + 4..].to_vec(),
        )
    }

    #[test]
    fn serves_files_gzip_and_real_404s() {
        let dir = std::env::temp_dir().join(format!("xtask-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("index.html"), "<h1>page</h1>").unwrap();
        std::fs::write(dir.join("assets/m.wasm"), b"\0asm").unwrap();
        std::fs::write(dir.join("assets/m.wasm.gz"), b"gzipped").unwrap();
        let server = Static::start(&dir, 0).unwrap();

        let (status, headers, body) = get(server.port, "/", false);
        assert!(status.contains(" 200"), "{status}");
        assert!(
            headers.contains("content-type: text/html; charset=utf-8"),
            "{headers}"
        );
        assert_eq!(body, b"<h1>page</h1>");

        let (_, headers, body) = get(server.port, "/assets/m.wasm", true);
        assert!(
            headers.contains("content-type: application/wasm"),
            "{headers}"
        );
        assert!(headers.contains("content-encoding: gzip"), "{headers}");
        assert_eq!(body, b"gzipped");
        let (_, _, body) = get(server.port, "/assets/m.wasm", false);
        assert_eq!(body, b"\0asm");

        for missing in [
            "/missing.js",
            "/../Cargo.toml",
            "/assets/../../etc/passwd",
            "/%2e%2e/x",
        ] {
            let (status, _, body) = get(server.port, missing, false);
            assert!(status.contains(" 404"), "{missing}: {status}");
            assert!(!body.starts_with(b"<h1>page"), "{missing} served the page");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
