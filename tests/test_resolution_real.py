"""Organisations in the real Ofsted PDFs resolve to the register codes checked by hand.

Each expectation below was checked by reading the report (its text around the
mention) and the register row (src/safeguarding_kg/data/*.csv) for the
inspection's date. Safeguarding boards have no register: they resolve to the
board of a council, keyed ("sb", GSS code, "children" | "adults").

Each PDF is read once per test session (lru_cache): the whole module takes a
few seconds.
"""
from functools import lru_cache
from pathlib import Path

import pytest

from safeguarding_kg.entities import organisation_mentions
from safeguarding_kg.loaders import loader_for
from safeguarding_kg.text import read_document

REAL = Path(__file__).resolve().parents[2] / "shared" / "real-reports"
pytestmark = pytest.mark.skipif(not REAL.is_dir(), reason="shared/real-reports is not beside the checkout")


@lru_cache(maxsize=None)
def mentions(report: str) -> tuple[tuple[str, str, str, str | None, tuple], ...]:
    """(form as written, organisation name, type, code, key) for every mention in one real report."""
    doc = read_document(REAL / f"{report}.pdf")
    record = loader_for(doc).load(doc)
    return tuple((" ".join(m.form.split()), org.name, org.type, org.code, m.key)
                 for org, group in organisation_mentions(doc, record) for m in group)


def resolved(report: str, form: str) -> set[tuple[str, str | None]]:
    """The (type, code) every mention written exactly `form` resolved to."""
    found = {(type_, code) for f, _, type_, code, _ in mentions(report) if f == form}
    assert found, f"{form!r} not found in {report}"
    return found


def names(report: str) -> set[str]:
    return {name for _, name, _, _, _ in mentions(report)}


# -- NHS bodies (ODS codes) ---------------------------------------------------------

NHS = [
    # 2013: a trust, a foundation trust written without "NHS" (a care-trust T-code), a new CCG
    ("sandwell_2013-08-02_childrens-services-inspection", "Sandwell and West Birmingham NHS Trust",
     "nhs-trust", "RXK"),
    ("sandwell_2013-08-02_childrens-services-inspection", "Black Country Partnership Foundation Trust",
     "nhs-trust", "TAJ"),
    ("sandwell_2013-08-02_childrens-services-inspection",
     "Sandwell and West Birmingham Clinical Commissioning Group", "clinical-commissioning-group", "05L"),
    ("central-bedfordshire_2016-05-10_jtai", "NHS Bedfordshire CCG", "clinical-commissioning-group", "06F"),
    # the trust's name before "Teaching" was added; the ambulance trust named without "NHS Trust"
    ("hertfordshire_2015-11-27_childrens-services-inspection", "East and North Hertfordshire NHS Trust",
     "nhs-trust", "RWH"),
    ("hertfordshire_2015-11-27_childrens-services-inspection", "East of England Ambulance Service",
     "nhs-trust", "RYC"),
    ("east-sussex_2020-04-14_jtai", "East Sussex Healthcare NHS Trust", "nhs-trust", "RXC"),
    ("east-sussex_2020-04-14_jtai", "East Sussex Healthcare Trust", "nhs-trust", "RXC"),
    # a CCG name with a comma in it, in a list of signatories; both CCGs closed a month later
    ("east-sussex_2020-04-14_jtai", "NHS Eastbourne, Hailsham and Seaford CCG",
     "clinical-commissioning-group", "09F"),
    ("east-sussex_2020-04-14_jtai", "NHS Hastings and Rother CCG", "clinical-commissioning-group", "09P"),
    ("hertfordshire_2024-12-12_jtai", "Hertfordshire and West Essex Integrated Care Board",
     "integrated-care-board", "QM7"),
    ("southend-on-sea_2023-06-09_send-area-inspection", "NHS Mid and South Essex ICB",
     "integrated-care-board", "QH8"),
    ("southend-on-sea_2023-06-09_send-area-inspection", "Mid and South Essex Integrated Care Board",
     "integrated-care-board", "QH8"),
    # "responsibility ... passed from the Southend Clinical Commissioning Group to the ... ICB":
    # the CCG closed in 2022, the report of 2023 looks back at it
    ("southend-on-sea_2023-06-09_send-area-inspection", "Southend Clinical Commissioning Group",
     "clinical-commissioning-group", "99G"),
]


