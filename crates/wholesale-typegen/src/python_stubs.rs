//! The type stub of the Python extension module, `_lowlevel.pyi`, generated
//! from the binding's Rust sources (`bindings/python/src/*.rs`, parsed with
//! `syn`), so the declarations cannot drift from what pyo3 registers.
//!
//! What is read, and the conventions the binding follows:
//!
//! - `#[pyfunction]`s: the Python name (the function's, or `#[pyo3(name =
//!   "...")]`), and the parameters and return type from pyo3's signature
//!   attribute **with its type annotations**, e.g.
//!   `#[pyo3(signature = (data: "FileInput", *, text: "Optional[str]" = None) -> "PlanHandle")]`
//!   (pyo3 0.29 parses the annotations without its experimental-inspect
//!   feature). Every parameter and the return type must be annotated;
//!   defaults that are literals (`None`, `true`, `"email"`, `3`) are
//!   written as Python literals, any other default as `...`. The `///` doc
//!   becomes the docstring.
//! - `#[pyclass]` structs (Python name from `name = "..."`) and their
//!   `#[pymethods]`: methods with the same annotated signatures (no `self`
//!   in the signature, as in pyo3); `#[staticmethod]`/`#[classmethod]` kept;
//!   `__repr__`/`__str__` without a signature return `str`; `eq` and `hash`
//!   in `#[pyclass(...)]` give `__eq__` and `__hash__`. A `#[getter]` takes
//!   its type from a doc line `-> type` (left out of the docstring).
//! - Exceptions: `create_exception!(module, Name, Base, "doc")`; the class
//!   whose base is `PyException` gets the attributes of the `ATTRIBUTES`
//!   constant (`[("code", "str"), ...]`), which the binding also uses to
//!   set their class defaults.
//! - Module constants: calls `constant(m, "NAME", value, "type")`.
//!
//! Names the annotations use are imported: `typing` names from `typing`,
//! dotted names from their module (`datetime`, `numpy.typing`), classes of
//! the stub itself as they are, and every other name from `._types` (the
//! generated `TypedDict`s).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::{Attribute, ImplItem, Item, Lit};

const TYPING: &[&str] = &[
    "Dict", "Iterable", "List", "Literal", "Mapping", "Optional", "Sequence", "Tuple", "Union",
];
const BUILTINS: &[&str] = &[
    "None", "bool", "bytes", "float", "int", "object", "str", "type",
];

/// One Python parameter or marker (`*`, `/`).
struct Param {
    text: String,
}

/// A parsed annotated signature.
struct Signature {
    params: Vec<Param>,
    returns: String,
}

enum Kind {
    Plain,
    Static,
    Class,
    Getter,
}

struct Function {
    name: String,
    doc: String,
    kind: Kind,
    signature: Signature,
}

struct Class {
    rust_name: String,
    name: String,
    doc: String,
    dunders: Vec<&'static str>,
    methods: Vec<Function>,
}

struct Exception {
    name: String,
    base: String,
    doc: String,
}

#[derive(Default)]
struct Module {
    constants: Vec<(String, String)>,
    exceptions: Vec<Exception>,
    attributes: Vec<(String, String)>,
    classes: Vec<Class>,
    functions: Vec<Function>,
}

