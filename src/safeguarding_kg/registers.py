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
def _council_index() -> dict[str, list[dict]]:
    """Council rows by each of their names (lower case)."""
    by_name: dict[str, list[dict]] = {}
    for row in local_authorities():
        for name in council_names(row):
            by_name.setdefault(name.lower(), []).append(row)
    return by_name


# A place's name followed by the word for its council: the council ("Barnet Council").
COUNCIL_TAIL = re.compile(r"\s+(?:(?:metropolitan\s+)?(?:borough|city|county|district)\s+)?council\b")


def find_councils(text: str, on: str | None = None) -> list[tuple[dict, int, int]]:
    """Councils named in `text`, each with its span, longest names first where they overlap.

    A name shared by entries of different dates (Bedfordshire before and after
    2009) gives the one in force on `on`; the name of a council abolished by then
    gives its one successor, where it had only one. A name starts a word (after
    neither a word character nor a hyphen) and ends one; at a place where several
    names fit, the longest is taken.
    """
    by_name = _council_index()
    found = []
    lowered = text.lower()
    search, pos = _names_pattern().search, 0
    while m := search(lowered, pos):
        start, end = m.span()
        if start and (lowered[start - 1].isalnum() or lowered[start - 1] in "_-"):  # not a word's start
            pos = start + 1
            continue
        name = m.group()
        if not name.endswith("council") and (tail := COUNCIL_TAIL.match(lowered, end)):
            end = tail.end()  # "Barnet Council", "Wirral Metropolitan Borough Council"
        rows = by_name[name]
        live = [r for r in rows if in_force(r, on)] or [_successor(rows[0], on)]
        live.sort(key=lambda r: r.get("status") == "superseded")  # Sheffield's new code first
        found.append((live[0], start, end))
        pos = end
    return found


@lru_cache(maxsize=None)
def _names_pattern() -> re.Pattern:
    """Every council name (lower case) as one pattern, not followed by a word character or a
    hyphen. Written as a tree of the names' letters, where a longer name is tried before a
    shorter one that ends at the same letter, so the first match at a place is the longest name.
    (A Python loop over every word of a report, looking names up by their first word, took 8 ms.)"""
    return re.compile(_letter_tree(_council_index()) + r"(?![\w-])")


def _letter_tree(words) -> str:
    """A pattern matching exactly `words`, written as a tree of their letters ("b(?:arnet|ury)")
    so the engine reads each letter once instead of trying every word in turn. Where one word
    is the start of another, the longer is tried first."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            branches.append("")  # last: the longer words through this node are tried first
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return pattern(tree)


def _joined(text: str, end: int) -> bool:
    """Does the word at `end` run on (a letter, digit or hyphen), so a name can't end there?"""
    return end < len(text) and (text[end].isalnum() or text[end] in "_-")


def _successor(row: dict, on: str | None) -> dict:
    """A council gone by `on` that had one successor is that successor ("Shropshire County
    Council" in a 2024 report is Shropshire Council); with several (Bedfordshire), itself."""
    successors = row.get("replaced_by", [])
    if len(successors) == 1:
        successor = council_by_code(successors[0])
        if successor and in_force(successor, on):
            return successor
    return row


def council_by_code(code: str) -> dict | None:
    return next((r for r in local_authorities() if r["code"] == code), None)


def force_for_council(code: str) -> dict | None:
    """The police force whose area covers the council with GSS code `code`."""
    council = council_by_code(code)
    force_id = council.get("police_force_id") if council else None
    return next((f for f in police_forces() if f["code"] == force_id), None)


# -- Names to register entries ------------------------------------------------
#
# Reports write a body's name in many forms ("the Princess Alexandra Hospital
# NHS Trust", "Black Country Partnership Foundation Trust", "NHS Dudley"). We
# compare names in one normal form, first exactly against every recorded name,
# then (NHS bodies only) fuzzily, and only among the entries open on the date.

NHS_TYPES = ("nhs-trust", "primary-care-trust", "care-trust", "clinical-commissioning-group",
             "integrated-care-board")


def name_key(name: str) -> str:
    """A name in one normal form: lower case, '&' as 'and', no 'the', no punctuation."""
    text = name.lower().replace("\u2019", "'").replace("&", " and ")
    text = re.sub(r"\bnhs ft\b", "nhs foundation trust", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text).replace("'", "")
    return " ".join(w for w in text.split() if w != "the")


def _all_names(row: dict) -> list[str]:
    return [row["name"]] + row.get("alt_names", []) + row.get("variant_names", [])


def nhs_names(row: dict) -> list[str]:
    """Every recorded and variant name of an NHS register entry."""
    return _all_names(row)


@lru_cache(maxsize=None)
def _nhs_by_code() -> dict[str, dict]:
    return {row["code"]: row for row in nhs_organisations()}


def nhs_by_code(code: str) -> dict | None:
    return _nhs_by_code().get(code)


@lru_cache(maxsize=None)
def _nhs_by_key() -> dict[str, list[dict]]:
    by_key: dict[str, list[dict]] = {}
    for row in nhs_organisations():
        for name in _all_names(row):
            by_key.setdefault(name_key(name), []).append(row)
    return by_key


def _open_on(rows, on, types) -> list[dict]:
    rows = [r for r in rows if r["type"] in types and in_force(r, on)]
    return list({r["code"]: r for r in rows}.values())


def nhs_by_name(name: str, on: str | None = None, types=NHS_TYPES) -> dict | None:
    """The NHS body of one of `types` open on `on` that goes by `name`, or None.

    An exact match (any recorded or variant name) first; else the one candidate
    whose name contains every word of `name` or is very close to it (rapidfuzz),
    clearly ahead of the next. "NHS Dudley" in 2011 is the primary care trust,
    in 2016 the CCG: the date decides.
    """
    key = name_key(name)
    exact = _open_on(_nhs_by_key().get(key, []), on, types)
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        return None  # two bodies open at once under one name: don't guess
    return _nhs_fuzzy(key, on, types)


