"""Bulleted and numbered points under a heading: recommendations and points for improvement.

Three readers, because the genres' lists come out of text in three shapes and
each reader is pinned by its genre's tests and golden records (merging them
changes what is read):

  bullets_after / timescale_recommendations
      text copies and the 2009-2013 layouts: one item a bullet line ("-", "•",
      "(a)", "1."), carried on over lower-case lines or after a dangling word;
      timescale headings ("Within three months:") time the items under them.
  bullet_points / improvement_points / unbulleted_points
      flowing PDF text of 2018-on reports and visit letters: a point carries on
      over lines until a heading or finished sentence, several bullets may
      share a line, and Ofsted's letterhead may fall into the middle.
  points_between / points_under
      a region bounded by the next heading (joint inspection letters): split at
      every bullet, or one point per paragraph where the text has no bullets.
"""
from __future__ import annotations

import re

from ..records import Recommendation
from ..text import Document
from .common import LINE_START, lines, parse_timescale, strip_markup

# -- bullet lines and timescale headings (text copies, 2009-2013 layouts) -------------

# "Within three months:", "Within three months of the date of this report:"
_TIMESCALE_HEADING = re.compile(
    LINE_START + r"(?:Immediately|Within\s+(?:three|3|six|6)\s+months(?:\s+of\s+[^:\n]{0,50})?)\**[ \t]*:?\**[ \t]*$",
    re.I,
)
_BULLET = re.compile(r"^[ \t]*(?:[-–•*·▪●◦\uf0b7\uf0a7]|\(?[a-z]\)|\d{1,2}[.)])[ \t]+(?=\S)")
# words a sentence cannot end on: the next paragraph carries on the same item
_DANGLING = re.compile(r"(?:,|\b(?:the|of|and|or|to|a|an|with|for|in|on|by|from|between|that))$", re.I)


def _item(doc: Document, start: int, end: int, timescale: str | None) -> Recommendation:
    text = " ".join(strip_markup(doc.text[start:end]).split())
    return Recommendation(text, timescale, (), doc.span(start, end))


def timescale_recommendations(doc: Document) -> tuple[Recommendation, ...]:
    """Bullets under "Immediately:", "Within three months:", "Within six months:" headings.

    An item carries on over a line (or a page break) that starts in lower case, or
    after a dangling word; any other line ends the list.
    """
    found, timescale, item = [], None, None  # item: [start, end] of the bullet being read
    for pos, line in lines(doc.text):
        plain = line.strip()
        if not plain:
            continue
        if _TIMESCALE_HEADING.match(line):
            if item:
                found.append(_item(doc, *item, timescale))
            timescale, item = parse_timescale(line), None
            continue
        if timescale is None:
            continue
        bullet = _BULLET.match(line)
        if bullet:
            if item:
                found.append(_item(doc, *item, timescale))
            item = [pos + bullet.end(), pos + len(line.rstrip())]
            continue
        previous = doc.text[item[0]:item[1]].rstrip() if item else ""
        if item and (plain[0].islower() or _DANGLING.search(previous)):
            item[1] = pos + len(line.rstrip())
            continue
        if item:
            found.append(_item(doc, *item, timescale))
        timescale, item = None, None
    if item:
        found.append(_item(doc, *item, timescale))
    return tuple(found)


def bullets_after(doc: Document, pos: int) -> tuple[Recommendation, ...]:
    """The bulleted or numbered items that start at `pos` (blank lines between them allowed), no timescale."""
    text, items = doc.text, []
    for line in re.finditer(r"[^\n]*", text[pos:]):
        if not line.group(0).strip():
            continue
        bullet = _BULLET.match(line.group(0))
        if not bullet:
            break
        start, end = pos + line.start() + bullet.end(), pos + line.start() + len(line.group(0).rstrip())
        items.append(Recommendation(" ".join(strip_markup(text[start:end]).split()), None, (), doc.span(start, end)))
    return tuple(items)


# -- flowing PDF points (2018-on reports, visit letters) -------------------------------

