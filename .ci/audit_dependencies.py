"""Dependency audit: pip-audit checks every pinned package in requirements.lock against the Python
Packaging Advisory Database (through PyPI) and this fails when any has a known vulnerability that a
newer release fixes. Vulnerabilities with no fix yet are listed but do not fail the build: there is
nothing to upgrade to (review them by hand). Usage: python .ci/audit_dependencies.py [lock file]
"""

import json
import subprocess
import sys
from pathlib import Path


def fixable(report):
    """(package, version, advisory id, fixed versions) for each vulnerability with a fix."""
    return [
        (dep["name"], dep["version"], vuln["id"], vuln["fix_versions"])
        for dep in report["dependencies"]
        for vuln in dep.get("vulns", [])
        if vuln.get("fix_versions")
    ]


def unfixed(report):
    return [
        (dep["name"], dep["version"], vuln["id"])
        for dep in report["dependencies"]
        for vuln in dep.get("vulns", [])
        if not vuln.get("fix_versions")
    ]


def audit(lock_file):
    # --no-deps --disable-pip: the lock pins every package, so check exactly those, with no resolving.
    command = [sys.executable, "-m", "pip_audit", "-r", str(lock_file), "--no-deps", "--disable-pip"]
    completed = subprocess.run(  # noqa: S603 (our own fixed command line)
        [*command, "--progress-spinner", "off", "-f", "json"], capture_output=True, text=True, check=False
    )
    if not completed.stdout.strip():
        sys.stderr.write(completed.stderr)
        raise SystemExit(f"pip-audit did not run (exit {completed.returncode})")
    return json.loads(completed.stdout)


def main(argv):
    lock_file = Path(argv[1] if len(argv) > 1 else "requirements.lock")
    report = audit(lock_file)
    for name, version, advisory in unfixed(report):
        print(f"note: {name} {version} has {advisory}, with no fixed release yet")
    problems = fixable(report)
    for name, version, advisory, fixes in problems:
        print(f"VULNERABLE: {name} {version}: {advisory}, fixed in {', '.join(fixes)}")
    if problems:
        print("Upgrade these in requirements.lock (README: 'Updating the lock file') and run the tests.")
        return 1
    print(f"Dependency audit: {len(report['dependencies'])} pinned packages, no known vulnerability with a fix.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