# Words of NHS names that say what a body does, not which one it is: a mention made
# only of them ("Children's Hospital NHS Foundation Trust", "Hospital Services NHS
# Trust", "the Community Healthcare NHS Trust") names no body in particular.
GENERIC_NHS_WORDS = frozenset(
    "nhs trust trusts foundation ft university teaching hospital hospitals community health healthcare "
    "care mental services service partnership acute general district integrated ambulance childrens "
    "womens children women and of for the clinical commissioning group groups board ccg icb pct primary "
    "local specialist social learning disability disabilities royal county city national".split())


def distinctive_words(key: str) -> set[str]:
    """The words of a name key that tell one NHS body from another (places, proper names)."""
    return set(key.split()) - GENERIC_NHS_WORDS


def former_nhs_by_name(name: str, on: str | None, types=NHS_TYPES) -> dict | None:
    """The one NHS body of `types` that went by exactly `name` and had closed by `on`, when no
    body open on `on` goes by it: "Southend Clinical Commissioning Group" in a 2023 report."""
    if not on:
        return None
    rows = [r for r in _nhs_by_key().get(name_key(name), []) if r["type"] in types]
    if any(in_force(r, on) for r in rows):
        return None
    closed = list({r["code"]: r for r in rows if r.get("valid_to") and r["valid_to"] < on}.values())
    return closed[0] if len(closed) == 1 else None


# The last words of a name say what kind of body it is: a close match must be of that kind
# ("Wirral University Hospital NHS Foundation Trust" is not the CCG "NHS Wirral").
KIND_ENDINGS = (
    (re.compile(r"\b(?:primary care trust|pct)$"), ("primary-care-trust", "care-trust")),
    (re.compile(r"\btrust$"), ("nhs-trust", "care-trust")),
    (re.compile(r"\b(?:ccg|clinical commissioning group)$"), ("clinical-commissioning-group",)),
    (re.compile(r"\b(?:icb|integrated care board)$"), ("integrated-care-board",)),
)


def _types_named(key: str, types) -> tuple:
    for ending, kinds in KIND_ENDINGS:
        if ending.search(key):
            return tuple(t for t in types if t in kinds)
    return tuple(types)


def _nhs_fuzzy(key: str, on: str | None, types) -> dict | None:
    from rapidfuzz import fuzz

    if not distinctive_words(key):
        return None  # "Acute Hospitals NHS Trust": no place or proper name to go by
    types = _types_named(key, types)
    words = set(key.split()) - {"nhs", "trust", "foundation"}
    if len(words) < 2:
        return None  # "Dudley Trust": too little to tell bodies apart
    scores: dict[str, tuple[float, dict]] = {}
    by_key = _nhs_by_key()
    for name_k in _nhs_keys_with(words - FUZZY_FREE_WORDS):
        # every distinctive word the report uses must be in the name
        for row in _open_on(by_key[name_k], on, types):
            score = fuzz.token_set_ratio(key, name_k)
            if score > scores.get(row["code"], (0, None))[0]:
                scores[row["code"]] = (score, row)
    ranked = sorted(scores.values(), key=lambda s: -s[0])
    if not ranked or ranked[0][0] < 90:
        return None
    if len(ranked) > 1 and ranked[1][0] >= ranked[0][0] - 3:
        return None  # two near-equal candidates: ambiguous
    return ranked[0][1]


# words a report may add to a name that the register leaves out
FUZZY_FREE_WORDS = frozenset({"university", "hospital", "hospitals"})


def _nhs_keys_with(words: set[str]) -> list[str]:
    """The NHS name keys that have every one of `words`, in the register's order."""
    index, order = _nhs_word_index()
    keys = set(order) if not words else set.intersection(*(index.get(w, set()) for w in words))
    return sorted(keys, key=order.__getitem__)


@lru_cache(maxsize=None)
def _nhs_word_index() -> tuple[dict[str, set[str]], dict[str, int]]:
    """Each word of the NHS name keys -> the keys with it; each key -> its place in the register."""
    index: dict[str, set[str]] = {}
    order = {}
    for n, name_k in enumerate(_nhs_by_key()):
        order[name_k] = n
        for word in name_k.split():
            index.setdefault(word, set()).add(name_k)
    return index, order


@lru_cache(maxsize=None)
def _force_by_key() -> dict[str, dict]:
    by_key = {}
    for row in police_forces():
        names = _all_names(row) + [row.get("ons_name", "") + " Force"]
        for name in names:
            if name.strip() and name != " Force":
                by_key.setdefault(name_key(name), row)
    return by_key


def force_by_name(name: str) -> dict | None:
    """The police force called `name` ("Essex Police", "West Midlands Force", ...), or None."""
    key = name_key(name)
    key = re.sub(r" (service|force)$", "", key) if key not in _force_by_key() else key
    return _force_by_key().get(key) or _force_by_key().get(key + " police")


def council_places(row: dict) -> list[str]:
    """The place names a council's name is built on: "Southend-on-Sea", "Southend", "Dudley"."""
    places = [row.get("short_name") or ""] + row.get("alt_names", [])
    places = [re.sub(r"\s+(UA|District|City Council|Borough Council|County Council|Council)$", "", p)
              for p in places if p]
    first = re.split(r"[-\s]", places[0])[0] if places else ""
    if first and first not in places and not re.match(r"(North|South|East|West|Central|City|Mid)$", first):
        places.append(first)  # "Southend" for Southend-on-Sea
    return [p for p in dict.fromkeys(places) if p]
