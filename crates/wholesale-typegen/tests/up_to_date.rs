//! The generated declarations are committed; this test fails when one of
//! them differs from what the generator writes now (then run
//! `cargo run -p wholesale-typegen` and commit the result).

#[test]
fn generated_declarations_are_up_to_date() {
    let root = wholesale_typegen::repo_root();
    let mut stale = Vec::new();
    for file in wholesale_typegen::generate() {
        let committed = std::fs::read_to_string(root.join(file.path)).unwrap_or_default();
        if committed != file.text {
            stale.push(file.path);
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files {stale:?}: run `cargo run -p wholesale-typegen` and commit them"
    );
}

/// The code lines of a generated file: comments and docstrings left out.
fn code_lines(text: &str) -> Vec<(usize, &str)> {
    let mut in_docstring = false;
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let quotes = trimmed.matches("\"\"\"").count();
        if in_docstring || quotes > 0 {
            in_docstring ^= quotes % 2 == 1;
            continue;
        }
        if !(trimmed.starts_with('*')
            || trimmed.starts_with("/*")
            || trimmed.starts_with("//")
            || trimmed.starts_with('#'))
        {
            lines.push((n + 1, line));
        }
    }
    lines
}

#[test]
fn the_declarations_name_no_any() {
    for file in wholesale_typegen::generate() {
        let any = if file.path.ends_with(".ts") {
            "any"
        } else {
            "Any"
        };
        for (n, line) in code_lines(&file.text) {
            let unquoted: String = line.split('"').step_by(2).collect();
            let named = unquoted
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .any(|word| word == any);
            assert!(!named, "{}:{n}: {line}", file.path);
        }
    }
}