/// The whole `_lowlevel.pyi` for the binding sources in `src_dir`.
pub fn render(src_dir: &Path) -> String {
    let mut files: Vec<_> = std::fs::read_dir(src_dir)
        .unwrap_or_else(|err| panic!("{}: {err}", src_dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut module = Module::default();
    for path in &files {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let file = syn::parse_file(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        read_items(&file.items, &mut module, &path.display().to_string());
    }
    emit(&module)
}

fn read_items(items: &[Item], module: &mut Module, file: &str) {
    for item in items {
        match item {
            Item::Fn(f) => {
                find_constants(quote::ToTokens::to_token_stream(&*f.block), module);
                if has_attr(&f.attrs, "pyfunction") {
                    let name = f.sig.ident.to_string();
                    let where_ = format!("{file}: {name}");
                    module.functions.push(Function {
                        name: pyo3_name(&f.attrs).unwrap_or(name),
                        doc: doc(&f.attrs),
                        kind: Kind::Plain,
                        signature: signature(&f.attrs)
                            .unwrap_or_else(|| panic!("{where_}: no annotated signature")),
                    });
                }
            }
            Item::Struct(s) if has_attr(&s.attrs, "pyclass") => {
                let args = attr_tokens(&s.attrs, "pyclass").unwrap_or_default();
                let words = idents(&args);
                let mut dunders = Vec::new();
                if words.iter().any(|w| w == "eq") {
                    dunders.push("def __eq__(self, other: object) -> bool: ...");
                }
                if words.iter().any(|w| w == "hash") {
                    dunders.push("def __hash__(self) -> int: ...");
                }
                module.classes.push(Class {
                    rust_name: s.ident.to_string(),
                    name: string_after(&args, "name").unwrap_or_else(|| s.ident.to_string()),
                    doc: doc(&s.attrs),
                    dunders,
                    methods: Vec::new(),
                });
            }
            Item::Impl(i) if has_attr(&i.attrs, "pymethods") => {
                let self_ty = match &*i.self_ty {
                    syn::Type::Path(p) => p
                        .path
                        .segments
                        .last()
                        .map(|s| s.ident.to_string())
                        .unwrap_or_default(),
                    _ => String::new(),
                };
                let methods = i.items.iter().filter_map(|item| match item {
                    ImplItem::Fn(m) => Some(method(m, &format!("{file}: {self_ty}"))),
                    _ => None,
                });
                let methods: Vec<Function> = methods.collect();
                match module.classes.iter_mut().find(|c| c.rust_name == self_ty) {
                    Some(class) => class.methods.extend(methods),
                    None => panic!("{file}: #[pymethods] for {self_ty} before its #[pyclass]"),
                }
            }
            Item::Macro(m) if m.mac.path.is_ident("create_exception") => {
                let parts = split_commas(m.mac.tokens.clone());
                let text = |i: usize| parts.get(i).map(|t| t.to_string()).unwrap_or_default();
                let base = match text(2).as_str() {
                    "PyException" => "Exception".to_owned(),
                    other => other.to_owned(),
                };
                let doc = parts.get(3).and_then(string_literal).unwrap_or_default();
                module.exceptions.push(Exception {
                    name: text(1),
                    base,
                    doc,
                });
            }
            Item::Const(c) if c.ident == "ATTRIBUTES" => {
                let tokens = quote::ToTokens::to_token_stream(&c.expr);
                module.attributes = pairs(tokens);
            }
            Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    if !m.attrs.iter().any(|a| {
                        quote::ToTokens::to_token_stream(a)
                            .to_string()
                            .contains("test")
                    }) {
                        read_items(items, module, file);
                    }
                }
            }
            _ => {}
        }
    }
}

fn method(m: &syn::ImplItemFn, where_: &str) -> Function {
    let name = pyo3_name(&m.attrs).unwrap_or_else(|| m.sig.ident.to_string());
    let kind = if has_attr(&m.attrs, "staticmethod") {
        Kind::Static
    } else if has_attr(&m.attrs, "classmethod") {
        Kind::Class
    } else if has_attr(&m.attrs, "getter") {
        Kind::Getter
    } else {
        Kind::Plain
    };
    let mut doc = doc(&m.attrs);
    let signature = match kind {
        Kind::Getter => {
            let (rest, returns) = getter_type(&doc).unwrap_or_else(|| {
                panic!("{where_}.{name}: a #[getter] needs a `/// -> type` doc line")
            });
            doc = rest;
            Signature {
                params: Vec::new(),
                returns,
            }
        }
        _ => match signature(&m.attrs) {
            Some(s) => s,
            None if name == "__repr__" || name == "__str__" => Signature {
                params: Vec::new(),
                returns: "str".to_owned(),
            },
            None => panic!("{where_}.{name}: no annotated signature"),
        },
    };
    Function {
        name,
        doc,
        kind,
        signature,
    }
}

/// The doc without its `-> type` line, and the type.
fn getter_type(doc: &str) -> Option<(String, String)> {
    let mut returns = None;
    let mut rest = Vec::new();
    for line in doc.lines() {
        match line.trim().strip_prefix("-> ") {
            Some(t) if returns.is_none() => returns = Some(t.trim().to_owned()),
            _ => rest.push(line),
        }
    }
    Some((rest.join("\n").trim().to_owned(), returns?))
}

fn has_attr(attrs: &[Attribute], name: &str) -> bool {
    attrs.iter().any(|a| a.path().is_ident(name))
}

/// The tokens inside `#[name(...)]`.
fn attr_tokens(attrs: &[Attribute], name: &str) -> Option<TokenStream> {
    attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::List(list) if a.path().is_ident(name) => Some(list.tokens.clone()),
        _ => None,
    })
}

