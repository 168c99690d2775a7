"""URL patterns this app serves outside Wagtail's page tree (mounted in hub/urls.py)."""

from django.urls import path, re_path

from . import oruk

urlpatterns = [
    path("api/oruk/", oruk.api_root, name="oruk_root"),
    re_path(r"^api/oruk/services/?$", oruk.service_list, name="oruk_services"),
    re_path(r"^api/oruk/services/(?P<service_id>[^/]+)/?$", oruk.service_detail, name="oruk_service"),
]
