"""Search analytics: the normalised query and its result count, per day. No personal data is stored."""

import datetime

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from search.models import QueryOutcome


def record(parsed, result_count):
    """Count one search of ``parsed`` (already cleaned and capped) that found ``result_count`` results."""
    return record_text(parsed.display, result_count)


def record_text(text, result_count):
    text = normalise_query_string(text or "")
    if not text:
        return None
    with transaction.atomic():
        query = Query.get(text)
        # Wagtail's own daily hits (what ``Query.add_hit`` counts, by its UTC day), then ours.
        add_to_day(QueryDailyHits, query, timezone.now().date(), hits=F("hits") + 1)
        add_to_day(
            QueryOutcome,
            query,
            timezone.localdate(),
            searches=F("searches") + 1,
            zero_result_searches=F("zero_result_searches") + (0 if result_count else 1),
            last_result_count=result_count,
        )
    return query


def add_to_day(model, query, date, **changes):
    """Apply ``changes`` to the query's row for the day, creating the row on the day's first search:
    one UPDATE for every later search, where get-then-save took two statements."""
    rows = model.objects.filter(query=query, date=date)
    if not rows.update(**changes):
        model.objects.get_or_create(query=query, date=date)
        rows.update(**changes)


def top_queries(days=30, zero_results_only=False, limit=50):
    """``[{"query": text, "searches": n, "zero_result_searches": m, "last_result_count": k}]`` over the period."""
    since = timezone.localdate() - datetime.timedelta(days=max(0, days - 1))
    rows = QueryOutcome.objects.filter(date__gte=since)
    if zero_results_only:
        rows = rows.filter(zero_result_searches__gt=0)
    rows = (
        rows.values("query__query_string")
        .annotate(searches=Sum("searches"), zero_result_searches=Sum("zero_result_searches"))
        .order_by("-zero_result_searches" if zero_results_only else "-searches", "query__query_string")[:limit]
    )
    return [
        {
            "query": row["query__query_string"],
            "searches": row["searches"],
            "zero_result_searches": row["zero_result_searches"],
        }
        for row in rows
    ]
