"""The page cache: anonymous visitors share stored pages per display preference, nobody else does,
and content changes show on the next request."""

import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from hub.core.models import HubSettings
from hub.core.page_cache import STATUS_HEADER
from hub.core.preferences import COOKIE_NAME
from search.models import SynonymGroup
from tests.core.test_preferences import html_classes
from tests.core.test_settings import load_settings
from tests.factories.home import StandardPageFactory
from tests.factories.resources import ResourceDirectoryPageFactory, ResourceFactory
from tests.factories.services import ReferralFormPageFactory, ServiceIndexPageFactory, ServicePageFactory
from tests.factories.toolkit import build_toolkit
from tests.factories.users import UserFactory
from tests.services.conftest import valid_data
from tests.toolkit.conftest import action_ids

pytestmark = pytest.mark.django_db
DARK = "text:large|scheme:dark|spacing:wider"


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, slug="about", title="About the hub")


def visitor(prefs=None, **cookies):
    client = Client()
    if prefs:
        client.cookies[COOKIE_NAME] = prefs
    for name, value in cookies.items():
        client.cookies[name] = value
    return client


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response


def title(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def test_second_visitor_gets_the_stored_page_without_a_query(about):
    first = get(visitor(), "/about/")
    assert first[STATUS_HEADER] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = get(visitor(), "/about/")
    assert second[STATUS_HEADER] == "hit"
    assert len(queries) == 0, [query["sql"] for query in queries]
    assert second.content == first.content
    assert "About the hub" in second.content.decode()
    # Browsers check again every time; shared caches (a CDN) may keep it, one copy per cookie.
    for response in (first, second):
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=300"
        assert "Cookie" in response["Vary"]
        # The security headers are on a stored page too.
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert response["X-Frame-Options"] == "SAMEORIGIN"
        assert response["X-Content-Type-Options"] == "nosniff"


def test_each_display_preference_gets_its_own_copy(about):
    dark = get(visitor(DARK), "/about/")
    standard = get(visitor(), "/about/")
    assert standard[STATUS_HEADER] == "miss", "another scheme is never served the dark copy"
    assert "scheme-dark" in html_classes(dark) and "text-large" in html_classes(dark)
    assert html_classes(standard) == ["text-standard", "scheme-standard", "spacing-standard"]
    # The same preferences share a copy, whatever else the browser sends: the key is the normalised
    # preferences, not the raw Cookie header (analytics cookies, values in another order).
    again = get(visitor("spacing:wider|text:large|scheme:dark", _ga="GA1.2.3", csrftoken="x" * 32), "/about/")
    assert again[STATUS_HEADER] == "hit"
    assert again.content == dark.content
    junk = get(visitor("scheme:<script>"), "/about/")
    assert junk[STATUS_HEADER] == "hit" and junk.content == standard.content


def test_toolkit_progress_is_never_stored_or_served_to_another_visitor(home_page):
    _toolkit, steps = build_toolkit(home_page, steps=2, actions=2)
    other = visitor()
    get(other, "/toolkit/")
    ticker = visitor()
    ticker.post("/toolkit/step-1/", {"action": [str(value) for value in action_ids(steps[0])]})
    ticked = f'value="{action_ids(steps[0])[0]}" checked'
    for url, progress in (
        ("/toolkit/", "2 of 4 actions done across all steps"),
        ("/toolkit/action-plan/", "2 of 4 actions done."),
        ("/toolkit/step-1/", ticked),
    ):
        mine = get(ticker, url)
        assert mine[STATUS_HEADER] == "skip"
        assert progress in mine.content.decode()
        theirs = get(other, url)
        assert progress not in theirs.content.decode()
        assert "private" in theirs["Cache-Control"]
    # Without a session the toolkit and the empty action plan are the same for everyone: kept here
    # (still private for browsers and CDNs); a step page carries the checklist form's CSRF token.
    assert get(other, "/toolkit/")[STATUS_HEADER] == "hit"
    assert get(other, "/toolkit/action-plan/")[STATUS_HEADER] == "hit"
    assert get(other, "/toolkit/step-1/")[STATUS_HEADER] == "skip"
    # A visitor with progress (a session) is never served a stored page, so nothing can go stale for them.
    get(visitor(), "/")
    assert get(ticker, "/")[STATUS_HEADER] == "skip"


def test_publishing_shows_on_the_next_request(about):
    get(visitor(), "/about/")
    assert get(visitor(), "/about/")[STATUS_HEADER] == "hit"
    about.title = "About us"
    about.save_revision().publish()
    assert title(get(visitor(), "/about/")).startswith("About us")


def test_unpublishing_moving_and_deleting_show_on_the_next_request(home_page, about):
    other = StandardPageFactory(parent=home_page, slug="other", title="Other", show_in_menus=True)
    get(visitor(), "/about/")
    get(visitor(), "/other/")
    get(visitor(), "/")
    other.move(about, pos="last-child")
    assert get(visitor(), "/other/", status=301)["Location"] == "/about/other/"
    assert get(visitor(), "/about/other/")[STATUS_HEADER] == "miss"
    about.unpublish()
    get(visitor(), "/about/", status=404)
    other.delete()
    get(visitor(), "/about/other/", status=404)


def test_editing_a_resource_refreshes_the_directory(home_page):
    ResourceDirectoryPageFactory(parent=home_page)
    resource = ResourceFactory(title="Managing stress at work")
    assert "Managing stress at work" in get(visitor(), "/resources/").content.decode()
    assert get(visitor(), "/resources/")[STATUS_HEADER] == "hit"
    resource.title = "Stress at work: a guide for managers"
    resource.save()
    page = get(visitor(), "/resources/").content.decode()
    assert "Stress at work: a guide for managers" in page
    assert "Managing stress at work" not in page


def test_editing_hub_settings_shows_on_every_page(about):
    get(visitor(), "/about/")
    hub_settings = HubSettings.load()
    hub_settings.urgent_help_text = "In crisis?"
    hub_settings.save()
    assert "In crisis?" in get(visitor(), "/about/").content.decode()


@pytest.mark.parametrize("change", ["synonym", "promotion"])
def test_search_settings_edits_refresh_the_pages(about, change):
    get(visitor(), "/about/")
    if change == "synonym":
        SynonymGroup.objects.create(terms="burnout, exhaustion")
    else:
        SearchPromotion.objects.create(query=Query.get("burnout"), page=about, description="Read this")
    assert get(visitor(), "/about/")[STATUS_HEADER] == "miss"


def test_no_page_outlives_page_cache_seconds(about, settings):
    settings.PAGE_CACHE_SECONDS = 1
    client = visitor()  # a new client loads the middleware with the setting
    assert get(client, "/about/")[STATUS_HEADER] == "miss"
    assert get(client, "/about/")[STATUS_HEADER] == "hit"
    time.sleep(1.2)
    assert get(client, "/about/")[STATUS_HEADER] == "miss"


def test_referral_forms_work_with_a_valid_csrf_token(home_page):
    service = ServicePageFactory(parent=ServiceIndexPageFactory(parent=home_page), reference_prefix="BTG")
    form = ReferralFormPageFactory(parent=service, referrer_type="gp")
    tokens = []
    for _ in range(2):
        client = Client(enforce_csrf_checks=True)
        response = get(client, form.url)
        assert response[STATUS_HEADER] == "skip"
        assert "no-store" in response["Cache-Control"]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)
        tokens.append(token)
        sent = client.post(form.url, {**valid_data(), "csrfmiddlewaretoken": token})
        assert sent.status_code == 302, "the form's own token is accepted"
        assert sent["Location"] == form.url + "confirmation/"
    assert tokens[0] != tokens[1], "each visitor gets a token of their own, never a stored one"


