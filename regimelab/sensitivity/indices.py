"""The indices a sampled sweep supports, computed with SALib, ranked, with their 95% intervals.

- ``sobol`` (a ``--design sobol`` sweep): first-order S1 and total ST
  (Saltelli's and Jansen's estimators), and S2 from a ``--second-order``
  design; intervals by bootstrap.
- ``morris`` (``--design morris``): mu* (the mean absolute elementary effect,
  in the metric's units per whole range of the parameter), mu and sigma;
  mu*'s interval by bootstrap.
- ``rbd-fast`` (``--design lhs``): first-order S1 by random balance designs;
  interval by bootstrap.

The bootstrap draws from the sweep's seed, so the same file gives the same
numbers. The cells are read in the sampler's order and checked to be the
design's points before anything is computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InvalidParameter
from ..functions import find_parameter
from ..sweeps.designs import Design, salib_problem, sample_points
from ..sweeps.grid import PAYOFF_KEYS
from ..sweeps.sweep_file import Sweep, load_sweep
from . import CONFIDENCE, DEFAULT_RESAMPLES, DESIGN_OF, METHOD_OF, METHODS
from .metrics import Metric, metric_values, parse_metric

#: The columns of each analysis' table, besides rank, parameter, symbol and function; the first ranks.
INDEX_COLUMNS = {
    "sobol": ["ST", "ST_conf", "S1", "S1_conf"],
    "morris": ["mu_star", "mu_star_conf", "sigma", "mu"],
    "rbd-fast": ["S1", "S1_conf"],
}


@dataclass(frozen=True)
class SensitivityResult:
    """The indices of one metric of a sampled sweep, one row per parameter, most influential first."""

    path: str
    design: Design
    method: str
    metric: Metric
    cells: int
    resamples: int
    table: pd.DataFrame = field(repr=False)  # rank, parameter, symbol, function, then INDEX_COLUMNS[method]
    pairs: pd.DataFrame | None = field(default=None, repr=False)  # S2 by pair (sobol, when asked)

    @property
    def key(self) -> str:
        """The index that ranks the parameters: ST, mu* or S1."""
        return INDEX_COLUMNS[self.method][0]

    def leader(self) -> dict:
        """The most influential parameter, the runner-up, and whether their 95% intervals are apart."""
        rows = self.table.to_dict(orient="records")
        first = rows[0]
        if len(rows) == 1:
            return {"parameter": first["parameter"], "runner_up": None, "clear": True}
        second = rows[1]
        conf = self.key + "_conf"
        clear = bool(first[self.key] - first[conf] > second[self.key] + second[conf])
        return {"parameter": first["parameter"], "runner_up": second["parameter"], "clear": clear}

    def to_dict(self) -> dict:
        """The JSON form: the sweep, its design, the analysis, every index, S2 if asked, and the leader."""
        data = {
            "sweep": self.path,
            "design": self.design.to_dict(),
            "method": self.method,
            "metric": self.metric.text,
            "cells": self.cells,
            "confidence": CONFIDENCE,
            "resamples": self.resamples,
            "ranked_by": self.key,
            "indices": self.table.to_dict(orient="records"),
            "leader": self.leader(),
        }
        if self.pairs is not None:
            data["second_order"] = self.pairs.to_dict(orient="records")
        return data


def analyse_file(path, metric: str = "cooperation", method: str | None = None, second_order: bool = False,
                 resamples: int = DEFAULT_RESAMPLES) -> SensitivityResult:
    """`regimelab sensitivity` from Python: read the sweep at ``path`` and analyse ``metric``."""
    sweep = load_sweep(path)
    return analyse(sweep, parse_metric(metric, sweep), method, second_order, resamples)


def analyse(sweep: Sweep, metric: Metric, method: str | None = None, second_order: bool = False,
            resamples: int = DEFAULT_RESAMPLES) -> SensitivityResult:
    """The indices of ``metric`` that ``sweep``'s design supports (``method`` None: the design's own)."""
    design = _design_of(sweep)
    method = _check_method(design, method, second_order)
    ranges = sweep.ranges
    points = _design_points(sweep, design, ranges)
    values = metric_values(sweep, metric)
    if not np.all(np.isfinite(values)):
        raise InvalidParameter("metric", "a metric with a number in every cell", metric.text)
    if np.ptp(values) == 0:
        raise InvalidParameter("metric", f"a metric that varies over the design (it is {values[0]:g} in every cell: "
                               "no parameter moves it)", metric.text)
    indices, pairs = _salib(method, design, salib_problem(ranges.items()), points, values, resamples)
    table = _ranked(list(ranges), indices, method)
    if not second_order:
        pairs = None
    return SensitivityResult(str(sweep.path), design, method, metric, len(values), resamples, table, pairs)


def _design_of(sweep: Sweep) -> Design:
    if sweep.design is None:
        what = "a grid sweep" if sweep.manifest is not None else "a table without its manifest"
        raise InvalidParameter("sweep", f"a sweep with a sampled design (regimelab sweep --design lhs, sobol or "
                               f"morris, and its .manifest.json beside it); this is {what}", str(sweep.path))
    return sweep.design


def _check_method(design: Design, method: str | None, second_order: bool) -> str:
    """The analysis: the one asked for, if the design supports it, else the design's own."""
    if method is None:
        method = METHOD_OF[design.name]
    if method not in METHODS:
        raise InvalidParameter("method", f"one of {', '.join(METHODS)}", method)
    if DESIGN_OF[method] != design.name:
        raise InvalidParameter("method", f"an analysis this sweep's design supports: {METHOD_OF[design.name]} "
                               f"for a {design.name} design ({method} needs --design {DESIGN_OF[method]})", method)
    if second_order and not (method == "sobol" and design.second_order):
        raise InvalidParameter("second-order", "used with a sweep made with --design sobol --second-order "
                               f"(this one is a {design.name} design"
                               f"{' without second-order points' if design.name == 'sobol' else ''})")
    return method


