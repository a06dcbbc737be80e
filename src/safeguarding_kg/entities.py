"""The organisations a report names, their types and register codes, and the subject's partners.

Pipeline: blank the boilerplate (orgpatterns.mask_boilerplate), find candidate
names (orgpatterns.find_candidates, registers.find_councils), resolve each to a
body (a register entry where there is one, on the inspection's date), keep the
longest where two overlap, merge every mention of one body into one
Organisation named by its fullest form.

Partners of the subject authority (the rule, by type, with evidence):
  - NHS bodies, police forces, voluntary organisations, adoption agencies and
    Cafcass named in the body of the report: partners (the report names them
    because the council works with them);
  - the subject's own safeguarding board or partnership: a partner; another
    area's board is not;
  - another named board or partnership (Health and Wellbeing Board, Improvement
    Board ...): a partner only where a sentence naming it says the council works
    with it ("in cooperation with", "partner organisations", "jointly with");
  - never: the subject itself, other councils (peer reviewers, neighbours),
    regulators, government departments, multi-agency arrangements, forums.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import registers
from .orgpatterns import Candidate, find_candidates, mask_boilerplate
from .records import ExtractionRecord, Organisation
from .registers import name_key

NHS_TRUST_TYPES = ("nhs-trust", "care-trust")
PCT_TYPES = ("primary-care-trust", "care-trust")
REGISTER_TYPE = {"care-trust": "primary-care-trust"}  # a care trust did a PCT's job
PARTNER_TYPES = {"nhs-trust", "primary-care-trust", "clinical-commissioning-group",
                 "integrated-care-board", "police-force", "voluntary-organisation", "adoption-agency"}
NOT_ADDRESSEES = {"local-authority", "regulator", "forum", "multi-agency-arrangement",
                  "government-department"}
# "in cooperation with other partner organisations through the Health and Wellbeing
# Board": the board is what the council works with or through, in one clause.
WORKING_WITH = re.compile(
    r"\b(?:in\s+(?:co-?operation|conjunction|partnership)\s+with|jointly\s+with|together\s+with"
    r"|working\s+with|works\s+with)\b[^,;.]{0,80}$", re.I)


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
        return Mention(("listed", name_key(name)), c.info["type"], c.start, c.end, c.text, None,
                       c.info["name"], 2, partner=c.info["partner"])
    if kind == "adoption":
        return Mention(("adoption", name_key(c.text)), "adoption-agency", c.start, c.end, c.text, quality=2)
    return None


def _nhs(c: Candidate, ctx: Context, types, default_type: str, keep_unknown: bool) -> Mention | None:
    head = c.info.get("head", "")
    for form in _drop_leading(c.text, head) if head else [c.text]:
        row = registers.nhs_by_name(form, ctx.on, types)
        if row:
            kind = REGISTER_TYPE.get(row["type"], row["type"])
            return Mention(("code", row["code"]), kind, c.end - len(form), c.end, form, row["code"], quality=2)
    if keep_unknown and c.clean and head:
        return Mention(("name", default_type, name_key(c.text)), default_type, c.start, c.end, c.text,
                       quality=2)
    return None


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
    quality = 2 if place and place.lower() != "local" and owner is not None or (place and owner is None) else 0
    if not place.replace("Local", "").strip():
        quality = 0
    return Mention(key, "safeguarding-board", c.start, c.end, c.text, quality=quality, clean=c.clean)


def _board_acronym(c: Candidate, ctx: Context) -> Mention | None:
    acronym, prefix, place = c.info["acronym"], c.info["prefix"], c.info["place"]
    if acronym in ctx.acronyms:
        return Mention(ctx.acronyms[acronym], "safeguarding-board", c.start, c.end, c.text, quality=0)
    if place:
        owner = ctx.board_owner(place)
        if owner:
            return Mention(("sb", owner, "children"), "safeguarding-board", c.start, c.end, c.text,
                           quality=2)
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
            found.append(Mention(("code", ctx.code), "local-authority", start, end, form, ctx.code, name, 2))
        elif re.search(r"Council|Borough|Corporation", form):
            found.append(Mention(("code", row["code"]), "local-authority", start, end, form, row["code"],
                                 row["name"], 2))
    for place in ctx.places:  # "Southend" for Southend-on-Sea: the subject only
        for m in re.finditer(r"(?<![\w-])" + re.escape(place) + r"(?![\w-])", masked):
            found.append(Mention(("code", ctx.code), "local-authority", m.start(), m.end(), m.group(),
                                 ctx.code, ctx.subject.name, 1))
    return found


def mentions_in(text: str, ctx: Context) -> list[Mention]:
    """Every resolved mention in `text`, longest first where two overlap, in text order."""
    candidates = find_candidates(text)
    # boards that define an acronym first, so "(ESCB)" later resolves to them
    candidates.sort(key=lambda c: (c.kind != "sb", c.start))
    resolved = [m for c in candidates if (m := resolve(c, ctx))] + _councils(text, ctx)
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


# -- Merging mentions into organisations -------------------------------------------


def _merge_generics(mentions: list[Mention], ctx: Context) -> list[Mention]:
    """"Primary Care Trusts", "the CCG": the one body of that type the report names; else,
    for "the PCT" or "the CCG", the one named after the subject's place on the date; else nobody."""
    out = []
    for m in mentions:
        if m.key[0] != "generic":
            out.append(m)
            continue
        named = {x.key for x in mentions if x.type == m.type and x.key[0] != "generic"}
        if len(named) == 1:
            m.key = named.pop()
            out.append(m)
        elif not named and not m.key[2] and (row := _commissioner_of_subject(m.type, ctx)):
            m.key, m.code, m.name = ("code", row["code"]), row["code"], row["name"]
            out.append(m)
    return out


