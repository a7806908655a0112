//! The harness the CLI's test files share: the binary, run from the
//! repository root (where `samples/` is).
#![allow(dead_code)] // each test file uses its own part of it

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn wholesale(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wholesale"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}
