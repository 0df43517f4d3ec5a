"""Which of the model's thresholds a picture of a sweep draws: lines on a line plot, curves on a heatmap."""

from __future__ import annotations

from ..supergame import StrategyPair
from ..threshold_search import threshold_methods
from .selection import Selection, cell_edges, select_rows
from .sweep_file import Sweep
from .thresholds import regime_at, sample_points, strategy_pair, threshold_curve, threshold_lines, thresholds_of


def threshold_overlays(sweep: Sweep, selection: Selection, pair: StrategyPair | None = None) -> list:
    """What `regimelab plot` draws from the model: ThresholdLine or ThresholdCurve objects.

    A line plot gets the thresholds of its x parameter (for the fine: the stage
    game's F* and the super-game's F*sg); a heatmap a curve for each axis with
    a threshold, at each value of the other axis, the super-game's boundary
    once. The super-game is that of ``pair`` (default: Tit For Tat against the
    Defector). Empty without a manifest (no base regime) or when no axis has a
    threshold.
    """
    if sweep.base_regime is None or sweep.base_game is None:
        return []
    pair = pair or strategy_pair()
    fixed = {name: value for name, value in selection.fixed.items() if value is not None}
    if selection.y is None:
        return threshold_lines(sweep.base_regime, sweep.base_game, selection.x, fixed, pair)
    rows = select_rows(sweep, selection)
    values = {axis: sorted(rows[axis].unique().tolist()) for axis in selection.axes}
    curves = []
    if "fine" in values:  # the fines drawn: the swept ones, those halfway between, the top edge
        fines = sample_points("fine", values["fine"], dense=False) + [cell_edges(values["fine"])[-1]]
    else:
        fines = (0.0,)
    for parameter, along, key in _heatmap_curves(sweep, selection, fixed, values, pair):
        curve = threshold_curve(sweep.base_regime, sweep.base_game, parameter, along, values[along], fixed, pair,
                                key, fines)
        if curve is not None:
            curves.append(curve)
    return curves


def _heatmap_curves(sweep: Sweep, selection: Selection, fixed: dict, values: dict, pair: StrategyPair) -> list:
    """(parameter, along, key) of each curve on a heatmap: the stage game's F*, then the super-game's boundary.

    The super-game's thresholds (w*, p*, F*sg) are one condition solved for
    different parameters: with two of them on the axes, their curves are one
    boundary, drawn once. F*sg(other axis) when the fine is on an axis, beside
    F*; else, for shadow and transparency, w*(p) where it has a closed form (a
    smooth curve), p*(w) otherwise (the cheaper search).
    """
    x, y = selection.x, selection.y
    stage, supergame = [], []
    for parameter, along in ((y, x), (x, y)):
        for kind in thresholds_of(parameter):
            (supergame if kind.supergame else stage).append((parameter, along, kind.key))
    if len(supergame) > 1:
        if "fine" in (x, y):
            keep = "fine_supergame"
        else:
            closed = all(
                threshold_methods(regime_at(sweep.base_regime, sweep.base_game, {**fixed, "transparency": p})[0],
                                  pair)["shadow"] == "closed form"
                for p in values["transparency"]
            )
            keep = "shadow" if closed else "transparency"
        supergame = [curve for curve in supergame if curve[2] == keep]
    return stage + supergame
