import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from hub.home.models import HomePage, StandardPage
from hub.services.models import ReferralFormPage, ReferralStatisticsPage, ServiceIndexPage, ServicePage
from tests.factories.services import ReferralFormPageFactory

pytestmark = pytest.mark.django_db


def test_services_only_live_in_their_index_and_forms_only_under_a_service():
    assert ServiceIndexPage.allowed_parent_page_models() == [HomePage]
    assert ServicePage.allowed_parent_page_models() == [ServiceIndexPage]
    assert ReferralFormPage.allowed_parent_page_models() == [ServicePage]
    assert ServiceIndexPage.allowed_subpage_models() == [ServicePage, ReferralStatisticsPage]
    assert ReferralStatisticsPage.allowed_parent_page_models() == [ServiceIndexPage]
    assert ReferralStatisticsPage.subpage_types == []
    assert ServicePage.allowed_subpage_models() == [ReferralFormPage]
    assert StandardPage not in ServicePage.allowed_parent_page_models()
    assert ReferralFormPage.subpage_types == []


def test_a_service_gets_a_stable_uuid_and_a_handler_group(service):
    original = service.oruk_id
    service.title = "Bridging the Gap (renamed)"
    service.save_revision().publish()
    service.refresh_from_db()
    assert service.oruk_id == original
    assert service.handler_group.group.name == "Referral handlers: Bridging the Gap"


def test_second_form_for_the_same_referrer_type_is_refused(service, gp_form):
    duplicate = ReferralFormPageFactory.build(referrer_type="gp", slug="another-gp-form", title="Another GP form")
    service.add_child(instance=duplicate)
    with pytest.raises(ValidationError) as excinfo:
        duplicate.full_clean()
    assert "already has a GP referral form" in str(excinfo.value)


def test_one_form_of_each_type_is_fine(service, gp_form, jcp_form):
    gp_form.full_clean()
    jcp_form.full_clean()


def test_admin_refuses_a_second_gp_form(client, django_user_model, service, gp_form):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.org", "password-for-tests")
    client.force_login(admin)
    data = nested_form_data(
        {
            "title": "Second GP referral",
            "slug": "second-gp-referral",
            "referrer_type": "gp",
            "intro": rich_text(""),
            "what_happens_next": rich_text(""),
            "form_fields": inline_formset([]),
        }
    )
    response = client.post(f"/admin/pages/add/services/referralformpage/{service.pk}/", data)
    assert response.status_code == 200
    assert "This service already has a GP referral form." in response.content.decode()
    assert ReferralFormPage.objects.child_of(service).count() == 1


def test_a_copied_service_gets_its_own_oruk_id_and_group(service):
    copy = service.copy(update_attrs={"slug": "bridging-the-gap-copy", "title": "Bridging the Gap copy"})
    assert copy.oruk_id != service.oruk_id
    assert copy.handler_group.group != service.handler_group.group


@pytest.mark.parametrize("mode", ["form", "landing"])
def test_editors_can_preview_the_form_and_its_confirmation(gp_form, mode):
    response = gp_form.make_preview_request(preview_mode=mode)
    assert response.status_code == 200
    response.render()
    assert ("Send referral" if mode == "form" else "Referral sent") in response.content.decode()
    assert "no-store" in response["Cache-Control"]