BULLET_CHARS = "\u25fc\u25a0\u25aa\u25cf\u2022\uf06e\uf0a7\uf0b7\uf0d8\uf0fc\u25e6"
_BULLET_START = re.compile(rf"[ \t]*(?:[{BULLET_CHARS}]|[-–*](?=\s))[ \t]*")
_MID_BULLET = re.compile(rf"\s*[{BULLET_CHARS}]\s*")
# The 2023 on reports cross-reference each point to the national framework:
# "(Enabler 1)", "(outcome 2, national framework)", "(enabler: leaders drive ..., national framework)".
_FRAMEWORK_TAG = re.compile(r"\s*\((?:enabler|outcome|principle)s?\b[^()]*\)", re.I)
# Ofsted's letterhead, which PDF text can drop into the middle of a page's text.
_LETTERHEAD = re.compile(
    r"(?:Ofsted\s+)?Piccadilly\s+Gate\s+Store\s+Street\s+Manchester\s+M1\s+2WD\s+T:?\s+0300\s+123\s+1231"
    r"\s+Textphone:?\s+0161\s+618\s+8524\s+(?:E:\s+)?enquiries@ofsted\.gov\.uk\s+(?:W:\s+)?www\.gov\.uk/ofsted",
    re.I,
)
_LETTERHEAD_LINE = re.compile(
    r"^\s*(?:Ofsted\s*$|(?:Ofsted\s+)?Piccadilly\s+Gate|Store\s+Street|Manchester\b|M1\s+2WD|T:?\s+0300"
    r"|Textphone|E:\s+enquiries|W:\s+www|enquiries@ofsted|www\.gov\.uk/ofsted)",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?;:)’”\"']\s*$")


def _is_heading(line: str) -> bool:
    """A short capitalised line without closing punctuation: "Findings", "Main findings"."""
    words = line.split()
    return (
        0 < len(words) <= 8
        and line[:1].isupper()
        and not _SENTENCE_END.search(line)
        and not _BULLET_START.match(line)
    )


def bullet_points(text: str, start: int, stop: re.Pattern | None = None) -> list[tuple[int, int]]:
    """Spans of the bulleted points that begin at `start`.

    A line with a bullet starts a point (and bullets in mid-line start more); a line
    without one carries on the point when the point is unfinished, the line starts in
    lower case or a bracket, or a bullet follows it (a second paragraph of a point).
    The list ends at a heading, at other text, or where `stop` matches.
    """
    lines_from = list(lines(text, start))
    points: list[list[int]] = []
    for i, (offset, line) in enumerate(lines_from):
        stripped = line.strip()
        if not stripped or re.fullmatch(r"\d{1,2}", stripped) or _LETTERHEAD_LINE.match(line):
            continue  # blank, a footnote mark, or letterhead
        stop_match = stop.search(line) if stop else None
        if stop_match and stop_match.start() == len(line) - len(line.lstrip()):
            break
        segment_end = offset + (stop_match.start() if stop_match else len(line))
        bullet = _BULLET_START.match(line)
        if bullet:
            points.append([offset + bullet.end(), segment_end])
        elif points and _continues(text, points[-1], stripped, lines_from[i + 1:]):
            points[-1][1] = segment_end
        else:
            break
        if stop_match:
            break
    return [span for p in points for span in _split_mid_line(text, p[0], p[1])]


def _continues(text: str, point: list[int], line: str, rest: list[tuple[int, str]]) -> bool:
    if line[:1].islower() or line[:1] in "(‘'\"":
        return True
    if _is_heading(line):
        return False
    if not _SENTENCE_END.search(text[point[0]:point[1]]):
        return True
    following = next((l for _, l in rest if l.strip() and not _LETTERHEAD_LINE.match(l)), "")
    return bool(_BULLET_START.match(following))


