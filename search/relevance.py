"""The relevance suite: judged queries over the demo content, and how well site search answers them.

Each judgement is a query a real visitor would type, written from one user's point of view, with the
results that must appear in the first five (any one of them counts as a hit). The score is hits@5
(the share of queries with an expected result in the top five) and the mean reciprocal rank (1 for
an expected result first, ½ second… 0 outside the top five). ``tests/search/test_relevance.py``
runs it on every database and fails below :data:`TARGET_HITS_AT_5`; ``manage.py search_benchmark``
prints the same score beside its timings.
"""

from dataclasses import dataclass

from django.test import RequestFactory

TARGET_HITS_AT_5 = 0.9
TOP = 5

BRIDGING = "/services/bridging-the-gap/"
BRIDGING_GP = "/services/bridging-the-gap/gp-referral/"
BRIDGING_JCP = "/services/bridging-the-gap/jobcentre-plus-referral/"
HWS_GP = "/services/health-and-work-service/gp-referral/"
HWS_JCP = "/services/health-and-work-service/jobcentre-plus-referral/"
NOTTS_GP = "/services/notts-fit-for-work/gp-referral/"
GP_FORMS = (BRIDGING_GP, HWS_GP, NOTTS_GP)
JCP_FORMS = (BRIDGING_JCP, HWS_JCP)
COMMISSIONERS = "/briefings/mental-health-and-employment-for-commissioners/"
EMPLOYER_GUIDANCE = "/briefings/supporting-staff-with-mental-health-problems/"
PROJECT_REPORT = "/briefings/good-practice-in-mental-health-and-employment/"
WEBINAR = "/events/webinar-employment-support-in-nhs-talking-therapies/"
ROUND_TABLE = "/events/national-round-table-on-mental-health-and-employment/"
LEARNING_EVENT = "/events/learning-event-for-commissioners-and-system-partners/"
RETURN_STEP = "/toolkit/plan-a-return-to-work/"
ADJUSTMENTS_STEP = "/toolkit/support-at-work/"
SIGNS_STEP = "/toolkit/recognise-the-signs/"
TALK_STEP = "/toolkit/respond-and-talk/"
HELP_STEP = "/toolkit/where-to-get-help/"
HSE_STRESS = "https://www.hse.gov.uk/stress/"
HSE_STANDARDS = "https://www.hse.gov.uk/stress/standards/"
SHIFT = "http://shift.org.uk/files/employers/lmr2009_web.pdf"
FIT_NOTE = "https://www.gov.uk/government/collections/fit-note"
ACCESS_TO_WORK = "https://www.gov.uk/access-to-work"
IPS = "https://ipsgrow.org.uk/"
TALKING_THERAPIES_FINDER = "https://www.nhs.uk/service-search/mental-health/find-an-nhs-talking-therapies-service"
TALKING_THERAPIES_MANUAL = (
    "https://www.england.nhs.uk/publication/the-improving-access-to-psychological-therapies-manual/"
)
ACAS_ADJUSTMENTS = "https://www.acas.org.uk/reasonable-adjustments-for-mental-health"
MHFA = "https://mhfaengland.org/"
NICE = "https://www.nice.org.uk/guidance/ng212"
WAP = (
    "https://www.mind.org.uk/workplace/mental-health-at-work/taking-care-of-your-staff/employer-resources/"
    "wellness-action-plan-download/"
)
MENTAL_HEALTH_AT_WORK = "https://www.mentalhealthatwork.org.uk/"
MIND_WORKPLACE = "http://www.mind.org.uk/workplace"
SAMARITANS = "https://www.samaritans.org/"
THRIVING = "https://www.gov.uk/government/publications/thriving-at-work-a-review-of-mental-health-and-employers"
BUSINESS_COSTS = "https://www.centreformentalhealth.org.uk/publications/mental-health-work-business-costs-ten-years"


@dataclass(frozen=True)
class Judgement:
    who: str
    query: str
    expected: tuple  # URLs; any one of them in the top five is a hit
    kind: str = "plain"  # what the query tests: plain, plural, question, acronym, synonym, typo, phrase


