"""Word (.docx) reports: body paragraphs and tables in document order.

Headers, footers, footnotes and comments are left out: like a PDF's running
headers they repeat the title or carry page furniture, not findings.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import ReportError

WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY = "/w:document/w:body"  # XPath of the body in word/document.xml


def read_docx(path: Path) -> str:
    """The text of a .docx file; ReportError with a sentence if it is not a Word file."""
    return "\n".join("\t".join(text for _, text in line) for line in docx_lines(path))


def docx_lines(path: Path) -> list[list[tuple[str, str]]]:
    """The text of a .docx file as lines of (element, text) segments: one segment for a
    paragraph, one a cell for a table row (joined by tabs in the text).

    The element is an XPath into word/document.xml: /w:document/w:body/w:p[34] for
    the body's 34th paragraph, /w:document/w:body/w:tbl[2]/w:tr[3]/w:tc[1] for a
    table cell (a merged cell is the cell that holds its text).
    """
    document = _open(path)
    numbering = _numbering_formats(document)
    counters: dict[tuple[str, str], int] = {}
    lines: list[list[tuple[str, str]]] = []
    paragraphs = tables = 0
    for block in document.iter_inner_content():
        if block.__class__.__name__ == "Table":
            tables += 1
            lines.extend(_table_rows(block, f"{BODY}/w:tbl[{tables}]"))
        else:
            paragraphs += 1
            text = _paragraph_text(block)
            if text:
                marker = _list_marker(block, numbering, counters)
                lines.append([(f"{BODY}/w:p[{paragraphs}]", marker + text)])
    return lines


def _open(path: Path):
    import zipfile

    import docx  # imported here: only .docx reading needs python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile):
        raise ReportError(f"{path.name}: not a Word (.docx) file: it is not a zip package of a document; "
                          "is it damaged, or an old .doc file renamed?") from None
    except (KeyError, ValueError) as exc:
        # a zip of something else: no Word document part, or another kind of Office file
        detail = str(exc).strip("'\"").rstrip(".")
        raise ReportError(f"{path.name}: not a Word (.docx) file ({detail}).") from None
    except Exception as exc:  # noqa: BLE001 - broken XML inside the package
        raise ReportError(f"{path.name}: the Word file could not be read "
                          f"({type(exc).__name__}: {exc}); is it damaged?") from None


def _paragraph_text(paragraph) -> str:
    # a manual line break inside a paragraph is only layout: one paragraph, one line
    return " ".join(paragraph.text.split())


def _table_rows(table, xpath: str) -> list[list[tuple[str, str]]]:
    """One line a row, a segment a cell; a merged cell is read once, nested tables inline."""
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            text = " ".join(" ".join(p.text.split()) for p in cell.paragraphs if p.text.strip())
            cells.append((f"{xpath}/w:tr[{_position(cell._tc.getparent())}]/w:tc[{_position(cell._tc)}]", text))
        if any(text for _, text in cells):
            rows.append(cells)
    return rows


def _position(element) -> int:
    """1-based position of an element among its siblings of the same name, as XPath counts."""
    return 1 + sum(1 for other in element.itersiblings(preceding=True) if other.tag == element.tag)


def _numbering_formats(document) -> dict[tuple[str, str], str]:
    """(numId, level) -> number format ("bullet", "decimal", ...) from the numbering part."""
    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstract = {}
    for node in root.iter(WORD_NS + "abstractNum"):
        levels = {}
        for lvl in node.iter(WORD_NS + "lvl"):
            fmt = lvl.find(WORD_NS + "numFmt")
            levels[lvl.get(WORD_NS + "ilvl")] = fmt.get(WORD_NS + "val") if fmt is not None else "bullet"
        abstract[node.get(WORD_NS + "abstractNumId")] = levels
    formats = {}
    for num in root.iter(WORD_NS + "num"):
        ref = num.find(WORD_NS + "abstractNumId")
        if ref is not None:
            for level, fmt in abstract.get(ref.get(WORD_NS + "val"), {}).items():
                formats[(num.get(WORD_NS + "numId"), level)] = fmt
    return formats


def _list_marker(paragraph, numbering: dict, counters: dict) -> str:
    """"- " for a bulleted paragraph, "N. " for a numbered one (Word keeps the number out of the text)."""
    num_pr = _num_pr(paragraph)
    if num_pr is None:
        return ""
    num_id, level = num_pr
    if num_id == "0":  # numbering switched off
        return ""
    fmt = numbering.get((num_id, level), "bullet")
    if fmt == "decimal":
        counters[(num_id, level)] = counters.get((num_id, level), 0) + 1
        return f"{counters[(num_id, level)]}. "
    return "- "


def _num_pr(paragraph) -> tuple[str, str] | None:
    """The paragraph's (numId, level), set on the paragraph or by its style."""
    p_pr = paragraph._p.pPr
    num_pr = p_pr.numPr if p_pr is not None else None
    style = paragraph.style
    while num_pr is None and style is not None:
        s_pr = style.element.pPr
        num_pr = s_pr.numPr if s_pr is not None else None
        style = style.base_style
    if num_pr is None or num_pr.numId is None:
        return None
    level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
    return str(num_pr.numId.val), str(level)
