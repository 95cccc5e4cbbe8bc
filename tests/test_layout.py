"""The package's shape: no import cycles, checks that stand alone, small modules, one cache."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import sanctionscreen as ss

PACKAGE = Path(ss.__file__).resolve().parent
README = Path(__file__).resolve().parent.parent / "README.md"

MAX_MODULE_LINES = 470
MAX_FUNCTION_LINES = 80


def modules() -> dict[str, tuple[Path, bool]]:
    """Every module of the package by dotted name, with whether it is a package."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under ``if TYPE_CHECKING:`` (never imported at run time)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in ast.walk(child))
            continue
        yield node
        yield from _runtime_nodes(node)


def imports() -> dict[str, set[str]]:
    """The package modules each module imports at run time, in functions too."""
    known = modules()
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in known.items():
        here = name.split(".") if is_package else name.split(".")[:-1]
        edges: set[str] = set()
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = here[: len(here) - node.level + 1] + (
                        node.module.split(".") if node.module else []
                    )
                    target = ".".join(base)
                else:
                    target = node.module or ""
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    edges.add(sub if sub in known else target)
            elif isinstance(node, ast.Import):
                edges.update(alias.name for alias in node.names)
        graph[name] = {edge for edge in edges if edge in known and edge != name}
    return graph


def test_no_import_cycles() -> None:
    graph = imports()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for edge in sorted(graph[node]):
            if state.get(edge) == 1:
                cycle = [*stack[stack.index(edge) :], edge]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if edge not in state:
                visit(edge)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_no_package_imports_inside_functions() -> None:
    """Imports inside functions hide cycles: only optional third-party extras may use them."""
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (
                    inner.level or (inner.module or "").startswith("sanctionscreen")
                ):
                    pytest.fail(f"{path.name}:{inner.lineno} imports inside {node.name}()")


def test_checks_stand_alone() -> None:
    """A check reads the screening context: it imports no other check and not the screener."""
    graph = imports()
    checks = {name for name in graph if name.startswith("sanctionscreen.checks.")}
    shared = {"sanctionscreen.checks.base"}
    for check in checks - shared:
        for edge in graph[check]:
            assert edge not in checks - shared, f"{check} imports {edge}"
            assert edge != "sanctionscreen.screener", f"{check} imports the screener"
            assert edge != "sanctionscreen.checks", f"{check} imports the registry"


def test_the_screener_knows_no_checks_internals() -> None:
    edges = imports()["sanctionscreen.screener"]
    assert not {e for e in edges if e.startswith("sanctionscreen.checks.")}, edges


def test_modules_and_functions_stay_small() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= MAX_MODULE_LINES, f"{path.name}: {text.count(chr(10))} lines"
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                assert size <= MAX_FUNCTION_LINES, f"{path.name}:{node.lineno} {node.name}"


def test_every_cache_is_registered() -> None:
    """Caches come from sanctionscreen._caching, so reset_caches() can empty them all."""
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "_caching.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"functools\.(?:lru_)?cache\b(?!d_property)", text), path.name


def test_reset_caches_empties_every_cache() -> None:
    from sanctionscreen import _caching

    ss.Screener().screen(
        ss.Shipment(
            exporter=ss.Entity("Example Pvt Ltd", country="India", address="Moscow"),
            consignee="OOO Sertal",
            destination="Russia",
            date="2023-03-24",
            value="RUB 1,000",
            goods=[ss.GoodsItem("Microcontrollers", hs_code="8542.31")],
        )
    )
    filled = [c for c in _caching._REGISTRY if c.cache_info().currsize]
    assert len(filled) > 20  # tables, names, descriptions, places, settlement notes...
    ss.reset_caches()
    assert all(c.cache_info().currsize == 0 for c in _caching._REGISTRY)


def test_the_readme_uses_only_public_names() -> None:
    """Everything the README names is in ``ss.__all__`` or a subpackage's ``__all__``."""
    if not README.exists():
        pytest.skip("README.md is not beside the tests")
    code = README.read_text(encoding="utf-8")
    for name in set(re.findall(r"\bss\.(\w+)", code)):
        assert name in ss.__all__, f"ss.{name}"
    for module, names in re.findall(r"from (sanctionscreen\.[\w.]+) import ([\w, ]+)", code):
        exported = __import__(module, fromlist=["__all__"]).__all__
        for name in names.split(","):
            assert name.strip() in exported, f"{module}.{name.strip()}"
