#!/usr/bin/env python
"""The rates behind the size guards (regimelab/workload/rates.py), measured, and the estimates checked.

Part 1, rates: each constant of ``regimelab.workload`` that converts work into
seconds or bytes, measured on this machine with CPU time (``time.process_time``:
one core) and peak resident memory (``ru_maxrss`` of a forked child, less its
size before the work), beside the value the module uses:

* simulated rounds per second, perfect monitoring (noise 0.01, so every
  repetition is played) and signals (transparency 0.8, fine 2): the nine
  default strategies, 2,000 turns, 10 repetitions;
* seconds per match and per pairing: 150 players, 1 turn (1 and 20 repetitions);
* bytes per round of a match in flight: Tit For Tat against Random, 2,000,000 turns;
* bytes per record: 150 players, 1 turn, 20 repetitions;
* society: seconds per edge per period and per instance, bytes per instance and
  per edge per period (120 actors, 2 and 40 periods);
* the exact engine: seconds per small pairing (Tit For Tat against Win-Stay
  Lose-Shift, noise 0.05, 200 turns).

Part 2, estimates against runs: for a few runs, the estimated seconds and
memory beside the measured ones (CPU seconds; peak memory of a forked child).
The guard should not underestimate: the ratio measured / estimated is
printed and should be at most about 1.

    .venv/bin/python benchmarks/bench_workload.py [--part rates|check] [--rounds 3]

A report, not a test: the exit status is 0 either way.
"""

from __future__ import annotations

import argparse
import functools
import multiprocessing
import os
import platform
import resource
import statistics
import time

import axelrod as axl

import regimelab as rl
from regimelab import workload as wl
from regimelab.exact import evaluate
from regimelab.machines import to_machine
from regimelab.players import DEFAULT_STRATEGIES
from regimelab.society import Actor, Society, SocietyOptions, run_society
from regimelab.tournament import play_pairing

PERFECT = {"noise": 0.01}
SIGNALLED = {"transparency": 0.8, "fine": 2.0}
SOCIETY_STRATEGIES = ("Tit For Tat", "Grudger", "Cooperator", "Defector", "Win-Stay Lose-Shift", "GTFT", "Random",
                      "Suspicious Tit For Tat", "Prober", "Alternator")


def _child(function, args, queue):
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    start = time.process_time()
    function(*args)
    seconds = time.process_time() - start
    queue.put((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - base))


