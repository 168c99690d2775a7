"""Logs for operators: one line per request with its request id (JSON in production), never a
query string, a form's values or a referrer; LOG_FORMAT picks JSON or text per settings module."""

import io
import json
import logging
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

from hub.core.logs import JsonFormatter, RequestIdFilter, TextFormatter
from tests.factories.services import ReferralFormPageFactory, ServiceIndexPageFactory, ServicePageFactory
from tests.services.conftest import valid_data

# Values no log line may contain: what a GP typed into a referral form, and a search.
PERSON_NAME = "Philomena Quasimodo-Threlkeld"
SUPPORT_NEEDED = "Panic attacks on the number 36 bus, distinctive-phrase-7f3a"
SEARCH_TERMS = "burnout-after-bereavement-91c2"
REFERRER = "https://intranet.example.nhs.uk/patients/1234"


def capture(formatter):
    """A handler with the settings' request-id filter and ``formatter`` on the root logger, as the
    console handler is configured (hub/settings/base.py LOGGING), writing to a string."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(RequestIdFilter())
    return stream, handler


@pytest.fixture
def json_log():
    stream, handler = capture(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


@pytest.fixture
def text_log():
    stream, handler = capture(TextFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield stream
    root.removeHandler(handler)


def json_lines(stream):
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def request_lines(stream):
    return [line for line in json_lines(stream) if line["logger"] == "hub.requests"]


@pytest.fixture
def gp_form(home_page):
    service = ServicePageFactory(parent=ServiceIndexPageFactory(parent=home_page), reference_prefix="LOG")
    return ReferralFormPageFactory(parent=service, referrer_type="gp")


def test_a_referral_post_is_logged_once_without_any_of_its_values(client, gp_form, json_log):
    data = valid_data(person_name=PERSON_NAME, support_needed=SUPPORT_NEEDED)
    response = client.post(gp_form.url, data, HTTP_REFERER=REFERRER)
    assert response.status_code == 302, "the referral was accepted"

    [line] = request_lines(json_log)
    assert line["method"] == "POST"
    assert line["path"] == gp_form.url
    assert line["status"] == 302
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["request_id"] == response["X-Request-ID"]
    assert line["level"] == "INFO" and line["timestamp"].endswith("+00:00")
    everything = json_log.getvalue()
    for value in (PERSON_NAME, SUPPORT_NEEDED, data["referrer_email"], data["person_phone"], REFERRER, "NG1 1AA"):
        assert value not in everything


def test_the_query_string_is_not_logged(client, home_page, json_log):
    client.get(f"/search/?q={SEARCH_TERMS}")
    [line] = request_lines(json_log)
    assert line["path"] == "/search/"
    assert SEARCH_TERMS not in json_log.getvalue()


def test_a_sane_incoming_request_id_is_kept_and_echoed(client, home_page, json_log):
    response = client.get("/", HTTP_X_REQUEST_ID="lb-7f3a.9c_01:2")
    assert response["X-Request-ID"] == "lb-7f3a.9c_01:2"
    assert request_lines(json_log)[0]["request_id"] == "lb-7f3a.9c_01:2"


@pytest.mark.parametrize("incoming", ["", "two words", 'quote"d', "line\nbreak", "x" * 129])
def test_any_other_request_id_is_replaced_by_a_new_one(client, home_page, json_log, incoming):
    response = client.get("/", HTTP_X_REQUEST_ID=incoming)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert request_lines(json_log)[0]["request_id"] == response["X-Request-ID"]


def test_every_request_gets_its_own_id(client, home_page):
    first, second = client.get("/"), client.get("/")
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_pages_from_the_page_cache_are_logged_too_with_their_own_id(client, home_page, json_log, settings):
    settings.PAGE_CACHE_SECONDS = 300
    first, second = client.get("/"), client.get("/")
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    lines = request_lines(json_log)
    assert [(line["path"], line["status"]) for line in lines] == [("/", 200), ("/", 200)]
    assert [line["request_id"] for line in lines] == [first["X-Request-ID"], second["X-Request-ID"]]


def test_a_not_found_page_is_one_warning_line(client, home_page, json_log):
    client.get("/no-such-page/")
    lines = json_lines(json_log)
    assert [(line["logger"], line["level"], line["status"]) for line in lines] == [("hub.requests", "WARNING", 404)]


def test_an_encoded_newline_in_the_path_cannot_start_a_log_line(client, home_page, text_log):
    client.get("/a%0AFAKE%20ERROR/")
    [line] = text_log.getvalue().splitlines()
    assert "\\x0a" in line and "GET /a" in line


def test_text_lines_read_as_sentences(client, home_page, text_log):
    response = client.get("/", HTTP_X_REQUEST_ID="abc-123")
    [line] = text_log.getvalue().splitlines()
    assert re.fullmatch(r"\S+ \S+ INFO hub.requests \[abc-123\] GET / 200 \d+\.\dms", line)
    assert response["X-Request-ID"] == "abc-123"


def console_formatter(module, **environ):
    """The console handler's formatter when ``module`` is loaded with ``environ`` (a fresh process)."""
    env = {key: value for key, value in os.environ.items() if key not in ("LOG_FORMAT", "DJANGO_SETTINGS_MODULE")}
    env.update(DJANGO_SETTINGS_MODULE=module, SECRET_KEY="x" * 60, **environ)
    code = "from django.conf import settings; print(settings.LOGGING['handlers']['console']['formatter'])"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=django_settings.BASE_DIR, capture_output=True, text=True
    )
    return done.stdout.strip() if done.returncode == 0 else done.stderr.strip().splitlines()[-1]


def test_production_logs_json_by_default_and_elsewhere_text():
    assert console_formatter("hub.settings.production") == "json"
    assert console_formatter("hub.settings.production", LOG_FORMAT="text") == "text"
    assert console_formatter("hub.settings.dev") == "text"
    assert console_formatter("hub.settings.dev", LOG_FORMAT="JSON") == "json"


def test_an_unknown_log_format_stops_the_start_with_the_choices():
    assert console_formatter("hub.settings.production", LOG_FORMAT="xml") == (
        "django.core.exceptions.ImproperlyConfigured: LOG_FORMAT must be one of json, text, not 'xml'."
    )
