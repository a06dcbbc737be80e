"""Write N realistic report texts, and the extraction record each should give, for benchmarks.

    python benchmarks/make_corpus.py N OUTDIR [--seed S]

writes OUTDIR/reports/NNNNNN_<council>_<date>_<genre>.txt and, beside them,
OUTDIR/expected/<same stem>.json: the record a careful reader takes from that
text, in the JSON contract of ../shared/gold/SCHEMA.md (with the scorer's
optional_organisations), so `score.py --gold OUTDIR/expected --pred ...` scores
extraction at any size.

The texts follow the genres as they are really written (the seed reports in
reports/ and the real Ofsted PDFs): Ofsted inspections of 2009-2012
(safeguarding and looked after children), 2012-2013 (protection of children),
2013-2018 (the single inspection framework) and 2018 on (ILACS); focused and
monitoring visit letters; joint targeted area inspection letters; council
cabinet papers about an inspection; sector-led peer review letters. Councils,
police forces and NHS bodies come from the registers, each on a date it
existed; the NHS bodies named are those whose name carries the council's or its
police force area's place name. Each text is 15 to 40 KB, padded with narrative
paragraphs, and has the damage of text copied out of a PDF: page numbers,
running headers, and paragraphs cut in two by a page break.

Deterministic: the same N, seed and registers give the same bytes.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import corpus_text as words  # noqa: E402

from safeguarding_kg import registers  # noqa: E402

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
CHILDRENS_SERVICES = {"county-council", "unitary-authority", "metropolitan-borough", "london-borough",
                      "city-corporation"}

# genre -> (weight, first date, last date): the years each genre was written
GENRES = {
    "safeguarding-lac": (10, date(2009, 6, 1), date(2012, 5, 31)),
    "protection": (6, date(2012, 6, 1), date(2013, 10, 31)),
    "sif": (16, date(2013, 11, 1), date(2018, 3, 31)),
    "ilacs": (22, date(2018, 4, 1), date(2025, 11, 30)),
    "focused-visit": (14, date(2018, 4, 1), date(2025, 11, 30)),
    "monitoring-visit": (8, date(2014, 6, 1), date(2025, 11, 30)),
    "jtai": (8, date(2016, 4, 1), date(2025, 11, 30)),
    "committee": (10, date(2010, 1, 1), date(2025, 11, 30)),
    "peer-review": (6, date(2012, 1, 1), date(2024, 12, 31)),
}


# -- dates and names ------------------------------------------------------------------------------

def long_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def date_range(start: date, end: date, style: str) -> str:
    """The inspection dates as each era prints them."""
    if style == "dash":  # 6 – 30 September 2011
        if start.month == end.month:
            return f"{start.day} \u2013 {long_date(end)}"
        return f"{long_date(start)} \u2013 {long_date(end)}"
    if start.year == end.year and start.month == end.month:  # 26 to 30 June 2023
        return f"{start.day} to {long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def weekday(d: date) -> date:
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


def person(rng: random.Random) -> str:
    return f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.LAST_NAMES)}"


def majesty(d: date) -> str:
    return "His Majesty's" if d >= date(2022, 9, 8) else "Her Majesty's"


# -- the registers --------------------------------------------------------------------------------

def valid_on(row: dict, on: date) -> bool:
    iso = on.isoformat()
    return (not row.get("valid_from") or row["valid_from"] <= iso) and (
        not row.get("valid_to") or iso <= row["valid_to"])


def councils_on(on: date) -> list[dict]:
    return [c for c in registers.local_authorities() if c["type"] in CHILDRENS_SERVICES and valid_on(c, on)]


def police_force(council: dict) -> dict | None:
    return next((f for f in registers.police_forces() if f["code"] == council.get("police_force_id")), None)


def nhs_bodies(council: dict, force: dict | None, on: date) -> list[dict]:
    """NHS bodies open on the date whose name carries the council's place or its force area."""
    places = {council["short_name"]} | ({force["ons_name"]} if force else set())
    wanted = {"nhs-trust"} | ({"primary-care-trust"} if on < date(2013, 4, 1) else
                              {"clinical-commissioning-group"} if on < date(2022, 7, 1) else
                              {"integrated-care-board"})
    found = []
    for row in registers.nhs_organisations():
        if row["type"] in wanted and valid_on(row, on) and any(
                re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", row["name"]) for p in places):
            found.append(row)
    return found


# -- what a report names --------------------------------------------------------------------------

@dataclass
class Body:
    name: str
    type: str
    code: str | None = None
    partner: bool = True
    aliases: list[str] = field(default_factory=list)

    def org(self) -> dict:
        org = {"name": self.name, "type": self.type, "code": self.code}
        if self.aliases:
            org["aliases"] = self.aliases
        return org


@dataclass
class Setting:
    """The council a report is about, on its date, and the bodies it may name."""

    council: dict
    on: date
    force: Body | None
    nhs: list[Body]
    board: Body

    @property
    def place(self) -> str:
        return place_name(self.council)

    @property
    def subject(self) -> Body:
        return Body(self.council["name"], "local-authority", self.council["code"], partner=False,
                    aliases=[self.place])


def place_name(council: dict) -> str:
    """The place as reports write it: the short name, or the longest other name inside the council's
    name where the short name is not ("Bristol" for Bristol City Council, not "City of Bristol")."""
    short, name = council["short_name"], council["name"]
    if short in name:
        return short
    inside = [a for a in council["alt_names"] if re.search(rf"\b{re.escape(a)}\b", name)]
    return max(inside, key=len) if inside else short


def setting_for(rng: random.Random, council: dict, on: date) -> Setting:
    force_row = police_force(council)
    force = Body(force_row["name"], "police-force", force_row["code"]) if force_row else None
    nhs_rows = nhs_bodies(council, force_row, on)
    rng.shuffle(nhs_rows)
    nhs = [Body(r["name"], "nhs-trust" if r["type"] == "care-trust" else r["type"], r["code"])
           for r in nhs_rows[:rng.randint(1, 3)]]
    kind = "Safeguarding Children Board" if on < date(2019, 9, 29) else "Safeguarding Children Partnership"
    return Setting(council, on, force, nhs, Body(f"{place_name(council)} {kind}", "safeguarding-board"))


# -- the text, paragraph by paragraph -------------------------------------------------------------

@dataclass
class Narrative:
    """A place for narrative paragraphs; filled to the report's length when it is written."""

    share: float = 1.0
    numbered: bool = False
    extra: list[str] = field(default_factory=list)  # sentences naming partners, spread over the paragraphs


@dataclass
class Draft:
    parts: list = field(default_factory=list)  # str paragraphs and Narrative places
    named: list[Body] = field(default_factory=list)  # bodies named in the body of the text

    def add(self, *paragraphs: str):
        self.parts.extend(paragraphs)

    def narrative(self, share: float = 1.0, numbered: bool = False, extra: list[str] = ()):
        self.parts.append(Narrative(share, numbered, list(extra)))

    def name(self, body: Body | None) -> str:
        if body is not None and all(b.name != body.name for b in self.named):
            self.named.append(body)
        return body.name if body else ""


def paragraph(rng: random.Random, sentences: int, place: str) -> str:
    return " ".join(rng.sample(words.NARRATIVE, sentences)).replace("{place}", place)


def render(draft: Draft, rng: random.Random, target: int, place: str) -> list[str]:
    """The paragraphs, narrative places filled so the text is about `target` characters."""
    fixed = sum(len(p) + 2 for p in draft.parts if isinstance(p, str))
    places = [p for p in draft.parts if isinstance(p, Narrative)]
    budget = max(target - fixed, 600 * len(places))
    total_share = sum(p.share for p in places) or 1.0
    out, number = [], 0
    for part in draft.parts:
        if isinstance(part, str):
            out.append(part)
            continue
        want, written, extra = budget * part.share / total_share, 0, list(part.extra)
        while written < want or extra:
            text = paragraph(rng, rng.randint(3, 6), place)
            if extra:
                sentences = text.split(". ")
                sentences.insert(rng.randrange(len(sentences)), extra.pop(0).rstrip("."))
                text = ". ".join(sentences)
            if part.numbered:
                number += 1
                text = f"{number}. {text}"
            out.append(text)
            written += len(text) + 2
    return out


def paginate(paragraphs: list[str], rng: random.Random, header: str | None, first_page: int = 1) -> str:
    """Join paragraphs as text copied from a PDF: page numbers, running headers, paragraphs cut at a page end."""
    out, page, room = [], first_page, rng.randint(2600, 3800)
    for text in paragraphs:
        while len(text) > room:
            if len(text) > 300 and "\t" not in text and room > 120:
                cut = text.rfind(" ", 0, room)  # a paragraph runs on to the next page
                if cut > 60:
                    out.append(text[:cut])
                    text = text[cut + 1:]
            page += 1
            out.append(str(page))
            if header:
                out.append(header)
            room = rng.randint(2600, 3800)
        out.append(text)
        room -= len(text) + 2
    return "\n\n".join(out) + "\n"


OFSTED_END = [
    "The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and inspects to "
    "achieve excellence in the care of children and young people, and in education and skills for learners of "
    "all ages.",
    "If you would like a copy of this document in a different format, such as large print or Braille, please "
    "telephone 0300 123 1231, or email enquiries@ofsted.gov.uk.",
    "You may reuse this information (not including logos) free of charge in any format or medium, under the "
    "terms of the Open Government Licence.",
    "Piccadilly Gate\nStore Street\nManchester\nM1 2WD",
]
CROWN = ["Age group: All", "\u00a9 Crown copyright {year}", "Website: www.ofsted.gov.uk",
         "This document may be reproduced in whole or in part for non-commercial purposes, provided that the "
         "information quoted is reproduced without adaptation and the source and date of publication are stated.",
         "Further copies of this report are obtainable from the local authority or at www.ofsted.gov.uk"]
OFSTED_ADDRESS = "Ofsted Piccadilly Gate Store Street Manchester M1 2WD\nT 0300 123 1231 Textphone 0161 618 8524\n" \
                 "enquiries@ofsted.gov.uk www.gov.uk/ofsted"


def grades_for(rng: random.Random, scale: list[str], n: int) -> list[str]:
    """Grades that hang together: most near an overall level, as inspections find."""
    level = rng.choices(range(len(scale)), weights=[1, 4, 4, 2][:len(scale)])[0]
    return [scale[min(len(scale) - 1, max(0, level + rng.choice([-1, 0, 0, 0, 1])))] for _ in range(n)]


def slug(grade: str) -> str:
    return grade.lower().replace(" ", "-")


def partner_sentences(rng: random.Random, draft: Draft, s: Setting) -> list[str]:
    """One sentence per partner the report names: the police force, NHS bodies, the board."""
    out = []
    if s.force:
        out.append(rng.choice(words.POLICE_SENTENCES).format(partner=draft.name(s.force)))
    for body in s.nhs:
        out.append(rng.choice(words.HEALTH_SENTENCES).format(partner=draft.name(body)))
    if rng.random() < 0.7:
        out.append(rng.choice(words.BOARD_SENTENCES).format(partner=draft.name(s.board)))
    return out


def recommendations(rng: random.Random, draft: Draft, s: Setting, bank: list[str], partner_bank: list[str],
                    n: int) -> list[dict]:
    """n recommendations, one now and then naming a partner (who is then its addressee)."""
    chosen = [(text, None) for text in rng.sample(bank, min(n, len(bank)))]
    partners = [b for b in [s.force, *s.nhs] if b]
    if partners and rng.random() < 0.4:
        body = rng.choice(partners)
        template = partner_bank[0] if body.type != "police-force" else partner_bank[1]
        chosen[rng.randrange(len(chosen))] = (template.format(partner=draft.name(body)), body)
    return [{"text": text, "timescale": None, "addressees": [body.name] if body else []} for text, body in chosen]


# -- the genres -----------------------------------------------------------------------------------
# Each writer takes (rng, setting, inspection start date) and returns the Draft, the record's
# fields, and the running header of its pages (None: page numbers only).

@dataclass
class Written:
    draft: Draft
    record: dict
    header: str | None
    recommendations: list[str] = field(default_factory=list)  # the paragraphs that give them, as printed


def inspection_dates(rng: random.Random, start: date, days: int) -> tuple[date, date, date]:
    start = weekday(start)
    end = start + timedelta(days=days)
    return start, end, weekday(end + timedelta(days=rng.randint(28, 49)))


LAC_SAFEGUARDING = ["Overall effectiveness", "Capacity for improvement",
                    "Children and young people are safe and feel safe", "Quality of provision",
                    "Ambition and prioritisation", "Leadership and management",
                    "Performance management and quality assurance", "Partnership working",
                    "Equality and diversity"]
LAC_LOOKED_AFTER = ["Overall effectiveness", "Capacity for improvement", "Being healthy", "Staying safe",
                    "Enjoying and achieving", "Making a positive contribution, including user engagement",
                    "Economic well-being", "Quality of provision", "Ambition and prioritisation",
                    "Leadership and management", "Performance management and quality assurance",
                    "Equality and diversity"]
FOUR_POINT = ["outstanding", "good", "adequate", "inadequate"]
TIMESCALES = [("Immediately:", "immediately"), ("Within three months:", "within-3-months"),
              ("Within six months:", "within-6-months")]


def timed_actions(rng: random.Random, draft: Draft, s: Setting) -> tuple[list[str], list[dict]]:
    """Areas for improvement under Immediately / Within three months / Within six months."""
    recs = recommendations(rng, draft, s, words.ACTIONS, words.ACTIONS_WITH_PARTNER, rng.randint(5, 9))
    lines, at = [], 0
    for i, (label, timescale) in enumerate(TIMESCALES):
        count = len(recs) - at if i == 2 else rng.randint(1, max(1, (len(recs) - at) // 2))
        if count <= 0:
            continue
        lines.append(label)
        lines.append("\n".join(f"- {r['text']}" for r in recs[at:at + count]))
        for r in recs[at:at + count]:
            r["timescale"] = timescale
        at += count
    return lines, recs


def safeguarding_lac(rng, s: Setting, start: date) -> Written:
    start, end, published = inspection_dates(rng, start, rng.randint(10, 18))
    lead, draft = person(rng), Draft()
    draft.add(f"Inspection of safeguarding and looked after children services {s.place}",
              f"Inspection dates: {date_range(start, end, 'dash')}", f"Reporting inspector: {lead}",
              *[c.format(year=published.year) for c in CROWN[:1]], f"Published: {long_date(published)}",
              *[c.format(year=published.year) for c in CROWN[1:]])
    draft.add("About this inspection")
    draft.add("The purpose of the inspection is to evaluate the contribution made by relevant services in the "
              "local area towards ensuring that children and young people are properly safeguarded and to "
              "determine the quality of service provision for looked after children and care leavers. The "
              "inspection was carried out under the Children Act 2004.")
    draft.narrative(0.3, numbered=True, extra=partner_sentences(rng, draft, s))
    judgements = []
    for scope, areas, title in [("safeguarding", LAC_SAFEGUARDING, "Safeguarding services"),
                                ("looked-after-children", LAC_LOOKED_AFTER, "Services for looked after children")]:
        grades = grades_for(rng, FOUR_POINT, len(areas))
        judgements += [{"scope": scope, "area": a, "grade": g} for a, g in zip(areas, grades)]
        draft.add(title)
        for area, grade in list(zip(areas, grades))[:2]:
            draft.add(area, f"Grade {FOUR_POINT.index(grade) + 1} ({grade})")
            draft.narrative(0.1, numbered=True)
        if scope == "safeguarding":
            draft.add("Areas for improvement",
                      f"In order to improve the quality of provision and services for safeguarding children and "
                      f"young people in {s.place}, the local authority and its partners should take the "
                      "following action:")
            lines, recs = timed_actions(rng, draft, s)
            draft.add(*lines)
            block = draft.parts[-len(lines) - 2:]
        for area, grade in list(zip(areas, grades))[2:]:
            draft.add(area, f"Grade {FOUR_POINT.index(grade) + 1} ({grade})")
            draft.narrative(0.04, numbered=True)
    draft.add("Record of main findings:")
    for scope, areas, title in [("safeguarding", LAC_SAFEGUARDING, "Safeguarding services"),
                                ("looked-after-children", LAC_LOOKED_AFTER, "Services for looked after children")]:
        rows = [f"{j['area']}\t{j['grade'].capitalize()}" for j in judgements if j["scope"] == scope]
        draft.add(title + "\t\n" + "\n".join(rows))
    record = _record("inspection-report", "safeguarding-and-looked-after-children", start, end, published, lead,
                     judgements, recs)
    return Written(draft, record, f"Inspection of safeguarding and looked after children services: {s.place}",
                   block)


PROTECTION_AREAS = ["Overall effectiveness",
                    "The effectiveness of the help and protection provided to children, young people, families "
                    "and carers", "The quality of practice", "Leadership and governance"]


def protection(rng, s: Setting, start: date) -> Written:
    start, end, published = inspection_dates(rng, start, rng.randint(8, 10))
    lead, draft = person(rng), Draft()
    title = "Inspection of local authority arrangements for the protection of children"
    draft.add(title, s.place, f"Inspection dates: {date_range(start, end, 'to')}", f"Lead inspector {lead}",
              *[c.format(year=published.year) for c in CROWN])
    grades = grades_for(rng, FOUR_POINT, 4)
    draft.add(title, "The inspection judgements and what they mean",
              "1. All inspection judgements are made using the following four point scale.",
              "Outstanding\ta service that significantly exceeds minimum requirements\n"
              "Good\ta service that exceeds minimum requirements\nAdequate\ta service that meets minimum "
              "requirements\nInadequate\ta service that does not meet minimum requirements",
              "Overall effectiveness",
              f"2. The overall effectiveness of the arrangements to protect children in {s.place} is judged to "
              f"be **{grades[0]}**.", "Areas for improvement",
              f"3. In order to improve the quality of help and protection given to children and young people in "
              f"{s.place}, the local authority and its partners should take the following action.")
    lines, recs = timed_actions(rng, draft, s)
    draft.add(*lines)
    block = draft.parts[-len(lines) - 2:]
    draft.add("About this inspection")
    draft.narrative(0.3, extra=partner_sentences(rng, draft, s))
    for area, grade in zip(PROTECTION_AREAS[1:], grades[1:]):
        draft.add(area, f"The effectiveness of this area is {grade}.".replace("this area", area[0].lower() + area[1:])
                  if False else area + f" is {grade}.")
        draft.narrative(0.2)
    draft.add("Record of main findings", "\n".join(f"{a}\t{g.capitalize()}" for a, g in zip(PROTECTION_AREAS, grades)))
    judgements = [{"scope": None, "area": a, "grade": g} for a, g in zip(PROTECTION_AREAS, grades)]
    record = _record("inspection-report", "protection-of-children", start, end, None, lead, judgements, recs)
    return Written(draft, record, None, block)


SIF_AREAS = ["Children who need help and protection", "Children looked after and achieving permanence",
             "Adoption performance", "Experiences and progress of care leavers",
             "Leadership, management and governance"]
SIF_SCALE = ["outstanding", "good", "requires improvement", "inadequate"]
SIF_SAYS = {"outstanding": "are outstanding", "good": "are good", "requires improvement": "require improvement",
            "inadequate": "are inadequate"}
LSCB_SAYS = {"outstanding": "is outstanding", "good": "is good", "requires improvement": "requires improvement",
             "inadequate": "is inadequate"}


def sif(rng, s: Setting, start: date) -> Written:
    start, end, published = inspection_dates(rng, start, rng.randint(18, 25))
    lead, draft = person(rng), Draft()
    grades = grades_for(rng, SIF_SCALE, 7)
    overall, lscb = grades[0], grades[6]
    lscb_name = f"{s.place} Local Safeguarding Children Board" if rng.random() < 0.5 else s.board.name
    s.board.name = lscb_name
    draft.add(s.council["name"],
              "Inspection of services for children in need of help and protection, children looked after and "
              "care leavers\nand\nReview of the effectiveness of the local safeguarding children board",
              f"Inspection date: {long_date(start)} \u2013 {long_date(end)}",
              f"Report published: {long_date(published)}",
              f"Children\u2019s services in {s.place} {SIF_SAYS[overall]}",
              "\n".join(f"{i}\t{a}\t{g.capitalize()}" for i, a, g in
                        zip(["1.", "2.", "2.1", "2.2", "3."], SIF_AREAS, grades[1:6])),
              f"The effectiveness of the LSCB {LSCB_SAYS[lscb]}",
              "Contents", "Section 1: the local authority", "Summary of key findings",
              f"This local authority {SIF_SAYS[overall].replace('are', 'is').replace('require ', 'requires ')} "
              "because")
    draft.narrative(0.15, numbered=True)
    draft.add("What does the local authority need to improve?", "Areas for improvement")
    recs = recommendations(rng, draft, s, words.ACTIONS, words.ACTIONS_WITH_PARTNER, rng.randint(4, 9))
    number = 0
    lines = []
    for r in recs:
        number += 1
        r["text"] = r["text"][0].upper() + r["text"][1:] + "."
        lines.append(f"{number}. {r['text']}")
    draft.add("\n".join(lines))
    block = draft.parts[-3:]
    draft.add("Information about this inspection")
    draft.narrative(0.1, numbered=False, extra=partner_sentences(rng, draft, s))
    draft.add(f"The inspection team\nLead inspector: {lead}\nTeam inspectors: {person(rng)}, {person(rng)}",
              "Inspection judgements about the local authority")
    for area, grade in zip(SIF_AREAS, grades[1:6]):
        draft.add(f"{area}\t{grade.capitalize()}" if area != "Adoption performance" else
                  f"{area}\t{grade.capitalize()}")
        draft.narrative(0.12, numbered=True)
    draft.add("Section 2: the effectiveness of the local safeguarding children board",
              f"The effectiveness of the Local Safeguarding Children Board {LSCB_SAYS[lscb]}")
    draft.narrative(0.1, numbered=True, extra=[f"The {draft.name(s.board)} has a clear focus on improving "
                                               "multi-agency practice."])
    draft.add(*OFSTED_END)
    judgements = [{"scope": None, "area": "Overall effectiveness", "grade": slug(overall)}]
    judgements += [{"scope": None, "area": a, "grade": slug(g)} for a, g in zip(SIF_AREAS, grades[1:6])]
    judgements.append({"scope": "lscb", "area": "The effectiveness of the Local Safeguarding Children Board",
                       "grade": slug(lscb)})
    record = _record("inspection-report", "single-inspection-framework", start, end, published, lead,
                     judgements, recs)
    return Written(draft, record, f"Inspection report: {s.place}, {long_date(start)} \u2013 {long_date(end)}",
                   block)


ILACS_SCALE = ["Outstanding", "Good", "Requires improvement to be good", "Inadequate"]


def ilacs(rng, s: Setting, start: date) -> Written:
    start, end, published = inspection_dates(rng, start, rng.choice([4, 11]))
    lead, draft = person(rng), Draft()
    split_leavers = start >= date(2023, 1, 1)
    areas = ["The impact of leaders on social work practice with children and families",
             "The experiences and progress of children who need help and protection",
             "The experiences and progress of children in care" if split_leavers else
             "The experiences and progress of children in care and care leavers"]
    if split_leavers:
        areas.append("The experiences and progress of care leavers")
    grades = grades_for(rng, ILACS_SCALE, len(areas) + 1)
    draft.add(f"Inspection of {s.place} local authority children's services",
              f"Inspection dates: {date_range(start, end, 'to')}",
              f"Lead inspector: {lead}, {majesty(start)} Inspector",
              "Judgement\tGrade\n" + "\n".join(f"{a}\t{g}" for a, g in zip(areas + ["Overall effectiveness"],
                                                                            grades)))
    last = start.year - rng.randint(3, 5)
    previous_grade = rng.choice(["good", "requires improvement to be good", "inadequate"])
    judged = ("judged to require improvement to be good" if previous_grade.startswith("requires")
              else f"judged to be {previous_grade} overall")
    draft.add(f"Since the last inspection in {last}, when children's services in {s.place} were {judged}, leaders have continued to develop services for children and families.")
    draft.narrative(0.1)
    recs = recommendations(rng, draft, s, words.IMPROVE_BULLETS, words.IMPROVE_BULLETS_WITH_PARTNER,
                           rng.randint(2, 6))
    draft.add("What needs to improve?", "\n".join(f"- {r['text']}" for r in recs))
    block = draft.parts[-2:]
    extra = partner_sentences(rng, draft, s)
    order = [1, 2] + ([3] if split_leavers else []) + [0]
    for k, i in enumerate(order):
        draft.add(f"{areas[i]}: {grades[i].lower()}")
        draft.narrative(0.25, numbered=True, extra=extra if k == 0 else ())
    draft.add(*OFSTED_END, f"\u00a9 Crown copyright {published.year}")
    judgements = [{"scope": None, "area": a, "grade": slug(g)}
                  for a, g in zip(areas + ["Overall effectiveness"], grades)]
    record = _record("inspection-report", "ilacs", start, end, None, lead, judgements, recs)
    record["previous_inspections"] = [{"date": str(last), "subject": "overall-effectiveness",
                                       "grade": slug(previous_grade)}]
    return Written(draft, record, None, block)


def visit(rng, s: Setting, start: date, kind: str) -> Written:
    start, end, published = inspection_dates(rng, start, 1)
    lead, other, draft = person(rng), person(rng), Draft()
    dcs = person(rng)
    title = f"{kind} visit to {s.council['name']} children\u2019s services"
    draft.add(long_date(published),
              f"{dcs} Director of Children\u2019s Services {s.council['name']}", f"Dear {dcs.split()[0]} "
              f"{dcs.split()[1]}"[:0] + f"Dear {rng.choice(['Mr', 'Ms', 'Mrs'])} {dcs.split()[1]}", title)
    when = (f"on {start.day} and {long_date(end)}" if start.month == end.month else
            f"on {long_date(start)} and {long_date(end)}")
    recs: list[dict] = []
    if kind == "Focused":
        draft.add(f"This letter summarises the findings of the focused visit to {s.place} children\u2019s services "
                  f"{when}. {majesty(start)} Inspectors for this visit were {lead} and {other}.",
                  "Inspectors looked at the local authority\u2019s arrangements for children in need and children "
                  "subject to a child protection plan.",
                  "This visit was carried out in line with the inspection of local authority children\u2019s "
                  "services (ILACS) framework.", "Headline findings")
        draft.narrative(0.2)
        draft.add(OFSTED_ADDRESS)
        recs = recommendations(rng, draft, s, words.IMPROVE_BULLETS, words.IMPROVE_BULLETS_WITH_PARTNER,
                               rng.randint(2, 4))
        draft.add("What needs to improve in this area of social work practice?",
                  "\n".join(f"- {r['text']}" for r in recs), "Main findings")
        framework = "focused-visit"
        previous = []
    else:
        nth = rng.choice(["first", "second", "third", "fourth", "fifth", "sixth"])
        judged = start - timedelta(days=rng.randint(200, 900))
        draft.add(f"This letter summarises the findings of the {nth} monitoring visit to {s.place} children\u2019s "
                  f"services {when}. The visit was the {nth} monitoring visit since the local authority was judged "
                  f"inadequate in {MONTHS[judged.month - 1]} {judged.year}. {majesty(start)} Inspectors for "
                  f"this visit were {lead} and {other}.", "Areas covered by the visit")
        draft.add(OFSTED_ADDRESS)
        framework = "monitoring-visit"
        previous = [{"date": f"{judged.year}-{judged.month:02d}", "subject": "overall-effectiveness",
                     "grade": "inadequate"}]
    draft.narrative(0.8, extra=partner_sentences(rng, draft, s))
    draft.add(f"Ofsted will take the findings from this {kind.lower()} visit into account when planning the next "
              "inspection or visit." if kind == "Focused" else
              "Ofsted will continue the monitoring programme with the next visit.",
              "Yours sincerely", f"{lead}\n{majesty(start)} Inspector")
    record = _record("inspection-letter", framework, start, end, published, lead, [], recs)
    record["previous_inspections"] = previous
    return Written(draft, record, None)


JTAI_THEMES = ["the multi-agency response to children living with domestic abuse",
               "the multi-agency response to child sexual abuse in the family environment",
               "the multi-agency response to serious youth violence",
               "the multi-agency response to children and families who need help",
               "the multi-agency response to children who are at risk of criminal exploitation"]


def jtai(rng, s: Setting, start: date) -> Written:
    start, end, published = inspection_dates(rng, start, 4)
    draft = Draft()
    theme = rng.choice(JTAI_THEMES)
    dcs, chief, health = person(rng), person(rng), person(rng)
    commissioner = next((b for b in s.nhs if b.type != "nhs-trust"), None)
    address = [f"{dcs}, Director of Children\u2019s Services, {s.council['name']}"]
    if commissioner:
        address.append(f"{health}, Chief Executive, {draft.name(commissioner)}")
    if s.force:
        address.append(f"{chief}, Chief Constable, {draft.name(s.force)}")
    hmic = ("His Majesty\u2019s Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)"
            if start >= date(2017, 7, 19) else "Her Majesty\u2019s Inspectorate of Constabulary (HMIC)")
    # the letter is addressed to the area's safeguarding partnership (before 2019, its LSCB)
    s.board.name = (f"{s.place} Local Safeguarding Partnership" if start >= date(2019, 9, 29)
                    else f"{s.place} Local Safeguarding Children Board")
    draft.add(long_date(published), " ".join(address), f"Dear {draft.name(s.board)}",
              f"Joint targeted area inspection of {s.place}",
              f"This letter summarises the findings of the joint targeted area inspection (JTAI) of {theme} in "
              f"{s.place}.",
              f"This inspection took place from {date_range(start, end, 'to')}. It was carried out by inspectors "
              f"from Ofsted, the Care Quality Commission (CQC), {hmic} and {majesty(start)} Inspectorate of "
              "Probation (HMIP).", "Headline findings")
    for name, acronym in [("Care Quality Commission", "CQC"), (hmic.split(" (")[0], hmic.split("(")[1][:-1]),
                          (f"{majesty(start)} Inspectorate of Probation", "HMIP")]:
        aliases = [acronym] + (["HMI Probation"] if acronym == "HMIP" else [])  # its usual short name
        draft.named.append(Body(name, "regulator", partner=False, aliases=aliases))
    draft.narrative(0.3, extra=partner_sentences(rng, draft, s))
    recs = recommendations(rng, draft, s, words.IMPROVE_BULLETS, words.IMPROVE_BULLETS_WITH_PARTNER,
                           rng.randint(2, 5))
    draft.add("What needs to improve?", "\n".join(f"- {r['text']}" for r in recs), "Main findings")
    draft.narrative(0.7)
    draft.add("Next steps",
              f"We have determined that {s.council['name']} is the principal authority and should prepare a "
              "written statement of proposed action responding to the findings outlined in this letter.",
              "Yours sincerely", f"{person(rng)}\nNational Director, Regulation and Social Care, Ofsted")
    record = _record("inspection-report", "jtai", start, end, published, None, [], recs)
    return Written(draft, record, None)


def committee(rng, s: Setting, start: date) -> Written:
    """A cabinet paper about an inspection: quotes its judgements and its recommendations."""
    inner_genre = next(g for g in ("safeguarding-lac", "protection", "sif", "ilacs") if start <= GENRES[g][2])
    inner = WRITERS[inner_genre](rng, s, start)
    start = date.fromisoformat(inner.record["inspection"]["start_date"])
    end = date.fromisoformat(inner.record["inspection"]["end_date"])
    meeting = weekday(end + timedelta(days=rng.randint(40, 80)))
    # named here: the addressees of the recommendations it copies, and the partners of its own narrative
    draft = Draft(named=[b for b in inner.draft.named if any(b.name in r["text"] for r in inner.record["recommendations"])])
    name = {"safeguarding-lac": "Inspection of Safeguarding and Looked after Children Services",
            "protection": "Inspection of Local Authority Arrangements for the Protection of Children",
            "sif": "Ofsted Inspection of Services for Children in Need of Help and Protection, Children Looked "
                   "After and Care Leavers",
            "ilacs": "Ofsted Inspection of Local Authority Children's Services"}[inner_genre]
    draft.add(f"{s.council['name']}",
              f"Cabinet \u2013 {['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'][meeting.weekday()]} "
              f"{long_date(meeting)}", "Report of the Director of Children\u2019s Services", name,
              "Purpose of Report",
              f"1. To advise Cabinet of the outcome of the {name} in {s.place} which took place between "
              f"{long_date(start)} and {long_date(end)}.", "Background")
    draft.narrative(0.4, numbered=False, extra=partner_sentences(rng, draft, s))
    recs = inner.record["recommendations"]
    # council papers copy the inspection's own list, headings and all
    draft.add("The inspection report sets out the following areas for improvement.", *inner.recommendations,
              "Finance")
    draft.narrative(0.2)
    draft.add("Recommendation",
              "Cabinet to receive a copy of the inspection report and note and comment on the content.",
              f"{person(rng)}\nDirector of Children\u2019s Services", "Appendix 1",
              "\n".join(f"{j['area']}\t{j['grade'].replace('-', ' ').capitalize()}"
                        for j in inner.record["judgements"]))
    draft.narrative(0.4)
    record = _record("committee-report", inner.record["framework"], start, end, None, None,
                     inner.record["judgements"], recs)
    return Written(draft, record, None)


PEER_PROGRAMMES = {"East of England": "Eastern Region Sector Led Improvement Programme"}


def peer_review(rng, s: Setting, start: date) -> Written:
    start, end, published = inspection_dates(rng, start, 3)
    draft = Draft()
    region = s.council["region"]
    programme = Body(PEER_PROGRAMMES.get(region, f"{region} Sector Led Improvement Programme"),
                     "partnership-board", partner=False)
    peers = [c for c in councils_on(start) if c["region"] == region and c["code"] != s.council["code"]]
    reviewers = rng.sample(peers, min(2, len(peers)))
    lead, dcs = person(rng), person(rng)
    draft.add("Ref: Regional Peer Review", draft.name(programme),
              f"{dcs}, Director of Children's Services {s.council['name']}",
              f"{published.day:02d}/{published.month:02d}/{published.year}", "Regional Peer Review",
              f"Dear {dcs.split()[0]}",
              f"I am writing to set out for {s.place} the formal feedback from the peer review that took place "
              f"between {long_date(start)} and {long_date(end)}.",
              "The peer team provided verbal feedback on the final day on-site and we agreed to send you a letter "
              "confirming our findings. This was not an inspection.",
              "The peer team was made up of " + " and ".join(
                  f"a senior manager from {draft.name(Body(c['name'], 'local-authority', c['code'], partner=False))}"
                  for c in reviewers) + ".")
    draft.narrative(0.7, extra=partner_sentences(rng, draft, s))
    recs = [{"text": t, "timescale": None, "addressees": []}
            for t in rng.sample(words.PEER_FEEDBACK, rng.randint(3, 5))]
    heading = rng.choice(["Areas for consideration", "Recommendations",
                          "Our key messages and recommendations are that the department needs to:"])
    draft.add(heading, "\n".join(f"- {r['text']}" for r in recs))
    draft.narrative(0.3)
    draft.add("Yours sincerely", f"{lead}\nPeer Review Lead")
    record = _record("peer-review", "peer-review", start, end, published, lead, [], recs)
    record["inspection"]["inspectorate"] = programme.name
    return Written(draft, record, None)


WRITERS = {"safeguarding-lac": safeguarding_lac, "protection": protection, "sif": sif, "ilacs": ilacs,
           "focused-visit": lambda rng, s, d: visit(rng, s, d, "Focused"),
           "monitoring-visit": lambda rng, s, d: visit(rng, s, d, "Monitoring"),
           "jtai": jtai, "committee": committee, "peer-review": peer_review}


def _record(document_type, framework, start, end, published, lead, judgements, recs) -> dict:
    return {"document_type": document_type, "framework": framework,
            "inspection": {"start_date": start.isoformat(), "end_date": end.isoformat(),
                           "published": published.isoformat() if published else None,
                           "lead_inspector": lead, "inspectorate": "Ofsted"},
            "judgements": judgements, "recommendations": recs, "previous_inspections": [], "statistics": []}


# -- one report, and the corpus -------------------------------------------------------------------

def make_report(seed: int, index: int) -> tuple[str, str, dict]:
    """(file name, text, expected record) of report `index`."""
    rng = random.Random(f"{seed}:{index}")
    genre = rng.choices(list(GENRES), weights=[w for w, _, _ in GENRES.values()])[0]
    _, first, last = GENRES[genre]
    on = random_day(rng, first, last)
    council = rng.choice(councils_on(on))
    setting = setting_for(rng, council, on)
    written = WRITERS[genre](rng, setting, on)
    record = written.record
    start = record["inspection"]["start_date"]
    name = f"{index:06d}_{council['gov_uk_slug'] or council['code']}_{start}_{genre}.txt"
    target = rng.randint(15_000, 40_000)
    paragraphs = render(written.draft, rng, target, setting.place)
    text = "\n\n" + paginate(paragraphs, rng, written.header)
    subject = setting.subject
    named = [b for b in written.draft.named if b.name != subject.name]
    record = {"source": name, **record,
              "subject_authority": {"name": subject.name, "code": subject.code},
              "organisations": [subject.org()] + [b.org() for b in named],
              # Ofsted: named in the boilerplate of every Ofsted text, in the body of some; either way
              # neither rewarded nor penalised
              "optional_organisations": [{"name": "Ofsted", "type": "regulator", "code": None,
                                          "aliases": ["Office for Standards in Education"]}],
              "partners_of_subject": [b.name for b in named if b.partner]}
    order = ["source", "document_type", "framework", "subject_authority", "inspection", "judgements",
             "recommendations", "organisations", "optional_organisations", "partners_of_subject",
             "previous_inspections", "statistics"]
    return name, text, {key: record[key] for key in order}


def write_corpus(n: int, outdir: Path, seed: int = 0) -> list[Path]:
    reports, expected = outdir / "reports", outdir / "expected"
    reports.mkdir(parents=True, exist_ok=True)
    expected.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        name, text, record = make_report(seed, index)
        (reports / name).write_text(text, encoding="utf-8")
        (expected / (Path(name).stem + ".json")).write_text(
            json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(reports / name)
    return paths


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many reports")
    parser.add_argument("outdir", type=Path, help="OUTDIR/reports and OUTDIR/expected are written")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    paths = write_corpus(args.n, args.outdir, args.seed)
    size = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} reports, {size / 1e6:.1f} MB, in {args.outdir / 'reports'}; "
          f"expected records in {args.outdir / 'expected'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
