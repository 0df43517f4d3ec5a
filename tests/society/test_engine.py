"""The loop over repetitions and periods (regimelab/society/engine.py): how long a run lasts
(the shadow and its schedule), and the seed fixing everything, repetition by repetition."""

from __future__ import annotations

import numpy as np
import pytest
from society_helpers import busy_society, society

import regimelab as rl
from regimelab.errors import InvalidParameter
from regimelab.society import ShadowChange, run_society
from regimelab.society.engine import STREAMS

# -- time -------------------------------------------------------------------------------


def test_a_schedule_changes_the_shadow_from_its_period():
    """turns 1000, and from period 8 on the society goes on with probability 0: it ends at 8."""
    s = society(("A", "Cooperator"), ("B", "Cooperator"), regime=rl.Regime(turns=1000),
                schedule=(ShadowChange(8, 0.0),))
    assert [run.periods for run in run_society(s, 3, 1).runs] == [8, 8, 8]
    fading = s.replace(schedule=(ShadowChange(5, 0.5),))
    lengths = [run.periods for run in run_society(fading, 200, 1).runs]
    assert min(lengths) == 5 and np.mean(lengths) == pytest.approx(6, abs=0.3)  # 5 + 1/(1 - 0.5) - 1


def test_shadow_gives_geometric_lengths():
    s = society(("A", "Cooperator"), ("B", "Cooperator"), regime=rl.Regime(shadow=0.9))
    lengths = [run.periods for run in run_society(s, 400, 3).runs]
    assert np.mean(lengths) == pytest.approx(10, rel=0.15)


# -- determinism --------------------------------------------------------------------------


def test_a_seed_fixes_everything():
    s = busy_society()
    a, b = run_society(s, 4, 123, keep_actions=True), run_society(s, 4, 123, keep_actions=True)
    assert a.to_dict() == b.to_dict()
    for run_a, run_b in zip(a.runs, b.runs):
        assert np.array_equal(run_a.actions, run_b.actions) and run_a.events == run_b.events
    c = run_society(s, 4, 124)
    assert c.to_dict()["actors"] != a.to_dict()["actors"]


def test_a_repetition_does_not_depend_on_how_many_are_run():
    s = busy_society()
    three, five = run_society(s, 3, 7, keep_actions=True), run_society(s, 5, 7, keep_actions=True)
    for run_a, run_b in zip(three.runs, five.runs):
        assert np.array_equal(run_a.actions, run_b.actions)
        assert np.array_equal(run_a.scores, run_b.scores)


# -- run_society's arguments and what it returns ----------------------------------------------


def test_the_result_keeps_the_society_the_seed_and_one_run_per_repetition():
    s = society(("A", "Cooperator"), ("B", "Defector"), regime=rl.Regime(turns=4))
    result = run_society(s, repetitions=3, seed=17)
    assert result.society is s and (result.repetitions, result.seed) == (3, 17)
    assert [run.periods for run in result.runs] == [4, 4, 4]
    # Cooperator against Defector for 4 periods: S = 0 and T = 5 each period.
    assert [list(run.scores) for run in result.runs] == [[0, 20]] * 3
    assert all(run.actions is None for run in result.runs)  # kept only when asked


def test_kept_actions_are_one_pair_of_moves_per_edge_and_period():
    s = society(("A", "Cooperator"), ("B", "Defector"), ("C", "Cooperator"), regime=rl.Regime(turns=5))
    run = run_society(s, repetitions=1, seed=1, keep_actions=True).runs[0]
    assert run.actions.shape == run.signals.shape == (5, 3, 2)
    # Edges (A, B), (A, C), (B, C); 1 = D: only B defects, and perfect monitoring signals what was played.
    assert run.actions[0].tolist() == [[0, 1], [0, 0], [1, 0]]
    assert np.array_equal(run.actions, run.signals)


@pytest.mark.parametrize("repetitions,seed,parameter", [
    (0, 1, "repetitions"), (2.5, 1, "repetitions"), (True, 1, "repetitions"), (1, -1, "seed"), (1, 2**32, "seed"),
])
def test_bad_repetitions_or_seed_name_the_argument(repetitions, seed, parameter):
    s = society(("A", "Cooperator"), ("B", "Defector"))
    with pytest.raises(InvalidParameter) as caught:
        run_society(s, repetitions=repetitions, seed=seed)
    assert caught.value.parameter == parameter


def test_only_a_society_is_played():
    with pytest.raises(rl.RegimelabError, match="expected a Society, got list"):
        run_society([("A", "Cooperator"), ("B", "Defector")])


def test_each_repetition_has_its_own_streams():
    assert len(set(STREAMS)) == len(STREAMS) == 6
    s = society(("A", "Random"), ("B", "Random"), regime=rl.Regime(turns=30))
    runs = run_society(s, repetitions=2, seed=3, keep_actions=True).runs
    assert not np.array_equal(runs[0].actions, runs[1].actions)
