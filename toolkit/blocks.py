"""StreamField blocks for toolkit step guidance.

On top of the shared blocks (headings, rich text, callouts, images, document links) a step's
guidance can hold do/don't lists, short case studies and downloadable templates (a wellness
action plan, a return-to-work conversation guide…).
"""

from wagtail import blocks

from hub.core.blocks import BaseStreamBlock, DocumentLinkBlock


class DoDontBlock(blocks.StructBlock):
    do = blocks.ListBlock(
        blocks.CharBlock(max_length=250, label="Do"),
        min_num=1,
        help_text="Things to do, one short sentence each.",
    )
    dont = blocks.ListBlock(
        blocks.CharBlock(max_length=250, label="Don't"),
        label="Don't",
        min_num=1,
        help_text="Things to avoid, one short sentence each.",
    )

    class Meta:
        icon = "list-ul"
        template = "toolkit/blocks/do_dont_block.html"
        label = "Do and don't lists"
        description = "Two short lists side by side: what to do and what to avoid."
        preview_value = {
            "do": ["Ask how they are, in private, and listen"],
            "dont": ["Guess at a diagnosis"],
        }


class CaseStudyBlock(blocks.StructBlock):
    title = blocks.CharBlock(
        max_length=120, help_text="What happened, in a few words, e.g. 'A phased return at a bakery'."
    )
    body = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="The story in a few short paragraphs: the situation, what the employer did, what changed.",
    )
    source = blocks.CharBlock(
        max_length=160,
        required=False,
        help_text="Optional: where the case study comes from (never a real person's name without consent).",
    )

    class Meta:
        icon = "openquote"
        template = "toolkit/blocks/case_study_block.html"
        label = "Case study"
        description = "A short real-world example of an employer putting the step into practice."
        preview_value = {
            "title": "A phased return in a small firm",
            "body": "<p>A manager agreed shorter days for four weeks and a weekly check-in.</p>",
        }


class TemplateDocumentBlock(DocumentLinkBlock):
    description = blocks.CharBlock(
        max_length=250,
        required=False,
        help_text="Optional: what the template is for and when to use it.",
    )

    class Meta:
        icon = "doc-full-inverse"
        template = "toolkit/blocks/template_document_block.html"
        label = "Downloadable template"
        description = "A template employers can download and fill in, e.g. a wellness action plan."


class GuidanceStreamBlock(BaseStreamBlock):
    do_dont = DoDontBlock()
    case_study = CaseStudyBlock()
    template_document = TemplateDocumentBlock()
