from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from . import audit, urls
from .views import can_reset


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [path("two-factor/", include((urls, "two_factor"), namespace="two_factor"))]


@hooks.register("register_log_actions")
def register_sign_in_log_actions(actions):
    for action, label, message in audit.LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_account_menu_item")
def two_factor_account_menu_item(request):
    return {
        "url": reverse("two_factor:manage"),
        "label": "Two-factor authentication",
        "help_text": "See or replace your authenticator app and get new backup codes.",
    }


@hooks.register("register_user_listing_buttons")
def reset_two_factor_button(user, request_user):
    if can_reset(request_user, user):
        yield Button("Reset two-factor authentication", reverse("two_factor:reset", args=[user.pk]), priority=90)
