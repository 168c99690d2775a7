"""Property-based: no query or filter combination gives a server error or an FTS syntax error."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NASTY_WORDS = [
    '"',
    "'",
    "*",
    "-",
    "+",
    "(",
    ")",
    ":",
    "^",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "{title}",
    "title:",
    "\x00",
    "\u202e",
    "\u200f",
    "😀",
    "مرحبا",
    "שלום",
    "日本",
    "%",
    "_",
    "\\",
    "--",
    "/*",
    ";",
    "stress",
    "fit note",
    "work",
    "IAPT",
    "   ",
    "\t",
    "\n",
]
QUERIES = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(NASTY_WORDS), max_size=40).map(" ".join),
    st.lists(st.sampled_from(NASTY_WORDS), max_size=40).map("".join),
    st.just("word " * 600),
    st.just("x" * 10_000),
)
PAGES = st.one_of(st.none(), st.integers(-10, 10**9).map(str), st.text(max_size=12))
FILTERS = st.lists(
    st.one_of(st.sampled_from(["resource", "standardpage", "employers", "gps"]), st.text(max_size=30)), max_size=4
)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES, page=PAGES, types=FILTERS, audiences=FILTERS, extra_q=st.lists(st.text(max_size=20), max_size=2))
def test_the_search_page_never_fails(client, content, query, page, types, audiences, extra_q):
    params = {"q": [query, *extra_q], "type": types, "audience": audiences}
    if page is not None:
        params["page"] = page
    response = client.get("/search/", params)
    assert response.status_code == 200, (query, page, types, audiences)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES)
def test_the_suggest_endpoint_never_fails(client, content, query):
    response = client.get("/search/suggest/", {"q": query}, REMOTE_ADDR="192.0.2.10")
    assert response.status_code in (200, 429)
