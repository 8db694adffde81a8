"""What the Python side and the caption renderer (static/captions/) must agree on, in one place.

`scripts/write_shared_js.py` writes every constant, name set and shape defined here into
static/captions/shared.js (generated and committed; the renderer imports it), and a test fails
when that file is not what this module generates. Change a value here, never there.

What is generated, read from this module itself (`rendering/shared_js.py`):
- each public UPPER_CASE constant, as an `export const` with its JSDoc type;
- each `Literal` alias, as a JSDoc typedef of the same strings;
- each TypedDict, as a JSDoc object typedef with the same properties (NotRequired: optional).
The string right after a constant, alias or field is its description, copied to the JSDoc.
No imports from the project: the script runs without Django.
"""

from typing import Literal, NotRequired, TypeAlias, TypedDict, get_args

REFERENCE_SIDE = 1080
"""Style sizes are pixels on a frame whose short side is this long; outputs scale them."""


class Insets(TypedDict):
    """Fractions of the frame kept clear on each side."""

    top: float
    bottom: float
    left: float
    right: float


Platform: TypeAlias = Literal["tiktok", "reels", "shorts", "youtube", "none"]
"""A platform whose overlay (buttons, description, top bar) captions keep clear of."""
SafeAreaName: TypeAlias = Literal["auto", Platform]
"""An output's safe area: a platform's, or `auto` (by the frame's shape)."""

SAFE_AREAS: dict[Platform, Insets] = {
    "tiktok": {"top": 0.08, "bottom": 0.25, "left": 0.06, "right": 0.14},
    "reels": {"top": 0.12, "bottom": 0.24, "left": 0.06, "right": 0.12},
    "shorts": {"top": 0.08, "bottom": 0.22, "left": 0.06, "right": 0.16},
    "youtube": {"top": 0.1, "bottom": 0.12, "left": 0.05, "right": 0.05},
    "none": {"top": 0.02, "bottom": 0.02, "left": 0.02, "right": 0.02},
}
"""Where captions may go on each platform: the frame minus what it draws over it, measured on
its 1080x1920 overlay (rounded up). `none` only keeps strokes off the edge."""
TITLE_SAFE: Insets = {"top": 0.05, "bottom": 0.05, "left": 0.05, "right": 0.05}
"""`auto` on a landscape or square frame: the title-safe margin."""
PORTRAIT_PLATFORMS: tuple[Platform, ...] = ("tiktok", "reels", "shorts")
"""`auto` on a portrait frame keeps clear of all of these overlays at once."""
SAFE_AREA_NAMES: tuple[SafeAreaName, ...] = get_args(SafeAreaName)
"""Every safe area an output may name."""

Animation: TypeAlias = Literal["none", "fade", "pop", "slide", "karaoke"]
"""How a style brings its captions and words in."""
ANIMATIONS: tuple[Animation, ...] = get_args(Animation)
"""Every animation a style may name."""
Position: TypeAlias = Literal["bottom", "middle", "top", "custom"]
"""Where a caption sits in the safe area (`custom`: centred on position_x, position_y)."""
POSITIONS: tuple[Position, ...] = get_args(Position)
"""Every position a style may name."""

TagAnimation: TypeAlias = Literal["none", "pop", "pulse"]
"""A tag's own animation, on top of the style's: a bounce when its word is said (`pop`), or a
swell while it is said (`pulse`)."""
TAG_ANIMATIONS: tuple[TagAnimation, ...] = get_args(TagAnimation)
"""Every animation a tag's look may name."""
TAG_OVERSHOOT: dict[TagAnimation, float] = {"none": 0, "pop": 0.2, "pulse": 0.15}
"""How far past its size a tag's animation grows its word, at most (0.2: to 120 %)."""
TAG_POP_SPANS = 2
"""A tag's pop lasts this many of the style's animation spans (`animation_ms`): the renderer
draws the bounce over them, and the layout samples every frame of them."""


class CaptionWord(TypedDict):
    """A word as the server's layout hands it to the renderer: its text, times (seconds of the
    media) and speaker, and its expression when the transcript or the style's rules give one."""

    text: str
    start: float
    end: float
    speaker: str
    emphasis: NotRequired[float]
    """In [0, 1]: how strongly the word is stressed."""
    pitch: NotRequired[float]
    """Semitones from the speaker's median word."""
    stretch: NotRequired[float]
    """The word's duration over the one its length predicts (1: usual)."""
    tags: NotRequired[list[str]]
    """The transcript's tags and those the style's rules give it, sorted."""


class Caption(TypedDict):
    """What is on screen from `start` to `end`: lines of words, said by one speaker."""

    start: float
    end: float
    speaker: str
    lines: list[list[CaptionWord]]


class CaptionModel(TypedDict):
    """The renderer's input (`rendering.layout.caption_model`, `POST /captions/layout`)."""

    language: str | None
    weights: list[int]
    """The weights the caption family offers (what an emphasized word can be drawn in)."""
    captions: list[Caption]
