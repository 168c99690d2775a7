"""URL patterns this app serves outside Wagtail's page tree (mounted in hub/urls.py)."""

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="suggest"),
]
