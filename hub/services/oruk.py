"""Open Referral UK 3.0: a read-only API of our live services (``/api/oruk/``).

Ids are stable UUIDs: a service's ``oruk_id`` is stored; its organisation's and sub-records' ids are
derived from it (UUID 5), so they never change between requests. Empty values are left out rather than
sent as empty strings, which the standard's formats (uri, email) would reject.
"""

import math
import uuid

from django.http import JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.views.decorators.http import require_safe

from .models import ServicePage, ServiceStatus

PROFILE_URL = "https://github.com/openreferral/uk-profile"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/uk-profile/main/openapi.json"
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
CACHE_SECONDS = 300


def cacheable(response):
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


def json_response(data, status=200):
    return cacheable(JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False}))


def error(status, message):
    return json_response({"status": status, "message": message}, status=status)


def derived_id(service, kind):
    return str(uuid.uuid5(service.oruk_id, kind))


def plain(html):
    return " ".join(strip_tags(html or "").split())


def without_empty(data):
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def organization(service, request):
    return without_empty(
        {
            "id": derived_id(service, "organization"),
            "name": service.organisation_name or service.title,
            "description": service.organisation_description or f"The organisation that runs {service.title}.",
            "email": service.organisation_email,
            "website": service.organisation_url,
        }
    )


def description(service):
    parts = [service.summary, plain(service.eligibility)]
    return "\n\n".join(part for part in parts if part)


def service_summary(service, request):
    """The one-to-one fields of a service (``service_list.json``)."""
    return without_empty(
        {
            "id": str(service.oruk_id),
            "organization_id": derived_id(service, "organization"),
            "name": service.title,
            "description": description(service),
            "url": service.get_full_url(request),
            "email": service.contact_email,
            "status": service.status,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "last_modified": (service.last_published_at or service.latest_revision_created_at).isoformat()
            if (service.last_published_at or service.latest_revision_created_at)
            else None,
            "organization": organization(service, request),
        }
    )


def service_full(service, request):
    """A fully nested service (``service.json``)."""
    data = service_summary(service, request)
    service_id = data["id"]
    if service.areas_covered:
        data["service_areas"] = [
            {"id": derived_id(service, "service_area"), "service_id": service_id, "name": service.areas_covered}
        ]
    if service.opening_hours:
        data["schedules"] = [
            {"id": derived_id(service, "schedule"), "service_id": service_id, "description": service.opening_hours}
        ]
    if service.cost:
        cost = {"id": derived_id(service, "cost_option"), "service_id": service_id, "option": service.cost}
        if service.cost.strip().lower() == "free":
            cost["amount"] = 0
        data["cost_options"] = [cost]
    if service.contact_phone or service.contact_email:
        data["contacts"] = [
            {"id": derived_id(service, "contact"), "service_id": service_id, "name": f"{service.title} team"}
        ]
    return data


def live_services():
    return ServicePage.objects.live().public().exclude(status=ServiceStatus.DEFUNCT).order_by("title", "pk")


def positive_int(value, default, maximum=None):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None if value not in (None, "") else default
    if number < 1:
        return None
    return min(number, maximum) if maximum else number


@require_safe
def api_root(request):
    return json_response(
        {
            "version": "3.0",
            "profile": PROFILE_URL,
            "openapi_url": OPENAPI_URL,
        }
    )


@require_safe
def service_list(request):
    page_number = positive_int(request.GET.get("page"), 1)
    per_page = positive_int(request.GET.get("per_page"), DEFAULT_PER_PAGE, MAX_PER_PAGE)
    if page_number is None or per_page is None:
        return error(400, "page and per_page must be whole numbers of 1 or more.")
    services = live_services()
    # Control characters (NUL above all: PostgreSQL refuses it) can never match a title.
    search = "".join(ch for ch in (request.GET.get("search") or "") if ch.isprintable()).strip()[:200]
    if search:
        services = services.filter(title__icontains=search)
    total = services.count()
    total_pages = max(1, math.ceil(total / per_page))
    offset = (page_number - 1) * per_page
    contents = [service_summary(service, request) for service in services[offset : offset + per_page]]
    return json_response(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page_number,
            "size": len(contents),
            "first_page": page_number == 1,
            "last_page": page_number >= total_pages,
            "empty": not contents,
            "contents": contents,
        }
    )


@require_safe
def service_detail(request, service_id):
    try:
        key = uuid.UUID(service_id)
    except (ValueError, AttributeError):
        return error(404, "No service has this id.")
    service = live_services().filter(oruk_id=key).first()
    if service is None:
        return error(404, "No service has this id.")
    return json_response(service_full(service, request))
