"""The benchmark builder makes a valid toolkit whose pages all render."""

from io import StringIO

import pytest
from wagtail.models import Page

from toolkit.bench import build
from toolkit.models import ToolkitAction, ToolkitPage


@pytest.mark.django_db
def test_bench_builder_creates_a_renderable_toolkit(client, home_page):
    urls = build(4, StringIO())
    toolkit = ToolkitPage.objects.get(slug="bench-toolkit")
    assert [page.slug for page in toolkit.get_children()] == ["step-0", "step-1", "step-2", "step-3"]
    assert ToolkitAction.objects.filter(page__in=toolkit.get_children()).count() == 20
    assert Page.find_problems() == ([], [], [], [], [])
    for label, url in urls:
        assert client.get(url).status_code == 200, label
    assert "Step 3 of 4" in client.get("/bench-toolkit/step-2/").content.decode()
