"""Where a report names an organisation: the patterns, before any register is asked.

`mask_boilerplate` blanks the inspectorate's standard paragraphs (licence,
copyright, its description of itself, addresses, web and mail addresses) so no
organisation comes from them; offsets stay the same. `find_candidates` gives
every stretch of the remaining text that looks like an organisation's name,
with a kind that says which pattern found it. entities.py resolves them.

Names are found from their last words ("... NHS Foundation Trust", "...
Constabulary", "... Safeguarding Children Board") by walking back over the
capitalised words before them, so a name is never cut from a sentence by a
guess about how long it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# -- Boilerplate ---------------------------------------------------------------

# A line (one paragraph) with any of these is the publisher's standard text.
# [^\S\n] is a space that is not a line break: no cue runs over two lines, so the
# patterns can be run over the whole text at once (a search per line was slow).
BOILERPLATE_CUES = re.compile(
    r"Open Government Licen[cs]e|nationalarchives|National Archives|Crown copyright"
    r"|may be reproduced in whole or in part|copies of this report are obtainable"
    r"|regulates and inspects to achieve excellence|in a different format, such as large print"
    r"|Interested in our work|subscribe to our monthly newsletter|This report is available at"
    r"|^[^\S\n]*(?:Textphone|Tel(?:ephone)?|T|E|W|Email|Website)[^\S\n]*:",
    re.I | re.M,
)
# The same cues, fast: the phrases (lower case) found by str.find in the lowered text,
# the contact-line cue by its own regex. A case-insensitive alternation of phrases has
# no first letter to skip ahead by and took 12 ms a report; this takes well under one.
BOILERPLATE_PHRASES = (
    "open government licence", "open government license", "nationalarchives", "national archives",
    "crown copyright", "may be reproduced in whole or in part", "copies of this report are obtainable",
    "regulates and inspects to achieve excellence", "in a different format, such as large print",
    "interested in our work", "subscribe to our monthly newsletter", "this report is available at",
)
CONTACT_LINE = re.compile(r"^[^\S\n]*(?:Textphone|Tel(?:ephone)?|T|E|W|Email|Website)[^\S\n]*:", re.I | re.M)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[^\S\n]*\d[A-Z]{2}\b")
WEB_OR_MAIL = re.compile(r"<?(?:https?://|www\.)\S+|\S+@\S+")


def boilerplate_cue_lines(text: str) -> set[tuple[int, int]]:
    """The spans of the lines where BOILERPLATE_CUES matches (no cue runs over a line break)."""
    lowered = folded(text)
    if lowered is None:  # str.find in the lowered text could differ from the regex: the regex
        return {_line_at(text, m.start()) for m in BOILERPLATE_CUES.finditer(text)}
    lines = {_line_at(text, m.start()) for m in CONTACT_LINE.finditer(text)}
    for phrase in BOILERPLATE_PHRASES:
        pos = lowered.find(phrase)
        while pos >= 0:
            line = _line_at(text, pos)
            lines.add(line)
            pos = lowered.find(phrase, line[1])
    return lines


def mask_boilerplate(text: str) -> str:
    """The text with boilerplate lines, addresses and web/mail addresses blanked (same length)."""
    blanks = boilerplate_cue_lines(text)
    for m in scan(POSTCODE, text):
        start, end = _line_at(text, m.start())
        if end - start < 200:  # an address, not a paragraph that mentions a postcode
            blanks.add((start, end))
    for start, end in _lines_with(text, ("@", "www.", "http")):  # \S+: a match never leaves its line
        blanks.update((start + a, start + b) for a, b in (m.span() for m in WEB_OR_MAIL.finditer(text[start:end])))
    out, done = [], 0
    for start, end in sorted(blanks):
        start = max(start, done)
        if end > start:
            out += [text[done:start], " " * (end - start)]
            done = end
    out.append(text[done:])
    return "".join(out)


def _lines_with(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """The spans of the lines with any of `words` in them, in order (found by str.find: fast)."""
    lines = set()
    for word in words:
        pos = text.find(word)
        while pos >= 0:
            start, end = _line_at(text, pos)
            lines.add((start, end))
            pos = text.find(word, end)
    return sorted(lines)


def _line_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the line (without its line break) that `pos` is on."""
    end = text.find("\n", pos)
    return text.rfind("\n", 0, pos) + 1, len(text) if end < 0 else end


