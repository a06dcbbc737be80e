"""Organisations, partners and addressees, on short report-like texts of our own."""
from safeguarding_kg.entities import addressees, find_organisations
from safeguarding_kg.orgpatterns import mask_boilerplate
from safeguarding_kg.records import Authority, ExtractionRecord, Inspection
from safeguarding_kg.text import document_from_text

SHEFFIELD = Authority("Sheffield City Council", "E08000039")
BOILERPLATE = (
    "The Office for Standards in Education, Children's Services and Skills (Ofsted) regulates and "
    "inspects to achieve excellence in the care of children and young people. It inspects the "
    "Children and Family Court Advisory and Support Service (Cafcass), schools and colleges.\n"
    "You may reuse this information (not including logos) free of charge in any format or medium, "
    "under the terms of the Open Government Licence. To view this licence, visit "
    "www.nationalarchives.gov.uk/doc/open-government-licence, write to the Information Policy Team, "
    "The National Archives, Kew, London TW9 4DU, or email: psi@nationalarchives.gsi.gov.uk.\n"
    "Piccadilly Gate\nStore Street\nManchester\nM1 2WD\n"
)
SHEFFIELD_2011 = (
    "Inspection of safeguarding and looked after children services Sheffield\n"
    "1. Inspectors held interviews with staff from NHS Sheffield; Sheffield Children's NHS "
    "Foundation Trust; Sheffield Health and Social Care Foundation Trust; South Yorkshire Police; "
    "and other relevant partners.\n"
    "2. The Sheffield Safeguarding Children Board (SSCB) is chaired independently. The SSCB has "
    "a clear business plan. The Corporate Parenting Board meets every quarter.\n"
    "3. Work with the Police is improving and police officers attend strategy meetings. "
    "Barnardo's provides a missing children service. The Multi-Agency Risk Assessment "
    "Conference (MARAC) is well attended.\n"
    "4. Early help is delivered in cooperation with partner organisations through the Health "
    "and Wellbeing Board.\n"
    "5. Essex County Council and Sheffield City Council were visited.\n" + BOILERPLATE
)


def record(subject=SHEFFIELD, date="2011-05-09", inspectorate="Ofsted"):
    return ExtractionRecord(source="x.txt", document_type="inspection-report",
                            framework="safeguarding-and-looked-after-children", subject_authority=subject,
                            inspection=Inspection(start_date=date, inspectorate=inspectorate))


def organisations(text, **kw):
    doc = document_from_text(text)
    orgs, partners = find_organisations(doc, record(**kw))
    return {o.name: o for o in orgs}, partners, doc


def test_named_bodies_get_types_and_register_codes():
    orgs, _, _ = organisations(SHEFFIELD_2011)
    got = {name: (o.type, o.code) for name, o in orgs.items()}
    assert got["Sheffield City Council"] == ("local-authority", "E08000039")
    assert got["NHS Sheffield"] == ("primary-care-trust", "5N4")
    assert got["Sheffield Children's NHS Foundation Trust"] == ("nhs-trust", "RCU")
    assert got["Sheffield Health and Social Care Foundation Trust"] == ("nhs-trust", "TAH")
    assert got["South Yorkshire Police"] == ("police-force", "south-yorkshire")
    assert got["Sheffield Safeguarding Children Board"] == ("safeguarding-board", None)
    assert got["Corporate Parenting Board"] == ("partnership-board", None)
    assert got["Health and Wellbeing Board"] == ("partnership-board", None)
    assert got["Barnardo's"] == ("voluntary-organisation", None)
    assert got["MARAC"] == ("multi-agency-arrangement", None)
    assert got["Essex County Council"] == ("local-authority", "E10000012")


def test_generic_police_and_defined_acronym_merge_into_one_body():
    orgs, _, doc = organisations(SHEFFIELD_2011)
    police = [doc.quote(s) for s in orgs["South Yorkshire Police"].mentions]
    assert police == ["South Yorkshire Police", "Police", "police"]
    board = [doc.quote(s) for s in orgs["Sheffield Safeguarding Children Board"].mentions]
    assert board == ["Sheffield Safeguarding Children Board", "SSCB", "SSCB"]
    assert sum(o.type == "police-force" for o in orgs.values()) == 1


