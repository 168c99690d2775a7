"""Admin: the synonym list (a snippet) and the search terms report."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.admin_views import search_outcomes
from search.models import SynonymGroup


class SynonymGroupViewSet(SnippetViewSet):
    model = SynonymGroup
    icon = "search"
    menu_label = "Search synonyms"
    list_display = ["__str__", "note"]
    search_fields = ["terms", "note"]


register_snippet(SynonymGroupViewSet)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/search-outcomes/", search_outcomes, name="search_outcomes_report")]


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return MenuItem("Search terms", reverse("search_outcomes_report"), icon_name="search", order=900)
