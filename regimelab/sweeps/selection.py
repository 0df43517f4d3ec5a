"""Choosing what a picture of a sweep shows: the metric, the axes, the values held fixed, and the rows."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InvalidParameter
from ..players import ALIASES
from .labels import format_value, values_text
from .sweep_file import Sweep
from .thresholds import DEFAULT_AGAINST

#: The metrics of a whole cell: (column, what it is).
CELL_METRICS = {
    "cooperation": ("cell_mean_cooperation", "cooperation (share of compliant moves)"),
    "payoff": ("cell_mean_payoff", "mean payoff per turn"),
    "margin": ("supergame_margin", "the super-game's margin, V(Grim vs Grim) - V(Always Defect vs Grim)"),
}
#: The metrics of one player: (column, what it is).
PLAYER_METRICS = {
    "rank": ("rank", "the rank of {player} (1 = first)"),
    "score": ("mean_score_per_turn", "the score per turn of {player}"),
}


@dataclass(frozen=True)
class Metric:
    """A metric: a cell's (``cooperation``, ``payoff``, ``margin``) or a player's (``rank``, ``score``).

    A sweep's picture shows cooperation, payoff or a rank (:func:`parse_metric`); a sensitivity analysis any
    of them (:func:`regimelab.sensitivity.metrics.parse_metric`).
    """

    kind: str
    player: str | None = None

    @property
    def text(self) -> str:
        """The metric as ``--metric`` takes it: 'cooperation' or 'rank:Defector'."""
        return self.kind if self.player is None else f"{self.kind}:{self.player}"

    @property
    def column(self) -> str:
        """The table's column it is read from."""
        return (CELL_METRICS if self.player is None else PLAYER_METRICS)[self.kind][0]

    @property
    def label(self) -> str:
        """What it is, in words, for a picture's title."""
        if self.player is None:
            return CELL_METRICS[self.kind][1]
        return PLAYER_METRICS[self.kind][1].format(player=self.player)


def _name_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def match_player(name: str, players: list[str]) -> str | None:
    """The player called ``name`` (case-insensitive; also 'tft', 'alld' and the other short names)."""
    wanted = name.strip().casefold()
    for player in players:
        if player.casefold() == wanted:
            return player
    key = _name_key(name)
    key = _name_key(ALIASES.get(key, "")) or key
    for player in players:
        if _name_key(player) == key:
            return player
    return None


def parse_metric(text: str, players: list[str]) -> Metric:
    """``cooperation``, ``payoff`` or ``rank:NAME`` with NAME one of ``players``."""
    cleaned = (text or "").strip()
    lowered = cleaned.lower()
    if lowered in ("cooperation", "payoff"):
        return Metric(lowered)
    if lowered == "rank" or lowered.startswith("rank:"):
        name = cleaned[5:].strip()
        player = match_player(name, players) if name else None
        if player is None:
            raise InvalidParameter(
                "metric", f"rank:NAME with NAME one of the sweep's players ({', '.join(players)})", text
            )
        return Metric("rank", player)
    raise InvalidParameter("metric", "cooperation, payoff or rank:STRATEGY", text)


def default_metric(sweep: Sweep) -> Metric:
    """The Defector's rank if the sweep has a Defector, else the mean payoff.

    The Defector's rank is the regime story in one picture: first where
    defecting pays, last where the regime has made it a losing move, so the
    thresholds can be held against it. Cooperation lines up with neither: it is
    highest where nothing is detected (no retaliation starts), whoever wins.
    """
    defector = match_player(DEFAULT_AGAINST, sweep.players)
    return Metric("rank", defector) if defector is not None else Metric("payoff")


@dataclass(frozen=True)
class Selection:
    """The axes of a picture and the values at which the other swept parameters are held."""

    x: str
    y: str | None
    fixed: dict  # name -> value, the swept parameters not on an axis

    @property
    def kind(self) -> str:
        """'lines' (one axis) or 'heatmap' (two)."""
        return "lines" if self.y is None else "heatmap"

    @property
    def axes(self) -> tuple:
        """The swept parameters on the axes: (x,) or (x, y)."""
        return (self.x,) if self.y is None else (self.x, self.y)


def _swept_name(sweep: Sweep, name: str, option: str) -> str:
    by_lower = {param.lower(): param for param in sweep.params}
    found = by_lower.get(name.strip().replace("-", "_").lower())
    if found is None:
        raise InvalidParameter(option, f"a swept parameter ({', '.join(sweep.params)})", name)
    return found


def parse_at(sweep: Sweep, texts) -> dict:
    """``["fine=2", "noise=0,..."]`` -> {name: value}; each value one of the swept values."""
    fixed = {}
    for text in texts or ():
        for part in str(text).split(","):
            name, sep, value = part.partition("=")
            if not sep or not name.strip() or not value.strip():
                raise InvalidParameter("at", "NAME=VALUE with NAME a swept parameter", text)
            try:
                name = _swept_name(sweep, name, "at")
            except InvalidParameter:
                raise InvalidParameter(
                    "at", f"NAME=VALUE with NAME a swept parameter ({', '.join(sweep.params)})", text
                ) from None
            values = sweep.values(name)
            try:
                number = float(value)
            except ValueError:
                number = math.nan
            matches = [
                v for v in values if math.isfinite(number) and math.isclose(v, number, rel_tol=1e-9, abs_tol=1e-12)
            ]
            if not matches:
                raise InvalidParameter("at", f"one of the swept values of {name} ({values_text(values)})", text)
            if name in fixed:
                raise InvalidParameter("at", f"each parameter at most once ({name} is given twice)", text)
            fixed[name] = matches[0]
    return fixed


