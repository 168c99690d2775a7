"""URL patterns this app serves outside Wagtail's page tree (mounted in hub/urls.py)."""

urlpatterns = []