def test_posts_are_never_answered_from_the_cache(home_page):
    get(visitor(), "/accessibility/settings/")
    response = visitor().post("/accessibility/settings/", {"text": "large", "scheme": "dark", "spacing": "standard"})
    assert response.status_code == 302
    assert response[STATUS_HEADER] == "skip"


def test_a_message_is_shown_not_a_stored_page(about):
    get(visitor(), "/about/")
    client = visitor()
    response = client.post(
        "/accessibility/settings/",
        {"text": "standard", "scheme": "dark", "spacing": "standard", "next": "/about/"},
        follow=True,
    )
    assert "Your display settings have been saved" in response.content.decode()
    assert "scheme-dark" in html_classes(response)
    # The message shows once; the next page is the dark copy, stored for every dark-scheme visitor.
    assert "Your display settings have been saved" not in get(client, "/about/").content.decode()


def test_signed_in_editors_never_get_a_stored_page_and_the_admin_is_never_stored(about):
    get(visitor(), "/about/")
    editor = Client()
    editor.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = get(editor, "/about/")
    assert response[STATUS_HEADER] == "skip"
    assert "wagtail-userbar" in response.content.decode(), "the editor sees their own page, with the userbar"
    for _ in range(2):
        admin = get(editor, "/admin/")
        assert admin[STATUS_HEADER] == "skip"
        assert "private" in admin["Cache-Control"] or "no-cache" in admin["Cache-Control"]
    anonymous = get(visitor(), "/admin/", status=302)
    assert anonymous[STATUS_HEADER] == "skip"
    preview = editor.get(f"/admin/pages/{about.pk}/view_draft/")
    assert preview[STATUS_HEADER] == "skip"


