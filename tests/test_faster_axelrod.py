"""The faster equivalents of axelrod's slowest decisions (regimelab/fast_decisions.py): the same floats and the
same moves as axelrod's own, whole matches identical to axelrod's, and axelrod's own restored after a block."""

import itertools

import axelrod as axl
import numpy as np
import pytest
from axelrod.strategies import dbs

import regimelab as rl
from regimelab import fast_decisions
from regimelab.fast_decisions import dbs_choice_values, dbs_move_gen

C, D = axl.Action.C, axl.Action.D
OUTCOMES = [(C, C), (C, D), (D, C), (D, D)]


def policies():
    """DBS's policies as it builds them: certain rules (1 and 0, ints), discounted frequencies, and ties."""
    rng = np.random.default_rng(14)
    corners = [dict(zip(OUTCOMES, values)) for values in itertools.product((0, 1), repeat=4)]
    drawn = [dict(zip(OUTCOMES, rng.choice([0, 1, 0.5, 1 / 3, *rng.random(3)], size=4).tolist()))
             for _ in range(300)]
    return corners + drawn + [dbs.create_policy(1, 1, 0, 0)]


@pytest.mark.parametrize("depth", [1, 2, 3, 5, 6])
def test_the_values_are_axelrods_tree_search_to_the_last_bit(depth):
    for policy in policies():
        for outcome in OUTCOMES:
            root = dbs.DeterministicNode(outcome[0], outcome[1], depth=0)
            expected = dbs.minimax_tree_search(root, policy, depth)
            assert dbs_choice_values(outcome, policy, depth) == expected  # exact: same sums in the same order
            assert dbs_move_gen(outcome, policy, depth) is dbs.move_gen(outcome, policy, depth)


def test_a_search_of_depth_zero_is_left_to_axelrod():
    # axelrod's root is then a leaf and its search returns a number, not a choice: it fails the same way
    policy = dbs.create_policy(1, 1, 0, 0)
    with pytest.raises(AttributeError):
        dbs.move_gen((C, C), policy, 0)
    with pytest.raises(AttributeError):
        dbs_move_gen((C, C), policy, 0)


def test_axelrods_own_search_is_back_after_the_block_also_on_an_error():
    original = dbs.move_gen
    with fast_decisions.fast_decisions():
        assert dbs.move_gen is dbs_move_gen
    assert dbs.move_gen is original
    with pytest.raises(RuntimeError), fast_decisions.fast_decisions():
        raise RuntimeError
    assert dbs.move_gen is original


NAMES = ["DBS", "Meta Winner Deterministic", "Tit For Tat", "Random", "Adaptive"]


@pytest.mark.parametrize("config", [dict(turns=40, noise=0.05, seed=3), dict(prob_end=0.05, seed=8)],
                         ids=["turns+noise", "prob_end"])
def test_matches_with_dbs_and_a_meta_team_with_it_are_axelrods_own(config, monkeypatch):
    # The null regime: regimelab plays with the fast search, axelrod.Tournament (same process) with its own.
    searches = []

    def counted(*args, **kwargs):
        searches.append(args)
        return dbs_move_gen(*args, **kwargs)

    monkeypatch.setattr(fast_decisions, "REPLACEMENTS", ((dbs, "move_gen", counted),))
    config = dict(config)
    seed = config.pop("seed")
    tournament = axl.Tournament(rl.make_players(NAMES), repetitions=2, seed=seed, **config)
    axelrod_result = tournament.play(progress_bar=False)
    regime = rl.Regime(turns=config.get("turns"), noise=config.get("noise", 0.0),
                       shadow=1 - config["prob_end"] if "prob_end" in config else None)
    ours = rl.run_tournament(rl.make_players(NAMES), regime, repetitions=2, seed=seed)
    assert len(searches) > 100  # DBS's and the meta team's DBS's moves were the fast search's
    assert ours.ranked_names == axelrod_result.ranked_names
    assert np.array_equal(np.array(ours.normalised_scores), np.array(axelrod_result.normalised_scores))
