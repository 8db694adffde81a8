"""axe-core in the browser tests: the pinned npm package's axe.min.js, evaluated in the page
through the DevTools protocol (so the pages' Content-Security-Policy, which serves no such
script to users, does not refuse it), and its violations at the serious and critical levels."""

from pathlib import Path

from django.conf import settings

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# WCAG 2.0/2.1 A and AA, as the issue asks, and axe's best practices (names, landmarks).
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


# Pictures of a caption's look (the preset buttons' previews, aria-hidden: the button's text
# names the preset): text drawn in the preset's colours with outlines and shadows that axe does
# not measure, over the creator's video frame; WCAG 1.4.3 exempts text that is part of a picture.
PICTURES = [".preset-frame"]


def axe_violations(page) -> list[str]:
    """The page's serious and critical violations, one line each: rule, impact, the elements
    (with why the first check failed)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text())
    result = page.evaluate(
        """([tags, pictures]) => axe.run(
          { exclude: pictures.map((selector) => [selector]) },
          { runOnly: { type: 'tag', values: tags } })""",
        [RULE_TAGS, PICTURES],
    )
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(
            " ".join(node["target"]) + f" [{node['failureSummary'].splitlines()[-1].strip()}]"
            for node in violation["nodes"][:6]
        )
        for violation in result["violations"]
        if violation["impact"] in BLOCKING
    ]
