"""Implementation error (regimelab/functions/noise.py): an intended action flipped."""

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.functions import Noise


def test_the_flip_matrix_keeps_an_intention_with_probability_one_minus_e():
    assert Noise(0.1).flip_matrix() == pytest.approx(np.array([[0.9, 0.1], [0.1, 0.9]]), abs=1e-15)
    assert Noise().flip_matrix().tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_noise_is_active_above_zero_and_a_probability():
    assert not Noise().is_active and Noise(0.01).is_active
    with pytest.raises(InvalidParameter, match="noise must be a probability"):
        Noise(1.5)


def test_noise_leaves_the_stage_game_and_the_rounds_alone():
    assert not Noise(0.3).stage_adjustment(Noise(0.3).flip_matrix()[0]).any()
    assert Noise(0.3).round_adjustment(None, None, None, None) == 0.0
