#!/usr/bin/env python3
"""Import cycles between the modules of a Rust crate (python3, standard library only).

    scripts/module_cycles.py [--edges] [SRC]

SRC defaults to crates/wholesale-core/src; --edges also lists every edge.

Two kinds of graph are built from the paths the code names (`use crate::x::..`,
`use super::{x::A, y}`, and paths written inline such as `crate::x::f()`):

- the top-level modules (`src/x.rs` or `src/x/mod.rs`): an edge x -> y when
  any file under x names `crate::y` (lib.rs, the root, is not a node);
- the submodules of each module d with children (`src/d/s.rs`,
  `src/d/s/mod.rs`): an edge s -> t when any file under s names `super::t`
  or `crate::d::t`. d itself (its mod.rs or d.rs) is not a node: it declares
  and re-exports its children, and a child naming an item of d
  (`super::Error`) is a child using its parent.

Comments (doc comments and their intra-doc links included) and string
literals are ignored; `super` inside an inline `mod tests { .. }` is resolved
relative to that inline module. Edges found only in `#[cfg(test)]` modules
count like the others and are marked "(test)".

Prints every cycle (each strongly connected component with one shortest cycle
through it, and the references behind each of its edges), or "no cycles".
Exit status: 0 no cycles, 1 at least one cycle, 2 bad usage.
"""

import bisect
import os
import re
import sys
from collections import defaultdict, deque

KEYWORDS_PATH_START = ("crate", "super", "self")


def strip_code(text):
    """The text with comments, string and char literals blanked (newlines kept)."""
    out = []
    i, n = 0, len(text)

    def blank(s):
        return "".join("\n" if c == "\n" else " " for c in s)

    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "/" and nxt == "/":
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(blank(text[i:j]))
            i = j
        elif c == "/" and nxt == "*":
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(blank(text[i:j]))
            i = j
        elif c in "rb" and re.match(r"(?:br|r)#*\"", text[i:i + 300]) and not (
            i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")
        ):
            m = re.match(r"(?:br|r)(#*)\"", text[i:])
            end = text.find('"' + m.group(1), i + m.end())
            j = n if end < 0 else end + 1 + len(m.group(1))
            out.append(blank(text[i:j]))
            i = j
        elif c == '"' or (c == "b" and nxt == '"' and not (
            i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")
        )):
            j = i + (2 if c == "b" else 1)
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(blank(text[i:j]))
            i = j
        elif c == "'":
            # A char literal ('a', '\n', '\u{1F600}', '\'') or a lifetime ('a).
            m = re.match(r"'(?:\\u\{[0-9a-fA-F]+\}|\\x[0-9a-fA-F]{2}|\\.|[^\\'\n])'", text[i:])
            if m:
                out.append(blank(m.group(0)))
                i += m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|::|#!?\[|[{}(),;*\[\]]|\S")


def tokens(code):
    """(token, line) pairs of stripped code."""
    line_starts = [0]
    for m in re.finditer("\n", code):
        line_starts.append(m.end())

    for m in TOKEN.finditer(code):
        yield m.group(0), bisect.bisect_right(line_starts, m.start())


def parse_use_tree(toks, i):
    """Parses a use tree at toks[i]; returns (list of paths, next index)."""
    prefix = []
    while i < len(toks):
        t = toks[i][0]
        if t == "{":
            paths, i = [], i + 1
            while i < len(toks) and toks[i][0] != "}":
                sub, i = parse_use_tree(toks, i)
                paths.extend(prefix + p for p in sub)
                if i < len(toks) and toks[i][0] == ",":
                    i += 1
            return paths or [prefix], i + 1
        if t == "*":
            return [prefix + ["*"]], i + 1
        if re.match(r"[A-Za-z_]", t):
            if t == "as":  # `use a::b as c`: the alias does not matter
                i += 2
                return [prefix], i
            prefix.append(t)
            i += 1
            if i < len(toks) and toks[i][0] == "::":
                i += 1
                continue
            if i < len(toks) and toks[i][0] == "as":
                i += 2
            return [prefix], i
        if t == "::":  # a leading `::`
            i += 1
            continue
        return [prefix], i
    return [prefix], i


def references(path_of_file, text):
    """(absolute module path, line, in_test) of every crate/super/self path in text."""
    toks = list(tokens(strip_code(text)))
    stack = []  # one entry per open brace: (inline module name or None, is_test)
    refs = []
    pending_test = False
    i = 0

    def inline():
        return [name for name, _ in stack if name]

    def in_test():
        return any(test for _, test in stack)

    def resolve(segments):
        here = path_of_file + inline()
        if not segments:
            return None
        head, rest = segments[0], segments[1:]
        if head == "crate":
            base = []
        elif head == "self":
            base = list(here)
        elif head == "super":
            base = list(here)
            while True:
                if not base:
                    return None
                base.pop()
                if rest and rest[0] == "super":
                    rest = rest[1:]
                    continue
                break
        else:
            return None  # an external crate or a local name
        return base + rest

    while i < len(toks):
        t, line = toks[i]
        if t in ("#[", "#!["):
            # An attribute: note #[cfg(test)] for the next inline module.
            depth, j = 1, i + 1
            words = []
            while j < len(toks) and depth:
                if toks[j][0] in ("[", "#[", "#!["):
                    depth += 1
                elif toks[j][0] == "]":
                    depth -= 1
                words.append(toks[j][0])
                j += 1
            if words[:4] == ["cfg", "(", "test", ")"]:
                pending_test = True
            i = j
            continue
        if t == "mod" and i + 2 < len(toks) and toks[i + 2][0] == "{":
            stack.append((toks[i + 1][0], pending_test))
            pending_test = False
            i += 3
            continue
        if t == "{":
            stack.append((None, False))
        elif t == "}":
            if stack:
                stack.pop()
        elif t in (";", "fn", "struct", "enum", "impl", "use"):
            pending_test = False
        if t == "use":
            paths, j = parse_use_tree(toks, i + 1)
            for p in paths:
                target = resolve(p)
                if target is not None:
                    refs.append((target, line, in_test()))
            i = j
            continue
        if t in KEYWORDS_PATH_START and i + 1 < len(toks) and toks[i + 1][0] == "::":
            prev = toks[i - 1][0] if i else ""
            if prev != "::" and prev != "$":
                segments, j = [t], i + 1
                while j + 1 < len(toks) and toks[j][0] == "::" and re.match(
                    r"[A-Za-z_]", toks[j + 1][0]
                ):
                    segments.append(toks[j + 1][0])
                    j += 2
                target = resolve(segments)
                if target is not None:
                    refs.append((target, line, in_test()))
                i = j
                continue
        i += 1
    return refs


