"""Rule files are versioned and validated on load."""

import pytest

from stancetrace.coding.rules import load_rules
from stancetrace.errors import ConfigError


def test_coding_rules_version_is_stored_with_every_record():
    assert "stancetrace.events.v3" in load_rules().version


def test_coding_rules_user_issue_file_extends_the_shipped_one(tmp_path):
    path = tmp_path / "issues.yaml"
    path.write_text("version: stancetrace.issues.v1\nissues:\n  - id: issue:water-rights\n    topic: [water]\n")
    ids = [i.id for i in load_rules(str(path)).issues]
    assert "issue:water-rights" in ids and "issue:negotiation-with-us" in ids


def test_coding_rules_wrong_version_is_refused(tmp_path):
    path = tmp_path / "issues.yaml"
    path.write_text("version: stancetrace.issues.v9\nissues: []\n")
    with pytest.raises(ConfigError, match="E601"):
        load_rules(str(path))


def test_coding_rules_issue_id_must_be_prefixed(tmp_path):
    path = tmp_path / "issues.yaml"
    path.write_text("version: stancetrace.issues.v1\nissues:\n  - id: water\n    topic: [water]\n")
    with pytest.raises(ConfigError, match="E602"):
        load_rules(str(path))
