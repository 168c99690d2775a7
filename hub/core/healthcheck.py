"""The container health check: ``python -m hub.core.healthcheck /health/live /health/ready`` exits 0
when every path answers 200.

The slim image has no curl, and Django is not loaded (a check every few seconds must be cheap). The
request carries a Host the site accepts (the first usable ``ALLOWED_HOSTS`` entry) and says it came
over HTTPS through the proxy (``X-Forwarded-Proto``, which production settings trust), so neither
the host check nor the HTTPS redirect answers in place of the health view.
"""

import os
import sys
import urllib.error
import urllib.request


def host_header(allowed_hosts):
    """A host name ``ALLOWED_HOSTS`` accepts: ``.example.org`` (any subdomain) gives ``example.org``."""
    for entry in allowed_hosts.split(","):
        entry = entry.strip().lstrip(".")
        if entry and entry != "*":
            return entry
    return "localhost"


def check(path, port, allowed_hosts, timeout=5):
    """Whether ``path`` on this machine's ``port`` answers 200."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"Host": host_header(allowed_hosts), "X-Forwarded-Proto": "https"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (fixed loopback URL)
            return response.status == 200
    except (urllib.error.URLError, OSError) as error:
        print(f"{path}: {error}", file=sys.stderr)
        return False


def main(paths):
    """Checks each path in turn (``/health/live /health/ready``): healthy when all answer 200; the
    first that does not is named on stderr, which ``docker inspect`` shows."""
    port, allowed_hosts = os.environ.get("PORT", "8000"), os.environ.get("ALLOWED_HOSTS", "")
    healthy = all(check(path, port, allowed_hosts) for path in paths or ["/health/live"])
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
