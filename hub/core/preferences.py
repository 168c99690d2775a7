"""Display preferences (text size, colour scheme, spacing) kept in one small cookie.

The cookie holds at most three ``name:value`` pairs joined by ``|``, e.g.
``text:large|scheme:dark|spacing:wider``. Only whitelisted names and values are read; anything
else (unknown names or values, oversized or malformed cookies) falls back to the defaults, and
the raw value is never put into a page. The server renders the choice as classes on ``<html>``,
so the first paint already has the visitor's scheme and size.
"""

from dataclasses import dataclass, fields

from django.utils.cache import patch_vary_headers

COOKIE_NAME = "hub_display"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60
# The longest valid cookie is ~45 characters; anything much longer is junk and not worth parsing.
COOKIE_MAX_LENGTH = 100

TEXT_SIZES = {"standard": "Standard", "large": "Large", "larger": "Larger"}
SCHEMES = {
    "standard": "Standard (dark text on white)",
    "high-contrast": "High contrast (white and yellow on black)",
    "dark": "Dark (light text on dark grey)",
    "cream": "Cream, low glare (dark text on cream)",
}
SPACINGS = {"standard": "Standard", "wider": "Wider line, letter and word spacing"}

CHOICES = {"text": TEXT_SIZES, "scheme": SCHEMES, "spacing": SPACINGS}


@dataclass(frozen=True)
class DisplayPreferences:
    text: str = "standard"
    scheme: str = "standard"
    spacing: str = "standard"

    @property
    def is_default(self):
        return self == DEFAULT

    @property
    def html_classes(self):
        """Classes for ``<html>``: always one per preference, so CSS never has to guess a default."""
        return f"text-{self.text} scheme-{self.scheme} spacing-{self.spacing}"

    def to_cookie(self):
        return "|".join(f"{field.name}:{getattr(self, field.name)}" for field in fields(self))

    def as_dict(self):
        return {field.name: getattr(self, field.name) for field in fields(self)}


DEFAULT = DisplayPreferences()


def parse_cookie(raw):
    """Preferences from a cookie value; every unknown or malformed part is ignored."""
    if not raw or len(raw) > COOKIE_MAX_LENGTH:
        return DEFAULT
    values = {}
    for part in raw.split("|")[: len(CHOICES)]:
        name, sep, value = part.partition(":")
        if sep and name in CHOICES and value in CHOICES[name]:
            values[name] = value
    return DisplayPreferences(**values)


def from_request(request):
    """The request's preferences, parsed once and cached on the request."""
    cached = getattr(request, "_display_preferences", None)
    if cached is None:
        cached = parse_cookie(request.COOKIES.get(COOKIE_NAME, ""))
        request._display_preferences = cached
    return cached


class DisplayPreferencesMiddleware:
    """Adds ``Vary: Cookie`` to every HTML response.

    Pages carry the visitor's preference classes, so a shared cache (CDN, Wagtail's frontend
    cache, a proxy) must key them on the cookie, or one visitor's dark scheme is served to the next.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Cookie",))
        return response
