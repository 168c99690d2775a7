"""Backups of the site (``manage.py backup_site`` / ``restore_site``): the database and the media folder.

A backup is a folder: the database (PostgreSQL: ``pg_dump --format=custom``; SQLite: a copy made with
SQLite's online backup API, consistent while the site keeps writing), ``media.tar`` (uploaded documents
and images) and ``manifest.json``, written last, so a backup that did not finish has none. The manifest
records when, which database engine, the applied migrations, every table's row count and each file's
sha256; restore checks all of it before it touches anything, and the row counts again afterwards.

What is never in a backup: the referral encryption key (REFERRAL_ENCRYPTION_KEY) and any other setting.
Referrals are in the dump encrypted; the key is kept separately (README "Backups and recovery"), so a
stolen backup alone reads no referral, and a backup restored without the key cannot be read either.
"""

import datetime
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
MEDIA_PREFIX = "media"
DUMPS = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """Something an operator must fix; the message says what. Nothing was changed when restore raises it
    before restoring."""


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def engine():
    if connection.vendor not in DUMPS:
        raise BackupError(f"Backups support PostgreSQL and SQLite; this site's database is {connection.vendor}.")
    return connection.vendor


def applied_migrations():
    """``{app label: [migration names]}``: what the restored database will say was applied."""
    applied = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def row_counts():
    """Rows in every table the project's models use (many-to-many tables included), by model label."""
    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed and not m._meta.proxy]
    return {model._meta.label: model._base_manager.count() for model in sorted(models, key=lambda m: m._meta.label)}


# -- PostgreSQL ------------------------------------------------------------------------------------------


def pg_environment():
    """The connection for pg_dump and pg_restore, in libpq's variables: a password never appears in ``ps``."""
    database = connection.settings_dict
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if database.get(key):
            env[variable] = str(database[key])
    env["PGDATABASE"] = database["NAME"]
    return env


def major_version(text):
    found = re.search(r"(\d+)(?:\.\d+)?", text)
    return int(found.group(1)) if found else None


def server_major_version():
    connection.ensure_connection()
    return connection.pg_version // 10000


def check_client(tool, server_major):
    """``tool`` is installed and of the server's major version: an older pg_dump refuses a newer server,
    and a dump is only restorable by a pg_restore at least as new."""
    if shutil.which(tool) is None:
        raise BackupError(f"{tool} is not installed: install the PostgreSQL {server_major} client (postgresql-client).")
    done = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True)  # noqa: S603
    client_major = major_version(done.stdout.split(")", 1)[-1])  # "pg_dump (PostgreSQL) 15.20 (Debian…)"
    if client_major != server_major:
        raise BackupError(
            f"{tool} is version {client_major} but the database server is PostgreSQL {server_major}: "
            f"install the PostgreSQL {server_major} client tools."
        )


def run_tool(command, env):
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed (exit {done.returncode}):\n{done.stderr.strip()[-2000:]}")


def dump_postgresql(path):
    check_client("pg_dump", server_major_version())
    run_tool(["pg_dump", "--format=custom", f"--file={path}"], pg_environment())


def prepare_postgresql_restore():
    """Check pg_restore against the server, and create the database if it is gone (a new server, or one
    dropped by mistake): pg_restore needs one. Asks the server's ``postgres`` database, as the site's may
    not exist."""
    import psycopg
    from psycopg import sql

    env = pg_environment()
    conninfo = {"host": env.get("PGHOST"), "port": env.get("PGPORT"), "user": env.get("PGUSER")}
    conninfo = {key: value for key, value in conninfo.items() if value}
    with psycopg.connect(dbname="postgres", password=env.get("PGPASSWORD"), autocommit=True, **conninfo) as admin:
        check_client("pg_restore", admin.info.server_version // 10000)
        name = env["PGDATABASE"]
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def restore_postgresql(path):
    """Into the configured database, in one transaction: a failure leaves it as it was."""
    connection.close()
    prepare_postgresql_restore()
    env = pg_environment()
    command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction"]
    run_tool([*command, f"--dbname={env['PGDATABASE']}", str(path)], env)


# -- SQLite ----------------------------------------------------------------------------------------------


def dump_sqlite(path):
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def restore_sqlite(path):
    """Copy the backup over the database file page by page, in one transaction."""
    connection.close()
    database = Path(connection.settings_dict["NAME"])
    database.parent.mkdir(parents=True, exist_ok=True)
    if not database.exists():
        # A write-ahead log left by a deleted database would be replayed into the new one.
        for leftover in (Path(f"{database}-wal"), Path(f"{database}-shm")):
            leftover.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    target = sqlite3.connect(database)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


DUMP_FUNCTIONS = {"postgresql": dump_postgresql, "sqlite": dump_sqlite}
RESTORE_FUNCTIONS = {"postgresql": restore_postgresql, "sqlite": restore_sqlite}


# -- media -----------------------------------------------------------------------------------------------


def archive_media(path):
    """Everything under MEDIA_ROOT (originals and renditions), as ``media/...``; returns the file count."""
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(path, "w") as archive:
        if media.is_dir():
            archive.add(media, arcname=MEDIA_PREFIX)
        return sum(1 for member in archive.getmembers() if member.isfile())


def restore_media(path):
    """Into MEDIA_ROOT; files there that the backup does not have are left alone."""
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path) as archive:
        members = []
        for member in archive.getmembers():
            if member.name == MEDIA_PREFIX or not member.name.startswith(MEDIA_PREFIX + "/"):
                continue
            member.name = member.name.removeprefix(MEDIA_PREFIX + "/")
            members.append(member)
        archive.extractall(media, members=members, filter="data")