# -- Walking back over a name --------------------------------------------------

# Capitalised words that start a sentence or a clause, not a name.
NOT_NAME = {
    "The", "A", "An", "This", "These", "That", "Those", "In", "On", "At", "By", "For", "From",
    "With", "Within", "However", "Both", "Also", "And", "But", "Although", "While", "Whilst",
    "When", "Where", "As", "All", "Each", "Our", "Their", "Its", "Since", "Following", "Through",
    "Under", "Between", "Inspectors", "Partners", "Senior", "Staff", "Other", "Some", "Most",
    "Many", "If", "Recently", "Currently", "Overall", "Further", "Key", "Previously", "Both",
    "Local", "Children", "Leaders", "Managers", "Workers", "It", "There", "Here", "Dear",
    "Authority", "Members", "Representatives", "Is", "Are", "Was", "Were",
    # job titles before a body's name: "Head of Safeguarding East Sussex CCGs"
    "Chair", "Chief", "Nurse", "Head", "Director", "Designated", "Named", "Lead", "Manager",
    "Officer", "Executive", "Deputy", "Assistant", "Safeguarding",
}
# The last words of another organisation's name: a walk back stops there, so
# "X NHS Trust and Y NHS Trust" gives two names, not one.
NAME_ENDS = {"Trust", "Trusts", "Police", "Constabulary", "Board", "Boards", "Council",
             "Councils", "CCG", "CCGs", "ICB", "Programme"}
# a full stop ends a sentence, but not inside a place name ("St. Helens")
ABBREVIATIONS = {"St."}
CONNECTORS = {"and", "of", "upon", "on", "&", "in", "with", "under"}
WORD = re.compile(r"[A-Z0-9][\w'\u2019\-.]*$")


def walk_back(text: str, pos: int, connectors=CONNECTORS, max_words: int = 9,
              ends=NAME_ENDS) -> tuple[int, bool]:
    """Start of the run of capitalised words ending just before `pos`.

    Returns (start, clean): clean is False when the walk stopped at another
    name's last word or at the word limit, so the start may belong to
    something else (a signature's person name, a previous organisation).
    """
    line_start = max(text.rfind("\n", 0, pos), text.rfind("\t", 0, pos)) + 1  # a tab: a table cell
    words = list(re.finditer(r"\S+", text[line_start:pos]))
    start, pending, clean, taken = pos, None, True, 0
    for w in reversed(words):
        word = w.group()
        if word[-1] in ",;:()[]\"":
            break
        if word[0] in "(\"[":  # "(Adoption Leadership Board data": the name starts inside
            inner = word[1:]
            if WORD.match(inner) and inner not in NOT_NAME and inner not in ends and not inner.endswith("."):
                start = line_start + w.start() + 1
            break
        if word in connectors:
            pending = pending or line_start + w.start()
            continue
        if word in ends:
            clean = False
            break
        if not WORD.match(word) or word in NOT_NAME or (word.endswith(".") and word not in ABBREVIATIONS):
            break
        taken += 1
        if taken > max_words:
            clean = False
            break
        start, pending = line_start + w.start(), None
    return start, clean


# -- Candidates ----------------------------------------------------------------


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # which pattern: nhs-trust, pct, nhs-place, ccg, icb, police, police-generic, ...
    text: str
    clean: bool = True
    info: dict = field(default_factory=dict)


def _walked(text: str, m: re.Match, kind: str, connectors=CONNECTORS, need_words: bool = True,
            ends=NAME_ENDS, **info) -> Candidate | None:
    start, clean = walk_back(text, m.start(), connectors, ends=ends)
    if need_words and start == m.start():
        return None
    return Candidate(start, m.end(), kind, text[start:m.end()], clean,
                     {"head": text[start:m.start()].strip(), **info})


