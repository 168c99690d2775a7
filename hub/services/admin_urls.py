from django.urls import path

from . import admin_views

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("service/<int:service_id>/", admin_views.service_referrals, name="service"),
    path("service/<int:service_id>/export.csv", admin_views.export, name="export"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/status/", admin_views.change_referral_status, name="change_status"),
]
