"""The page chrome: light enough for the 100 KB home-page budget, and the error pages stand alone."""

import gzip
import io
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.template.loader import render_to_string


@pytest.mark.django_db
def test_home_page_with_its_css_and_js_is_under_100_kb_compressed(client):
    call_command("load_demo_content", stdout=io.StringIO())
    response = client.get("/", HTTP_HOST="localhost")
    assert response.status_code == 200
    html = response.content
    total = len(gzip.compress(html))
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert b"hub/css/hub.css" in assets
    for asset in assets:
        path = finders.find(asset.decode())
        assert path, f"{asset.decode()} is linked but not found"
        with open(path, "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert total < 100 * 1024, f"home page is {total / 1024:.1f} KB compressed"
    for script in re.findall(rb"<script[^>]*\bsrc=[^>]*>", html):
        assert b" defer" in script or b" async" in script or b'type="module"' in script, script


def test_server_error_page_needs_no_context():
    html = render_to_string("500.html")
    assert "Sorry, there is a problem with the service" in html
    assert "116 123" in html, "urgent help even when everything else has failed"
    assert 'href="#main-content"' in html
