"""/search/suggest/: tiny JSON title autocomplete, cached and rate-limited."""

import pytest
from django.test import override_settings


def test_titles_that_start_with_the_typed_text(client, content):
    response = client.get("/search/suggest/", {"q": "reas"})
    assert response.status_code == 200
    data = response.json()
    assert data["results"][0] == {
        "title": "Reasonable adjustments at work",
        "url": "/reasonable-adjustments/",
        "type": "Page",
    }
    assert "max-age" in response["Cache-Control"]


def test_a_title_that_starts_with_the_typed_text_comes_first_however_long_its_page(client, home_page):
    """Full-text ranking scores a long page lower (bm25 normalises by the length of everything indexed),
    but someone typing "heal" for the Health and Work Service expects that title first."""
    from tests.factories.home import StandardPageFactory

    StandardPageFactory(
        parent=home_page, title="Health and Work Service", summary="Employment support for people in work. " * 40
    )
    StandardPageFactory(parent=home_page, title="GP referral: Health and Work Service", summary="Refer a patient.")
    titles = [result["title"] for result in client.get("/search/suggest/", {"q": "heal"}).json()["results"]]
    assert titles == ["Health and Work Service", "GP referral: Health and Work Service"]


def test_resources_are_suggested_with_their_external_url(client, content):
    data = client.get("/search/suggest/", {"q": "fit no"}).json()
    assert data["results"][0]["url"].startswith("https://example.org/")
    assert data["results"][0]["type"] == "Resource"


@pytest.mark.parametrize("nasty", ["", "   ", '"', "*", "\x00", "AND", "x" * 5000, "😀"])
def test_odd_input_gives_an_empty_or_valid_list(client, content, nasty):
    response = client.get("/search/suggest/", {"q": nasty})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_answers_are_cached(client, content, django_assert_max_num_queries):
    client.get("/search/suggest/", {"q": "reas"})
    with django_assert_max_num_queries(0):
        assert client.get("/search/suggest/", {"q": "reas"}).json()["results"]


@override_settings(SEARCH_SUGGEST_RATE=5)
def test_too_many_requests_from_one_address_get_429(client, content):
    codes = [client.get("/search/suggest/", {"q": "reas"}, REMOTE_ADDR="198.51.100.1").status_code for _ in range(7)]
    assert codes[:5] == [200] * 5
    assert codes[-1] == 429
    assert client.get("/search/suggest/", {"q": "reas"}, REMOTE_ADDR="198.51.100.2").status_code == 200
