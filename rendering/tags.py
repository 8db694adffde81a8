"""Tags on words: the style's rules (the creator's keywords, word lists, regular expressions and
the built-in numbers and money) and how a tag looks (colour, weight, animation, emoji).

Patterns run on RE2 (google-re2): matching takes time linear in the word, whatever the pattern,
so a creator's pattern cannot stall a layout; what RE2 refuses (back-references, look-around)
is named in the error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

import re2

from media.transcription.schema import TAG
from rendering.shared import TAG_ANIMATIONS

MAX_RULES = 20
MAX_WORDS_PER_LIST = 200
MAX_ENTRY_CHARS = 60
MAX_PATTERN_CHARS = 200
MAX_TAG_STYLES = 20
MAX_EMOJI_CHARS = 16
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
_DIGIT = re.compile(r"\d")
_CURRENCY_SUFFIX = re.compile(r"\d\s*(원|円|元|块|塊|万円|만원)\W*$")
# A number followed by one of these is money too ("20 dollars", "cinco euros" is not: no digit).
_CURRENCY_NAMES = (  # not "pounds" or "real": "5 pounds of flour", "3 real problems"
    "dollar dollars bucks euro euros yen won yuan peso pesos rupee rupees reais franc francs "
    "lira dirham dirhams rubles рублей рубля долларов евро"
)
CURRENCY_WORDS = frozenset(_CURRENCY_NAMES.split())
_KEYCAP = "\u20e3"
HEX_COLOR = re.compile(r"#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?")


def normalized(text: str) -> str:
    """A word as lists match it: outer punctuation off, case folded, composed."""
    return unicodedata.normalize("NFC", _EDGE_PUNCTUATION.sub("", text)).casefold()


def _pattern_options() -> Any:
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = 1 << 20  # a pattern's program stays small
    options.log_errors = False
    return options


def compile_pattern(pattern: str) -> Any:
    """RE2's compiled pattern, case-insensitive; raises ValueError with RE2's reason."""
    try:
        return re2.compile(pattern, _pattern_options())
    except re2.error as exc:
        reason = exc.args[0] if exc.args else ""
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        if "\\1" in pattern or "(?<" in pattern or "(?=" in pattern or "(?!" in pattern:
            reason += " (back-references and look-around are not supported)"
        raise ValueError(reason or "not a pattern RE2 accepts") from exc


def validate_entries(errors: dict[str, str], path: str, value: Any) -> None:
    """A list of words or phrases (a keyword list, a rule's words)."""
    if not isinstance(value, list) or len(value) > MAX_WORDS_PER_LIST:
        errors[path] = f"must be a list of up to {MAX_WORDS_PER_LIST} words or phrases"
        return
    for index, entry in enumerate(value):
        if not isinstance(entry, str) or not 0 < len(entry.strip()) <= MAX_ENTRY_CHARS:
            errors[f"{path}.{index}"] = f"must be 1 to {MAX_ENTRY_CHARS} characters"
            return


def validate_rules(errors: dict[str, str], path: str, value: Any) -> None:
    """`[{"tag": slug, "words": [...]} | {"tag": slug, "pattern": "..."}]`."""
    if not isinstance(value, list) or len(value) > MAX_RULES:
        errors[path] = f"must be a list of up to {MAX_RULES} rules"
        return
    for index, rule in enumerate(value):
        where = f"{path}.{index}"
        if not isinstance(rule, dict) or set(rule) - {"tag", "words", "pattern"}:
            errors[where] = 'must be {"tag": ..., "words": [...]} or {"tag": ..., "pattern": ...}'
            continue
        if not isinstance(rule.get("tag"), str) or not TAG.fullmatch(rule["tag"]):
            errors[f"{where}.tag"] = "must be a short slug: lowercase letters, digits and -"
        if ("words" in rule) == ("pattern" in rule):
            errors[where] = "must have either words or a pattern"
        elif "words" in rule:
            validate_entries(errors, f"{where}.words", rule["words"])
        else:
            pattern = rule["pattern"]
            if not isinstance(pattern, str) or not 0 < len(pattern) <= MAX_PATTERN_CHARS:
                errors[f"{where}.pattern"] = f"must be 1 to {MAX_PATTERN_CHARS} characters"
                continue
            try:
                compile_pattern(pattern)
            except ValueError as exc:
                errors[f"{where}.pattern"] = f"is not a pattern we can run: {exc}"


def _is_emoji(text: str) -> bool:
    """Pictographs and symbols with their joiners and modifiers (keycaps allow #, * and digits)."""
    allowed = ("So", "Sk", "Sm", "Mn", "Me", "Cf")
    return all(
        unicodedata.category(char) in allowed or (_KEYCAP in text and char in "#*0123456789")
        for char in text
    )


def validate_tag_styles(errors: dict[str, str], path: str, value: Any) -> None:
    """`{tag: {"color", "weight", "animation", "emoji"}}`, every part optional."""
    if not isinstance(value, dict) or len(value) > MAX_TAG_STYLES:
        errors[path] = f"must map up to {MAX_TAG_STYLES} tags to their look"
        return
    for tag, look in value.items():
        where = f"{path}.{tag}"
        if not TAG.fullmatch(str(tag)):
            errors[where] = "is not a tag: use a short slug of lowercase letters, digits and -"
            continue
        if not isinstance(look, dict) or set(look) - {"color", "weight", "animation", "emoji"}:
            errors[where] = "must be an object with color, weight, animation or emoji"
            continue
        color = look.get("color")
        if color is not None and (not isinstance(color, str) or not HEX_COLOR.fullmatch(color)):
            errors[f"{where}.color"] = "must be a color like #RRGGBB or #RRGGBBAA"
        weight = look.get("weight")
        if weight is not None and (
            isinstance(weight, bool)
            or not isinstance(weight, int)
            or not 100 <= weight <= 900
            or weight % 100
        ):
            errors[f"{where}.weight"] = "must be a multiple of 100 from 100 to 900"
        if look.get("animation", "none") not in TAG_ANIMATIONS:
            errors[f"{where}.animation"] = f"must be one of {', '.join(TAG_ANIMATIONS)}"
        emoji = look.get("emoji")
        if emoji is not None and (
            not isinstance(emoji, str)
            or not 0 < len(emoji) <= MAX_EMOJI_CHARS
            or not _is_emoji(emoji)
        ):
            errors[f"{where}.emoji"] = f"must be up to {MAX_EMOJI_CHARS} characters of emoji"


def _phrases(entries: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    """Words and phrases as lists match them, by their first word."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for entry in entries:
        phrase = tuple(normalized(part) for part in entry.split())
        if phrase and all(phrase) and phrase not in by_first.get(phrase[0], []):
            by_first.setdefault(phrase[0], []).append(phrase)
    return by_first


def _built_in(text: str) -> list[str]:
    if not _DIGIT.search(text):
        return []
    money = any(unicodedata.category(char) == "Sc" for char in text)  # $, €, ¥, ₩, ...
    money = money or _CURRENCY_SUFFIX.search(text) is not None  # 5000원, 500円, 100元
    return ["number", "money"] if money else ["number"]


def rule_tags(texts: Sequence[str], style: dict[str, Any]) -> list[set[str]]:
    """The tags the style's rules give each word of a running text (phrases may span words)."""
    keys = [normalized(text) for text in texts]
    tags: list[set[str]] = [set(_built_in(text)) for text in texts]
    for i in range(len(keys) - 1):
        if "number" in tags[i] and keys[i + 1] in CURRENCY_WORDS:
            tags[i].add("money")
            tags[i + 1].add("money")
    lists = [("keyword", _phrases(style.get("keywords") or []))]
    rules = style.get("tag_rules") or []
    lists += [(r["tag"], _phrases(r["words"])) for r in rules if "words" in r]
    for tag, phrases in lists:
        for i, key in enumerate(keys):
            for phrase in phrases.get(key, ()):
                if tuple(keys[i : i + len(phrase)]) == phrase:
                    for k in range(i, i + len(phrase)):
                        tags[k].add(tag)
    for rule in style.get("tag_rules") or []:
        if "pattern" not in rule:
            continue
        pattern = compile_pattern(rule["pattern"])
        hits: dict[str, bool] = {}
        for i, text in enumerate(texts):
            if text not in hits:
                hits[text] = pattern.search(text) is not None
            if hits[text]:
                tags[i].add(rule["tag"])
    return tags


def word_animation(tags: Iterable[str], style: dict[str, Any]) -> str:
    """The animation a word's tags give it: the first tag, in the style's order, that sets one
    (static/captions/expression.js resolves a tag's look the same way)."""
    present = set(tags)
    for tag, look in (style.get("tag_styles") or {}).items():
        if tag in present and look.get("animation", "none") != "none":
            return str(look["animation"])
    return "none"
