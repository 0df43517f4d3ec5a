#!/usr/bin/env python
"""The whole strategy library under an active regime: regimelab against axelrod, and where the time goes.

(a) Every strategy of ``--set all`` (axelrod's and regimelab's) that can play
    under the regime (transparency 0.8, fine 2, noise 0.05): a round robin
    with self-play, 200 turns, 5 repetitions, seed 1, on ``--jobs`` processes
    (default 2), timed as

      regimelab  ``rl.run_tournament(players, regime, repetitions=5, seed=1, jobs=2, engine=...)``
                 (``engine="auto"`` where run_tournament takes an engine; ``--engines`` for more)
      axelrod    ``axl.Tournament(players, turns=200, repetitions=5, noise=0.05, seed=1)
                 .play(processes=2, progress_bar=False)``

    on the same players in the same run, and the ratio regimelab / axelrod is
    set against the target of 0.3. Left out, and named: strategies that read
    their opponent's source (refused under imperfect monitoring) and those
    that fail a 10-turn match under the regime (axelrod's meta strategies and
    ZD-Extort-2 cannot play the expected stage game G' that a fine makes).
(b) ``--profile``: the slowest strategies in the object engine. Each strategy
    plays one 200-turn match against each of a panel of ``--panel``
    strategies (spread over the library) under the regime, with
    ``regimelab.tournament.play_pairing``; its mean seconds per match,
    times (players + 1) x repetitions, is the time of its matches in the whole
    tournament, and its share of the sum over strategies is the share of the
    tournament's time it accounts for (half of each match to each side).
    The ``--top`` slowest are listed, with the functions where the slowest's
    match spends its time (cProfile).

A full run of the whole library takes many minutes (axelrod's DBS alone is
about 0.8 s per match); ``--strategies N`` takes the first N (by name) and
``--repetitions`` fewer repetitions, to try it quickly; ``--without NAME``
leaves one out (the slowest, say). A report, not a test:
the exit status is 0 either way.

    .venv/bin/python benchmarks/bench_library.py [--strategies N] [--repetitions 5] [--engines auto,simulate]
    .venv/bin/python benchmarks/bench_library.py --profile [--panel 5] [--top 10] [--skip-tournament]
"""

from __future__ import annotations

import argparse
import cProfile
import inspect
import os
import pstats
import sys
import time

import axelrod as axl

sys.path.insert(0, os.path.dirname(__file__))
from bench_tournament import machine  # noqa: E402

import regimelab as rl  # noqa: E402
from regimelab.errors import RegimelabError  # noqa: E402
from regimelab.players import named_set, touches_source  # noqa: E402
from regimelab.tournament import play_pairing  # noqa: E402

TARGET = 0.3
REGIME = dict(transparency=0.8, fine=2.0, noise=0.05)
GAME = rl.Game()


def playable(classes, regime: rl.Regime) -> tuple[list, list]:
    """The classes that can play under ``regime``, and (name, reason) for those left out."""
    kept, left_out = [], []
    trial = regime.replace(turns=10)
    for cls in classes:
        player = cls()
        if not regime.perfect_monitoring and touches_source(player):
            left_out.append((cls.name, "reads its opponent's source: refused under imperfect monitoring"))
            continue
        try:
            play_pairing(player, axl.TitForTat(), trial, GAME, 1, 1)
        except RegimelabError as error:
            cause = error.__cause__
            detail = f"{type(cause or error).__name__}{f': {cause}' if str(cause or '') else ''}"
            left_out.append((cls.name, f"fails under the regime ({detail})"))
            continue
        kept.append(cls)
    return kept, left_out


def run_regimelab(classes, regime, args, engine) -> float:
    kwargs = {"engine": engine} if engine else {}
    start = time.perf_counter()
    rl.run_tournament([cls() for cls in classes], regime, GAME, repetitions=args.repetitions, seed=args.seed,
                      jobs=args.jobs, **kwargs)
    return time.perf_counter() - start


def run_axelrod(classes, args) -> float:
    start = time.perf_counter()
    tournament = axl.Tournament([cls() for cls in classes], turns=args.turns, repetitions=args.repetitions,
                                noise=REGIME["noise"], seed=args.seed)
    tournament.play(processes=args.jobs, progress_bar=False)
    return time.perf_counter() - start


