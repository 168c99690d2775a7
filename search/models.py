"""Search data editors manage (synonyms) and what visitors searched for (outcomes, no personal data)."""

from django.db import models
from django.db.models.signals import post_delete, post_save
from wagtail.admin.panels import FieldPanel

from search.synonyms import clear_cache, split_terms


class SynonymGroup(models.Model):
    """Words and phrases that should find the same content, e.g. an old and a new name for a service."""

    terms = models.TextField(
        help_text=(
            "Two or more words or phrases that mean the same, separated by commas, e.g. "
            "'IAPT, NHS Talking Therapies'. A search for any of them also finds the others."
        )
    )
    note = models.CharField(
        max_length=250, blank=True, help_text="Optional: why these belong together, for other editors."
    )

    panels = [FieldPanel("terms"), FieldPanel("note")]

    class Meta:
        ordering = ["terms"]
        verbose_name = "synonym group"

    def __str__(self):
        return " ↔ ".join(self.term_list()) or "(empty)"

    def term_list(self):
        return split_terms(self.terms)


post_save.connect(clear_cache, sender=SynonymGroup)
post_delete.connect(clear_cache, sender=SynonymGroup)


class QueryOutcome(models.Model):
    """How one normalised query fared on one day: searches, and how many of them found nothing.

    Wagtail's ``Query``/``QueryDailyHits`` count searches; this adds the result count, so editors
    can see zero-result queries and add promotions or synonyms. Only the query text is stored.
    """

    query = models.ForeignKey(
        "wagtailsearchpromotions.Query",
        on_delete=models.CASCADE,
        related_name="outcomes",
        help_text="The normalised query.",
    )
    date = models.DateField(help_text="The day of the searches.")
    searches = models.PositiveIntegerField(default=0, help_text="Searches for this query on this day.")
    zero_result_searches = models.PositiveIntegerField(default=0, help_text="Of those, how many found nothing.")
    last_result_count = models.PositiveIntegerField(default=0, help_text="Results found by the latest search.")

    class Meta:
        unique_together = [("query", "date")]
        verbose_name = "query outcome"

    def __str__(self):
        return f"{self.query} on {self.date}: {self.searches} searches, {self.zero_result_searches} with no results"
