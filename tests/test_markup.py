"""Every demo page is valid HTML according to the Nu HTML Checker (vnu.jar, run offline with Java)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

ROOT = Path(__file__).resolve().parents[1]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / ".venv/node/node_modules/vnu-jar/build/dist/vnu.jar"))
EXTRA_URLS = ["/accessibility/settings/", "/search/?q=stress", "/no-such-page/"]

pytestmark = pytest.mark.skipif(
    not (VNU_JAR.exists() and shutil.which("java")),
    reason=f"the Nu HTML Checker needs Java and {VNU_JAR} (make install fetches it with npm)",
)


@pytest.mark.django_db
def test_every_demo_page_is_valid_html(client, tmp_path):
    call_command("load_demo_content")
    Site.objects.filter(is_default_site=True).update(hostname="testserver")
    urls = [page.url for page in Page.objects.live().exclude(depth=1)] + EXTRA_URLS
    files = {}
    for number, url in enumerate(urls):
        response = client.get(url)
        if response.status_code in (200, 404) and response["Content-Type"].startswith("text/html"):
            path = tmp_path / f"page{number}.html"
            path.write_bytes(response.content)
            files[str(path)] = url
    completed = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(completed.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{files.get(message.get('url', '').removeprefix('file:'), message.get('url'))}: "
        f"line {message.get('lastLine')}: {message['message']}"
        for message in messages
        if message.get("type") == "error"
    ]
    assert len(files) >= 5
    assert not errors, "\n".join(errors)