# -- backup and restore ----------------------------------------------------------------------------------


def create_backup(folder):
    """Write a backup into ``folder`` (new or empty); returns the manifest."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: give a new or empty folder for each backup.")
    folder.mkdir(parents=True, exist_ok=True)
    vendor = engine()
    dump = folder / DUMPS[vendor]
    DUMP_FUNCTIONS[vendor](dump)
    media_files = archive_media(folder / MEDIA_ARCHIVE)
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": {"engine": vendor, "file": dump.name},
        "migrations": applied_migrations(),
        "row_counts": row_counts(),
        "media_files": media_files,
        "files": {
            path.name: {"sha256": sha256(path), "bytes": path.stat().st_size} for path in (dump, folder / MEDIA_ARCHIVE)
        },
    }
    partial = folder / (MANIFEST + ".partial")
    partial.write_text(json.dumps(manifest, indent=2) + "\n")
    partial.rename(folder / MANIFEST)
    return manifest


def read_manifest(folder):
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} not found: not a backup made by backup_site, or one that did not finish.")
    try:
        manifest = json.loads(path.read_text())
    except ValueError as error:
        raise BackupError(f"{path} is not valid JSON ({error}).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is of backup format {manifest.get('format')!r}; this release reads {FORMAT}.")
    return manifest


def known_migrations():
    """Every migration this release has on disk, and those its squashed migrations replace."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    return known


def check_migrations(manifest):
    """A backup from a newer release has tables and columns this code does not know: migrate cannot undo that."""
    known = known_migrations()
    newer = [
        f"{app}.{name}" for app, names in manifest["migrations"].items() for name in names if (app, name) not in known
    ]
    if newer:
        listed = ", ".join(newer[:5]) + (f" and {len(newer) - 5} more" if len(newer) > 5 else "")
        raise BackupError(
            f"This backup was made by a newer release (migrations {listed} are not in this code): deploy that "
            "release, or a later one, and restore again. Nothing was restored."
        )


def verify(folder, manifest):
    """Refuse a backup of another engine, from a newer release, or with a file that is missing or not what
    was written."""
    vendor, backed_up = engine(), manifest["database"]["engine"]
    if backed_up != vendor:
        raise BackupError(
            f"This backup is of a {backed_up} database but this site uses {vendor}: "
            f"set DATABASE_URL to a {backed_up} database to restore it. Nothing was restored."
        )
    check_migrations(manifest)
    for name, expected in manifest["files"].items():
        path = Path(folder) / name
        if not path.is_file():
            raise BackupError(f"{path} is missing from the backup. Nothing was restored.")
        if sha256(path) != expected["sha256"]:
            raise BackupError(
                f"{path}: its checksum does not match the manifest (damaged or changed). Nothing was restored."
            )


def count_differences(expected):
    """``{label: (in the backup, now)}`` for the backup's tables whose row counts differ (models this
    release no longer has are not counted)."""
    differences = {}
    for label, count in expected.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        found = model._base_manager.count()
        if found != count:
            differences[label] = (count, found)
    return differences


def forget_cached_content():
    """Pages, the site lookup, search summaries, promotions and the directory were cached from the old data."""
    from hub.core.cache import PAGE_TREE
    from hub.core.page_cache import PAGE_CACHE
    from resources.cache import DIRECTORY
    from search.backend import SEARCH_INDEX
    from search.service import PROMOTIONS

    for stamp in (PAGE_CACHE, PAGE_TREE, SEARCH_INDEX, PROMOTIONS, DIRECTORY):
        stamp.bump()


def restore_backup(folder):
    """Check the backup, restore the database and the media, then check the row counts; returns the manifest."""
    manifest = read_manifest(folder)
    verify(folder, manifest)
    vendor = manifest["database"]["engine"]
    RESTORE_FUNCTIONS[vendor](Path(folder) / manifest["database"]["file"])
    restore_media(Path(folder) / MEDIA_ARCHIVE)
    differences = count_differences(manifest["row_counts"])
    if differences:
        listed = ", ".join(f"{label}: {want} in the backup, {got} now" for label, (want, got) in differences.items())
        raise BackupError(f"The restored database does not have the backup's rows ({listed}).")
    forget_cached_content()
    return manifest
