"""Demo content: the directory page and every resource the CCG briefing lists, loaded idempotently."""

import io
import re
from pathlib import Path

import pytest

from hub.core.demo_content import load_audiences
from resources.demo_content import RESOURCES, load_resources
from resources.models import Resource, ResourceDirectoryPage

SEED = next(Path(__file__).resolve().parents[3].joinpath("shared", "seeds").glob("002_*.txt"), None)


def test_loads_directory_and_resources_once(home_page, client):
    out = io.StringIO()
    load_audiences(out)
    load_resources(out)
    load_resources(out)
    assert ResourceDirectoryPage.objects.count() == 1
    page = ResourceDirectoryPage.objects.get()
    assert page.url == "/resources/" and page.show_in_menus and page.live
    assert Resource.objects.count() == len(RESOURCES) >= 30
    assert Resource.objects.filter(live=True, live_revision__isnull=False).count() == len(RESOURCES)
    # Every resource has an organisation, audiences and topics, so the filters have something to show.
    for resource in Resource.objects.prefetch_related("audiences", "topics"):
        assert resource.audiences.exists(), resource.title
        assert resource.topics.exists(), resource.title
    response = client.get("/resources/")
    assert response.status_code == 200
    assert response.context["directory"]["paginator"].count == len(RESOURCES)


@pytest.mark.skipif(SEED is None, reason="shared seeds not available")
def test_every_resource_in_the_briefing_is_included():
    urls = re.findall(r"https?://\S+", SEED.read_text(encoding="utf-8"))
    listed = {resource[1] for resource in RESOURCES}
    assert urls and all(url in listed for url in urls)
