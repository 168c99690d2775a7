"""Every colour scheme's tokens meet WCAG 2.2 contrast: AA everywhere, AAA for high contrast.

The ratios are computed from the tokens in hub.css itself, so changing a token to a colour that
fails makes this test fail.
"""

import re
from pathlib import Path

import pytest

from hub.core.preferences import SCHEMES

CSS = Path(__file__).resolve().parents[2] / "hub" / "core" / "static" / "hub" / "css" / "hub.css"

# (foreground token, background token, what it is); text pairs need 4.5:1 (AAA: 7:1).
TEXT_PAIRS = [
    ("text", "background", "body text"),
    ("text-secondary", "background", "hint and secondary text"),
    ("link", "background", "links"),
    ("link-visited", "background", "visited links"),
    ("text", "panel-bg", "text in panels, callouts and the footer"),
    ("text-secondary", "panel-bg", "secondary text in panels"),
    ("link", "panel-bg", "links in panels and the footer"),
    ("link-visited", "panel-bg", "visited links in panels"),
    ("text", "urgent-bg", "urgent help text"),
    ("link", "urgent-bg", "urgent help links"),
    ("link-visited", "urgent-bg", "visited urgent help links"),
    ("header-text", "header-bg", "header text and navigation"),
    ("focus-text", "focus-bg", "focused links and buttons"),
    ("error", "background", "error messages"),
    ("button-text", "button-bg", "button labels"),
    ("background", "text", "current page in pagination (inverted)"),
]
# Non-text contrast (WCAG 1.4.11): 3:1 for borders that identify controls and for state colours.
UI_PAIRS = [
    ("border", "background", "borders of cards, tags and secondary buttons"),
    ("border", "panel-bg", "borders on panels"),
    ("success", "background", "success notification bar"),
    ("error", "background", "error borders"),
    ("text", "background", "input borders"),
    ("accent", "background", "card, header and footer accent bars"),
    ("accent", "panel-bg", "footer accent bar on the footer panel"),
]


def parse_tokens(css):
    """{scheme: {token: hex}}: the :root block is 'standard'; each html.scheme-x block overrides it."""
    blocks = {}
    for selector, body in re.findall(r"(:root|html\.scheme-[a-z-]+)\s*\{([^}]*)\}", css):
        name = "standard" if selector == ":root" else selector.removeprefix("html.scheme-")
        blocks[name] = dict(re.findall(r"--colour-([a-z-]+)\s*:\s*(#[0-9a-fA-F]{3,6})\s*;", body))
    return blocks


def luminance(hex_colour):
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a, b):
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


BLOCKS = parse_tokens(CSS.read_text())


def scheme_tokens(name):
    return {**BLOCKS["standard"], **BLOCKS[name]}


def test_formula_matches_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#fff", "#ffffff") == pytest.approx(1)


def test_every_scheme_in_the_settings_has_a_block_that_sets_every_colour():
    assert set(BLOCKS) == set(SCHEMES)
    standard_tokens = set(BLOCKS["standard"])
    assert {"text", "background", "link", "link-visited", "border", "focus-bg", "header-bg"} <= standard_tokens
    for name, tokens in BLOCKS.items():
        # A scheme that inherits a light-scheme colour by accident would hide text, so no gaps.
        assert set(tokens) == standard_tokens, f"{name} must set every colour token"


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_text_contrast(scheme):
    tokens = scheme_tokens(scheme)
    minimum = 7 if scheme == "high-contrast" else 4.5
    failures = [
        f"{what} ({fg} {tokens[fg]} on {bg} {tokens[bg]}): {contrast(tokens[fg], tokens[bg]):.2f}:1"
        for fg, bg, what in TEXT_PAIRS
        if contrast(tokens[fg], tokens[bg]) < minimum
    ]
    assert not failures, f"{scheme} needs {minimum}:1 for " + "; ".join(failures)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_ui_and_border_contrast(scheme):
    tokens = scheme_tokens(scheme)
    failures = [
        f"{what}: {contrast(tokens[fg], tokens[bg]):.2f}:1"
        for fg, bg, what in UI_PAIRS
        if contrast(tokens[fg], tokens[bg]) < 3
    ]
    assert not failures, f"{scheme} needs 3:1 for " + "; ".join(failures)


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("surface", ["background", "header-bg", "panel-bg", "urgent-bg"])
def test_focus_indicator_stands_out_on_every_surface(scheme, surface):
    """Focus is a yellow block with a dark bar under it: one of the two must reach 3:1 on each surface."""
    tokens = scheme_tokens(scheme)
    best = max(contrast(tokens["focus-bg"], tokens[surface]), contrast(tokens["focus-text"], tokens[surface]))
    assert best >= 3, f"{scheme}: focus indicator on {surface} is only {best:.2f}:1"


def test_a_bad_token_is_caught():
    """Guard for the guard: a light-grey link on white must fail the text check."""
    tokens = {**scheme_tokens("standard"), "link": "#999999"}
    assert contrast(tokens["link"], tokens["background"]) < 4.5
