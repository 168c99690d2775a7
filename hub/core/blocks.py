"""StreamField blocks shared by every page type.

Each app adds its own purpose-made blocks in its own ``blocks.py``; the blocks here are the ones
an editor should find on any page: headings that keep the outline valid, rich text, callouts,
images with alt text and document links.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=120, help_text="Short and descriptive: screen-reader users jump between headings."
    )
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (level 2)"), ("h3", "Sub-heading (level 3)")],
        default="h2",
        help_text="Use level 2 for sections; level 3 only inside a level 2 section, so no level is skipped.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        description = "A section heading that also appears in the page outline."
        preview_value = {"text": "Supporting staff to stay in work", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, required=False, help_text="Optional short title, e.g. 'Did you know?'.")
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ul", "ol"], help_text="A few sentences at most.")

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        description = "A highlighted box for one important point."
        preview_value = {
            "title": "Did you know?",
            "body": "<p>Most people with a common mental health problem are in work.</p>",
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(help_text="The file to download.")
    label = blocks.CharBlock(
        max_length=120, required=False, help_text="Link text; the document's title is used when empty."
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link_block.html"
        description = "A download link that shows the file's format and size."


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul"]


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph_block.html",
        description="Formatted text with links and lists.",
        preview_value="<p>Work can be good for mental health when it is well designed and well managed.</p>",
    )
    callout = CalloutBlock()
    image = ImageBlock(
        template="blocks/image_block.html",
        description="An image with alternative text for people who cannot see it.",
    )
    document = DocumentLinkBlock()
