"""The page cache: whole public pages for anonymous visitors, kept in Django's default cache.

Why our own middleware and not wagtail-cache or Django's ``cache_page``: both key a page on the
headers named in ``Vary``, and our pages vary on ``Cookie`` (the display preferences), so every
visitor with any cookie at all would get a copy of their own (close to no hits); wagtail-cache's
fix drops ``Vary: Cookie`` altogether, which would serve one visitor's colour scheme to the next;
and wagtail-cache 3.0 does not install beside Wagtail 8 (it requires ``wagtail<8``). Here a page is
keyed on its URL and the visitor's *normalised* preferences (:func:`hub.core.preferences.from_request`),
so there are at most 24 copies of a page (3 text sizes x 4 schemes x 2 spacings).

Never read or written (the request goes through the whole stack as if there were no cache):
methods other than GET and HEAD, the admin, previews, documents, searches (a ``q`` parameter: search
has its own result cache), and any request carrying a session cookie (a signed-in editor, a visitor
with toolkit progress, messages kept in the session) or the messages cookie. Never stored: anything
but a 200, streaming responses, responses that set a cookie or used a CSRF token (every page with a
form), ``Cache-Control: private / no-store / no-cache`` (toolkit progress, referral forms), and
responses that vary on anything but ``Cookie``.

Freshness: every entry is stored with the :data:`PAGE_CACHE` version it was rendered under, and the
signals in :func:`connect_signals` move that version on whenever content changes (publishing,
unpublishing, moving, deleting a page; resources, synonyms, promotions, Hub settings, images...), so
the next request renders afresh. Nothing outlives ``PAGE_CACHE_SECONDS`` either: with the
per-process local-memory cache another process does not see a bump, and pages that change with the
clock (upcoming events) change without a signal.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_cache_control

from hub.core import preferences
from hub.core.cache import VersionStamp

PAGE_CACHE = VersionStamp("hub:pages:cache-version")

# Tells operators (and the tests) what happened to a request: hit, miss (rendered and stored), or skip.
STATUS_HEADER = "X-Page-Cache"
# Paths whose responses are never looked up: the admin (and its previews) and served documents
# (private collections are checked per request).
NEVER_PREFIXES = ("/admin/", "/documents/")
# The site's search and typeahead parameter: searches have their own result cache.
SEARCH_PARAMETER = "q"
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")
# Headers a stored page does not carry: set per response, or by the server.
NOT_STORED = {"set-cookie", "content-length", "date", "age", STATUS_HEADER.lower()}

# What editors change that a page can show, besides pages themselves (which also send Wagtail's
# publish, unpublish and move signals). Saving a draft saves its Page row too: a needless but
# harmless refresh. Image renditions, revisions, referrals and search analytics are left out: they
# are written while pages are read or forms are sent, and would empty the cache for nothing.
CONTENT_MODELS = (
    "wagtailcore.Page",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
    "wagtailsearchpromotions.SearchPromotion",
    "core.HubSettings",
    "core.ReviewInterval",
    "core.Audience",
    "resources.Resource",
    "resources.Organisation",
    "resources.Topic",
    "resources.ResourceTopic",
    "search.SynonymGroup",
)


def content_models():
    """:data:`CONTENT_MODELS`, every page type and every page's inline children (toolkit actions,
    form fields, organisers...): ``post_save`` names the saved object's own class, and pages or
    their children saved in code (demo content, factories, scripts) send no publish signal."""
    from django.apps import apps
    from modelcluster.fields import ParentalKey
    from wagtail.models import Page

    def is_page(model):
        return issubclass(model, Page) and model is not Page

    def is_page_child(model):
        return any(isinstance(field, ParentalKey) and is_page(field.related_model) for field in model._meta.fields)

    models = apps.get_models()
    pages_and_children = [model for model in models if is_page(model) or is_page_child(model)]
    return [apps.get_model(label) for label in CONTENT_MODELS] + pages_and_children


def connect_signals():
    """Move :data:`PAGE_CACHE` on whenever content a page can show changes."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    for name, signal in {
        "published": page_published,
        "unpublished": page_unpublished,
        "slug": page_slug_changed,
        "move": post_page_move,
    }.items():
        signal.connect(PAGE_CACHE.bump, dispatch_uid=f"hub-page-cache-{name}")
    for model in content_models():
        label = model._meta.label
        post_save.connect(PAGE_CACHE.bump, sender=model, dispatch_uid=f"hub-page-cache-save-{label}")
        post_delete.connect(PAGE_CACHE.bump, sender=model, dispatch_uid=f"hub-page-cache-delete-{label}")
    for name, signal in {"published": page_published, "unpublished": page_unpublished}.items():
        signal.connect(purge_listings, dispatch_uid=f"hub-frontend-cache-{name}")
    # Resources' audiences are a plain many-to-many: changing them sends m2m_changed, not post_save.
    audiences = apps.get_model("resources.Resource").audiences.through
    m2m_changed.connect(PAGE_CACHE.bump, sender=audiences, dispatch_uid="hub-page-cache-resource-audiences")


