"""A creator's own words (names, places, brands, jargon) for the recognizer.

Terms are checked here, in one place, for the account's list, a job's words and the command
line alike. They reach Whisper as faster-whisper `hotwords`, a glossary sentence put before
every 30 s window it decodes: on a real radio monologue (bench/vocabulary.py) that turned 2 of
8 names heard right into 8 of 8, where the same sentence as `initial_prompt` reached 3 of 8
(with `condition_on_previous_text` off, the prompt only steers the first window). Unspoken
terms were not written in. A glossary longer than `MAX_PROMPT_TOKENS` is cut at a whole term:
the prompt's tokens are decoded again for every window, and Whisper keeps at most 223 of them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from ecg.errors import DomainError, ErrorCode

MAX_TERMS = 100
MAX_TERM_LENGTH = 50
MAX_PROMPT_TOKENS = 100
GLOSSARY = "Glossary: {}."


def _is_control(text: str) -> bool:
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in text)


def parse_terms(value: Any, *, field: str = "vocabulary") -> list[str]:
    """Terms from a list of strings or one comma-separated string: trimmed, inner spaces
    collapsed, empty ones and repeats (ignoring case) dropped. Raises VOCABULARY_INVALID,
    naming every bad term by its index, when a limit is broken."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list | tuple):
        raise _invalid({field: ["A list of terms, or one string of comma-separated terms."]})
    errors: dict[str, list[str]] = {}
    terms: list[str] = []
    seen: set[str] = set()
    for index, raw in enumerate(value):
        if not isinstance(raw, str):
            errors[f"{field}.{index}"] = ["Must be a string."]
            continue
        term = " ".join(raw.split())
        if len(term) > MAX_TERM_LENGTH:
            errors[f"{field}.{index}"] = [f"At most {MAX_TERM_LENGTH} characters."]
        elif _is_control(term):
            errors[f"{field}.{index}"] = ["Must not hold control characters."]
        elif term and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    if len(terms) > MAX_TERMS:
        errors[field] = [f"At most {MAX_TERMS} terms ({len(terms)} given)."]
    if errors:
        raise _invalid(errors)
    return terms


def _invalid(fields: dict[str, list[str]]) -> DomainError:
    return DomainError(
        ErrorCode.VOCABULARY_INVALID,
        f"A vocabulary holds at most {MAX_TERMS} terms of at most {MAX_TERM_LENGTH} characters.",
        details={"fields": fields, "max_terms": MAX_TERMS, "max_length": MAX_TERM_LENGTH},
    )


def merge(*lists: Iterable[str]) -> list[str]:
    """The terms of every list in order, each once (ignoring case): a job's own words come
    first, so they survive when the glossary is cut."""
    out: list[str] = []
    seen: set[str] = set()
    for terms in lists:
        for term in terms:
            if term.casefold() not in seen:
                seen.add(term.casefold())
                out.append(term)
    return out


def glossary(
    terms: Iterable[str], count_tokens: Callable[[str], int], limit: int = MAX_PROMPT_TOKENS
) -> tuple[str, list[str]]:
    """The hotwords sentence for `terms` within `limit` tokens, and the terms it holds."""
    given: list[str] = []
    for term in terms:
        if count_tokens(" " + GLOSSARY.format(", ".join([*given, term]))) > limit:
            break
        given.append(term)
    return (GLOSSARY.format(", ".join(given)) if given else ""), given
