"""From a candidate name to a body: register look-ups on the inspection's date.

`mentions_in(text, ctx)` finds candidate names (orgpatterns), resolves each
(a register entry where there is one: ODS code for an NHS body, police.uk id
for a force, GSS code for a council; otherwise a key made from the name) and
keeps the longest where two overlap. entities.py merges and names them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import registers
from .orgpatterns import HMIC, Candidate, find_candidates, scan_where
from .records import ExtractionRecord
from .registers import name_key

NHS_TRUST_TYPES = ("nhs-trust", "care-trust")
PCT_TYPES = ("primary-care-trust", "care-trust")
REGISTER_TYPE = {"care-trust": "primary-care-trust"}  # a care trust did a PCT's job


@dataclass
class Mention:
    """One resolved mention: which body (key), what it is, and how the report wrote it."""

    key: tuple
    type: str
    start: int
    end: int
    form: str  # the words as written
    code: str | None = None
    name: str | None = None  # a fixed name (register, list), else None: the form decides
    quality: int = 1  # 2: a full name; 1: a plain form; 0: generic ("the LSCB", "police")
    clean: bool = True
    partner: bool | None = None  # a fixed answer from the list of national bodies
    kind: str = ""  # the pattern that found it (a Candidate's kind, "council" or "place"): `skg entities`


def inspection_date(record: ExtractionRecord) -> str | None:
    i = record.inspection
    doc = record.document
    return i.start_date or i.end_date or i.published or (doc.date if doc else None)


# -- Resolving candidates ----------------------------------------------------


class Context:
    """What resolution needs to know: the subject council, its places and the date."""

    def __init__(self, record: ExtractionRecord):
        self.on = inspection_date(record)
        subject = record.subject_authority
        self.subject = subject
        self.row = registers.council_by_code(subject.code) if subject and subject.code else None
        self.places = registers.council_places(self.row) if self.row else []
        if subject and not self.places:
            self.places = [re.sub(r"\s+(County|Borough|City|Metropolitan|District)?\s*Council$", "",
                                  subject.name)]
        self.code = subject.code if subject else None
        force = registers.force_for_council(self.code) if self.code else None
        self.force = force
        self.acronyms: dict[str, tuple] = {}

    def initials(self) -> set[str]:
        out = set()
        for place in self.places:
            words = [w for w in re.split(r"[\s-]+", place) if w]
            if words:
                out |= {"".join(w[0] for w in words).lower(), words[0][0].lower()}
        return out

    def board_owner(self, place: str) -> str | None:
        """Whose board a place-qualified board name is: the subject's, another council's, or None."""
        place = re.sub(r"^(?:the|Local)\s+|\s+Local$|['\u2019]s$", "", place.strip(), flags=re.I)
        if not place or place.lower() == "local":
            return self.code or "subject"
        if any(place.lower() == p.lower() for p in self.places):
            return self.code or "subject"
        found = registers.find_councils(place, self.on)
        if found and found[0][2] - found[0][1] == len(place):
            return found[0][0]["code"]
        return None


def _drop_leading(text: str, head: str):
    """The name, then the name without its first word, ... while some head words remain."""
    words = head.split()
    for i in range(len(words)):
        yield " ".join(words[i:]) + text[len(head):]


def resolve(c: Candidate, ctx: Context) -> Mention | None:
    kind = c.kind
    if kind == "nhs-trust" and c.info.get("service"):
        return _nhs_service(c, ctx)
    if kind == "nhs-trust":
        return _nhs(c, ctx, NHS_TRUST_TYPES, "nhs-trust", keep_unknown=True)
    if kind in ("pct", "ccg", "icb"):
        return _commissioner(c, ctx)
    if kind == "nhs-place":
        words = c.text.split()
        for n in range(len(words), 1, -1):
            form = " ".join(words[:n])
            row = registers.nhs_by_name(form, ctx.on) if name_key(form) in registers._nhs_by_key() else None
            if row:
                kind_ = REGISTER_TYPE.get(row["type"], row["type"])
                return Mention(("code", row["code"]), kind_, c.start, c.start + len(form), form, row["code"])
        return None
    if kind == "police":
        for form in _drop_leading(c.text, c.info["head"]):
            row = registers.force_by_name(form)
            if row:
                return Mention(("code", row["code"]), "police-force", c.end - len(form), c.end, form,
                               row["code"], row["name"], 2)
        return None
    if kind == "police-generic":
        force = ctx.force
        if not force:
            return None
        return Mention(("code", force["code"]), "police-force", c.start, c.end, c.text, force["code"],
                       force["name"], 0)
    if kind == "sb":
        return _board(c, ctx)
    if kind == "sb-acronym":
        return _board_acronym(c, ctx)
    if kind == "board":
        form = c.text if any(ch.isupper() for ch in c.text) else c.text.title()
        return Mention(("board", name_key(form)), "partnership-board", c.start, c.end, form,
                       quality=2 if c.clean else 1, clean=c.clean)
    if kind == "listed":
        name = c.info["name"] or c.text
        if c.info["name"] == HMIC:  # fire and rescue services joined its remit on 19 July 2017
            name = "HMICFRS" if (ctx.on or "9999") >= "2017-07-19" else "HMIC"
        return Mention(("listed", name_key(name)), c.info["type"], c.start, c.end, c.text, None,
                       name if c.info["name"] else None, 2, partner=c.info["partner"])
    if kind == "adoption":
        return Mention(("adoption", name_key(c.text)), "adoption-agency", c.start, c.end, c.text, quality=2)
    return None


def _nhs(c: Candidate, ctx: Context, types, default_type: str, keep_unknown: bool) -> Mention | None:
    head = c.info.get("head", "")
    forms = list(_drop_leading(c.text, head)) if head else [c.text]
    if name_key(c.text) in registers._nhs_by_key():
        # the full name is a register name: that body, or (closed) nobody, never a shorter name's
        # ("South Essex Partnership University NHS Foundation Trust" in 2019 is not "Essex ...")
        forms = forms[:1]
    for n, form in enumerate(forms):
        # the name as written may match closely; a shorter form only exactly, else "Mid Essex
        # Hospital Services NHS Trust" (closed by 2023) would become "... Hospital Services NHS Trust"
        if n and name_key(form) not in registers._nhs_by_key():
            continue
        row = registers.nhs_by_name(form, ctx.on, types)
        if row:
            return _nhs_mention(row, c.end - len(form), c.end, form)
    for form in forms if default_type in COMMISSIONER_KINDS else ():
        # A primary care trust or CCG named exactly, after every one was abolished (2013, 2022):
        # the report looks back ("passed from the Southend Clinical Commissioning Group to the
        # ICB"), so the one closed body of that name is meant. Trusts are not looked up so: a
        # closed trust's old name may stand for its successor, and we don't guess which.
        if row := registers.former_nhs_by_name(form, ctx.on, types):
            return _nhs_mention(row, c.end - len(form), c.end, form)
    # an unknown body is kept only by a name that could tell it from others: "the Community
    # Health NHS Trust" or "Mental Health NHS Foundation Trust" is a description, not a name
    if keep_unknown and c.clean and head and registers.distinctive_words(name_key(c.text)):
        return Mention(("name", default_type, name_key(c.text)), default_type, c.start, c.end, c.text,
                       quality=2)
    return None


def _nhs_mention(row: dict, start: int, end: int, form: str) -> Mention:
    kind = REGISTER_TYPE.get(row["type"], row["type"])
    return Mention(("code", row["code"]), kind, start, end, form, row["code"], quality=2)


def _nhs_service(c: Candidate, ctx: Context) -> Mention | None:
    """"East of England Ambulance Service": the register's "... NHS (Foundation) Trust" of that name."""
    for form in _drop_leading(c.text, c.info["head"]):
        for suffix in (" NHS Trust", " NHS Foundation Trust"):
            if name_key(form + suffix) in registers._nhs_by_key():
                if row := registers.nhs_by_name(form + suffix, ctx.on, NHS_TRUST_TYPES):
                    return _nhs_mention(row, c.end - len(form), c.end, form)
    return None


