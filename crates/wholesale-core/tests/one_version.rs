//! One version for everything the project ships: the crates, the Python
//! wheel and the npm package all say the workspace's version.

use std::path::Path;

fn repo(path: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path);
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
}

/// The value of the first `key = "..."` line (TOML) or `"key": "..."` (JSON).
fn first_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let line = line.trim();
        let rest = line
            .strip_prefix(&format!("{key} = \""))
            .or_else(|| line.strip_prefix(&format!("\"{key}\": \"")))?;
        Some(rest[..rest.find('"')?].to_owned())
    })
}

#[test]
fn crates_wheel_and_npm_package_have_the_workspace_version() {
    let version = env!("CARGO_PKG_VERSION");
    for manifest in [
        "Cargo.toml",
        "bindings/python/Cargo.toml",
        "bindings/python/pyproject.toml",
        "bindings/wasm/Cargo.toml",
        "bindings/wasm/package.json",
        "bindings/wasm/package-lock.json",
    ] {
        assert_eq!(
            first_value(&repo(manifest), "version").as_deref(),
            Some(version),
            "{manifest}"
        );
    }
    let dependency =
        format!(r#"wholesale-core = {{ path = "crates/wholesale-core", version = "{version}" }}"#);
    assert!(
        repo("Cargo.toml").contains(&dependency),
        "the workspace's wholesale-core dependency (what wholesale-cli's package names) is not {version}"
    );
    let changelog = repo("CHANGELOG.md");
    assert!(
        changelog.contains(&format!("## {version}")),
        "CHANGELOG.md has no section for {version}"
    );
}
