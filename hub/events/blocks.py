"""Blocks for events: what the event left behind (report, recording, slides)."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class EventOutputBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("report", "Report"), ("recording", "Recording"), ("slides", "Slides"), ("other", "Other")],
        default="report",
        help_text="What it is; shown before the title so readers know what they will get.",
    )
    title = blocks.CharBlock(max_length=200, help_text="The output's title, e.g. 'Round table report'.")
    description = blocks.CharBlock(
        max_length=300, required=False, help_text="Optional: a sentence on what it covers or how long it is."
    )
    page = blocks.PageChooserBlock(
        required=False, help_text="A page on this site, e.g. the report published as a briefing page."
    )
    document = DocumentChooserBlock(
        required=False, help_text="Or a file to download (slides, a PDF report); its format and size are shown."
    )
    url = blocks.URLBlock(required=False, help_text="Or a link elsewhere, e.g. the recording on a video site.")

    class Meta:
        icon = "doc-full"
        template = "events/blocks/event_output_block.html"
        label = "Output"
        description = "Something the event produced: a report, a recording or slides, as a page, file or link."
        preview_value = {
            "kind": "recording",
            "title": "Webinar recording",
            "description": "60 minutes, with captions.",
            "url": "https://example.org/recording",
        }

    def clean(self, value):
        value = super().clean(value)
        if not (value.get("page") or value.get("document") or value.get("url")):
            raise blocks.StructBlockValidationError(
                non_block_errors=ErrorList([ValidationError("Choose a page or a document, or give a link.")])
            )
        return value


class EventOutputsBlock(blocks.StreamBlock):
    output = EventOutputBlock()

    class Meta:
        description = "What the event produced: its report, recording and slides."
