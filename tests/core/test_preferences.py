"""Display preferences: a plain form sets one cookie; pages render it as classes on <html>."""

import re

import pytest
from django.test import Client

from hub.core import preferences
from hub.core.preferences import COOKIE_NAME, DisplayPreferences, parse_cookie

SETTINGS_URL = "/accessibility/settings/"
DEFAULT_CLASSES = "text-standard scheme-standard spacing-standard"


def html_classes(response):
    match = re.search(r'<html lang="en-GB" class="([^"]*)"', response.content.decode())
    assert match, "the page has an <html> element with classes"
    return match.group(1).split()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("text:larger|scheme:dark|spacing:wider", DisplayPreferences("larger", "dark", "wider")),
        ("scheme:cream", DisplayPreferences(scheme="cream")),
        ("scheme:<script>alert(1)</script>", preferences.DEFAULT),
        ("text:huge|scheme:dark", DisplayPreferences(scheme="dark")),
        ("colour:red|font:comic", preferences.DEFAULT),
        ("scheme:dark" + "|x" * 5000, preferences.DEFAULT),
        ("", preferences.DEFAULT),
        ("::||:", preferences.DEFAULT),
    ],
)
def test_cookie_parsing_keeps_only_known_values(raw, expected):
    assert parse_cookie(raw) == expected


def test_cookie_round_trips():
    prefs = DisplayPreferences("large", "high-contrast", "wider")
    assert parse_cookie(prefs.to_cookie()) == prefs
    assert len(prefs.to_cookie()) < preferences.COOKIE_MAX_LENGTH


@pytest.mark.django_db
def test_settings_page_is_a_form_of_radio_groups(client, home_page):
    response = client.get(SETTINGS_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for legend in ("Text size", "Colour scheme", "Line and letter spacing"):
        assert f'<legend class="fieldset__legend">{legend}</legend>' in html
    assert 'id="scheme-high-contrast" name="scheme" value="high-contrast"' in html
    assert re.search(r'id="text-standard" name="text" value="standard" checked', html), "current choice is checked"
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="reset"' in html


@pytest.mark.django_db
def test_saving_sets_a_long_lived_lax_cookie_and_returns_to_the_settings_page(client, home_page):
    response = client.post(SETTINGS_URL, {"text": "larger", "scheme": "dark", "spacing": "wider"})
    assert response.status_code == 302
    assert response["Location"] == SETTINGS_URL
    cookie = response.cookies[COOKIE_NAME]
    assert parse_cookie(cookie.value) == DisplayPreferences("larger", "dark", "wider")
    assert cookie["max-age"] == 365 * 24 * 60 * 60
    assert cookie["samesite"] == "Lax"
    assert cookie["httponly"]

    page = client.get(SETTINGS_URL)
    assert "Your display settings have been saved" in page.content.decode()
    assert html_classes(page) == ["text-larger", "scheme-dark", "spacing-wider"]
    assert re.search(r'id="scheme-dark" name="scheme" value="dark" checked', page.content.decode())


@pytest.mark.django_db
def test_every_page_then_renders_the_choice_without_javascript(client, home_page):
    client.post(SETTINGS_URL, {"text": "large", "scheme": "high-contrast", "spacing": "standard"})
    response = client.get(home_page.url)
    assert html_classes(response) == ["text-large", "scheme-high-contrast", "spacing-standard"]
    assert "Cookie" in response["Vary"], "page caches must key on the preference cookie"


@pytest.mark.django_db
def test_pages_vary_on_cookie_even_for_first_time_visitors(client, home_page):
    response = client.get(home_page.url)
    assert html_classes(response) == DEFAULT_CLASSES.split()
    assert "Cookie" in response["Vary"]


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["/about/?tab=1", "/"])
def test_saving_returns_to_a_same_site_page(client, home_page, next_url):
    response = client.post(SETTINGS_URL, {"text": "large", "scheme": "cream", "spacing": "standard", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "about/",
        "http://testserver/",
    ],
)
def test_saving_never_redirects_off_site(client, home_page, next_url):
    response = client.post(SETTINGS_URL, {"text": "large", "scheme": "cream", "spacing": "standard", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == SETTINGS_URL


@pytest.mark.django_db
def test_header_link_brings_the_visitor_back(client, home_page):
    html = client.get("/?q=x").content.decode()
    assert 'href="/accessibility/settings/?next=%2F%3Fq%3Dx"' in html
    assert ">Display settings</a>" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "huge", "scheme": "dark", "spacing": "standard"}, "Choose one of the text sizes listed"),
        ({"text": "large", "scheme": "<script>", "spacing": "standard"}, "Choose one of the colour schemes listed"),
        ({"text": "large", "scheme": "dark"}, "Choose a spacing"),
    ],
)
def test_invalid_choices_get_a_400_with_an_error_summary(client, home_page, data, message):
    response = client.post(SETTINGS_URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html
    assert "<title>Error: Display settings" in html
    assert "<script>" not in html.split("<main", 1)[1].split("</main>")[0]
    assert COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_reset_removes_the_cookie(client, home_page):
    client.cookies[COOKIE_NAME] = "scheme:dark"
    response = client.post(SETTINGS_URL, {"reset": "1"})
    assert response.status_code == 302
    assert response.cookies[COOKIE_NAME]["max-age"] == 0
    assert html_classes(client.get(home_page.url)) == DEFAULT_CLASSES.split()


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused(home_page):
    client = Client(enforce_csrf_checks=True)
    response = client.post(SETTINGS_URL, {"text": "large", "scheme": "dark", "spacing": "standard"})
    assert response.status_code == 403
    assert COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_script_saves_with_a_json_answer_and_no_flash_message(client, home_page):
    response = client.post(
        SETTINGS_URL,
        {"text": "large", "scheme": "dark", "spacing": "wider"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    assert response.json()["classes"] == "text-large scheme-dark spacing-wider"
    assert parse_cookie(response.cookies[COOKIE_NAME].value) == DisplayPreferences("large", "dark", "wider")
    assert "have been saved" not in client.get(home_page.url).content.decode()

    bad = client.post(SETTINGS_URL, {"text": "x"}, headers={"Accept": "application/json"})
    assert bad.status_code == 400
    assert "scheme" in bad.json()["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "forged",
    [
        "scheme:<script>alert(1)</script>",
        "scheme:dark" + "A" * 10_000,
        "text:" + "x" * 10_000,
        "colour:red|size:99|scheme:evil",
        '"><script>alert(1)</script>',
    ],
)
def test_forged_cookie_renders_the_default_and_is_never_echoed(client, home_page, forged):
    client.cookies[COOKIE_NAME] = forged
    for url in (home_page.url, SETTINGS_URL):
        response = client.get(url)
        assert response.status_code == 200
        assert html_classes(response) == DEFAULT_CLASSES.split()
        html = response.content.decode()
        assert "<script>alert" not in html
        assert "AAAAAAAAAA" not in html and "xxxxxxxxxx" not in html and "evil" not in html
