"""The house's layout: each folder of src/peermap is a layer and imports point down only.

Read from the source with `ast` (nothing is imported), so a new import that runs back up a
layer or closes a circle fails here with the file and the import named.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "peermap"

# What each layer may import (besides itself). `entry` is the console script's front door.
ALLOWED = {
    "core": set(),
    "storage": {"core"},
    "formats": {"core"},
    "render": {"core"},
    "flows": {"core", "storage"},
    # `run`: one invocation's state (read from options and environment) and its exit.
    "run": {"core", "storage", "render"},
    "app": {"core", "storage", "formats", "render", "flows", "run"},
    "entry": {"core", "storage", "app", "run"},
    "__main__": {"entry"},
    "__init__": set(),
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports_of(path: Path) -> set[str]:
    """Every peermap module the file imports, at module level or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("peermap"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                mod = ".".join([*base, node.module] if node.module else base)
            else:
                mod = node.module or ""
            if not mod.startswith("peermap"):
                continue
            found.add(mod)
            for a in node.names:  # `from peermap.core import model` imports a module
                where = SRC.parent / Path(*f"{mod}.{a.name}".split("."))
                if where.with_suffix(".py").exists() or where.is_dir():
                    found.add(f"{mod}.{a.name}")
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in SRC.rglob("*.py")}
    out: dict[str, set[str]] = {}
    for name, path in modules.items():
        # An import of a package means its __init__; keep only edges to real modules.
        out[name] = {m for m in imports_of(path) if m in modules and m != name}
    return out


def test_imports_point_down_the_layers():
    wrong = []
    for mod, deps in sorted(graph().items()):
        for dep in sorted(deps):
            if layer(dep) != layer(mod) and layer(dep) not in ALLOWED[layer(mod)]:
                if layer(dep) == "__init__":  # `from peermap import __version__`
                    continue
                wrong.append(f"{mod} -> {dep}")
    assert wrong == []


def test_no_import_circles():
    g = graph()
    circles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(g[m]):
            if state.get(d) == 1:
                circles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(g):
        if m not in state:
            visit(m)
    assert circles == []


def test_at_most_six_modules_directly_in_the_package():
    top = sorted(p.name for p in SRC.glob("*.py"))
    assert len(top) <= 6, top


@pytest.mark.parametrize("layer_name", sorted(k for k in ALLOWED
                                              if "_" not in k and k not in ("entry", "run")))
def test_every_layer_is_a_package(layer_name):
    assert (SRC / layer_name / "__init__.py").is_file()


def test_the_checker_sees_a_circle_and_an_upward_import(tmp_path, monkeypatch):
    """The graph test must be able to fail: a planted core -> app import is caught."""
    fake = tmp_path / "peermap"
    (fake / "core").mkdir(parents=True)
    (fake / "app").mkdir()
    for pkg in ("", "core", "app"):
        (fake / pkg / "__init__.py").write_text("")
    (fake / "core" / "a.py").write_text("from peermap.app import b\n")
    (fake / "app" / "b.py").write_text("from peermap.core import a\n")
    monkeypatch.setattr(__import__(__name__), "SRC", fake)
    with pytest.raises(AssertionError):
        test_imports_point_down_the_layers()
    with pytest.raises(AssertionError):
        test_no_import_circles()
