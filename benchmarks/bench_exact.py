#!/usr/bin/env python
"""How much faster is the exact engine than simulation, and do they agree?

One run, ten memory-one strategies of axelrod (deterministic and stochastic),
a round robin with self-play (55 pairings), 200 turns, under two regimes:
the null regime with noise 0.05, and an active one (transparency 0.8, false
alarms 0.05, fine 0.5, compensation 0.5, noise 0.05). For each regime it times

  (a) ``regimelab.run_tournament(..., repetitions=100)``: the simulation engine;
  (b) ``regimelab.run_exact_tournament(...)``: expected values from the
      strategies' Markov chains,

interleaved over ``--rounds`` rounds (a b, b a, ...), and prints the median
ratio of wall-clock times (target: exact at least 100 times faster). Then it
compares the two tables: for every ordered pair, the simulated mean match
total against the exact expectation, in standard errors of the simulated mean
(from the spread over repetitions). With 110 cells, the largest |z| of honest
agreement is about 3.5; pairs that are deterministic under the regime must
agree exactly. This is a report, not a test: the exit status is 0 either way.

With ``--all-finite`` it times instead the exact engine on every strategy
with a finite-state form (``--set finite``) under shadow 0.995, noise 0.05,
transparency 0.8 and a fine of 1, on ``--jobs`` processes (default 2),
against the target of 60 s. First it prints the size guard's estimate for
all of them (the strategies that have no machine under noise are named and
left out); then it leaves out, naming them, the strategies whose machine's
largest class of states (states that can all reach each other) has more than
``--max-class`` states (default 100): a pair's chain has classes up to the
product of its machines', and under a shadow each class is factorised once
per shift (First by Tullock, 1,023, against itself: half a million joint
states). It times the run of the rest.

    .venv/bin/python benchmarks/bench_exact.py [--rounds 3] [--repetitions 100]
    .venv/bin/python benchmarks/bench_exact.py --all-finite [--max-class 100] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

import axelrod as axl
import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from bench_tournament import machine  # noqa: E402

import regimelab as rl  # noqa: E402

TURNS = 200
TARGET = 100.0
STRATEGIES = [
    axl.TitForTat, axl.WinStayLoseShift, axl.GTFT, axl.Cooperator, axl.Defector,
    axl.StochasticWSLS, axl.ZDExtort2, axl.ZDGTFT2, axl.FirstByJoss, axl.SuspiciousTitForTat,
]
REGIMES = {
    "noise 0.05": rl.Regime(turns=TURNS, noise=0.05),
    "active": rl.Regime(turns=TURNS, noise=0.05, transparency=0.8, false_alarm=0.05, fine=0.5, compensation=0.5),
}


def players():
    return [cls() for cls in STRATEGIES]


def agreement(simulated, expected) -> tuple[float, float, int]:
    """Largest |difference| of mean match totals, largest |z|, number of exact pairs that differ."""
    scores = simulated.records.groupby(["player_index", "opponent_index"])["score"]
    means, errors = scores.mean(), scores.std(ddof=1) / np.sqrt(scores.count())
    exact = expected.records.set_index(["player_index", "opponent_index"])["score"]
    exact = exact[~exact.index.duplicated()]  # self-play rows appear twice
    largest, largest_z, mismatched = 0.0, 0.0, 0
    for key, mean in means.items():
        difference = abs(mean - exact[key])
        largest = max(largest, difference)
        if errors[key] > 0:
            largest_z = max(largest_z, difference / errors[key])
        elif difference > 1e-9:
            mismatched += 1
    return largest, largest_z, mismatched


ALL_FINITE_REGIME = rl.Regime(shadow=0.995, noise=0.05, transparency=0.8, fine=1)
ALL_FINITE_TARGET = 60.0


def all_finite(max_class: int, jobs: int) -> None:
    """The exact engine on every finite-state strategy under ALL_FINITE_REGIME, against ALL_FINITE_TARGET."""
    from regimelab.machines import NotFiniteState, to_machine
    from regimelab.players import named_set
    from regimelab.workload import exact_tournament_workload
    from regimelab.workload.exact import machine_classes

    regime = ALL_FINITE_REGIME
    told = regime.expected_game(rl.Game())
    start = time.perf_counter()
    players, sizes = [], []
    for cls in named_set("finite"):
        try:
            sizes.append(machine_classes(to_machine(cls(), told_game=told, noise=regime.noise))[0])
        except NotFiniteState as refusal:
            print(f"left out, no machine under this regime: {refusal.name} ({refusal.reason})")
            continue
        players.append(cls())
    print(f"{len(players)} finite-state strategies under shadow 0.995, noise 0.05, transparency 0.8, fine 1 "
          f"(set and machines: {time.perf_counter() - start:.1f} s)")
    estimate = exact_tournament_workload(players, regime)
    print(f"size guard, all of them: {estimate.describe()}{'; refused' if estimate.too_large else ''}")
    large = [(p, size) for p, size in zip(players, sizes) if max_class and size > max_class]
    if large:
        print(f"left out, machines with a class of more than {max_class} states: "
              + ", ".join(f"{p} ({size:,})" for p, size in large))
        players = [p for p, size in zip(players, sizes) if not max_class or size <= max_class]
        estimate = exact_tournament_workload(players, regime)
        print(f"size guard, the {len(players)} others: {estimate.describe()}")
    start = time.perf_counter()
    result = rl.run_exact_tournament(players, regime, jobs=jobs)
    seconds = time.perf_counter() - start
    verdict = "meets" if seconds <= ALL_FINITE_TARGET else "MISSES"
    print(f"run_exact_tournament({len(players)} players, jobs={jobs}): {len(result.pairs):,} ordered pairs in "
          f"{seconds:.1f} s ({verdict} the target of {ALL_FINITE_TARGET:.0f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repetitions", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--all-finite", action="store_true", help="the exact engine on every finite-state strategy")
    parser.add_argument("--max-class", type=int, default=100, help="with --all-finite (0: no cap)")
    parser.add_argument("--jobs", type=int, default=2, help="with --all-finite")
    args = parser.parse_args()
    print(machine())
    if args.all_finite:
        all_finite(args.max_class, args.jobs)
        return
    print(f"{len(STRATEGIES)} memory-one strategies, {TURNS} turns, {args.repetitions} repetitions, "
          f"{args.rounds} rounds\n")
    for label, regime in REGIMES.items():
        rl.run_exact_tournament(players(), regime)  # warm-up
        times = {"simulate": [], "exact": []}
        for k in range(args.rounds):
            order = ("simulate", "exact") if k % 2 == 0 else ("exact", "simulate")
            for engine in order:
                start = time.perf_counter()
                if engine == "simulate":
                    simulated = rl.run_tournament(players(), regime, repetitions=args.repetitions, seed=args.seed)
                else:
                    expected = rl.run_exact_tournament(players(), regime)
                times[engine].append(time.perf_counter() - start)
        ratio = statistics.median(s / e for s, e in zip(times["simulate"], times["exact"]))
        largest, z, mismatched = agreement(simulated, expected)
        verdict = "meets" if ratio >= TARGET else "MISSES"
        print(f"[{label}] simulate {statistics.median(times['simulate']):.3f} s, "
              f"exact {statistics.median(times['exact']):.4f} s: exact is {ratio:.0f}x faster "
              f"({verdict} the target of {TARGET:.0f}x)")
        print(f"[{label}] largest |simulated - exact| mean match total: {largest:.3f} "
              f"(largest |z| = {z:.2f} standard errors; deterministic pairs that differ: {mismatched})\n")


if __name__ == "__main__":
    main()
