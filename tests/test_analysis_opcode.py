"""Operational-code indices reproduce a hand computation exactly."""

import pytest

from stancetrace.analysis.opcode import MIN_VERBS_PER_SIDE, indices, iqv, profile
from stancetrace.analysis.series import Statement


def test_analysis_opcode_indices_match_hand_computation():
    # other: +1, -1, -1, -3   self: +2, +3, -1
    values = indices([2, 3, -1], [1, -1, -1, -3])
    assert values["P-1"] == pytest.approx((1 - 3) / 4)           # -0.5
    assert values["P-2"] == pytest.approx((1 - 1 - 1 - 3) / 12)  # -1/3
    # IQV(other) = 6/5 * (1 - (1/16 + 4/16 + 1/16)) = 6/5 * 10/16 = 0.75
    assert values["P-3"] == pytest.approx(0.25)
    assert values["P-4a"] == pytest.approx(3 / 7)
    assert values["P-5"] == pytest.approx(1 - 0.25 * 3 / 7)
    assert values["I-1"] == pytest.approx((2 - 1) / 3)
    assert values["I-2"] == pytest.approx((2 + 3 - 1) / 9)
    # IQV(self) = 6/5 * (1 - 3/9) = 0.8
    assert values["I-3"] == pytest.approx(0.2)
    assert values["I-4a"] == pytest.approx(1 - abs(2 / 3 - 1 / 3))
    assert values["I-4b"] == pytest.approx(1 - abs(2 / 3 - 1 / 3))  # one deed (+3) of three
    assert values["I-5 reward"] == pytest.approx(1 / 3)


def test_analysis_opcode_iqv_is_one_when_spread_evenly():
    assert iqv([3, 2, 1, -1, -2, -3]) == pytest.approx(1.0)


def test_analysis_opcode_warns_on_thin_evidence_and_skips_indirect():
    statements = [Statement("#1", "a", None, None, None, None, "d", "x", "direct"),
                  Statement("#2", "a", None, None, None, None, "d", "y", "indirect")]
    result = profile("a", statements, lambda s: [("self", -1), ("other", -3)])
    assert result.own_statements == 1 and result.indirect_statements == 1
    assert result.count("self") < MIN_VERBS_PER_SIDE and result.thin == ["self", "other"]
