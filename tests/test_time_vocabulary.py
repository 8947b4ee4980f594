"""The temporal vocabulary file: loaded, versioned, and validated with clear errors."""

from __future__ import annotations

import pytest
import yaml

from stancetrace.errors import ConfigError
from stancetrace.time.vocabulary import VOCABULARY_PATH, VOCABULARY_VERSION, load_vocabulary, parse_vocabulary


def _raw():
    return yaml.safe_load(VOCABULARY_PATH.read_text(encoding="utf-8"))


def test_vocabulary_ships_versioned_with_twelve_months_and_seven_days():
    v = load_vocabulary()
    assert v.version == VOCABULARY_VERSION
    assert len(v.months) == 12 and v.weekdays[0] == "Monday"
    assert v.month_number("Sept.") == 9 and v.month_number("May") == 5


def test_vocabulary_unquoted_yaml_boolean_is_rejected_with_the_key():
    raw = _raw()
    raw["month_prepositions"]["explicit"].append(True)  # what `on` becomes unquoted in YAML
    with pytest.raises(ConfigError, match="month_prepositions.explicit"):
        parse_vocabulary(raw)


def test_vocabulary_unknown_unit_is_rejected():
    raw = _raw()
    raw["relative_periods"]["last fortnight"] = ["fortnight", -1]
    with pytest.raises(ConfigError, match="unit 'fortnight'"):
        parse_vocabulary(raw)


def test_vocabulary_wrong_version_is_rejected():
    raw = _raw()
    raw["version"] = "stancetrace.time.v0"
    with pytest.raises(ConfigError, match="version"):
        parse_vocabulary(raw)
