"""The Resource model: only web links, documents described, published() shows live ones only."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from resources.models import Resource
from tests.factories.resources import OrganisationFactory, ResourceFactory


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.org/file.pdf",
        "mailto:someone@example.org",
        "file:///etc/passwd",
        "example",
    ],
)
def test_only_http_and_https_links_are_accepted(db, url):
    resource = Resource(title="A", url=url, summary="S", organisation=OrganisationFactory())
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "url" in error.value.message_dict


@pytest.mark.parametrize("url", ["https://www.hse.gov.uk/stress/", "http://www.mind.org.uk/workplace"])
def test_web_links_are_accepted(db, url):
    Resource(title="A", url=url, summary="S", organisation=OrganisationFactory()).full_clean()


def test_document_size_needs_a_format_and_is_described(db):
    resource = Resource(
        title="A",
        url="https://example.org/a.pdf",
        summary="S",
        organisation=OrganisationFactory(),
        document_size_kb=300,
    )
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "document_format" in error.value.message_dict
    resource.document_format = "pdf"
    resource.full_clean()
    assert resource.document_label == "PDF, 300 KB"
    resource.document_size_kb = 2048
    assert resource.document_label == "PDF, 2.0 MB"


def test_published_excludes_drafts(db):
    live = ResourceFactory(title="Live")
    ResourceFactory(title="Draft", live=False)
    assert list(Resource.objects.published()) == [live]


def test_preview_renders_the_card(rf, home_page):
    resource = ResourceFactory(title="Previewed resource")
    request = rf.get("/")
    request.user = AnonymousUser()
    response = resource.serve_preview(request, resource.default_preview_mode)
    html = response.render().content.decode()
    assert "Previewed resource" in html
    assert "(opens external site)" in html
