"""CSV import of resources, shared by ``manage.py import_resources`` and the admin upload.

Rows are matched to existing resources by URL (created if new, updated if not). Every row is checked
first; if any row has a problem nothing is imported and each problem is reported with its line
number. The columns are the ones the admin's CSV export writes, so an export can be edited and
imported again; unknown columns (such as the export's status columns) are ignored.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from hub.core.models import Audience

from .models import DocumentFormat, Organisation, Region, Resource, ResourceType, Topic

COLUMNS = [
    "title",
    "url",
    "summary",
    "organisation",
    "resource_type",
    "audiences",
    "topics",
    "region",
    "document_format",
    "document_size_kb",
    "date_added",
    "last_reviewed",
]
REQUIRED = ["title", "url", "summary", "organisation"]
LIST_SEPARATORS = (";", "|")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 20_000
MAX_BYTES = 10 * 1024 * 1024


class CSVFileError(Exception):
    """The file as a whole cannot be read (not CSV, wrong columns, too big)."""


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self):
        return f"Line {self.line}: {self.message}"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list = field(default_factory=list)
    new_organisations: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


def unescape_formula(value):
    """Undo the export's protection against spreadsheet formulas ('=SUM… was written as '=SUM…)."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def split_list(value):
    for separator in LIST_SEPARATORS[1:]:
        value = value.replace(separator, LIST_SEPARATORS[0])
    return [part.strip() for part in value.split(LIST_SEPARATORS[0]) if part.strip()]


def choice(value, choices, what):
    """Accept a choice's value or its label, in any letter case."""
    wanted = value.strip().lower()
    for key, label in choices:
        if wanted in (key.lower(), str(label).lower()):
            return key
    allowed = ", ".join(str(label) for _key, label in choices)
    raise ValueError(f"unknown {what} '{value}' (use one of: {allowed})")


def parse_date(value, what):
    value = value.strip()
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"{what} '{value}' is not a date (use YYYY-MM-DD or DD/MM/YYYY)")


def read_rows(data):
    """Decode ``data`` (bytes or text) and return ``[(line_number, row_dict)]``."""
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise CSVFileError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise CSVFileError("The file is not UTF-8 text. Save it from your spreadsheet as 'CSV UTF-8'.") from error
    if "\x00" in data:
        raise CSVFileError("The file is not a CSV text file.")
    reader = csv.DictReader(io.StringIO(data, newline=""))
    try:
        headings = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise CSVFileError(f"The file could not be read as CSV: {error}.") from error
    missing = [name for name in REQUIRED if name not in headings]
    if missing:
        raise CSVFileError(
            "The first line must name the columns; missing: " + ", ".join(missing) + ". Expected: " + ", ".join(COLUMNS)
        )
    reader.fieldnames = headings
    rows = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise CSVFileError(f"The file has more than {MAX_ROWS} rows; split it into smaller files.")
            values = {key: unescape_formula((value or "").strip()) for key, value in row.items() if key in COLUMNS}
            if any(values.values()):
                rows.append((reader.line_num, values))
    except csv.Error as error:
        raise CSVFileError(f"Line {reader.line_num}: the file could not be read as CSV ({error}).") from error
    if not rows:
        raise CSVFileError("The file has no rows to import.")
    return rows


class Lookups:
    """Existing audiences, organisations and topics, loaded once for the whole file."""

    def __init__(self):
        self.audiences = {}
        for audience in Audience.objects.all():
            self.audiences[audience.slug.lower()] = audience
            self.audiences[audience.name.lower()] = audience
        self.organisations = {}
        for organisation in Organisation.objects.all():
            self.organisations[organisation.name.lower()] = organisation
            if organisation.short_name:
                self.organisations.setdefault(organisation.short_name.lower(), organisation)
        self.topics = {topic.name.lower(): topic for topic in Topic.objects.all()}
        self.resources = {resource.url: resource for resource in Resource.objects.all()}


@dataclass
class PlannedRow:
    line: int
    resource: Resource
    organisation_name: str
    audiences: list
    topic_names: list
    is_new: bool


