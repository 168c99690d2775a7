"""Elasticsearch: our analysers and synonyms in the index settings; an unreachable cluster never fails
a search or a publish. No cluster can run on these machines, so these tests use a closed local port."""

import logging
import socket

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings

from search.elasticsearch import HubElasticsearchSearchBackend, analysis_settings
from tests.factories.home import StandardPageFactory


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the socket is released


def es_settings(port):
    return {
        "default": {
            "BACKEND": "search.elasticsearch",
            "URLS": [f"http://127.0.0.1:{port}"],
            "TIMEOUT": 1,
            "OPTIONS": {"max_retries": 0, "retry_on_timeout": False},
        },
        "database": settings.DATABASE_SEARCH,
    }


def test_the_index_settings_have_english_stemming_and_the_synonyms():
    backend = HubElasticsearchSearchBackend({"URLS": ["http://127.0.0.1:9"]})
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["filter"]["hub_english_stemmer"]["language"] == "english"
    assert "iapt, nhs talking therapies" in analysis["filter"]["hub_synonyms"]["synonyms"]
    assert "hub_synonyms" in analysis["analyzer"]["default_search"]["filter"]
    assert "hub_synonyms" not in analysis["analyzer"]["default"]["filter"]  # synonyms at query time only
    # Wagtail's own analysers (autocomplete edge n-grams) are kept.
    assert "edgengram_analyzer" in analysis["analyzer"]


def test_editors_synonyms_are_used_when_an_index_is_created(db):
    from tests.factories.search import SynonymGroupFactory

    SynonymGroupFactory(terms="OH, occupational health")
    rules = analysis_settings([["OH", "occupational health"]])["settings"]["analysis"]["filter"]["hub_synonyms"]
    assert rules["synonyms"] == ["oh, occupational health"]


def test_the_client_timeout_is_short(db):
    backend = HubElasticsearchSearchBackend(dict(es_settings(9)["default"]))
    assert backend.timeout <= 2


def test_search_falls_back_to_the_database_when_elasticsearch_is_down(client, content, caplog):
    with override_settings(WAGTAILSEARCH_BACKENDS=es_settings(closed_port())), caplog.at_level(logging.ERROR):
        response = client.get("/search/", {"q": "adjustments"})
        suggest = client.get("/search/suggest/", {"q": "reas"})
    assert response.status_code == 200
    titles = [h.get_text(strip=True) for h in BeautifulSoup(response.content, "html.parser").select("ol h3")]
    assert titles[0] == "Reasonable adjustments at work"
    assert suggest.status_code == 200 and suggest.json()["results"]
    assert any("using the database backend" in record.getMessage() for record in caplog.records)


def test_publishing_succeeds_when_elasticsearch_is_down(client, home_page):
    with override_settings(WAGTAILSEARCH_BACKENDS=es_settings(closed_port())):
        page = StandardPageFactory(parent=home_page, title="Published while down", slug="down", live=False)
        page.save_revision().publish()
        page.refresh_from_db()
        assert page.live
        # The database index was still updated, so the fallback finds it at once.
        response = client.get("/search/", {"q": "published while down"})
    assert b"Published while down" in response.content


@pytest.mark.parametrize("backend_path", ["search.elasticsearch"])
def test_the_backend_module_is_loadable_by_name(backend_path, db):
    from modelsearch.backends import get_search_backend

    backend = get_search_backend(backend_path, URLS=["http://127.0.0.1:9"])
    assert isinstance(backend, HubElasticsearchSearchBackend)
