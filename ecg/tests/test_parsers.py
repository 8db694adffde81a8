"""What PostgreSQL cannot store, found anywhere in a JSON document and named by its path."""

import json

import pytest

from ecg.errors import DomainError
from ecg.parsers import require_storable, strict_json_loads, unstorable


@pytest.mark.parametrize(
    ("raw", "found"),
    [
        ('{"a": [1, {"b": "x\\u0000"}]}', ("a.1.b", "contains a NUL character (\\u0000)")),
        ('{"a": "\\udfff"}', ("a", "contains a lone surrogate (\\udfff), which is no character")),
        ('{"a": [0.5, -1e400]}', ("a.1", "is not a finite number")),
        ('{"k\\u0000": 1}', ("k\\u0000", "has a name containing a NUL character (\\u0000)")),
        (
            '["ok", "\\ud83d\\ude00", "\\ud83d"]',
            ("2", "contains a lone surrogate (\\ud83d), which is no character"),
        ),
    ],
)
def test_the_first_unstorable_value_is_named_by_its_path(raw, found):
    assert unstorable(strict_json_loads(raw)) == found


def test_ordinary_documents_pass_including_an_escape_written_out_as_text():
    document = {"text": "a \\u0000 b", "emoji": "\U0001f600", "n": [1e308, -0.0, 10**40]}
    assert unstorable(json.loads(json.dumps(document))) is None


def test_a_document_as_deep_as_the_parser_allows_is_checked_without_recursion():
    depth = 900
    deep = strict_json_loads("[" * depth + '"\\u0000"' + "]" * depth)
    assert unstorable(deep) == (".".join(["0"] * depth), "contains a NUL character (\\u0000)")


def test_the_refusal_is_a_coded_400_naming_the_path():
    with pytest.raises(DomainError) as refused:
        require_storable({"transcript": {"words": ["\x00"]}})
    assert (refused.value.status, refused.value.code) == (400, "VALUE_NOT_STORABLE")
    assert refused.value.details == {
        "path": "transcript.words.0",
        "problem": "contains a NUL character (\\u0000)",
    }
