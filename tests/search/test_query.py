"""Query normalisation: whatever is typed becomes a small, safe query; nothing raises."""

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.query import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    AnyOf,
    clean,
    minimum_to_match,
    parse,
    quote_term,
    to_fts5,
    to_search_query,
    with_synonyms,
)


def fts5_accepts(expression):
    """Run the expression against a real FTS5 table: a syntax error raises."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(title, body)")
    db.execute("INSERT INTO t VALUES ('fit note', 'work-related stress at work')")
    return db.execute("SELECT count(*) FROM t WHERE t MATCH ?", [f"{{title body}} : ({expression})"]).fetchone()[0]


def test_words_are_kept_and_quoted_and_any_of_them_may_match():
    parsed = parse("fit note")
    assert parsed.terms == ("fit", "note")
    assert to_fts5(parsed) == '("fit" OR "note")'
    query = to_search_query(parsed)
    assert isinstance(query, AnyOf) and query.minimum == 1


def test_question_words_are_dropped_and_half_the_rest_must_match():
    parsed = parse("how do I refer someone to Bridging the Gap")
    assert parsed.terms == ("refer", "Bridging", "Gap")
    query = to_search_query(parsed)
    assert isinstance(query, AnyOf) and query.minimum == 2
    assert [minimum_to_match(n) for n in (1, 2, 3, 4, 5, 8)] == [1, 1, 2, 3, 3, 6]


def test_a_query_of_nothing_but_common_words_keeps_them():
    assert parse("to be or not to be").terms == ("to", "be", "or", "not")


def test_quoted_phrases_are_required_and_the_other_words_optional():
    parsed = parse('"fit note" employer guidance')
    assert parsed.quoted == ("fit note",)
    assert to_fts5(parsed) == '("fit note" AND ("employer" OR "guidance"))'
    assert parse('"how to"').terms == ("how to",)  # common words inside quotes stay


def test_a_quoted_phrase_is_one_term():
    assert parse('"fit note" employer').terms == ("fit note", "employer")


def test_an_unbalanced_quote_is_ignored():
    parsed = parse('bridging "the gap')
    assert parsed.terms == ("bridging", "gap")
    assert fts5_accepts(to_fts5(parsed)) == 0


def test_inner_quotes_are_doubled_when_quoting():
    assert quote_term('say "hi"') == '"say ""hi"""'


def test_negation_is_binary_not():
    parsed = parse("stress -anxiety NOT depression")
    assert parsed.terms == ("stress",)
    assert parsed.excluded == ("anxiety", "depression")
    assert to_fts5(parsed) == '("stress" NOT ("anxiety" OR "depression"))'


def test_only_negative_terms_leave_nothing_to_search():
    parsed = parse("-stress")
    assert not parsed
    assert to_fts5(parsed) == ""
    assert to_search_query(parsed) is None


def test_operators_typed_as_words_are_dropped():
    assert parse("stress AND work OR NEAR money").terms == ("stress", "work", "money")


def test_lower_case_operator_words_are_ordinary_words():
    assert parse("and or").terms == ("and", "or")  # common words, kept when nothing else is left
    assert to_fts5(parse("and or near")) == '"near"'
    assert parse("work near me").terms == ("work", "near")


def test_autocomplete_star_goes_outside_the_closing_quote():
    assert to_fts5(parse("fit wor*"), prefix_last=True) == '("fit" OR "wor"*)'


def test_terms_without_letters_or_digits_are_dropped():
    assert parse("*** !!! -- 😀 () :").terms == ()


@pytest.mark.parametrize("nasty", ["\x00", "a\x00b", "\x1b[31m", "\u202ework\u202c", "\ufeffstress"])
def test_control_and_format_characters_are_removed(nasty):
    text, _ = clean(nasty)
    assert "\x00" not in text and "\x1b" not in text and "\u202e" not in text and "\ufeff" not in text


def test_long_input_is_cut_at_a_word_boundary_and_flagged():
    parsed = parse("stress " * 2000)
    assert parsed.truncated
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert parsed.text.endswith("stress")
    assert parsed.terms == ("stress",)  # duplicates removed


def test_terms_are_capped():
    parsed = parse(" ".join(f"w{i}" for i in range(500)))
    assert len(parsed.terms) <= MAX_TERMS
    assert parsed.truncated


def test_duplicate_terms_are_dropped_ignoring_case():
    assert parse("Stress stress STRESS work").terms == ("Stress", "work")


def test_blank_input_is_empty():
    for blank in ("", "   ", "\t\n", None):
        assert not parse(blank)


def test_synonyms_expand_a_term_into_alternatives():
    parsed = with_synonyms(parse("IAPT referral"), [["IAPT", "NHS Talking Therapies"]])
    assert to_fts5(parsed) == '(("IAPT" OR "NHS Talking Therapies") OR "referral")'
    query = to_search_query(parsed)
    assert isinstance(query, AnyOf) and len(query.subqueries) == 2  # the term and its synonyms count once


def test_multi_word_synonyms_match_across_terms():
    parsed = with_synonyms(parse("nhs talking therapies"), [["IAPT", "NHS Talking Therapies"]])
    expression = to_fts5(parsed)
    assert expression == '(("nhs" AND "talking" AND "therapies") OR "IAPT")'
    assert fts5_accepts(expression) == 0


def test_search_query_objects_mirror_the_parse():
    from modelsearch.query import And, Not, Phrase, PlainText

    query = to_search_query(parse('"fit note" work -stress'))
    assert isinstance(query, And)
    assert isinstance(query.subqueries[-1], Not)
    inner = query.subqueries[0]
    assert isinstance(inner.subqueries[0], Phrase) and isinstance(inner.subqueries[1], PlainText)


NASTY = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=st.sampled_from(list('"*-()^:+NOTANDORNEAR{}[] \x00\t\u202eé😀ب')), max_size=200),
    st.lists(
        st.sampled_from(['"', "*", "-", "AND", "OR", "NOT", "NEAR", "(", ")", ":", "stress", "fit"]), max_size=600
    ).map(" ".join),
)


@settings(max_examples=600, deadline=None)
@given(NASTY)
def test_any_input_gives_a_valid_fts5_expression(text):
    parsed = with_synonyms(parse(text), [["stress", "work-related stress"], ["fit note", "sick note"]])
    assert len(parsed.text) <= MAX_QUERY_CHARS
    assert len(parsed.terms) + len(parsed.excluded) <= MAX_TERMS
    for prefix in (False, True):
        expression = to_fts5(parsed, prefix_last=prefix)
        if expression:
            fts5_accepts(expression)  # raises sqlite3.OperationalError on a syntax error
        else:
            assert not parsed.terms