def measured(function, *args) -> tuple[float, float]:
    """CPU seconds and peak bytes (above the child's size when it started) of ``function(*args)``, in a fork."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_child, args=(function, args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def median_of(rounds: int, function, *args, **keywords) -> tuple[float, float]:
    results = [measured(functools.partial(function, *args, **keywords)) for _ in range(rounds)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def tournament(count: int, turns: int, repetitions: int, **regime):
    players = rl.make_players([DEFAULT_STRATEGIES[k % len(DEFAULT_STRATEGIES)] for k in range(count)])
    return rl.run_tournament(players, rl.Regime(turns=turns, **regime), repetitions=repetitions, seed=1)


def long_match(turns: int, **regime):
    play_pairing(axl.TitForTat(), axl.Random(), rl.Regime(turns=turns, **regime), rl.Game(), 1, 1)


def society(actors: int, periods: int, **regime):
    chosen = Society(actors=[Actor(f"a{k}", SOCIETY_STRATEGIES[k % len(SOCIETY_STRATEGIES)]) for k in range(actors)],
                     regime=rl.Regime(turns=periods, **regime), options=SocietyOptions(scope="none"))
    run_society(chosen, repetitions=1, seed=1)


def exact_pairs(count: int):
    regime = rl.Regime(noise=0.05)
    told = regime.expected_game(rl.Game())
    machines = [to_machine(p, told_game=told, noise=0.05, length=200) for p in rl.make_players(["tft", "wsls"])]
    for _ in range(count):
        evaluate(machines[0], machines[1], regime, rl.Game(), long_run="auto")


def _big_machines_players():
    names = {"Prober 4": None, "Second by Grofman": None}
    for cls in axl.all_strategies:
        if cls.name in names:
            names[cls.name] = cls()
    return list(names.values())


def exact_run(turns: int):
    from regimelab.exact_tournament import run_exact_tournament

    run_exact_tournament(_big_machines_players(), rl.Regime(noise=0.05, turns=turns))


def rates(rounds: int) -> None:
    n = len(DEFAULT_STRATEGIES)
    pairings = n * (n + 1) / 2
    print("Rates (median of", rounds, "runs; CPU seconds)")
    for name, regime in (("perfect", PERFECT), ("signalled", SIGNALLED)):
        seconds, _ = median_of(rounds, tournament, n, 2000, 10, **regime)
        rate = pairings * 10 * 2000 / seconds
        print(f"  simulated rounds/s, {name:9}: {rate:9,.0f}   (workload: {1 / wl.ROUND_SECONDS[name]:,.0f})")
    one, _ = median_of(rounds, tournament, 150, 1, 1, **PERFECT)
    twenty, memory = median_of(rounds, tournament, 150, 1, 20, **PERFECT)
    pairings = 150 * 151 / 2
    per_match = (twenty - one) / (pairings * 19)
    print(f"  seconds per match:   {per_match:.2e}   (workload: {wl.MATCH_SECONDS:.2e})")
    print(f"  seconds per pairing: {one / pairings - per_match:.2e}   (workload: {wl.PAIRING_SECONDS:.2e})")
    print(f"  bytes per record:    {memory / (2 * pairings * 20):.0f}   (workload: {wl.RECORD_BYTES}, "
          f"and {wl.PAIRING_BYTES} per pairing)")
    for name, regime in (("perfect", PERFECT), ("signalled", {"transparency": 0.5})):
        _, memory = median_of(rounds, long_match, 2_000_000, **regime)
        print(f"  bytes per round in flight, {name:9}: {memory / 2e6:.0f}   (workload: {wl.HISTORY_BYTES[name]})")
    for name, regime in (("perfect", {}), ("signalled", {"transparency": 0.8, "noise": 0.01, "fine": 1.0})):
        short, short_memory = median_of(rounds, society, 120, 2, **regime)
        long, long_memory = median_of(rounds, society, 120, 40, **regime)
        edges = 120 * 119 / 2
        per_round = (long - short) / (edges * 38)
        print(f"  society seconds per edge-round, {name:9}: {per_round:.2e} = {1 / per_round:,.0f}/s   "
              f"(workload: {1 / wl.SOCIETY_ROUND_SECONDS[name]:,.0f}/s)")
        print(f"  society bytes per edge-period,  {name:9}: {(long_memory - short_memory) / (edges * 38):.0f}   "
              f"(workload: {wl.SOCIETY_HISTORY_BYTES[name]})")
        if name == "perfect":
            print(f"  society seconds per instance: {(short - 2 * edges * per_round) / (2 * edges):.2e}   "
                  f"(workload: {wl.INSTANCE_SECONDS:.2e}); bytes per instance: {short_memory / (2 * edges):.0f}   "
                  f"(workload: {wl.INSTANCE_BYTES})")
    seconds, _ = median_of(rounds, exact_pairs, 200)
    print(f"  exact seconds per small pairing: {seconds / 200:.2e}   (workload: {wl.EXACT_PAIR_SECONDS:.2e})")


def check(rounds: int) -> None:
    cases = [
        ("run, default", lambda: tournament(9, 200, 10), wl.tournament_workload(
            rl.make_players(DEFAULT_STRATEGIES), rl.Regime(), 10)),
        ("run, transparency 0.8 fine 2, 2,000 turns", lambda: tournament(9, 2000, 10, **SIGNALLED),
         wl.tournament_workload(rl.make_players(DEFAULT_STRATEGIES), rl.Regime(turns=2000, **SIGNALLED), 10)),
        ("run, 60 players, noise 0.01", lambda: tournament(60, 200, 10, **PERFECT), wl.tournament_workload(
            rl.make_players([DEFAULT_STRATEGIES[k % 9] for k in range(60)]), rl.Regime(**PERFECT), 10)),
        ("run, shadow 0.999", lambda: rl.run_tournament(rl.make_players(DEFAULT_STRATEGIES), rl.Regime(shadow=0.999),
                                                        repetitions=10, seed=1),
         wl.tournament_workload(rl.make_players(DEFAULT_STRATEGIES), rl.Regime(shadow=0.999), 10)),
        ("Tit For Tat and Random, 500,000 turns, transparency 0.5 (3 pairings)",
         lambda: rl.run_tournament([axl.TitForTat(), axl.Random()], rl.Regime(turns=500_000, transparency=0.5),
                                   repetitions=1, seed=1),
         wl.tournament_workload([axl.TitForTat(), axl.Random()], rl.Regime(turns=500_000, transparency=0.5), 1)),
        ("society, 120 actors, 40 periods, signals", lambda: society(120, 40, transparency=0.8, noise=0.01, fine=1.0),
         wl.society_workload(Society(actors=[Actor(f"a{k}", "Tit For Tat") for k in range(120)],
                                     regime=rl.Regime(turns=40, transparency=0.8, noise=0.01, fine=1.0)), 1)),
        ("exact run, Prober 4 and Second by Grofman, noise 0.05, 2,000 turns", lambda: exact_run(2000),
         wl.exact_tournament_workload(_big_machines_players(), rl.Regime(noise=0.05, turns=2000))),
    ]
    print("\nEstimates against runs (median of", rounds, "runs; measured / estimated should be <= about 1)")
    for name, function, estimate in cases:
        seconds, memory = median_of(rounds, function)
        print(f"  {name}: {seconds:.2f} s of {estimate.seconds:.2f} s estimated ({seconds / estimate.seconds:.2f}); "
              f"{memory / 1e6:.0f} MB of {estimate.memory / 1e6:.0f} MB ({memory / max(estimate.memory, 1):.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--part", choices=["rates", "check"], action="append")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"axelrod {axl.__version__}, load average {load:.2f}\n")
    parts = args.part or ["rates", "check"]
    if "rates" in parts:
        rates(args.rounds)
    if "check" in parts:
        check(args.rounds)


if __name__ == "__main__":
    main()