TRUST_END = re.compile(
    r"\b(?:(?:University\s+)?NHS\s+Foundation\s+Trust|(?:University\s+)?NHS\s+Trust|Foundation\s+Trust"
    r"|NHS\s+FT|(?<!Primary )Care\s+Trust(?:\s+Plus)?|Mental\s+Health\s+Trust|Hospitals?\s+Trust"
    r"|Healthcare\s+Trust|Community\s+Health\s+Services\s+Trust)s?\b"
)
# "East of England Ambulance Service": a trust named without "NHS Trust" (register names only).
NHS_SERVICE_END = re.compile(r"\bAmbulance\s+Service\b(?!\s+(?:NHS|Trust))")
PCT_END = re.compile(r"\b(?:Primary\s+Care\s+Trust(s?)|PCT(s?))\b")
NHS_PLACE = re.compile(r"\bNHS\s+[A-Z][\w'\u2019\-]*(?:\s+(?:and\s+|upon\s+|on\s+|of\s+)?[A-Z][\w'\u2019\-]*)*")
CCG_END = re.compile(r"\b(?:Clinical\s+Commissioning\s+Group(s?)|CCG(s?))\b")
ICB_END = re.compile(r"\b(?:Integrated\s+Care\s+Board(s?)|ICB(s?))\b")
POLICE = re.compile(r"\b(?:Police(?:\s+(?:Service|Force))?|Constabulary|Force)\b")
POLICE_GENERIC = re.compile(r"\b[Pp]olice\b(?!\s+and\s+Crime|\s+and\s+Criminal|\s+Scotland|\s+Service\s+of\s+Northern)")
SB_END = re.compile(
    r"\b(?:Local\s+)?(?:Safeguarding\s+Children(?:'s|\u2019s|s'|s\u2019|s)?"
    r"|Children(?:'s|\u2019s)?\s+(?:Local\s+)?Safeguarding)"
    r"\s+(Board|Partnership|Arrangements)s?\b"
    r"|\b(?:Local\s+)?Safeguarding\s+(Adults?)\s+Board\b"
    r"|\b(Adults?)\s+Safeguarding\s+Board\b",  # "the Adult Safeguarding Board"
    re.I,
)
# "Leeds Local Safeguarding Partnership", "the local safeguarding partnership": since 2019
# the children's safeguarding partnership. Without "Local" only a capitalised name after
# a place ("Wirral Safeguarding Partnership"), not "safeguarding partnership arrangements".
SB_PARTNERSHIP = re.compile(r"\b(?:(?i:local)\s+(?i:safeguarding\s+partnership)|Safeguarding\s+Partnership)\b"
                            r"(?!\s+(?:[Aa]rrangements|[Bb]oard))")
SB_ACRONYM = re.compile(r"\b([A-Za-z]{0,4}?)(LSCB|SCB|LSCP|SCP)s?\b")
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z&]{1,9})\)")

# Named boards and partnerships a report writes in lower case too.
KNOWN_BOARDS = re.compile(
    r"\b(?:health\s+and\s+well-?being\s+board|corporate\s+parenting\s+(?:board|panel)"
    r"|improvement\s+board|partnership\s+board|children(?:'s|\u2019s)\s+trust\s+board"
    r"|community\s+safety\s+partnership)s?\b",
    re.I,
)
CAP_BOARD = re.compile(r"\bBoards?\b")
CAP_PARTNERSHIP = re.compile(r"\bPartnership(?:\s+Board)?s?\b")
PARTNERSHIP_WORDS = re.compile(
    r"Children|Young\s+People|Families|Community\s+Safety|Strategic|Improvement|Health\s+and\s+Care"
    r"|Domestic\s+Abuse")
IMPROVEMENT_PROGRAMME = re.compile(r"\bImprovement\s+(?:Programme|Alliance)\b")
NOT_BOARDS = re.compile(r"Safeguarding|Integrated\s+Care|Youth\s+Justice|Parole|Exam|School|Adoption\s+Panel", re.I)

# "Her Majesty's ", "His Majesty's ", "HM ", "HMI " before an inspectorate's name.
HM = r"\b(?:H(?:er|is)\s+Majesty(?:'s|\u2019s)\s+|HMI?\s+)"
HMIC = "HMIC"  # a placeholder name: HMIC before 19 July 2017, HMICFRS since (orgresolve)