def compare(classes, regime, args) -> None:
    """(a): each engine of regimelab, then axelrod, on the same players; times and ratios."""
    takes_engine = "engine" in inspect.signature(rl.run_tournament).parameters
    engines = args.engines.split(",") if takes_engine else [None]
    n = len(classes)
    print(f"(a) {n} strategies, {n * (n + 1) // 2:,} pairings with self-play, {args.turns} turns, "
          f"{args.repetitions} repetitions, jobs={args.jobs}")
    times = {}
    for engine in engines:  # each printed as it ends: the whole library takes long
        times[engine] = run_regimelab(classes, regime, args, engine)
        print(f"    regimelab{f' engine={engine!r}' if engine else ''}: {times[engine]:.1f} s", flush=True)
    axelrod_seconds = run_axelrod(classes, args)
    print(f"    axelrod.Tournament (noise {REGIME['noise']}): {axelrod_seconds:.1f} s")
    for engine, seconds in times.items():
        ratio = seconds / axelrod_seconds
        verdict = "meets" if ratio <= TARGET else "MISSES"
        print(f"    regimelab{f' engine={engine!r}' if engine else ''}: {seconds:.1f} s, "
              f"{ratio:.2f}x axelrod ({verdict} the target of {TARGET}x)")


def profile(classes, regime, args) -> None:
    """(b): mean seconds per match against a panel, per strategy, and their share of the tournament."""
    step = max(1, len(classes) // args.panel)
    panel = classes[::step][: args.panel]
    print(f"\n(b) object engine: each strategy against a panel of {len(panel)} "
          f"({', '.join(cls.name for cls in panel)}), one {args.turns}-turn match each")
    per_match = {}
    for cls in classes:
        start = time.perf_counter()
        for k, opponent in enumerate(panel):
            play_pairing(cls(), opponent(), regime, GAME, 1, args.seed + k)
        per_match[cls] = (time.perf_counter() - start) / len(panel)
    total = sum(per_match.values())
    matches = (len(classes) + 1) * args.repetitions
    print(f"    whole tournament, estimated: {total * matches / 2:.0f} s on one core "
          f"(sum over strategies of seconds per match x {matches} matches / 2)")
    print(f"    {'strategy':34s} {'s/match':>8s} {'in tournament':>14s} {'share':>6s} {'cumulative':>10s}")
    cumulative = 0.0
    ranked = sorted(per_match.items(), key=lambda item: -item[1])
    for cls, seconds in ranked[: args.top]:
        share = seconds / total
        cumulative += share
        print(f"    {cls.name[:34]:34s} {seconds:8.3f} {seconds * matches / 2:13.0f}s {share:6.1%} {cumulative:10.1%}")
    where_the_time_goes(ranked[0][0], panel[0], regime, args)


def where_the_time_goes(cls, opponent, regime, args) -> None:
    """The functions where one match of ``cls`` spends its time (cProfile, by own time)."""
    profiler = cProfile.Profile()
    profiler.enable()
    play_pairing(cls(), opponent(), regime, GAME, 1, args.seed)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:6]
    print(f"    where one match of {cls.name} against {opponent.name} spends its {total:.2f} s (own time):")
    for (path, line, function), (_, calls, own, _, _) in rows:
        where = f"{os.path.basename(path)}:{function}" if path != "~" else function
        print(f"      {own / total:6.1%}  {where} ({calls:,} calls)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--strategies", type=int, default=None, help="the first N playable strategies (by name)")
    parser.add_argument("--without", action="append", default=[], metavar="NAME",
                        help="leave out this strategy (its exact name; repeatable)")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--turns", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engines", default="auto", help="regimelab engines to time, comma-separated")
    parser.add_argument("--profile", action="store_true", help="(b): the slowest strategies")
    parser.add_argument("--panel", type=int, default=5, help="opponents per strategy in the profile")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--skip-tournament", action="store_true", help="only the profile")
    args = parser.parse_args()
    regime = rl.Regime(turns=args.turns, **REGIME)
    print(machine())
    classes, left_out = playable(named_set("all"), regime)
    print(f"--set all: {len(classes) + len(left_out)} strategies; {len(left_out)} left out under "
          f"transparency 0.8, fine 2, noise 0.05:")
    for name, reason in left_out:
        print(f"    {name}: {reason}")
    classes = [cls for cls in classes if cls.name not in args.without]
    classes = classes[: args.strategies] if args.strategies else classes
    if not args.skip_tournament:
        compare(classes, regime, args)
    if args.profile:
        profile(classes, regime, args)


if __name__ == "__main__":
    main()
