#!/usr/bin/env python
"""How much slower is a regimelab tournament than the plain axelrod one?

One run times three things on the same tournament (axelrod's basic strategies,
200 turns, ``--repetitions`` repetitions, a fixed seed, one process):

  (a) ``axelrod.Tournament(...).play(progress_bar=False)``, ResultSet included,
      as a user would call it;
  (b) ``regimelab.run_tournament`` under the null regime ``Regime()``;
  (c) ``regimelab.run_tournament`` under an active regime,
      ``Regime(transparency=0.8, fine=2)`` (imperfect monitoring and a fine),
      with the default engine ("auto", which takes the vectorised engine here);
  (d) the same with ``engine="simulate"``, the object engine (axelrod's players
      round by round), which (c) replaced.

Each is run ``--rounds`` times, interleaved in rotating order (a b c, b c a,
c a b, ...), so that drift in the load of a shared machine falls on all three
alike. The verdict uses the median over rounds of the per-round ratio of
wall-clock times (each round's runs are adjacent in time, so the ratio is
paired); the same ratio of CPU times, which waiting for a busy core does not
inflate, and the ratio of the minimum wall times are shown alongside. Targets (times axelrod's):
null <= 1.10, active <= 0.10, active-simulate <= 1.5. This is a report, not a test: the exit status is 0 either way.

    .venv/bin/python benchmarks/bench_tournament.py [--rounds 5] [--repetitions 20]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import platform
import pstats
import statistics
import sys
import time

import axelrod as axl
import numpy as np

import regimelab as rl

TURNS = 200
TARGETS = {"null": 1.10, "active": 0.10, "active-simulate": 1.5}
ACTIVE = {"transparency": 0.8, "fine": 2.0}


def make_players():
    """Fresh instances of axelrod's basic strategies (10 players)."""
    return [cls() for cls in axl.basic_strategies]


def run_axelrod(repetitions: int, seed: int):
    tournament = axl.Tournament(make_players(), turns=TURNS, repetitions=repetitions, seed=seed)
    return tournament.play(progress_bar=False)


def run_null(repetitions: int, seed: int):
    return rl.run_tournament(make_players(), rl.Regime(), repetitions=repetitions, seed=seed)


def run_active(repetitions: int, seed: int):
    return rl.run_tournament(make_players(), rl.Regime(**ACTIVE), repetitions=repetitions, seed=seed)


def run_active_simulate(repetitions: int, seed: int):
    return rl.run_tournament(make_players(), rl.Regime(**ACTIVE), repetitions=repetitions, seed=seed,
                             engine="simulate")


CASES = {
    "axelrod": ("(a) axelrod Tournament.play + ResultSet", run_axelrod),
    "null": ("(b) regimelab, null regime", run_null),
    "active": (f"(c) regimelab, {rl.Regime(**ACTIVE).label()}", run_active),
    "active-simulate": ("(d) the same, --engine simulate", run_active_simulate),
}


def timed(function, repetitions: int, seed: int):
    """Wall-clock and CPU seconds of one call (CPU: this process, all threads)."""
    gc.collect()
    start, start_cpu = time.perf_counter(), time.process_time()
    result = function(repetitions, seed)
    return time.perf_counter() - start, time.process_time() - start_cpu, result


def same_as_axelrod(result_set, result) -> bool:
    """The null-regime result reproduces axelrod's ranking and normalised scores."""
    return list(result_set.ranked_names) == result.ranked_names and np.array_equal(
        np.array(result_set.normalised_scores), result.normalised_scores
    )


def machine() -> str:
    import pandas

    load = "n/a"
    if hasattr(os, "getloadavg"):
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"nproc {os.cpu_count()}, load avg {load}; {platform.python_implementation()} "
        f"{platform.python_version()} on {platform.machine()}; numpy {np.__version__}, "
        f"pandas {pandas.__version__}, axelrod {axl.__version__}, regimelab {rl.__version__}"
    )


