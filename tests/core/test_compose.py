"""docker-compose.yml gives a Docker user the production shape (it cannot run on CI machines)."""

from pathlib import Path

import pytest
import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE.read_text())


def test_compose_starts_web_database_search_and_cache_with_health_checks(compose):
    services = compose["services"]
    assert {"web", "db", "search", "cache"} <= set(services)
    for name in ("web", "db", "search", "cache"):
        assert "healthcheck" in services[name], name
    assert services["web"]["depends_on"] == {
        name: {"condition": "service_healthy"} for name in ("db", "search", "cache")
    }
    assert "gunicorn hub.wsgi:application" in services["web"]["command"]
    assert set(compose["volumes"]) >= {"postgres", "elasticsearch"}


def test_web_gets_production_settings_and_every_backing_service(compose):
    env = compose["services"]["web"]["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "hub.settings.production"
    assert env["DATABASE_URL"].startswith("postgres://hub:") and env["DATABASE_URL"].endswith("@db:5432/hub")
    assert env["ELASTICSEARCH_URL"] == "http://search:9200"
    assert env["REDIS_URL"] == "redis://cache:6379/0"
    assert env["SECRET_KEY"].startswith("${SECRET_KEY:?"), "compose must refuse to start without a secret key"
    assert env["REFERRAL_ENCRYPTION_KEY"].startswith("${REFERRAL_ENCRYPTION_KEY:?"), "nor without a referral key"


def test_elasticsearch_is_a_single_node_with_its_security_choice_explicit(compose):
    env = compose["services"]["search"]["environment"]
    assert env["discovery.type"] == "single-node"
    assert env["xpack.security.enabled"] == "false"
    assert "ports" not in compose["services"]["search"], "Elasticsearch without security must not be published"
