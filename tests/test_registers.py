"""Register look-ups: councils, forces and NHS bodies by name and date."""
from safeguarding_kg import registers


def test_find_councils_longest_name_and_date():
    found = registers.find_councils("Essex County Council and Essex", on="2011-09-06")
    assert [(r["code"], s, e) for r, s, e in found] == [("E10000012", 0, 20), ("E10000012", 25, 30)]


def test_an_abolished_councils_name_gives_its_one_successor():
    [(row, _, _)] = registers.find_councils("Shropshire County Council", on="2024-08-30")
    assert row["code"] == "E06000051"
    [(row, _, _)] = registers.find_councils("Shropshire County Council", on="2008-01-01")
    assert row["code"] == "E10000026"
    [(row, _, _)] = registers.find_councils("Bedfordshire County Council", on="2015-01-01")
    assert row["code"] == "E10000001"  # two successors: no guess


def test_force_for_council_and_by_name():
    assert registers.force_for_council("E06000033")["code"] == "essex"
    assert registers.force_by_name("West Midlands Force")["code"] == "west-midlands"
    assert registers.force_by_name("Hertfordshire Constabulary")["code"] == "hertfordshire"
    assert registers.force_by_name("Metropolitan Police Service")["code"] == "metropolitan"
    assert registers.force_by_name("Task Force") is None


def test_nhs_names_are_date_aware():
    assert registers.nhs_by_name("NHS Dudley", "2011-11-28")["code"] == "5PE"
    assert registers.nhs_by_name("NHS Dudley", "2016-01-01")["code"] == "05C"
    assert registers.nhs_by_name("NHS Dudley", "2024-01-01") is None


def test_nhs_variant_and_fuzzy_names():
    assert registers.nhs_by_name("the Princess Alexandra Hospital NHS Trust", "2011")["code"] == "RQW"
    assert registers.nhs_by_name("South Essex Partnership NHS Foundation Trust", "2011")["code"] == "RWN"
    assert registers.nhs_by_name("Dudley and Walsall Mental Health Trust", "2011")["code"] == "RYK"
    # two Essex partnership trusts fit equally: no guess
    assert registers.nhs_by_name("Essex Partnership NHS Foundation Trust", "2011") is None
    assert registers.nhs_by_name("Dudley Trust", "2011") is None


def test_council_places():
    row = registers.council_by_code("E06000033")
    assert "Southend" in registers.council_places(row)
    assert registers.council_places(registers.council_by_code("E08000027")) == ["Dudley"]


def test_a_city_of_title_is_not_taken_for_hull_or_bristol():
    from safeguarding_kg.registers import find_councils

    found = find_councils("Inspection of City of York Council children's services")
    assert [row["code"] for row, _, _ in found] == ["E06000014"]
