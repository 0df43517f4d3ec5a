"""Transaction costs (regimelab/functions/transaction_costs.py): each compliance carried out costs c."""

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.functions import TransactionCost


def test_the_stage_game_loses_c_in_the_own_c_row():
    assert TransactionCost(0.3).stage_adjustment(np.array([0.0, 1.0])).tolist() == [[-0.3, -0.3], [0.0, 0.0]]


def test_a_round_costs_c_when_the_own_realised_move_is_c():
    own = np.array([0, 1, 0, 1])  # C, D, C, D
    assert TransactionCost(0.25).round_adjustment(own, None, None, None).tolist() == [-0.25, 0.0, -0.25, 0.0]


def test_the_cost_is_active_above_zero_and_never_negative():
    assert not TransactionCost().is_active and TransactionCost(0.1).is_active
    with pytest.raises(InvalidParameter, match="transaction_cost must be a finite number >= 0"):
        TransactionCost(-0.1)
