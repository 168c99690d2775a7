"""The backup and restore drill, as an operator would run it: a throwaway site with the demo content (pages,
resources, referrals with encrypted answers, uploaded documents) and an uploaded photo, `backup_site`, the
database dropped and the media folder deleted, `restore_site`; then the same rows and files, referrals
that still decrypt to the same answers, and a home page that answers. Each command is its own process, as
in production. On PostgreSQL (DATABASE_URL set) the throwaway database is really dropped; on SQLite its
file is deleted. The backup never holds the referral encryption key. Refused, changing nothing: a
damaged backup, one of another database engine, one from a newer release, a folder without a manifest."""

import io
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dj_database_url
import psycopg
import pytest
from django.core.management import CommandError, call_command
from psycopg import sql

from hub.core import loadtest
from hub.core.models import Audience

ROOT = Path(__file__).resolve().parents[2]

# The content the backup must carry: an uploaded photo besides the demo content's documents.
BUILD = """
from wagtail_factories import ImageFactory
ImageFactory(title="Drill photo", file__filename="drill-photo.png", file__width=40, file__height=30)
"""

# What an operator would compare: row counts and a digest of pages, resources, referrals (their answers
# decrypted), status notes, documents and images (their files' bytes), and what the site answers.
SNAPSHOT = """
import hashlib, json
from django.test import Client
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page
from resources.models import Resource
from hub.services.models import Referral, ReferralStatusChange

def digest(rows):
    return hashlib.sha256(json.dumps(rows, sort_keys=True, default=str).encode()).hexdigest()

def files(model):
    items = model.objects.order_by("pk")
    return [(item.pk, item.file.name, hashlib.sha256(item.file.open("rb").read()).hexdigest()) for item in items]

querysets = {
    "pages": Page.objects.order_by("pk").values("pk", "path", "title", "slug", "live", "latest_revision"),
    "resources": Resource.objects.order_by("pk").values(),
    "referrals": Referral.objects.order_by("pk").values(),
    "status_changes": ReferralStatusChange.objects.order_by("pk").values(),
}
snapshot = {name: {"count": qs.count(), "sha256": digest(list(qs))} for name, qs in querysets.items()}
for model in (Document, Image):
    snapshot[model.__name__] = {"count": model.objects.count(), "sha256": digest(files(model))}
first = Referral.objects.order_by("pk").first()
snapshot["first_referral_person"] = first.form_data.get("person_name")
client = Client(HTTP_HOST="127.0.0.1")
snapshot["home"] = client.get("/", secure=True).status_code
snapshot["ready"] = client.get("/health/ready").status_code
print(json.dumps(snapshot))
"""


def manage(env, *args, ok=True):
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    if ok:
        assert done.returncode == 0, f"manage.py {args[0]}:\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
    return done


def snapshot(env):
    return json.loads(manage(env, "shell", "-c", SNAPSHOT).stdout.strip().splitlines()[-1])


class SQLiteSite:
    """A site whose database is a file in the test's folder; dropping it deletes the file."""

    def __init__(self, folder):
        self.path = folder / "site.sqlite3"
        self.url = f"sqlite:///{self.path}"

    def create(self):
        pass

    def drop(self):
        for path in (self.path, Path(f"{self.path}-wal"), Path(f"{self.path}-shm")):
            path.unlink(missing_ok=True)
        assert not self.path.exists()

    other_engine_url = "postgres://hub@127.0.0.1:1/hub"


