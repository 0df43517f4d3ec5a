"""The exact engine's facade (regimelab/exact.py): its limits, read at each call (the sparse path equals the
dense one; a joint chain too large is refused by name).
"""

import numpy as np
import pytest
from exact_reference import GAME, random_machine, random_regime

import regimelab as rl
from regimelab import exact


@pytest.mark.parametrize("seed", range(6))
def test_sparse_path_equals_dense_path(seed, monkeypatch):
    rng = np.random.default_rng(200 + seed)
    first, second = random_machine(rng, 6), random_machine(rng, 5)
    regime = random_regime(rng, shadow=bool(seed % 2))
    dense = exact.evaluate(first, second, regime, GAME)
    monkeypatch.setattr(exact, "DENSE_LIMIT", 0)
    chain = exact.pair_chain(first, second, regime, GAME)
    assert chain.is_sparse
    sparse = exact.evaluate(first, second, regime, GAME)
    for field in ("totals", "per_turn", "cooperation", "long_run", "signalled"):
        assert getattr(sparse, field) == pytest.approx(getattr(dense, field), abs=1e-10)


def test_a_joint_chain_too_large_is_refused_by_name(monkeypatch):
    from regimelab.machines import NotFiniteState

    monkeypatch.setattr(exact, "MAX_JOINT_STATES", 10)
    tft = exact.tit_for_tat()
    with pytest.raises(NotFiniteState, match="Tit For Tat against Tit For Tat.*more than 10 states"):
        exact.pair_chain(tft, tft, rl.Regime(noise=0.1, transparency=0.8, false_alarm=0.1), GAME)