JUDGEMENTS = [
    # Commissioners (integrated care boards, health and wellbeing boards)
    Judgement("commissioner", "briefing for commissioners", (COMMISSIONERS,)),
    Judgement("commissioner", "ICB", (COMMISSIONERS, LEARNING_EVENT), "acronym"),
    Judgement("commissioner", "CCG briefing", (COMMISSIONERS,), "synonym"),
    Judgement("commissioner", "clinical commissioning groups", (COMMISSIONERS,), "plural"),
    Judgement("commissioner", "integrated care board mental health", (COMMISSIONERS, LEARNING_EVENT)),
    Judgement("commissioner", "cost of mental ill health to employers", (BUSINESS_COSTS, COMMISSIONERS, THRIVING)),
    Judgement("commissioner", "what should commissioners do", (COMMISSIONERS, LEARNING_EVENT), "question"),
    Judgement("commissioner", "IPS", (IPS,), "acronym"),
    Judgement("commissioner", "individual placement and support", (IPS,)),
    Judgement("commissioner", "learning events", (LEARNING_EVENT,), "plural"),
    Judgement("commissioner", "project report good practice", (PROJECT_REPORT,)),
    Judgement("commissioner", "Thriving at Work review", (THRIVING,)),
    # Employers, line managers, HR
    Judgement("employer", "line manager", (SHIFT, EMPLOYER_GUIDANCE), "plural"),
    Judgement("employer", "line managers", (SHIFT, EMPLOYER_GUIDANCE)),
    Judgement("employer", "managing stress", (HSE_STRESS, HSE_STANDARDS), "plural"),
    Judgement("employer", "stress management standards", (HSE_STANDARDS,)),
    Judgement("employer", "reasonable adjustment", (ADJUSTMENTS_STEP, ACAS_ADJUSTMENTS), "plural"),
    Judgement("employer", "returning to work after sick leave", (RETURN_STEP,), "question"),
    Judgement("employer", "how do I talk to an employee about their mental health", (TALK_STEP,), "question"),
    Judgement("employer", "signs of stress in staff", (SIGNS_STEP, HSE_STRESS)),
    Judgement("employer", "wellness action plans", (WAP,), "plural"),
    Judgement("employer", "employer toolkit", ("/toolkit/",)),
    Judgement("employer", "mental health first aid", (MHFA,)),
    Judgement("employer", "sick note", (FIT_NOTE,), "synonym"),
    Judgement("employer", "NICE guideline workplace wellbeing", (NICE,)),
    Judgement("employer", "reasonible adjustmnts", (ADJUSTMENTS_STEP, ACAS_ADJUSTMENTS), "typo"),
    # GPs
    Judgement("gp", "refer a patient", GP_FORMS, "question"),
    Judgement("gp", "GP referral form", GP_FORMS),
    Judgement("gp", "GP referrals", GP_FORMS, "plural"),
    Judgement(
        "gp", "how do I refer someone to Bridging the Gap", (BRIDGING_GP, "/services/bridging-the-gap/"), "question"
    ),
    Judgement("gp", "fit note guidance", (FIT_NOTE,)),
    Judgement("gp", "IAPT", (TALKING_THERAPIES_FINDER, TALKING_THERAPIES_MANUAL, WEBINAR), "synonym"),
    Judgement("gp", "Health and Work Service referral", (HWS_GP, HWS_JCP, "/services/health-and-work-service/")),
    Judgement("gp", "general practice referral", GP_FORMS, "synonym"),
    # Jobcentre Plus work coaches
    Judgement("work coach", "work coach", JCP_FORMS, "plural"),
    Judgement("work coach", "JCP referral", JCP_FORMS, "acronym"),
    Judgement("work coach", "Jobcentre Plus referral form", JCP_FORMS),
    Judgement("work coach", "Access to Work grant", (ACCESS_TO_WORK,)),
    Judgement("work coach", "employment support service Nottinghamshire", ("/services/notts-fit-for-work/",)),
    Judgement("work coach", "jobcentre plus refferal", JCP_FORMS, "typo"),
    # Members of the public
    Judgement("public", "stres at work", (HSE_STRESS, HSE_STANDARDS), "typo"),
    Judgement(
        "public",
        "mentl helth at wrk",
        ("https://www.mentalhealthatwork.org.uk/", "http://www.mind.org.uk/workplace"),
        "typo",
    ),
    Judgement("public", "talking therapy", (TALKING_THERAPIES_FINDER, TALKING_THERAPIES_MANUAL), "plural"),
    Judgement("public", "where can I get help now", (HELP_STEP, SAMARITANS), "question"),
    Judgement("public", "Samaritans", (SAMARITANS,)),
    Judgement("public", "webinars", (WEBINAR,), "plural"),
    Judgement("public", "round table", (ROUND_TABLE,)),
    Judgement("public", '"fit note"', (FIT_NOTE,), "phrase"),
    # Editors
    Judgement("editor", "accessibility statement", ("/accessibility/",)),
    Judgement("editor", "privacy notice", ("/privacy/",)),
    Judgement("editor", "about the hub", ("/about/",)),
]


@dataclass
class Score:
    hits_at_5: float
    mrr: float
    misses: list  # (judgement, the top five URLs)

    def __str__(self):
        return f"relevance: hits@5 {self.hits_at_5:.1%}, MRR {self.mrr:.3f} over {len(JUDGEMENTS)} judged queries"


def top_urls(query, request_factory=None):
    """The URLs of the first :data:`TOP` results the site search page would show for ``query``."""
    from search.service import SearchRequest, SiteSearch

    request = (request_factory or RequestFactory()).get("/search/", {"q": query}, HTTP_HOST="localhost")
    outcome = SiteSearch(request).run(SearchRequest(query=query))
    return [result.url for result in [*outcome.promotions, *outcome.results]][:TOP]


def normalise(url):
    """Page URLs may come back absolute on a multi-site install: compare paths for our own pages."""
    if url.startswith(("http://localhost", "http://testserver")):
        return "/" + url.split("/", 3)[-1]
    return url


def evaluate(judgements=JUDGEMENTS):
    """Run every judged query; returns a :class:`Score`."""
    found, reciprocal, misses = 0, 0.0, []
    for judgement in judgements:
        urls = [normalise(url) for url in top_urls(judgement.query)]
        ranks = [position for position, url in enumerate(urls, start=1) if url in judgement.expected]
        if ranks:
            found += 1
            reciprocal += 1 / ranks[0]
        else:
            misses.append((judgement, urls))
    total = len(judgements) or 1
    return Score(found / total, reciprocal / total, misses)
