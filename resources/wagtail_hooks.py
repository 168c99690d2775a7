"""Admin: resources, organisations and topics as snippets under one "Resource library" menu, the CSV
import and the link report (also under Reports)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_views import LinkReportView, ResourceFilterSet, ResourceIndexView, import_view, link_status
from .importer import COLUMNS
from .models import Organisation, Resource, Topic


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "link-external"
    menu_label = "Resources"
    index_view_class = ResourceIndexView
    filterset_class = ResourceFilterSet
    list_display = [
        "title",
        Column("organisation", label="Organisation", sort_key="organisation__name"),
        Column("resource_type", label="Type", accessor="get_resource_type_display", sort_key="resource_type"),
        Column("link_status", label="Link", accessor=link_status),
        UpdatedAtColumn(),
    ]
    list_per_page = 50
    # The database's own text matching (not the search index): exact, instant after an import.
    search_fields = ["title", "summary", "url", "organisation__name"]
    search_backend_name = None
    export_filename = "resources"
    # The import's columns first, so an export can be edited and imported again.
    list_export = [*COLUMNS, "status", "link_status"]
    export_headings = {"status": "status", "link_status": "link_status", **{column: column for column in COLUMNS}}

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", import_view, name="import"),
            path("link-report/", LinkReportView.as_view(), name="link_report"),
            path("link-report/results/", LinkReportView.as_view(results_only=True), name="link_report_results"),
        ]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "short_name", "website"]
    search_fields = ["name", "short_name"]
    search_backend_name = None


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


class ResourceLibraryGroup(SnippetViewSetGroup):
    items = (ResourceViewSet, OrganisationViewSet, TopicViewSet)
    menu_icon = "link-external"
    menu_label = "Resource library"
    menu_name = "resource-library"


register_snippet(ResourceLibraryGroup)


class LinkReportMenuItem(MenuItem):
    def is_shown(self, request):
        policy = ModelPermissionPolicy(Resource)
        return policy.user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_link_report_menu_item():
    return LinkReportMenuItem(
        "Resource links",
        reverse("wagtailsnippets_resources_resource:link_report"),
        icon_name="link-external",
        order=900,
    )
