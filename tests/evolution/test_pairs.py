"""A resident-mutant pair (regimelab/evolution/pairs.py): each strategy's index, and the pair's
name in messages."""

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.evolution import PayoffMatrix
from regimelab.evolution.pairs import index_of, pair_label

PAYOFFS = PayoffMatrix.from_array([[3, 0, 3], [5, 1, 5], [3, 0, 3]], ["Tit For Tat", "Defector", "Cooperator"])


@pytest.mark.parametrize("key,index", [(0, 0), (2, 2), (np.int64(1), 1), ("Defector", 1), ("Cooperator", 2)])
def test_a_strategy_is_an_index_or_a_name(key, index):
    assert index_of(PAYOFFS, key) == index and type(index_of(PAYOFFS, key)) is int


@pytest.mark.parametrize("key,words", [(3, "an index from 0 to 2"), (-1, "an index from 0 to 2"),
                                       ("Grudger", "one of Tit For Tat, Defector, Cooperator"),
                                       (True, "one of Tit For Tat")])
def test_an_index_out_of_range_or_an_unknown_name_is_refused(key, words):
    with pytest.raises(InvalidParameter, match=words) as caught:
        index_of(PAYOFFS, key)
    assert caught.value.parameter == "strategy"


def test_a_pair_is_named_by_its_strategies_when_they_have_names():
    assert pair_label(PAYOFFS.names, 0, 1) == "one Defector among Tit For Tat residents"
    assert pair_label(None, 0, 1) == "mutant 1 among residents 0"
