"""The relevance suite (search/relevance.py) over the demo content, on whichever database runs the tests:
judged queries from each user's point of view must find what they expect in the first five results."""

import pytest
from django.core.management import call_command

from search import relevance


@pytest.fixture
def demo_index(db):
    call_command("load_demo_content")
    call_command("rebuild_search")


def test_judged_queries_find_what_each_user_expects(demo_index, capsys):
    score = relevance.evaluate()
    with capsys.disabled():
        print(f"\n{score}")
        for judgement, urls in score.misses:
            print(f"  missed ({judgement.who}, {judgement.kind}): {judgement.query!r} → {urls}")
    assert score.hits_at_5 >= relevance.TARGET_HITS_AT_5, score


def test_the_suite_covers_every_user_and_kind_of_query():
    judgements = relevance.JUDGEMENTS
    assert len(judgements) >= 40
    assert {j.who for j in judgements} >= {"commissioner", "employer", "gp", "work coach", "public", "editor"}
    assert {j.kind for j in judgements} >= {"plural", "question", "acronym", "synonym", "typo"}
    acronyms = {j.query.split()[0] for j in judgements if j.kind in ("acronym", "synonym")}
    assert {"IAPT", "ICB", "CCG", "JCP", "IPS"} <= acronyms


ORDINARY_WORDING = [  # what a new user tried on a fresh site, and what they expected to find
    ("line manager", (relevance.SHIFT,)),
    ("work coach", relevance.JCP_FORMS),
    ("webinars", (relevance.WEBINAR,)),
    ("refer a patient", relevance.GP_FORMS),
    ("GP referral form", relevance.GP_FORMS),
    ("how do I refer someone to Bridging the Gap", (relevance.BRIDGING_GP,)),
    ("returning to work after sick leave", (relevance.RETURN_STEP,)),
    ("managing stress", (relevance.HSE_STRESS, relevance.HSE_STANDARDS)),
]


def test_ordinary_wording_finds_what_the_user_expected(demo_index):
    missed = []
    for query, expected in ORDINARY_WORDING:
        urls = [relevance.normalise(url) for url in relevance.top_urls(query)]
        if not set(urls) & set(expected):
            missed.append((query, urls))
    assert not missed