def widen_to_register_name(m: Mention, text: str) -> None:
    """A coded NHS mention cut short at a comma ("Hailsham and Seaford CCG" after "NHS
    Eastbourne,") takes in the words before it that complete one of its register names."""
    if m.code is None or m.type not in NHS_MENTION_TYPES:
        return
    row = registers.nhs_by_code(m.code)
    if not row:
        return
    form_key = name_key(m.form)
    line_start = text.rfind("\n", 0, m.start) + 1
    before = text[max(line_start, m.start - 100):m.start]
    for name in registers.nhs_names(row):
        key = name_key(name)
        if not key.endswith(" " + form_key):
            continue
        missing = key[:-len(form_key)].split()
        words = [r"(?:and|&)" if w == "and" else re.escape(w) for w in missing]
        hit = re.search(r"(?<![\w'\u2019-])" + r"[\s,]+".join(words) + r"[\s,]*$", before, re.I)
        if hit and hit.group()[0].isupper():
            m.start -= len(before) - hit.start()
            m.form = text[m.start:m.end]
            return


COMMISSIONER_KINDS = ("primary-care-trust", "clinical-commissioning-group")
NHS_MENTION_TYPES = {"nhs-trust", "primary-care-trust", "clinical-commissioning-group", "integrated-care-board"}


COMMISSIONER_TYPES = {"pct": ("primary-care-trust", PCT_TYPES),
                      "ccg": ("clinical-commissioning-group", ("clinical-commissioning-group",)),
                      "icb": ("integrated-care-board", ("integrated-care-board",))}


def _commissioner(c: Candidate, ctx: Context) -> Mention | None:
    kind, types = COMMISSIONER_TYPES[c.kind]
    head = c.info.get("head", "")
    if not head:
        return Mention(("generic", kind, bool(c.info.get("plural"))), kind, c.start, c.end, c.text, quality=0)
    if c.info.get("plural"):
        return Mention(("name", kind, name_key(c.text)), kind, c.start, c.end, c.text, quality=2,
                       clean=c.clean)
    return _nhs(c, ctx, types, kind, keep_unknown=True)


