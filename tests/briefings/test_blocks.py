"""Briefing blocks render with the elements that say what they are, and every block helps editors."""

import pytest
from bs4 import BeautifulSoup

from hub.briefings.blocks import (
    BriefingStreamBlock,
    KeyFiguresBlock,
    PriorityActionsBlock,
    QuoteBlock,
    RelatedResourcesBlock,
)


def render(block, value):
    return BeautifulSoup(block.render(block.to_python(value)), "html.parser")


def test_key_figures_are_figures_captioned_with_what_they_measure_and_a_linked_source():
    html = render(
        KeyFiguresBlock(),
        {
            "heading": "Key figures",
            "figures": [
                {
                    "number": "70%",
                    "measure": "rise in mental health care costs",
                    "source": "LMHEP",
                    "source_url": "https://example.org/source",
                },
                {"number": "£21.3bn", "measure": "cost in 2009/10", "source": "LMHEP", "source_url": ""},
            ],
        },
    )
    assert html.h2.get_text() == "Key figures"
    figures = html.select("li > figure.key-figure")
    assert len(figures) == 2
    first = figures[0]
    assert first.select_one(".key-figure__number").get_text() == "70%"
    caption = first.figcaption
    assert "rise in mental health care costs" in caption.get_text()
    assert caption.a["href"] == "https://example.org/source" and caption.a.get_text() == "LMHEP"
    assert figures[1].figcaption.a is None, "no link without a source URL"
    assert "Source: LMHEP" in figures[1].figcaption.get_text(" ", strip=True)


def test_quote_is_a_blockquote_in_a_figure_with_the_speaker_in_the_caption():
    html = render(
        QuoteBlock(),
        {
            "quote": "Put mental health first.",
            "person": "Dr Haren Patel",
            "role": "GP",
            "source_url": "https://example.org/q",
            "paraphrase": False,
        },
    )
    figure = html.select_one("figure.quote")
    assert figure.blockquote.get_text(strip=True) == "Put mental health first."
    assert figure.blockquote["cite"] == "https://example.org/q"
    caption = figure.figcaption
    assert caption.select_one(".quote__person").get_text() == "Dr Haren Patel"
    assert "GP" in caption.get_text()
    assert "Paraphrased" not in caption.get_text()


def test_a_paraphrase_says_so():
    html = render(QuoteBlock(), {"quote": "Words.", "person": "WHO", "role": "", "source_url": "", "paraphrase": True})
    assert html.figcaption.get_text(" ", strip=True).startswith("Paraphrased from WHO")
    assert not html.blockquote.has_attr("cite")


def test_priority_actions_are_an_ordered_list_saying_who_acts():
    html = render(
        PriorityActionsBlock(),
        {
            "heading": "Priority actions",
            "actions": [{"action": "Fund IPS.", "who": "ICBs"}, {"action": "Ask about work.", "who": "GPs"}],
        },
    )
    items = html.select("ol.priority-actions__list > li")
    actions = [item.select_one(".priority-actions__action").get_text() for item in items]
    assert actions == ["Fund IPS.", "Ask about work."]
    assert items[0].select_one(".priority-actions__who").get_text(" ", strip=True) == "Who acts: ICBs"


def test_every_briefing_block_has_a_description_and_a_preview_value():
    own = {
        name: block
        for name, block in BriefingStreamBlock().child_blocks.items()
        if type(block).__module__ == "hub.briefings.blocks"
    }
    assert set(own) == {"key_figures", "quote", "priority_actions", "related_resources"}
    for name, block in own.items():
        assert block.meta.description, f"{name} has no description"
        assert block.meta.preview_value, f"{name} has no preview value"


@pytest.mark.django_db
def test_related_resources_render_as_cards_and_skip_unpublished_ones():
    from resources.models import Organisation, Resource

    mind = Organisation.objects.create(name="Mind")
    live = Resource.objects.create(
        title="Mental health at work", url="https://www.mind.org.uk/workplace/", summary="Advice.", organisation=mind
    )
    draft = Resource.objects.create(
        title="Withdrawn guide", url="https://example.org/old", summary="Old.", organisation=mind, live=False
    )
    block = RelatedResourcesBlock()
    value = block.to_python({"heading": "Related resources", "resources": [live.pk, draft.pk]})
    html = BeautifulSoup(block.render(value), "html.parser")
    cards = html.select("ul.card-list > li.card")
    assert len(cards) == 1
    assert cards[0].a["href"] == "https://www.mind.org.uk/workplace/"
    assert "Mental health at work" in cards[0].h3.get_text()
    assert "Mind" in cards[0].get_text()
