"""Findings tables and graded headings of Ofsted reports in the 2009-2013 layouts.

The "Record of main findings" table ("Overall effectiveness<TAB>Adequate" under
scope headings such as "Services for looked after children"), and judgement
headings followed by "Grade 3 (adequate)". Safeguarding and looked after
children reports, protection-of-children reports and the council papers that
quote them share this layout.
"""
from __future__ import annotations

import re

from ..records import Judgement
from ..text import Document
from .common import GRADE_WORDS, LINE_START, lines, parse_grade, strip_markup

# "Overall effectiveness<TAB>Adequate": a label, then a grade ending the line.
_ROW = re.compile(
    rf"^[ \t]*(?:#{{1,6}}[ \t]*)?(?P<area>[^\t\n]*?[^\s:])[ \t]*(?:\t|[ ]{{2,}}|:|[ ])[ \t]*\**(?P<grade>{GRADE_WORDS})\**[ \t]*$",
    re.I,
)
_NOT_A_LABEL = re.compile(r"[.;]|\b(?:is|are|was|were|be|been|as|judged)$", re.I)
_RECORD_HEADING = re.compile(LINE_START + r"Record\s+of\s+main\s+findings\**[ \t]*:?\**[ \t]*$", re.I | re.M)


def clean_label(text: str) -> str:
    """A heading or table label as words: no markdown, no spare blanks."""
    return " ".join(strip_markup(text).lstrip("#* \t").rstrip("*: \t").split())


def scope_of(heading: str, current: str | None) -> str | None:
    """The judgement scope a table's section heading sets ("Services for looked after children")."""
    h = heading.lower()
    if "safeguarding children board" in h or "lscb" in h:
        return "lscb"
    if "looked after" in h or "children in care" in h or "care leavers" in h:
        return "looked-after-children"
    if "safeguarding" in h:
        return "safeguarding"
    return current


def grade_table(doc: Document, start: int = 0, end: int | None = None, min_rows: int = 3):
    """Judgements from runs of "label<TAB>grade" rows, with the scope of their section headings.

    A row may also be a label with its grade alone on the next line (a PDF table
    whose cells came out as lines). A run ends at a line that is neither a row nor
    a short heading (a paragraph); runs of fewer than `min_rows` rows are not tables.
    """
    text = doc.text
    runs, run, scope = [], [], None
    label = None  # (offset, text) of the last short line that was not a row: a label or a heading
    for pos, line in lines(text, start, end):
        plain = strip_markup(line).strip()
        if not plain:
            continue
        m = _ROW.match(line)
        bare = _BARE_GRADE.match(line)
        if m and not _NOT_A_LABEL.search(strip_markup(m.group("area")).strip()) and len(plain) < 200:
            area = clean_label(m.group("area"))
            grade = parse_grade(m.group("grade"))
            run.append(Judgement(area, grade, scope, doc.span(pos + m.start("area"), pos + m.end("grade"))))
            label = None
        elif bare and label:
            a_start = label[0] + len(label[1]) - len(label[1].lstrip())
            area = clean_label(label[1])
            run.append(Judgement(area, parse_grade(bare.group("grade")), scope, doc.span(a_start, pos + bare.end("grade"))))
            label = None
        elif len(plain) < 120 and not plain.endswith("."):
            scope = scope_of(plain, scope)
            label = (pos, line.rstrip())
        else:
            runs.append(run)
            run, scope, label = [], None, None
    runs.append(run)
    return tuple(j for r in runs if len(r) >= min_rows for j in r)


_BARE_GRADE = re.compile(rf"^[ \t]*\**(?P<grade>{GRADE_WORDS})\**[ \t]*$", re.I)


# "Overall effectiveness" / "Grade 3 (adequate)", or "Overall Effectiveness: Grade 3 (Adequate)"
_GRADE_LINE = re.compile(
    LINE_START + rf"(?:(?P<area>[^\n:*]{{3,120}})\**:[ \t]*)?\**Grade\s+\d\s*\(\s*\**(?P<grade>{GRADE_WORDS})\**\s*\)\**[ \t]*$",
    re.I | re.M,
)
_SECTION = re.compile(LINE_START + r"(?:Safeguarding\s+services|Services\s+for\s+looked\s+after\s+children)\**[ \t]*$", re.I | re.M)


def graded_headings(doc: Document, default_scope: str | None = None) -> tuple[Judgement, ...]:
    """Judgements from headings followed by "Grade 3 (adequate)" (when a report has no table)."""
    text = doc.text
    sections = [(m.start(), scope_of(m.group(0), None)) for m in _SECTION.finditer(text)]
    found = []
    for m in _GRADE_LINE.finditer(text):
        if m.group("area"):
            a_start, a_end = m.start("area"), m.end("area")
        else:
            previous = [(p, ln) for p, ln in lines(text, 0, m.start()) if ln.strip()]
            if not previous:
                continue
            p, ln = previous[-1]
            a_start = p + len(ln) - len(ln.lstrip())
            a_end = p + len(ln.rstrip())
        area = clean_label(text[a_start:a_end])
        scope = next((s for p, s in reversed(sections) if p < m.start()), default_scope)
        found.append(Judgement(area, parse_grade(m.group("grade")), scope, doc.span(a_start, m.end())))
    return tuple(found)


def main_findings(doc: Document, default_scope: str | None = None) -> tuple[Judgement, ...]:
    """The "Record of main findings" table; graded headings where the report has no table."""
    heading = _RECORD_HEADING.search(doc.text)
    table = grade_table(doc, heading.end() if heading else 0, min_rows=2 if heading else 3)
    if not table:
        return graded_headings(doc, default_scope)
    if default_scope:
        table = tuple(j if j.scope else Judgement(j.area, j.grade, default_scope, j.evidence) for j in table)
    return table
