#!/usr/bin/env python
"""How long does `regimelab` take to start?

Times, in fresh processes, `regimelab --help`, a bare `regimelab`, `regimelab
--version`, `regimelab COMMAND --help` for every command (target: 0.3 s each)
and `regimelab explain` with its default pair (target: 1 s), each launched two
ways: the console script (`.venv/bin/regimelab`) and `python -m regimelab`.
For reference, an interpreter that does nothing (`python -c pass`). With
``--axelrod-import``, also `import axelrod` on its own, plainly and as
regimelab imports it (memoised by regimelab/_fast_import.py, which is kept only
while this saves seconds).

The cases are run in rotating order over ``--runs`` rounds, so that load on a
shared machine falls on all of them alike; the report gives the median (and
the fastest and slowest) wall-clock seconds of each, against its target. This
is a report, not a test: the exit status is 0 either way.
(tests/cli/test_startup.py pins what makes it fast: which modules each loads.)

    .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--axelrod-import]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

from regimelab.cli import COMMANDS  # light: the table of commands, no command imported

HELP_TARGET = 0.3
EXPLAIN_TARGET = 1.0


def launchers() -> dict[str, list[str]]:
    """The two ways to start regimelab: the console script beside this Python, and ``python -m``."""
    script = Path(sys.executable).parent / "regimelab"
    found = {"script": [str(script)]} if script.exists() else {}
    return {**found, "-m": [sys.executable, "-m", "regimelab"]}


def cases() -> list[tuple[str, list[str], float]]:
    """(label, arguments, target seconds) of every invocation timed."""
    helps = [("--help", ["--help"]), ("(bare)", []), ("--version", ["--version"])]
    helps += [(f"{name} --help", [name, "--help"]) for name in COMMANDS]
    return [(label, args, HELP_TARGET) for label, args in helps] + [("explain", ["explain"], EXPLAIN_TARGET)]


def seconds(command: list[str]) -> float:
    """Wall-clock seconds of one run of ``command`` (its output discarded); it must succeed."""
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def machine() -> str:
    load = " ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (f"nproc {os.cpu_count()}, load avg {load}; {platform.python_implementation()} "
            f"{platform.python_version()} on {platform.machine()}; axelrod {version('axelrod')}, "
            f"regimelab {version('regimelab')}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds; each case runs once per round (default 5)")
    parser.add_argument("--axelrod-import", action="store_true",
                        help="also time `import axelrod`, plain and memoised (about 20 s a round)")
    args = parser.parse_args()
    print(machine())
    timed = [(label, launcher, prefix + arguments, target)
             for label, arguments, target in cases() for launcher, prefix in launchers().items()]
    timed.insert(0, ("python -c pass", "-", [sys.executable, "-c", "pass"], None))
    if args.axelrod_import:
        timed += [("import axelrod", "plain", [sys.executable, "-c", "import axelrod"], None),
                  ("import axelrod", "memoised", [sys.executable, "-c", "import regimelab, axelrod"], None)]
    for _, _, command, _ in timed:  # warm-up: byte-compiled files and the disk cache
        seconds(command)
    times: dict[int, list[float]] = {k: [] for k in range(len(timed))}
    for run in range(args.runs):
        order = list(range(len(timed)))
        shift = run % len(order)
        for k in order[shift:] + order[:shift]:
            times[k].append(seconds(timed[k][2]))
    print(f"median of {args.runs} runs, wall-clock seconds (min-max); load at the end: {machine().split(';')[0]}")
    print(f"  {'invocation':<22} {'launcher':<8} {'median':>7} {'min':>6} {'max':>6}  target")
    over = 0
    for k, (label, launcher, _, target) in enumerate(timed):
        median = statistics.median(times[k])
        verdict = "" if target is None else f"{target:.1f} s " + ("ok" if median <= target else "OVER")
        over += target is not None and median > target
        print(f"  {label:<22} {launcher:<8} {median:7.3f} {min(times[k]):6.3f} {max(times[k]):6.3f}  {verdict}")
    print(f"{over} of {sum(target is not None for *_, target in timed)} invocations over their target.")


if __name__ == "__main__":
    main()