def test_searches_are_not_stored(about):
    for _ in range(2):
        response = get(visitor(), "/search/?q=about")
        assert response[STATUS_HEADER] == "skip"


def test_errors_are_not_stored(home_page):
    for _ in range(2):
        response = get(visitor(), "/no-such-page/", status=404)
        assert response[STATUS_HEADER] == "skip"
        assert "private" in response["Cache-Control"]


def test_head_is_answered_from_the_stored_page(about):
    get(visitor(), "/about/")
    response = visitor().head("/about/")
    assert response.status_code == 200
    assert response[STATUS_HEADER] == "hit"


def test_unknown_hosts_are_turned_away_before_the_cache(about):
    get(visitor(), "/about/")
    assert visitor().get("/about/", HTTP_HOST="evil.example").status_code == 400


def test_off_when_page_cache_seconds_is_0(about, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client = visitor()
    for _ in range(2):
        response = get(client, "/about/")
        assert STATUS_HEADER not in response


def test_a_stored_page_says_how_old_it_is(about):
    get(visitor(), "/about/")
    assert 0 <= int(get(visitor(), "/about/")["Age"]) <= 2


class PurgeRecorder(BaseHTTPRequestHandler):
    """A stand-in for Varnish: records the PURGE requests Wagtail's HTTP backend sends."""

    purged = []

    def do_PURGE(self):  # http.server calls do_<METHOD>
        self.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.purged = []
    yield f"http://127.0.0.1:{server.server_port}", PurgeRecorder.purged
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_pages_that_list_it_from_the_cdn(about, settings, purge_server):
    location, purged = purge_server
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": location}
    }
    child = StandardPageFactory(parent=about, slug="team", title="Our team", live=False)
    child.save_revision().publish()
    assert {path for _host, path in purged} >= {"/", "/about/"}
    assert all(host == "testserver" for host, _path in purged), "purged for the site's own host"


def test_no_cdn_configured_purges_nothing(about, purge_server):
    _location, purged = purge_server
    StandardPageFactory(parent=about, slug="team", title="Our team", live=False).save_revision().publish()
    assert purged == []


def test_frontend_cache_is_configured_from_the_environment(monkeypatch):
    plain = load_settings("hub.settings.base", monkeypatch)
    assert plain.WAGTAILFRONTENDCACHE == {}
    assert "wagtail.contrib.frontend_cache" not in plain.INSTALLED_APPS

    configured = load_settings(
        "hub.settings.base",
        monkeypatch,
        FRONTEND_CACHE_PURGE_URL="http://varnish-1:6081, http://varnish-2:6081",
        CLOUDFLARE_ZONE_ID="zone123",
        CLOUDFLARE_API_TOKEN="token456",
    )
    backends = configured.WAGTAILFRONTENDCACHE
    assert [backend["LOCATION"] for name, backend in backends.items() if name.startswith("http")] == [
        "http://varnish-1:6081",
        "http://varnish-2:6081",
    ]
    assert backends["cloudflare"]["ZONEID"] == "zone123" and backends["cloudflare"]["BEARER_TOKEN"] == "token456"
    assert "wagtail.contrib.frontend_cache" in configured.INSTALLED_APPS


def test_a_cloudflare_zone_without_a_token_is_refused(monkeypatch):
    with pytest.raises(ImproperlyConfigured, match="CLOUDFLARE_API_TOKEN"):
        load_settings("hub.settings.base", monkeypatch, CLOUDFLARE_ZONE_ID="zone123")
