"""The CI dependency audit fails on a vulnerability a newer release fixes, and only then."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "audit_dependencies.py"
spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
audit_dependencies = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit_dependencies)


def report(*vulns):
    return {
        "dependencies": [
            {"name": "django", "version": "5.2.0", "vulns": list(vulns)},
            {"name": "wagtail", "version": "8.0.1", "vulns": []},
        ]
    }


def test_a_vulnerability_with_a_fix_fails_the_build(monkeypatch, capsys):
    found = report({"id": "PYSEC-2026-1", "fix_versions": ["5.2.1"]})
    monkeypatch.setattr(audit_dependencies, "audit", lambda lock_file: found)
    assert audit_dependencies.main(["audit"]) == 1
    assert "VULNERABLE: django 5.2.0: PYSEC-2026-1, fixed in 5.2.1" in capsys.readouterr().out


def test_a_vulnerability_without_a_fix_is_listed_but_passes(monkeypatch, capsys):
    found = report({"id": "GHSA-xxxx", "fix_versions": []})
    monkeypatch.setattr(audit_dependencies, "audit", lambda lock_file: found)
    assert audit_dependencies.main(["audit"]) == 0
    assert "note: django 5.2.0 has GHSA-xxxx" in capsys.readouterr().out
