"""The fast paths of extraction give exactly what the plain searches they replace give.

Each fast path (a looser pattern searched first, words looked up in the lowered
text, sentences picked by one search of the whole text) is compared here with the
plain search, on the demo reports and on short texts of our own with the awkward
cases: mixed case, hyphens, line breaks inside names, the long s that defeats the
lowered text.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from safeguarding_kg import orgpatterns, registers, themes
from safeguarding_kg.loaders import common, previous, statistics, subject
from safeguarding_kg.text import document_from_text

REPORTS = sorted((Path(__file__).parent.parent / "reports").glob("*.txt"))
OWN = [
    "The Local Safeguarding Children Board (LSCB) and the ESCB met. The LOCAL SAFEGUARDING "
    "CHILDREN BOARD agreed; the Children's Local Safeguarding Partnership and Adults "
    "Safeguarding Board too. The health and wellbeing board, the Corporate Parenting Panel.",
    "Essex Police and the police, Kent Constabulary, Thames Valley Police Force. NHS Dudley, "
    "Dudley Clinical Commissioning Group, the CCGs and PCT. Mid Essex Hospital Services NHS "
    "Trust; South Essex Partnership University NHS Foundation Trust; Adopt East; One Adoption "
    "West Yorkshire. Cafcass, Ofsted, HMI Constabulary, His Majesty's Inspectorate of Probation.",
    "Ofsted, Piccadilly Gate, Manchester M1 2WD\nT: 0300 123 1231\nwww.gov.uk/ofsted\n"
    "This report is available at http://example.org. Crown Copyright 2015. "
    "OPEN GOVERNMENT LICENCE. mail@ofsted.gov.uk\n  tel : 01234",
    "Essex County Council and Essex, x-Essex, Essexx, the Isle of Wight Council, St. Helens, "
    "St Helens Council, North Yorkshire County Council, Royal Borough of Windsor and Maidenhead, "
    "Southend-on-Sea Borough Council, Southend, the City of York Council. Bedfordshire.",
    # the long s and the dotless i: lower() does not give the letters re.I matches them to
    "Local \u017fafeguarding Children Board; Crown copyright; Safeguarding Children Board\u0131.",
]
TEXTS = [p.read_text(encoding="utf-8") for p in REPORTS] + OWN


def spans(matches):
    return [m.span() for m in matches]


@pytest.mark.parametrize("pattern", list(orgpatterns._LOOSE), ids=lambda p: p.pattern[:30])
def test_scan_is_finditer(pattern):
    for text in TEXTS:
        masked = orgpatterns.mask_boilerplate(text)
        lowered = orgpatterns.folded(masked)
        assert spans(orgpatterns.scan(pattern, masked, lowered)) == spans(pattern.finditer(masked))
        # the looser patterns match wherever the pattern can start
        loose, in_lowered = orgpatterns._LOOSE[pattern]
        if in_lowered and lowered is None:
            continue
        starts = set(orgpatterns._starts(loose, lowered if in_lowered else masked))
        assert {p for p in range(len(masked)) if pattern.match(masked, p)} <= starts


def test_sb_acronym_from_its_anchor():
    for text in TEXTS + ["LSCB SCB LSCPs ThurSCB xxLSCB ABCDSCP SCBSCB"]:
        found = orgpatterns.scan_back(orgpatterns.SB_ACRONYM, orgpatterns.SB_ACRONYM_ANCHOR, text,
                                      orgpatterns.SB_ACRONYM_REACH)
        assert spans(found) == spans(orgpatterns.SB_ACRONYM.finditer(text))


def test_alternatives_split_at_the_top_level_only():
    assert orgpatterns._alternatives(r"a|b(?:c|d)|[|]x|\|y") == ["a", "b(?:c|d)", "[|]x", r"\|y"]
    assert orgpatterns._alternatives(r"[]|]|z") == ["[]|]", "z"]


def test_boilerplate_lines_as_the_one_pattern_finds_them():
    for text in TEXTS:
        expected = {orgpatterns._line_at(text, m.start()) for m in orgpatterns.BOILERPLATE_CUES.finditer(text)}
        assert orgpatterns.boilerplate_cue_lines(text) == expected


def test_folded_refuses_texts_whose_lowered_form_misleads():
    assert orgpatterns.folded("Essex") == "essex"
    assert orgpatterns.folded("\u017fafeguarding") is None
    assert orgpatterns.folded("\u0130stanbul") is None  # lower() makes two characters of one


def _councils_word_by_word(text: str, on: str | None = None):
    """find_councils as it was: each word of the text looked up as a council name's first word."""
    by_name = registers._council_index()
    by_first: dict[str, list[str]] = {}
    for name in sorted(by_name, key=len, reverse=True):
        by_first.setdefault(re.match(r"\w+", name).group(), []).append(name)
    found, lowered, resume = [], text.lower(), 0
    for word in re.finditer(r"(?<![\w-])\w+", lowered):
        if word.start() < resume:
            continue
        for name in by_first.get(word.group(), ()):
            end = word.start() + len(name)
            if lowered.startswith(name, word.start()) and not registers._joined(lowered, end):
                if not name.endswith("council") and (tail := registers.COUNCIL_TAIL.match(lowered, end)):
                    end = tail.end()
                rows = by_name[name]
                live = [r for r in rows if registers.in_force(r, on)] or [registers._successor(rows[0], on)]
                live.sort(key=lambda r: r.get("status") == "superseded")
                found.append((live[0]["code"], word.start(), end))
                resume = end
                break
    return found


