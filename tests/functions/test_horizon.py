"""The shadow of the future (regimelab/functions/horizon.py): turns or a continuation probability."""

import math

import pytest

import regimelab as rl
from regimelab.errors import InvalidParameter
from regimelab.functions import DEFAULT_TURNS, Horizon


def test_horizon_properties():
    assert rl.Regime(turns=10).horizon.expected_length == 10
    assert rl.Regime(shadow=0.75).horizon.expected_length == pytest.approx(4.0, abs=1e-12)
    assert rl.Regime(shadow=0.75).horizon.prob_end == pytest.approx(0.25, abs=1e-15)
    assert rl.Regime(turns=10).horizon.prob_end is None
    assert math.isinf(rl.Regime(shadow=0.5).horizon.known_length)


def test_turns_default_to_200_and_the_default_is_the_null_horizon():
    assert Horizon().turns == DEFAULT_TURNS == 200 and Horizon().shadow is None
    assert not Horizon().is_active
    assert Horizon(turns=199).is_active and Horizon(shadow=0.5).is_active


def test_turns_or_shadow_not_both():
    with pytest.raises(InvalidParameter, match="choose turns or shadow"):
        Horizon(turns=10, shadow=0.5)
    with pytest.raises(InvalidParameter, match="0 <= shadow < 1"):
        Horizon(shadow=1.0)
    with pytest.raises(InvalidParameter, match="turns must be an integer"):
        Horizon(turns=2.5)


def test_what_the_strategies_are_told_and_axelrods_prob_end():
    assert Horizon(turns=30).known_length == 30 and Horizon(turns=30).expected_length == 30.0
    assert Horizon(shadow=0.9).prob_end == pytest.approx(0.1, abs=1e-15)
    assert Horizon(shadow=0.0).expected_length == 1.0  # one round, then the end
