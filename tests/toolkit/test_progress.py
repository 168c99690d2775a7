"""Ticking actions: kept per visitor without an account, validated, and easy to clear."""

import pytest
from django.conf import settings
from django.test import Client

from tests.toolkit.conftest import action_ids


def tick(client, url, ids, **extra):
    return client.post(url, {"action": [str(value) for value in ids]}, **extra)


@pytest.mark.django_db
def test_saving_redirects_back_to_the_step_with_a_confirmation(client, toolkit):
    _toolkit, steps = toolkit
    ids = action_ids(steps[0])
    response = tick(client, "/toolkit/step-1/", ids[:2])
    assert response.status_code == 303
    assert response["Location"] == "/toolkit/step-1/#actions"

    page = client.get("/toolkit/step-1/").content.decode()
    assert "Progress saved: 2 of 3 actions done in this step." in page
    assert f'value="{ids[0]}" checked' in page
    assert f'value="{ids[1]}" checked' in page
    assert f'value="{ids[2]}" checked' not in page
    # The confirmation shows once; afterwards the step shows its count.
    assert "2 of 3 actions done in this step." in client.get("/toolkit/step-1/").content.decode()


@pytest.mark.django_db
def test_landing_page_counts_each_step_and_overall(client, toolkit):
    _toolkit, steps = toolkit
    tick(client, "/toolkit/step-1/", action_ids(steps[0])[:2])
    tick(client, "/toolkit/step-3/", action_ids(steps[2]))
    page = client.get("/toolkit/").content.decode()
    assert "2 of 3 actions done" in page
    assert "0 of 3 actions done" in page
    assert "3 of 3 actions done</strong> (step complete)" in page
    assert "5 of 9 actions done across all steps" in page
    assert '<progress class="toolkit-progress" id="toolkit-progress" max="9" value="5">' in page
    assert "Continue with step 1" in page


@pytest.mark.django_db
def test_unticking_saves_the_new_state(client, toolkit):
    _toolkit, steps = toolkit
    ids = action_ids(steps[0])
    tick(client, "/toolkit/step-1/", ids)
    tick(client, "/toolkit/step-1/", [ids[1]])
    assert "1 of 3 actions done" in client.get("/toolkit/").content.decode()


@pytest.mark.django_db
def test_saving_one_step_keeps_the_others(client, toolkit):
    _toolkit, steps = toolkit
    tick(client, "/toolkit/step-1/", action_ids(steps[0]))
    tick(client, "/toolkit/step-2/", [])
    assert "3 of 9 actions done across all steps" in client.get("/toolkit/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "junk",
    [
        ["abc"],
        ["-1"],
        ["99999999999999999999999999"],
        ["1.5", "", " "],
        ["\x00"],
        ["<script>"],
    ],
)
def test_junk_action_ids_are_ignored_not_a_server_error(client, toolkit, junk):
    _toolkit, steps = toolkit
    ids = action_ids(steps[0])
    response = tick(client, "/toolkit/step-1/", [ids[0], *junk])
    assert response.status_code == 303
    assert "1 of 9 actions done across all steps" in client.get("/toolkit/").content.decode()


@pytest.mark.django_db
def test_ids_of_another_steps_actions_are_ignored(client, toolkit):
    _toolkit, steps = toolkit
    response = tick(client, "/toolkit/step-1/", action_ids(steps[1]))
    assert response.status_code == 303
    assert "0 of 9 actions done across all steps" in client.get("/toolkit/").content.decode()
    assert client.session.get("toolkit_done_actions") is None


@pytest.mark.django_db
def test_a_post_without_a_csrf_token_is_refused(toolkit):
    _toolkit, steps = toolkit
    client = Client(enforce_csrf_checks=True)
    response = tick(client, "/toolkit/step-1/", action_ids(steps[0]))
    assert response.status_code == 403
    assert "0 of 9 actions done" in client.get("/toolkit/").content.decode()


