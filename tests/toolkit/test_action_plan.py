"""The action plan: the visitor's done and still-to-do actions by step, printable and downloadable."""

import io
import re

import docx
import pytest

from tests.toolkit.conftest import action_ids


def tick(client, url, ids):
    return client.post(url, {"action": [str(value) for value in ids]})


@pytest.mark.django_db
def test_action_plan_groups_done_and_to_do_by_step(client, toolkit):
    _toolkit, steps = toolkit
    tick(client, "/toolkit/step-1/", action_ids(steps[0])[:1])
    response = client.get("/toolkit/action-plan/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "1 of 9 actions done." in content
    sections = re.split(r'<section class="toolkit-plan-step">', content)[1:]
    assert len(sections) == 3
    first = sections[0]
    assert "Step 1: " in first
    todo, done = first.split("<h3>Done</h3>")
    assert "Still to do" in todo and "Step 1 action 2" in todo and "Step 1 action 3" in todo
    assert "Step 1 action 1" in done and "Step 1 action 2" not in done
    assert "<h3>Done</h3>" not in sections[1]
    assert "Step 2 action 1" in sections[1]


@pytest.mark.django_db
def test_action_plan_is_printable(client, toolkit):
    content = client.get("/toolkit/action-plan/").content.decode()
    assert re.search(r'<link rel="stylesheet" href="[^"]*toolkit/css/toolkit-print.css" media="print">', content)
    assert 'href="/toolkit/action-plan/download/markdown/"' in content


@pytest.mark.django_db
def test_markdown_download(client, toolkit):
    _toolkit, steps = toolkit
    tick(client, "/toolkit/step-2/", action_ids(steps[1])[1:2])
    response = client.get("/toolkit/action-plan/download/markdown/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="toolkit-action-plan.md"'
    assert "private" in response["Cache-Control"]
    text = response.content.decode()
    assert text.startswith("# Action plan: Employer toolkit\n")
    assert "1 of 9 actions done." in text
    assert "## Step 2: Step title 2" in text
    assert "- [x] Step 2 action 2" in text
    assert "- [ ] Step 2 action 1" in text
    assert "- [ ] Step 1 action 1" in text
    assert "http://testserver/toolkit/step-2/" in text


@pytest.mark.django_db
def test_markdown_escapes_editor_text(client, toolkit):
    _toolkit, steps = toolkit
    action = steps[0].actions.first()
    action.text = "Read [this](http://evil.example) *now*"
    action.save()
    text = client.get("/toolkit/action-plan/download/markdown/").content.decode()
    assert r"Read \[this\]\(http://evil.example\) \*now\*" in text


@pytest.mark.django_db
def test_unknown_download_format_is_not_found(client, toolkit):
    assert client.get("/toolkit/action-plan/download/exe/").status_code == 404


@pytest.mark.django_db
def test_word_download(client, toolkit):
    _toolkit, steps = toolkit
    tick(client, "/toolkit/step-3/", action_ids(steps[2])[:1])
    response = client.get("/toolkit/action-plan/download/word/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == 'attachment; filename="toolkit-action-plan.docx"'
    document = docx.Document(io.BytesIO(response.content))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "Action plan: Employer toolkit" in paragraphs
    assert "1 of 9 actions done." in paragraphs
    assert "Step 3: Step title 3" in paragraphs
    assert "\u2611 Step 3 action 1" in paragraphs
    assert "\u2610 Step 3 action 2" in paragraphs