class PostgreSQLSite:
    """A throwaway database on the PostgreSQL server of DATABASE_URL; dropping it is DROP DATABASE."""

    def __init__(self, base_url):
        config = dj_database_url.parse(base_url)
        self.name = f"hub_drill_{os.getpid()}"
        self.conninfo = {"host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"]}
        self.password = config["PASSWORD"]
        userinfo = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
        self.url = f"postgres://{userinfo}@{config['HOST']}:{self.conninfo['port']}/{self.name}"

    def admin(self, statement):
        with psycopg.connect(dbname="postgres", password=self.password, autocommit=True, **self.conninfo) as conn:
            conn.execute(sql.SQL(statement).format(sql.Identifier(self.name)))

    def create(self):
        self.drop()
        self.admin("CREATE DATABASE {}")

    def drop(self):
        self.admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")

    other_engine_url = "sqlite:////nonexistent/hub.sqlite3"


@pytest.fixture
def site(tmp_path):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        if shutil.which("pg_dump") is None:
            pytest.skip("pg_dump is not installed (apt-get install postgresql-client; .ci/run does)")
        throwaway = PostgreSQLSite(url)
        throwaway.create()
        yield throwaway
        throwaway.drop()
    else:
        yield SQLiteSite(tmp_path)


def test_a_site_restored_from_its_backup_has_the_same_content(site, tmp_path):
    env = loadtest.server_environment(tmp_path, loadtest.free_port())
    env["DATABASE_URL"] = site.url
    media, backup = Path(env["MEDIA_ROOT"]), tmp_path / "backup"
    timings = {}
    started = time.perf_counter()
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo_content")
    manage(env, "shell", "-c", BUILD)
    before = snapshot(env)
    timings["build"] = time.perf_counter() - started
    assert before["referrals"]["count"] > 0 and before["resources"]["count"] > 0 and before["Image"]["count"] == 1
    assert before["Document"]["count"] > 0 and before["home"] == 200 and before["ready"] == 200

    started = time.perf_counter()
    manage(env, "backup_site", str(backup))
    timings["backup"] = time.perf_counter() - started
    key = env["REFERRAL_ENCRYPTION_KEY"].encode()
    for path in backup.iterdir():
        assert key not in path.read_bytes(), f"{path.name} must not hold the referral encryption key"

    site.drop()
    shutil.rmtree(media)
    started = time.perf_counter()
    manage(env, "restore_site", str(backup))
    timings["restore"] = time.perf_counter() - started
    after = snapshot(env)
    assert after == before
    assert after["first_referral_person"].startswith("Demo Person"), "referrals decrypt with the same key"
    print("drill timings (s):", {step: round(seconds, 1) for step, seconds in timings.items()})

    # A backup of the other engine is refused before anything is touched.
    other = manage({**env, "DATABASE_URL": site.other_engine_url}, "restore_site", str(backup), ok=False)
    assert other.returncode != 0 and "this site uses" in other.stderr


@pytest.fixture
def backup_folder(db, tmp_path):
    """A backup of the test database, and a row written after it: a refused restore must leave it."""
    folder = tmp_path / "backup"
    call_command("backup_site", str(folder), stdout=io.StringIO())
    Audience.objects.create(name="Written after the backup", slug="after-the-backup")
    return folder


def refuse(folder, message):
    with pytest.raises(CommandError, match=message):
        call_command("restore_site", str(folder), stdout=io.StringIO())
    assert Audience.objects.filter(slug="after-the-backup").exists(), "nothing may be restored"


def test_a_damaged_backup_is_refused(backup_folder):
    dump = next(path for path in backup_folder.iterdir() if path.name.startswith("database."))
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    refuse(backup_folder, "checksum does not match the manifest")


def test_a_backup_from_a_newer_release_is_refused(backup_folder):
    path = backup_folder / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["migrations"]["core"].append("9999_from_a_newer_release")
    path.write_text(json.dumps(manifest))
    refuse(backup_folder, "newer release.*core.9999_from_a_newer_release")


def test_a_folder_without_a_manifest_is_refused(backup_folder):
    (backup_folder / "manifest.json").unlink()
    refuse(backup_folder, "not a backup made by backup_site, or one that did not finish")


def test_a_backup_never_overwrites_another(backup_folder):
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup_site", str(backup_folder), stdout=io.StringIO())
