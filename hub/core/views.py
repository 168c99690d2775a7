"""The display settings page: text size, colour scheme and spacing, kept in a cookie.

A plain form POST does everything (no JavaScript needed); the small script on the page only
applies a choice at once and sends the same POST with ``fetch``.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import preferences

SAVED_MESSAGE = "Your display settings have been saved. They apply to every page on this device."
RESET_MESSAGE = "Your display settings are back to the standard ones."


class DisplaySettingsForm(forms.Form):
    text = forms.ChoiceField(
        label="Text size",
        choices=list(preferences.TEXT_SIZES.items()),
        error_messages={"required": "Choose a text size", "invalid_choice": "Choose one of the text sizes listed"},
    )
    scheme = forms.ChoiceField(
        label="Colour scheme",
        choices=list(preferences.SCHEMES.items()),
        error_messages={
            "required": "Choose a colour scheme",
            "invalid_choice": "Choose one of the colour schemes listed",
        },
    )
    spacing = forms.ChoiceField(
        label="Line and letter spacing",
        choices=list(preferences.SPACINGS.items()),
        error_messages={"required": "Choose a spacing", "invalid_choice": "Choose one of the spacings listed"},
    )


def safe_next(request, url):
    """``url`` if it is a path on this site, else ``None`` (no open redirects)."""
    if not url or not url.startswith("/") or url.startswith("//"):
        return None
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return None


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def fieldsets(form, current):
    """Each preference as a fieldset: legend, options and the checked value (kept on errors)."""
    sets = []
    for name, labels in preferences.CHOICES.items():
        chosen = form.data.get(name) if form.is_bound else None
        if chosen not in labels:
            chosen = getattr(current, name)
        sets.append(
            {
                "name": name,
                "legend": form.fields[name].label,
                "errors": form.errors.get(name, []),
                "options": [
                    {"value": value, "label": label, "id": f"{name}-{value}", "checked": value == chosen}
                    for value, label in labels.items()
                ],
            }
        )
    return sets


def apply_preferences(response, prefs):
    if prefs.is_default:
        response.delete_cookie(preferences.COOKIE_NAME, samesite="Lax")
    else:
        response.set_cookie(
            preferences.COOKIE_NAME,
            prefs.to_cookie(),
            max_age=preferences.COOKIE_MAX_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
        )
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def display_settings(request):
    current = preferences.from_request(request)
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    form = DisplaySettingsForm()
    if request.method == "POST":
        if "reset" in request.POST:
            prefs, message = preferences.DEFAULT, RESET_MESSAGE
        else:
            form = DisplaySettingsForm(request.POST)
            if form.is_valid():
                prefs, message = preferences.DisplayPreferences(**form.cleaned_data), SAVED_MESSAGE
            else:
                prefs = None
        if prefs is None:
            if wants_json(request):
                return JsonResponse({"errors": {name: list(errs) for name, errs in form.errors.items()}}, status=400)
            status = 400
        else:
            if wants_json(request):
                return apply_preferences(
                    JsonResponse({"classes": prefs.html_classes, "preferences": prefs.as_dict()}), prefs
                )
            messages.success(request, message)
            return apply_preferences(redirect(next_url or reverse("display_settings")), prefs)
    else:
        status = 200
    context = {
        "form": form,
        "fieldsets": fieldsets(form, current),
        "next_url": next_url,
        "current": current,
    }
    return render(request, "core/display_settings.html", context, status=status)


def ceiling(request):
    """The load test's ceiling (``manage.py loadtest``, only with ``LOADTEST_CEILING``): Django's whole
    middleware stack and nothing else, so pages' throughput can be read as a share of what this
    server can answer at all."""
    return HttpResponse("ok", content_type="text/plain")
