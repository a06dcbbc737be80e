"""The organisations a report names, their types and register codes, and the subject's partners.

Pipeline: blank the boilerplate (orgpatterns.mask_boilerplate), find candidate
names and resolve each to a body (orgresolve.mentions_in: a register entry where
there is one, on the inspection's date; the longest where two overlap), then,
here, merge every mention of one body into one Organisation named by its
fullest form, and decide which are partners.

Partners of the subject authority (the rule, by type, with evidence):
  - NHS bodies, police forces, voluntary organisations, adoption agencies and
    Cafcass named in the body of the report: partners (the report names them
    because the council works with them);
  - the subject's own safeguarding board or partnership: a partner; another
    area's board is not;
  - another named board or partnership (Health and Wellbeing Board, Improvement
    Board ...): a partner only where a sentence naming it says the council works
    with or through it, in the clause before its name ("in cooperation with
    partner organisations through the Health and Wellbeing Board", "jointly with");
  - never: the subject itself, other councils (peer reviewers, neighbours),
    regulators, government departments, multi-agency arrangements, forums.
"""
from __future__ import annotations

import re

from . import registers
from .orgpatterns import mask_boilerplate
from .orgresolve import PCT_TYPES, Context, Mention, mentions_in
from .records import ExtractionRecord, Organisation

PARTNER_TYPES = {"nhs-trust", "primary-care-trust", "clinical-commissioning-group",
                 "integrated-care-board", "police-force", "voluntary-organisation", "adoption-agency"}
NOT_ADDRESSEES = {"local-authority", "regulator", "forum", "multi-agency-arrangement",
                  "government-department"}
# "in cooperation with other partner organisations through the Health and Wellbeing
# Board": the board is what the council works with or through, in one clause.
WORKING_WITH = re.compile(
    r"\b(?:in\s+(?:co-?operation|conjunction|partnership)\s+with|jointly\s+with|together\s+with"
    r"|working\s+with|works\s+with)\b[^,;.]{0,80}$", re.I)


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
    if best.type == "nhs-trust":
        return best.form
    name = re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", best.form)
    if best.type == "safeguarding-board":  # "Blackburn with Darwen's Local Safeguarding Children Board"
        name = re.sub(r"['\u2019]s(?=\s+(?:Local\s+)?Safeguarding\b)", "", name)
    return name


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


def _grouped_mentions(doc, record: ExtractionRecord) -> tuple[Context, str, dict[tuple, list[Mention]]]:
    """The resolved mentions of `doc`, grouped by body (the subject first, maybe with none)."""
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
    return ctx, masked, groups


def _organisation(doc, ctx: Context, group: list[Mention]) -> Organisation:
    if not group:  # the subject, not named in the text as we read it
        return Organisation(ctx.subject.name, "local-authority", ctx.code)
    name = " ".join(_name(group, ctx).split())  # a name broken over a line is one name
    code = next((m.code for m in group if m.code), None)
    spans = tuple(doc.span(m.start, m.end) for m in group)
    return Organisation(name, group[0].type, code, spans)


def organisation_mentions(doc, record: ExtractionRecord) -> list[tuple[Organisation, tuple[Mention, ...]]]:
    """Each organisation `doc` names, with the resolved mentions it was made from (`skg entities`)."""
    ctx, _, groups = _grouped_mentions(doc, record)
    return [(_organisation(doc, ctx, group), tuple(group)) for group in groups.values()]


def find_organisations(doc, record: ExtractionRecord) -> tuple[tuple[Organisation, ...], tuple[str, ...]]:
    """The organisations `doc` names (the subject first) and the names of the subject's partners."""
    ctx, masked, groups = _grouped_mentions(doc, record)
    organisations, partners = [], []
    for key, group in groups.items():
        organisation = _organisation(doc, ctx, group)
        organisations.append(organisation)
        if group and key != ("code", ctx.code) and _is_partner(group, ctx, masked):
            partners.append(organisation.name)
    return tuple(organisations), tuple(dict.fromkeys(partners))


# -- Addressees of a recommendation --------------------------------------------


def addressees(text: str, organisations, record) -> tuple[str, ...]:
    """The organisations a recommendation names as actors ("resolve, with Essex Police, ...").

    Generic words ("health partners", "NHS providers") name nobody; "police" alone
    counts only as "the police"; arrangements and forums are what is acted on,
    not who acts.
    """
    return addressee_finder(organisations, record)(text)


def addressee_finder(organisations, record):
    """addressees(text, organisations, record) as a function of the text: the report's
    organisations are read once, not once per recommendation."""
    ctx = Context(record)
    by_key = _organisation_keys(organisations, ctx)

    def find(text: str) -> tuple[str, ...]:
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

    return find


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
