"""Check resource URLs: concurrently across hosts, politely within a host, with timeouts.

Each host's URLs are checked one after another with a pause between requests (``delay``), while
different hosts are checked at the same time in a thread pool (``workers``). Redirects are followed
and the final URL recorded. Network work happens in the threads; all database writes happen in the
calling thread, so no connection is shared between threads.
"""

import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Resource, ResourceLinkCheck

USER_AGENT = "WorkWellbeingHub-LinkChecker/1.0 (+checks links listed in our resource directory)"
DEFAULT_TIMEOUT = 10.0
DEFAULT_DELAY = 1.0
DEFAULT_WORKERS = 8


def failures_to_flag():
    return getattr(settings, "RESOURCE_LINK_FAILURES_TO_FLAG", 3)


@dataclass
class LinkResult:
    url: str
    status_code: int | None = None
    final_url: str = ""
    redirected: bool = False
    error: str = ""

    @property
    def ok(self):
        return not self.error and self.status_code is not None and self.status_code < 400


def make_session():
    session = requests.Session()
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "text/html,application/pdf,*/*;q=0.8"})
    session.max_redirects = 10
    return session


def check_url(session, url, timeout=DEFAULT_TIMEOUT):
    """Fetch ``url`` (headers only: the body is never read) and describe the outcome."""
    try:
        response = session.get(url, timeout=timeout, allow_redirects=True, stream=True)
    except requests.Timeout:
        return LinkResult(url, error=f"Timed out after {timeout:g} seconds")
    except requests.TooManyRedirects:
        return LinkResult(url, error="Too many redirects")
    except requests.exceptions.SSLError:
        return LinkResult(url, error="Secure connection (TLS) failed")
    except requests.ConnectionError:
        return LinkResult(url, error="Could not connect")
    except requests.RequestException as error:
        return LinkResult(url, error=f"Request failed: {type(error).__name__}"[:255])
    try:
        return LinkResult(
            url,
            status_code=response.status_code,
            final_url=response.url,
            redirected=bool(response.history) and response.url != url,
        )
    finally:
        response.close()


def check_host(urls, timeout, delay, stop=None):
    """Check one host's URLs in turn, pausing ``delay`` seconds between requests."""
    session = make_session()
    results = []
    try:
        for position, (key, url) in enumerate(urls):
            if stop is not None and stop.is_set():
                break
            if position and delay:
                time.sleep(delay)
            results.append((key, check_url(session, url, timeout)))
    finally:
        session.close()
    return results


def group_by_host(items):
    """``[(key, url)]`` grouped by lower-cased host name (port included)."""
    hosts = defaultdict(list)
    for key, url in items:
        hosts[urlsplit(url).netloc.lower()].append((key, url))
    return hosts


def check_urls(items, timeout=DEFAULT_TIMEOUT, delay=DEFAULT_DELAY, workers=DEFAULT_WORKERS):
    """Yield ``(key, LinkResult)`` for every ``(key, url)`` as each host finishes."""
    hosts = group_by_host(items)
    if not hosts:
        return
    stop = threading.Event()
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(hosts)))) as pool:
        futures = [pool.submit(check_host, urls, timeout, delay, stop) for urls in hosts.values()]
        try:
            for future in as_completed(futures):
                yield from future.result()
        finally:
            stop.set()


def record(resource_id, url, result, threshold, now=None):
    """Store one outcome: reset or add to the run of failures, and flag after ``threshold`` in a row."""
    now = now or timezone.now()
    check, _created = ResourceLinkCheck.objects.select_for_update().get_or_create(
        resource_id=resource_id, defaults={"checked_url": url}
    )
    if check.checked_url != url:
        # The editor changed the URL: earlier failures were about another address.
        check.consecutive_failures = 0
    check.checked_url = url
    check.status_code = result.status_code
    check.final_url = result.final_url[:2000]
    check.redirected = result.redirected
    check.error = result.error[:255]
    check.last_checked = now
    if result.ok:
        check.consecutive_failures = 0
        check.last_ok = now
    else:
        check.consecutive_failures += 1
    check.flagged = check.consecutive_failures >= threshold
    check.save()
    return check


def check_resources(
    queryset=None, timeout=DEFAULT_TIMEOUT, delay=DEFAULT_DELAY, workers=DEFAULT_WORKERS, threshold=None
):
    """Check every resource in ``queryset`` (default: all) and store the outcomes. Returns a summary."""
    threshold = threshold or failures_to_flag()
    queryset = Resource.objects.all() if queryset is None else queryset
    items = list(queryset.order_by("pk").values_list("pk", "url"))
    urls = dict(items)
    summary = {"checked": 0, "ok": 0, "redirected": 0, "failed": 0, "flagged": 0}
    for resource_id, result in check_urls(items, timeout=timeout, delay=delay, workers=workers):
        try:
            with transaction.atomic():
                check = record(resource_id, urls[resource_id], result, threshold)
        except IntegrityError:  # the resource was deleted while its link was being checked
            continue
        summary["checked"] += 1
        if result.ok:
            summary["ok"] += 1
            summary["redirected"] += int(result.redirected)
        else:
            summary["failed"] += 1
        summary["flagged"] += int(check.flagged)
    return summary