def module_files(src):
    """{module path tuple: file} for every .rs file under src (lib.rs is ())."""
    files = {}
    for root, _dirs, names in os.walk(src):
        for name in names:
            if not name.endswith(".rs"):
                continue
            full = os.path.join(root, name)
            rel = os.path.relpath(full, src).replace(os.sep, "/")
            parts = rel[:-3].split("/")
            if parts[-1] == "mod":
                parts = parts[:-1]
            elif parts == ["lib"] or parts == ["main"]:
                parts = []
            files[tuple(parts)] = full
    return files


def strongly_connected(nodes, edges):
    """Tarjan's algorithm; components with more than one node."""
    index, low, on_stack, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def shortest_cycle(start, members, edges):
    """A shortest cycle start -> ... -> start inside members."""
    previous = {start: None}
    queue = deque([start])
    while queue:
        v = queue.popleft()
        for w in sorted(edges.get(v, ())):
            if w == start:
                path = [v]
                while previous[path[-1]] is not None:
                    path.append(previous[path[-1]])
                return list(reversed(path)) + [start]
            if w in members and w not in previous:
                previous[w] = v
                queue.append(w)
    return None


def main(argv):
    args = argv[1:]
    show_edges = "--edges" in args
    args = [a for a in args if a != "--edges"]
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print(__doc__.strip())
        return 0 if args and args[0] in ("-h", "--help") else 2
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    src = args[0] if args else os.path.join(repo, "crates", "wholesale-core", "src")
    if not os.path.isdir(src):
        print(f"no such directory: {src}", file=sys.stderr)
        return 2
    files = module_files(src)
    # graph name -> (nodes, {u: {v}}, {(u, v): [evidence]})
    graphs = {}

    def graph(name, nodes):
        if name not in graphs:
            graphs[name] = (set(nodes), defaultdict(set), defaultdict(list))
        return graphs[name]

    # children[parent]: the modules declared directly in parent (() = the root).
    children = defaultdict(set)
    for p in files:
        for k in range(len(p)):
            children[p[:k]].add(p[k])

    def graph_name(parent):
        return "submodules of " + "::".join(parent) if parent else "top-level modules"

    for parent, kids in children.items():
        graph(graph_name(parent), kids)

    for path, file in sorted(files.items()):
        if not path:
            continue
        with open(file, encoding="utf-8") as f:
            text = f.read()
        rel = os.path.relpath(file, src)
        lines = text.splitlines()
        for target, line, test in references(list(path), text):
            evidence = (rel, line, lines[line - 1].strip() if line <= len(lines) else "", test)
            # At every level of the file's path: a file is part of each of its
            # ancestors, so a reference from a::b::c to a::d is an edge b -> d
            # among a's submodules (and, at the top, a's own references count
            # for a).
            for k in range(len(path)):
                parent, me = path[:k], path[k]
                if (
                    tuple(target[:k]) == parent
                    and len(target) > k
                    and target[k] in children[parent]
                    and target[k] != me
                ):
                    _, edges, why = graphs[graph_name(parent)]
                    edges[me].add(target[k])
                    if (rel, line) not in {(r[0], r[1]) for r in why[(me, target[k])]}:
                        why[(me, target[k])].append(evidence)

    if show_edges:
        for name in sorted(graphs):
            _, edges, why = graphs[name]
            print(f"{name}:")
            for u in sorted(edges):
                for v in sorted(edges[u]):
                    test_only = all(r[3] for r in why[(u, v)])
                    print(f"  {u} -> {v}{' (test)' if test_only else ''}")
    found = False
    for name in sorted(graphs):
        nodes, edges, why = graphs[name]
        for component in strongly_connected(nodes, edges):
            found = True
            members = set(component)
            cycle = shortest_cycle(component[0], members, edges)
            print(f"cycle in {name}: {' -> '.join(cycle)}")
            print(f"  strongly connected: {', '.join(component)}")
            for u in component:
                for v in sorted(edges[u] & members):
                    refs = why[(u, v)]
                    test_only = all(r[3] for r in refs)
                    print(f"  {u} -> {v}{' (test)' if test_only else ''}:")
                    for rel, line, code, test in refs[:5]:
                        print(f"    {rel}:{line}: {code}{'  (test)' if test else ''}")
                    if len(refs) > 5:
                        print(f"    ... and {len(refs) - 5} more")
    if not found:
        print("no cycles")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
