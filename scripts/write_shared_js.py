"""Write static/captions/shared.js from rendering/shared.py: the constants, names and shapes
that the Python side and the caption renderer share (see rendering/shared_js.py).

Usage: python scripts/write_shared_js.py [--check] [--output PATH]
  --check: write nothing; exit 1, saying so, if the file differs from what would be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rendering.shared_js import PATH, module_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the file is stale")
    parser.add_argument("--output", type=Path, default=PATH, help="default: %(default)s")
    args = parser.parse_args(argv)
    text = module_text()
    current = args.output.read_text(encoding="utf-8") if args.output.exists() else None
    if args.check:
        if current != text:
            print(
                f"{args.output} differs from what rendering/shared.py generates: "
                "run `python scripts/write_shared_js.py`",
                file=sys.stderr,
            )
            return 1
        return 0
    if current != text:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
