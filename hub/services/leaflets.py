"""A tiny PDF writer for demo leaflets: one or more A4 pages of wrapped text, with a document title
and language set. No dependency needed for a few paragraphs; real leaflets are uploaded by editors."""

import textwrap

LINE_WIDTH = 88  # characters of 11pt Helvetica that fit between 2 cm margins
LINES_PER_PAGE = 48


def _pdf_text(value):
    # Standard fonts use WinAnsi: keep to Latin-1 and escape PDF string delimiters.
    value = value.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    value = value.replace("\u2013", "-").replace("\u2014", "-")
    value = value.encode("latin-1", "replace").decode("latin-1")
    return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _lines(title, paragraphs):
    lines = [("title", title), ("text", "")]
    for paragraph in paragraphs:
        if paragraph.startswith("## "):
            lines += [("heading", paragraph[3:]), ("text", "")]
            continue
        for line in textwrap.wrap(paragraph, LINE_WIDTH) or [""]:
            lines.append(("text", line))
        lines.append(("text", ""))
    return lines


def _page_stream(lines):
    out = ["BT", "56 790 Td"]
    for kind, line in lines:
        font, size, leading = {"title": ("F2", 18, 26), "heading": ("F2", 13, 18)}.get(kind, ("F1", 11, 15))
        out.append(f"/{font} {size} Tf {leading} TL ({_pdf_text(line)}) Tj T*")
    out.append("ET")
    return "\n".join(out).encode("latin-1")


def simple_pdf(title, paragraphs):
    """Bytes of a valid PDF 1.4 document showing ``title`` and ``paragraphs`` ('## ' marks a heading)."""
    lines = _lines(title, paragraphs)
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)] or [[]]
    objects = []  # index i holds object number i + 1

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    pages_obj = add(None)
    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for page_lines in pages:
        stream = _page_stream(page_lines)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                (
                    f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 595 842] "
                    f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >> /Contents {content} 0 R >>"
                ).encode()
            )
        )
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects[pages_obj - 1] = f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode()
    objects[catalog - 1] = (
        f"<< /Type /Catalog /Pages {pages_obj} 0 R /Lang (en-GB) /ViewerPreferences << /DisplayDocTitle true >> >>"
    ).encode()
    info = add(f"<< /Title ({_pdf_text(title)}) /Producer (Work and Wellbeing Hub) >>".encode("latin-1"))

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        info,
        xref,
    )
    return bytes(output)
