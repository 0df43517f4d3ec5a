"""The faster equivalents of axelrod's slowest parts (regimelab/faster_axelrod/): each the same to the bit as
axelrod's own, whole tournaments identical to axelrod's, and axelrod's own restored after the last block."""

import itertools
import threading

import axelrod as axl
import numpy as np
import pytest
from axelrod import interaction_utils, makes_use_of
from axelrod.strategies import dbs
from scipy import stats

import regimelab as rl
from regimelab import faster_axelrod
from regimelab.faster_axelrod import player_construction
from regimelab.faster_axelrod.chi_squared import chisquare
from regimelab.faster_axelrod.dbs_search import dbs_choice_values, dbs_move_gen
from regimelab.faster_axelrod.running_scores import compute_final_score

C, D = axl.Action.C, axl.Action.D
#: axelrod's own (makes_use_of.method_makes_use_of is the memo for the whole process once regimelab imported axelrod)
AXELRODS_METHOD_MAKES_USE_OF = player_construction._AXELROD_METHOD_MAKES_USE_OF
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
    for policy in policies()[:80] if depth == 6 else policies():  # axelrod's depth-6 trees are slow to build
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
    with faster_axelrod.faster_axelrod():
        assert dbs.move_gen is dbs_move_gen
    assert dbs.move_gen is original
    with pytest.raises(RuntimeError), faster_axelrod.faster_axelrod():
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

    replacements = [(space, name, counted if name == "move_gen" else new)
                    for space, name, new in faster_axelrod.REPLACEMENTS]
    monkeypatch.setattr(faster_axelrod, "REPLACEMENTS", replacements)
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


# -- building players ---------------------------------------------------------------------------------------


def built(cls):
    player = cls()
    return repr(player), player.classifier, player.init_kwargs, player.clone().init_kwargs


def test_every_strategy_is_built_as_axelrod_builds_it(monkeypatch):
    # classifiers (makes_use_of is read from the source), init arguments, clones: built by axelrod's own,
    # then twice with the replacements, so the second build comes from what the first kept
    monkeypatch.setattr(makes_use_of, "method_makes_use_of", AXELRODS_METHOD_MAKES_USE_OF)
    expected = [built(cls) for cls in axl.strategies]
    with faster_axelrod.faster_axelrod():
        first = [built(cls) for cls in axl.strategies]
        again = [built(cls) for cls in axl.strategies]
    assert first == expected
    assert again == expected


def test_a_method_whose_source_cannot_be_read_fails_the_same_way_every_time():
    dynamic = axl.NiceMetaWinner  # a class made at run time by a transformer: no source to read
    with pytest.raises(OSError) as axelrods:
        AXELRODS_METHOD_MAKES_USE_OF(dynamic)
    for _ in range(2):
        with pytest.raises(OSError) as ours:
            player_construction.method_makes_use_of(dynamic)
        assert str(ours.value) == str(axelrods.value)


def test_the_sets_handed_out_are_new_each_time():
    # callers add to them (strategy_transformers.makes_use_of_reclassifier)
    first = player_construction.method_makes_use_of(axl.KnowledgeableWorseAndWorse.strategy)
    first.add("added by a caller")
    assert player_construction.method_makes_use_of(axl.KnowledgeableWorseAndWorse.strategy) == \
        AXELRODS_METHOD_MAKES_USE_OF(axl.KnowledgeableWorseAndWorse.strategy) == {"length"}


@pytest.mark.parametrize("args, kwargs", [((), {}), ((0.1,), {}), ((), {"alpha": 0.2})])
def test_init_arguments_are_axelrods(args, kwargs):
    axelrods = axl.FirstByGraaskamp.init_params(*args, **kwargs)
    for _ in range(2):
        assert player_construction.init_params(axl.FirstByGraaskamp, *args, **kwargs) == axelrods


def test_arguments_a_strategy_does_not_take_fail_as_in_axelrod():
    with pytest.raises(TypeError) as axelrods:
        axl.TitForTat.init_params(1)
    with pytest.raises(TypeError) as ours:
        player_construction.init_params(axl.TitForTat, 1)
    assert str(ours.value) == str(axelrods.value)


# -- the score so far and the chi-squared test -------------------------------------------------------------


def test_the_score_so_far_is_axelrods_in_value_and_type():
    rng = np.random.default_rng(5)
    for length in [0, 1, 2, 7, 60, 200]:
        for _ in range(5):
            rounds = [(C if a else D, C if b else D) for a, b in rng.random((length, 2)) < 0.6]
            expected = interaction_utils.compute_final_score(rounds)
            got = compute_final_score(zip([a for a, _ in rounds], [b for _, b in rounds]))  # as Tranquilizer asks
            assert got == expected
            if expected is not None:
                assert [type(x) for x in got] == [type(x) for x in expected]