# National bodies a report names by a fixed name: (pattern, name, type, partner?).
LISTED = [
    (r"\bOfsted\b|Office\s+for\s+Standards\s+in\s+Education", "Ofsted", "regulator", False),
    (r"\bCare\s+Quality\s+Commission\b|\bCQC\b", "Care Quality Commission", "regulator", False),
    # the inspectorates of the police, probation and prisons, however written ("HMI Constabulary
    # and Fire & Rescue Services", "His Majesty's Inspectorate of Probation", "HMI Prob"); one
    # name each, so a report's several forms are one body (HMIC's name is the date's: orgresolve)
    (HM + r"(?:Inspector(?:ate)?\s+of\s+)?Constabulary(?:\s+and\s+Fire\s+(?:&|and)\s+Rescue\s+Services)?"
     r"|\bHMICFRS\b|\bHMIC\b", HMIC, "regulator", False),
    (HM + r"(?:Inspector(?:ate)?\s+of\s+)?Probation\b|\bHMI\s+Prob\b", "HMI Probation", "regulator", False),
    (HM + r"(?:Inspector(?:ate)?\s+of\s+)?Prisons\b", "HMI Prisons", "regulator", False),
    (r"\bDepartment\s+for\s+Education\b|\bDfE\b", "Department for Education", "government-department", False),
    (r"\bDepartment\s+for\s+Children,\s+Schools\s+and\s+Families\b|\bDCSF\b",
     "Department for Children, Schools and Families", "government-department", False),
    (r"\bDepartment\s+of\s+Health(?:\s+and\s+Social\s+Care)?\b", None, "government-department", False),
    (r"\bHome\s+Office\b", "Home Office", "government-department", False),
    (r"\bMinistry\s+of\s+Justice\b", "Ministry of Justice", "government-department", False),
    (r"\bBarnardo(?:'s|\u2019s|s)\b", "Barnardo's", "voluntary-organisation", True),
    (r"\bNSPCC\b|National\s+Society\s+for\s+the\s+Prevention\s+of\s+Cruelty\s+to\s+Children", "NSPCC",
     "voluntary-organisation", True),
    (r"\bWomen(?:'s|\u2019s)\s+Aid\b", "Women's Aid", "voluntary-organisation", True),
    (r"\bAction\s+for\s+Children\b", "Action for Children", "voluntary-organisation", True),
    (r"\bThe\s+Children(?:'s|\u2019s)\s+Society\b", "The Children's Society", "voluntary-organisation", True),
    (r"\bCatch22\b", "Catch22", "voluntary-organisation", True),
    (r"\bFamily\s+Action\b", "Family Action", "voluntary-organisation", True),
    (r"\bHome-Start\b", "Home-Start", "voluntary-organisation", True),
    (r"\bVictim\s+Support\b", "Victim Support", "voluntary-organisation", True),
    (r"\bNational\s+Youth\s+Advocacy\s+Service\b|\bNYAS\b", "National Youth Advocacy Service",
     "voluntary-organisation", True),
    (r"\bCoram(?:\s+Voice)?\b", None, "voluntary-organisation", True),
    (r"\bThe\s+Prince(?:'s|\u2019s)\s+Trust\b", "The Prince's Trust", "voluntary-organisation", True),
    (r"\bCafcass\b|Children\s+and\s+Family\s+Court\s+Advisory\s+and\s+Support\s+Service", "Cafcass",
     "other", True),
    (r"\bNational\s+Probation\s+Service\b|\bNPS\b", "National Probation Service", "other", True),
    (r"\bNHS\s+England\b", "NHS England", "other", False),  # national: commissions, not a local partner
    (r"\bLocal\s+Government\s+Association\b", "Local Government Association", "other", False),
    (r"\bYouth\s+Justice\s+Board\b", "Youth Justice Board", "other", False),
    (r"\bMARACs?\b|\bMulti[- ]Agency\s+Risk\s+Assessment\s+Conferences?\b", "MARAC",
     "multi-agency-arrangement", False),
    (r"\bMAPPA\b|\bMulti[- ]Agency\s+Public\s+Protection\s+Arrangements?\b", "MAPPA",
     "multi-agency-arrangement", False),
    (r"\bMASH\b|\bMulti[- ]Agency\s+Safeguarding\s+Hubs?\b", "MASH", "multi-agency-arrangement", False),
    (r"\bChildren\s+in\s+Care\s+(?:\(CiC\)\s+)?[Cc]ouncil\b|\bCiCC\b", "Children in Care Council", "forum",
     False),
    (r"\bCare\s+Leavers(?:'|\u2019)?\s+Forum\b", "Care Leavers' Forum", "forum", False),
]
LISTED = [(re.compile(p), name, kind, partner) for p, name, kind, partner in LISTED]

