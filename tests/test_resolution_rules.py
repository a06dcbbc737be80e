"""Resolution rules on report-like sentences of our own: councils and bodies not in reports/,
historical names, and what must stay unresolved."""
import pytest

from safeguarding_kg import registers
from safeguarding_kg.entities import find_organisations, organisation_mentions
from safeguarding_kg.records import Authority, ExtractionRecord, Inspection
from safeguarding_kg.text import document_from_text

WIRRAL = Authority("Wirral Borough Council", "E08000015")
BEDFORD = Authority("Bedford Borough Council", "E06000055")
BLACKBURN = Authority("Blackburn with Darwen Borough Council", "E06000008")
CHESHIRE_WEST = Authority("Cheshire West and Chester Council", "E06000050")


def record(subject, date):
    return ExtractionRecord(source="x.txt", document_type="inspection-report", framework="ilacs",
                            subject_authority=subject, inspection=Inspection(start_date=date, inspectorate="Ofsted"))


def organisations(text, subject=WIRRAL, date="2016-05-09"):
    """{name: (type, code)} of the organisations other than the subject, and the partners."""
    orgs, partners = find_organisations(document_from_text(text), record(subject, date))
    return {o.name: (o.type, o.code) for o in orgs[1:]}, partners


def board_keys(text, subject=WIRRAL, date="2020-05-09"):
    """{form as written: key} of the safeguarding-board mentions."""
    doc = document_from_text(text)
    return {m.form: m.key for org, group in organisation_mentions(doc, record(subject, date)) for m in group
            if org.type == "safeguarding-board"}


# -- NHS names: no match on generic words --------------------------------------------


@pytest.mark.parametrize("name", [
    "Acute Hospitals NHS Trust", "Hospital Services NHS Trust", "Children's Hospital NHS Foundation Trust",
    "Community Health Services NHS Trust", "Mental Health NHS Foundation Trust", "Community Healthcare NHS Trust",
    "Ambulance Service NHS Trust", "Teaching Hospitals NHS Foundation Trust",
])
def test_a_name_of_generic_words_matches_no_nhs_body(name):
    for on in ("2011-06-01", "2016-06-01", "2024-06-01"):
        assert registers.nhs_by_name(name, on) is None, (name, on)


def test_a_distinctive_name_still_matches_closely():
    assert registers.nhs_by_name("Royal Free NHS Foundation Trust", "2016-06-01")["code"] == "RAL"
    assert registers.nhs_by_name("Wirral University Hospital NHS Foundation Trust", "2016-06-01")["code"] == "RBL"


def test_a_generic_trust_description_is_no_organisation():
    got, _ = organisations("Staff from the Community Health NHS Trust and the Mental Health NHS Foundation "
                           "Trust attend. Wirral University Teaching Hospital NHS Foundation Trust leads.")
    assert got == {"Wirral University Teaching Hospital NHS Foundation Trust": ("nhs-trust", "RBL")}


@pytest.mark.parametrize("text", [
    "Health partners and NHS providers attend strategy meetings.",
    "Both health trusts and the hospital trust were consulted.",
    "Information is shared with the clinical commissioning groups and health providers.",
])
def test_generic_health_words_name_no_body(text):
    assert organisations(text) == ({}, ())


# -- Historical names: the body of the report's date -----------------------------------


def test_nhs_place_names_resolve_to_the_body_of_the_date():
    text = "Inspectors met staff from NHS Wirral and the police."
    assert organisations(text, date="2011-06-01")[0]["NHS Wirral"] == ("primary-care-trust", "5NK")
    assert organisations(text, date="2016-06-01")[0]["NHS Wirral"] == ("clinical-commissioning-group", "12F")


def test_a_commissioner_named_after_its_abolition_is_the_closed_body():
    # every PCT closed in 2013 and every CCG in 2022: a later report naming one looks back
    got, _ = organisations("Commissioning passed from Wirral PCT to NHS Wirral CCG, and in 2022 from "
                           "Wirral Clinical Commissioning Group to the integrated care board.", date="2023-05-01")
    assert got["Wirral PCT"] == ("primary-care-trust", "5NK")
    # one CCG written two ways: one organisation, named by its longer form
    assert got["Wirral Clinical Commissioning Group"] == ("clinical-commissioning-group", "12F")
    assert len(got) == 2


def test_a_ccg_before_it_opened_is_not_resolved():
    got, _ = organisations("The shadow NHS Wirral CCG met monthly.", date="2012-06-01")
    assert got == {"NHS Wirral CCG": ("clinical-commissioning-group", None)}


