"""Commissioners' referral statistics: counted from the workflow, small numbers never shown or
recoverable by subtraction, charts with text alternatives, and downloads that match the page."""

import csv
import io
import json
import random
import re
from datetime import datetime, timedelta
from itertools import product

import pytest
from django.utils import timezone

from hub.services.commissioning import build_report, export_rows, quarter_label, quarter_start
from hub.services.disclosure import HIDDEN, SMALL, median_from_counts, protect, rate
from hub.services.handling import change_status
from hub.services.models import ClosureOutcome, DeclineReason, Referral, ReferralStatistic
from hub.services.statistics import rebuild_statistics
from tests.factories.services import ReferralStatisticsPageFactory

pytestmark = pytest.mark.django_db

# --- disclosure control on its own ---------------------------------------------------------------


def test_counts_of_one_to_four_are_fewer_than_5_and_a_lone_one_is_protected_by_a_second():
    figures = protect({(0, 0): 3, (0, 1): 7}, (1, 2))
    assert figures[(0, 0)].text == SMALL
    assert figures[(0, 1)].text == HIDDEN, "10 - 7 would give the 3 away"
    assert figures[(0, 2)].text == "10"
    assert figures[(1, 0)].text == SMALL and figures[(1, 1)].text == HIDDEN  # all services: the same one service


def test_zero_and_five_or_more_are_shown():
    figures = protect({(0, 0): 0, (0, 1): 5}, (1, 2))
    assert [figures[(0, column)].text for column in range(3)] == ["0", "5", "5"]


@pytest.mark.parametrize("seed", range(40))
def test_no_line_of_a_protected_table_has_exactly_one_hidden_figure(seed):
    """Whatever the counts, no total minus the shown figures gives a hidden one away."""
    generator = random.Random(seed)
    shape = (generator.randint(1, 4), 3, generator.randint(2, 5))
    values = {
        index: generator.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 15, 40])
        for index in product(*(range(size) for size in shape))
    }
    figures = protect(values, shape)
    for axis, size in enumerate(shape):
        others = [range(n + 1) for n in shape[:axis] + shape[axis + 1 :]]
        for rest in product(*others):
            line = [(*rest[:axis], position, *rest[axis:]) for position in range(size + 1)]
            hidden = [key for key in line if figures[key].suppressed]
            assert len(hidden) != 1, (line, [figures[key].text for key in line])
    for figure in figures.values():
        if not figure.suppressed:
            assert figure.value == 0 or figure.value >= 5


def test_rates_and_medians_need_five_people_either_way():
    assert rate(20, 40) == 50
    assert rate(3, 40) is None, "3 accepted of 40"
    assert rate(37, 40) is None, "3 declined of 40"
    assert rate(4, 4) is None
    assert median_from_counts({"1": 2, "3": 1, "10": 2}) == 3
    assert median_from_counts({"2": 3, "4": 3}) == 3
    assert median_from_counts({"2": 4}) is None


def test_financial_quarters_start_in_april():
    assert quarter_start(datetime(2026, 5, 1).date()).month == 4
    assert quarter_start(datetime(2027, 2, 1).date()) == datetime(2027, 1, 1).date()
    assert quarter_label(datetime(2026, 10, 1).date()) == "October to December 2026"


# --- figures from the workflow ------------------------------------------------------------------


def make_referrals(service, referrer_type, count, when):
    made = []
    for number in range(count):
        referral = Referral.objects.create(
            reference=f"T-{referrer_type}-{service.pk}-{when:%Y%m%d}-{number}-{Referral.objects.count()}",
            service=service,
            referrer_type=referrer_type,
            form_data={"person_name": "Test Person"},
            submit_time=when,
        )
        made.append(referral)
    return made


def this_month(day=3):
    return timezone.now().replace(day=day, hour=10, minute=0, second=0, microsecond=0)


@pytest.fixture
def statistics_page(service_index):
    return ReferralStatisticsPageFactory(parent=service_index)


def table_row(html, caption_start, period_label):
    """The cells of one row of the table whose caption starts with ``caption_start``."""
    tables = re.findall(r"<caption[^>]*>(.*?)</caption>(.*?)</table>", html, re.S)
    for caption, body in tables:
        if caption.startswith(caption_start):
            match = re.search(rf'<th scope="row">{re.escape(period_label)}</th>(.*?)</tr>', body, re.S)
            return re.findall(r"<td>(.*?)</td>", match.group(1))
    raise AssertionError(f"no table {caption_start!r}")