def test_the_score_so_far_of_other_rounds_or_another_game_is_axelrods():
    assert compute_final_score([(0, 1), (1, 1)]) == interaction_utils.compute_final_score([(0, 1), (1, 1)])
    game = axl.Game(r=4, s=-1, t=6, p=0)
    rounds = [(C, D), (D, D), (C, C)]
    assert compute_final_score(rounds, game) == interaction_utils.compute_final_score(rounds, game)


def test_the_chi_squared_test_is_scipys_to_the_last_bit():
    for cooperations in range(0, 201, 3):
        for defections in range(0 if cooperations else 1, 201 - cooperations, 7):
            expected = stats.chisquare([cooperations, defections])
            got = chisquare([cooperations, defections])
            assert (got.statistic, got.pvalue) == (expected.statistic, expected.pvalue) or (
                np.isnan(expected.pvalue) and np.isnan(got.pvalue))
    floats = [2.5, 7.5, 1.0]
    assert chisquare(floats).pvalue == stats.chisquare(floats).pvalue


# -- in place while a block runs ---------------------------------------------------------------------------


def originals():
    return [vars(space)[name] for space, name, _ in faster_axelrod.REPLACEMENTS]


def test_axelrods_own_are_back_only_when_the_last_block_ends_in_any_thread():
    before = originals()
    entered, release = threading.Event(), threading.Event()

    def other_block():
        with faster_axelrod.faster_axelrod():
            entered.set()
            release.wait(5)

    thread = threading.Thread(target=other_block)
    thread.start()
    entered.wait(5)
    with faster_axelrod.faster_axelrod():
        with faster_axelrod.faster_axelrod():
            assert dbs.move_gen is dbs_move_gen
    assert dbs.move_gen is dbs_move_gen  # the other thread's block is still running
    release.set()
    thread.join(5)
    assert originals() == before
    assert axl.FirstByGraaskamp.init_params(0.1) == {"alpha": 0.1}  # a classmethod again, bound to the subclass


def test_a_swap_cut_short_by_an_interrupt_is_put_right_by_the_next_block():
    before = originals()
    dbs.move_gen = dbs_move_gen  # as if an interrupt had stopped a swap half-way, with no block running
    try:
        with faster_axelrod.faster_axelrod():
            pass
        assert originals() == before
    finally:
        dbs.move_gen = before[0]


def test_a_child_forked_while_a_block_runs_starts_with_axelrods_own_and_a_free_lock():
    before = originals()
    with faster_axelrod.faster_axelrod():
        faster_axelrod._after_fork_in_child()  # what os.fork runs in the child
        assert originals() == before and faster_axelrod._users == 0
        assert faster_axelrod._lock.acquire(blocking=False)
        faster_axelrod._lock.release()
        faster_axelrod._users = 1  # this process's block is still running: as it was before the "fork"
        for space, name, replacement in faster_axelrod.REPLACEMENTS:
            setattr(space, name, replacement)
    assert originals() == before


NAMES_WITHOUT_DBS = ["Second by Tranquilizer", "First by Graaskamp", "First by Stein and Rapoport",
                     "Nice Meta Winner", "Tit For Tat", "Random"]


def counting(calls):
    """faster_axelrod's replacements, each counting its calls in ``calls`` by name."""
    def counted(name, replacement):
        def call(*args, **kwargs):
            calls[name] = calls.get(name, 0) + 1
            return replacement(*args, **kwargs)
        return call
    return [(space, name, new if isinstance(new, classmethod) else counted(name, new))
            for space, name, new in faster_axelrod.REPLACEMENTS]


def test_a_tournament_with_each_replaced_strategy_is_axelrods_own(monkeypatch):
    calls = {}
    monkeypatch.setattr(faster_axelrod, "REPLACEMENTS", counting(calls))
    tournament = axl.Tournament(rl.make_players(NAMES_WITHOUT_DBS), turns=70, noise=0.05, repetitions=2, seed=6)
    axelrod_result = tournament.play(progress_bar=False)
    ours = rl.run_tournament(rl.make_players(NAMES_WITHOUT_DBS), rl.Regime(turns=70, noise=0.05),
                             repetitions=2, seed=6)
    assert ours.ranked_names == axelrod_result.ranked_names
    assert np.array_equal(np.array(ours.normalised_scores), np.array(axelrod_result.normalised_scores))
    assert min(calls.get(name, 0) for name in ("chisquare", "compute_final_score", "method_makes_use_of")) > 10


def test_under_an_active_regime_the_replacements_change_nothing(monkeypatch):
    # No axelrod engine plays imperfect monitoring and a fine: regimelab with and without the replacements.
    names = NAMES_WITHOUT_DBS[:3] + ["Meta Majority Long Memory", "Adaptive"]
    regime = rl.Regime(turns=70, noise=0.05, transparency=0.8, fine=2.0)
    fast = rl.run_tournament(rl.make_players(names), regime, repetitions=2, seed=9, engine="simulate")
    monkeypatch.setattr(faster_axelrod, "REPLACEMENTS", ())
    slow = rl.run_tournament(rl.make_players(names), regime, repetitions=2, seed=9, engine="simulate")
    assert fast.to_dict() == slow.to_dict()