def _commissioner_of_subject(kind: str, ctx: Context) -> dict | None:
    forms = {"primary-care-trust": ("{} Primary Care Trust", PCT_TYPES),
             "clinical-commissioning-group": ("NHS {} CCG", ("clinical-commissioning-group",))}
    if kind not in forms or not ctx.places:
        return None
    form, types = forms[kind]
    return registers.nhs_by_name(form.format(ctx.places[0]), ctx.on, types)


def _merge_board_names(mentions: list[Mention]) -> None:
    """One board written with and without its first words is one board.

    A form picked up with stray words before it (a signature's person name before
    "Eastern Region ... Programme") joins the clean shorter form; a form without
    its first words ("Children's Partnership") joins the one clean longer form.
    """
    boards = [m for m in mentions if m.key[0] == "board"]
    clean = {m.key for m in boards if m.clean}

    def ends_with(longer: tuple, shorter: tuple) -> bool:
        a, b = longer[1].split(), shorter[1].split()
        return len(a) > len(b) and a[-len(b):] == b

    for m in boards:
        if m.key not in clean:
            shorter = {k for k in clean if ends_with(m.key, k)}
            if len(shorter) == 1:
                m.key = shorter.pop()
    for m in boards:
        longer = {k for k in clean if ends_with(k, m.key)}
        if len(longer) == 1:
            m.key = longer.pop()


def _name(group: list[Mention], ctx: Context) -> str:
    fixed = [m.name for m in group if m.name]
    if fixed:
        return fixed[0]
    def possessive_place(m):  # "Herefordshire's Safeguarding Children's Board"
        return m.type == "safeguarding-board" and re.match(r"\S+['\u2019]s\s", m.form) is not None

    best = max(group, key=lambda m: (m.quality, m.clean, not possessive_place(m), len(m.form)))
    first = group[0]
    if first.type == "safeguarding-board" and best.quality == 0:
        place = ctx.places[0] if ctx.places else ""
        if first.key[2] == "adults":
            return f"{place} Safeguarding Adults Board".strip()
        form = "Partnership" if any(re.search(r"Partnership|SCP", m.form, re.I) for m in group) \
            and not any(re.search(r"Board|SCB", m.form, re.I) for m in group) else "Board"
        return f"{place} Safeguarding Children {form}".strip()
    return re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", best.form) if best.type != "nhs-trust" else best.form


