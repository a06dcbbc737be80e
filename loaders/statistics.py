"""Headline statistics a report gives about its area: how many children, looked after, on plans.

Reports state these in a context section ("Service information", "Information
about this local authority area") in the inspectorate's standard phrasing:
"has 298,460 children and young people below the age of 18", "there are 1,575
looked after children", "829 children subject to child protection plans as at
16 September 2011", "At 31 March 2013, 540 children were being looked after".
The first figure for each measure is taken: later ones in the same section are
breakdowns (placed out of area, under five) or earlier years ("a reduction from").
"""
from __future__ import annotations

import re

from ..orgpatterns import folded
from ..records import Statistic
from ..text import Document
from .common import DAY, MONTH, parse_date

NUM = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)"
CHILDREN = r"children(?:\s+and\s+young\s+people)?"

PATTERNS: dict[str, tuple[re.Pattern, ...]] = {
    "children-population": (
        re.compile(rf"\b{NUM}\s+{CHILDREN}\s+(?:below|under|aged)\b", re.I),
        re.compile(rf"\b{NUM}\s+(?:were|are)\s+children\b", re.I),
        re.compile(rf"\bpopulation\s+of\s+(?:approximately\s+|around\s+|about\s+)?{NUM}\s+{CHILDREN}", re.I),
        re.compile(rf"\b{NUM}\s+{CHILDREN}\s+(?:live|living)\s+in\b", re.I),
    ),
    "looked-after-children": (
        re.compile(rf"\b{NUM}\s+looked\s+after\s+children\b", re.I),
        re.compile(rf"\b{NUM}\s+{CHILDREN}\s+(?:were|are)\s+(?:being\s+)?looked\s+after\b", re.I),
        re.compile(rf"\b{NUM}\s+children\s+looked\s+after\b", re.I),
    ),
    "child-protection-plans": (
        re.compile(
            rf"\b{NUM}\s+{CHILDREN}\s+(?:were\s+|are\s+)?(?:the\s+)?(?:subject\s+(?:of|to)|on|with)\s+"
            r"(?:a\s+)?child\s+protection\s+plans?\b",
            re.I,
        ),
    ),
    "fostering-households": (
        re.compile(rf"\b{NUM}\s+(?:approved\s+)?(?:fostering|foster(?:\s+carer)?)\s+households\b", re.I),
    ),
    "care-leavers": (re.compile(rf"\b{NUM}\s+care\s+leavers\b", re.I),),
}

# The section that describes the area, by its standard headings (a contents
# line "Service information<TAB>3" is not the heading: the heading stands alone).
_CONTEXT_HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?\**(?:Service\s+information|Information\s+about\s+this\s+local\s+authority\s+area\d?"
    r"|Local\s+(?:authority\s+)?context)\**[ \t]*:?\**[ \t]*$",
    re.I | re.M,
)
# The first heading after the context section: the judgements begin there.
_CONTEXT_END = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*)?\**(?:Overall\s+effectiveness|Safeguarding\s+services|Services\s+for\s+looked\s+after"
    r"|Other\s+Ofsted\s+inspections|Other\s+information\s+about|Record\s+of\s+main\s+findings"
    r"|Grade\s+\d)",
    re.I | re.M,
)
_DATED = re.compile(rf"\b(?:as\s+(?:at|of)|at|on)\s+{DAY}\s+{MONTH},?\s+\d{{4}}", re.I)


def context_section(text: str, whole_text_if_none: bool = True) -> tuple[int, int]:
    """Where the report describes its area; the whole text (or nothing) if it has no such heading."""
    m = _CONTEXT_HEADING.search(text)
    if not m:
        return (0, len(text)) if whole_text_if_none else (0, 0)
    end = _CONTEXT_END.search(text, m.end())
    return m.end(), end.start() if end else len(text)


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around text[start:end]: bounded by ". " or a line break."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) for p in (". ", "? ", "! ")))
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right


def _date_of(text: str, start: int, end: int) -> str | None:
    """A date the sentence gives the figure ("as at 16 September 2011", "At 31 March 2013,")."""
    s, e = _sentence(text, start, end)
    m = _DATED.search(text, s, e)
    return parse_date(m.group(0)) if m else None


# Each pattern is case-insensitive and starts with \b: the engine would try it at every
# position. Its looser form (a figure as digits and commas, no \b, in the lowered text)
# has a first character to skip ahead by, and the pattern is tried only where it matches.
def _loosened(pattern: re.Pattern) -> re.Pattern | None:
    loose = pattern.pattern.replace(NUM, r"\d[\d,]*").replace(r"\b", "")
    return re.compile(loose) if loose == loose.lower() else None  # lower-case words only


LOOSE = {p: _loosened(p) for patterns in PATTERNS.values() for p in patterns}


def _first_match(pattern: re.Pattern, text: str, lowered: str | None, start: int, end: int):
    """pattern.search(text, start, end), faster: `lowered` is orgpatterns.folded(text)."""
    loose = LOOSE.get(pattern)
    if loose is None or lowered is None:
        return pattern.search(text, start, end)
    pos = start
    while hit := loose.search(lowered, pos, end):
        if m := pattern.match(text, hit.start(), end):
            return m
        pos = hit.start() + 1
    return None


def find_statistics(doc: Document, start: int = 0, end: int | None = None) -> tuple[Statistic, ...]:
    """The first figure for each measure in doc.text[start:end], each with its span and date."""
    text = doc.text
    end = len(text) if end is None else end
    lowered = folded(text)
    found = []
    for measure, patterns in PATTERNS.items():
        matches = [m for p in patterns for m in [_first_match(p, text, lowered, start, end)] if m]
        if not matches:
            continue
        m = min(matches, key=lambda m: m.start())
        value = int(m.group("num").replace(",", ""))
        found.append(
            Statistic(measure, value, _date_of(text, m.start(), m.end()), doc.span(m.start(), m.end()))
        )
    return tuple(sorted(found, key=lambda s: s.evidence.start))


def area_statistics(doc: Document, whole_text_if_none: bool = True) -> tuple[Statistic, ...]:
    """The headline statistics of the report's context section.

    Without that heading, the whole text is read, unless `whole_text_if_none` is
    False (a council paper quotes figures of every kind: only a context section is safe).
    """
    return find_statistics(doc, *context_section(doc.text, whole_text_if_none))