def choose_axes(sweep: Sweep, x: str | None = None, y: str | None = None, at=None) -> Selection:
    """The axes of the picture and the fixed values of the other swept parameters.

    With neither ``x`` nor ``y``: a line plot if one swept parameter varies, a
    heatmap if two do (the first on x). With more, pick the axes and fix the
    others with ``at`` (``{"fine": 2}`` or ``["fine=2"]``). A oneway sweep
    varies one parameter at a time, so it gives line plots, the others held
    at their base values. A sampled design (lhs, sobol, morris) has no grid to draw: it is refused.
    """
    if sweep.design is not None:
        raise InvalidParameter("sweep", f"a grid or oneway sweep (this one is a {sweep.design.name} design, "
                               "whose points make no grid: `regimelab sensitivity` analyses it)", str(sweep.path))
    if x is not None:
        x = _swept_name(sweep, x, "x")
    if y is not None:
        y = _swept_name(sweep, y, "y")
    if x is not None and x == y:
        raise InvalidParameter("y", "a parameter other than the one on --x", y)
    if isinstance(at, dict):
        fixed = parse_at(sweep, [f"{name}={float(value)!r}" for name, value in at.items()])
    else:
        fixed = parse_at(sweep, at)
    for name in fixed:
        if name in (x, y):
            raise InvalidParameter(
                "at", f"a parameter that is not on an axis ({name} is)", f"{name}={format_value(fixed[name])}"
            )
    varying = [p for p in sweep.params if len(sweep.values(p)) > 1]
    for p in sweep.params:  # a parameter swept over one value is fixed at it
        if p not in fixed and p not in (x, y) and p not in varying:
            fixed[p] = sweep.values(p)[0]
    if sweep.mode == "oneway":
        return _oneway_axes(sweep, x, y, fixed, varying)
    return _grid_axes(sweep, x, y, fixed, varying)


def _oneway_axes(sweep: Sweep, x: str | None, y: str | None, fixed: dict, varying: list) -> Selection:
    """A oneway sweep's line plot: ``x`` (given, or the one parameter left free), the others at their base."""
    if y is not None:
        raise InvalidParameter(
            "y", "left out for a oneway sweep (it varies one parameter at a time: there is no grid to draw)", y
        )
    if x is None:
        free = [p for p in varying if p not in fixed]
        if len(free) != 1:
            raise InvalidParameter(
                "x", f"given for a oneway sweep, which varies one parameter at a time: one of {', '.join(free)}"
            )
        x = free[0]
    for p in sweep.params:
        if p != x and p not in fixed:
            fixed[p] = sweep.base_value(p)
    return Selection(x, None, fixed)


def _grid_axes(sweep: Sweep, x: str | None, y: str | None, fixed: dict, varying: list) -> Selection:
    """A grid sweep's axes: those given, then the free parameters in the sweep's order (at most two)."""
    free = [p for p in varying if p not in fixed and p not in (x, y)]
    open_axes = (x is None) + (y is None)
    if x is None and not free:
        raise InvalidParameter(
            "at" if y is None else "x",
            f"given for all but one swept parameter at most: one stays free for the x axis ({', '.join(sweep.params)})",
        )
    if len(free) > open_axes:
        extra = free[open_axes:]
        hints = "; ".join(f"{p}: {values_text(sweep.values(p))}" for p in extra)
        raise InvalidParameter(
            "at",
            f"given for the swept parameters not on an axis: a picture shows two of {', '.join(sweep.params)} "
            f"(choose them with --x/--y), so hold {' and '.join(extra)} with --at NAME=VALUE ({hints})",
        )
    if x is None:
        x, free = free[0], free[1:]
    if y is None and free:
        y = free[0]
    return Selection(x, y, fixed)


def select_rows(sweep: Sweep, selection: Selection) -> pd.DataFrame:
    """The rows of the table at the selection's fixed values."""
    table = sweep.table
    mask = np.ones(len(table), dtype=bool)
    for name, value in selection.fixed.items():
        if value is None:
            continue
        mask &= np.isclose(table[name].to_numpy(dtype=float), float(value), rtol=1e-9, atol=1e-12)
    rows = table[mask]
    if rows.empty:
        fixed = ", ".join(f"{name}={format_value(value)}" for name, value in selection.fixed.items())
        raise InvalidParameter("at", f"values at which the sweep has cells (none at {fixed})")
    return rows


def cell_edges(values: list) -> np.ndarray:
    """Cell edges halfway between swept values (the outer ones half a step out)."""
    v = np.asarray(values, dtype=float)
    if len(v) == 1:
        half = abs(v[0]) * 0.1 or 0.5
        return np.array([v[0] - half, v[0] + half])
    middle = (v[:-1] + v[1:]) / 2
    return np.concatenate([[v[0] - (middle[0] - v[0])], middle, [v[-1] + (v[-1] - middle[-1])]])
