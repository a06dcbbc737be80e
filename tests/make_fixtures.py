"""Turn report text (the seed .txt layout) into Word, HTML and PDF files for the tests.

The text layout: paragraphs separated by blank lines, " - " bullets, and table
rows as tab-separated cells. Each writer lays that out as the format would:
Word headings, bulleted list paragraphs and tables; an HTML page with a site
banner, navigation, scripts and a footer around <main>; a PDF with a running
header, a footer with page numbers and the crown copyright line, bullets with a
hanging indent and a two-column table for tab rows.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

BULLET = re.compile(r"^\s*-\s+")
# a short line with no sentence ending is taken as a heading
HEADING = re.compile(r"^[A-Z][^\t.:;]{0,80}$")


def blocks(text: str) -> list[tuple[str, object]]:
    """The text as ("heading"|"para"|"bullet", str) and ("table", [[cell, ...], ...]) blocks."""
    out: list[tuple[str, object]] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        line = line.rstrip()
        if not line.strip():
            continue
        if "\t" in line:
            cells = line.strip().split("\t")
            if out and out[-1][0] == "table":
                out[-1][1].append(cells)
            else:
                out.append(("table", [cells]))
        elif BULLET.match(line):
            out.append(("bullet", BULLET.sub("", line)))
        elif HEADING.match(line.strip()):
            out.append(("heading", line.strip()))
        else:
            out.append(("para", line.strip()))
    return out


# -- Word -------------------------------------------------------------------------


def write_docx(text: str, path: Path, title: str = "Inspection report") -> Path:
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = title  # a running header: must not reach the text
    section.footer.paragraphs[0].text = "© Crown copyright"
    for kind, content in blocks(text):
        if kind == "heading":
            document.add_heading(content, level=2)
        elif kind == "bullet":
            document.add_paragraph(content, style="List Bullet")
        elif kind == "para":
            document.add_paragraph(content)
        else:
            width = max(len(row) for row in content)
            table = document.add_table(rows=0, cols=width)
            for row in content:
                cells = table.add_row().cells
                for cell, value in zip(cells, row):
                    cell.text = value
    document.save(str(path))
    return path


# -- HTML -------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - GOV.UK</title>
<style>body {{ font-family: sans-serif; }}</style>
<script>window.dataLayer = [{{"page": "report"}}];</script></head>
<body><div class="cookie-banner"><p>We use some essential cookies to make this service work.</p></div>
<header role="banner"><a href="/">GOV.UK</a></header>
<nav><ul><li><a href="/">Home</a></li><li><a href="/education">Education, training and skills</a></li></ul></nav>
<main id="content">
{body}
</main>
<footer><p>All content is available under the Open Government Licence v3.0</p></footer>
<script>console.log("loaded");</script></body></html>
"""


def write_html(text: str, path: Path, title: str = "Inspection report", encoding: str = "utf-8") -> Path:
    parts: list[str] = []
    in_list = False
    for kind, content in blocks(text):
        if kind != "bullet" and in_list:
            parts.append("</ul>")
            in_list = False
        if kind == "heading":
            parts.append(f"<h2>{html.escape(content)}</h2>")
        elif kind == "bullet":
            if not in_list:
                parts.append('<ul class="govuk-list govuk-list--bullet">')
                in_list = True
            parts.append(f"  <li>{html.escape(content)}</li>")
        elif kind == "para":
            # a hard-wrapped source line, as web pages are often written
            words = html.escape(content).split(" ")
            half = len(words) // 2
            parts.append("<p>" + " ".join(words[:half]) + "\n   " + " ".join(words[half:]) + "</p>")
        else:
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>\n"
                           for row in content)
            parts.append(f"<table class=\"govuk-table\"><tbody>\n{rows}</tbody></table>")
    if in_list:
        parts.append("</ul>")
    page = PAGE.format(title=html.escape(title), body="\n".join(parts))
    if encoding != "utf-8":
        page = page.replace('charset="utf-8"', f'charset="{encoding}"')
    path.write_bytes(page.encode(encoding))
    return path


# -- PDF --------------------------------------------------------------------------

