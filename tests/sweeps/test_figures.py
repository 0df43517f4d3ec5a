"""The matplotlib figures of a sweep (regimelab/sweeps/figures.py): a heatmap over two swept
parameters or a line per strategy over one, with the thresholds drawn and named in a legend."""

import math

import numpy as np
import pytest
from sweep_examples import explain_thresholds

from regimelab.sweeps.figures import FIGSIZE, IMAGE_SUFFIXES, SUBTITLE_WIDTH, make_figure
from regimelab.sweeps.overlays import threshold_overlays
from regimelab.sweeps.selection import choose_axes, parse_metric
from regimelab.sweeps.sweep_file import load_sweep


def test_line_plot_of_the_fine_draws_the_stage_and_the_super_game_threshold(cli, sweeps, tmp_path):
    sweep = load_sweep(sweeps["two"])
    selection = choose_axes(sweep, "fine", None, ["transparency=0.5"])
    stage, supergame = threshold_overlays(sweep, selection)
    assert (stage.symbol, supergame.symbol) == ("F*", "F*sg")
    wanted = explain_thresholds(cli, "--shadow", "0.9", "--transparency", "0.5", "--strategy", "tft",
                                "--against", "alld")
    assert stage.value == pytest.approx(wanted["fine"], abs=1e-9)  # (T - R)/p = 4
    assert supergame.value == pytest.approx(wanted["fine_supergame"], abs=1e-9)
    assert supergame.value < stage.value  # the shadow does part of the work
    fig = make_figure(sweep, parse_metric("payoff", sweep.players), selection, overlays=[stage, supergame])
    ax = fig.axes[0]
    drawn = {
        curve.get_xdata()[0] for curve in ax.lines if len(set(curve.get_xdata())) == 1 and len(curve.get_xdata()) == 2
    }
    assert any(math.isclose(x, stage.value) for x in drawn)
    assert any(math.isclose(x, supergame.value) for x in drawn)
    assert len(ax.texts) == 0  # the thresholds are named in the legend, not on the axes
    legend_texts = [t.get_text() for legend in _legends(fig) for t in legend.get_texts()]
    assert any(t.startswith("F* = 4:") for t in legend_texts)
    assert any(t.startswith("F*sg = ") and "Tit For Tat" in t for t in legend_texts)


def _legends(fig):
    return [*fig.legends, *(child for ax in fig.axes for child in ax.get_children()
                            if type(child).__name__ == "Legend")]


def test_heatmap_names_its_curves_in_a_legend_outside_the_cells(heatmap_overlays):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    sweep, selection, overlays = heatmap_overlays
    fig = make_figure(sweep, parse_metric("rank:Defector", sweep.players), selection, overlays=overlays)
    ax = fig.axes[0]
    # every text on the cells is a cell's value: no threshold label covers one
    assert ax.texts and all(text.get_text().isdigit() for text in ax.texts)
    # and they are drawn above the curves
    assert min(text.get_zorder() for text in ax.texts) > max(line.get_zorder() for line in ax.lines)
    (legend,) = fig.legends
    labels = [text.get_text() for text in legend.get_texts()]
    assert any(label.startswith("F*(p): stage game") for label in labels)
    assert any(label.startswith("F*sg(p): super-game") and "Tit For Tat" in label and "Defector" in label
               for label in labels)
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.canvas.draw()
    assert not legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer))


def test_a_line_plot_has_a_line_per_strategy_and_their_mean(sweeps):
    sweep = load_sweep(sweeps["one"])
    selection = choose_axes(sweep)
    fig = make_figure(sweep, parse_metric("payoff", sweep.players), selection, overlays=[])
    ax = fig.axes[0]
    assert tuple(fig.get_size_inches()) == FIGSIZE
    assert fig.get_suptitle() == "Score per turn of each strategy as transparency varies"
    lines = [line for line in ax.lines if len(line.get_xdata()) == 11]
    assert sorted(line.get_label() for line in lines) == sorted([*sweep.players, "all strategies (mean)"])
    rows = sweep.table[sweep.table["player"] == "Defector"].sort_values("transparency")
    (defector,) = [line for line in lines if line.get_label() == "Defector"]
    assert np.allclose(defector.get_ydata(), rows["mean_score_per_turn"])
    (mean,) = [line for line in lines if line.get_label() == "all strategies (mean)"]
    assert np.allclose(mean.get_ydata(), rows["cell_mean_payoff"])


def test_a_heatmap_writes_each_cells_value(sweeps):
    sweep = load_sweep(sweeps["two"])
    selection = choose_axes(sweep)
    fig = make_figure(sweep, parse_metric("rank:Defector", sweep.players), selection, title="Ranks", overlays=[])
    ax = fig.axes[0]
    assert fig.get_suptitle() == "Ranks"
    assert len(ax.texts) == 5 * 4  # transparency 0:1:5 by fine 0,1,2,4
    ranks = sweep.table[sweep.table["player"] == "Defector"]
    assert sorted(int(text.get_text()) for text in ax.texts) == sorted(ranks["rank"].astype(int))
    assert ax.get_xlim() == (-0.125, 1.125)  # half a step beyond the first and last values


def test_pictures_are_png_or_svg():
    assert IMAGE_SUFFIXES == (".png", ".svg")


def _swept(cli, path, *args):
    result = cli("sweep", "-s", "tft", "-s", "alld", "--no-progress", *args, "--output", str(path))
    assert result.exit_code == 0, result.output
    return load_sweep(path)


def test_an_exact_sweeps_subtitle_says_its_values_are_exact(cli, tmp_path):
    sweep = _swept(cli, tmp_path / "exact.parquet", "--shadow", "0.9", "--param", "noise=0,0.05", "--engine", "exact")
    fig = make_figure(sweep, parse_metric("payoff", sweep.players), choose_axes(sweep), overlays=[])
    subtitle = fig.axes[0].get_title()
    assert subtitle.endswith("2 strategies, exact expected values")
    assert "repetition" not in subtitle and "seed" not in subtitle


def test_a_long_subtitle_stays_within_the_figure_and_over_its_axes(cli, tmp_path):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    sweep = _swept(cli, tmp_path / "long.parquet", "--shadow", "0.9", "--false-alarm", "0.05", "--fine", "2",
                   "--compensation", "0.5", "--enforcement-cost", "0.5", "--transaction-cost", "0.1",
                   "--param", "transparency=0,0.5,1", "-r", "2")
    fig = make_figure(sweep, parse_metric("rank:Defector", sweep.players), choose_axes(sweep), overlays=[])
    ax = fig.axes[0]
    assert all(len(line) <= SUBTITLE_WIDTH for line in ax.get_title().splitlines())
    assert ax.get_title().endswith("2 strategies, 2 repetitions, seed 1")
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.canvas.draw()
    subtitle, axes, figure = ax.title.get_window_extent(renderer), ax.get_window_extent(renderer), fig.bbox
    assert figure.x0 < subtitle.x0 and subtitle.x1 < figure.x1
    assert axes.x0 <= subtitle.x0 and subtitle.x1 <= axes.x1  # not wider than the axes it heads
