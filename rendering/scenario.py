"""The render scenario: a style (a preset plus overrides) and the output, validated strictly.

Errors name the field (`style.font_size`, `output.height`). The validated scenario is a plain
dict, snapshotted on the render job, so later preset changes never alter a queued render.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from rendering import tags
from rendering.fonts import display_fonts
from rendering.shared import ANIMATIONS, POSITIONS, REFERENCE_SIDE, SAFE_AREA_NAMES, Style
from rendering.tags import HEX_COLOR

SPEAKER_ID = re.compile(r"[A-Za-z0-9_\-]{1,64}")

FONTS = display_fonts()  # family -> the weights bundled (static/captions/fonts.json)
MIN_TEXT_PIXELS = 10  # smaller than this on the output, no caption is readable

BASE_STYLE: Style = {
    "font_family": "Inter",
    "font_weight": 700,
    "font_size": 64,  # pixels on a frame whose short side is 1080; scaled with the output
    "text_color": "#FFFFFF",
    "highlight_active": True,
    "highlight_color": "#FFD84D",
    "stroke_color": "#000000",
    "stroke_width": 6,
    "shadow_color": "#000000B3",
    "shadow_blur": 8,
    "shadow_offset": 2,
    "box_color": None,
    "box_padding": 12,
    "box_radius": 12,
    "position": "bottom",
    "margin_v": 4,  # percent of the safe area's height, from its top or bottom edge
    # position "custom": the caption's centre, in percent of the safe area (kept inside it)
    "position_x": 50,
    "position_y": 80,
    "max_words_per_line": 5,
    "max_chars_per_line": 32,
    "lines_per_caption": 2,
    # Reading speed (rendering/breaks.py): what subtitlers allow adults, by default.
    "max_chars_per_second": 17,
    "min_caption_ms": 800,
    "max_caption_ms": 7000,
    "uppercase": False,
    "animation": "none",
    "animation_ms": 150,
    "speaker_colors": {},
    # Expression (static/captions/expression.js): intensities 0-100, 0 = off.
    "emphasis_size": 0,  # emphasized words drawn larger (up to +50 % at 100)
    "emphasis_weight": 0,  # ... and heavier, in the family's own weights
    "pitch_shift": 0,  # the baseline follows the pitch (up to 0.2 em at an octave)
    "stretch_spacing": 0,  # drawn-out words get letter spacing (up to 0.15 em)
    "emphasis_threshold": 60,  # emphasis (percent) from which a word is "emphasized"
    "emphasis_caps": False,  # emphasized words in capitals
    "emphasis_color": None,  # emphasized words in this colour
    # Tags (rendering/tags.py): rules that give words tags, and how a tagged word looks.
    "keywords": [],  # the creator's keyword list: words and phrases tagged `keyword`
    "tag_rules": [],
    "tag_styles": {},
}

PRESETS: dict[str, dict[str, Any]] = {
    "classic": {
        "label": "Classic",
        "font_family": "Inter",
        "font_weight": 700,
        "highlight_active": False,
        "stroke_width": 6,
        "animation": "fade",
        "animation_ms": 200,
    },
    "pop": {
        "label": "Pop-in",
        "font_family": "Poppins",
        "font_weight": 800,
        "font_size": 72,
        "highlight_color": "#FFD84D",
        "stroke_width": 8,
        "animation": "pop",
        "animation_ms": 150,
        "max_words_per_line": 4,
        "lines_per_caption": 1,
        "uppercase": True,
    },
    "karaoke": {
        "label": "Karaoke",
        "font_family": "Montserrat",
        "font_weight": 800,
        "font_size": 66,
        "highlight_color": "#3EE0FF",
        "animation": "karaoke",
        "stroke_width": 5,
    },
    "boxed": {
        "label": "Boxed",
        "font_family": "Inter",
        "font_weight": 700,
        "font_size": 54,
        "stroke_width": 0,
        "shadow_blur": 0,
        "shadow_offset": 0,
        "box_color": "#000000B3",
        "highlight_color": "#7C7CFF",
        "animation": "slide",
        "animation_ms": 220,
    },
    "headline": {
        "label": "Headline",
        "font_family": "Anton",
        "font_weight": 400,
        "font_size": 96,
        "uppercase": True,
        "highlight_color": "#FF5C7A",
        "stroke_width": 7,
        "max_words_per_line": 3,
        "lines_per_caption": 1,
        "position": "middle",
        "animation": "pop",
        "animation_ms": 180,
    },
    "minimal": {
        "label": "Minimal",
        "font_family": "Inter",
        "font_weight": 400,
        "font_size": 48,
        "stroke_width": 0,
        "shadow_blur": 12,
        "shadow_offset": 0,
        "highlight_active": False,
        "animation": "fade",
        "animation_ms": 250,
        "max_chars_per_line": 42,
    },
}
PRESETS["expressive"] = {
    "label": "Expressive",
    "font_family": "Poppins",
    "font_weight": 600,
    "font_size": 64,
    "highlight_active": False,
    "stroke_width": 6,
    "animation": "fade",
    "animation_ms": 150,
    "max_words_per_line": 4,
    "emphasis_size": 60,
    "emphasis_weight": 70,
    "pitch_shift": 50,
    "stretch_spacing": 50,
    "emphasis_threshold": 75,  # capitals and colour for the words said most strongly only
    "emphasis_caps": True,
    "emphasis_color": "#FFD84D",
    "tag_styles": {
        "money": {"color": "#7CF29A", "animation": "pop", "emoji": "\U0001f4b0"},
        "keyword": {"color": "#5CE1FF", "animation": "pulse"},
        "number": {"color": "#FFD84D"},
    },
}
DEFAULT_PRESET = "classic"
OUTPUT_HEIGHTS = (2160, 1440, 1080, 720, 480, 360, 240)


class ScenarioInvalid(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def preset_style(name: str) -> dict[str, Any]:
    overrides = {k: v for k, v in PRESETS[name].items() if k != "label"}
    return {**BASE_STYLE, **overrides}


def _int(errors: dict[str, str], path: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        errors[path] = f"must be a whole number from {low} to {high}"
        return low
    return value


def _color(errors: dict[str, str], path: str, value: Any, *, nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not HEX_COLOR.fullmatch(value):
        errors[path] = "must be a color like #RRGGBB or #RRGGBBAA"
    return value


def _choice(errors: dict[str, str], path: str, value: Any, choices: tuple[str, ...]) -> Any:
    if value not in choices:
        errors[path] = f"must be one of {', '.join(choices)}"
    return value


def _bool(errors: dict[str, str], path: str, value: Any) -> Any:
    if not isinstance(value, bool):
        errors[path] = "must be true or false"
    return value


def validate_style(
    data: Any,
    errors: dict[str, str],
    prefix: str = "style",
    fonts: Mapping[str, Sequence[int]] | None = None,
) -> dict[str, Any]:
    """The style with its preset's defaults filled in, errors named by field. `fonts` are the
    families it may use (the bundled ones, and the creator's own: `selectors.usable_fonts`)."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        errors[prefix] = "must be an object"
        return preset_style(DEFAULT_PRESET)
    preset = data.get("preset", DEFAULT_PRESET)
    if not isinstance(preset, str) or preset not in PRESETS:
        errors[f"{prefix}.preset"] = (
            f"must be one of {', '.join(PRESETS)}"
            if isinstance(preset, str)
            else "must be a string: a preset's name, or the id of one of your presets"
        )
        preset = DEFAULT_PRESET
    unknown = set(data) - set(BASE_STYLE) - {"preset"}
    for key in sorted(unknown):
        errors[f"{prefix}.{key}"] = "is not a style field"
    style = {**preset_style(preset), **{k: v for k, v in data.items() if k in BASE_STYLE}}
    p = prefix
    style["font_family"] = _font_family(errors, f"{p}.font_family", style["font_family"], fonts)
    if _int(errors, f"{p}.font_weight", style["font_weight"], 100, 900) % 100:
        errors[f"{p}.font_weight"] = "must be a multiple of 100"
    _int(errors, f"{p}.font_size", style["font_size"], 16, 200)
    for field in ("text_color", "highlight_color", "stroke_color", "shadow_color"):
        _color(errors, f"{p}.{field}", style[field])
    _color(errors, f"{p}.box_color", style["box_color"], nullable=True)
    _bool(errors, f"{p}.highlight_active", style["highlight_active"])
    _bool(errors, f"{p}.uppercase", style["uppercase"])
    _int(errors, f"{p}.stroke_width", style["stroke_width"], 0, 20)
    _int(errors, f"{p}.shadow_blur", style["shadow_blur"], 0, 40)
    _int(errors, f"{p}.shadow_offset", style["shadow_offset"], 0, 20)
    _int(errors, f"{p}.box_padding", style["box_padding"], 0, 60)
    _int(errors, f"{p}.box_radius", style["box_radius"], 0, 60)
    _choice(errors, f"{p}.position", style["position"], POSITIONS)
    _int(errors, f"{p}.margin_v", style["margin_v"], 0, 40)
    _int(errors, f"{p}.position_x", style["position_x"], 0, 100)
    _int(errors, f"{p}.position_y", style["position_y"], 0, 100)
    _int(errors, f"{p}.max_words_per_line", style["max_words_per_line"], 1, 12)
    _int(errors, f"{p}.max_chars_per_line", style["max_chars_per_line"], 8, 80)
    _int(errors, f"{p}.lines_per_caption", style["lines_per_caption"], 1, 3)
    _reading_speed(errors, p, style)
    _choice(errors, f"{p}.animation", style["animation"], ANIMATIONS)
    _int(errors, f"{p}.animation_ms", style["animation_ms"], 50, 1000)
    colors = style["speaker_colors"]
    if not isinstance(colors, dict) or len(colors) > 32:
        errors[f"{p}.speaker_colors"] = "must map up to 32 speaker ids to colors"
    else:
        for speaker, color in colors.items():
            if not SPEAKER_ID.fullmatch(str(speaker)):
                errors[f"{p}.speaker_colors"] = f"{speaker!r} is not a speaker id"
            _color(errors, f"{p}.speaker_colors.{speaker}", color)
    _expression(errors, p, style)
    style["preset"] = preset
    return style


def _font_family(
    errors: dict[str, str], path: str, value: Any, fonts: Mapping[str, Sequence[int]] | None
) -> Any:
    """The family as it is spelled in the font list (matched in any case)."""
    choices = fonts if fonts is not None else FONTS
    if isinstance(value, str):
        for name in choices:
            if name.lower() == value.strip().lower():
                return name
    own = [name for name in choices if name not in FONTS]
    errors[path] = (
        f"is not a font you have: {value!r} may have been deleted (upload it again, or choose "
        f"one of {', '.join([*FONTS, *own])})"
        if isinstance(value, str)
        else "must be a font family's name"
    )
    return value


def _reading_speed(errors: dict[str, str], p: str, style: dict[str, Any]) -> None:
    _int(errors, f"{p}.max_chars_per_second", style["max_chars_per_second"], 5, 40)
    shortest = _int(errors, f"{p}.min_caption_ms", style["min_caption_ms"], 0, 5000)
    longest = _int(errors, f"{p}.max_caption_ms", style["max_caption_ms"], 1000, 20000)
    both = f"{p}.min_caption_ms" not in errors and f"{p}.max_caption_ms" not in errors
    if both and shortest > longest:
        errors[f"{p}.min_caption_ms"] = f"must not exceed max_caption_ms ({longest})"


def _expression(errors: dict[str, str], p: str, style: dict[str, Any]) -> None:
    for field in ("emphasis_size", "emphasis_weight", "pitch_shift", "stretch_spacing"):
        _int(errors, f"{p}.{field}", style[field], 0, 100)
    _int(errors, f"{p}.emphasis_threshold", style["emphasis_threshold"], 0, 100)
    _bool(errors, f"{p}.emphasis_caps", style["emphasis_caps"])
    _color(errors, f"{p}.emphasis_color", style["emphasis_color"], nullable=True)
    tags.validate_entries(errors, f"{p}.keywords", style["keywords"])
    tags.validate_rules(errors, f"{p}.tag_rules", style["tag_rules"])
    tags.validate_tag_styles(errors, f"{p}.tag_styles", style["tag_styles"])


def validate_output(data: Any, errors: dict[str, str], source_height: int | None) -> dict[str, Any]:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        errors["output"] = "must be an object"
        return {"height": None, "format": "mp4", "safe_area": "auto"}
    for key in sorted(set(data) - {"height", "format", "safe_area"}):
        errors[f"output.{key}"] = "is not an output field"
    height = data.get("height")
    if height is not None:
        if height not in OUTPUT_HEIGHTS:
            errors["output.height"] = (
                f"must be null (the source's) or one of {', '.join(map(str, OUTPUT_HEIGHTS))}"
            )
        elif source_height and height > source_height:
            errors["output.height"] = f"must not exceed the source's {source_height} lines"
    fmt = data.get("format", "mp4")
    if fmt != "mp4":
        errors["output.format"] = "must be mp4"
    safe_area = data.get("safe_area", "auto")
    _choice(errors, "output.safe_area", safe_area, SAFE_AREA_NAMES)
    return {"height": height, "format": "mp4", "safe_area": safe_area}


def _check_readable(
    errors: dict[str, str], scenario: dict[str, Any], source: tuple[int, int]
) -> None:
    """A size that would be unreadable on this output is refused, naming what would work."""
    width, height = output_size(*source, scenario["output"]["height"])
    short = min(width, height)
    pixels = scenario["style"]["font_size"] * short / REFERENCE_SIDE
    if pixels < MIN_TEXT_PIXELS:
        least = math.ceil(MIN_TEXT_PIXELS * REFERENCE_SIDE / short)
        errors["style.font_size"] = (
            f"draws {pixels:.1f} px letters on a {width}x{height} output, too small to read: "
            f"use at least {least} or a larger output"
        )


def validate_scenario(
    style: Any,
    output: Any,
    *,
    source_height: int | None,
    source_width: int | None = None,
    fonts: Mapping[str, Sequence[int]] | None = None,
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    scenario = {
        "style": validate_style(style, errors, fonts=fonts),
        "output": validate_output(output, errors, source_height),
    }
    if not errors and source_width and source_height:
        _check_readable(errors, scenario, (source_width, source_height))
    if errors:
        raise ScenarioInvalid(errors)
    return scenario


def output_size(source_width: int, source_height: int, height: int | None) -> tuple[int, int]:
    """Even dimensions (H.264 4:2:0), keeping the source's aspect ratio."""
    if not height or height >= source_height:
        return source_width - source_width % 2, source_height - source_height % 2
    width = round(source_width * height / source_height)
    return width - width % 2, height
