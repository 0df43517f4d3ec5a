"""Fines, compensation and enforcement cost (regimelab/functions/sanctions.py), against hand-computed values."""

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.functions import Sanctions


def test_the_partner_gets_the_compensated_fine_less_the_enforcement_cost():
    assert Sanctions(fine=2, compensation=0.5, enforcement_cost=0.3).partner_transfer == pytest.approx(0.7)
    assert Sanctions(enforcement_cost=0.4).partner_transfer == pytest.approx(-0.4)


def test_the_stage_adjustment_weights_fines_by_the_chance_of_a_signal():
    # signal_d = (a, p) = (0.1, 0.6); F = 2, k = 0.5, s = 0.3: transfer 0.7
    adjustment = Sanctions(fine=2, compensation=0.5, enforcement_cost=0.3).stage_adjustment(np.array([0.1, 0.6]))
    expected = [[-2 * 0.1 + 0.7 * 0.1, -2 * 0.1 + 0.7 * 0.6],  # own C against C, D
                [-2 * 0.6 + 0.7 * 0.1, -2 * 0.6 + 0.7 * 0.6]]  # own D against C, D
    assert adjustment == pytest.approx(np.array(expected), abs=1e-12)


def test_the_round_adjustment_fines_the_signalled_and_pays_the_partner():
    sanctions = Sanctions(fine=3, compensation=1 / 3, enforcement_cost=0.5)
    own_signal, opponent_signal = np.array([0, 1, 0, 1]), np.array([0, 0, 1, 1])
    adjustment = sanctions.round_adjustment(None, None, own_signal, opponent_signal)
    assert adjustment.tolist() == pytest.approx([0.0, -3.0, 0.5, -2.5], abs=1e-12)


def test_sanctions_are_active_with_a_fine_or_an_enforcement_cost():
    assert not Sanctions().is_active and not Sanctions(compensation=1).is_active
    assert Sanctions(fine=0.1).is_active and Sanctions(enforcement_cost=0.1).is_active


@pytest.mark.parametrize("values, name", [({"fine": -1}, "fine"), ({"compensation": 1.5}, "compensation"),
                                          ({"enforcement_cost": float("nan")}, "enforcement_cost")])
def test_bad_values_are_refused_naming_the_parameter(values, name):
    with pytest.raises(InvalidParameter) as info:
        Sanctions(**values)
    assert info.value.parameter == name
