"""Template context every page needs: the visitor's display preferences."""

from . import preferences


def display_preferences(request):
    """``display`` is a :class:`~hub.core.preferences.DisplayPreferences`; base.html puts
    ``display.html_classes`` on ``<html>``."""
    return {"display": preferences.from_request(request)}
