"""The grader's shape (``docs/architecture.md``): no import cycles, and a student side that imports
nothing of the instructor's side, read from the sources' import statements (lazy imports included)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GRADER = ROOT / "grader"
#: What the student's kernel imports of the grader (and all that its sandbox mounts).
STUDENT_SIDE = ("grader.check", "grader.specs")


def _module(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path):
    """The grader modules that the module at ``path`` imports, anywhere in it."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return out


def _graph():
    modules = {_module(p): p for p in GRADER.rglob("*.py")}
    return {m: {i for i in _imports(p) if i in modules and i != m and not m.startswith(i + ".")}
            for m, p in modules.items()}


def test_the_grader_has_no_import_cycle():
    graph, done, path = _graph(), set(), []

    def visit(m):
        if m in path:
            pytest.fail("import cycle: " + " -> ".join(path[path.index(m):] + [m]))
        if m in done:
            return
        path.append(m)
        for n in sorted(graph[m]):
            visit(n)
        path.pop()
        done.add(m)

    for m in sorted(graph):
        visit(m)


def test_the_student_side_imports_only_itself():
    graph = _graph()
    student = [m for m in graph if m.startswith(STUDENT_SIDE)]
    assert "grader.check.checker" in student and "grader.specs.a01_neuron" in student
    for m in student:
        outside = {i for i in graph[m] if not i.startswith(STUDENT_SIDE) and i != "grader"}
        assert not outside, f"{m} imports {sorted(outside)} of the instructor's side"


def test_the_package_root_imports_nothing():
    assert not _imports(GRADER / "__init__.py")