def test_three_referrals_in_a_month_show_as_fewer_than_5_and_the_total_does_not_reveal_them(
    client, statistics_page, service, other_service
):
    make_referrals(service, "gp", 3, this_month())
    make_referrals(service, "jcp", 7, this_month())
    make_referrals(other_service, "gp", 12, this_month())
    html = client.get(statistics_page.url).content.decode()
    month = f"{this_month():%B %Y}"
    gp, jcp, total, *_ = table_row(html, "Referrals received, acceptance and first contact by month: Bridging", month)
    assert gp == SMALL
    assert HIDDEN in (jcp, total), "the total minus the Jobcentre Plus figure would give the 3 away"
    other_gp, *_ = table_row(html, "Referrals received, acceptance and first contact by month: Health", month)
    all_gp, *_ = table_row(html, "Referrals received, acceptance and first contact by month: All services", month)
    assert HIDDEN in (other_gp, all_gp), "all services' GP figure minus the other service's would give it away"
    quarter = client.get(statistics_page.url + "quarters/").content.decode()
    assert "<td>3</td>" not in html and "<td>3</td>" not in quarter


def test_acceptance_median_and_outcomes_come_from_the_workflow(client, statistics_page, service):
    referrals = make_referrals(service, "gp", 12, this_month(day=1))
    outcome = ClosureOutcome.objects.get(name="Returned to work")
    reason = DeclineReason.objects.get(name="Not eligible")
    for number, referral in enumerate(referrals):
        change_status(referral, "contacted", None)
        if number < 6:
            change_status(referral, "accepted", None)
            change_status(referral, "closed", None, outcome=outcome)
        else:
            change_status(referral, "declined", None, decline_reason=reason)
    html = client.get(statistics_page.url).content.decode()
    month = f"{this_month():%B %Y}"
    gp, jcp, total, acceptance, median = table_row(
        html, "Referrals received, acceptance and first contact by month: Bridging", month
    )
    assert (gp, jcp, total, acceptance) == ("12", "0", "12", "50%")
    days = (timezone.localdate() - this_month(day=1).date()).days
    assert median == str(days)
    outcomes = table_row(html, "Outcomes at closure by month of referral: Bridging", month)
    names = list(ClosureOutcome.objects.values_list("name", flat=True))
    assert outcomes[names.index("Returned to work")] == "6"
    assert outcomes[-1] == "6"


def test_rebuilding_from_referrals_gives_the_same_figures_as_counting_each_change(service):
    referrals = make_referrals(service, "jcp", 6, this_month(day=2) - timedelta(days=40))
    for referral in referrals[:4]:
        change_status(referral, "contacted", None)
    change_status(referrals[0], "accepted", None)
    change_status(referrals[5], "declined", None, decline_reason=DeclineReason.objects.first())
    fields = ["service_id", "referrer_type", "month", "received", "contacted", "accepted", "declined", "closed"]
    counted = list(ReferralStatistic.objects.order_by("month").values(*fields, "first_contact_days"))
    rebuild_statistics([service])
    assert list(ReferralStatistic.objects.order_by("month").values(*fields, "first_contact_days")) == counted


def test_each_chart_has_a_text_alternative_and_no_script(client, statistics_page, service):
    make_referrals(service, "gp", 8, this_month())
    html = client.get(statistics_page.url).content.decode()
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, re.S)
    assert len(svgs) == 2  # all services and the one service with figures
    for svg in svgs:
        assert 'role="img"' in svg
        labelled = re.search(r'aria-labelledby="([^ ]+) ([^"]+)"', svg)
        assert f'<title id="{labelled.group(1)}">Referrals received by month' in svg
        assert f'<desc id="{labelled.group(2)}">' in svg and f"{this_month():%b %y}: 8" in svg
    assert "<script" not in "".join(svgs)
    quarters = client.get(statistics_page.url + "quarters/").content.decode()
    assert "Referrals received by quarter" in quarters


def test_downloads_match_the_page_and_carry_the_licence(client, statistics_page, service):
    make_referrals(service, "gp", 3, this_month())
    make_referrals(service, "jcp", 9, this_month())
    header, rows = export_rows(build_report(statistics_page.quarters_shown))
    data = json.loads(client.get(statistics_page.url + "json/").content)
    assert data["licence"] == "Open Government Licence v3.0"
    assert data["rows"] == [dict(zip(header, row, strict=True)) for row in rows]
    response = client.get(statistics_page.url + "csv/")
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[0] == header
    assert any("Open Government Licence v3.0" in line[0] for line in lines if line)
    html = client.get(statistics_page.url).content.decode()
    month = f"{this_month():%B %Y}"
    cells = table_row(html, "Referrals received, acceptance and first contact by month: Bridging", month)
    [json_row] = [r for r in data["rows"] if r["Service"] == "Bridging the Gap" and r["Period label"] == month]
    assert [str(json_row[column]) for column in header[4:7]] == cells[:3] == [SMALL, HIDDEN, "12"]


def test_the_page_reads_the_figures_in_constant_queries(
    client, statistics_page, service, other_service, django_assert_max_num_queries
):
    make_referrals(service, "gp", 6, this_month())
    client.get(statistics_page.url)
    with django_assert_max_num_queries(40) as few:
        client.get(statistics_page.url)
    for months_ago in range(1, 12):
        when = this_month() - timedelta(days=31 * months_ago)
        make_referrals(service, "jcp", 2, when)
        make_referrals(other_service, "gp", 2, when)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(statistics_page.url)
    assert response.status_code == 200
