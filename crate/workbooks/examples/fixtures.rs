//! Writes the workbooks the tests read, with libraries made for writing
//! them: `cargo run -p iris-workbooks --example fixtures -- DIR` (the browser
//! suite runs it). `tests/workbooks.rs` uses the same builders.

#[path = "../tests/fixtures/mod.rs"]
mod fixtures;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: fixtures DIR (where to write the workbooks)")?;
    std::fs::create_dir_all(&dir)?;
    for (name, bytes) in fixtures::all()? {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes)?;
    }
    Ok(())
}
