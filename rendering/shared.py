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


class TagRule(TypedDict):
    """A rule that tags words: a list of words and phrases, or an RE2 pattern."""

    tag: str
    words: NotRequired[list[str]]
    pattern: NotRequired[str]


class TagStyle(TypedDict, total=False):
    """How a tagged word looks; for each property, the first of the style's tags that sets it
    wins."""

    color: str | None
    weight: int | None
    animation: TagAnimation
    emoji: str | None


class FontFace(TypedDict):
    """One file of a creator's own family, as the renderer loads it."""

    weight: int | str
    """A weight, or a CSS range ("100 900") for a variable font."""
    src: str


class Style(TypedDict):
    """A resolved caption style: a preset's values with the creator's overrides, validated
    (`rendering.scenario.validate_style`); sizes are pixels at REFERENCE_SIDE."""

    font_family: str
    font_weight: int
    font_size: int
    text_color: str
    highlight_active: bool
    highlight_color: str
    stroke_color: str
    stroke_width: int
    shadow_color: str
    shadow_blur: int
    shadow_offset: int
    box_color: str | None
    box_padding: int
    box_radius: int
    position: Position
    margin_v: int
    """Percent of the safe area's height, from its top or bottom edge."""
    position_x: int
    """Position `custom`: the caption's centre, in percent of the safe area."""
    position_y: int
    max_words_per_line: int
    max_chars_per_line: int
    lines_per_caption: int
    max_chars_per_second: int
    """Reading speed: a caption stays up at least its characters over this many seconds, when
    the next one leaves time, and the layout prefers breaks that allow it."""
    min_caption_ms: int
    """The shortest a caption is shown (when the next one leaves time)."""
    max_caption_ms: int
    """The longest a caption's words may span (one long word excepted)."""
    uppercase: bool
    animation: Animation
    animation_ms: int
    speaker_colors: dict[str, str]
    emphasis_size: int
    """Expression intensities, 0-100 (0: off): emphasized words drawn larger..."""
    emphasis_weight: int
    """... and heavier, in the family's own weights."""
    pitch_shift: int
    """The baseline follows the pitch."""
    stretch_spacing: int
    """Drawn-out words get letter spacing."""
    emphasis_threshold: int
    """The emphasis (percent) from which a word counts as emphasized."""
    emphasis_caps: bool
    emphasis_color: str | None
    keywords: list[str]
    """Words and phrases tagged `keyword`."""
    tag_rules: list[TagRule]
    tag_styles: dict[str, TagStyle]
    preset: NotRequired[str]
    """The preset (or the creator's preset) it started from; set once validated."""
    font_faces: NotRequired[list[FontFace]]
    """The creator's own files of `font_family`, added by whoever hands the style to the
    renderer (the editor, the export painter)."""


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
