"""The registers shipped in data/: councils (ONS GSS), police forces (police.uk), NHS bodies (ODS).

Read once and cached. Rows are plain dicts of the CSV's columns, with the
multi-valued cells (`alt_names`, `variant_names`, ...) split on `|`.
"""
from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib.resources import files

MULTI = ("alt_names", "variant_names", "local_authority_codes", "successor_codes", "replaced_by")


def _rows(name: str) -> tuple[dict, ...]:
    text = files("safeguarding_kg").joinpath("data", name).read_text(encoding="utf-8")
    rows = []
    for row in csv.DictReader(text.splitlines()):
        for key in MULTI:
            if key in row:
                row[key] = [v for v in (row[key] or "").split("|") if v]
        rows.append(row)
    return tuple(rows)


@lru_cache(maxsize=None)
def local_authorities() -> tuple[dict, ...]:
    return _rows("local_authorities.csv")


@lru_cache(maxsize=None)
def police_forces() -> tuple[dict, ...]:
    return _rows("police_forces.csv")


@lru_cache(maxsize=None)
def nhs_organisations() -> tuple[dict, ...]:
    return _rows("nhs_organisations.csv")


def in_force(row: dict, on: str | None) -> bool:
    """Was the register entry open on the ISO date `on` (or at all, if no date)?"""
    if not on:
        return True
    opened, closed = row.get("valid_from") or "", row.get("valid_to") or ""
    return (not opened or opened <= on) and (not closed or on <= closed)


def council_names(row: dict) -> list[str]:
    """Every name a council goes by: its official name, short name and recorded alternatives."""
    names = [row["name"], row.get("short_name") or ""] + row.get("alt_names", [])
    return [n for n in dict.fromkeys(names) if n]


@lru_cache(maxsize=None)
def _council_pattern() -> tuple[re.Pattern, dict[str, list[dict]]]:
    by_name: dict[str, list[dict]] = {}
    for row in local_authorities():
        for name in council_names(row):
            by_name.setdefault(name.lower(), []).append(row)
    alternatives = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(n) for n in alternatives) + r")(?![\w-])", re.I
    )
    return pattern, by_name


def find_councils(text: str, on: str | None = None) -> list[tuple[dict, int, int]]:
    """Councils named in `text`, each with its span, longest names first where they overlap.

    A name shared by entries of different dates (Bedfordshire before and after
    2009) gives the one in force on `on`.
    """
    pattern, by_name = _council_pattern()
    found = []
    for m in pattern.finditer(text):
        rows = by_name[m.group(1).lower()]
        live = [r for r in rows if in_force(r, on)] or rows
        found.append((live[0], m.start(1), m.end(1)))
    return found


def council_by_code(code: str) -> dict | None:
    return next((r for r in local_authorities() if r["code"] == code), None)


def force_for_council(code: str) -> dict | None:
    """The police force whose area covers the council with GSS code `code`."""
    council = council_by_code(code)
    force_id = council.get("police_force_id") if council else None
    return next((f for f in police_forces() if f["code"] == force_id), None)