def _sentence_before(text: str, start: int) -> str:
    """The words of the sentence before `start`."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    return text[left + 1:start]


def _is_partner(group: list[Mention], ctx: Context, text: str) -> bool:
    first = group[0]
    if first.partner is not None:
        return first.partner
    if first.type in PARTNER_TYPES:
        return True
    if first.type == "safeguarding-board":
        return first.key[1] in (ctx.code, "subject")
    if first.type == "partnership-board":
        return any(WORKING_WITH.search(_sentence_before(text, m.start)) for m in group)
    return False


def _ofsted(doc_text: str, masked: str, mentions: list[Mention], record: ExtractionRecord) -> list[Mention]:
    """The inspectorate is an organisation of its reports even when only its boilerplate names it."""
    if any(m.key == ("listed", "ofsted") for m in mentions):
        return []
    inspectorate = (record.inspection.inspectorate or "").lower()
    if "ofsted" not in inspectorate and not re.search(r"ofsted", doc_text, re.I):
        return []
    spans = [m.span() for m in re.finditer(r"\bOfsted\b", doc_text)]
    spans = spans or [m.span() for m in re.finditer(r"ofsted", doc_text, re.I)]
    return [Mention(("listed", "ofsted"), "regulator", s, e, doc_text[s:e], None, "Ofsted", 2, partner=False)
            for s, e in spans[:20]]


def find_organisations(doc, record: ExtractionRecord) -> tuple[tuple[Organisation, ...], tuple[str, ...]]:
    """The organisations `doc` names (the subject first) and the names of the subject's partners."""
    ctx = Context(record)
    masked = mask_boilerplate(doc.text)
    mentions = _merge_generics(mentions_in(masked, ctx), ctx)
    _merge_board_names(mentions)
    mentions += _ofsted(doc.text, masked, mentions, record)
    groups: dict[tuple, list[Mention]] = {}
    if ctx.subject:
        groups[("code", ctx.code) if ctx.code else ("subject",)] = []
    for m in sorted(mentions, key=lambda m: m.start):
        groups.setdefault(m.key, []).append(m)
    organisations, partners = [], []
    for key, group in groups.items():
        if not group:  # the subject, not named in the text as we read it
            organisations.append(Organisation(ctx.subject.name, "local-authority", ctx.code))
            continue
        name = " ".join(_name(group, ctx).split())  # a name broken over a line is one name
        code = next((m.code for m in group if m.code), None)
        spans = tuple(doc.span(m.start, m.end) for m in group)
        organisations.append(Organisation(name, group[0].type, code, spans))
        if key != ("code", ctx.code) and _is_partner(group, ctx, masked):
            partners.append(name)
    return tuple(organisations), tuple(dict.fromkeys(partners))


# -- Addressees of a recommendation --------------------------------------------


def addressees(text: str, organisations, record) -> tuple[str, ...]:
    """The organisations a recommendation names as actors ("resolve, with Essex Police, ...").

    Generic words ("health partners", "NHS providers") name nobody; "police" alone
    counts only as "the police"; arrangements and forums are what is acted on,
    not who acts.
    """
    ctx = Context(record)
    by_key = _organisation_keys(organisations, ctx)
    found = []
    for m in _merge_generics(mentions_in(text, ctx), ctx):
        if m.type in NOT_ADDRESSEES:
            continue
        if m.key[0] == "code" and m.type == "police-force" and m.quality == 0 and \
                not text[max(0, m.start - 4):m.start].lower() == "the ":
            continue
        name = by_key.get(m.key) or _board_suffix_match(m, by_key)
        if name:
            found.append(name)
    return tuple(dict.fromkeys(found))


def _organisation_keys(organisations, ctx: Context) -> dict[tuple, str]:
    """Each organisation's key, found by reading its own name as a report would."""
    by_key = {}
    for org in organisations:
        if org.code:
            by_key[("code", org.code)] = org.name
        for m in mentions_in(org.name, ctx):
            if m.end - m.start == len(org.name) or m.type == org.type:
                by_key.setdefault(m.key, org.name)
    return by_key


def _board_suffix_match(m: Mention, by_key: dict[tuple, str]) -> str | None:
    if m.key[0] != "board":
        return None
    words = m.key[1].split()
    hits = [name for k, name in by_key.items() if k[0] == "board" and k[1].split()[-len(words):] == words]
    return hits[0] if len(hits) == 1 else None
