"""Read a report file into one clean text with page offsets.

Every fact a loader finds is a span of `Document.text`, so this module decides
what that text is: for a PDF, the pages' text with running headers, footers and
page numbers dropped, hard-wrapped lines joined back into paragraphs (one
paragraph a line), and sentences broken by a page break rejoined. A plain text
file is taken as it is, bar line endings.
"""
from __future__ import annotations

import bisect
import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError
from .records import Span

SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".htm")

# A report is a few MB at most; a file far bigger is not one, and reading it whole
# would only use up memory. SKG_MAX_REPORT_BYTES overrides the limit.
MAX_REPORT_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    source: str  # the file's name, as records and the graph cite it
    text: str
    page_starts: tuple[int, ...] = ()  # offset in `text` where each page begins
    digest: str = ""  # sha256 of the text: the same report read twice has the same digest
    # (offset in `text`, element) where the text of each element of a Word or HTML
    # source begins: an XPath into word/document.xml or into the page (formats/)
    elements: tuple[tuple[int, str], ...] = ()

    def page_at(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    def element_at(self, offset: int) -> str | None:
        """The element whose text holds `offset` (the one before, for a tab or newline between)."""
        index = bisect.bisect_right(self.elements, offset, key=lambda e: e[0]) - 1
        return self.elements[index][1] if index >= 0 else None

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.page_at(start), self.element_at(start))

    def quote(self, span: Span) -> str:
        return self.text[span.start:span.end]


def read_document(path: str | Path, max_bytes: int | None = None) -> Document:
    """Read a .txt, .pdf, .docx or .html report; raise ReportError with a sentence if it can't be.

    A file bigger than `max_bytes` (default MAX_REPORT_BYTES, or the
    SKG_MAX_REPORT_BYTES environment variable) is refused before it is read.
    """
    path = Path(path)
    if not path.is_file():
        raise ReportError(f"{path}: no such file.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReportError(
            f"{path.name}: unsupported file type {suffix or '(none)'}; give a .txt, .pdf, .docx or .html "
            "report (save an old .doc or .rtf file as .docx)."
        )
    _check_size(path, max_bytes)
    starts: list[int] | tuple = ()
    elements: tuple = ()
    if suffix == ".pdf":
        text, starts = join_pages(_pdf_pages(path))
    elif suffix == ".docx":
        from .formats.docx import docx_lines

        text, elements = join_segments(docx_lines(path))
    elif suffix in (".html", ".htm"):
        from .formats.html import read_html_lines

        text, elements = join_segments(read_html_lines(path))
    else:
        text = _read_txt(path)
    if not text.strip():
        raise ReportError(f"{path.name}: the file has no text to read (is it a scan? only text can be read).")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path.name, text, tuple(starts), digest, elements)


def join_segments(lines: list[list[tuple[str, str]]]) -> tuple[str, tuple[tuple[int, str], ...]]:
    """Lines of (element, text) segments -> the text (segments joined by tabs, lines by
    newlines) and the offset where each segment with text begins, with its element."""
    pieces: list[str] = []
    elements: list[tuple[int, str]] = []
    length = 0
    for number, line in enumerate(lines):
        for index, (element, segment) in enumerate(line):
            separator = ("\n" if number else "") if index == 0 else "\t"
            segment = normalise(segment)
            length += len(separator)
            if segment and element:
                elements.append((length, element))
            pieces.append(separator + segment)
            length += len(segment)
    return "".join(pieces), tuple(elements)


def _check_size(path: Path, max_bytes: int | None):
    if max_bytes is None:
        max_bytes = int(os.environ.get("SKG_MAX_REPORT_BYTES") or MAX_REPORT_BYTES)
    size = path.stat().st_size
    if size == 0:
        raise ReportError(f"{path.name}: the file is empty, so there is no text to read.")
    if size > max_bytes:
        raise ReportError(f"{path.name}: the file is {size / 1e6:,.1f} MB, over the {max_bytes / 1e6:,.1f} MB "
                          "limit for one report (set SKG_MAX_REPORT_BYTES to raise it).")


def document_from_text(text: str, source: str = "report.txt") -> Document:
    """A Document from a string: for tests and for text that comes from elsewhere."""
    text = normalise(text)
    return Document(source, text, (), hashlib.sha256(text.encode("utf-8")).hexdigest())


