"""The font build (scripts/build_fonts.py) is redone when what it builds from changes, and only
then: the JavaScript linters share package-lock.json with the font packages."""

import importlib.util
import json
from pathlib import Path

from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "build_fonts.py"
spec = importlib.util.spec_from_file_location("build_fonts", SCRIPT)
assert spec is not None
assert spec.loader is not None
build_fonts = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_fonts)

CONFIG = (Path(settings.BASE_DIR) / "static" / "captions" / "fonts.json").read_text()
LOCK = json.loads((Path(settings.BASE_DIR) / "package-lock.json").read_text())


def _with(package: str, version: str) -> str:
    lock = json.loads(json.dumps(LOCK))
    lock["packages"][f"node_modules/{package}"] = {"version": version, "dev": True}
    return json.dumps(lock)


def test_a_linter_upgrade_in_the_lock_file_keeps_the_built_fonts():
    before = build_fonts.fingerprint(CONFIG, json.dumps(LOCK))
    assert build_fonts.fingerprint(CONFIG, _with("eslint", "0.0.1")) == before


def test_a_font_package_upgrade_rebuilds_the_fonts():
    before = build_fonts.fingerprint(CONFIG, json.dumps(LOCK))
    assert build_fonts.fingerprint(CONFIG, _with("@fontsource/inter", "0.0.1")) != before
