"""Admin: resources, organisations and topics as snippets (grouped under one "Resources" menu)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Organisation, Resource, Topic


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "link-external"
    menu_label = "Resources"
    list_display = ["title", "organisation", "resource_type", "live"]
    list_filter = ["resource_type", "region", "live"]
    search_fields = ["title", "summary", "url"]


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "short_name"]
    search_fields = ["name", "short_name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ResourceLibraryGroup(SnippetViewSetGroup):
    items = (ResourceViewSet, OrganisationViewSet, TopicViewSet)
    menu_icon = "link-external"
    menu_label = "Resource library"
    menu_name = "resource-library"


register_snippet(ResourceLibraryGroup)