def test_a_name_cut_at_a_comma_takes_in_its_register_name():
    text = ("Dear colleagues\nDirector of Nursing, NHS Bedfordshire, Luton and Milton Keynes CCG Chief "
            "Constable, Bedfordshire Police\n")
    got, _ = organisations(text, subject=BEDFORD, date="2021-10-04")
    assert got["NHS Bedfordshire, Luton and Milton Keynes CCG"] == ("clinical-commissioning-group", "M1J4Y")
    assert got["Bedfordshire Police"] == ("police-force", "bedfordshire")
    assert not any(name.startswith("Luton") for name in got)


def test_words_before_a_name_that_are_not_its_own_are_left_out():
    got, _ = organisations("In Bedford, Hastings and Rother CCG is not a partner; NHS Wirral CCG is.",
                           date="2016-06-01")
    assert "NHS Wirral CCG" in got
    assert not any("Bedford," in name for name in got)


def test_an_ambulance_service_is_its_trust():
    got, partners = organisations("Yorkshire Ambulance Service and North West Ambulance Service NHS Trust "
                                  "share information. The ambulance service attends.", date="2018-06-01")
    assert got["Yorkshire Ambulance Service"] == ("nhs-trust", "RX8")
    assert got["North West Ambulance Service NHS Trust"] == ("nhs-trust", "RX7")
    assert "Yorkshire Ambulance Service" in partners
    assert len(got) == 2


def test_nhs_england_is_a_national_body_without_a_code():
    got, partners = organisations("NHS England commissions the service.")
    assert got == {"NHS England": ("other", None)}
    assert partners == ()


# -- Safeguarding boards and partnerships -------------------------------------------------


def test_a_council_name_with_with_in_it_owns_its_board():
    text = ("The Blackburn with Darwen's Local Safeguarding Children Board is effective. The LSCB meets "
            "monthly.")
    keys = board_keys(text, subject=BLACKBURN, date="2017-06-01")
    assert set(keys.values()) == {("sb", "E06000008", "children")}
    orgs, _ = organisations(text, subject=BLACKBURN, date="2017-06-01")
    assert "Blackburn with Darwen Local Safeguarding Children Board" in orgs


def test_an_abbreviated_saint_stays_in_a_boards_name():
    text = "Wirral shares a protocol with the St. Helens Local Safeguarding Children Board."
    assert board_keys(text, date="2016-05-09") == {
        "St. Helens Local Safeguarding Children Board": ("sb", "E08000013", "children")}
    orgs, _ = organisations(text)
    assert "St. Helens Local Safeguarding Children Board" in orgs


def test_adult_safeguarding_board_in_either_word_order():
    keys = board_keys("The LSCB chair also chairs the Adult Safeguarding Board. The Wirral Safeguarding "
                      "Adults Board agreed.")
    assert keys["Adult Safeguarding Board"] == ("sb", "E08000015", "adults")
    assert keys["Wirral Safeguarding Adults Board"] == ("sb", "E08000015", "adults")


def test_a_list_of_two_boards_is_two_boards():
    keys = board_keys("The capacity of the LSCB and adult safeguarding board business team has increased.")
    assert keys == {"LSCB": ("sb", "E08000015", "children"),
                    "adult safeguarding board": ("sb", "E08000015", "adults")}


@pytest.mark.parametrize("text, form", [
    ("Dear Wirral Local Safeguarding Partnership\nThis letter summarises", "Wirral Local Safeguarding Partnership"),
    ("The Wirral Safeguarding Partnership has agreed its priorities.", "Wirral Safeguarding Partnership"),
    ("The local safeguarding partnership has agreed its priorities.", "local safeguarding partnership"),
    ("Forums include the Children's Local Safeguarding Partnership and Serious Youth Violence Board.",
     "Children's Local Safeguarding Partnership"),
])
def test_safeguarding_partnership_forms_are_the_subjects_childrens_partnership(text, form):
    assert board_keys(text)[form] == ("sb", "E08000015", "children")


@pytest.mark.parametrize("text", [
    "The safeguarding partnership arrangements were published in 2019.",
    "Work across the safeguarding partnership is strong.",
    "The Safeguarding Partnership Board meets quarterly.",
])
def test_a_safeguarding_partnership_without_a_name_is_no_board(text):
    assert board_keys(text) == {}


def test_another_councils_partnership_is_not_the_subjects():
    keys = board_keys("Leaders learn from the Cheshire West and Chester Safeguarding Children Partnership.")
    assert keys == {"Cheshire West and Chester Safeguarding Children Partnership": ("sb", "E06000050", "children")}
    _, partners = organisations("Leaders learn from the Cheshire West and Chester Safeguarding Children "
                                "Partnership.")
    assert partners == ()


