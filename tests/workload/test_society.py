"""The estimate of the multilateral engine (regimelab/workload/society.py): edges, periods, instances."""

from __future__ import annotations

import math

import regimelab as rl
from regimelab import workload
from regimelab.players import make_players
from regimelab.society import Actor, Society, SocietyOptions
from regimelab.workload.limit import LIMIT_BYTES


def test_a_society_counts_a_round_per_edge_per_period_and_an_instance_per_actor_per_edge():
    actors = [Actor(f"s{k}", "Tit For Tat") for k in range(30)]
    complete = workload.society_workload(Society(actors=actors, regime=rl.Regime(turns=50)), repetitions=3)
    assert complete.rounds == 435 * 50 * 3
    assert complete.transient >= 2 * 435 * workload.INSTANCE_BYTES + 435 * 50 * workload.SOCIETY_HISTORY_BYTES[
        "perfect"]
    hub = workload.society_workload(Society(actors=actors, graph="hub", hub="s0", regime=rl.Regime(turns=50)), 3)
    assert hub.rounds == 29 * 50 * 3
    signals = workload.society_workload(Society(actors=actors, regime=rl.Regime(turns=50, transparency=0.8)), 3)
    assert signals.seconds > complete.seconds and signals.transient > complete.transient


def test_a_thousand_actors_are_refused_for_their_memory_and_a_larger_population_for_its_moran_arrays():
    actors = [Actor(f"s{k}", "Tit For Tat") for k in range(1000)]
    estimate = workload.society_workload(Society(actors=actors, regime=rl.Regime(turns=100)), repetitions=10)
    assert estimate.memory > LIMIT_BYTES  # 499,500 edges, two instances each
    players = make_players(["tft", "alld", "grudger"])
    small = workload.evolution_workload(players, rl.Regime(shadow=0.95), population=10)
    large = workload.evolution_workload(players, rl.Regime(shadow=0.95), population=10**6)
    assert large.transient > 1000 * small.transient and large.too_large


def test_a_graph_counts_only_its_edges_and_exclusions_keep_a_table_of_them():
    actors = [Actor(f"s{k}", "Tit For Tat") for k in range(5)]
    edges = Society(actors=actors, graph="edges", edges=(("s0", "s1"), ("s1", "s2")), regime=rl.Regime(turns=10))
    assert workload.society_workload(edges, 1).rounds == 2 * 10
    plain = workload.society_workload(Society(actors=actors, regime=rl.Regime(turns=10)), 1)
    excluding = workload.society_workload(Society(actors=actors, regime=rl.Regime(turns=10),
                                                  options=SocietyOptions(scope="collective_security",
                                                                         exclusion_rounds=2)), 1)
    assert excluding.transient == plain.transient + 8 * 5 * 5


def test_under_a_random_length_the_histories_are_as_long_as_the_longest_repetition():
    actors = [Actor("a", "Tit For Tat"), Actor("b", "Defector")]
    fixed = [workload.society_workload(Society(actors=actors, regime=rl.Regime(turns=10)), r) for r in (1, 100)]
    assert fixed[0].transient == fixed[1].transient
    shadowed = [workload.society_workload(Society(actors=actors, regime=rl.Regime(shadow=0.9)), r) for r in (1, 100)]
    growth = shadowed[1].transient - shadowed[0].transient
    assert math.isclose(growth, 45 * 10 * (sum(1 / k for k in range(1, 101)) - 1))  # one edge, T = 10, T x H_r
