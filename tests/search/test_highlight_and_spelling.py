"""Snippets are escaped before words are marked; spelling suggestions come from the index's words."""

from search.highlight import excerpt, highlight, snippet
from search.query import parse
from search.spelling import correct_word


def test_text_is_escaped_and_words_marked():
    html = str(highlight('Stress & "pay" <b>', ["stress"]))
    assert html == "<mark>Stress</mark> &amp; &quot;pay&quot; &lt;b&gt;"


def test_marking_never_breaks_an_entity():
    # Searching for "amp" or "quot" must not mark inside the escaped "&amp;" / "&quot;".
    html = str(highlight('Tom & "Jerry" amplifier', ["amp", "quot"]))
    assert html == "Tom &amp; &quot;Jerry&quot; <mark>amplifier</mark>"


def test_word_starts_are_marked_not_middles():
    assert str(highlight("stressful distress", ["stress"])) == "<mark>stressful</mark> distress"


def test_excerpt_is_a_window_around_the_first_match():
    text = "intro " * 100 + "the fit note explained " + "outro " * 100
    window = excerpt(text, ["fit"])
    assert "fit note" in window and window.startswith("… ") and window.endswith(" …")
    assert len(window) < 240


def test_snippet_of_empty_text_is_empty():
    assert str(snippet("", ["x"])) == ""


VOCABULARY = {"stress": 40, "adjustments": 12, "bridging": 3, "briefings": 9, "employer": 30, "support": 25}
BUCKETS = {}
for known in VOCABULARY:
    BUCKETS.setdefault(known[0], []).append(known)


def test_misspellings_are_corrected_from_the_vocabulary():
    assert correct_word("stres", VOCABULARY, BUCKETS) == "stress"
    assert correct_word("adjustmnts", VOCABULARY, BUCKETS) == "adjustments"
    assert correct_word("bridgeing", VOCABULARY, BUCKETS) == "bridging"


def test_known_short_and_far_words_are_left_alone():
    assert correct_word("stress", VOCABULARY, BUCKETS) is None
    assert correct_word("st", VOCABULARY, BUCKETS) is None
    assert correct_word("zebra", VOCABULARY, BUCKETS) is None


def test_suggest_rewrites_only_unknown_words(monkeypatch):
    from search import spelling

    monkeypatch.setattr(spelling, "vocabulary", lambda: (VOCABULARY, BUCKETS))
    assert spelling.suggest(parse("emplyer support")) == "employer support"
    assert spelling.suggest(parse("employer support")) is None


def test_suggestions_work_on_a_machine_that_started_a_moment_ago(content, monkeypatch):
    """The vocabulary's age is measured on the monotonic clock, which counts from boot: a server up
    for less than the vocabulary's lifetime must still read it (a fresh container, a CI machine)."""
    from search import spelling

    monkeypatch.setattr(spelling.time, "monotonic", lambda: 12.0)
    spelling.clear()
    assert spelling.suggest(parse("adjustmnts")) == "adjustments"