@pytest.mark.parametrize("report, form, type_, code", NHS, ids=[f"{r[:12]}:{f}" for r, f, _, _ in NHS])
def test_nhs_bodies_resolve_to_their_ods_code(report, form, type_, code):
    assert resolved(report, form) == {(type_, code)}


def test_a_generic_icb_resolves_to_the_one_icb_the_report_names():
    assert resolved("southend-on-sea_2023-06-09_send-area-inspection", "ICB") == {
        ("integrated-care-board", "QH8")}


# -- Police forces (police.uk ids) --------------------------------------------------

POLICE = [
    ("bolton_2014-03-21_childrens-services-inspection", "Greater Manchester Police", "greater-manchester"),
    ("herefordshire_2014-06-30_childrens-services-inspection", "West Mercia Police", "west-mercia"),
    ("halton_2015-02-03_childrens-services-inspection", "Cheshire Police", "cheshire"),
    ("blackburn-with-darwen_2017-12-08_childrens-services-inspection", "Lancashire Constabulary", "lancashire"),
    ("greenwich_2018-05-09_jtai", "Metropolitan Police Service", "metropolitan"),
    ("greenwich_2018-05-09_jtai", "Metropolitan Police", "metropolitan"),
    ("east-sussex_2020-04-14_jtai", "Sussex Police", "sussex"),
    ("hertfordshire_2024-12-12_jtai", "Hertfordshire Police", "hertfordshire"),
    ("leeds_2024-05-16_jtai", "West Yorkshire Police", "west-yorkshire"),
    ("doncaster_2025-03-18_childrens-services-inspection", "South Yorkshire Police", "south-yorkshire"),
    # "the police" only: the force covering the subject authority
    ("essex_2014-03-21_childrens-services-inspection", "police", "essex"),
    ("southend-on-sea_2016-07-07_childrens-services-inspection", "police", "essex"),
    ("tameside_2024-02-13_childrens-services-inspection", "police", "greater-manchester"),
    ("middlesbrough_2026-07-28_childrens-services-inspection", "police", "cleveland"),
]


@pytest.mark.parametrize("report, form, code", POLICE, ids=[f"{r[:12]}:{f}" for r, f, _ in POLICE])
def test_police_forces_resolve_to_their_police_uk_id(report, form, code):
    assert resolved(report, form) == {("police-force", code)}


# -- Councils (ONS GSS codes) -------------------------------------------------------

COUNCILS = [
    ("sandwell_2013-08-02_childrens-services-inspection", "Sandwell Metropolitan Borough Council", "E08000028"),
    ("blackburn-with-darwen_2017-12-08_childrens-services-inspection", "Lancashire County Council",
     "E10000017"),
    ("east-sussex_2020-04-14_jtai", "East Sussex County Council", "E10000011"),
    # Southend became a city in 2022: the new name is the same council
    ("southend-on-sea_2023-06-09_send-area-inspection", "Southend-on-Sea City Council", "E06000033"),
    ("southend-on-sea_2024-12-03_childrens-services-inspection", "Southend City Council", "E06000033"),
    ("cambridgeshire_2024-05-16_childrens-services-inspection", "Peterborough City Council", "E06000031"),
    ("leeds_2024-05-16_jtai", "Leeds City Council", "E08000035"),
    # the county council was abolished in 2009: in 2024 its name means the unitary Shropshire Council
    ("shropshire_2024-08-30_focused-visit", "Shropshire County Council", "E06000051"),
    ("doncaster_2025-03-18_childrens-services-inspection", "City of Doncaster Council", "E08000017"),
]


@pytest.mark.parametrize("report, form, code", COUNCILS, ids=[f"{r[:12]}:{f}" for r, f, _ in COUNCILS])
def test_councils_resolve_to_their_gss_code(report, form, code):
    assert resolved(report, form) == {("local-authority", code)}


# -- Safeguarding boards and partnerships (the council's board) ----------------------

