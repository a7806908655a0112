//! `docs/codes.md` is the registry: this test fails when they differ.

#[test]
fn docs_codes_md_matches_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/codes.md");
    let expected = wholesale_core::codes::registry_markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/codes.md is out of date: run `UPDATE_DOCS=1 cargo test -p wholesale-core --test docs_codes`"
    );
}
