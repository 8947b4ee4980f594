"""Who held an office on a date: every change of supreme leader and Iranian president."""

from datetime import date, timedelta

import pytest

from stancetrace.actors import load_kb

ONE_DAY = timedelta(days=1)

# (first day of the new holder, outgoing holder or None for a vacancy, incoming holder)
LEADER_CHANGES = [
    (date(1989, 6, 4), "ruhollah-khomeini", "ali-khamenei"),
    (date(2026, 3, 9), None, "mojtaba-khamenei"),
]
PRESIDENT_CHANGES = [
    (date(1980, 2, 4), None, "abolhassan-banisadr"),
    (date(1981, 8, 2), None, "mohammad-ali-rajai"),
    (date(1981, 10, 13), None, "ali-khamenei"),
    (date(1989, 8, 3), "ali-khamenei", "ali-akbar-hashemi-rafsanjani"),
    (date(1997, 8, 3), "ali-akbar-hashemi-rafsanjani", "mohammad-khatami"),
    (date(2005, 8, 3), "mohammad-khatami", "mahmoud-ahmadinejad"),
    (date(2013, 8, 3), "mahmoud-ahmadinejad", "hassan-rouhani"),
    (date(2021, 8, 3), "hassan-rouhani", "ebrahim-raisi"),
    (date(2024, 5, 20), "ebrahim-raisi", "mohammad-mokhber"),
    (date(2024, 7, 28), "mohammad-mokhber", "masoud-pezeshkian"),
]


@pytest.fixture(scope="module")
def kb():
    return load_kb(include_user=False)


def _holder(kb, phrase, on, country=None):
    match = kb.holder(phrase, on, country)
    return match.actor_id if match else None


@pytest.mark.parametrize("first_day, before, after", LEADER_CHANGES)
def test_actors_roles_supreme_leader_day_before_of_and_after_change(kb, first_day, before, after):
    assert _holder(kb, "the supreme leader", first_day - ONE_DAY) == before
    assert _holder(kb, "the supreme leader", first_day) == after
    assert _holder(kb, "the supreme leader", first_day + ONE_DAY) == after


@pytest.mark.parametrize("first_day, before, after", PRESIDENT_CHANGES)
def test_actors_roles_iran_president_day_before_of_and_after_change(kb, first_day, before, after):
    assert _holder(kb, "Iran's president", first_day - ONE_DAY) == before
    assert _holder(kb, "Iran's president", first_day) == after
    assert _holder(kb, "Iran's president", first_day + ONE_DAY) == after


def test_actors_roles_vacancy_after_ali_khamenei_is_unknown(kb):
    assert _holder(kb, "supreme leader", date(2026, 2, 28)) == "ali-khamenei"
    assert _holder(kb, "supreme leader", date(2026, 3, 1)) is None


@pytest.mark.parametrize("phrase", ["the Leader", "Rahbar", "Supreme Leader", "leader of the revolution"])
def test_actors_roles_variants_of_supreme_leader(kb, phrase):
    assert _holder(kb, phrase, date(1988, 7, 20), "iran") == "ruhollah-khomeini"


def test_actors_roles_range_needs_one_holder_throughout(kb):
    assert _holder(kb, "supreme leader", (date(1990, 1, 1), date(2020, 1, 1))) == "ali-khamenei"
    assert _holder(kb, "supreme leader", (date(1989, 1, 1), date(1990, 1, 1))) is None


def test_actors_roles_president_needs_a_country(kb):
    on = date(2014, 9, 15)
    assert _holder(kb, "president", on) is None
    assert _holder(kb, "president", on, "iran") == "hassan-rouhani"
    assert _holder(kb, "president", on, "united-states") == "barack-obama"
    assert _holder(kb, "U.S. president", on) == "barack-obama"
    assert _holder(kb, "the president of Iran", on) == "hassan-rouhani"
    assert _holder(kb, "foreign minister", on) is None  # Iran's or Iraq's?
    assert _holder(kb, "foreign minister", on, "iran") == "mohammad-javad-zarif"


@pytest.mark.parametrize("phrase, on, expected", [
    ("Majlis speaker", date(2008, 11, 9), "ali-larijani"),
    ("speaker of parliament", date(2026, 1, 15), "mohammad-bagher-ghalibaf"),
    ("Iran's foreign minister", date(2019, 5, 14), "mohammad-javad-zarif"),
    ("secretary of the Supreme National Security Council", date(2014, 7, 23), "ali-shamkhani"),
    ("Quds Force commander", date(2014, 7, 30), "qassem-soleimani"),
    ("IRGC commander", date(2014, 7, 23), "mohammad-ali-jafari"),
    ("judiciary chief", date(2015, 1, 1), "sadeq-larijani"),
    ("Secretary of State", date(2014, 9, 15), "john-kerry"),
    ("Israeli prime minister", date(2014, 9, 15), "benjamin-netanyahu"),
])
def test_actors_roles_offices_resolve_on_a_date(kb, phrase, on, expected):
    assert _holder(kb, phrase, on) == expected


def test_actors_roles_coarse_date_is_unknown_inside_its_uncertainty(kb):
    # Soleimani's appointment is known to the year (1998); Vahidi's end to the year (1997).
    assert _holder(kb, "Quds Force commander", date(1998, 6, 1)) is None
    assert _holder(kb, "Quds Force commander", date(1999, 6, 1)) == "qassem-soleimani"


def test_actors_roles_successor_and_predecessor(kb):
    assert kb.successor("ruhollah-khomeini") == "ali-khamenei"
    assert kb.successor("ali-khamenei") == "mojtaba-khamenei"
    assert kb.predecessor("hassan-rouhani") == "mahmoud-ahmadinejad"
    assert kb.successor("hassan-rouhani", "iran/president") == "ebrahim-raisi"
    assert kb.predecessor("ali-larijani", "iran/majlis-speaker") == "gholam-ali-haddad-adel"
    assert kb.successor("mehdi-khalaji") is None