# Regional adoption agencies: "Adopt East", "Adopt North East", "One Adoption West Yorkshire".
ADOPTION = re.compile(
    r"\b(?:Adopt|One\s+Adoption)\s+(?:(?:North|South|East|West|Central|London|Thames|Coast|Black|Midlands"
    r"|Yorkshire|Valley|Country|to|and|Cumbria|Lancashire|Birmingham|Derbyshire)\b\s*)+"
    r"|\bAdoption\s+(?:Counts|Now|West|Matters|Tees\s+Valley|in\s+Merseyside|Partnership\s+South\s+East"
    r"|Central\s+England|South\s+West)\b"
)
RAA_NAMED = re.compile(r"\bregional\s+adoption\s+(?:agency|alliance|service)\s*(?:\(|,\s*)([A-Z][^),.;]{2,40})")


# -- Scanning a whole report fast ---------------------------------------------------

# A pattern that starts with \b gives Python's regex engine no first letter to
# skip ahead by, so it is tried at every position of the text: on a report,
# "\bCafcass\b" takes 16 times as long as "Cafcass\b". `scan` finds where looser
# patterns match (together a superset of the places where the pattern can start)
# and tries the pattern itself only there, so it gives exactly what finditer gives.
# The looser patterns are the pattern's alternatives without their \b's, or ones
# written for it (the words a match must start with) where it starts with a group
# or is case-insensitive: a case-insensitive pattern has no first letter either, so
# its looser patterns are searched in the lowered text (see `folded`). Each looser
# pattern starts with a word, which the engine finds ten times as fast as any of
# several first letters ("Adopt" and "One" searched apart, not "Adopt|One").
_LOOSE: dict[re.Pattern, tuple[tuple[re.Pattern, ...], bool]] = {}  # -> (looser patterns, in lowered text?)


def _alternatives(source: str) -> list[str]:
    """The top-level alternatives of a pattern's source: "a|b(?:c|d)" -> ["a", "b(?:c|d)"]."""
    parts, start, depth, in_class, i = [], 0, 0, False, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2  # an escaped character
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            i += source.startswith("^", i + 1)
            i += source.startswith("]", i + 1)  # "[]" or "[^]": the "]" is in the class
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    return parts + [source[start:]]


def _loosen(*patterns: re.Pattern) -> None:
    """Each pattern's alternatives, without their \b's, are its looser patterns."""
    for pattern in patterns:
        _prefilter(pattern, pattern.pattern.replace(r"\b", ""), flags=pattern.flags)


def _prefilter(pattern: re.Pattern, loose: str, lowered: bool = False, flags: int = 0) -> None:
    """`loose` must match (in the text, or in the lowered text) wherever `pattern` can start."""
    _LOOSE[pattern] = (tuple(re.compile(alternative, flags) for alternative in _alternatives(loose)), lowered)


# re.I matches "s" to the long s and "i" to the dotless i, which lower() leaves as they are
FOLDS_TO_ASCII = ("\u017f", "\u0131")


def folded(text: str) -> str | None:
    """text.lower(), where a case-insensitive match of ASCII words in `text` is a plain match
    of lower-case words at the same offsets in it; else None (the patterns are run as they are)."""
    lowered = text.lower()
    if len(lowered) != len(text) or any(ch in text for ch in FOLDS_TO_ASCII):
        return None
    return lowered


def scan(pattern: re.Pattern, text: str, lowered: str | None = None):
    """pattern.finditer(text), faster for the patterns given looser ones; `lowered` is folded(text)."""
    loose, in_lowered = _LOOSE.get(pattern, (None, False))
    if loose is None or (in_lowered and lowered is None):
        return pattern.finditer(text)
    return scan_where(pattern, loose, text, lowered if in_lowered else text)


