"""URL patterns this app serves outside Wagtail's page tree (mounted in hub/urls.py, before Wagtail)."""

from django.conf import settings
from django.urls import path

from . import views

urlpatterns = [
    path("accessibility/settings/", views.display_settings, name="display_settings"),
]

if settings.LOADTEST_CEILING:
    urlpatterns.append(path("_ceiling/", views.ceiling, name="loadtest_ceiling"))