def normalise(text: str) -> str:
    """Line endings to \\n, no NULs or soft hyphens; everything else kept as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "").replace("\u00ad", "").replace("\ufffe", "-")


def _read_txt(path: Path) -> str:
    return normalise(decode_text(path.read_bytes(), path.name))


# bytes below 32 that are not a tab, line feed, form feed or carriage return
CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def decode_text(raw: bytes, name: str, declared: str | None = None) -> str:
    """Bytes of a text file as text: UTF-16 or UTF-8 by their byte-order mark, else the
    declared encoding, else UTF-8, else Windows-1252 (which covers Latin-1's letters).

    A file with NULs, or with many control characters, is binary, not text.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ReportError(f"{name}: the file says it is UTF-16 text but is not; "
                              "save it again as UTF-8.") from None
    head = raw[:4096]
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))  # counted in C: a Python loop took 0.3 ms
    if b"\x00" in head or controls > len(head) // 100 + 2:
        raise ReportError(f"{name}: this looks like a binary file, not a text report.")
    for encoding in (declared, "utf-8-sig", "cp1252"):
        if encoding:
            try:
                return raw.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    # bytes that neither UTF-8 nor Windows-1252 can read: Latin-1 reads every byte
    return raw.decode("latin-1")


def _pdf_pages(path: Path) -> list[list["Line"]]:
    import pypdfium2 as pdfium  # imported here: only PDF reading needs it

    _check_pdf_complete(path)
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReportError(f"{path.name}: the PDF is encrypted (password-protected); "
                              "save an unprotected copy to read it.") from None
        detail = str(exc).rstrip(".")
        raise ReportError(f"{path.name}: not a readable PDF ({detail}); is it damaged, or not a PDF?") from None
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(_page_lines(textpage, page.get_height()))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def _check_pdf_complete(path: Path):
    """A PDF ends with %%EOF; one without it was cut short (a download stopped part way).

    PDFium reads what it can of a truncated file, so the check is made here: a
    report missing its last pages would give a record missing facts.
    """
    with open(path, "rb") as pdf:
        if b"%PDF" not in pdf.read(1024):  # the header may follow a little junk
            raise ReportError(f"{path.name}: not a readable PDF (it has no %PDF header); is it another kind of file?")
        pdf.seek(max(0, pdf.seek(0, os.SEEK_END) - 2048))
        if b"%%EOF" not in pdf.read():
            raise ReportError(f"{path.name}: not a readable PDF: it is truncated (no end-of-file marker); "
                              "download it again.")


# -- PDF page text into paragraphs ---------------------------------------------
#
# PDFium gives each page's text as lines in reading order, and the box and font
# size of every character. A paragraph break is where the space between two
# lines is wider than the line spacing, where the font size changes (a heading),
# or where a line starts with a bullet or a paragraph number. A wide gap inside a
# line is a table's column break and becomes a tab, as in the text copies of
# reports ("Overall effectiveness<TAB>Good").


@dataclass(frozen=True)
class Line:
    text: str
    left: float
    top: float  # PDF coordinates: y grows up the page
    bottom: float
    size: float  # font size of its first character
    page_height: float
    right: float = 0.0  # where its last character ends


def _page_lines(textpage, page_height: float) -> list[Line]:
    import pypdfium2.raw as pdfium_c

    lines, index = [], 0
    # PDFium counts the "\r\n" it puts between lines as two characters
    for raw_line in textpage.get_text_range().split("\r\n"):
        first = len(raw_line) - len(raw_line.lstrip())
        last = len(raw_line.rstrip()) - 1
        if last >= first:
            left, _, _, top = textpage.get_charbox(index + first, loose=True)
            _, bottom, right, _ = textpage.get_charbox(index + last, loose=True)
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, index + first)
            lines.append(
                Line(_with_tabs(textpage, raw_line, index, size), left, top, bottom, size, page_height, right)
            )
        index += len(raw_line) + 2
    return lines


def _with_tabs(textpage, line: str, offset: int, size: float) -> str:
    """The line with each wide gap between words (a table's column break) as a tab."""
    out = list(line)
    for k in range(1, len(line) - 1):
        if line[k] == " " and line[k - 1] != " " and line[k + 1] != " ":
            gap = textpage.get_charbox(offset + k + 1, loose=True)[0] - textpage.get_charbox(
                offset + k - 1, loose=True
            )[2]
            if gap > max(30.0, 3 * size):
                out[k] = "\t"
    return normalise("".join(out)).strip()


