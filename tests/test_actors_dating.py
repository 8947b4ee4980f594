"""Dating an undated document by the offices its people hold, events and years."""

import json
from datetime import date
from pathlib import Path

import pytest

from stancetrace.actors import load_kb

SEEDS = Path("/work/shared/seeds")
GOLD_DOCUMENTS = Path("/work/shared/gold/seeds.documents.jsonl")
TODAY = date(2026, 6, 1)
MAX_SEED_000_DAYS = 3 * 365


@pytest.fixture(scope="module")
def kb():
    return load_kb(include_user=False)


def _range(kb, text):
    from stancetrace.actors.dating import infer_date_range

    return infer_date_range(kb, text, today=TODAY)


def _seed(prefix):
    if not SEEDS.exists():
        pytest.skip("../shared seeds not available")
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_actors_dating_title_limits_to_the_term(kb):
    assert _range(kb, "Iranian President Hassan Rouhani said so.") == (date(2013, 8, 3), date(2021, 8, 2))


def test_actors_dating_former_means_after_the_term(kb):
    first, last = _range(kb, "former president Hassan Rouhani said so.")
    assert first == date(2021, 8, 3) and last == TODAY


def test_actors_dating_evidence_is_intersected(kb):
    text = "Secretary of State John Kerry met Foreign Minister Mohammad Javad Zarif. President Obama agreed."
    assert _range(kb, text) == (date(2013, 8, 15), date(2017, 1, 19))


def test_actors_dating_one_historical_aside_is_outvoted(kb):
    text = ("President Hassan Rouhani and Foreign Minister Mohammad Javad Zarif spoke. "
            "Secretary of State John Kerry listened. Iraq's foreign minister Tariq Aziz once said otherwise.")
    first, last = _range(kb, text)
    assert first >= date(2013, 8, 3) and last <= date(2017, 1, 20)


def test_actors_dating_future_years_do_not_raise_the_lower_bound(kb):
    text = "President Trump spoke. Foreign Minister Mohammad Javad Zarif replied. His term ends in 2021."
    assert _range(kb, text)[0] == date(2017, 1, 20)


def test_actors_dating_no_evidence_is_none(kb):
    assert _range(kb, "Khamenei spoke about the nuclear talks.") is None
    assert _range(kb, "") is None


def test_actors_dating_seed_000_is_mid_september_2014_within_three_years(kb):
    first, last = _range(kb, _seed("000"))
    assert first <= date(2014, 9, 15) <= last
    assert (last - first).days <= MAX_SEED_000_DAYS


@pytest.mark.parametrize("prefix, explicit", [("003", date(2008, 11, 12)), ("004", date(2014, 9, 2))])
def test_actors_dating_explicit_seed_dates_are_not_contradicted(kb, prefix, explicit):
    first, last = _range(kb, _seed(prefix))
    assert first <= explicit <= last


def test_actors_dating_no_seed_range_excludes_its_gold_date(kb):
    if not GOLD_DOCUMENTS.exists():
        pytest.skip("../shared gold not available")
    for line in GOLD_DOCUMENTS.read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        first, last = _range(kb, (SEEDS / gold["doc"]).read_text(encoding="utf-8"))
        if gold["published_range"]:
            lo, hi = (date.fromisoformat(d) for d in gold["published_range"])
        else:
            lo = hi = date.fromisoformat(gold["published"])
        assert first <= hi and lo <= last, gold["doc"]


def test_actors_dating_mentions_carry_title_and_qualifier(kb):
    text = "U.S. president-elect Barack Obama and Majlis speaker Ali Larijani."
    titled = [(m.text, m.role, m.qualifier) for m in kb.find_mentions(text) if m.role]
    assert titled == [("U.S. president-elect Barack Obama", "united-states/president", "elect"),
                      ("Majlis speaker Ali Larijani", "iran/majlis-speaker", "")]
    assert text[titled[0][0] and 0:len(titled[0][0])] == titled[0][0]