def test_boilerplate_names_no_organisation_but_the_inspectorate():
    orgs, partners, _ = organisations(SHEFFIELD_2011)
    assert "Cafcass" not in orgs and "The National Archives" not in orgs
    assert "Manchester City Council" not in orgs
    assert orgs["Ofsted"].type == "regulator" and "Ofsted" not in partners
    masked = mask_boilerplate(BOILERPLATE)
    assert len(masked) == len(BOILERPLATE) and "Cafcass" not in masked and "Archives" not in masked


def test_boilerplate_alone_gives_only_the_subject_and_the_inspectorate():
    orgs, partners, _ = organisations(BOILERPLATE)
    assert set(orgs) == {"Sheffield City Council", "Ofsted"}
    assert partners == ()


def test_partners_by_type_and_evidence():
    _, partners, _ = organisations(SHEFFIELD_2011)
    assert set(partners) == {
        "NHS Sheffield", "Sheffield Children's NHS Foundation Trust",
        "Sheffield Health and Social Care Foundation Trust", "South Yorkshire Police",
        "Sheffield Safeguarding Children Board", "Barnardo's", "Health and Wellbeing Board",
    }  # not the council itself, another council, the regulator, MARAC or the Corporate Parenting Board


def test_nhs_place_name_is_resolved_on_the_inspection_date():
    text = "Staff from NHS Sheffield were interviewed."
    pct, _, _ = organisations(text, date="2011-05-09")
    ccg, _, _ = organisations(text, date="2016-05-09")
    assert (pct["NHS Sheffield"].type, pct["NHS Sheffield"].code) == ("primary-care-trust", "5N4")
    assert (ccg["NHS Sheffield"].type, ccg["NHS Sheffield"].code) == ("clinical-commissioning-group", "03N")


def test_unknown_nhs_place_is_no_organisation():
    # "NHS England" is the national body (no register code, not a local partner), never an NHS
    # place body with a guessed code; "NHS providers" names nobody
    orgs, partners, _ = organisations("NHS England and NHS providers were consulted.")
    assert set(orgs) == {"Sheffield City Council", "NHS England"}
    assert (orgs["NHS England"].type, orgs["NHS England"].code) == ("other", None)
    assert "NHS England" not in partners


def test_board_without_place_is_named_after_the_subject():
    text = ("Members of the Local Safeguarding Children Board (LSCB) were met. The LSCB is effective. "
            "Partners attend the SSCB.")
    orgs, partners, doc = organisations(text)
    board = orgs["Sheffield Safeguarding Children Board"]
    assert [doc.quote(s) for s in board.mentions] == ["Local Safeguarding Children Board", "LSCB", "LSCB", "SSCB"]
    assert "Sheffield Safeguarding Children Board" in partners


def test_another_areas_board_is_not_a_partner():
    text = "Staff also sit on the Rotherham Safeguarding Children Board and the Sheffield Safeguarding Children Partnership."
    orgs, partners, _ = organisations(text, date="2020-01-01")
    assert "Rotherham Safeguarding Children Board" in orgs
    assert partners == ("Sheffield Safeguarding Children Partnership",)


def test_force_named_with_force_and_constabulary():
    orgs, _, _ = organisations("Police capacity is stretched across the whole South Yorkshire Force area.")
    assert orgs["South Yorkshire Police"].code == "south-yorkshire"
    orgs, _, _ = organisations("A joint team with Hertfordshire Constabulary.", subject=Authority(
        "Hertfordshire County Council", "E10000015"))
    assert orgs["Hertfordshire Constabulary"].code == "hertfordshire"


def test_nhs_trust_written_without_nhs_and_with_a_shorter_name():
    orgs, _, _ = organisations(
        "Interviews with Black Country Partnership Foundation Trust, Dudley and Walsall Mental Health "
        "Trust and the Princess Alexandra Hospital NHS Trust.", date="2011-11-28")
    assert orgs["Black Country Partnership Foundation Trust"].code == "TAJ"
    assert orgs["Dudley and Walsall Mental Health Trust"].code == "RYK"
    assert orgs["Princess Alexandra Hospital NHS Trust"].code == "RQW"


def test_two_trusts_joined_by_and_stay_two():
    orgs, _, _ = organisations(
        "Services are provided by Mid Essex Hospital Services NHS Trust and Colchester Hospital "
        "University NHS Foundation Trust.", date="2011-09-06")
    assert orgs["Mid Essex Hospital Services NHS Trust"].code == "RQ8"
    assert orgs["Colchester Hospital University NHS Foundation Trust"].code == "RDE"