def plan_row(line, values, lookups):
    """Turn one row into an unsaved resource, or raise ValueError/ValidationError with the problems."""
    problems = []
    for name in REQUIRED:
        if not values.get(name):
            problems.append(f"'{name}' is empty")
    if problems:
        raise ValueError("; ".join(problems))
    url = values["url"]
    existing = lookups.resources.get(url)
    resource = existing if existing is not None else Resource(url=url)
    resource.title = values["title"]
    resource.summary = values["summary"]
    organisation_name = values["organisation"]
    organisation = lookups.organisations.get(organisation_name.lower())
    resource.organisation = organisation or Organisation(name=organisation_name)

    def convert(name, function):
        raw = values.get(name, "")
        if not raw:
            return None
        try:
            return function(raw)
        except ValueError as error:
            problems.append(str(error))
            return None

    resource.resource_type = (
        convert("resource_type", lambda v: choice(v, ResourceType.choices, "type"))
        or resource.resource_type
        or ResourceType.GUIDE
    )
    resource.region = convert("region", lambda v: choice(v, Region.choices, "region")) or (
        resource.region or Region.ENGLAND
    )
    resource.document_format = convert(
        "document_format", lambda v: choice(v, DocumentFormat.choices, "document format")
    ) or ("" if "document_format" in values else resource.document_format)
    size = convert("document_size_kb", lambda v: int(v.replace(",", "")))
    if size is not None and size < 0:
        problems.append("'document_size_kb' must be a whole number of kilobytes")
    resource.document_size_kb = size if "document_size_kb" in values else resource.document_size_kb
    date_added = convert("date_added", lambda v: parse_date(v, "date_added"))
    if date_added:
        resource.date_added = date_added
    if "last_reviewed" in values:
        resource.last_reviewed = convert("last_reviewed", lambda v: parse_date(v, "last_reviewed"))

    audiences = []
    for name in split_list(values.get("audiences", "")):
        audience = lookups.audiences.get(name.lower())
        if audience is None:
            problems.append(f"unknown audience '{name}' (audiences are managed under Snippets > Audiences)")
        else:
            audiences.append(audience)
    topic_names = split_list(values.get("topics", ""))
    for name in topic_names:
        if len(name) > 100:
            problems.append(f"topic '{name[:30]}…' is longer than 100 characters")

    try:
        resource.full_clean(exclude=["organisation", "audiences", "topics"])
    except ValidationError as error:
        for field_name, messages in error.message_dict.items():
            label = field_name if field_name != "__all__" else "row"
            problems.extend(f"{label}: {message}" for message in messages)
    if problems:
        raise ValueError("; ".join(problems))
    return PlannedRow(line, resource, organisation_name, audiences, topic_names, existing is None)


def import_csv(data, publish=True, user=None):
    """Check every row, then import all of them in one transaction, or none if any row is wrong."""
    result = ImportResult()
    try:
        rows = read_rows(data)
    except CSVFileError as error:
        result.errors.append(RowError(1, str(error)))
        return result
    lookups = Lookups()
    planned = []
    seen_urls = {}
    for line, values in rows:
        url = values.get("url", "")
        if url and url in seen_urls:
            result.errors.append(RowError(line, f"the URL {url} is also on line {seen_urls[url]}"))
            continue
        seen_urls[url] = line
        try:
            planned.append(plan_row(line, values, lookups))
        except ValueError as error:
            result.errors.append(RowError(line, str(error)))
    if result.errors:
        return result

    with transaction.atomic():
        organisations = dict(lookups.organisations)
        topics = dict(lookups.topics)
        for row in planned:
            key = row.organisation_name.lower()
            if key not in organisations:
                organisations[key] = Organisation.objects.create(name=row.organisation_name)
                result.new_organisations.append(row.organisation_name)
            row.resource.organisation = organisations[key]
            row_topics = []
            for name in row.topic_names:
                if name.lower() not in topics:
                    topics[name.lower()] = Topic.objects.create(name=name)
                row_topics.append(topics[name.lower()])
            resource = row.resource
            if row.is_new:
                resource.live = publish
                resource.save()
            resource.audiences.set(row.audiences)
            resource.topics.set(row_topics)
            if row.is_new:
                resource.save()
            revision = resource.save_revision(user=user, log_action=True)
            if publish:
                revision.publish(user=user)
            result.created += int(row.is_new)
            result.updated += int(not row.is_new)
    return result
