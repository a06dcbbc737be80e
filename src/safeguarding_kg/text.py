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
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .errors import ReportError
from .records import Span

SUFFIXES = (".txt", ".pdf")


@dataclass(frozen=True)
class Document:
    source: str  # the file's name, as records and the graph cite it
    text: str
    page_starts: tuple[int, ...] = ()  # offset in `text` where each page begins
    digest: str = ""  # sha256 of the text: the same report read twice has the same digest

    def page_at(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        return bisect.bisect_right(self.page_starts, offset)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.page_at(start))

    def quote(self, span: Span) -> str:
        return self.text[span.start:span.end]


def read_document(path: str | Path) -> Document:
    """Read a .txt or .pdf report; raise ReportError with a sentence if it can't be."""
    path = Path(path)
    if not path.is_file():
        raise ReportError(f"{path}: no such file.")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        pages = _pdf_pages(path)
        text, starts = join_pages(pages)
    elif suffix == ".txt":
        text, starts = _read_txt(path), ()
    else:
        raise ReportError(
            f"{path.name}: unsupported file type {suffix or '(none)'}; give a .txt or .pdf report."
        )
    if not text.strip():
        raise ReportError(f"{path.name}: the file has no text to read.")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return Document(path.name, text, tuple(starts), digest)


def document_from_text(text: str, source: str = "report.txt") -> Document:
    """A Document from a string: for tests and for text that comes from elsewhere."""
    text = normalise(text)
    return Document(source, text, (), hashlib.sha256(text.encode("utf-8")).hexdigest())


def normalise(text: str) -> str:
    """Line endings to \\n, no NULs or soft hyphens; everything else kept as written."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", "").replace("\u00ad", "").replace("\ufffe", "-")


def _read_txt(path: Path) -> str:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ReportError(f"{path.name}: this looks like a binary file, not a text report.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return normalise(text)


def _pdf_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium  # imported here: only PDF reading needs it

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise ReportError(f"{path.name}: not a readable PDF ({exc}).") from None
    try:
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(normalise(textpage.get_text_range()))
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


# -- PDF page text into paragraphs ---------------------------------------------

_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$", re.I)
_BULLET = re.compile(r"^\s*[\u2022\u25cf\u25aa\uf0b7\uf0a7\u2013•▪◦-]\s*")
_SENTENCE_END = re.compile(r"[.:;!?)\]’'\"”]\s*$")


def _shape(line: str) -> str:
    """A line with its numbers blanked: running headers differ only by page number."""
    return re.sub(r"\d+", "#", line.strip().lower())


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Shapes of lines at the top or bottom of at least half the pages (3 or more)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = [l for l in lines[:3] + lines[-3:] if l.strip()]
        counts.update({_shape(l) for l in edge})
    return {s for s, n in counts.items() if n >= max(3, len(pages) // 2) and s not in ("", "#")}


def _content_lines(page: str, running: set[str]) -> list[tuple[str, bool]]:
    """The page's lines without page numbers and running lines, each with its soft-wrap flag.

    PDFium keeps a trailing space on a line that the layout wrapped, so a line
    ending in a space continues on the next one.
    """
    lines = page.split("\n")
    out = []
    for i, line in enumerate(lines):
        at_edge = i < 3 or i >= len(lines) - 3
        if at_edge and (_PAGE_NUMBER.match(line) or _shape(line) in running):
            continue
        if not line.strip():
            out.append(("", False))
            continue
        out.append((line.rstrip(), line.endswith(" ")))
    return out


def _continues(prev: str, prev_soft: bool, nxt: str) -> bool:
    """Does `nxt` carry on the paragraph that `prev` is part of?"""
    if not prev or not nxt:
        return False
    if _BULLET.match(nxt) or re.match(r"^\s*\d{1,3}\.\s", nxt):
        return False
    starts_lower = nxt.lstrip()[:1].islower()
    if prev_soft:
        return starts_lower or not _SENTENCE_END.search(prev) or len(prev) > 60
    return starts_lower and not _SENTENCE_END.search(prev)


def join_pages(pages: list[str]) -> tuple[str, list[int]]:
    """Join page texts into one text of paragraphs; return it and each page's start offset."""
    split = [p.split("\n") for p in pages]
    running = _running_lines(split)
    paragraphs: list[str] = []  # finished paragraphs
    starts: list[int] = []
    current, soft, length = "", False, 0
    for page in pages:
        page_started = False
        for line, line_soft in _content_lines(page, running):
            line = _BULLET.sub("- ", line) if _BULLET.match(line) else line
            if current and _continues(current, soft, line):
                current = current + " " + line.strip()
                soft = line_soft
                continue
            if current:
                paragraphs.append(current)
                length += len(current) + 1
            if not page_started:
                starts.append(length)
                page_started = True
            current, soft = line.strip(), line_soft
        if not page_started:
            # a page whose lines all continue the last paragraph still begins somewhere
            starts.append(length + len(current))
    if current:
        paragraphs.append(current)
    text = "\n".join(p for p in paragraphs)
    return text, starts
