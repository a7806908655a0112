//! `cargo run -p wholesale-typegen`: rewrites the generated declarations of
//! the bindings (see the crate docs).

fn main() -> std::io::Result<()> {
    let root = wholesale_typegen::repo_root();
    for file in wholesale_typegen::generate() {
        std::fs::write(root.join(file.path), file.text)?;
        println!("wrote {}", file.path);
    }
    Ok(())
}
