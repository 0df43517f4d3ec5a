#!/usr/bin/env python
"""How long does a Sobol' design over six regime parameters take, and its indices?

One sampled sweep as `regimelab sweep --design sobol` runs it: the nine
default strategies (all finite-state) on the exact engine, base regime shadow
0.9, and six regime parameters varied at once (shadow 0.5..0.95,
transparency 0.5..1, false alarms 0..0.1, noise 0..0.05, fine 0..3,
transaction cost 0..1); Sobol' N = 128, so 128 x (6 + 2) = 1,024 cells; sweep
seed 1; ``-j 2``. Timed apart:

  (a) design: drawing the points and checking every cell's regime (``build_design``);
  (b) sweep:  ``run_sweep(..., jobs=2)``: the pre-flight checks, the cells in two
      processes, the partial file, the table and the manifest;
  (c) indices: ``regimelab sensitivity``'s analysis of the table for the Defector's
      rank (S1 and ST, 1,000 bootstrap resamples).

Printed: the machine line, each time, the cells per second of (b), and the
indices. This is a report, not a test: the exit status is 0 either way. On a
shared machine the times vary with the load from other work (printed).

    .venv/bin/python benchmarks/bench_sensitivity.py [--samples 128] [--jobs 2]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench_tournament import machine  # the same machine line as the other benchmarks

import regimelab as rl
from regimelab.sensitivity.indices import analyse_file
from regimelab.sweeps import Design, SweepDefinition, build_design, parse_range, run_sweep

RANGES = ("shadow=0.5:0.95", "transparency=0.5:1", "false_alarm=0:0.1", "noise=0:0.05", "fine=0:3",
          "transaction_cost=0:1")
SEED = 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=128, help="Sobol' N (a power of 2; cells: N x 8)")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the sweep's cells")
    args = parser.parse_args(argv)

    players = tuple(rl.default_players())
    base, game = rl.Regime(shadow=0.9), rl.Game()
    print(machine())
    start = time.perf_counter()
    grid = build_design([parse_range(text) for text in RANGES], Design("sobol", args.samples, SEED), base, game)
    design_seconds = time.perf_counter() - start
    definition = SweepDefinition(players, base, game, grid, 1, SEED, "exact")
    with tempfile.TemporaryDirectory(prefix="bench-sensitivity-") as folder:
        path = Path(folder) / "sobol.parquet"
        start = time.perf_counter()
        run_sweep(definition, path, jobs=args.jobs)
        sweep_seconds = time.perf_counter() - start
        start = time.perf_counter()
        result = analyse_file(path, "rank:Defector")
        index_seconds = time.perf_counter() - start
    cells = len(grid.cells)
    print(f"Sobol' design: {len(RANGES)} regime parameters, N = {args.samples}, {cells:,} cells, "
          f"{len(players)} players, exact engine, -j {args.jobs}")
    print(f"  (a) design  {design_seconds:7.2f} s")
    print(f"  (b) sweep   {sweep_seconds:7.2f} s   ({cells / sweep_seconds:.1f} cells/s)")
    print(f"  (c) indices {index_seconds:7.2f} s")
    print(result.table.to_string(index=False, float_format=lambda value: f"{value:.3f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
