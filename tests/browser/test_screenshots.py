"""Screenshots of the chrome in every scheme, at 320 px and at the largest text, for people to look at
(test-output/screens/). Each one also checks that the scheme's own background colour is painted."""

from pathlib import Path

import pytest

from hub.core.preferences import SCHEMES, DisplayPreferences
from tests.browser.axe import preference_cookie
from tests.core.test_contrast import scheme_tokens

pytestmark = pytest.mark.browser

SCREENS = Path(__file__).resolve().parents[2] / "test-output" / "screens"

SHOTS = [(f"home-{scheme}", "/", DisplayPreferences(scheme=scheme), 1280) for scheme in SCHEMES] + [
    ("home-320px", "/", DisplayPreferences(), 320),
    ("home-320px-larger-wider", "/", DisplayPreferences(text="larger", spacing="wider"), 320),
    ("settings-larger-high-contrast", "/accessibility/settings/", DisplayPreferences("larger", "high-contrast"), 1280),
    ("accessibility-320px-dark", "/accessibility/", DisplayPreferences(scheme="dark"), 320),
    ("about-cream-wider", "/about/", DisplayPreferences(scheme="cream", spacing="wider"), 1024),
]


def rgb(hex_colour):
    value = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(value[i : i + 2], 16) for i in (0, 2, 4)))


def test_screenshots_in_each_scheme_and_size(new_context, demo_site):
    SCREENS.mkdir(parents=True, exist_ok=True)
    context = new_context()
    page = context.new_page()
    for name, path, preferences, width in SHOTS:
        context.clear_cookies()
        context.add_cookies([preference_cookie(demo_site, preferences)])
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(demo_site + path)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background == rgb(scheme_tokens(preferences.scheme)["background"]), name
        target = SCREENS / f"{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 5_000, name
