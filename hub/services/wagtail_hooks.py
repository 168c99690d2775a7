from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls
from .access import handles_any_service
from .admin_views import EXPORTED, LISTED, VIEWED
from .handling import LOG_ACTIONS
from .models import ClosureOutcome, DeclineReason, Referral, ReferralFormPage, ReferralStatus, ServicePage


@hooks.register("register_admin_urls")
def register_referral_admin_urls():
    return [path("referrals/", include((admin_urls, "referrals_admin"), namespace="referrals_admin"))]


class ReferralsMenuItem(MenuItem):
    def is_shown(self, request):
        return handles_any_service(request.user)


@hooks.register("register_admin_menu_item")
def register_referrals_menu_item():
    return ReferralsMenuItem(
        "Referrals", reverse("referrals_admin:index"), name="referrals", icon_name="form", order=650
    )


@hooks.register("filter_form_submissions_for_user")
def hide_referral_forms_from_generic_submissions(user, editable_forms):
    # Wagtail's "Forms" area lists submissions to anyone who can edit the page: never for referrals.
    return editable_forms.not_type(ReferralFormPage)


@hooks.register("register_log_actions")
def register_referral_log_actions(actions):
    actions.register_action(LISTED, "List referrals", "Listed referrals")
    actions.register_action(VIEWED, "View referral", "Viewed a referral")
    actions.register_action(EXPORTED, "Export referrals", "Exported referrals as CSV")
    for status, action in LOG_ACTIONS.items():
        label = ReferralStatus(status).label.lower()
        actions.register_action(action, f"Mark referral {label}", f"Marked the referral {label}")


class ReferralListViewSet(SnippetViewSet):
    """The editable lists handlers choose from; their names are what commissioners' figures show."""

    icon = "list-ul"
    add_to_admin_menu = False
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


class DeclineReasonViewSet(ReferralListViewSet):
    model = DeclineReason
    menu_label = "Referral decline reasons"


class ClosureOutcomeViewSet(ReferralListViewSet):
    model = ClosureOutcome
    menu_label = "Referral outcomes"


register_snippet(DeclineReasonViewSet)
register_snippet(ClosureOutcomeViewSet)


@hooks.register("before_delete_page")
def refuse_to_delete_services_with_referrals(request, page):
    """Deleting a service (or its index) would need its referrals deleted first: they are health records
    with their own retention period, so say so instead of failing."""
    services = ServicePage.objects.descendant_of(page, inclusive=True)
    if Referral.objects.filter(service__in=services).exists():
        messages.error(
            request,
            f"“{page.get_admin_display_title()}” cannot be deleted while referrals to it are kept. "
            "Unpublish it instead; its referrals are deleted by the retention purge.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
