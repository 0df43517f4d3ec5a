"""Sampled designs of a sweep: Latin hypercube, Sobol' (Saltelli) and Morris points, each one a cell.

``--design lhs|sobol|morris`` with ``--samples N`` and ranges ``--param
NAME=LOW:HIGH`` draw the points with SALib's samplers (Saltelli's extension of
scrambled Sobol' sequences from ``scipy.stats.qmc``; Morris trajectories on
four levels; Latin hypercube), seeded with the sweep's seed, so the same
command gives the same points. Each point becomes a :class:`~.grid.Cell` and
runs like a grid's: its own seed from its values, the partial file,
``--resume``, ``-j`` and ``--scheduler``. What the points support is
analysed by :mod:`regimelab.sensitivity`; the order of the cells is the
sampler's, which that analysis needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameter
from ..game import Game
from ..limits import MAX_SAMPLES
from ..regime import Regime
from .grid import MAX_CELLS, Cell, SweepGrid, check_cells, check_names, check_sweepable

#: ``--design``: a grid (``--mode grid|oneway``) or a sampled design.
DESIGNS = ("grid", "lhs", "sobol", "morris")
SAMPLED = ("lhs", "sobol", "morris")
#: The levels of a Morris trajectory (SALib's default): each parameter at 0, 1/3, 2/3 or 1 of its range.
MORRIS_LEVELS = 4
#: The least ``--samples`` each design takes: fewer give indices with no meaning (RBD-FAST's bias
#: correction needs N well above its 2 x 10 harmonics; Morris' sigma needs several trajectories).
MIN_SAMPLES = {"lhs": 64, "sobol": 16, "morris": 4}
#: Significant digits a sampled value keeps: the table, its CSV and the cell's key hold the same number.
DIGITS = 12
#: What ``--samples N`` counts, by design, for messages and help.
SAMPLES_MEANING = {
    "lhs": "N cells",
    "sobol": "N(k + 2) cells for k parameters, N(2k + 2) with --second-order",
    "morris": "N trajectories of k + 1 cells",
}


@dataclass(frozen=True)
class Design:
    """How a sampled design's points are drawn: the sampler, N, the seed, and its settings."""

    name: str  # lhs, sobol or morris
    samples: int  # SALib's N: see SAMPLES_MEANING
    seed: int
    second_order: bool = False  # sobol: also the points second-order indices need
    levels: int = MORRIS_LEVELS  # morris

    def cell_count(self, parameters: int) -> int:
        """The number of cells for ``parameters`` swept parameters."""
        if self.name == "sobol":
            return self.samples * ((2 * parameters + 2) if self.second_order else (parameters + 2))
        if self.name == "morris":
            return self.samples * (parameters + 1)
        return self.samples

    def to_dict(self) -> dict:
        """The JSON form, as the manifest records it."""
        data = {"name": self.name, "samples": self.samples, "seed": self.seed}
        if self.name == "sobol":
            data["second_order"] = self.second_order
        if self.name == "morris":
            data["levels"] = self.levels
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Design:
        """The design a manifest records (:meth:`to_dict`); KeyError or TypeError if it is not one."""
        if data["name"] not in SAMPLED:
            raise KeyError(data["name"])
        return cls(str(data["name"]), int(data["samples"]), int(data["seed"]),
                   bool(data.get("second_order", False)), int(data.get("levels", MORRIS_LEVELS)))


def parse_range(text: str) -> tuple[str, tuple[float, float]]:
    """``"transparency=0.3:1"``: a sampled design's parameter and its range LOW:HIGH (LOW < HIGH)."""
    name, sep, range_text = text.partition("=")
    name = name.strip().replace("-", "_")
    accepted = "NAME=LOW:HIGH with LOW < HIGH (a sampled design draws values between them)"
    if not sep or not range_text.strip():
        raise InvalidParameter("param", accepted, text)
    check_sweepable(name)
    parts = range_text.split(":")
    try:
        if len(parts) != 2:
            raise ValueError
        low, high = float(parts[0]), float(parts[1])
    except ValueError:
        raise InvalidParameter("param", f"{name}=LOW:HIGH with a sampled design (a grid takes "
                               "START:STOP:COUNT or a list: --design grid)", text) from None
    if not (math.isfinite(low) and math.isfinite(high)):
        raise InvalidParameter("param", f"finite numbers for {name}", text)
    if not low < high:
        raise InvalidParameter("param", accepted, text)
    if name == "turns" and (low != int(low) or high != int(high)):
        raise InvalidParameter("param", "whole numbers of turns", text)
    return name, (low + 0.0, high + 0.0)


