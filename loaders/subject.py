"""The subject council of a report: the council it is about.

Every genre names its council first in its title block (the title, the title
line, the cover or the opening paragraphs: where that is, is the genre's to say);
failing that, the council the report names most is taken.
"""
from __future__ import annotations

import re
from collections import Counter

from ..records import Authority
from ..registers import council_by_code, find_councils, in_force

# an email address or web site names a council without being about it
_ADDRESSES = re.compile(r"\S+@\S+|\bwww\.\S+|https?://\S+")


def councils(text: str, on: str | None = None) -> list[tuple[dict, int, int]]:
    """Councils named in `text` (registers.find_councils), leaving out email and web addresses."""
    return find_councils(_without_addresses(text), on=on)


def _without_addresses(text: str) -> str:
    """`text` with its email and web addresses blanked. An address never runs over a line
    break (\\S+), so only lines with "@", "www." or "http" are read: the pattern, which starts
    with \\S+, is slow on a whole report."""
    blank = lambda m: " " * len(m.group(0))  # noqa: E731
    return "\n".join(_ADDRESSES.sub(blank, line) if "@" in line or "www." in line or "http" in line else line
                     for line in text.split("\n"))


def authority(row: dict, on: str | None = None) -> Authority:
    """The council of a register row on the date `on`.

    A council named by a name it no longer had on that date (a county council
    that became a unitary authority) is its one successor.
    """
    if not in_force(row, on) and len(row.get("replaced_by") or []) == 1:
        row = council_by_code(row["replaced_by"][0]) or row
    return Authority(row["name"], row["code"])


def most_named_council(text: str, on: str | None = None) -> Authority | None:
    """The council `text` names most often; on a tie, the one named first."""
    found = councils(text, on)
    if not found:
        return None
    counts = Counter(row["code"] for row, _, _ in found)
    best = max(counts.values())
    row = next(row for row, _, _ in found if counts[row["code"]] == best)
    return authority(row, on)


def subject_council(
    text: str, start: int, end: int | None, on: str | None = None, most_named_from: int | None = 0
) -> Authority | None:
    """The first council named in text[start:end] (the title block); failing that, the one
    named most in text[most_named_from:], or None where `most_named_from` is None."""
    found = councils(text[start:end], on)
    if found:
        return authority(found[0][0], on)
    if most_named_from is None:
        return None
    return most_named_council(text[most_named_from:], on)
