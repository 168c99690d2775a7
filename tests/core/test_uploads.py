"""Uploads are limited to safe kinds and sizes, and documents are served so they cannot run code:
downloads (PDF shown inline) with a CSP that allows nothing."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<html><script>alert(document.cookie)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EXE = b"MZ\x90\x00" + b"\x00" * 60


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("uploader", "uploader@example.org", "a-long-test-password")
    client.force_login(user)
    return user


def upload_document(client, name, content):
    return client.post("/admin/documents/add/", {"title": name, "file": SimpleUploadedFile(name, content)})


def upload_image(client, name, content):
    return client.post("/admin/images/add/", {"title": name, "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize("name,content", [("page.html", HTML), ("drawing.svg", SVG), ("setup.exe", EXE)])
def test_html_svg_and_programs_are_refused_as_documents(client, editor, name, content):
    response = upload_document(client, name, content)
    assert response.status_code == 200, "the form again, with the reason"
    assert response.context["form"].errors["file"] == [
        f"File extension “{name.rsplit('.', 1)[1]}” is not allowed. "
        "Allowed extensions are: csv, docx, odt, pdf, pptx, rtf, txt, xlsx."
    ]
    assert not Document.objects.exists()


@pytest.mark.parametrize("name,content", [("drawing.svg", SVG), ("page.html", HTML), ("setup.exe", EXE)])
def test_svg_html_and_programs_are_refused_as_images(client, editor, name, content):
    response = upload_image(client, name, content)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["file"])
    assert "Not a supported image format. Supported formats: AVIF, GIF, JPG, JPEG, PNG, WEBP." in errors or (
        "Upload a valid image" in errors  # what Pillow says first about a file that is no image at all
    )
    assert not Image.objects.exists()


def test_an_oversized_document_is_refused_with_its_size_and_the_limit(client, editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024  # the real limit is 20 MB; the rule is the same
    response = upload_document(client, "report.pdf", PDF + b"0" * 2048)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any(m.startswith("This file is too big (2.") and m.endswith("Maximum filesize 1.0\xa0KB.") for m in errors)
    assert not Document.objects.exists()


def test_a_pdf_is_accepted(client, editor):
    response = upload_document(client, "report.pdf", PDF)
    assert response.status_code == 302
    assert Document.objects.get().file_extension == "pdf"


def stored(name, content):
    return Document.objects.create(title=name, file=ContentFile(content, name=name))


def test_documents_are_served_as_downloads_with_a_csp_that_allows_nothing(client, home_page):
    document = stored("notes.txt", HTML)  # a text file holding markup must never render as a page
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pdfs_open_in_the_browser_under_the_same_policy(client, home_page):
    response = client.get(stored("report.pdf", PDF).url)
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def png(size=64):
    import io

    from PIL import Image as PillowImage

    out = io.BytesIO()
    PillowImage.effect_noise((size, size), 64).convert("RGB").save(out, "PNG")
    return out.getvalue()


def test_an_oversized_image_is_refused_and_a_png_accepted(client, editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024  # the real limit is 10 MB
    refused = upload_image(client, "photo.png", png())
    assert any(m.startswith("This file is too big") for m in refused.context["form"].errors["file"])
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
    assert upload_image(client, "photo.png", png()).status_code == 302
    assert Image.objects.count() == 1