FONTS = [Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
         Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")]
ASCII_FOR = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "•": "-"}


def unicode_font() -> Path | None:
    return next((f for f in FONTS if f.is_file()), None)


def pdf_safe(text: str) -> str:
    """The text the PDF writer can print: all of it with a Unicode font, else Latin-1 only.

    Tests compare a PDF's record with the record of pdf_safe(text).
    """
    if unicode_font():
        return text
    text = "".join(ASCII_FOR.get(c, c) for c in text)
    return text.encode("latin-1", "replace").decode("latin-1")


def write_pdf(text: str, path: Path, title: str = "Inspection report",
              bullet_at_page_end: str | None = None) -> Path:
    """A report-like PDF of `text`.

    `bullet_at_page_end`: a bullet's text that is started two lines above the
    bottom margin, so that it breaks across a page.
    """
    from fpdf import FPDF

    text = pdf_safe(text)
    font = unicode_font()

    class Report(FPDF):
        def header(self):
            if self.page_no() > 1:  # the title page has the title itself, not a running header
                self.set_font(self.family_name, size=8)
                self.set_y(8)
                self.cell(0, 5, title, align="R")
            self.set_y(28)

        def footer(self):
            self.set_font(self.family_name, size=8)
            self.set_y(-16)
            self.cell(0, 4, str(self.page_no()), align="C")
            self.set_y(-11)
            self.cell(0, 4, "© Crown copyright" if font else "(c) Crown copyright", align="L")

    pdf = Report(format="A4")
    if font:
        pdf.add_font("Body", "", str(font))
        pdf.family_name = "Body"
    else:
        pdf.family_name = "Helvetica"
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_margins(20, 28, 20)
    pdf.add_page()
    for number, (kind, content) in enumerate(blocks(text)):
        if number == 0 and kind == "heading":  # the title, large as on a report's cover
            pdf.set_font(pdf.family_name, size=24)
            pdf.multi_cell(0, 11, content, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
            continue
        if kind == "bullet" and content == bullet_at_page_end:
            pdf.add_page() if pdf.get_y() > pdf.h - 40 else None
            pdf.set_y(pdf.h - 22 - 2 * 5.5)
        _pdf_block(pdf, kind, content)
    pdf.output(str(path))
    return path


def _pdf_block(pdf, kind: str, content) -> None:
    if kind == "heading":
        pdf.set_font(pdf.family_name, size=14)
        pdf.multi_cell(0, 7, content, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    elif kind == "para":
        pdf.set_font(pdf.family_name, size=11)
        pdf.multi_cell(0, 5.5, content, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    elif kind == "bullet":
        pdf.set_font(pdf.family_name, size=11)
        y_before, page_before = pdf.get_y(), pdf.page
        pdf.set_x(25)
        pdf.cell(5, 5.5, "•" if pdf.family_name == "Body" else "-")
        if pdf.page != page_before:  # pragma: no cover - the cell itself broke the page
            y_before = pdf.get_y()
        pdf.set_xy(30, y_before)
        pdf.multi_cell(0, 5.5, content, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    else:
        _pdf_table(pdf, content)


def _pdf_table(pdf, rows: list[list[str]]) -> None:
    """A table as report PDFs print one: the first column wide, the others narrow."""
    pdf.set_font(pdf.family_name, size=10)
    width = pdf.w - 40
    ncols = max(len(r) for r in rows)
    first = width * (0.7 if ncols == 2 else 0.5)
    others = (width - first) / max(1, ncols - 1)
    for row in rows:
        row = row + [""] * (ncols - len(row))
        widths = [first] + [others] * (ncols - 1)
        heights = [len(pdf.multi_cell(w - 4, 5, c, dry_run=True, output="LINES")) for w, c in zip(widths, row)]
        height = 5 * max(heights) + 3
        if pdf.get_y() + height > pdf.h - 22:
            pdf.add_page()
        top, x = pdf.get_y(), 20
        for w, c in zip(widths, row):
            pdf.set_xy(x + 2, top + 1.5)
            pdf.multi_cell(w - 4, 5, c, align="L")
            x += w
        pdf.set_xy(20, top + height)
    pdf.ln(3)
