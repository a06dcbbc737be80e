"""HTML reports (a saved web page): the main text in reading order.

The standard library's html.parser is enough: a page is read once, in order,
and only block boundaries matter. Scripts, styles, navigation, forms and the
site's banner and footer are dropped; where the page marks its main content
(<main> or role="main"), only that is kept. Headings, paragraphs and list items
are lines of their own, and a table row is one line of tab-separated cells.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# elements whose content is never report text
SKIP = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "select",
        "iframe", "object", "head", "footer"}
# elements that end a line (a paragraph, heading, list item, ...)
BLOCKS = {"p", "div", "section", "article", "main", "header", "aside", "blockquote", "address",
          "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "li", "table", "thead",
          "tbody", "tfoot", "caption", "figure", "figcaption", "pre", "hr", "br", "body", "html"}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


def read_html(path: Path) -> str:
    """The text of a saved web page."""
    from ..text import decode_text  # the same encoding rules as a .txt file

    raw = path.read_bytes()
    return html_to_text(decode_text(raw, path.name, _declared_charset(raw)))


def html_to_text(markup: str) -> str:
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return parser.text()


def _declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start."""
    match = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", raw[:4096], re.I)
    return match.group(1).decode("ascii").lower() if match else None


def _dropped(tag: str, attrs: dict) -> bool:
    """Script, navigation, a site's banner or cookie notice, hidden text: not the report."""
    role = (attrs.get("role") or "").lower()
    classes = (attrs.get("class") or "").lower()
    return (tag in SKIP or role in ("banner", "navigation", "contentinfo", "search")
            or "cookie" in classes or "hidden" in attrs or attrs.get("aria-hidden") == "true")


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []  # open elements: (tag, dropped?, main?)
        self.dropping = 0  # how many open elements are dropped
        self.main_depth = 0  # how many open elements are the page's main content
        self.lines: list[str] = []  # every line of the page
        self.main_lines: list[str] = []  # the lines inside main content
        self.current: list[str] = []  # text of the line being built
        self.cell: list[str] | None = None  # text of the table cell being built
        self.row: list[str] | None = None  # cells of the table row being built
        self.tables = 0  # open tables: a table inside a cell is read as the cell's text
        self.lists: list[list] = []  # each open list: [ordered?, items so far]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body" and any(t == "head" for t, _, _ in self.stack):
            self.handle_endtag("head")  # a page that never closed its <head>
        dropped = self.dropping > 0 or _dropped(tag, attrs)
        is_main = tag == "main" or (attrs.get("role") or "").lower() == "main"
        if tag not in VOID:
            self.stack.append((tag, dropped, is_main))
            self.dropping += dropped
            self.main_depth += is_main
        if dropped:
            return
        if tag == "table":
            self.tables += 1
            if self.tables == 1:
                self._end_line()
        elif tag in ("td", "th") and self.tables == 1:
            self._end_cell()
            if self.row is None:
                self.row = []
            self.cell = []
        elif tag == "tr" and self.tables == 1:
            self._end_row()
            self.row = []
        elif tag in BLOCKS:
            self._break()
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            self._text(self._list_marker())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        # close up to the matching open element: HTML leaves some elements unclosed
        if tag not in (t for t, _, _ in self.stack):
            return
        while self.stack:
            name, dropped, is_main = self.stack.pop()
            self.dropping -= dropped
            if not dropped:
                self._close(name)
            if is_main:
                self._break()
            self.main_depth -= is_main
            if name == tag:
                break

    def handle_data(self, data):
        if not self.dropping:
            self._text(data)

    def _close(self, tag: str):
        if tag == "table":
            self.tables -= 1
            if self.tables == 0:
                self._end_row()
        elif tag in ("td", "th") and self.tables == 1:
            self._end_cell()
        elif tag == "tr" and self.tables == 1:
            self._end_row()
        elif tag in BLOCKS:
            self._break()
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()

    def _text(self, text: str):
        (self.cell if self.cell is not None else self.current).append(text)

    def _break(self):
        """A block boundary: a new line, or within a table cell only a space."""
        if self.cell is not None:
            self.cell.append(" ")
        else:
            self._end_line()

    def _list_marker(self) -> str:
        if not self.lists:
            return "- "
        self.lists[-1][1] += 1
        ordered, count = self.lists[-1]
        return f"{count}. " if ordered else "- "

    def _end_line(self):
        text = " ".join("".join(self.current).split())
        self.current = []
        if text and not re.fullmatch(r"-|\d+\.", text):  # an empty list item
            self._emit(text)

    def _end_cell(self):
        if self.cell is not None:
            self.row = self.row if self.row is not None else []
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None

    def _end_row(self):
        self._end_cell()
        if self.row is not None and any(self.row):
            self._emit("\t".join(self.row).rstrip("\t"))
        self.row = None

    def _emit(self, line: str):
        self.lines.append(line)
        if self.main_depth:
            self.main_lines.append(line)

    def text(self) -> str:
        self._end_row()
        self._end_line()
        return "\n".join(self.main_lines or self.lines)
