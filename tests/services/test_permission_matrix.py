"""Who can reach which admin page that shows referrals, submissions, users, settings or reports:
one row per page, one column per role, with two-factor sign-in on as in production.

Expected: 200 (shown), 403 (refused), 404, or where a redirect goes: "login" (anonymous),
"2fa" (password only, no second factor yet) and "home" (Wagtail's own refusal: back to the
dashboard with a message). To add a page, add a row; to add a role, add a column and a maker.
Every response is also checked for referral data of services the role does not handle: 0 reads.
"""

import pytest

from hub.core.models import HubSettings
from tests.factories.accounts import sign_in_with_second_factor
from tests.factories.users import UserFactory
from tests.services.conftest import PERSON_NAME

pytestmark = pytest.mark.django_db

OTHER_PERSON = "Other Person"

ROLES = [
    "anonymous",
    "editor",
    "moderator",
    "administrator",
    "own_handler",
    "other_handler",
    "superuser",
    "password_only",
]

# page:                 anonymous editor   moderator administrator own_handler other_handler superuser password_only
MATRIX = {
    "referrals index": ("login", 403, 403, 403, 200, 200, 200, "2fa"),
    "own service list": ("login", 403, 403, 403, 200, 403, 200, "2fa"),
    "own referral": ("login", 403, 403, 403, 200, 403, 200, "2fa"),
    "own export": ("login", 403, 403, 403, 200, 403, 200, "2fa"),
    "other referral": ("login", 403, 403, 403, 403, 200, 200, "2fa"),
    "unknown referral": ("login", 404, 404, 404, 404, 404, 404, "2fa"),
    "form submissions": ("login", 200, 200, 200, "home", "home", 200, "2fa"),
    "referral form submissions": ("login", "home", "home", "home", "home", "home", "home", "2fa"),
    "users": ("login", "home", "home", 200, "home", "home", 200, "2fa"),
    "hub settings": ("login", "home", "home", 200, "home", "home", 200, "2fa"),
    "site history": ("login", 200, 200, 200, 200, 200, 200, "2fa"),
    "reset another's 2FA": ("login", 403, 403, 200, 403, 403, 200, "2fa"),
}


def urls(referral, other_referral, gp_form, target):
    return {
        "referrals index": "/admin/referrals/",
        "own service list": f"/admin/referrals/service/{referral.service_id}/",
        "own referral": f"/admin/referrals/{referral.pk}/",
        "own export": f"/admin/referrals/service/{referral.service_id}/export.csv",
        "other referral": f"/admin/referrals/{other_referral.pk}/",
        "unknown referral": "/admin/referrals/999999/",
        "form submissions": "/admin/forms/",
        "referral form submissions": f"/admin/forms/submissions/{gp_form.pk}/",
        "users": "/admin/users/",
        "hub settings": f"/admin/settings/core/hubsettings/{HubSettings.load().pk}/",
        "site history": "/admin/reports/site-history/",
        "reset another's 2FA": f"/admin/two-factor/reset/{target.pk}/",
    }


def in_group(name):
    return UserFactory(groups=[name])


@pytest.fixture
def people(service, other_service):
    return {
        "anonymous": None,
        "editor": in_group("Editors"),
        "moderator": in_group("Moderators"),
        "administrator": in_group("Administrators"),
        "own_handler": in_group(service.handler_group.group.name),
        "other_handler": in_group(other_service.handler_group.group.name),
        "superuser": UserFactory(is_superuser=True),
        "password_only": in_group(service.handler_group.group.name),
    }


def sign_in(client, role, user):
    if role == "password_only":
        client.force_login(user)  # the password step only
    elif user is not None:
        sign_in_with_second_factor(client, user)


def outcome(response):
    if response.status_code != 302:
        return response.status_code
    location = response["Location"]
    if location.startswith("/admin/login/"):
        return "login"
    if location.startswith(("/admin/two-factor/verify/", "/admin/two-factor/setup/")):
        return "2fa"
    return "home" if location == "/admin/" else location


READABLE = {"own_handler": {PERSON_NAME}, "other_handler": {OTHER_PERSON}, "superuser": {PERSON_NAME, OTHER_PERSON}}


def readable(role):
    """Whose referral data a role may see."""
    return READABLE.get(role, set())


def test_the_permission_matrix(client, settings, people, referral, other_referral, gp_form):
    settings.ADMIN_2FA_REQUIRED = True
    target = UserFactory(username="target")
    pages = urls(referral, other_referral, gp_form, target)
    references = {PERSON_NAME: referral.reference, OTHER_PERSON: other_referral.reference}
    mismatches, cross_reads = [], []
    for column, role in enumerate(ROLES):
        client.logout()
        sign_in(client, role, people[role])
        for page, expected in MATRIX.items():
            response = client.get(pages[page])
            got = outcome(response)
            if got != expected[column]:
                mismatches.append(f"{page} as {role}: expected {expected[column]}, got {got}")
            body = response.content.decode("utf-8-sig", errors="replace")
            for person in {PERSON_NAME, OTHER_PERSON} - readable(role):
                if person in body or references[person] in body:
                    cross_reads.append(f"{page} as {role} shows {person}'s referral")
    assert not mismatches, "\n".join(mismatches)
    assert cross_reads == []
