"""Template tags for the page chrome: navigation from the page tree and breadcrumbs."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from wagtail.models import Site

from hub.core.cache import PAGE_TREE

register = template.Library()


NAVIGATION_CACHE_SECONDS = 300


def menu_pages(request, site):
    """``[{"pk", "title", "url", "url_path"}]`` for the live, public pages under the site root that editors
    marked 'show in menus'. Every page on the site shows them, so they are cached per site under the
    page-tree version (:data:`hub.core.cache.PAGE_TREE`, moved on by publishing, moving, deleting…)."""

    def items():
        return [
            {"pk": page.pk, "title": page.title, "url": page.get_url(request), "url_path": page.url_path}
            for page in site.root_page.get_children().live().public().in_menu()
        ]

    return PAGE_TREE.cached(f"hub:navigation:{site.pk}", items, NAVIGATION_CACHE_SECONDS)


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """The menu, each item with the ``aria-current`` value it needs: "page" on the page itself, "true"
    on the section that contains the current page."""
    request = context["request"]
    site = Site.find_for_request(request)
    if site is None:
        return []
    current = context.get("page")
    current_pk = getattr(current, "pk", None)
    current_path = getattr(current, "url_path", "") or ""
    items = []
    for item in menu_pages(request, site):
        aria_current = None
        if current_pk is not None and item["pk"] == current_pk:
            aria_current = "page"
        elif current_path.startswith(item["url_path"]):
            aria_current = "true"
        items.append({**item, "aria_current": aria_current})
    return items


@register.simple_tag
def breadcrumbs(page):
    """Ancestors of ``page`` below the tree root (which is not a real page)."""
    if page is None or not getattr(page, "pk", None):
        return []
    return page.get_ancestors().filter(depth__gt=1)


@register.simple_tag(takes_context=True)
def display_settings_url(context):
    """Link to the display settings that brings the visitor back to the page they were on."""
    settings_url = reverse("display_settings")
    request = context.get("request")
    if request is None or request.path == settings_url:
        return settings_url
    return f"{settings_url}?{urlencode({'next': request.get_full_path()})}"
