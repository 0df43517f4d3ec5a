#!/usr/bin/env python
"""How fast is the multilateral engine, per edge-round, against the dyadic engine?

A society of 20 actors on a complete graph (190 edges) plays 1,000 periods
(190,000 edge-rounds), one repetition, seed 1. The same 190 pairs are then
played as dyadic matches of 1,000 rounds with ``regimelab.tournament.play_pairing``
(one repetition each) under the same regime. Both play the same strategies
(a mix of axelrod's deterministic and stochastic ones), so the strategy calls
are the same work; what differs is each engine's own overhead per round.

Cases (``--case``, default all):

* ``perfect``: the null regime (perfect monitoring, no noise), scope none;
* ``active``: transparency 0.8, noise 0.01, fine 1 (signals drawn), scope none;
* ``exclusion``: the active regime with collective security (exclusion for 5
  periods); its dyadic reference is the active regime (the dyadic engine has
  no exclusions), so this ratio includes the society-level regime's work.

Each case runs ``--rounds`` times, society and dyadic interleaved (their order
alternating), after an untimed warm-up; the verdict is the median over rounds
of the per-round ratio of wall-clock times (paired, so that the load of a
shared machine falls on both), with the same ratio of CPU times beside it.
Target: society / dyadic <= 1.5 per edge-round. A report, not a test: the
exit status is 0 either way.

    .venv/bin/python benchmarks/bench_society.py [--rounds 3] [--periods 1000] [--case active]
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import time

import regimelab as rl
from regimelab.society import Actor, Society, SocietyOptions, run_society
from regimelab.tournament import play_pairing

ACTORS = 20
TARGET = 1.5
STRATEGIES = (
    "Tit For Tat", "Grudger", "Cooperator", "Defector", "Win-Stay Lose-Shift",
    "GTFT", "Random", "Suspicious Tit For Tat", "Prober", "Alternator",
)
ACTIVE = {"transparency": 0.8, "noise": 0.01, "fine": 1.0}
CASES = {
    "perfect": ({}, "none"),
    "active": (ACTIVE, "none"),
    "exclusion": (ACTIVE, "collective_security"),
}


def strategies() -> list[str]:
    return [STRATEGIES[k % len(STRATEGIES)] for k in range(ACTORS)]


def society_run(regime: rl.Regime, scope: str):
    society = Society(
        actors=[Actor(f"State {k + 1}", name) for k, name in enumerate(strategies())],
        regime=regime,
        options=SocietyOptions(scope=scope, exclusion_rounds=5),
    )
    return run_society(society, repetitions=1, seed=1)


def dyadic_run(regime: rl.Regime):
    players = [rl.find_strategy(name)() for name in strategies()]
    game = rl.Game()
    seed = 1
    for i in range(ACTORS):
        for j in range(i + 1, ACTORS):
            seed += 1
            play_pairing(players[i], players[j], regime, game, 1, seed)


def timed(function, *args):
    gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    function(*args)
    return time.perf_counter() - start, time.process_time() - start_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--periods", type=int, default=1000)
    parser.add_argument("--case", choices=list(CASES), action="append")
    args = parser.parse_args()
    edges = ACTORS * (ACTORS - 1) // 2
    edge_rounds = edges * args.periods
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {load:.2f}")
    print(f"Society: {ACTORS} actors, complete graph ({edges} edges), {args.periods} periods, 1 repetition; "
          f"dyadic: the same {edges} pairs, {args.periods} rounds each; {args.rounds} rounds\n")
    verdicts = []
    for case in args.case or list(CASES):
        values, scope = CASES[case]
        regime = rl.Regime(turns=args.periods, **values)
        society_run(regime.replace(turns=20), scope)  # warm-up: imports, first-use caches
        dyadic_run(regime.replace(turns=20))
        wall_ratios, cpu_ratios, society_walls, dyadic_walls = [], [], [], []
        for round_index in range(args.rounds):
            order = ("society", "dyadic") if round_index % 2 == 0 else ("dyadic", "society")
            times = {}
            for which in order:
                times[which] = timed(society_run, regime, scope) if which == "society" else timed(dyadic_run, regime)
            society_walls.append(times["society"][0])
            dyadic_walls.append(times["dyadic"][0])
            wall_ratios.append(times["society"][0] / times["dyadic"][0])
            cpu_ratios.append(times["society"][1] / times["dyadic"][1])
        society_wall = statistics.median(society_walls)
        dyadic_wall = statistics.median(dyadic_walls)
        ratio = statistics.median(wall_ratios)
        verdicts.append((case, ratio))
        print(f"[{case}] regime {regime.label()}, scope {scope}")
        print(f"  society: {society_wall:.2f} s median; {args.periods / society_wall:,.0f} periods/s; "
              f"{society_wall / edge_rounds * 1e6:.2f} us per edge-round")
        print(f"  dyadic:  {dyadic_wall:.2f} s median; {dyadic_wall / edge_rounds * 1e6:.2f} us per round")
        print(f"  society / dyadic per round: {ratio:.2f} (median of paired wall ratios; "
              f"CPU {statistics.median(cpu_ratios):.2f}; min/min {min(society_walls) / min(dyadic_walls):.2f}) "
              f"-> {'within' if ratio <= TARGET else 'OVER'} the target {TARGET}\n")
    summary = ", ".join(f"{case} {ratio:.2f}" for case, ratio in verdicts)
    print(f"Verdict (target <= {TARGET}): {summary}")


if __name__ == "__main__":
    main()
