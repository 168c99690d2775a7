"""Logs for operators: one line per request with a request id, as JSON in production.

``LOG_FORMAT`` (settings) picks the console formatter: ``json`` (production's default) gives one JSON
object per line for a log collector, ``text`` (elsewhere) a line a person reads. Every request is
logged once, by :class:`RequestLogMiddleware`, outermost in ``MIDDLEWARE`` so that pages served from
the page cache, WhiteNoise's static files and HTTPS redirects are logged too.

What a request line carries, and why no more: method, path, status, duration and the request id.
Never the query string (searches put what people typed in ``q``: often about their own health),
never a request or response body (referral forms carry special-category health data), no client
address, user agent or referrer. The request id is taken from an incoming ``X-Request-ID`` when it
is a plain token (a proxy's or load balancer's id, so both logs join up), otherwise made here; it is
sent back in the response's ``X-Request-ID`` and added to every other log line written while the
request runs (the admin audit trail, search fallbacks...).
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

HEADER = "X-Request-ID"
# Letters, digits and . _ : - up to 128 characters: UUIDs, ULIDs, nginx's $request_id, Heroku's ids.
# Anything else (spaces, quotes, newlines, a very long value) could forge or break log lines: replaced.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

request_id_var = contextvars.ContextVar("request_id", default=None)
logger = logging.getLogger("hub.requests")

# Attributes every LogRecord has: what is left over came from ``extra=`` and goes into the JSON line.
STANDARD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
# Extras passed by Django that are objects, not facts (django.request passes the whole request, whose
# text form includes the query string).
DROPPED_EXTRAS = {"request", "server_time"}


def request_id_for(request):
    """The incoming X-Request-ID when it is a plain token, otherwise a new random one."""
    incoming = request.headers.get(HEADER, "")
    return incoming if SANE_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex


def printable(text):
    """``text`` with control characters escaped: a path with an encoded newline cannot start a fake line."""
    return CONTROL_CHARACTERS.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


class RequestLogMiddleware:
    """Logs each request once (``hub.requests``), after the response, and echoes its request id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_for(request)
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response[HEADER] = request_id
            self.log(request, response.status_code, duration_ms)
            return response
        finally:
            request_id_var.reset(token)

    @staticmethod
    def log(request, status, duration_ms):
        path = printable(request.path)
        level = logging.ERROR if status >= 500 else logging.WARNING if status >= 400 else logging.INFO
        logger.log(
            level,
            "%s %s %s %.1fms",
            request.method,
            path,
            status,
            duration_ms,
            extra={"method": request.method, "path": path, "status": status, "duration_ms": duration_ms},
        )


class RequestIdFilter(logging.Filter):
    """Adds the current request's id (or None outside a request) to every record the handler writes."""

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: timestamp (UTC), level, logger, message, the request id and any
    plain ``extra=`` values; a traceback as ``exception``. Objects passed as extras are left out."""

    def format(self, record):
        line = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name in STANDARD_ATTRIBUTES or name in DROPPED_EXTRAS or name.startswith("_"):
                continue
            if value is None or isinstance(value, str | int | float | bool):
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """``time level logger [request id] message``: for a person reading a terminal."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s")

    def format(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = "-"
        return super().format(record)