def check_design(design: Design, parameters: int) -> None:
    """Refuse a design with too few or too many samples, or a setting its sampler does not have."""
    if design.name not in SAMPLED:
        raise InvalidParameter("design", f"one of {', '.join(SAMPLED)} for a sampled design", design.name)
    least = MIN_SAMPLES[design.name]
    if isinstance(design.samples, bool) or not least <= design.samples <= MAX_SAMPLES:
        raise InvalidParameter("samples", f"an integer from {least} to {MAX_SAMPLES:,} for --design {design.name} "
                               f"({SAMPLES_MEANING[design.name]})", design.samples)
    if design.name == "sobol" and design.samples & (design.samples - 1):
        below = 1 << (design.samples.bit_length() - 1)
        raise InvalidParameter("samples", f"a power of 2 for --design sobol (the Sobol' sequence's balance "
                               f"needs it: {below} or {below * 2})", design.samples)
    if design.second_order and design.name != "sobol":
        raise InvalidParameter("second-order", "used only with --design sobol")
    if design.name == "morris" and parameters < 1:
        raise InvalidParameter("param", "at least one --param NAME=LOW:HIGH")
    cells = design.cell_count(parameters)
    if cells > MAX_CELLS:
        raise InvalidParameter("samples", f"a design of at most {MAX_CELLS:,} cells "
                               f"({SAMPLES_MEANING[design.name]})", f"{design.samples}: {cells:,} cells")


def salib_problem(ranges) -> dict:
    """SALib's problem definition of the ranges: names and bounds, in the sweep's order."""
    ranges = tuple(ranges)
    return {"num_vars": len(ranges), "names": [name for name, _ in ranges],
            "bounds": [[float(low), float(high)] for _, (low, high) in ranges]}


def sample_points(design: Design, ranges) -> np.ndarray:
    """The design's points, one row per cell and one column per parameter, in the sampler's order.

    Values keep :data:`DIGITS` significant digits; ``turns`` is rounded to whole rounds.
    """
    problem = salib_problem(ranges)
    if design.name == "sobol":
        from SALib.sample import sobol

        points = sobol.sample(problem, design.samples, calc_second_order=design.second_order, seed=design.seed)
    elif design.name == "morris":
        from SALib.sample import morris

        points = morris.sample(problem, design.samples, num_levels=design.levels, seed=design.seed)
    else:
        from SALib.sample import latin

        points = latin.sample(problem, design.samples, seed=design.seed)
    points = np.array([[float(f"{value:.{DIGITS}g}") + 0.0 for value in row] for row in points])
    for column, (name, _) in enumerate(ranges):
        if name == "turns":
            points[:, column] = np.rint(points[:, column])
    return points


def build_design(ranges, design: Design, base_regime: Regime, base_game: Game) -> SweepGrid:
    """Every cell of a sampled design, validated against the model's ranges before anything runs."""
    ranges = tuple(ranges)
    names = check_names(ranges)
    check_design(design, len(ranges))
    ends = [Cell(tuple((name, bounds[i]) for name, bounds in ranges)) for i in (0, 1)]
    check_cells(ends, base_regime, base_game)  # both ends of every range, named by the message
    points = sample_points(design, ranges)
    cells = [Cell(tuple((name, int(value) if name == "turns" else float(value)) for name, value in zip(names, row)))
             for row in points]
    check_cells(cells, base_regime, base_game)
    return SweepGrid(ranges, design.name, tuple(cells), design)
