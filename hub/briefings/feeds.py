"""Atom feed of the newest briefings, so commissioners can follow new publications in a feed reader."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

FEED_LENGTH = 20


class BriefingFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.index_page

    def title(self, index_page):
        return f"{index_page.title}: Work and Wellbeing Hub"

    def subtitle(self, index_page):
        return index_page.summary or "New briefings, reports and guidance on mental health and employment."

    def link(self, index_page):
        return index_page.get_url(self.request)

    def feed_url(self, index_page):
        return self.request.path

    def items(self, index_page):
        return list(index_page.briefings().select_related("owner").prefetch_related("tagged_items__tag")[:FEED_LENGTH])

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item):
        return item.summary or item.search_description or item.title

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        # A date has no time of day: publish at midnight, London time, so the feed sorts as editors expect.
        midnight = datetime.datetime.combine(item.publication_date, datetime.time())
        return timezone.make_aware(midnight)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.organisation or item.author or None

    def item_categories(self, item):
        return [tagged.tag.name for tagged in item.tagged_items.all()]