/// Every `#[pyo3(...)]`'s tokens, concatenated with commas.
fn pyo3_tokens(attrs: &[Attribute]) -> Vec<TokenStream> {
    attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::List(list) if a.path().is_ident("pyo3") => Some(list.tokens.clone()),
            _ => None,
        })
        .collect()
}

fn pyo3_name(attrs: &[Attribute]) -> Option<String> {
    pyo3_tokens(attrs)
        .iter()
        .find_map(|tokens| string_after(tokens, "name"))
}

fn idents(tokens: &TokenStream) -> Vec<String> {
    tokens
        .clone()
        .into_iter()
        .filter_map(|t| match t {
            TokenTree::Ident(i) => Some(i.to_string()),
            _ => None,
        })
        .collect()
}

/// The string literal after `key =` in `tokens`.
fn string_after(tokens: &TokenStream, key: &str) -> Option<String> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    trees.windows(3).find_map(|w| match (&w[0], &w[1], &w[2]) {
        (TokenTree::Ident(i), TokenTree::Punct(p), lit) if i == key && p.as_char() == '=' => {
            string_literal(&lit.clone().into())
        }
        _ => None,
    })
}

fn string_literal(tokens: &TokenStream) -> Option<String> {
    match syn::parse2::<Lit>(tokens.clone()).ok()? {
        Lit::Str(s) => Some(s.value()),
        _ => None,
    }
}

/// `tokens` split at its top-level commas.
fn split_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut parts = vec![TokenStream::new()];
    for tree in tokens {
        match &tree {
            TokenTree::Punct(p) if p.as_char() == ',' => parts.push(TokenStream::new()),
            _ => parts
                .last_mut()
                .into_iter()
                .for_each(|part| part.extend([tree.clone()])),
        }
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// `[("a", "b"), ...]` as string pairs.
fn pairs(tokens: TokenStream) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for tree in tokens {
        if let TokenTree::Group(g) = tree {
            if g.delimiter() == Delimiter::Bracket {
                return pairs(g.stream());
            }
            let parts = split_commas(g.stream());
            if let (Some(a), Some(b)) = (
                parts.first().and_then(string_literal),
                parts.get(1).and_then(string_literal),
            ) {
                out.push((a, b));
            }
        }
    }
    out
}

/// The annotated `signature = (...) -> "..."` of `#[pyo3(...)]`.
fn signature(attrs: &[Attribute]) -> Option<Signature> {
    for tokens in pyo3_tokens(attrs) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let Some(at) = trees
            .iter()
            .position(|t| matches!(t, TokenTree::Ident(i) if i == "signature"))
        else {
            continue;
        };
        let Some(TokenTree::Group(group)) = trees.get(at + 2) else {
            continue;
        };
        let returns = match (trees.get(at + 3), trees.get(at + 4), trees.get(at + 5)) {
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b)), Some(lit))
                if a.as_char() == '-' && b.as_char() == '>' =>
            {
                string_literal(&lit.clone().into())?
            }
            _ => panic!("signature {group} has no `-> \"type\"` annotation"),
        };
        let params = split_commas(group.stream())
            .into_iter()
            .map(|p| param(&p))
            .collect();
        return Some(Signature { params, returns });
    }
    None
}