@pytest.mark.django_db
def test_a_post_with_the_pages_csrf_token_is_accepted(toolkit):
    _toolkit, steps = toolkit
    client = Client(enforce_csrf_checks=True)
    client.get("/toolkit/step-1/")
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post("/toolkit/step-1/", {"action": action_ids(steps[0])[:1], "csrfmiddlewaretoken": token})
    assert response.status_code == 303


@pytest.mark.django_db
def test_too_many_fields_is_a_client_error(client, toolkit, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    response = client.post("/toolkit/step-1/", {"action": [str(n) for n in range(100)]})
    assert response.status_code == 400


@pytest.mark.django_db
def test_javascript_save_returns_json_without_a_redirect(client, toolkit):
    _toolkit, steps = toolkit
    ids = action_ids(steps[1])
    response = tick(client, "/toolkit/step-2/", ids[:1], HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json() == {
        "done": 1,
        "total": 3,
        "message": "Progress saved: 1 of 3 actions done.",
        "summary": "1 of 3 actions done",
    }
    assert "private" in response["Cache-Control"]
    assert "1 of 9 actions done across all steps" in client.get("/toolkit/").content.decode()


@pytest.mark.django_db
def test_progress_is_each_visitors_own(toolkit):
    _toolkit, steps = toolkit
    first, second = Client(), Client()
    tick(first, "/toolkit/step-1/", action_ids(steps[0]))
    assert "3 of 9 actions done across all steps" in first.get("/toolkit/").content.decode()
    assert "0 of 9 actions done across all steps" in second.get("/toolkit/").content.decode()


@pytest.mark.django_db
def test_reading_pages_sets_no_session_cookie(client, toolkit):
    for url in ["/toolkit/", "/toolkit/step-1/", "/toolkit/action-plan/"]:
        response = client.get(url)
        assert settings.SESSION_COOKIE_NAME not in response.cookies, url


@pytest.mark.django_db
def test_session_stores_only_action_ids(client, toolkit):
    _toolkit, steps = toolkit
    ids = action_ids(steps[0])
    tick(client, "/toolkit/step-1/", ids[:2])
    assert dict(client.session.items()) == {"toolkit_done_actions": sorted(ids[:2])}


@pytest.mark.django_db
def test_start_again_asks_first_then_clears(client, toolkit):
    _toolkit, steps = toolkit
    tick(client, "/toolkit/step-1/", action_ids(steps[0]))
    confirm = client.get("/toolkit/start-again/")
    assert confirm.status_code == 200
    assert "Yes, clear my ticks and start again" in confirm.content.decode()
    assert "3 of 9 actions done across all steps" in client.get("/toolkit/").content.decode()

    response = client.post("/toolkit/start-again/")
    assert response.status_code == 303
    assert response["Location"] == "/toolkit/"
    page = client.get("/toolkit/").content.decode()
    assert "Your progress has been cleared." in page
    assert "0 of 9 actions done across all steps" in page
    assert "toolkit_done_actions" not in client.session


@pytest.mark.django_db
def test_start_again_with_nothing_ticked_says_so(client, toolkit):
    content = client.get("/toolkit/start-again/").content.decode()
    assert "nothing to clear" in content
    assert client.post("/toolkit/start-again/").status_code == 303


@pytest.mark.django_db
def test_start_again_needs_csrf_too(toolkit):
    _toolkit, _steps = toolkit
    client = Client(enforce_csrf_checks=True)
    assert client.post("/toolkit/start-again/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/toolkit/", "/toolkit/step-2/", "/toolkit/action-plan/", "/toolkit/start-again/"])
def test_pages_showing_progress_are_never_shared_cached(client, toolkit, url):
    response = client.get(url)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "private" in cache_control
    assert "public" not in cache_control
    assert "Cookie" in [part.strip() for part in response["Vary"].split(",")]


@pytest.mark.django_db
def test_saving_responses_are_private_too(client, toolkit):
    _toolkit, steps = toolkit
    response = tick(client, "/toolkit/step-1/", action_ids(steps[0]))
    assert "private" in response["Cache-Control"]