def _board(c: Candidate, ctx: Context) -> Mention | None:
    which = "adults" if c.info["adults"] else "children"
    place = c.info["place"]
    if re.search(r"(?:^|\s)(?:and|&)$", place):  # "the LSCB and adult safeguarding board": two boards
        at = len(c.text) - len(c.text[len(place):].lstrip()) if c.text.startswith(place) else 0
        c = Candidate(c.start + at, c.end, c.kind, c.text[at:], c.clean, c.info)
        place = ""
    owner = ctx.board_owner(place)
    words = place.split()
    for i in range(1, len(words)):  # "HDAP and Hertfordshire Safeguarding Adults Board"
        if owner is not None:
            break
        if ctx.board_owner(" ".join(words[i:])) is not None:
            place = " ".join(words[i:])
            owner = ctx.board_owner(place)
            at = re.search(r"\s+".join(map(re.escape, words[i:])), c.text).start()
            c = Candidate(c.start + at, c.end, c.kind, c.text[at:], c.clean, c.info)
    key = ("sb", owner or name_key(place), which)
    if c.info["acronym"]:
        ctx.acronyms[c.info["acronym"]] = key
    # "Essex Local Safeguarding Children Board" is a full name; "Local Safeguarding ..." generic
    quality = 2 if place.replace("Local", "").strip() else 0
    return Mention(key, "safeguarding-board", c.start, c.end, c.text, quality=quality, clean=c.clean)


def _board_acronym(c: Candidate, ctx: Context) -> Mention | None:
    acronym, prefix, place = c.info["acronym"], c.info["prefix"], c.info["place"]
    # a place before it decides whose ("the Hammersmith and Fulham LSCB"), even where the
    # report defined "LSCB" for its own board
    owner = ctx.board_owner(place) if place else None
    if owner:
        key = ("sb", owner, "children")
        quality = 0 if ctx.acronyms.get(acronym) == key else 2  # the defined board's full name names it
        return Mention(key, "safeguarding-board", c.start, c.end, c.text, quality=quality)
    if acronym in ctx.acronyms:
        return Mention(ctx.acronyms[acronym], "safeguarding-board", c.start, c.end, c.text, quality=0)
    if place:
        return None
    if prefix.lower() in ("", "l") or prefix.lower() in ctx.initials():
        return Mention(("sb", ctx.code or "subject", "children"), "safeguarding-board", c.start, c.end,
                       c.text, quality=0)
    return None


def _councils(masked: str, ctx: Context) -> list[Mention]:
    found = []
    for row, start, end in registers.find_councils(masked, ctx.on):
        form = masked[start:end]
        if not form[0].isupper():
            continue
        if row["code"] == ctx.code or row.get("replaced_by") == [ctx.code] or (
                ctx.subject and row["name"] == ctx.subject.name):
            name = ctx.subject.name if ctx.subject else row["name"]
            found.append(Mention(("code", ctx.code), "local-authority", start, end, form, ctx.code, name, 2,
                                 kind="council"))
        elif re.search(r"Council|Borough|Corporation", form):
            found.append(Mention(("code", row["code"]), "local-authority", start, end, form, row["code"],
                                 row["name"], 2, kind="council"))
    for place in ctx.places:  # "Southend" for Southend-on-Sea: the subject only
        for m in scan_where(*_place_patterns(place), masked):
            found.append(Mention(("code", ctx.code), "local-authority", m.start(), m.end(), m.group(),
                                 ctx.code, ctx.subject.name, 1, kind="place"))
    return found


@lru_cache(maxsize=1024)
def _place_patterns(place: str) -> tuple[re.Pattern, re.Pattern]:
    """A place's name as a whole name, and the bare name (searched first: the whole-name
    pattern starts with a look-behind, which the engine would try at every position)."""
    return re.compile(r"(?<![\w-])" + re.escape(place) + r"(?![\w-])"), re.compile(re.escape(place))


def mentions_in(text: str, ctx: Context) -> list[Mention]:
    """Every resolved mention in `text`, longest first where two overlap, in text order."""
    candidates = find_candidates(text)
    # boards that define an acronym first, so "(ESCB)" later resolves to them
    candidates.sort(key=lambda c: (c.kind != "sb", c.start))
    resolved = []
    for c in candidates:
        if m := resolve(c, ctx):
            m.kind = c.kind
            widen_to_register_name(m, text)
            resolved.append(m)
    resolved += _councils(text, ctx)
    resolved.sort(key=lambda m: (-(m.end - m.start), -m.quality, m.start))
    kept: list[Mention] = []
    taken = [False] * (len(text) + 1)
    for m in resolved:
        if any(taken[m.start:m.end]):
            continue
        for i in range(m.start, m.end):
            taken[i] = True
        kept.append(m)
    return sorted(kept, key=lambda m: m.start)