fn param(tokens: &TokenStream) -> Param {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let text = tokens.to_string();
    if text == "*" || text == "/" {
        return Param { text };
    }
    let stars: String = trees
        .iter()
        .take_while(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '*'))
        .map(|_| '*')
        .collect();
    let rest = &trees[stars.len()..];
    let name = rest.first().map(ToString::to_string).unwrap_or_default();
    let mut annotation = None;
    let mut default = None;
    let mut i = 1;
    while i < rest.len() {
        match &rest[i] {
            TokenTree::Punct(p) if p.as_char() == ':' => {
                annotation = rest
                    .get(i + 1)
                    .and_then(|t| string_literal(&t.clone().into()));
                i += 2;
            }
            TokenTree::Punct(p) if p.as_char() == '=' => {
                default = Some(python_default(&rest[i + 1..]));
                break;
            }
            _ => i += 1,
        }
    }
    let annotation = annotation.unwrap_or_else(|| panic!("parameter `{text}` has no annotation"));
    let text = match default {
        Some(d) => format!("{stars}{name}: {annotation} = {d}"),
        None => format!("{stars}{name}: {annotation}"),
    };
    Param { text }
}

/// A Rust default as a Python literal, or `...`.
fn python_default(trees: &[TokenTree]) -> String {
    if let [tree] = trees {
        let text = tree.to_string();
        match text.as_str() {
            "None" => return "None".into(),
            "true" => return "True".into(),
            "false" => return "False".into(),
            _ => {}
        }
        match syn::parse2::<Lit>(tree.clone().into()) {
            Ok(Lit::Str(s)) => return format!("{:?}", s.value()),
            Ok(Lit::Int(i)) => return i.base10_digits().to_owned(),
            Ok(Lit::Float(f)) => return f.base10_digits().to_owned(),
            _ => {}
        }
    }
    "...".into()
}

fn doc(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if a.path().is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(s), ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .map(|line| line.strip_prefix(' ').unwrap_or(&line).to_owned())
        .collect();
    lines.join("\n").trim().to_owned()
}

/// `constant(m, "NAME", value, "type")` calls anywhere in `tokens`.
fn find_constants(tokens: TokenStream, module: &mut Module) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(id) if id == "constant" => {
                if let Some(TokenTree::Group(g)) = trees.get(i + 1) {
                    let parts = split_commas(g.stream());
                    if let (Some(name), Some(ty)) = (
                        parts.get(1).and_then(string_literal),
                        parts.get(3).and_then(string_literal),
                    ) {
                        module.constants.push((name, ty));
                    }
                }
            }
            TokenTree::Group(g) => find_constants(g.stream(), module),
            _ => {}
        }
    }
}

/// A docstring block at `indent`, or nothing.
fn docstring(doc: &str, indent: &str) -> String {
    if doc.is_empty() {
        return String::new();
    }
    let doc = doc.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
    let body: Vec<String> = doc
        .lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{indent}{l}")
            }
        })
        .collect();
    let body = body.join("\n");
    let body = body.trim_start();
    if doc.contains('\n') {
        format!("{indent}\"\"\"{body}\n{indent}\"\"\"\n")
    } else {
        format!("{indent}\"\"\"{body}\"\"\"\n")
    }
}

fn function(f: &Function, indent: &str, first: Option<&str>) -> String {
    let mut out = String::new();
    let mut params: Vec<String> = first.map(str::to_owned).into_iter().collect();
    params.extend(f.signature.params.iter().map(|p| p.text.clone()));
    match f.kind {
        Kind::Static => writeln!(out, "{indent}@staticmethod").ok(),
        Kind::Class => writeln!(out, "{indent}@classmethod").ok(),
        Kind::Getter => writeln!(out, "{indent}@property").ok(),
        Kind::Plain => None,
    };
    let head = format!(
        "{indent}def {}({}) -> {}:",
        f.name,
        params.join(", "),
        f.signature.returns
    );
    let head = if head.len() > 99 {
        let inner = format!("{indent}    ");
        let lines: Vec<String> = params.iter().map(|p| format!("{inner}{p},\n")).collect();
        format!(
            "{indent}def {}(\n{}{indent}) -> {}:",
            f.name,
            lines.concat(),
            f.signature.returns
        )
    } else {
        head
    };
    let body = docstring(&f.doc, &format!("{indent}    "));
    if body.is_empty() {
        writeln!(out, "{head} ...").ok();
    } else {
        writeln!(out, "{head}\n{body}", body = body.trim_end_matches('\n')).ok();
    }
    out
}

