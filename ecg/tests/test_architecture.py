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
    "media/transcription/placing.py",
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


# --- Messages to workers: one guarded sender ----------------------------------------------
# `ecg/jobs/dispatch.py` alone talks to the broker; its senders never raise (a failed send is
# logged and remembered for the sweep), so a broker that is away cannot fail a request.
DISPATCH = "ecg/jobs/dispatch.py"
BROKER_CALLS = {"send_with_options", "enqueue", "get_actor", "get_broker", "send_task"}
ACTOR_CALLS = {"send", "send_with_options", "message", "message_with_options"}
SENDING = {"send", "send_robust", "send_task", "send_with_options", "enqueue"}


def callee(call: ast.Call) -> tuple[str, str | None]:
    """(name called, name of what it is called on) of `f(...)`, `a.f(...)`, `a.b.f(...)`."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id, None
    if isinstance(func, ast.Attribute):
        owner = func.value
        return func.attr, owner.id if isinstance(owner, ast.Name) else None
    return "", None


def defined_names(trees: list[ast.Module]) -> tuple[set[str], set[str]]:
    """Names bound to Dramatiq actors and to Django signals anywhere in the project."""
    actors: set[str] = set()
    signals: set[str] = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and any(
                "actor" in ast.unparse(d) for d in node.decorator_list
            ):
                actors.add(node.name)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                made = callee(node.value)[0]
                names = {t.id for t in node.targets if isinstance(t, ast.Name)}
                if made.endswith("actor"):
                    actors |= names
                elif made == "Signal":
                    signals |= names
    return actors, signals


def direct_sends(tree: ast.Module, actors: set[str]) -> list[int]:
    """Lines that reach the broker without the guarded sender."""
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and (
            callee(node)[0] in BROKER_CALLS
            or (callee(node)[0] in ACTOR_CALLS and callee(node)[1] in actors)
        )
    ]


def unguarded_on_commit_sends(tree: ast.Module, signals: set[str]) -> list[int]:
    """Lines of `on_commit` callbacks that send anything but a signal, or cannot be read."""
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and callee(node)[0] == "on_commit" and node.args):
            continue
        callback = node.args[0]
        if isinstance(callback, ast.Call) and callee(callback)[0] == "partial":
            callback = callback.args[0]
        if isinstance(callback, ast.Name) and callback.id in functions:
            callback = functions[callback.id]
        if not isinstance(callback, ast.Lambda | ast.FunctionDef):
            found.append(node.lineno)
            continue
        found += [
            call.lineno
            for call in ast.walk(callback)
            if isinstance(call, ast.Call)
            and callee(call)[0] in SENDING
            and callee(call)[1] not in signals
        ]
    return found


TREES = {path: ast.parse(path.read_text()) for path in MODULES.values()}
ACTORS, SIGNALS = defined_names(list(TREES.values()))


def test_only_the_dispatch_module_talks_to_the_broker():
    assert {"make_thumbnail", "transcribe_video", "render_video"} <= ACTORS
    direct = [
        f"{path.relative_to(ROOT)}:{line}"
        for path, tree in TREES.items()
        if str(path.relative_to(ROOT)) != DISPATCH
        for line in direct_sends(tree, ACTORS)
    ]
    assert direct == []


def test_every_on_commit_callback_sends_through_the_guarded_sender():
    unguarded = [
        f"{path.relative_to(ROOT)}:{line}"
        for path, tree in TREES.items()
        for line in unguarded_on_commit_sends(tree, SIGNALS)
    ]
    assert unguarded == []


def test_the_send_checkers_see_an_unguarded_send():
    """Not vacuous: the send that answered 500 with the broker away, and variants, are caught."""
    probe = ast.parse(
        "def later():\n"
        "    make_thumbnail.send(video_id)\n"
        "transaction.on_commit(lambda: send_task('make_thumbnail', video_id))\n"
        "transaction.on_commit(later)\n"
        "transaction.on_commit(imported_callback)\n"
        "transaction.on_commit(lambda: job_finished.send(sender=Job, job=job))\n"
        "transaction.on_commit(lambda: message_send('make_thumbnail', video_id))\n"
        "dramatiq.get_broker().enqueue(message)\n"
    )
    assert sorted(direct_sends(probe, {"make_thumbnail"})) == [2, 3, 8, 8]
    assert sorted(unguarded_on_commit_sends(probe, {"job_finished"})) == [2, 3, 5]
