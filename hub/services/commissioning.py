"""The referral figures commissioners see: per service and across services, by month and by financial
quarter, with disclosure control (``disclosure.py``) applied before anything is shown or downloaded.

Built from ``ReferralStatistic`` rows only (counts, not people) in two queries, whatever the number of
referrals behind them. The page, its CSV and its JSON all come from :func:`build_report`, so the
downloads always match the page.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from .disclosure import HIDDEN, Figure, median_from_counts, protect, rate
from .models import ClosureOutcome, ReferralStatistic, ReferrerType

LICENCE = "Open Government Licence v3.0"
LICENCE_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
ALL_SERVICES = "All services"
REFERRERS = [ReferrerType.GP, ReferrerType.JOBCENTRE_PLUS]


def quarter_start(month):
    """First month of the financial quarter (April to June is Q1) holding ``month``."""
    offset = (month.month - 4) % 12 // 3 * 3
    start_month = (4 + offset - 1) % 12 + 1
    return date(month.year - (start_month > month.month), start_month, 1)


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def quarter_label(start):
    end = add_months(start, 2)
    return f"{start:%B} to {end:%B %Y}"


def quarter_short(start):
    number = (start.month - 4) % 12 // 3 + 1
    year = start.year if start.month >= 4 else start.year - 1
    return f"Q{number} {year % 100:02d}/{(year + 1) % 100:02d}"


@dataclass
class Period:
    key: str
    label: str
    short: str


@dataclass
class PeriodFigures:
    """One row of a table: one period for one service (or all services)."""

    period: Period
    received: list  # Figure per referrer type
    total: Figure
    acceptance_rate: int | None
    median_days: float | None
    outcomes: list  # Figure per outcome
    closed: Figure

    @property
    def acceptance_text(self):
        return HIDDEN if self.acceptance_rate is None else f"{self.acceptance_rate}%"

    @property
    def median_text(self):
        return HIDDEN if self.median_days is None else f"{self.median_days:g}"


@dataclass
class Level:
    """All services, or one service: its rows by month and by quarter."""

    name: str
    slug: str
    by_month: list = field(default_factory=list)
    by_quarter: list = field(default_factory=list)


@dataclass
class Report:
    levels: list
    outcome_names: list
    first_month: date
    last_month: date

    referrers = [label for _value, label in ReferrerType.choices]


class Totals:
    """Raw sums for one service (or all) in one period; only ever published through protect()."""

    def __init__(self):
        self.accepted = self.declined = self.contacted = 0
        self.first_contact_days = {}

    def add(self, row):
        self.accepted += row["accepted"]
        self.declined += row["declined"]
        self.contacted += row["contacted"]
        for days, count in row["first_contact_days"].items():
            self.first_contact_days[days] = self.first_contact_days.get(days, 0) + count


def load_rows(first_month, last_month):
    return list(
        ReferralStatistic.objects.filter(month__gte=first_month, month__lte=last_month)
        .order_by()
        .values(
            "service_id",
            "service__title",
            "service__slug",
            "referrer_type",
            "month",
            "received",
            "contacted",
            "accepted",
            "declined",
            "closed",
            "first_contact_days",
            "outcomes",
        )
    )


def outcome_names(rows):
    """The editable outcome list in its order, then any older names still in the figures."""
    names = list(ClosureOutcome.objects.values_list("name", flat=True))
    for row in rows:
        names.extend(name for name in row["outcomes"] if name not in names)
    return names


def build_report(quarters=4, today=None):
    today = today or timezone.localdate()
    last_quarter = quarter_start(today.replace(day=1))
    first_month = add_months(last_quarter, -3 * (quarters - 1))
    last_month = add_months(last_quarter, 2)
    rows = load_rows(first_month, last_month)
    names = outcome_names(rows)
    services = sorted({(row["service__title"], row["service__slug"], row["service_id"]) for row in rows})
    levels = [Level(ALL_SERVICES, "all-services")] + [Level(title, slug) for title, slug, _pk in services]
    position = {pk: index for index, (_t, _s, pk) in enumerate(services)}
    current_month = today.replace(day=1)
    by_quarter = {}
    for row in rows:
        by_quarter.setdefault(quarter_start(row["month"]), []).append(row)
    for number in range(quarters):
        start = add_months(first_month, 3 * number)
        add_quarter(levels, position, by_quarter.get(start, []), start, names, current_month)
    return Report(levels, names, first_month, last_month)


def add_quarter(levels, position, rows, start, names, current_month):
    """Protect one quarter's figures as a single table (service by month by category, with totals) and
    append its month rows and its quarter row to every level."""
    services = len(levels) - 1
    months = [add_months(start, offset) for offset in range(3)]
    received, outcomes = {}, {}
    totals = {}
    for row in rows:
        s, m = position[row["service_id"]], months.index(row["month"])
        key = (s, m, REFERRERS.index(row["referrer_type"]))
        received[key] = received.get(key, 0) + row["received"]
        for name, count in row["outcomes"].items():
            outcome_key = (s, m, names.index(name))
            outcomes[outcome_key] = outcomes.get(outcome_key, 0) + count
        for level_index in (s, services):
            for month_index in (m, 3):
                totals.setdefault((level_index, month_index), Totals()).add(row)
    shape = (services, 3, len(REFERRERS))
    protected_received = protect(received, shape)
    protected_outcomes = protect(outcomes, (services, 3, len(names)))
    periods = [Period(f"{month:%Y-%m}", f"{month:%B %Y}", f"{month:%b %y}") for month in months]
    periods.append(Period(quarter_short(start).replace(" ", "-"), quarter_label(start), quarter_short(start)))
    for level_offset, level in enumerate(levels):
        s = services if level_offset == 0 else level_offset - 1
        for m, period in enumerate(periods):
            if m < 3 and months[m] > current_month:
                continue  # months still to come
            raw = totals.get((s, m), Totals())
            figures = PeriodFigures(
                period=period,
                received=[protected_received[(s, m, r)] for r in range(len(REFERRERS))],
                total=protected_received[(s, m, len(REFERRERS))],
                acceptance_rate=rate(raw.accepted, raw.accepted + raw.declined),
                median_days=median_from_counts(raw.first_contact_days),
                outcomes=[protected_outcomes[(s, m, o)] for o in range(len(names))],
                closed=protected_outcomes[(s, m, len(names))],
            )
            (level.by_month if m < 3 else level.by_quarter).append(figures)


def export_rows(report):
    """Flat rows for the CSV and JSON downloads, exactly the figures the page shows."""
    header = [
        "Service",
        "Period type",
        "Period",
        "Period label",
        *[f"Received from {label}" for label in report.referrers],
        "Received in total",
        "Acceptance rate (%)",
        "Median days to first contact",
        *[f"Outcome: {name}" for name in report.outcome_names],
        "Closed in total",
    ]
    rows = []
    for level in report.levels:
        for kind, figures_list in (("month", level.by_month), ("quarter", level.by_quarter)):
            for figures in figures_list:
                rows.append(
                    [
                        level.name,
                        kind,
                        figures.period.key,
                        figures.period.label,
                        *[figure.export() for figure in figures.received],
                        figures.total.export(),
                        HIDDEN if figures.acceptance_rate is None else figures.acceptance_rate,
                        HIDDEN if figures.median_days is None else figures.median_days,
                        *[figure.export() for figure in figures.outcomes],
                        figures.closed.export(),
                    ]
                )
    return header, rows


# --- charts -------------------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT = 640, 260
PLOT_LEFT, PLOT_TOP, PLOT_BOTTOM = 48, 16, 212


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label_x: float
    period: str
    figure: Figure


def bar_chart(rows):
    """Geometry for a plain SVG bar chart of total referrals received per period; a suppressed
    figure draws no bar, only its words, so the chart never shows more than the table."""
    values = [row.total.value for row in rows if row.total.value is not None]
    top = nice_maximum(max(values, default=0))
    slot = (CHART_WIDTH - PLOT_LEFT - 8) / max(len(rows), 1)
    plot_height = PLOT_BOTTOM - PLOT_TOP
    bars = []
    for index, row in enumerate(rows):
        value = row.total.value or 0
        height = plot_height * value / top
        x = PLOT_LEFT + index * slot + slot * 0.15
        geometry = (round(number, 1) for number in (x, PLOT_BOTTOM - height, slot * 0.7, height, x + slot * 0.35))
        bars.append(Bar(*geometry, row.period.short, row.total))
    ticks = [(round(PLOT_BOTTOM - plot_height * step / 4, 1), round(top * step / 4)) for step in range(5)]
    return {
        "bars": bars,
        "ticks": ticks,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": PLOT_LEFT,
        "bottom": PLOT_BOTTOM,
        "right": CHART_WIDTH - 8,
    }


def nice_maximum(value):
    """A round axis maximum at or above ``value`` (1, 2 or 5 times a power of ten), divisible by 4."""
    value = max(value, 20)  # small charts still get an axis in fives, not 1, 2, 3
    scale = 1
    while True:
        for step in (1, 2, 5):
            candidate = 4 * step * scale
            if candidate >= value:
                return candidate
        scale *= 10
