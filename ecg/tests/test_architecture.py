"""The shape of the code: dependencies between apps run one way, modules import each other in
no circle, engines stay free of the ORM and HTTP. Read from the source, so a new import that
breaks the picture in docs/architecture.md fails here."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Lowest first: an app may import its own modules and those of the apps before it.
LAYERS = ("ecg", "accounts", "quotas", "media", "rendering", "pages")
ENGINES = (
    "media/probe.py",
    "media/transcription/audio.py",
    "media/transcription/embedded.py",
    "media/transcription/engine.py",
    "media/transcription/options.py",
    "media/transcription/pipeline.py",
    "media/transcription/schema.py",
    "media/transcription/subtitles.py",
    "media/transcription/whisperx_engine.py",
    "rendering/compose.py",
    "rendering/fonts.py",
    "rendering/layout.py",
    "rendering/painter.py",
    "rendering/renderer.py",
    "rendering/scenario.py",
)
ENGINE_FORBIDDEN = ("django.db", "django.http", "rest_framework", ".models", ".views", ".api")
# Imports inside functions are allowed only where the import cannot run at module load:
# AppConfig.ready() (actors, kinds, receivers are connected once the registry is ready) and
# the broker middleware, which settings load before any app exists.
LATE_IMPORTS_ALLOWED = ("apps.py", "ecg/broker.py")


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT)
            if "tests" in relative.parts or "migrations" in relative.parts:
                continue
            name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
            modules[name] = path
    return modules


MODULES = project_modules()


def imports(path: Path) -> Iterator[tuple[str, int, bool]]:
    """(imported project module, line, whether inside a function) of every import."""
    tree = ast.parse(path.read_text())
    late = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name in MODULES:
                yield name, node.lineno, id(node) in late


def layer(module: str) -> int:
    return LAYERS.index(module.split(".")[0])


def test_the_project_modules_are_found():
    assert {"ecg.jobs.runner", "media.services", "rendering.kind", "pages.views"} <= set(MODULES)


def test_no_app_imports_an_app_above_it():
    upward = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for module, path in MODULES.items()
        for target, line, _ in imports(path)
        if layer(target) > layer(module)
    ]
    assert upward == []


def test_no_import_hides_inside_a_function():
    late = [
        f"{path.relative_to(ROOT)}:{line} imports {target}"
        for module, path in MODULES.items()
        if not str(path.relative_to(ROOT)).endswith(LATE_IMPORTS_ALLOWED)
        for target, line, inside in imports(path)
        if inside
    ]
    assert late == []


def test_modules_import_each_other_in_no_circle():
    graph = {
        module: {t for t, _, _ in imports(path) if t != module} for module, path in MODULES.items()
    }
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 finished

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph.get(module, ())):
            if state.get(target) == 1:
                cycles.append([*trail[trail.index(target) :], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    # A package's __init__ is imported by its submodules' imports; that is no circle.
    cycles = [c for c in cycles if not any(c[0].startswith(f"{m}.") for m in c[1:])]
    assert cycles == []


@pytest.mark.parametrize("engine", ENGINES)
def test_engines_know_nothing_of_the_orm_or_http(engine):
    tree = ast.parse((ROOT / engine).read_text())
    names = [
        alias.name if isinstance(node, ast.Import) else f"{node.module}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert [
        n for n in names if n.startswith(ENGINE_FORBIDDEN[:3]) or n.endswith(ENGINE_FORBIDDEN[3:])
    ] == []


def test_the_checker_sees_an_upward_import(tmp_path):
    """The layer test is not vacuous: an accounts module importing rendering is caught."""
    probe = tmp_path / "probe.py"
    probe.write_text("def f():\n    from rendering.models import RenderJob\n")
    found = list(imports(probe))
    assert found == [("rendering.models", 2, True)]
    assert layer("rendering.models") > layer("accounts.services")
