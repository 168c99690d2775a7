"""Blocks made for briefings and reports: key figures, attributed quotes, priority actions.

Each renders with the HTML element that says what it is (``<figure>`` + ``<figcaption>`` for a
figure and its label, ``<blockquote>`` for a quote, ``<ol>`` for actions in priority order), so
screen readers announce them properly and the print stylesheet can keep each one on one page.
"""

from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from hub.core.blocks import BaseStreamBlock


class KeyFigureBlock(blocks.StructBlock):
    number = blocks.CharBlock(
        max_length=24,
        help_text="The figure itself, as readers should see it, e.g. '70%' or '£21.3bn'.",
    )
    measure = blocks.CharBlock(
        max_length=200,
        help_text="What the figure measures, in a short phrase, e.g. 'rise in mental health care costs in England'.",
    )
    source = blocks.CharBlock(
        max_length=200,
        help_text="Where the figure comes from (report or organisation and year), so readers can check it.",
    )
    source_url = blocks.URLBlock(
        required=False, help_text="Optional link to the source; shown as a link on screen and as a URL in print."
    )

    class Meta:
        icon = "table"
        template = "briefings/blocks/key_figure_block.html"
        label = "Key figure"
        description = "A number with what it measures and its source, shown large."
        preview_value = {
            "number": "70%",
            "measure": "rise in spending on mental health care in England, 2002/03 to 2009/10",
            "source": "London Mental Health and Employment Partnership",
            "source_url": "",
        }


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, required=False, help_text="Optional level-2 heading, e.g. 'At a glance'."
    )
    figures = blocks.ListBlock(KeyFigureBlock(), min_num=1, help_text="One to four figures read best.")

    class Meta:
        icon = "table"
        template = "briefings/blocks/key_figures_block.html"
        label = "Key figures"
        description = "A row of key figures, each with what it measures and its source."
        preview_value = {
            "heading": "At a glance",
            "figures": [
                {
                    "number": "£21.3bn",
                    "measure": "cost of mental health care in England in 2009/10",
                    "source": "London Mental Health and Employment Partnership",
                },
                {
                    "number": "Up to 30%",
                    "measure": "of primary care workload comes from patients with mental illness",
                    "source": "Dr Haren Patel, GP",
                },
            ],
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(
        help_text="The words quoted, without quotation marks. Keep quotes short; paraphrase long passages."
    )
    person = blocks.CharBlock(max_length=120, help_text="Who said or wrote it (a person or an organisation).")
    role = blocks.CharBlock(
        max_length=200, required=False, help_text="Optional: their role at the time, e.g. 'GP and CCG chair'."
    )
    source_url = blocks.URLBlock(required=False, help_text="Optional link to where the quote was published.")
    paraphrase = blocks.BooleanBlock(
        required=False,
        help_text="Tick when the words are a summary rather than a verbatim quote; readers are told so.",
    )

    class Meta:
        icon = "openquote"
        template = "briefings/blocks/quote_block.html"
        label = "Quote"
        description = "An attributed quote: the words, who said them and their role."
        preview_value = {
            "quote": "Commissioners should make mental health a priority.",
            "person": "Dr Haren Patel",
            "role": "GP",
            "paraphrase": True,
        }


class PriorityActionBlock(blocks.StructBlock):
    action = blocks.TextBlock(help_text="What should be done, starting with a verb, e.g. 'Invest in …'.")
    who = blocks.CharBlock(
        max_length=160, help_text="Who acts, e.g. 'Integrated care boards' or 'GP practices and employers'."
    )

    class Meta:
        icon = "tick"
        label = "Action"
        description = "One action and who should take it."
        preview_value = {"action": "Ask about work at every consultation.", "who": "GP practices"}


class PriorityActionsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, required=False, help_text="Optional level-2 heading, e.g. 'What commissioners can do'."
    )
    actions = blocks.ListBlock(PriorityActionBlock(), min_num=1, help_text="Most important first.")

    class Meta:
        icon = "list-ol"
        template = "briefings/blocks/priority_actions_block.html"
        label = "Priority actions"
        description = "A numbered list of actions in priority order, each saying who acts."
        preview_value = {
            "heading": "Priority actions",
            "actions": [
                {
                    "action": "Offer employment support alongside NHS Talking Therapies.",
                    "who": "Integrated care boards",
                },
                {"action": "Ask about work at every consultation.", "who": "GP practices"},
            ],
        }


class ResourceChooserBlock(SnippetChooserBlock):
    """Chooses a directory resource; loads each list's resources with their organisations in one query."""

    def __init__(self, **kwargs):
        # A string reference: the directory's model lives in another app, which we never import.
        super().__init__("resources.Resource", **kwargs)

    def bulk_to_python(self, values):
        objects = self.model_class.objects.select_related("organisation").in_bulk(values)
        return [objects.get(pk) for pk in values]


class RelatedResourcesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        max_length=120, default="Related resources", help_text="Level-2 heading above the resource cards."
    )
    resources = blocks.ListBlock(
        ResourceChooserBlock(),
        min_num=1,
        help_text="Resources from the directory, shown as cards with their links.",
    )

    class Meta:
        icon = "link"
        template = "briefings/blocks/related_resources_block.html"
        label = "Related resources"
        description = "Cards linking to resources in the directory."
        preview_value = {"heading": "Related resources", "resources": []}


class BriefingStreamBlock(BaseStreamBlock):
    key_figures = KeyFiguresBlock()
    quote = QuoteBlock()
    priority_actions = PriorityActionsBlock()
    related_resources = RelatedResourcesBlock()
