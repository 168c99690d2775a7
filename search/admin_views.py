"""Admin report: top queries and zero-result queries over a chosen period."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from search import analytics

PERIODS = {"7": "Last 7 days", "30": "Last 30 days", "90": "Last 90 days", "365": "Last year"}


def search_outcomes(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    days = request.GET.get("days", "30")
    if days not in PERIODS:
        days = "30"
    context = {
        "period": days,
        "periods": PERIODS,
        "top": analytics.top_queries(days=int(days)),
        "zero": analytics.top_queries(days=int(days), zero_results_only=True),
    }
    return render(request, "search/admin/search_outcomes.html", context)