def test_a_board_name_walk_stops_at_a_partnership_before_it():
    got, _ = organisations("Forums include the Children's Local Safeguarding Partnership and Serious Youth "
                           "Violence Board.")
    assert "Serious Youth Violence Board" in got
    assert not any(name.startswith("Partnership and") for name in got)


# -- Councils and forces not in reports/ ---------------------------------------------------


def test_councils_named_in_full_and_after_reorganisation():
    text = ("Leaders work with Cheshire West and Chester Council and visited North Yorkshire County "
            "Council. Cornwall County Council staff attended.")
    got, _ = organisations(text, date="2024-03-01")
    assert got["Cheshire West and Chester Council"] == ("local-authority", "E06000050")
    # abolished in 2023 and in 2009: each name now means its one successor
    assert got["North Yorkshire Council"] == ("local-authority", "E06000065")
    assert got["Cornwall Council"] == ("local-authority", "E06000052")


def test_the_police_are_the_force_of_the_subjects_area():
    got, partners = organisations("The police domestic abuse team and Police officers attend.")
    assert got == {"Merseyside Police": ("police-force", "merseyside")}
    assert partners == ("Merseyside Police",)
    got, _ = organisations("The police attend.", subject=Authority("Cornwall Council", "E06000052"))
    assert got == {"Devon & Cornwall Police": ("police-force", "devon-and-cornwall")}


def test_a_place_before_a_defined_acronym_is_another_areas_board():
    keys = board_keys("The Local Safeguarding Children Board (LSCB) is effective. The Hammersmith and "
                      "Fulham LSCB is separate. The Wirral LSCB agreed.", date="2015-05-01")
    assert keys["LSCB"] == ("sb", "E08000015", "children")
    assert keys["Hammersmith and Fulham LSCB"] == ("sb", "E09000013", "children")
    assert keys["Wirral LSCB"] == ("sb", "E08000015", "children")


def test_a_closed_trusts_full_name_is_not_cut_to_another_trusts_name():
    # SEPT closed in 2017 and merged into EPUT: a 2019 report naming SEPT does not name EPUT by
    # its last words; it stays unresolved, with its whole name
    text = ("Essex Partnership University NHS Foundation Trust (EPUT) replaced South Essex Partnership "
            "University NHS Foundation Trust (SEPT).")
    got, _ = organisations(text, subject=Authority("Thurrock Council", "E06000034"), date="2019-06-01")
    assert got == {"Essex Partnership University NHS Foundation Trust": ("nhs-trust", "R1L"),
                   "South Essex Partnership University NHS Foundation Trust": ("nhs-trust", None)}
    got, _ = organisations(text, subject=Authority("Thurrock Council", "E06000034"), date="2016-06-01")
    assert got["South Essex Partnership University NHS Foundation Trust"] == ("nhs-trust", "RWN")


def test_a_place_and_the_word_council_is_that_council():
    text = ("Leaders visited Barnet Council, Gateshead Metropolitan Borough Council and Poole Borough "
            "Council. Children placed in Barnet attend local schools.")
    got, _ = organisations(text, date="2015-06-01")
    assert got == {"London Borough of Barnet": ("local-authority", "E09000003"),
                   "Gateshead Metropolitan Borough Council": ("local-authority", "E08000037"),
                   "Borough of Poole": ("local-authority", "E06000029")}
    # Poole was merged into Bournemouth, Christchurch and Poole in 2019
    got, _ = organisations(text, date="2021-06-01")
    assert got["Bournemouth, Christchurch and Poole Council"] == ("local-authority", "E06000058")


def test_a_name_that_starts_inside_a_bracket_keeps_its_first_word():
    got, _ = organisations("Timeliness is good (Adoption Leadership Board data 2014-15). Work with "
                           "partners (Merseyside Police and the LSCB) is strong.")
    assert "Adoption Leadership Board" in got
    assert got["Merseyside Police"] == ("police-force", "merseyside")


@pytest.mark.parametrize("date, hmic", [("2016-03-14", "HMIC"), ("2020-02-24", "HMICFRS")])
def test_the_inspectorates_of_a_joint_inspection_are_one_body_each(date, hmic):
    text = ("Ofsted, the Care Quality Commission, HMI Constabulary and Fire & Rescue Services (HMICFRS) and "
            "HMI Probation carried out a joint inspection.\nYours sincerely\nHMI Constabulary\tHMI Probation\n"
            "Her Majesty's Inspector of Constabulary\tHis Majesty's Inspectorate of Probation")
    got, partners = organisations(text, date=date)
    regulators = {name for name, (type_, _) in got.items() if type_ == "regulator"}
    assert regulators == {"Ofsted", "Care Quality Commission", hmic, "HMI Probation"}
    assert partners == ()
