"""Themes of findings: which recurring subjects a recommendation or judgement is about.

THEME_TRIGGERS is the one place the trigger patterns live; ontology/themes.ttl
holds each theme's concept (label and definition), keyed by the same ids (a test
checks the two agree). A theme is tagged only where the words themselves say
it ("domestic abuse", "return home interviews", "personal education plans"), and
the words that triggered the tag are kept as its evidence. Precision first:
every pattern names the subject, not a word that merely can be about it
("missing" alone is not missing children: "missing information" is not;
"sufficiency" alone is not placements: "workforce sufficiency" is not).

Patterns are written for reading: a space stands for any run of whitespace (a
paragraph may be joined or split anywhere in a PDF's text), matching ignores
case unless a part says `(?-i:...)` (acronyms such as PEP, CAF, IRO).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .orgpatterns import folded
from .records import Theme

APOS = "['\u2019]"  # "children's" or "children’s"

# theme id -> trigger patterns (see the module's docstring for how they are read).
THEME_TRIGGERS: dict[str, tuple[str, ...]] = {
    "domestic-abuse": (
        r"\bdomestic (?:abuse|violence)\b",
        r"(?-i:\bMARACs?\b)",
        r"\bmulti(?:-| )?agency risk assessment conferences?\b",
    ),
    "child-sexual-exploitation": (
        r"\b(?:child )?sexual(?:ly)? exploit(?:ation|ed)\b",
        r"(?-i:\bCSE\b)",
    ),
    "child-exploitation": (
        # exploitation without "sexual" before it: criminal exploitation, gangs, county lines
        r"(?<!sexual\s)(?<!sexually\s)\b(?:criminal )?exploit(?:ation|ed)\b",
        r"\bcounty lines\b",
        r"(?-i:\bMACE\b)",
    ),
    "missing-children": (
        r"\b(?:go|goes|going|gone|went) missing\b",
        r"\bmissing from (?:home|care)\b",
        r"\bmissing (?:children|child|young people|episodes?)\b",
        r"\bchildren who are missing\b",
        r"\breturn (?:home )?interviews?\b",
        r"\bmissing or absent\b",
        r"\bmissing (?:and|or) exploited children\b",
    ),
    "private-fostering": (
        r"\bprivate(?:ly)? foster(?:ing|ed)?\b",
    ),
    "assessment-quality": (
        # "the quality, consistency and timeliness of all assessments"; not "health assessments"
        r"\b(?:quality|timeliness|consistency|rigour|analysis)(?:(?:,| and) \w+)*(?: and \w+)? of"
        r" (?:all )?(?:social work |single |initial |core )?assessments\b",
        r"\b(?:single|core|social work|child and family) assessments?\b",
        r"\binitial assessments?\b(?! by (?:CAMHS|health|a paediatrician))",
        r"\ball assessments\b",
        r"\bassessments? and (?:care |child protection )?plan(?:s|ning)\b",
    ),
    "management-oversight-and-supervision": (
        r"\bmanage(?:ment|rial) oversight\b",
        r"\bmanagers?(?:" + APOS + r"s?)?(?: and leaders" + APOS + r"?)? oversight\b",
        r"\bmanagement (?:decisions?|decision(?:-| )making)\b",
        r"\bsupervision\b(?! orders?\b)",
        r"\bsigned off by managers\b",
    ),
    "audit-and-quality-assurance": (
        r"\bquality assurance\b",
        r"\baudit(?:s|ing|ed)?\b",
        r"\bperformance (?:management|monitoring)\b",
        r"\bself-evaluation\b",
    ),
    "workforce-and-caseloads": (
        r"\bcaseloads?\b",
        r"\bworkloads?\b",
        r"\bworkforce\b",
        r"\brecruitment and retention of (?:staff|social workers|the workforce)\b",
        r"\b(?:stability|turnover) of (?:the )?(?:workforce|staff|social workers)\b",
        r"\bstaff turnover\b",
        r"\bnewly qualified social workers?\b",
        r"\bagency (?:staff|social workers)\b",
    ),
    "training-and-learning": (
        # staff and partners' training, not "education, employment and training"
        r"(?<!employment\sand\s)(?<!employment\sor\s)(?<!education\sand\s)(?<!education\sor\s)\btraining\b"
        r"(?! route\b)",
        r"\bserious case reviews?\b",
        r"\blessons (?:learnt|learned)\b",
        r"\blearning and improvement framework\b",
    ),
    "early-help": (
        r"\bearly help\b",
        r"\bearly intervention\b",
        r"(?-i:\bCAF\b)",
        r"\bcommon assessment framework\b",
    ),
    "care-leavers": (
        r"\bcare leavers?\b",
        r"\bleaving care\b",
        r"\bcare leaving\b",
        r"\bpathway plan(?:s|ning)?\b",
    ),
    "health": (
        r"\bhealth (?:assessments?|reviews?|needs|services?|providers?|practitioners?|visitors?|visiting"
        r"|staff|partners|professionals|histories|provision|outcomes|action plan|support|agencies"
        r"|contributions?|information|passports?)\b",
        r"\b(?:initial|review) (?:and review )?health\b",
        r"(?-i:\bGPs?\b)",
        r"\bdental\b",
        r"\bemergency departments?\b",
        r"\bbeing healthy\b",
    ),
    "mental-health": (
        r"\bmental (?:ill )?health\b",
        r"(?-i:\bCAMHS\b)",
        r"\bemotional (?:well-?being|health)\b",
        r"\bpsychological\b",
    ),
    "education-of-children-in-care": (
        r"\bpersonal education plan(?:s|ning)?\b",
        r"(?-i:\bPEPs?\b)",
        r"\bvirtual (?:school|college|head)s?\b",
        r"\bpupil premium\b",
        r"\beducational (?:achievement|attainment|progress|outcomes)\b",
        r"\benjoying and achieving\b",
    ),
    "placement-sufficiency": (
        r"\b(?:placements?|accommodation)(?: and accommodation)? sufficiency\b",
        r"\bsufficiency of (?:placements|foster carers|accommodation|homes)\b",
        r"\b(?:choice|range|availability) of (?:suitable )?(?:placements|accommodation|homes|foster)\b",
        r"\bunregulated (?:settings?|placements?|provision)\b",
        r"\bunregistered (?:children" + APOS + r"s )?(?:homes?|settings?|placements?)\b",
        r"\brecruitment (?:and retention )?of foster carers\b",
    ),
    "voice-of-the-child": (
        r"\bvoices? (?:and \w+ )?of (?:the )?(?:child|children|young (?:person|people))\b",
        r"\bwishes and feelings\b",
        r"\bviews of (?:the )?(?:child|children|young people|service users)\b",
        r"\b(?:child|children)" + APOS + r"s? views\b",
        r"\b(?:participation|engagement)(?: and participation)? of,? (?:children|young people)\b",
        r"\bengagement of children\b",
        r"\bfeedback from children\b",
        r"\badvocacy\b",
        r"\bchildren in care council\b",
        r"\bthat their voice is heard\b",
    ),
    "multi-agency-working": (
        r"\bmulti(?:-| )?agency\b",
        r"\b(?:partnership|joint|inter-agency) working\b",
        r"\binformation(?:-| )sharing\b",
        r"\bshar(?:e|ing) (?:accurate )?(?:information|data)\b",
        r"\b(?:other|partner) agencies\b",
        r"\bjoint protocols?\b",
        r"\bstrategic partnerships\b",
        r"(?-i:\bMASH\b)",
    ),
    "data-and-recording-systems": (
        r"\b(?:electronic|social care|case) record(?:ing|s)? systems?\b",
        r"\brecording systems?\b",
        r"\b(?:IT|ICT) (?:systems?|infrastructure)\b",
        r"\bcase recording\b",
        r"\brecord(?:-| )keeping\b",
        r"\brecording of (?:management )?decisions\b",
        r"\bperformance (?:information|data)\b",
        r"\bdata(?:set)?\b",
        r"\binformation systems?\b",
    ),
    "neglect": (
        r"\bneglect\b",
    ),
    "thresholds-and-front-door": (
        r"\bthresholds?\b",
        r"\bfront door\b",
        r"\bcontacts and referrals\b",
    ),
    "permanence-and-adoption": (
        r"\bpermanen(?:ce|cy)\b",
        r"\badoption\b",
        r"\badopters?\b",
        r"\bspecial guardianship\b",
    ),
    "pre-proceedings-and-court": (
        r"\bpre-(?:court )?proceedings\b",
        r"\bpublic law outline\b",
        r"(?-i:\bPLO\b)",
        r"\b(?:care|court) proceedings\b",
    ),
    "homeless-young-people": (
        r"\bhomeless(?:ness)?\b",
    ),
    "youth-justice": (
        r"\byouth offending\b",
        r"\byouth justice\b",
        r"\bchildren who offend\b",
        r"\boffending behaviour\b",
        r"\bin custody\b",
    ),
    "corporate-parenting": (
        r"\bcorporate parent(?:ing|s)?\b",
        r"\belected members\b",
    ),
    "leadership-and-governance": (
        r"\bgovernance\b",
        r"\bleadership\b",
    ),
    "safeguarding-partnership": (
        r"(?-i:\b[A-Z]{0,3}LSC[BP]s?\b)",
        r"\bsafeguarding children(?:" + APOS + r"s?)? (?:board|partnership)s?\b",
        r"\bsafeguarding partners(?:hip)?\b",
    ),
    "independent-reviewing-officers": (
        r"\bindependent reviewing (?:officers?|managers?|service)\b",
        r"(?-i:\bIROs?\b)",
        r"\bindependent chairs?\b",
    ),
    "allegations-and-safer-recruitment": (
        r"(?-i:\bLADO\b)",
        r"\blocal authority designated officer\b",
        r"\ballegations (?:are made )?against (?:professionals|staff|adults)\b",
        r"\bsafer recruitment\b",
        r"\bemployment history\b",
    ),
    "plans-and-planning": (
        r"\b(?:child in need|child protection|care|children" + APOS + r"s|safety|multi-agency) plan(?:s|ning)\b",
        r"\bchild in need and (?:child )?protection plans\b",
        r"\bcontingency (?:plan(?:s|ning)?|for)\b",
        r"\bquality of (?:care )?(?:plans|planning)\b",
    ),
    "transition-to-adulthood": (
        r"\btransition(?:s)? (?:planning|arrangements|to adult(?:hood|s? services))\b",
        r"\bpoints of transition\b",
        r"\bbetween children" + APOS + r"s services and adult(?:s)? services\b",
    ),
    "children-with-disabilities-and-send": (
        r"(?-i:\bSEND\b)",
        r"\bspecial educational needs\b",
        r"\bdisabled children\b",
        r"\b(?:children|young people) with (?:disabilities|a disability)\b",
        r"(?-i:\bEHC plans?\b)",
        r"\beducation, health and care plans?\b",
    ),
    "unaccompanied-and-migrant-children": (
        r"\bunaccompanied\b",
        r"\basylum(?:-| )seeking\b",
        r"\bseparated migrant\b",
    ),
    "young-carers": (
        r"\byoung carers?\b",
    ),
    "equality-and-diversity": (
        r"\bequality and diversity\b",
        r"\bidentity needs\b",
    ),
}


def _compile(pattern: str) -> re.Pattern:
    # a space stands for any whitespace, so joined or split lines still match;
    # lookbehinds write \s instead, as they need a fixed width
    return re.compile(pattern.replace(" ", r"\s+"), re.I)


@lru_cache(maxsize=None)
def compiled() -> dict[str, tuple[re.Pattern, ...]]:
    return {theme: tuple(_compile(p) for p in patterns) for theme, patterns in THEME_TRIGGERS.items()}


@lru_cache(maxsize=None)
def _with_required_words() -> tuple[tuple[str, tuple[tuple[re.Pattern, str], ...]], ...]:
    """Each theme's patterns, each with words (lower case) any match of it contains."""
    return tuple((theme, tuple((p, required_words(p)) for p in patterns)) for theme, patterns in compiled().items())