@pytest.mark.parametrize("on", [None, "2008-01-01", "2024-06-01"])
def test_find_councils_as_word_by_word(on):
    for text in TEXTS:
        found = [(row["code"], start, end) for row, start, end in registers.find_councils(text, on)]
        assert found == _councils_word_by_word(text, on)


def test_letter_tree_matches_exactly_its_words_longest_first():
    pattern = re.compile(registers._letter_tree(["essex", "essex county", "east sussex", "e"]))
    assert pattern.match("essex county council").group() == "essex county"
    assert pattern.match("essex council").group() == "essex"
    assert pattern.match("east sussex").group() == "east sussex"
    assert pattern.match("ex").group() == "e"
    assert pattern.match("sussex") is None


def test_required_words_are_in_every_match():
    assert themes.required_words(re.compile(r"\bdomestic\s+(?:abuse|violence)\b", re.I)) == "domestic"
    assert themes.required_words(re.compile(r"(?:a|b)(?:optional)?x{0,3}", re.I)) == ""
    assert themes.required_words(re.compile(r"(?-i:\bMARACs?\b)", re.I)) == "marac"
    for text in TEXTS:
        if orgpatterns.folded(text) is None:
            continue  # find_themes searches such a text plainly
        for patterns in themes.compiled().values():
            for pattern in patterns:
                words = themes.required_words(pattern)
                assert all(words in m.group().lower() for m in pattern.finditer(text)), pattern.pattern


def _themes_plainly(text: str):
    found = []
    for theme, patterns in themes.compiled().items():
        hits = [m for p in patterns if (m := p.search(text))]
        if hits:
            first = min(hits, key=lambda m: (m.start(), -m.end()))
            found.append((theme, first.start(), first.end()))
    return sorted(found, key=lambda t: (t[1], t[0]))


def test_find_themes_as_every_pattern_searched():
    paragraphs = [p for text in TEXTS for p in text.split("\n") if p.strip()]
    paragraphs.append("Children who go missing and \u017fexual exploitation; DOMESTIC ABUSE; Return Home Interviews")
    for paragraph in paragraphs:
        assert themes.find_themes(paragraph) == _themes_plainly(paragraph)


def test_statistics_first_match_as_search():
    own = ("There are 1,575 looked after children and 298,460 CHILDREN AND YOUNG PEOPLE below the age "
           "of 18; 829 children subject to child protection plans, 12 care leavers, 1,2 children living in"
           " the area and a population of about 5,000 children. 70 approved fostering households.")
    for text in TEXTS + [own]:
        lowered = orgpatterns.folded(text)
        for patterns in statistics.PATTERNS.values():
            for pattern in patterns:
                for start, end in ((0, len(text)), (len(text) // 3, len(text) // 2)):
                    found = statistics._first_match(pattern, text, lowered, start, end)
                    plain = pattern.search(text, start, end)
                    assert (found and found.span()) == (plain and plain.span())


def test_sentences_near_last_inspection_are_every_sentence_that_matches():
    own = ("At the last inspection in 2018, services were judged good. The previous\ninspection was "
           "in May 2014. Nothing here. Services were JUDGED to require improvement. Last\n"
           "full inspection")
    for text in TEXTS + [own]:
        plain = [m.span() for m in re.finditer(r"[^.\n]+[.\n]?", text)
                 if previous._LAST_INSPECTION.search(m.group(0))]
        near = [m.span() for m in previous._sentences_near_last_inspection(text)]
        assert set(plain) <= set(near)
        doc = document_from_text(text)
        assert previous.recalled_overall_judgements(doc) == _overall_judgements_every_sentence(doc)


def _overall_judgements_every_sentence(doc):
    """recalled_overall_judgements with every sentence read (as it was)."""
    original = previous._sentences_near_last_inspection
    previous._sentences_near_last_inspection = lambda text: re.finditer(r"[^.\n]+[.\n]?", text)
    try:
        return previous.recalled_overall_judgements(doc)
    finally:
        previous._sentences_near_last_inspection = original


def test_addresses_blanked_line_by_line_as_in_one_pass():
    for text in TEXTS:
        whole = subject._ADDRESSES.sub(lambda m: " " * len(m.group(0)), text)
        assert subject._without_addresses(text) == whole


def test_strip_markup_without_markup_is_the_text():
    assert common.strip_markup("Good, and nothing to strip") == "Good, and nothing to strip"
    assert common.strip_markup("**adequate** and __good__") == "adequate and good"
