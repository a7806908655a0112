//! python_stubs (placeholder)

/// Renders.
pub fn render(_s: &std::path::Path) -> String {
    String::new()
}
