"""The content accessibility report finds images without alt text and headings that skip levels."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from hub.editorial.content_checks import content_problems
from tests.factories.home import StandardPageFactory


def heading(text, level):
    return ("heading", {"text": text, "level": level})


@pytest.fixture
def image(db):
    return Image.objects.create(title="Team meeting", file=get_test_image_file())


@pytest.mark.django_db
def test_a_well_structured_page_has_no_problems(home_page, image):
    page = StandardPageFactory(
        parent=home_page,
        body=[
            heading("Section", "h2"),
            heading("Sub-section", "h3"),
            ("paragraph", "<h2>Another section</h2><p>Text</p>"),
            ("image", {"image": image, "alt_text": "Two colleagues talking", "decorative": False}),
        ],
    )
    assert content_problems(page) == []


@pytest.mark.django_db
def test_skipped_heading_levels_are_reported_in_reading_order(home_page):
    page = StandardPageFactory(
        parent=home_page,
        body=[heading("Intro", "h3"), ("paragraph", "<h2>Fine</h2><h4>Too deep</h4>")],
    )
    assert content_problems(page) == [
        "Heading 'Intro' skips from level 1 to level 3",
        "Heading 'Too deep' skips from level 2 to level 4",
    ]


@pytest.mark.django_db
def test_images_without_alt_text_are_reported_unless_decorative(home_page, image):
    other_image = Image.objects.create(title="Office", file=get_test_image_file())
    page = StandardPageFactory(
        parent=home_page,
        body=[
            ("image", {"image": image, "alt_text": "", "decorative": False}),
            ("image", {"image": other_image, "alt_text": "", "decorative": True}),
            ("paragraph", f'<embed embedtype="image" id="{image.pk}" format="fullwidth" alt=""/>'),
        ],
    )
    assert content_problems(page) == [
        "Image 'Team meeting' has no alternative text",
        "An image in rich text has no alternative text",
    ]


@pytest.mark.django_db
def test_report_lists_only_pages_with_problems(client, home_page):
    StandardPageFactory(parent=home_page, title="Clean page", body=[heading("Fine", "h2")])
    StandardPageFactory(parent=home_page, title="Broken page", body=[heading("Deep", "h4")])
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw-for-tests"))
    html = client.get("/admin/reports/content-accessibility/").content.decode()
    assert "Broken page" in html
    assert "skips from level 1 to level 4" in html
    assert "Clean page" not in html


@pytest.mark.django_db
def test_dashboard_explains_how_the_site_is_organised(client, home_page):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.com", "pw-for-tests"))
    html = client.get("/admin/").content.decode()
    assert "How this site is organised" in html
    assert "Referral handlers" in html
