"""Matching a mention to an actor: full names, aliases, transliterations, namesakes by date."""

import json
from datetime import date
from pathlib import Path

import pytest

from stancetrace.actors import load_kb

GOLD = Path("/work/shared/gold/seeds.attributions.jsonl")


@pytest.fixture(scope="module")
def kb():
    return load_kb(include_user=False)


@pytest.mark.parametrize("mention, expected", [
    ("Ahmadinejad", "mahmoud-ahmadinejad"), ("Ahmadinezhad", "mahmoud-ahmadinejad"),
    ("Rouhani", "hassan-rouhani"), ("Rowhani", "hassan-rouhani"), ("Ruhani", "hassan-rouhani"),
    ("Ghalibaf", "mohammad-bagher-ghalibaf"), ("Qalibaf", "mohammad-bagher-ghalibaf"),
    ("Soleimani", "qassem-soleimani"), ("Suleimani", "qassem-soleimani"),
    ("Zarif", "mohammad-javad-zarif"), ("Araghchi", "abbas-araghchi"), ("Araqchi", "abbas-araghchi"),
    ("Ayatollah Ali Khamenei", "ali-khamenei"), ("Ayatollah Ruhollah Khomeini", "ruhollah-khomeini"),
    ("Mahmoud Ahmadinezhad", "mahmoud-ahmadinejad"), ("Firuzabadi", "hassan-firouzabadi"),
])
def test_actors_names_transliteration_variants(kb, mention, expected):
    assert kb.match_name(mention).actor_id == expected


def test_actors_names_unlisted_spelling_matches_by_sound_with_lower_confidence(kb):
    match = kb.match_name("Ahmadinijad")
    assert match.actor_id == "mahmoud-ahmadinejad"
    assert match.confidence < kb.match_name("Ahmadinejad").confidence


@pytest.mark.parametrize("mention, expected", [
    ("Tehran", "iran"), ("Washington", "united-states"), ("the IRGC", "irgc"),
    ("Revolutionary Guards", "irgc"), ("Qods Force", "quds-force"), ("Kayhan", "kayhan"), ("Tasnim", "tasnim"),
])
def test_actors_names_places_and_organisations(kb, mention, expected):
    assert kb.match_name(mention).actor_id == expected


@pytest.mark.parametrize("mention", ["Khamenei", "Supreme Leader Khamenei"])
def test_actors_names_khamenei_is_ali_or_mojtaba_by_date(kb, mention):
    assert kb.match_name(mention, on=date(2014, 9, 16)).actor_id == "ali-khamenei"
    assert kb.match_name(mention, on=date(2026, 7, 1)).actor_id == "mojtaba-khamenei"
    assert kb.match_name(mention) is None  # no date: both are possible


def test_actors_names_khamenei_during_the_uncertain_succession_is_the_living_one(kb):
    assert kb.match_name("Khamenei", on=date(2026, 3, 5)).actor_id == "mojtaba-khamenei"


def test_actors_names_larijani_brothers_stay_ambiguous_when_both_in_office(kb):
    assert kb.match_name("Larijani", on=date(2014, 1, 1)) is None
    assert kb.match_name("Ali Larijani", on=date(2014, 1, 1)).actor_id == "ali-larijani"
    assert kb.match_name("Sadeq Larijani").actor_id == "sadeq-larijani"


def test_actors_names_role_phrase_resolves_with_a_date(kb):
    match = kb.match_name("the supreme leader", on=date(1988, 7, 20))
    assert (match.actor_id, match.method) == ("ruhollah-khomeini", "role")
    assert kb.match_name("the supreme leader") is None


def test_actors_names_actor_fields(kb):
    actor = kb.actor("mojtaba-khamenei")
    assert (actor.kind, actor.gender, actor.country) == ("person", "m", "iran")
    assert kb.actor("iran").kind == "state" and kb.actor("kayhan").kind == "media"
    assert kb.actor("nobody-at-all") is None


def test_actors_names_every_gold_speaker_and_target_exists(kb):
    if not GOLD.exists():
        pytest.skip("../shared gold not available")
    ids = set()
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        ids.add(record["speaker"])
        if record.get("target") and not record["target"].startswith("issue:"):
            ids.add(record["target"])
    missing = sorted(i for i in ids - {"unknown"} if i not in kb)
    assert missing == []
