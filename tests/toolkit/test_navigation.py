"""Step pages say where the visitor is and link to the steps either side."""

import re

import pytest


@pytest.mark.django_db
def test_middle_step_has_position_previous_next_and_current_marker(client, toolkit):
    content = client.get("/toolkit/step-2/").content.decode()
    assert "Step 2 of 3" in content
    assert re.search(r'<a href="/toolkit/step-1/" rel="prev">Previous: step 1, Step title 1</a>', content)
    assert re.search(r'<a href="/toolkit/step-3/" rel="next">Next: step 3, Step title 3</a>', content)
    current = re.findall(r'<a href="([^"]+)" aria-current="step">', content)
    assert current == ["/toolkit/step-2/"]


@pytest.mark.django_db
def test_first_step_has_no_previous_and_last_step_leads_to_the_action_plan(client, toolkit):
    first = client.get("/toolkit/step-1/").content.decode()
    assert 'rel="prev"' not in first
    assert "Step 1 of 3" in first
    last = client.get("/toolkit/step-3/").content.decode()
    assert 'rel="next"' not in last
    assert 'href="/toolkit/action-plan/"' in last
    assert "Step 3 of 3" in last


@pytest.mark.django_db
def test_sidebar_lists_every_step_in_order(client, toolkit):
    content = client.get("/toolkit/step-3/").content.decode()
    sidebar = content[content.index('aria-label="Toolkit steps"') :]
    links = re.findall(r'<li><a href="(/toolkit/step-\d/)"', sidebar)
    assert links == ["/toolkit/step-1/", "/toolkit/step-2/", "/toolkit/step-3/"]


@pytest.mark.django_db
def test_actions_show_why_they_matter(client, toolkit):
    content = client.get("/toolkit/step-1/").content.decode()
    assert "Step 1 action 1" in content
    assert "Why it matters:</strong> Because it helps." in content