def profile_hint(key: str, repetitions: int, seed: int, lines: int = 8) -> None:
    """Profile one run of ``key`` and print the functions with the most own time."""
    _, function = CASES[key]
    profiler = cProfile.Profile()
    profiler.enable()
    function(repetitions, seed)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:lines]
    print(f"  profile of one {key} run ({total:.2f} s under cProfile), top {lines} by own time:")
    print(f"    {'own s':>7} {'cum s':>7} {'calls':>9}  function")
    for (filename, line, name), (_, ncalls, tottime, cumtime, _) in rows:
        where = _short(filename)
        print(f"    {tottime:7.2f} {cumtime:7.2f} {ncalls:9d}  {name} ({where}:{line})")
    print(
        "  more: python -m cProfile -s tottime benchmarks/bench_tournament.py --rounds 1 --no-profile, "
        "or pyinstrument for a call tree"
    )


def _short(filename: str) -> str:
    for marker in ("site-packages" + os.sep, "regimelab" + os.sep):
        if marker in filename:
            index = filename.index(marker)
            return filename[index + len(marker) :] if marker.startswith("site") else filename[index:]
    return os.path.basename(filename)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds of (a, b, c) (default 5)")
    parser.add_argument("--repetitions", type=int, default=20, help="repetitions per pairing (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="tournament seed (default 1)")
    profile = parser.add_mutually_exclusive_group()
    profile.add_argument("--profile", action="store_true", help="print the profile hint even when targets are met")
    profile.add_argument("--no-profile", action="store_true", help="never profile")
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.repetitions < 1:
        parser.error("--rounds and --repetitions must be >= 1")

    print(f"machine: {machine()}")
    print(
        f"tournament: {len(axl.basic_strategies)} basic strategies, {TURNS} turns, "
        f"{args.repetitions} repetitions, seed {args.seed}, one process; {args.rounds} rounds"
    )

    # Warm-up: first calls import and initialise things (dask, pandas paths).
    for _, function in CASES.values():
        function(1, args.seed)

    keys = list(CASES)
    wall = {key: [] for key in keys}
    cpu = {key: [] for key in keys}
    parity = None
    for round_number in range(args.rounds):
        shift = round_number % len(keys)
        order = keys[shift:] + keys[:shift]
        results = {}
        for key in order:
            elapsed, elapsed_cpu, results[key] = timed(CASES[key][1], args.repetitions, args.seed)
            wall[key].append(elapsed)
            cpu[key].append(elapsed_cpu)
        if parity is None:
            parity = same_as_axelrod(results["axelrod"], results["null"])
        print(
            f"  round {round_number + 1}: "
            + ", ".join(f"{key} {wall[key][-1]:.3f} s (cpu {cpu[key][-1]:.3f})" for key in order),
            flush=True,
        )

    print()
    print(f"{'case':42} {'median s':>9} {'min s':>7} {'max s':>7} {'median cpu s':>13}")
    for key in keys:
        print(
            f"{CASES[key][0]:42} {statistics.median(wall[key]):9.3f} {min(wall[key]):7.3f} "
            f"{max(wall[key]):7.3f} {statistics.median(cpu[key]):13.3f}"
        )
    print()

    def paired(times, key):
        return [x / y for x, y in zip(times[key], times["axelrod"])]

    missed = []
    for key, target in TARGETS.items():
        ratios = paired(wall, key)
        ratio = statistics.median(ratios)
        ratio_cpu = statistics.median(paired(cpu, key))
        ratio_min = min(wall[key]) / min(wall["axelrod"])
        verdict = "PASS" if ratio <= target else "MISS"
        if verdict == "MISS":
            missed.append(key)
        print(
            f"{key:15} regimelab/axelrod = {ratio:.3f} (per-round {min(ratios):.3f}-{max(ratios):.3f}; "
            f"cpu {ratio_cpu:.3f}; minima {ratio_min:.3f}), target <= {target:.2f}: {verdict}"
        )
    print(f"null-regime ranking and normalised scores identical to axelrod's: {'yes' if parity else 'NO'}")

    to_profile = keys[1:] if args.profile else missed
    if to_profile and not args.no_profile:
        print()
        if missed:
            print(f"target missed for {', '.join(missed)}; where the time goes:")
        for key in to_profile:
            profile_hint(key, args.repetitions, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
