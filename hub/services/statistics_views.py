"""The referral statistics page and its open-data downloads (thin: the figures come from commissioning.py)."""

import csv

from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from .admin_views import safe_cell
from .commissioning import LICENCE, LICENCE_URL, bar_chart, export_rows
from .disclosure import HIDDEN, SMALL

DISCLOSURE_NOTE = (
    f"Counts from 1 to 4 are shown as '{SMALL}'. Where one hidden count could be worked out from a total, "
    f"another count is hidden too ('{HIDDEN}'). Rates and medians are not shown when fewer than 5 people "
    "are behind them."
)
ATTRIBUTION = f"Contains public sector information licensed under the {LICENCE}."
LICENCE_LINE = f"{ATTRIBUTION[:-1]} ({LICENCE_URL})."


def render_statistics(request, page, granularity):
    report = page.report()
    levels = [
        {"level": level, "rows": rows, "chart": bar_chart(rows)}
        for level in report.levels
        for rows in [level.by_month if granularity == "month" else level.by_quarter]
    ]
    context = {
        **page.get_context(request),
        "report": report,
        "levels": levels,
        "granularity": granularity,
        "urls": {name: page.url + page.reverse_subpage(name) for name in ("by_month", "by_quarter", "csv", "json")},
        "disclosure_note": DISCLOSURE_NOTE,
        "attribution": ATTRIBUTION,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
    }
    return TemplateResponse(request, "services/referral_statistics_page.html", context)


def filename(page, extension):
    return f"{page.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_download(page):
    header, rows = export_rows(page.report())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename(page, "csv")}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    writer.writerow([])
    writer.writerow([safe_cell(LICENCE_LINE)])
    writer.writerow([safe_cell(DISCLOSURE_NOTE)])
    return response


def json_download(page):
    header, rows = export_rows(page.report())
    payload = {
        "title": page.title,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": LICENCE_LINE,
        "disclosure_control": DISCLOSURE_NOTE,
        "generated": timezone.localdate().isoformat(),
        "rows": [dict(zip(header, row, strict=True)) for row in rows],
    }
    response = JsonResponse(payload, json_dumps_params={"indent": 1, "ensure_ascii": False})
    response["Content-Disposition"] = f'inline; filename="{filename(page, "json")}"'
    return response
