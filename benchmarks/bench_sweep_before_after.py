#!/usr/bin/env python
"""The 40-cell sweep of ``bench_sweep.py``, jobs=1, on this tree and on an earlier commit, in one run.

Issue 14's target: the sweep at least ten times faster than before the
vectorised engine. Each round times, in fresh processes and in rotating order,
(old) the sweep with the regimelab of ``--before`` (a commit, checked out once
as a git worktree in a temporary folder; run with ``PYTHONPATH`` pointing at
it), and (new) the same sweep on this tree with the default engine ("auto":
the vectorised engine for this grid). Each process warms up on a one-cell
sweep first. The verdict is the median over rounds of old / new. A report,
not a test: the exit status is 0 either way.

    .venv/bin/python benchmarks/bench_sweep_before_after.py [--before c5efb06] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 10.0

SWEEP = """
import sys, time, tempfile
from pathlib import Path
import regimelab as rl
from regimelab.sweeps import SweepDefinition, build_grid, parse_param, run_sweep
players = tuple(rl.make_players(sets=["basic"]))
regime, game = rl.Regime(turns=200), rl.Game()
grid = build_grid([parse_param(t) for t in ("transparency=0.55:1:10", "fine=0,1,2,3")], "grid", regime, game)
engine = sys.argv[1]
extra = {} if engine == "library default" else {"engine": engine}
definition = SweepDefinition(players, regime, game, grid, 5, 1, **extra)
warm = SweepDefinition(players, regime, game, build_grid([parse_param("fine=0")], "grid", regime, game), 1, 1, **extra)
with tempfile.TemporaryDirectory() as folder:
    run_sweep(warm, Path(folder) / "w.parquet", jobs=1)
    start = time.perf_counter()
    run_sweep(definition, Path(folder) / "s.parquet", jobs=1)
    print(time.perf_counter() - start)
"""


def timed(tree: Path | None, engine: str) -> float:
    environment = dict(os.environ)
    if tree is not None:
        environment["PYTHONPATH"] = str(tree)  # ahead of the editable install: the old package
    completed = subprocess.run([sys.executable, "-c", SWEEP, engine], capture_output=True, text=True, env=environment,
                               cwd=tempfile.gettempdir(), check=True)
    return float(completed.stdout.split()[-1])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="c5efb06", help="the commit to compare with (default: c5efb06, the "
                        "last commit before issue 14)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="regimelab-before.") as folder:
        tree = Path(folder) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), args.before],
                       check=True)
        try:
            print(f"sweep: 40 cells, 10 basic strategies, 200 turns, 5 repetitions, jobs=1; before = {args.before}")
            old, new, ratios = [], [], []
            for number in range(args.rounds):
                cases = [("old", lambda: timed(tree, "library default")), ("new", lambda: timed(None, "vector"))]
                times = {}
                for name, run in (cases if number % 2 == 0 else cases[::-1]):
                    times[name] = run()
                old.append(times["old"])
                new.append(times["new"])
                ratios.append(times["old"] / times["new"])
                load = " ".join(f"{x:.2f}" for x in os.getloadavg())
                print(f"  round {number + 1}: before {times['old']:.2f} s, now {times['new']:.2f} s, "
                      f"ratio {ratios[-1]:.1f} (load {load})", flush=True)
            ratio = statistics.median(ratios)
            print(f"before / now = {ratio:.1f} (median of rounds; before {statistics.median(old):.2f} s, now "
                  f"{statistics.median(new):.2f} s), target >= {TARGET:.0f}: {'PASS' if ratio >= TARGET else 'MISS'}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
