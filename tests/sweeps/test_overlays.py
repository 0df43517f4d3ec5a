"""Which of the model's thresholds a picture of a sweep draws (regimelab/sweeps/overlays.py):
lines on a line plot, curves on a heatmap, each where `regimelab explain` puts it."""

import math

import numpy as np
import pytest
from sweep_examples import GAME, GRIM_PAIR, SHADOW, explain_thresholds, make_sweep, p_star_closed_form

import regimelab as rl
from regimelab.sweeps.figures import make_figure
from regimelab.sweeps.overlays import threshold_overlays
from regimelab.sweeps.selection import choose_axes, parse_metric
from regimelab.sweeps.sweep_file import load_sweep
from regimelab.sweeps.thresholds import ThresholdCurve, ThresholdLine, strategy_pair


def test_line_plot_threshold_is_the_closed_form_p_star(sweeps):
    sweep = load_sweep(sweeps["one"])
    selection = choose_axes(sweep)
    (line,) = threshold_overlays(sweep, selection, strategy_pair(*GRIM_PAIR))
    assert isinstance(line, ThresholdLine)
    assert line.symbol == "p*" and line.parameter == "transparency"
    assert line.value == pytest.approx(p_star_closed_form(SHADOW), abs=1e-9)
    assert line.value == pytest.approx(0.1111111111, abs=1e-9)
    assert line.label == "p* = 0.11"
    assert "Grudger" in line.meaning and "Defector" in line.meaning
    # and it is where the picture draws it
    fig = make_figure(sweep, parse_metric("cooperation", sweep.players), selection, overlays=[line])
    (ax,) = [a for a in fig.axes if a.get_xlabel().startswith("transparency")]
    verticals = [
        drawn for drawn in ax.lines if len(set(drawn.get_xdata())) == 1 and drawn.get_transform() is not ax.transData
    ]
    assert any(math.isclose(vertical.get_xdata()[0], line.value) for vertical in verticals)


def test_line_plot_p_star_of_the_default_pair_is_explains(cli, sweeps):
    sweep = load_sweep(sweeps["one"])
    (line,) = threshold_overlays(sweep, choose_axes(sweep))
    assert "Tit For Tat" in line.meaning and "Defector" in line.meaning
    wanted = explain_thresholds(cli, "--shadow", "0.9", "--strategy", "Tit For Tat", "--against", "Defector")
    assert line.value == pytest.approx(wanted["transparency"], abs=1e-9)
    assert line.value > p_star_closed_form(SHADOW) + 0.3  # forgiving TFT needs far more than Grim


def test_heatmap_draws_the_super_game_fine_beside_the_stage_game_fine(cli, heatmap_overlays):
    sweep, selection, overlays = heatmap_overlays
    assert (selection.x, selection.y) == ("transparency", "fine")
    curves = {curve.symbol: curve for curve in overlays}
    assert set(curves) == {"F*", "F*sg"}  # p*(F) is the same boundary as F*sg(p): drawn once
    stage, supergame = curves["F*"], curves["F*sg"]
    assert (supergame.parameter, supergame.along) == ("fine", "transparency")
    assert "Tit For Tat" in supergame.meaning and "Defector" in supergame.meaning
    for p in (0.25, 0.5):
        wanted = explain_thresholds(cli, "--shadow", "0.9", "--transparency", str(p), "--strategy", "tft",
                                    "--against", "alld")
        assert supergame.value_at(p) == pytest.approx(wanted["fine_supergame"], abs=1e-9)
        assert stage.value_at(p) == pytest.approx(wanted["fine"], abs=1e-9)
        assert supergame.value_at(p) < stage.value_at(p)
    assert supergame.value_at(0.0) is None and supergame.missing_runs() == [(0.0, 0.0)]
    # The curve reaches F = 0 where p*(F = 0) is (a sample there, not between two swept values).
    corner = rl.threshold_search.critical_transparency(rl.Regime(shadow=SHADOW), GAME, strategy_pair("tft", "alld"))
    assert supergame.value_at(corner) == pytest.approx(0.0, abs=1e-9)
    # the dashed curve drawn passes through F*sg(p) at the swept transparencies
    fig = make_figure(sweep, parse_metric("rank:Defector", sweep.players), selection, overlays=[supergame])
    (drawn,) = [line for line in fig.axes[0].lines if len(line.get_xdata()) > 2]
    xs, ys = np.asarray(drawn.get_xdata()), np.asarray(drawn.get_ydata())
    for p in (0.25, 0.5, 0.75):
        (index,) = np.flatnonzero(np.isclose(xs, p))
        assert ys[index] == pytest.approx(supergame.value_at(p), abs=1e-12)


def test_stage_fine_curve_is_the_closed_form(heatmap_overlays):
    _, _, overlays = heatmap_overlays
    (fine,) = [curve for curve in overlays if curve.symbol == "F*"]
    assert isinstance(fine, ThresholdCurve) and (fine.parameter, fine.along) == ("fine", "transparency")
    for p in (0.25, 0.5, 0.75, 1.0):  # F* = (T - R + c)/(p - a)
        assert fine.value_at(p) == pytest.approx((GAME.T - GAME.R) / p)
    assert fine.value_at(0.0) is None  # no fine deters when nothing is detected
    assert fine.missing_runs() == [(0.0, 0.0)]


def test_parameters_without_threshold_draw_none(sweeps, tmp_path):
    path = make_sweep(tmp_path / "noise.parquet", ["noise=0,0.1"], players=("tft", "alld"), repetitions=1)
    sweep = load_sweep(path)
    assert threshold_overlays(sweep, choose_axes(sweep)) == []


def test_a_line_plot_of_the_fine_has_both_fines_and_the_oneway_base_holds_the_rest(sweeps):
    sweep = load_sweep(sweeps["oneway"])
    selection = choose_axes(sweep, "fine")
    lines = threshold_overlays(sweep, selection)
    assert [line.symbol for line in lines] == ["F*", "F*sg"]
    assert all(isinstance(line, ThresholdLine) for line in lines)
    assert lines[0].value == pytest.approx((GAME.T - GAME.R) / 0.5)  # at the base transparency 0.5


def test_without_a_manifest_nothing_is_drawn(sweeps, tmp_path):
    table = tmp_path / "bare.csv"
    load_sweep(sweeps["one"]).table.to_csv(table, index=False)
    sweep = load_sweep(table)
    assert sweep.base_regime is None and threshold_overlays(sweep, choose_axes(sweep)) == []
