"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Fixtures for every app's browser tests (``tests/browser/test_<app>.py``):

``demo_site``
    The demo content (``manage.py load_demo_content``) loaded into the live server's database,
    with the default Site pointed at the live server. Returns the live server's base URL, e.g.
    ``http://localhost:40123``. Function-scoped: pytest-django empties the database after each
    live-server test, and ``serialized_rollback`` brings Wagtail's root page back before the next.

``open_page(path="/", preferences=None, javascript=True, width=1280, height=900, **context_args)``
    A factory: a Playwright ``Page`` in a fresh browser context (the one browser is reused)
    with the display-preference cookie set, already at ``demo_site + path``.

``live_page_urls``
    Every live Wagtail page's path (from ``Page.objects.live().specific()``), in tree order, with
    the page's specific class name: ``[(path, "ServicePage"), ...]``. Pages other apps add to the
    demo content are included automatically.

Plus pytest-playwright's own ``browser``, ``new_context``, ``context`` and ``page``. Mark every
test ``@pytest.mark.browser``. Accessibility checks are in ``tests/browser/axe.py``
(``assert_accessible(page_or_pages, ...)``). Without /usr/bin/chromium the tests are skipped with
the reason shown.
"""

import io
import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from tests.browser.axe import CHROMIUM, preference_cookie

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# there unless told this is safe (it is: the loop never runs our queries concurrently).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    reason = f"Chromium not found at {CHROMIUM}: browser tests need it (apt-get install chromium)"
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def demo_site(initial_rows, live_server):
    from wagtail.models import Site

    call_command("load_demo_content", stdout=io.StringIO())
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    return live_server.url


@pytest.fixture
def live_page_urls(demo_site):
    from wagtail.models import Page

    urls = []
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        path = page.get_url()
        if path:
            urls.append((urlsplit(path).path, type(page).__name__))
    return urls


@pytest.fixture
def open_page(demo_site, new_context):
    def _open(path="/", preferences=None, javascript=True, width=1280, height=900, **context_args):
        viewport = {"width": width, "height": height}
        context = new_context(java_script_enabled=javascript, viewport=viewport, **context_args)
        if preferences is not None:
            context.add_cookies([preference_cookie(demo_site, preferences)])
        page = context.new_page()
        page.goto(demo_site + path)
        return page

    return _open