def _split_mid_line(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A point whose line holds further bullets ("... planned. ◼ For most children ...") is several."""
    spans, pos = [], start
    for m in _MID_BULLET.finditer(text, start, end):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for s, e in spans:
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def point_text(raw: str) -> str:
    """A point's words on one line, without letterhead or national framework tags."""
    text = _LETTERHEAD.sub(" ", raw)
    text = _FRAMEWORK_TAG.sub("", text)
    text = " ".join(text.split())
    return re.sub(r"\s+([.,;])", r"\1", text).strip()


def improvement_points(doc: Document, heading: re.Pattern, stop: re.Pattern | None) -> tuple[Recommendation, ...]:
    """The bullets under every `heading` that has bullets under it, as recommendations."""
    recs, seen = [], set()
    for m in heading.finditer(doc.text):
        for s, e in bullet_points(doc.text, _after_heading(doc.text, m.end()), stop):
            text = point_text(doc.text[s:e])
            if len(text) > 3 and s not in seen:
                seen.add(s)
                recs.append(Recommendation(text, None, (), doc.span(s, e)))
    return tuple(recs)


def unbulleted_points(doc: Document, heading: re.Pattern, next_section: re.Pattern) -> tuple[Recommendation, ...]:
    """Points whose bullets the PDF text lost: one a line, between the first `heading` and the
    `next_section` (within 3,000 characters).

    Only a short list of short lines counts; anything else is prose, not points.
    """
    text = doc.text
    found = heading.search(text)
    if not found:
        return ()
    start = _after_heading(text, found.end())
    stop = next_section.search(text, start, start + 3000)
    if not stop:
        return ()
    kept = [
        (offset, line) for offset, line in lines(text, start, stop.start())
        if line.strip() and not re.fullmatch(r"\s*\d{1,2}\s*", line)
    ]
    points: list[list[int]] = []
    for offset, line in kept:
        end = offset + len(line.rstrip())
        first = line.lstrip()[:1]
        if points and (first.islower() or first == "("):
            points[-1][1] = end  # a line the point ran onto
        else:
            points.append([offset, end])
    if not 0 < len(points) <= 15 or any(e - s > 400 for s, e in points):
        return ()
    return tuple(Recommendation(point_text(text[s:e]), None, (), doc.span(s, e)) for s, e in points)


def _after_heading(text: str, pos: int) -> int:
    """Where the points begin: after the heading's punctuation and line end."""
    m = re.compile(r"[ \t]*[?:]?[*_ \t]*\n?").match(text, pos)
    return m.end()


# -- points in a region up to the next heading (joint inspection letters) -------------

# "- " where the reader turned a bullet into a dash; the glyphs where it did not
_REGION_BULLET = re.compile(r"(?m)^[ \t]*-[ \t]+|[\u2022\u25aa\u25a0\u25fc\u25cf\u25e6\ue000-\uf8ff][ \t]*")


def _short_line(line: str) -> bool:
    """A short line without closing punctuation: a subheading or a page number, not a point."""
    line = line.strip()
    return not line or (len(line.split()) <= 10 and not re.search(r"[.;:!?)’”]$", line))


def points_between(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the points between `start` and `end`: one per bullet, or one per paragraph if none."""
    region = doc.text[start:end]
    marks = list(_REGION_BULLET.finditer(region))
    if marks:
        pieces = [(m.end(), marks[i + 1].start() if i + 1 < len(marks) else len(region)) for i, m in enumerate(marks)]
    else:
        pieces, pos = [], 0
        for line in region.split("\n"):
            pieces.append((pos, pos + len(line)))
            pos += len(line) + 1
    spans = []
    for a, b in pieces:
        piece = region[a:b].split("\n")
        while len(piece) > 1 and _short_line(piece[-1]):
            piece.pop()  # a subheading or page number before the next point
        body = "\n".join(piece).rstrip()
        # a bullet's first line is a point however short; an unbulleted short line is a heading
        if body.strip() and (marks or not _short_line(body)):
            spans.append((start + a, start + a + len(body)))
    return spans


def points_under(doc: Document, heading: re.Pattern, next_heading: re.Pattern) -> list[Recommendation]:
    """The points after every `heading`, up to the `next_heading` after it (else the text's end)."""
    out = []
    for m in heading.finditer(doc.text):
        nxt = next_heading.search(doc.text, m.end())
        end = nxt.start() if nxt else len(doc.text)
        for a, b in points_between(doc, m.end(), end):
            out.append(Recommendation(" ".join(doc.text[a:b].split()), None, (), doc.span(a, b)))
    return out
