"""The home page and general-purpose standard pages (about, privacy, accessibility statement)."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from hub.core.blocks import BaseStreamBlock
from hub.core.models import BasePage


class HomePage(BasePage):
    """The site root: one per site, introduces the hub and signposts each audience."""

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    intro = models.CharField(
        max_length=250,
        blank=True,
        help_text="The sentence under the site name on the home page: who the hub is for.",
    )
    body = StreamField(BaseStreamBlock(), blank=True, help_text="The rest of the home page.")

    search_fields = [*BasePage.search_fields, index.SearchField("intro"), index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().in_menu().specific()
        return context


class StandardPage(BasePage):
    """A plain content page: about, privacy, the accessibility statement, and similar."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    body = StreamField(BaseStreamBlock(), blank=True, help_text="The page content.")

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]

    class Meta:
        verbose_name = "standard page"