def _design_points(sweep: Sweep, design: Design, ranges: dict) -> np.ndarray:
    """The table's points in cell order, checked to be every cell of the design, drawn as the design draws them."""
    names = list(ranges)
    cells = sweep.table.drop_duplicates("cell").sort_values("cell")
    expected = design.cell_count(len(names))
    if cells["cell"].tolist() != list(range(expected)):
        raise InvalidParameter("sweep", f"a complete sweep of its {design.name} design ({expected:,} cells; "
                               f"the table has {len(cells):,})", str(sweep.path))
    points = cells[names].to_numpy(dtype=float)
    drawn = sample_points(design, ranges.items())
    if not np.allclose(points, drawn, rtol=1e-9, atol=0):
        raise InvalidParameter("sweep", f"the points of its {design.name} design (the table's cells are not the "
                               "points its manifest's design draws)", str(sweep.path))
    return points


def _salib(method: str, design: Design, problem: dict, points: np.ndarray, values: np.ndarray, resamples: int):
    """SALib's indices by parameter (a dict of arrays) and, for Sobol', S2 by pair (a frame)."""
    common = {"num_resamples": resamples, "conf_level": CONFIDENCE, "seed": design.seed}
    if method == "sobol":
        from SALib.analyze import sobol

        result = sobol.analyze(problem, values, calc_second_order=design.second_order, **common)
        pairs = _pairs(problem["names"], result) if design.second_order else None
        return {key: np.asarray(result[key]) for key in INDEX_COLUMNS["sobol"]}, pairs
    if method == "morris":
        from SALib.analyze import morris

        result = morris.analyze(problem, points, values, num_levels=design.levels, **common)
        return {key: np.asarray(result[key], dtype=float) for key in INDEX_COLUMNS["morris"]}, None
    from SALib.analyze import rbd_fast

    result = rbd_fast.analyze(problem, points, values, **common)
    return {key: np.asarray(result[key], dtype=float) for key in INDEX_COLUMNS["rbd-fast"]}, None


def _pairs(names: list[str], result) -> pd.DataFrame:
    rows = []
    for i, first in enumerate(names):
        for j in range(i + 1, len(names)):
            rows.append({"parameter": first, "other": names[j], "S2": float(result["S2"][i, j]),
                         "S2_conf": float(result["S2_conf"][i, j])})
    return pd.DataFrame(rows, columns=["parameter", "other", "S2", "S2_conf"])


def _ranked(names: list[str], indices: dict, method: str) -> pd.DataFrame:
    """One row per parameter, ranked by the method's first index (ties keep the sweep's order)."""
    rows = []
    for position, name in enumerate(names):
        symbol, function = describe(name)
        row = {"parameter": name, "symbol": symbol, "function": function}
        row.update({key: float(indices[key][position]) for key in INDEX_COLUMNS[method]})
        rows.append(row)
    key = INDEX_COLUMNS[method][0]
    rows.sort(key=lambda row: -row[key] if np.isfinite(row[key]) else np.inf)
    table = pd.DataFrame(rows, columns=["parameter", "symbol", "function", *INDEX_COLUMNS[method]])
    table.insert(0, "rank", range(1, len(rows) + 1))
    return table


def describe(name: str) -> tuple[str, str]:
    """A swept parameter's symbol and the regime function it belongs to (Lipson's), or the stage game's payoff."""
    if name in PAYOFF_KEYS:
        return name, "stage game payoff"
    parameter = find_parameter(name)
    return parameter.symbol, parameter.lipson