def scan_where(pattern: re.Pattern, loose, text: str, haystack: str | None = None):
    """pattern.finditer(text), trying `pattern` only where `loose` (a pattern or a tuple of them)
    matches in `haystack` (the text, or its lowered form): it must match wherever `pattern` can start."""
    match, pos = pattern.match, 0
    for start in _starts(loose if isinstance(loose, tuple) else (loose,), text if haystack is None else haystack):
        if start < pos:
            continue  # inside the last match: finditer goes on after it
        if m := match(text, start):  # the pattern itself, looking behind `start` as finditer would
            yield m
            pos = max(m.end(), start + 1)


def _starts(patterns: tuple[re.Pattern, ...], text: str) -> list[int]:
    """Every place where one of `patterns` matches, in order."""
    starts = set()
    for pattern in patterns:
        search, pos = pattern.search, 0
        while hit := search(text, pos):
            starts.add(hit.start())
            pos = hit.start() + 1
    return sorted(starts)


def scan_back(pattern: re.Pattern, anchor: re.Pattern, text: str, reach: int):
    """pattern.finditer(text) for a pattern whose every match has a match of `anchor` (which
    cannot overlap itself) at most `reach` characters after its start: the pattern is tried
    only at those places, in order, so the matches are exactly finditer's."""
    match, pos = pattern.match, 0
    for hit in anchor.finditer(text):
        for start in range(max(pos, hit.start() - reach), hit.start() + 1):
            if m := match(text, start):
                yield m
                pos = max(m.end(), start + 1)
                break


_loosen(NHS_SERVICE_END, NHS_PLACE, CAP_BOARD, CAP_PARTNERSHIP, IMPROVEMENT_PROGRAMME, RAA_NAMED,
        *(pattern for pattern, *_ in LISTED))
# the first word of each alternative, where the pattern starts with a group or a class
_prefilter(TRUST_END, r"University|NHS|Foundation|Care|Mental|Hospital|Healthcare|Community")
_prefilter(PCT_END, r"Primary|PCT")
_prefilter(CCG_END, r"Clinical|CCG")
_prefilter(ICB_END, r"Integrated|ICB")
_prefilter(POLICE, r"Police|Constabulary|Force")
_prefilter(POLICE_GENERIC, r"Police|police")
_prefilter(ADOPTION, r"Adopt|One")
_prefilter(POSTCODE, r"[A-Z][A-Z]?\d")  # no word to start with: a capital, then a digit at most one later
# case-insensitive patterns: their first two words, in the lowered text
_prefilter(SB_END, r"local\s+(?:safeguarding|children)|safeguarding\s+(?:children|adult)"
                   r"|children(?:'s|\u2019s)?\s+(?:local\s+)?safeguarding|adults?\s+safeguarding", lowered=True)
_prefilter(SB_PARTNERSHIP, r"local\s+safeguarding\s+partnership|safeguarding\s+partnership", lowered=True)
_prefilter(KNOWN_BOARDS, r"health\s+and\s+well|corporate\s+parenting|improvement\s+board|partnership\s+board"
                         r"|children(?:'s|\u2019s)\s+trust|community\s+safety", lowered=True)
# SB_ACRONYM starts with up to four letters of a prefix, then "L" maybe, then "SCB" or "SCP"
SB_ACRONYM_ANCHOR = re.compile(r"SC[BP]")
SB_ACRONYM_REACH = 5


def find_candidates(text: str) -> list[Candidate]:
    """Every stretch of (masked) text that looks like an organisation's name. Overlaps kept."""
    found: list[Candidate] = []
    add = found.append
    lowered = folded(text)
    for m in scan(TRUST_END, text):
        if c := _walked(text, m, "nhs-trust", suffix=m.group()):
            add(c)
    for m in scan(NHS_SERVICE_END, text):
        if c := _walked(text, m, "nhs-trust", service=True):
            add(c)
    for m in scan(PCT_END, text):
        c = _walked(text, m, "pct", need_words=False, plural=bool(m.group(1) or m.group(2)))
        add(c)
    for m in scan(NHS_PLACE, text):
        add(Candidate(m.start(), m.end(), "nhs-place", m.group()))
    for m in scan(CCG_END, text):
        add(_walked(text, m, "ccg", need_words=False, plural=bool(m.group(1) or m.group(2))))
    for m in scan(ICB_END, text):
        add(_walked(text, m, "icb", need_words=False, plural=bool(m.group(1) or m.group(2))))
    for m in scan(POLICE, text):
        if c := _walked(text, m, "police", connectors={"and", "&", "of"}):
            add(c)
    for m in scan(POLICE_GENERIC, text):
        add(Candidate(m.start(), m.end(), "police-generic", m.group(),
                      info={"article": text[max(0, m.start() - 4):m.start()].lower() == "the "}))
    found.extend(_safeguarding_boards(text, lowered))
    found.extend(_partnership_boards(text, lowered))
    for pattern, name, kind, partner in LISTED:
        for m in scan(pattern, text):
            add(Candidate(m.start(), m.end(), "listed", m.group(),
                          info={"name": name, "type": kind, "partner": partner}))
    for m in scan(ADOPTION, text):
        add(Candidate(m.start(), m.start() + len(m.group().rstrip()), "adoption", m.group().rstrip()))
    for m in scan(RAA_NAMED, text):
        if m.group(1).strip() != "RAA":
            add(Candidate(m.start(1), m.end(1), "adoption", m.group(1).strip()))
    return found