def purge_listings(instance, **kwargs):
    """With a CDN or proxy configured (``WAGTAILFRONTENDCACHE``, from the environment): purge the
    pages that list this one, its ancestors up to the home page, as Wagtail's frontend cache app
    purges the page itself. Other pages that show it (menus) follow within ``PAGE_CACHE_SECONDS``."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import purge_pages_from_cache

    purge_pages_from_cache(instance.get_ancestors().live().filter(depth__gt=1).specific())


def may_serve(request):
    """Whether this request may be answered from, and stored in, the page cache."""
    if request.method not in ("GET", "HEAD") or request.path.startswith(NEVER_PREFIXES):
        return False
    if SEARCH_PARAMETER in request.GET or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def cache_key(request):
    """The URL (scheme, host, path and query) and the visitor's normalised display preferences.

    ``get_host`` validates the host against ALLOWED_HOSTS (CommonMiddleware does not run on a hit)."""
    prefs = preferences.from_request(request).to_cookie()
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "hub:page:" + hashlib.blake2b(f"{url}|{prefs}".encode(), digest_size=16).hexdigest()


# Set on a response that is private downstream (a CDN cannot tell who has a session) but the same
# for every visitor without a session, whom alone this cache serves: the toolkit before any tick.
SAME_WITHOUT_SESSION = "page_cache_same_without_session"


def same_for_every_visitor_without_a_session(response):
    """Let the page cache keep a ``private`` response: it only ever serves requests without a
    session, and the stored copy keeps its ``private`` header for browsers and CDNs."""
    setattr(response, SAME_WITHOUT_SESSION, True)
    return response


def may_store(request, response):
    """Whether a response rendered for a cacheable request is the same for every visitor like them."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(request, "is_preview", False):
        return False
    directives = response.get("Cache-Control", "").lower()
    private = any(directive in directives for directive in UNCACHEABLE_DIRECTIVES)
    if private and not getattr(response, SAME_WITHOUT_SESSION, False):
        return False
    varies = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    return varies <= {"cookie"}


class PageCacheMiddleware:
    """Serves stored pages before sessions, CSRF, authentication and the view run.

    Placed right after SecurityMiddleware, CSP and WhiteNoise: those still run on a hit (HTTPS
    redirect, HSTS and the other security headers, the policy), while everything below them,
    X-Frame-Options and ``Vary: Cookie`` included, was captured in the stored headers. A hit costs
    one cache read (the stored page and the current version together)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = settings.PAGE_CACHE_SECONDS
        if self.seconds <= 0:
            raise MiddlewareNotUsed("PAGE_CACHE_SECONDS is 0: the page cache is off")

    def __call__(self, request):
        if not may_serve(request):
            return self.skip(self.get_response(request))
        key = cache_key(request)
        found = cache.get_many([key, PAGE_CACHE.key])
        version = found.get(PAGE_CACHE.key) or PAGE_CACHE.current()
        entry = found.get(key)
        if entry is not None and entry[0] == version:
            return self.hit(entry)
        response = self.get_response(request)
        if not may_store(request, response):
            return self.skip(response)
        return self.store(key, version, response)

    def store(self, key, version, response):
        """Keep the page under the version read *before* rendering: a bump during the render leaves
        it never read. Shared caches may keep it as long; browsers check again every time, unless
        the view chose a freshness of its own (the ORUK feed tells API clients five minutes)."""
        if "max-age" not in response.get("Cache-Control", "") and not getattr(response, SAME_WITHOUT_SESSION, False):
            patch_cache_control(response, public=True, max_age=0, s_maxage=self.seconds)
        headers = [(name, value) for name, value in response.items() if name.lower() not in NOT_STORED]
        cache.set(key, (version, time.time(), response.status_code, headers, response.content), self.seconds)
        response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def hit(entry):
        """The stored page, with its ``Age``: a CDN counts it against ``s-maxage``, so no copy
        downstream lives longer than ``PAGE_CACHE_SECONDS`` after it was rendered either."""
        _version, stored_at, status, headers, content = entry
        response = HttpResponse(content, status=status, headers=headers)
        response["Age"] = str(max(0, int(time.time() - stored_at)))
        response[STATUS_HEADER] = "hit"
        return response

    @staticmethod
    def skip(response):
        """Not stored: say so, and keep shared caches from storing what we would not."""
        if not response.has_header("Cache-Control") and not response.streaming:
            patch_cache_control(response, private=True)
        response[STATUS_HEADER] = "skip"
        return response