fn emit(module: &Module) -> String {
    let mut body = String::new();
    for (name, ty) in &module.constants {
        writeln!(body, "{name}: {ty}").ok();
    }
    for e in &module.exceptions {
        writeln!(body, "\n\nclass {}({}):", e.name, e.base).ok();
        let doc = docstring(&e.doc, "    ");
        body.push_str(&doc);
        if e.base == "Exception" {
            for (name, ty) in &module.attributes {
                writeln!(body, "    {name}: {ty}").ok();
            }
        } else if doc.is_empty() {
            body.push_str("    ...\n");
        }
    }
    for class in &module.classes {
        writeln!(body, "\n\nclass {}:", class.name).ok();
        body.push_str(&docstring(&class.doc, "    "));
        for m in &class.methods {
            let first = match m.kind {
                Kind::Static => None,
                Kind::Class => Some("cls"),
                _ => Some("self"),
            };
            body.push_str(&function(m, "    ", first));
        }
        for d in &class.dunders {
            writeln!(body, "    {d}").ok();
        }
    }
    body.push('\n');
    for f in &module.functions {
        body.push('\n');
        body.push_str(&function(f, "", None));
    }
    // Imports: every name the annotations use.
    let mut annotations: Vec<&str> = Vec::new();
    for (_, ty) in module.constants.iter().chain(&module.attributes) {
        annotations.push(ty);
    }
    let functions = module
        .functions
        .iter()
        .chain(module.classes.iter().flat_map(|c| &c.methods));
    let params: Vec<String> = functions
        .flat_map(|f| {
            f.signature
                .params
                .iter()
                .map(|p| p.text.clone())
                .chain([f.signature.returns.clone()])
        })
        .collect();
    annotations.extend(params.iter().map(String::as_str));
    let local: BTreeSet<&str> = module
        .classes
        .iter()
        .map(|c| c.name.as_str())
        .chain(module.exceptions.iter().map(|e| e.name.as_str()))
        .collect();
    let mut modules = BTreeSet::new();
    let mut typing = BTreeSet::new();
    let mut types = BTreeSet::new();
    for annotation in annotations {
        // A parameter's text is `name: type = default`: only the type counts.
        let ty = match annotation.split_once(": ") {
            Some((_, rest)) => rest.split(" = ").next().unwrap_or(rest),
            None => annotation,
        };
        for word in ty
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .filter(|w| !w.is_empty() && !w.starts_with(|c: char| c.is_ascii_digit()))
        {
            if let Some((module, _)) = word.rsplit_once('.') {
                modules.insert(module.to_owned());
                if let Some((top, _)) = module.split_once('.') {
                    modules.insert(top.to_owned());
                }
            } else if TYPING.contains(&word) {
                typing.insert(word.to_owned());
            } else if !BUILTINS.contains(&word) && !local.contains(word) {
                types.insert(word.to_owned());
            }
        }
    }
    let mut head = String::from(
        "\"\"\"The Rust extension module ``wholesale_core._lowlevel``; use ``wholesale_core``.\n\n\
         Generated by ``cargo run -p wholesale-typegen`` from the annotated pyo3\n\
         signatures in bindings/python/src; do not edit.\n\"\"\"\n\n\
         from __future__ import annotations\n\n",
    );
    for m in &modules {
        writeln!(head, "import {m}").ok();
    }
    if !typing.is_empty() {
        let names: Vec<&str> = typing.iter().map(String::as_str).collect();
        writeln!(head, "from typing import {}", names.join(", ")).ok();
    }
    if !types.is_empty() {
        head.push_str("\nfrom ._types import (\n");
        for t in &types {
            writeln!(head, "    {t},").ok();
        }
        head.push_str(")\n");
    }
    head.push('\n');
    format!("{head}{body}")
}
