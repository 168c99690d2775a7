"""The Open Referral UK feed, validated against the standard's own schemas kept in ../shared."""

import json
import uuid
from pathlib import Path

import pytest

from hub.services.models import ServicePage
from tests.factories.services import ServicePageFactory

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[2]
PROFILE = REPO_ROOT / ".." / "shared" / "oruk-profile"

needs_profile = pytest.mark.skipif(
    not (PROFILE / "openapi.json").exists(),
    reason=f"the ORUK profile schemas are not checked out at {PROFILE.resolve()}",
)

jsonschema = pytest.importorskip("jsonschema")


def load(name):
    return json.loads((PROFILE / name).read_text())


def validate(instance, schema):
    jsonschema.validate(instance, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def page_wrapper_schema():
    openapi = load("openapi.json")
    page = openapi["components"]["schemas"]["Page"]
    return {**page, "required": list(page["properties"])}


@pytest.fixture
def services(service, other_service):
    ServicePageFactory(parent=service.get_parent(), title="Notts Fit for Work", status="temporarily closed")
    draft = ServicePageFactory(parent=service.get_parent(), title="Draft service")
    draft.unpublish()
    return ServicePage.objects.live().order_by("title")


@needs_profile
def test_api_root_describes_the_profile(client):
    response = client.get("/api/oruk/")
    assert response.status_code == 200
    data = response.json()
    assert data["version"] == "3.0"
    schema = load("openapi.json")["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    validate(data, schema)
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]


@needs_profile
def test_service_list_is_paged_and_each_item_valid(client, services):
    item_schema = load("compiled/service_list.json")
    response = client.get("/api/oruk/services")
    assert response.status_code == 200
    data = response.json()
    validate(data, page_wrapper_schema())
    assert data["total_items"] == 3  # drafts are not published
    assert data["empty"] is False and data["first_page"] is True and data["last_page"] is True
    for item in data["contents"]:
        validate(item, item_schema)
    names = [item["name"] for item in data["contents"]]
    assert names == ["Bridging the Gap", "Health and Work Service", "Notts Fit for Work"]
    assert "max-age=300" in response["Cache-Control"]


@needs_profile
def test_service_list_pages(client, services):
    first = client.get("/api/oruk/services?per_page=2").json()
    second = client.get("/api/oruk/services?per_page=2&page=2").json()
    assert (first["total_pages"], first["size"], first["last_page"]) == (2, 2, False)
    assert (second["page_number"], second["size"], second["first_page"], second["last_page"]) == (2, 1, False, True)
    beyond = client.get("/api/oruk/services?per_page=2&page=9").json()
    assert beyond["empty"] is True and beyond["contents"] == []
    validate(beyond, page_wrapper_schema())


@pytest.mark.parametrize("query", ["page=0", "page=abc", "per_page=-1", "page=%00", "per_page=99999999999999999999x"])
def test_bad_paging_is_a_400_not_a_500(client, services, query):
    response = client.get(f"/api/oruk/services?{query}")
    assert response.status_code == 400
    assert "message" in response.json()


@needs_profile
def test_one_service_is_fully_nested_and_valid(client, service):
    response = client.get(f"/api/oruk/services/{service.oruk_id}")
    assert response.status_code == 200
    data = response.json()
    validate(data, load("compiled/service.json"))
    assert data["id"] == str(service.oruk_id)
    assert data["service_areas"][0]["name"] == "Nottingham and Nottinghamshire"
    assert data["organization"]["name"] == "Example Trust"
    # Ids are stable between requests.
    assert client.get(f"/api/oruk/services/{service.oruk_id}").json() == data


@pytest.mark.parametrize("bad_id", [str(uuid.uuid4()), "not-a-uuid", "1", "%00", "x" * 500])
def test_unknown_or_malformed_ids_are_json_404s(client, service, bad_id):
    response = client.get(f"/api/oruk/services/{bad_id}")
    assert response.status_code == 404
    assert response.json()["status"] == 404


@pytest.mark.parametrize(
    ("search", "expected"), [("bridging", 1), ("%00", 3), ("%00bridging", 1), ("%22%27%5C", 0), ("x" * 5000, 0)]
)
def test_search_never_fails(client, services, search, expected):
    response = client.get(f"/api/oruk/services?search={search}")
    assert response.status_code == 200
    assert response.json()["total_items"] == expected


def test_unpublished_services_are_not_in_the_feed(client, service):
    service.unpublish()
    assert client.get(f"/api/oruk/services/{service.oruk_id}").status_code == 404


def test_feed_is_read_only(client, service):
    assert client.post("/api/oruk/services").status_code == 405
