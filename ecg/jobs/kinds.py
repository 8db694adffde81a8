"""Kinds of background job, and the registry the one job runner finds them in.

A kind says everything the runner (`ecg.jobs.runner`) and the remote worker
(`ecg.jobs.remote_worker`) need: its model and actor, its phases, where its input is stored
and its output goes, the plain payload its work reads, the work itself (engines only: no ORM,
so a remote server runs the very same function) and how a result is checked and saved.
Apps register their kinds when they are ready; this module imports no app.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings

from ecg.errors import ErrorCode
from ecg.jobs.models import Job

PhaseWeights = dict[str, tuple[float, float]]
Report = Callable[[str, float], None]


@dataclass(frozen=True)
class WorkDone:
    """What a job's work produced: the result (JSON) and, for kinds with one, an output file
    in the scratch directory that the runner stores (or a remote worker uploads)."""

    result: dict[str, Any]
    output: Path | None = None


@dataclass(frozen=True)
class RemoteServer:
    url: str
    secrets: Sequence[str]


class JobKind(Protocol):
    name: str  # "transcription", "render": the callback path, scratch prefix, payload tag
    actor_name: str
    what: str  # how messages name it: "Transcription"
    failure_code: ErrorCode
    phases: PhaseWeights  # the first phase fetches the input, the last stores the result

    @property
    def model(self) -> type[Job]: ...

    def remote(self) -> RemoteServer | None:
        """The remote server this kind's jobs go to, or None to run them here."""
        ...

    def secrets(self) -> Sequence[str]:
        """Every secret a remote server of this kind may sign with (the first signs ours)."""
        ...

    def time_limit_seconds(self) -> int:
        """How long one run may take (the actor's limit, the remote output link's life)."""
        ...

    def input_key(self, job: Any) -> str: ...

    def output_key(self, job: Any) -> str | None: ...

    def estimate_seconds(self, job: Any) -> float: ...

    def remote_payload(self, job: Any) -> dict[str, Any]:
        """The plain description of the work (JSON), read by `work` here and remotely."""
        ...

    def parse_payload(self, payload: Any) -> dict[str, Any]:
        """A payload that came over the wire, validated (raises DomainError)."""
        ...

    def work(self, payload: dict[str, Any], source: str, workdir: Path, report: Report) -> WorkDone:
        """Do the job on the input at `source` (a path or URL), in the scratch `workdir`."""
        ...

    def save_result(self, job: Any, result: dict[str, Any]) -> None:
        """Check a result (raises DomainError), store it and let the job succeed."""
        ...


class KindSettings:
    """`remote()`, `secrets()` and `time_limit_seconds()` of a kind, read from the settings it
    names."""

    url_setting: str
    secrets_setting: str
    time_limit_setting: str

    def remote(self) -> RemoteServer | None:
        url = getattr(settings, self.url_setting)
        return RemoteServer(url, self.secrets()) if url else None

    def secrets(self) -> Sequence[str]:
        return list(getattr(settings, self.secrets_setting))

    def time_limit_seconds(self) -> int:
        return int(getattr(settings, self.time_limit_setting))


_KINDS: dict[str, JobKind] = {}


def kind_register(kind: JobKind) -> None:
    _KINDS[kind.name] = kind


def kinds_all() -> list[JobKind]:
    return list(_KINDS.values())


def kind_named(name: str) -> JobKind | None:
    return _KINDS.get(name)


def kind_of(job: Job) -> JobKind:
    for kind in _KINDS.values():
        if isinstance(job, kind.model):
            return kind
    raise LookupError(f"No job kind is registered for {type(job).__name__}")
