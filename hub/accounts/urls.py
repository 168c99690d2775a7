from django.urls import path

from . import views

urlpatterns = [
    path("", views.manage, name="manage"),
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("backup-codes/", views.regenerate_backup_codes, name="backup_codes"),
    path("reset/<int:user_id>/", views.reset, name="reset"),
]