_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$", re.I)
_BULLET = re.compile(r"^\s*[\u2022\u25cf\u25aa\u25fc\u25a0\u25e6\uf0a7\uf0b7\uf06e\uf0d8\uf0fc\u27a2\u2013•▪◦◼-]\s*")
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\.(?:\d{1,2}\.?)?|\(?[a-z]\)|[ivx]{1,4}\.)\s+\S")
_SENTENCE_END = re.compile(r"[.:;!?)\]’'\"”]\s*$")


def _shape(text: str) -> str:
    """A line with its numbers blanked: running headers differ only by page number."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _running_shapes(pages: list[list[Line]]) -> set[str]:
    """Shapes of lines at the top or bottom of at least half the pages (3 or more)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(l.text) for l in lines[:2] + lines[-2:]})
    return {s for s, n in counts.items() if n >= max(3, len(pages) // 2) and s not in ("", "#")}


def _in_margin(line: Line, share: float = 0.08) -> bool:
    return line.top > line.page_height * (1 - share) or line.top < line.page_height * share


def _content(lines: list[Line], running: set[str]) -> list[Line]:
    """The page's lines less page numbers and running headers and footers.

    A lone number is a page number where it is printed near an edge of the page
    or comes first or last in the page's text (letters print it there).
    """
    kept = []
    for line in lines:
        at_end = line is lines[0] or line is lines[-1]
        if _PAGE_NUMBER.match(line.text) and (at_end or _in_margin(line, 0.12)):
            continue
        if _shape(line.text) in running and (at_end or _in_margin(line)):
            continue
        kept.append(line)
    return kept


def _starts_block(line: Line) -> bool:
    return bool(_BULLET.match(line.text) or _NUMBERED.match(line.text))


def _same_paragraph(prev: Line, line: Line) -> bool:
    """Is `line` the next line of the paragraph that `prev` ends, on the same page?"""
    if _starts_block(line) or abs(prev.size - line.size) > 0.6:
        return False
    pitch = prev.top - line.top
    return 0 < pitch <= 1.75 * max(prev.size, line.size)


def _beside(first: Line, prev: Line, line: Line) -> bool:
    """Is `line` a table cell to the right of the paragraph that began with `first`?

    A table row whose first cell wraps onto two lines comes out as the wrapped
    cell, then the next cell, which starts back up at the row's first line.
    """
    return line.left - first.left > 100 and first.top + line.size >= line.top >= prev.bottom - 2


def _continues_across_pages(paragraph: str, last: Line, margin: float, line: Line) -> bool:
    """A sentence broken by a page break: no full stop before it, and no new block after.

    After a capital ("... the use of Multi-Agency / Risk Assessment Conferences")
    only where the page's last line of body text ran on to the right margin: a
    paragraph's own last line stops short, a wrapped line fills the measure.
    """
    if _starts_block(line) or _SENTENCE_END.search(paragraph):
        return False
    if line.text[:1].islower() or paragraph.rstrip().endswith(","):
        return True
    return ("\t" not in paragraph and "\t" not in line.text and abs(last.size - line.size) <= 0.6
            and last.right >= margin - 2 * last.size and len(paragraph) >= 60)


def _bulleted(text: str) -> str:
    return _BULLET.sub("- ", text, count=1) if _BULLET.match(text) else text


def join_pages(pages: list[list[Line]]) -> tuple[str, list[int]]:
    """Join pages of lines into one text of paragraphs; return it and each page's start offset."""
    running = _running_shapes(pages)
    paragraphs: list[str] = []
    starts: list[int] = []
    length = 0  # length of the text made of `paragraphs` so far, with their newlines
    prev: Line | None = None
    para_first: Line | None = None  # the first line of the paragraph being built
    margin = 0.0  # the right edge of the text on the page before
    for lines in pages:
        content = _content(lines, running)
        first = True
        for line in content:
            text = _bulleted(line.text)
            if not first and paragraphs and para_first is not None and _beside(para_first, prev, line):
                paragraphs[-1] += "\t" + text
                length += len(text) + 1
                prev = line
                continue
            if paragraphs and prev is not None and (
                _same_paragraph(prev, line) if not first
                else _continues_across_pages(paragraphs[-1], prev, margin, line)
            ):
                if first:
                    starts.append(length)  # the page begins inside the last paragraph, after the space
                joined = paragraphs[-1] + " " + text
                length += len(joined) - len(paragraphs[-1])
                paragraphs[-1] = joined
            else:
                if first:
                    starts.append(length)
                paragraphs.append(text)
                length += len(text) + 1
                para_first = line
            first = False
            prev = line
        if content:
            margin = max(l.right for l in content)
        if first:
            starts.append(length)  # an empty page
    return "\n".join(paragraphs), starts
