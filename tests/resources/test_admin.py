"""Admin: permissions, filtered and formula-safe CSV/XLSX export, CSV upload, link report."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from openpyxl import load_workbook

from resources.models import Resource, ResourceLinkCheck, ResourceType
from tests.factories.resources import OrganisationFactory, ResourceFactory

LIST_URL = "/admin/snippets/resources/resource/"


@pytest.fixture
def editor(db, django_user_model):
    group = Group.objects.create(name="Resource editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="resources", codename__endswith="_resource"),
    )
    user = django_user_model.objects.create_user(username="editor", password="x" * 12)
    user.groups.add(group)
    return user


@pytest.fixture
def reader(db, django_user_model):
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user(username="reader", password="x" * 12)
    user.groups.add(group)
    return user


@pytest.fixture
def hostile(db):
    return ResourceFactory(
        title='=HYPERLINK("http://evil.example","click")',
        summary="+cmd|' /C calc'!A0",
        organisation=OrganisationFactory(name="@SUM(1+1)"),
        resource_type=ResourceType.TOOLKIT,
    )


def test_anonymous_cannot_reach_admin_or_drafts(client, home_page, directory):
    ResourceFactory(title="Secret draft", live=False)
    response = client.get(LIST_URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert "Secret draft" not in client.get("/resources/").content.decode()


def test_editor_can_list_add_and_edit(client, editor, home_page):
    resource = ResourceFactory(title="Mind at work")
    client.force_login(editor)
    assert "Mind at work" in client.get(LIST_URL).content.decode()
    assert client.get(f"{LIST_URL}add/").status_code == 200
    assert client.get(f"{LIST_URL}edit/{resource.pk}/").status_code == 200


def test_user_without_resource_permissions_is_refused(client, reader, home_page):
    resource = ResourceFactory()
    client.force_login(reader)
    assert client.get(f"{LIST_URL}edit/{resource.pk}/").status_code in (302, 403)
    assert client.get(f"{LIST_URL}import/").status_code in (302, 403)
    assert client.get(f"{LIST_URL}link-report/").status_code in (302, 403)


def test_adding_a_resource_rejects_non_http_urls(admin_client, home_page):
    organisation = OrganisationFactory()
    response = admin_client.post(
        f"{LIST_URL}add/",
        {
            "title": "Bad link",
            "url": "javascript:alert(1)",
            "summary": "Nope.",
            "organisation": organisation.pk,
            "resource_type": "guide",
            "region": "england",
            "date_added": "2024-01-01",
            "topics": "",
        },
    )
    assert response.status_code == 200
    assert "url" in response.context["form"].errors


def csv_rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_export_neutralises_formulas_and_round_trips_columns(admin_client, hostile, audiences, topics):
    hostile.audiences.set([audiences["employers"]])
    hostile.topics.set([topics["stress"]])
    hostile.save()
    response = admin_client.get(LIST_URL + "?export=csv")
    assert response.status_code == 200
    [row] = csv_rows(response)
    assert row["title"] == "'" + hostile.title
    assert row["summary"].startswith("'+cmd")
    assert row["organisation"] == "'@SUM(1+1)"
    assert row["audiences"] == "Employers" and row["topics"] == "Workplace stress"
    assert row["resource_type"] == "toolkit"
    assert row["link_status"] == "Not checked"


def test_xlsx_export_neutralises_formulas(admin_client, hostile):
    response = admin_client.get(LIST_URL + "?export=xlsx")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "title"
    assert rows[1][0] == "'" + hostile.title
    assert not any(isinstance(cell, str) and cell.startswith("=") for cell in rows[1])


def test_export_follows_the_list_filters(admin_client, hostile):
    ResourceFactory(title="A guide", resource_type=ResourceType.GUIDE)
    rows = csv_rows(admin_client.get(LIST_URL + "?resource_type=guide&export=csv"))
    assert [row["title"] for row in rows] == ["A guide"]


def test_upload_imports_all_or_nothing(admin_client, audiences):
    header = "title,url,summary,organisation,audiences\n"
    bad = io.BytesIO(
        (header + "Ok,https://example.org/ok,S.,Mind,employers\nBad,mailto:x@example.org,S.,Mind,\n").encode()
    )
    bad.name = "bad.csv"
    response = admin_client.post(f"{LIST_URL}import/", {"file": bad, "publish": "on"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported" in html and "Line 3:" in html

    good = io.BytesIO((header + "Ok,https://example.org/ok,S.,Mind,employers\n").encode())
    good.name = "good.csv"
    response = admin_client.post(f"{LIST_URL}import/", {"file": good, "publish": "on"})
    assert response.status_code == 200
    assert "1 created, 0 updated" in response.content.decode()


def test_link_report_lists_broken_and_redirected_with_edit_links(admin_client):
    broken = ResourceFactory(title="Broken one")
    moved = ResourceFactory(title="Moved one")
    fine = ResourceFactory(title="Fine one")
    ResourceLinkCheck.objects.create(
        resource=broken, checked_url=broken.url, status_code=404, consecutive_failures=3, flagged=True
    )
    ResourceLinkCheck.objects.create(
        resource=moved, checked_url=moved.url, status_code=200, redirected=True, final_url="https://example.org/new"
    )
    ResourceLinkCheck.objects.create(resource=fine, checked_url=fine.url, status_code=200)
    response = admin_client.get(f"{LIST_URL}link-report/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Broken one" in html and "Moved one" in html and "Fine one" not in html
    assert f'href="{LIST_URL}edit/{broken.pk}/"' in html
    assert "HTTP 404" in html and "https://example.org/new" in html
    filtered = admin_client.get(f"{LIST_URL}link-report/?problem=flagged").content.decode()
    assert "Broken one" in filtered and "Moved one" not in filtered


def test_editor_creates_a_draft_then_publishes_it(client, editor, home_page, directory, audiences):
    organisation = OrganisationFactory(name="Acas")
    client.force_login(editor)
    form = {
        "title": "Acas: mental health at work",
        "url": "https://www.acas.org.uk/supporting-mental-health-workplace",
        "summary": "Advice for managers.",
        "organisation": organisation.pk,
        "resource_type": "guide",
        "audiences": [audiences["employers"].pk, audiences["gps"].pk],
        "topics": "Line management, Workplace stress",
        "region": "uk",
        "document_format": "",
        "document_size_kb": "",
        "date_added": "2024-05-01",
        "last_reviewed": "",
    }
    response = client.post(f"{LIST_URL}add/", form)
    assert response.status_code == 302
    resource = Resource.objects.get(title="Acas: mental health at work")
    assert not resource.live
    public = Client()
    assert "Acas: mental health at work" not in public.get("/resources/").content.decode()

    response = client.post(f"{LIST_URL}edit/{resource.pk}/", {**form, "action-publish": "publish"})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.live
    assert {t.name for t in resource.topics.all()} == {"Line management", "Workplace stress"}
    assert {a.slug for a in resource.audiences.all()} == {"employers", "gps"}
    page = public.get("/resources/?topic=line-management").content.decode()
    assert "Acas: mental health at work" in page
