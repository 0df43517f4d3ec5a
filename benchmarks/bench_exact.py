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

    .venv/bin/python benchmarks/bench_exact.py [--rounds 3] [--repetitions 100]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repetitions", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(machine())
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
