"""HTML reports (a saved web page): the main text in reading order.

The standard library's html.parser is enough: a page is read once, in order,
and only block boundaries matter. Scripts, styles, navigation, forms and the
site's banner and footer are dropped; where the page marks its main content
(<main> or role="main"), only that is kept. Headings, paragraphs and list items
are lines of their own, and a table row is one line of tab-separated cells.

Each line (each cell of a row) keeps the element it starts in, as an XPath from
the nearest ancestor with an id: //main[@id='content']/ul[1]/li[2], or from the
root where no ancestor has one: /html/body/div[2]/p[1]. Positions count the
elements as a browser builds them: a <p> or <li> left open ends where the next
block or item starts, and a table row is inside a <tbody>, written or not.
"""
from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

# elements whose content is never report text
SKIP = {"script", "style", "noscript", "template", "svg", "nav", "form", "button", "select",
        "iframe", "object", "head", "footer"}
# elements that end a line (a paragraph, heading, list item, ...)
BLOCKS = {"p", "div", "section", "article", "main", "header", "aside", "blockquote", "address",
          "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "li", "table", "thead",
          "tbody", "tfoot", "caption", "figure", "figcaption", "pre", "hr", "br", "body", "html"}
# an open <p> ends where one of these starts; an open <li>, cell or row where the next starts
CLOSES_P = {"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer", "form",
            "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section",
            "table", "ul"}
CLOSES_SIBLING = {"li": ("li", ("ul", "ol")), "td": ("td", ("tr", "table")), "th": ("th", ("tr", "table")),
                  "tr": ("tr", ("table",)), "dt": ("dt", ("dl",)), "dd": ("dd", ("dl",))}
VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


def read_html(path: Path) -> str:
    """The text of a saved web page."""
    from ..text import decode_text  # the same encoding rules as a .txt file

    raw = path.read_bytes()
    return html_to_text(decode_text(raw, path.name, _declared_charset(raw)))


class _Open:
    """An open element: its name, whether it is dropped or main content, and where it is."""

    __slots__ = ("tag", "dropped", "main", "step", "anchored", "children")

    def __init__(self, tag: str, dropped: bool, main: bool, step: str, anchored: bool):
        self.tag, self.dropped, self.main = tag, dropped, main
        self.step, self.anchored = step, anchored  # anchored: step is //tag[@id='...']
        self.children: Counter[str] = Counter()  # child elements so far, by name


def _step(tag: str, attrs: dict, position: int) -> tuple[str, bool]:
    """The element's XPath step: by its id where it has one XPath can quote, else by position."""
    ident = attrs.get("id")
    if ident and ident.strip() == ident and not ("'" in ident and '"' in ident):
        quote = '"' if "'" in ident else "'"
        return f"//{tag}[@id={quote}{ident}{quote}]", True
    return (tag if tag in ("html", "body") else f"{tag}[{position}]"), False


def html_to_text(markup: str) -> str:
    return "\n".join("\t".join(text for _, text in line) for line in html_lines(markup))


def html_lines(markup: str) -> list[list[tuple[str, str]]]:
    """The page's text as lines of (element, text) segments: one for a heading, paragraph
    or list item, one a cell for a table row (joined by tabs in the text)."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return parser.segments()


def read_html_lines(path: Path) -> list[list[tuple[str, str]]]:
    """html_lines of a saved web page, decoded as read_html decodes it."""
    from ..text import decode_text

    raw = path.read_bytes()
    return html_lines(decode_text(raw, path.name, _declared_charset(raw)))


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
        self.stack: list[_Open] = []  # open elements
        self.top: Counter[str] = Counter()  # elements at the top level, by name
        self.dropping = 0  # how many open elements are dropped
        self.main_depth = 0  # how many open elements are the page's main content
        self.lines: list[list[tuple[str, str]]] = []  # every line of the page, as (element, text) segments
        self.main_lines: list[list[tuple[str, str]]] = []  # the lines inside main content
        self.current: list[str] = []  # text of the line being built
        self.current_at = ""  # the element where the line's text starts
        self.cell: list[str] | None = None  # text of the table cell being built
        self.cell_at = ""
        self.row: list[tuple[str, str]] | None = None  # cells of the table row being built
        self.tables = 0  # open tables: a table inside a cell is read as the cell's text
        self.lists: list[list] = []  # each open list: [ordered?, items so far]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "body" and any(o.tag == "head" for o in self.stack):
            self.handle_endtag("head")  # a page that never closed its <head>
        self._close_implied(tag)
        if tag == "tr" and self.stack and self.stack[-1].tag == "table":
            self.handle_starttag("tbody", [])  # as a browser does: a row is never a table's child
        dropped = self.dropping > 0 or _dropped(tag, attrs)
        is_main = tag == "main" or (attrs.get("role") or "").lower() == "main"
        siblings = self.stack[-1].children if self.stack else self.top
        siblings[tag] += 1
        if tag not in VOID:
            self.stack.append(_Open(tag, dropped, is_main, *_step(tag, attrs, siblings[tag])))
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
        if tag not in (o.tag for o in self.stack):
            return
        while self.stack:
            node = self.stack.pop()
            self.dropping -= node.dropped
            if not node.dropped:
                self._close(node.tag)
            if node.main:
                self._break()
            self.main_depth -= node.main
            if node.tag == tag:
                break

    def _close_implied(self, tag: str):
        """End the elements HTML lets a page leave open: <p> before a block, <li> before the next."""
        if tag in CLOSES_P and self.stack and self.stack[-1].tag == "p":
            self.handle_endtag("p")
        if tag in CLOSES_SIBLING:
            sibling, scopes = CLOSES_SIBLING[tag]
            for node in reversed(self.stack):
                if node.tag in scopes:
                    break
                if node.tag == sibling or (tag in ("td", "th") and node.tag in ("td", "th")):
                    self.handle_endtag(node.tag)
                    break

    def _where(self) -> str:
        """XPath of the innermost open element, from its nearest ancestor with an id."""
        steps = []
        for node in reversed(self.stack):
            steps.append(node.step)
            if node.anchored:
                return "/".join(reversed(steps))
        steps.reverse()
        if steps and steps[0] != "html":  # a page that leaves out <html> or <body> has them all the same
            steps[:0] = ["html"] if steps[0] == "body" else ["html", "body"]
        return "/" + "/".join(steps)

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
        if self.cell is not None:
            if not self.cell_at and text.strip():
                self.cell_at = self._where()
            self.cell.append(text)
        else:
            if not self.current_at and text.strip():
                self.current_at = self._where()
            self.current.append(text)

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
        where, self.current, self.current_at = self.current_at, [], ""
        if text and not re.fullmatch(r"-|\d+\.", text):  # an empty list item
            self._emit([(where, text)])

    def _end_cell(self):
        if self.cell is not None:
            self.row = self.row if self.row is not None else []
            self.row.append((self.cell_at, " ".join("".join(self.cell).split())))
            self.cell, self.cell_at = None, ""

    def _end_row(self):
        self._end_cell()
        if self.row is not None and any(text for _, text in self.row):
            while not self.row[-1][1]:  # trailing empty cells
                self.row.pop()
            self._emit(self.row)
        self.row = None

    def _emit(self, line: list[tuple[str, str]]):
        self.lines.append(line)
        if self.main_depth:
            self.main_lines.append(line)

    def segments(self) -> list[list[tuple[str, str]]]:
        self._end_row()
        self._end_line()
        return self.main_lines or self.lines
