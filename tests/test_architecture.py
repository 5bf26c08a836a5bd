"""The architecture the README draws, checked on the source: module sizes, layers, cycles.

Imports are read with :mod:`ast` (those inside functions too), nothing is imported. The
layers, bottom to top::

    geodata → dashboard's root vocabulary → figures → views, editing → export → layouts
    → callbacks → server

A module may import its own layer and the layers below, never one above; ``views`` and
``editing`` stand side by side and do not import each other.
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Source checked for size; the layers are those of ``dashboard`` and ``geodata``.
SOURCES = ("app.py", "dashboard", "geodata", "scripts")
MAX_LINES = 500
#: The shared vocabulary of ``dashboard/``, reachable from every part: nothing else
#: lives at the root of the package.
VOCABULARY = ("classification", "config", "constants", "formatting", "ids", "palettes",
              "place_strings", "strings")
MAX_ROOT_MODULES = 8
#: Parts of the layering, bottom to top; parts of one rank do not import each other.
LAYERS = (
    ("geodata",),
    ("vocabulary",),
    ("figures",),
    ("views", "editing"),
    ("export",),
    ("layouts",),
    ("callbacks",),
    ("server",),
)
RANK = {part: rank for rank, parts in enumerate(LAYERS) for part in parts}
ORDER = " → ".join(", ".join(parts) for parts in LAYERS)


@dataclass(frozen=True)
class Import:
    """One import statement: who imports which project module, and where."""

    source: str
    target: str
    path: Path
    line: int

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line} imports {self.target}"


def python_files() -> list[Path]:
    files = []
    for source in SOURCES:
        path = ROOT / source
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [file for file in files if "__pycache__" not in file.parts]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in python_files()}


def imports() -> Iterator[Import]:
    """Every import of a project module by a project module (submodules resolved)."""
    for source, path in MODULES.items():
        package = source if path.name == "__init__.py" else source.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES
                           else base for alias in node.names]
            else:
                continue
            for target in dict.fromkeys(targets):
                if target not in MODULES and source.startswith("scripts."):
                    target = f"scripts.{target}"  # the scripts put their folder on sys.path
                if target in MODULES and target != source:
                    yield Import(source, target, path, node.lineno)


IMPORTS = list(imports())


def part_of(module: str) -> str | None:
    """Layer part of a module of ``geodata`` or ``dashboard``; None for the entry points."""
    top, _, rest = module.partition(".")
    if top == "geodata":
        return "geodata"
    if top != "dashboard":
        return None
    head = rest.partition(".")[0]
    return head if head in RANK else "vocabulary"


def test_no_module_is_over_500_lines() -> None:
    too_long = {str(path.relative_to(ROOT)): count for path in MODULES.values()
                if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not too_long, (
        f"modules over {MAX_LINES} lines: {too_long}. Split each along a seam of its own "
        "(one page, one step, one kind of file), into modules of one clear job each.")


def test_dashboard_root_holds_only_the_shared_vocabulary() -> None:
    root = sorted(path.stem for path in (ROOT / "dashboard").glob("*.py")
                  if path.stem != "__init__")
    strangers = [name for name in root if name not in VOCABULARY]
    assert not strangers, (
        f"dashboard/ holds {strangers} beside the shared vocabulary {list(VOCABULARY)}: "
        "move each into its part (server/, editing/, views/, figures/, export/, layouts/, "
        "callbacks/), or, if every part needs it, add it to VOCABULARY here.")
    assert len(root) <= MAX_ROOT_MODULES, (
        f"dashboard/ holds {len(root)} modules; keep the vocabulary to {MAX_ROOT_MODULES}.")


def test_imports_never_run_upward() -> None:
    upward = []
    for found in IMPORTS:
        source, target = part_of(found.source), part_of(found.target)
        if source is None or target is None or source == target:
            continue
        if RANK[target] >= RANK[source]:
            side = "beside" if RANK[target] == RANK[source] else "above"
            upward.append(f"{found}: {target} stands {side} {source}")
    assert not upward, (
        f"imports that run upward (layers, bottom to top: {ORDER}):\n" + "\n".join(upward)
        + "\nMove the code the lower module needs down to a layer both can import, or "
          "move the importing code up: a layer never imports one above it, and views and "
          "editing, side by side, do not import each other.")


def test_no_import_cycles() -> None:
    graph: dict[str, set[str]] = {module: set() for module in MODULES}
    for found in IMPORTS:
        graph[found.source].add(found.target)
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        cycle = " → ".join(reversed(error.args[1]))
        pytest.fail(f"import cycle (each module imports the next): {cycle}. Move what the "
                    "modules share into a module that they all import, so that the imports "
                    "run one way.")