BOARDS = [
    ("bolton_2014-03-21_childrens-services-inspection", "Bolton Safeguarding Children Board", "E08000001",
     "children"),
    ("bolton_2014-03-21_childrens-services-inspection", "BSCB", "E08000001", "children"),
    ("herefordshire_2014-06-30_childrens-services-inspection", "Herefordshire’s Safeguarding Children’s Board",
     "E06000019", "children"),
    ("essex_2014-03-21_childrens-services-inspection", "Adult Safeguarding Board", "E10000012", "adults"),
    ("halton_2015-02-03_childrens-services-inspection", "HSCB", "E06000006", "children"),
    ("southend-on-sea_2016-07-07_childrens-services-inspection", "Southend LSCB", "E06000033", "children"),
    ("blackburn-with-darwen_2017-12-08_childrens-services-inspection",
     "Blackburn with Darwen’s Local Safeguarding Children Board", "E06000008", "children"),
    ("greenwich_2018-05-09_jtai", "GSCB", "E09000011", "children"),
    ("blackpool_2019-01-17_childrens-services-inspection", "BSCB", "E06000009", "children"),
    ("east-sussex_2020-04-14_jtai", "East Sussex Safeguarding Children Partnership", "E10000011", "children"),
    ("wakefield_2020-12-18_focused-visit", "WSCP", "E08000036", "children"),
    ("westminster_2022-07-20_focused-visit", "Children’s Local Safeguarding Partnership", "E09000033",
     "children"),
    ("leeds_2024-05-16_jtai", "Leeds Local Safeguarding Partnership", "E08000035", "children"),
    ("leeds_2024-05-16_jtai", "LSCP", "E08000035", "children"),
    ("hertfordshire_2024-12-12_jtai", "HSCP", "E10000015", "children"),
    ("hertfordshire_2024-12-12_jtai", "Hertfordshire Safeguarding Adults Board", "E10000015", "adults"),
]


@pytest.mark.parametrize("report, form, code, which", BOARDS, ids=[f"{r[:12]}:{f}" for r, f, _, _ in BOARDS])
def test_safeguarding_boards_resolve_to_their_councils_board(report, form, code, which):
    keys = {key for f, _, type_, _, key in mentions(report) if f == form and type_ == "safeguarding-board"}
    assert keys == {("sb", code, which)}


def test_each_report_has_one_childrens_board():
    for report in ("blackburn-with-darwen_2017-12-08_childrens-services-inspection", "leeds_2024-05-16_jtai",
                   "halton_2015-02-03_childrens-services-inspection", "westminster_2022-07-20_focused-visit"):
        boards = {key for _, _, type_, _, key in mentions(report)
                  if type_ == "safeguarding-board" and key[2] == "children"}
        assert len(boards) == 1, (report, boards)


# -- What is not an organisation, or not that one ------------------------------------


def test_a_name_cut_at_a_comma_is_not_an_organisation():
    assert "Hailsham and Seaford CCG" not in names("east-sussex_2020-04-14_jtai")


def test_two_bodies_joined_by_and_are_not_one_board():
    got = names("westminster_2022-07-20_focused-visit")
    assert "Partnership and Serious Youth Violence Board" not in got
    assert "Serious Youth Violence Board" in got


def test_a_place_cut_from_a_boards_name_is_not_another_board():
    got = names("blackburn-with-darwen_2017-12-08_childrens-services-inspection")
    assert not any(name.startswith("Darwen") for name in got)


def test_two_boards_in_a_list_are_not_one():
    got = names("southend-on-sea_2016-07-07_childrens-services-inspection")
    assert not any(name.startswith("LSCB and") for name in got)


@pytest.mark.parametrize("report, words", [
    ("dudley_2016-04-05_childrens-services-inspection", "health partners"),
    ("herefordshire_2014-06-30_childrens-services-inspection", "health partners"),
    ("greenwich_2018-05-09_jtai", "health trusts"),
    ("hertfordshire_2015-11-27_childrens-services-inspection", "Mental Health Trust"),
    ("central-bedfordshire_2016-05-10_jtai", "Probation Trust"),
    ("southend-on-sea_2019-08-27_childrens-services-inspection", "health providers"),
])
def test_generic_health_words_name_no_body(report, words):
    assert not any(words.lower() in form.lower() for form, *_ in mentions(report))


def test_national_nhs_body_has_no_local_code():
    got = {name: (type_, code) for _, name, type_, code, _ in mentions(
        "hertfordshire_2015-11-27_childrens-services-inspection")}
    assert got["NHS England"] == ("other", None)
