"""CSV import: create or update by URL, every problem reported by line, all rows or none."""

import io

import pytest
from django.core.management import CommandError, call_command

from resources.importer import import_csv
from resources.models import Organisation, Resource, Topic
from tests.factories.resources import OrganisationFactory, ResourceFactory

HEADER = (
    "title,url,summary,organisation,resource_type,audiences,topics,region,document_format,document_size_kb,date_added\n"
)


def test_creates_and_updates_by_url(db, audiences):
    OrganisationFactory(name="Health and Safety Executive", short_name="HSE")
    existing = ResourceFactory(url="https://www.hse.gov.uk/stress/", title="Old title")
    data = (
        HEADER + "Work-related stress,https://www.hse.gov.uk/stress/,Guidance on stress.,HSE,Website,employers;GPs,"
        "Workplace stress; Health and safety,UK-wide,,,2024-02-01\n"
        + '"Line managers\' resource","https://example.org/lmr.pdf","A guide, with commas.",SHIFT,guide,'
        'Employers,Line management,england,PDF,"1,200",01/03/2024\n'
    )
    result = import_csv(data)
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    assert result.new_organisations == ["SHIFT"]

    existing.refresh_from_db()
    assert existing.title == "Work-related stress"
    assert existing.resource_type == "website" and existing.region == "uk"
    assert {a.slug for a in existing.audiences.all()} == {"employers", "gps"}
    assert {t.name for t in existing.topics.all()} == {"Workplace stress", "Health and safety"}
    assert existing.organisation.short_name == "HSE"

    new = Resource.objects.get(url="https://example.org/lmr.pdf")
    assert new.live and new.live_revision is not None
    assert new.document_format == "pdf" and new.document_size_kb == 1200
    assert str(new.date_added) == "2024-03-01"
    assert Organisation.objects.filter(name="SHIFT").exists()


def test_errors_are_reported_by_line_and_nothing_is_imported(db, audiences):
    data = (
        HEADER
        + "Good row,https://example.org/good,Fine.,Mind,guide,employers,Wellbeing,,,,\n"
        + "Bad scheme,javascript:alert(1),Nope.,Mind,guide,,,,,,\n"
        + "Bad choices,https://example.org/x,Text.,Mind,podcast,martians,,moon,,,yesterday\n"
        + ",https://example.org/y,,Mind,guide,,,,,,\n"
        + "Duplicate,https://example.org/good,Again.,Mind,guide,,,,,,\n"
    )
    result = import_csv(data)
    assert not result.ok
    messages = {error.line: error.message for error in result.errors}
    assert set(messages) == {3, 4, 5, 6}
    assert "URL" in messages[3] or "url" in messages[3]
    assert "unknown type 'podcast'" in messages[4]
    assert "unknown audience 'martians'" in messages[4]
    assert "unknown region 'moon'" in messages[4]
    assert "'yesterday' is not a date" in messages[4]
    assert "'title' is empty" in messages[5] and "'summary' is empty" in messages[5]
    assert "also on line 2" in messages[6]
    assert Resource.objects.count() == 0
    assert not Organisation.objects.filter(name="Mind").exists()
    assert not Topic.objects.exists()


def test_line_numbers_count_quoted_newlines(db):
    data = (
        HEADER
        + '"Two\nline title",https://example.org/a,"Summary",Mind,guide,,,,,,\nBad,ftp://example.org/b,S,Mind,,,,,,,\n'
    )
    result = import_csv(data)
    assert [error.line for error in result.errors] == [4]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\x00b\x00a\x00d", "not UTF-8"),
        ("name,link\nA,https://example.org\n", "missing: title, url, summary, organisation"),
        (HEADER, "no rows"),
    ],
)
def test_unreadable_files_get_a_clear_message(db, data, message):
    result = import_csv(data)
    assert not result.ok and message in result.errors[0].message


def test_formula_protection_from_export_is_undone(db):
    data = HEADER + "'=Not a formula,https://example.org/f,'+plus,Mind,guide,,,,,,\n"
    assert import_csv(data).ok
    resource = Resource.objects.get()
    assert resource.title == "=Not a formula" and resource.summary == "+plus"


def test_draft_import_leaves_live_version_alone(db):
    resource = ResourceFactory(url="https://example.org/live", title="Live title")
    resource.save_revision().publish()
    result = import_csv(
        HEADER + "Changed title,https://example.org/live,New summary.,Mind,guide,,,,,,\n", publish=False
    )
    assert result.ok
    resource.refresh_from_db()
    assert resource.title == "Live title" and resource.has_unpublished_changes
    assert resource.latest_revision.as_object().title == "Changed title"


def test_command(db, tmp_path):
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "A,https://example.org/a,Summary.,Mind,guide,,,,,,\n", encoding="utf-8")
    out = io.StringIO()
    call_command("import_resources", str(good), stdout=out)
    assert "1 created, 0 updated" in out.getvalue()

    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "B,notaurl,Summary.,Mind,guide,,,,,,\n", encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 problem"):
        call_command("import_resources", str(bad), stderr=err)
    assert err.getvalue().startswith("Line 2:")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_resources", str(tmp_path / "missing.csv"))