def test_plural_and_generic_primary_care_trusts_are_one_body():
    orgs, partners, doc = organisations(
        "Services are commissioned by Sheffield Primary Care Trusts. Primary Care Trusts attend the board.")
    pcts = [o for o in orgs.values() if o.type == "primary-care-trust"]
    assert [o.name for o in pcts] == ["Sheffield Primary Care Trusts"]
    assert [doc.quote(s) for s in pcts[0].mentions] == ["Sheffield Primary Care Trusts", "Primary Care Trusts"]


def test_generic_police_without_a_subject_is_nobody():
    doc = document_from_text("The police attend strategy meetings.")
    orgs, partners = find_organisations(doc, record(subject=None))
    assert orgs == () and partners == ()


def test_regional_adoption_agency_and_forum():
    orgs, partners, _ = organisations(
        "Sheffield, as part of a regional adoption alliance (One Adoption South Yorkshire), keeps its "
        "panel. The Children in Care Council is influential.", date="2023-01-01")
    assert orgs["One Adoption South Yorkshire"].type == "adoption-agency"
    assert orgs["Children in Care Council"].type == "forum"
    assert partners == ("One Adoption South Yorkshire",)


def test_ccg_and_icb_names():
    orgs, _, _ = organisations("NHS Sheffield Clinical Commissioning Group and the CCG's designated nurse.",
                               date="2016-01-01")
    assert orgs["NHS Sheffield Clinical Commissioning Group"].code == "03N"
    orgs, _, _ = organisations("NHS South Yorkshire Integrated Care Board and the ICB.", date="2024-01-01")
    icb = orgs["NHS South Yorkshire Integrated Care Board"]
    assert icb.type == "integrated-care-board" and icb.code and len(icb.mentions) == 2


def test_lower_case_board_names_and_a_short_form_of_a_partnership():
    orgs, _, _ = organisations(
        "Boards operate as part of the wider County Children's Partnership. Membership of the Children's "
        "Partnership is wide. The corporate parenting board is effective.")
    assert "County Children's Partnership" in orgs and "Children's Partnership" not in orgs
    assert len(orgs["County Children's Partnership"].mentions) == 2
    assert orgs["Corporate Parenting Board"].type == "partnership-board"


def test_a_person_before_a_programme_name_is_left_out():
    orgs, _, _ = organisations(
        "Eastern Region Sector Led Improvement Programme\nLetter text.\n"
        "Copy: Jo Bloggs, Norfolk County Council Jane Doe Eastern Region Sector Led Improvement Programme Manager")
    programmes = [n for n in orgs if "Programme" in n]
    assert programmes == ["Eastern Region Sector Led Improvement Programme"]


def test_addressees_name_the_actors_only():
    orgs, _, _ = organisations(SHEFFIELD_2011)
    organisations_ = tuple(orgs.values())
    rec = record()
    assert addressees("resolve, with South Yorkshire Police, the backlog of notifications", organisations_,
                      rec) == ("South Yorkshire Police",)
    assert addressees("NHS Sheffield and NHS providers ensure timely access", organisations_,
                      rec) == ("NHS Sheffield",)
    assert addressees("ensure health partners improve recording", organisations_, rec) == ()
    assert addressees("Ensure MARAC is fully operational", organisations_, rec) == ()
    assert addressees("review police notifications with the SSCB", organisations_,
                      rec) == ("Sheffield Safeguarding Children Board",)


def test_a_board_after_another_name_and_odd_spacing():
    orgs, partners, _ = organisations(
        "Staff from the HDAP and\tSheffield  Safeguarding Adults Board and the National Probation "
        "Service met.")
    assert orgs["Sheffield Safeguarding Adults Board"].type == "safeguarding-board"
    assert orgs["National Probation Service"].type == "other"
    assert set(partners) == {"Sheffield Safeguarding Adults Board", "National Probation Service"}


def test_the_pct_alone_is_the_subjects_primary_care_trust_on_the_date():
    orgs, partners, _ = organisations("The PCT commissions health visiting.", date="2011-05-09")
    assert orgs["Sheffield Primary Care Trust"].code == "5N4"
    orgs, _, _ = organisations("The CCG commissions health visiting.", date="2016-05-09")
    assert orgs["NHS Sheffield CCG"].code == "03N"
    orgs, _, _ = organisations("The PCTs commission health visiting.", date="2011-05-09")
    assert set(orgs) == {"Sheffield City Council"}  # several: which ones is not said