def _safeguarding_boards(text: str, lowered: str | None = None) -> list[Candidate]:
    found = []
    boards = list(scan(SB_END, text, lowered))
    ends = {m.end() for m in boards}
    partnerships = [m for m in scan(SB_PARTNERSHIP, text, lowered) if m.end() not in ends]
    for m in boards + partnerships:
        # "with": "Blackburn with Darwen's Local Safeguarding Children Board"
        start, clean = walk_back(text, m.start(), connectors={"and", "&", "upon", "on", "with"})
        place = text[start:m.start()].strip()
        if m.re is SB_PARTNERSHIP and not place and not m.group().lower().startswith("local"):
            continue  # "Safeguarding Partnership" alone: whose, and is it one body?
        adults = m.re is SB_END and bool(m.group(2) or m.group(3))
        acronym = ACRONYM_AFTER.match(text, m.end())
        found.append(Candidate(
            start, m.end(), "sb", text[start:m.end()], clean,
            {"place": place, "adults": adults,
             "form": (m.group(1) or "Board").title() if m.re is SB_END else "Partnership",
             "acronym": acronym.group(1) if acronym else None,
             "acronym_span": acronym.span(1) if acronym else None},
        ))
    for m in scan_back(SB_ACRONYM, SB_ACRONYM_ANCHOR, text, SB_ACRONYM_REACH):
        prefix, core = m.group(1), m.group(2)
        start = m.start()
        if not prefix and core in ("LSCB", "LSCP", "SCP", "SCB"):
            start, _ = walk_back(text, m.start(), connectors={"and", "&"})
        found.append(Candidate(start, m.end(), "sb-acronym", text[start:m.end()],
                               info={"prefix": prefix, "core": core, "acronym": m.group(0).rstrip("s"),
                                     "place": text[start:m.start()].strip()}))
    return found


def _partnership_boards(text: str, lowered: str | None = None) -> list[Candidate]:
    found = []
    for m in scan(KNOWN_BOARDS, text, lowered):
        if not m.group()[0].isupper():
            if not m.group().endswith("s"):  # "the partnership boards": no one board
                found.append(Candidate(m.start(), m.end(), "board", m.group()))
            continue
        # capitalised words only: "HSCB and Health and Wellbeing Board" is not one name
        start, clean = walk_back(text, m.start(), connectors=())
        found.append(Candidate(start, m.end(), "board", text[start:m.end()], clean))
    known_ends = {c.end for c in found}
    for pattern in (CAP_BOARD, IMPROVEMENT_PROGRAMME):
        for m in scan(pattern, text):
            if m.end() in known_ends:
                continue
            # "the Children's Local Safeguarding Partnership and Serious Youth Violence Board": two
            c = _walked(text, m, "board", connectors={"and", "&", "for", "of"},
                        ends=NAME_ENDS | {"Partnership", "Partnerships"})
            if c and not NOT_BOARDS.search(c.text):
                found.append(c)
    for m in scan(CAP_PARTNERSHIP, text):
        c = _walked(text, m, "board", connectors={"and", "&"})
        if c and PARTNERSHIP_WORDS.search(c.info["head"]) and not NOT_BOARDS.search(c.text):
            found.append(c)
    return found