def required_words(pattern: re.Pattern) -> str:
    """The longest run of plain ASCII characters every match of `pattern` contains, in lower case
    ("domestic" for "\\bdomestic\\s+(?:abuse|violence)"); "" where there is none or the pattern
    can't be read. Only the pattern's own sequence and its groups are read (not alternatives,
    optional parts or look-arounds), so the words are in every match."""
    try:
        from re import _parser  # Python's own reader of patterns (3.11+)
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # another Python's internals: no words, every pattern is searched
        return ""
    runs: list[str] = []

    def read(sequence) -> None:
        run = ""
        for op, arg in sequence:
            if op is _parser.LITERAL and arg < 128:
                run += chr(arg)
                continue
            runs.append(run)
            run = ""
            if op is _parser.SUBPATTERN:
                read(arg[-1])
            elif op in (_parser.MAX_REPEAT, _parser.MIN_REPEAT) and arg[0] >= 1:
                read(arg[2])  # matched at least once
        runs.append(run)

    read(parsed.data)
    return max(runs, key=len).lower()


def find_themes(text: str) -> list[tuple[str, int, int]]:
    """(theme id, start, end) of each theme in `text`: its first trigger, in text order."""
    # a pattern whose words are not in the lowered text can't match: most are not searched
    lowered = folded(text)
    found = []
    for theme, patterns in _with_required_words():
        hits = [m for p, words in patterns if (lowered is None or words in lowered) and (m := p.search(text))]
        if hits:
            first = min(hits, key=lambda m: (m.start(), -m.end()))
            found.append((theme, first.start(), first.end()))
    return sorted(found, key=lambda t: (t[1], t[0]))


def themes_of(doc, span, fallback_text: str = "") -> tuple[Theme, ...]:
    """The themes of the words at `span` of `doc`, each with the span of its trigger words.

    Without a span (or when the span's words trigger nothing), the themes of
    `fallback_text` (a recommendation's text as the record gives it), without evidence.
    """
    if span is not None and 0 <= span.start < span.end <= len(doc.text):
        words = doc.text[span.start:span.end]
        found = find_themes(words)
        if found:
            return tuple(Theme(theme, doc.span(span.start + s, span.start + e), " ".join(words[s:e].split()))
                         for theme, s, e in found)
    return tuple(Theme(theme, None, " ".join(fallback_text[s:e].split()))
                 for theme, s, e in find_themes(fallback_text))
