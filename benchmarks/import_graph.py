"""Import cycles between the project's modules (type-only imports counted) and the language branches left.

Prints every cycle in the graph of `index/` and `assistant/` modules (an edge for every `import` or
`from … import` of a project module anywhere in a file, `if TYPE_CHECKING:` blocks and imports inside
functions included), and the number of `lang == …` / `lang != …` comparisons per file.
Usage: python -m benchmarks.import_graph   (exit status 1 when there is a cycle)
"""
from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("index", "assistant")
LANG_BRANCH = re.compile(r"""\blang\w*\s*[!=]=\s*["'](?:en|ja)["']|["'](?:en|ja)["']\s*[!=]=\s*\w*lang\b""")


def modules() -> dict[str, Path]:
    out = {}
    for pkg in PACKAGES:
        for path in (ROOT / pkg).rglob("*.py"):
            rel = path.relative_to(ROOT).with_suffix("")
            parts = list(rel.parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def edges(name: str, path: Path, known: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")
                up = up[:len(up) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                out.add(t)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def main() -> int:
    mods = modules()
    graph = {n: edges(n, p, set(mods)) for n, p in mods.items()}
    # a package's __init__ importing its own submodules is not a cycle of the house
    for n in graph:
        graph[n] = {t for t in graph[n] if not (t.startswith(n + ".") and mods[n].name == "__init__.py")}
    found = cycles(graph)
    print(f"{len(mods)} modules, {sum(len(e) for e in graph.values())} import edges")
    print("import cycles:", "none" if not found else "")
    for c in found:
        print("  " + " <-> ".join(c))
    counts = {str(p.relative_to(ROOT)): len(LANG_BRANCH.findall(p.read_text(encoding="utf-8"))) for p in mods.values()}
    total = sum(counts.values())
    print(f"language branches (lang == / != 'en'|'ja'): {total}")
    for f, c in sorted(counts.items(), key=lambda kv: -kv[1]):
        if c:
            print(f"  {c:3d}  {f}")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
