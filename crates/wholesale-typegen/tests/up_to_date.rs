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

#[test]
fn the_declarations_name_no_any() {
    for file in wholesale_typegen::generate() {
        for (n, line) in file.text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            assert!(
                !code.contains(": any")
                    && !code.contains("<any>")
                    && !code.contains("Any]")
                    && !code.contains("Any,"),
                "{}:{}: {line}",
                file.path,
                n + 1
            );
        }
    }
}
