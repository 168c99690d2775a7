"""The request's Wagtail site, from the cache.

Wagtail finds the site for every request with a database query (``Site.find_for_request``: about
3 ms with the root page joined), and every page URL a template builds needs it. The answer changes
only when sites or the page tree change, so it is cached under the page-tree stamp (bumped by site
saves, publishing, moves) and handed to Wagtail where ``find_for_request`` keeps it for the request
(``request._wagtail_site``, as its docstring describes).
"""

from django.http.request import split_domain_port
from wagtail.models import Site

from hub.core.cache import PAGE_TREE

SITE_CACHE_SECONDS = 300
NO_SITE = "none"  # cached when no site answers the host, so that is not looked up every time either


def site_for_request(request):
    hostname = split_domain_port(request._get_raw_host())[0]
    site = PAGE_TREE.cached(
        f"hub:site:{hostname}:{request.get_port()}",
        lambda: Site._find_for_request(request) or NO_SITE,
        SITE_CACHE_SECONDS,
    )
    return None if site == NO_SITE else site


class CachedSiteMiddleware:
    """After CommonMiddleware (which turns away hosts outside ALLOWED_HOSTS), before any view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for_request(request)
        return self.get_response(request)
