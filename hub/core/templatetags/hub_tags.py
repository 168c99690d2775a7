"""Template tags for the page chrome: navigation from the page tree and breadcrumbs."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from wagtail.models import Site

register = template.Library()


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """Menu items from the live, public pages under the site root that editors marked 'show in menus'.

    Each item carries the ``aria-current`` value it needs: "page" on the page itself, "true" on
    the section that contains the current page.
    """
    site = Site.find_for_request(context["request"])
    if site is None:
        return []
    current = context.get("page")
    current_path = getattr(current, "url_path", "") or ""
    items = []
    for nav_page in site.root_page.get_children().live().public().in_menu():
        aria_current = None
        if current is not None and nav_page.pk == current.pk:
            aria_current = "page"
        elif current_path.startswith(nav_page.url_path):
            aria_current = "true"
        items.append({"page": nav_page, "aria_current": aria_current})
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
