"""The estimate of the exact engine's round robin (regimelab/workload/exact.py): chains bounded, then sized."""

from __future__ import annotations

import axelrod as axl

import regimelab as rl
from regimelab import workload
from regimelab.exact import DENSE_LIMIT, MAX_JOINT_STATES
from regimelab.machines import to_machine
from regimelab.workload import exact
from regimelab.workload.limit import Workload


def test_the_exact_engine_learns_the_real_size_of_a_chain_when_the_bound_is_too_large():
    # Go By Majority 10 has a 462-state machine: its self-play chain could have 213,444 states,
    # but without noise it is one path of a few states, and the estimate builds it to see so.
    players = [axl.GoByMajority10(), axl.TitForTat()]
    certain = workload.exact_tournament_workload(players, rl.Regime(turns=10**7))
    assert not certain.too_large and certain.largest_chain < 50
    noisy = workload.exact_tournament_workload(players, rl.Regime(turns=10**7, noise=0.05))
    assert noisy.too_large and noisy.largest_chain > 100_000  # every state is reachable, and 10**7 rounds of it
    assert workload.exact_tournament_workload([axl.TitForTat(), axl.Random(0.3)], rl.Regime(turns=10**7)).seconds < 5


def test_a_player_without_a_machine_leaves_the_refusal_to_the_engine():
    assert workload.exact_tournament_workload([axl.TitForTat(), axl.Stalker()], rl.Regime()) == Workload()


def test_a_pair_is_first_sized_by_the_product_of_its_machines_capped_as_the_engine_caps_it():
    small, large = to_machine(axl.TitForTat()), to_machine(axl.GoByMajority10())
    pair = exact.bound_pair(small, large, 3)
    states = small.size * large.size
    assert (pair.count, pair.states, pair.dense, pair.real) == (3, states, states <= DENSE_LIMIT, False)
    huge = exact.bound_pair(large, large, 1)
    assert huge.states == min(large.size**2, MAX_JOINT_STATES) and huge.dense == (huge.states <= DENSE_LIMIT)


def test_a_small_chain_is_summed_round_by_round_then_by_doubling_and_the_long_run_value_costs_more():
    pair = exact.bound_pair(to_machine(axl.TitForTat()), to_machine(axl.WinStayLoseShift()), 1)  # 4 states

    def seconds(turns, long_run=False):
        return exact.pair_seconds(pair, rl.Regime(turns=turns, noise=0.05), long_run)

    assert seconds(2) < seconds(16)  # round by round up to 4 S turns
    assert seconds(100) < seconds(10_000) < 2 * seconds(100)  # then log2(turns) products of small matrices
    short = rl.Regime(turns=10, noise=0.05)
    assert seconds(10) < seconds(10, True)
    assert exact.pair_bytes(pair, rl.Regime(shadow=0.99), False) > exact.pair_bytes(pair, short, False)


def test_the_machines_are_made_once_per_strategy_and_none_when_one_has_no_machine():
    players = [axl.TitForTat(), axl.TitForTat(), axl.Defector()]
    machines = exact.machines_for(players, rl.Regime(), rl.Game())
    assert machines[0] is machines[1] and machines[0] is not machines[2]
    assert exact.machines_for([axl.TitForTat(), axl.Stalker()], rl.Regime(), rl.Game()) is None
    pairs, estimate = exact.exact_round_robin(players, rl.Regime(), rl.Game(), "auto")
    assert sorted(p.count for p in pairs) == [1, 2, 3]  # TFT-TFT three times (with self-play), TFT-D twice
    assert estimate.pairings == 6


def test_a_chain_is_bounded_by_the_classes_of_its_machines():
    # Better and Better counts turns: its machine's classes are single states, 1,000 levels of them.
    # Against Tit For Tat (one class of 2) the joint classes have at most 2 states: a sweep, not
    # a factorisation of 2,000 states for each of the shadow's shifts.
    counter = to_machine(rl.find_strategy("Better and Better")(), noise=0.05)
    pair = exact.bound_pair(counter, to_machine(axl.TitForTat()), 1)
    assert pair.states == 2_000 and pair.classes == (((2, 1_000),), 1_001)
    shadow = rl.Regime(shadow=0.99, noise=0.05)
    one_class = exact.PairEstimate(pair.first, pair.second, 1, 2_000, pair.nonzero, False, classes=(((2_000, 1),), 1))
    assert exact.pair_seconds(pair, shadow, "auto") < exact.pair_seconds(one_class, shadow, "auto") / 4


def test_a_refused_round_robin_names_its_longest_pairs():
    # Go By Majority 10's machine is one class of 462 states: under noise its self-play chain is
    # one class of 213,444 joint states, factorised once per shift of the shadow.
    players = [axl.GoByMajority10(), axl.TitForTat(), axl.Defector()]
    estimate = workload.exact_tournament_workload(players, rl.Regime(shadow=0.99, noise=0.05))
    assert estimate.too_large
    assert "; the longest pairs: Soft Go By Majority: 10 against Soft Go By Majority: 10 (~" in estimate.describe()
    small = workload.exact_tournament_workload(players[1:], rl.Regime(shadow=0.99, noise=0.05))
    assert not small.too_large and "longest" not in small.describe()
