"""`regimelab plot`: pictures of sweeps, the model's thresholds on them, and bad input."""

import json
import math
import xml.etree.ElementTree as ElementTree

import matplotlib.image
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import regimelab as rl
from regimelab.cli import main
from regimelab.sweeps import SweepSpec, build_grid, parse_param, run_sweep
from regimelab.sweeps.plot import (
    DPI,
    FIGSIZE,
    ThresholdCurve,
    ThresholdLine,
    choose_axes,
    default_metric,
    load_sweep,
    make_figure,
    parse_metric,
    strategy_pair,
    threshold_curve,
    threshold_overlays,
)

PLAYERS = ("tft", "alld", "grim")
PLAYERS_NAMES = ("Tit For Tat", "Defector", "Grudger")
SHADOW = 0.9
GAME = rl.Game()  # R=3 S=0 T=5 P=1


def make_sweep(path, params, base=None, mode="grid", players=PLAYERS, repetitions=2):
    """A small sweep through the API, written like `regimelab sweep` writes it."""
    base = base or rl.Regime(shadow=SHADOW)
    grid = build_grid([parse_param(text) for text in params], mode, base, GAME)
    spec = SweepSpec(tuple(rl.make_players(players)), base, GAME, grid, repetitions, 1)
    run_sweep(spec, path)
    return path


@pytest.fixture(scope="module")
def sweeps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sweeps")
    return {
        "two": make_sweep(folder / "two.parquet", ["transparency=0:1:5", "fine=0,1,2,4"]),
        "one": make_sweep(folder / "one.parquet", ["transparency=0:1:11"]),
        "three": make_sweep(folder / "three.csv", ["transparency=0,0.5,1", "fine=0,2", "noise=0,0.05"]),
        "oneway": make_sweep(
            folder / "oneway.parquet", ["fine=0,2,4", "transparency=0.5,1"], mode="oneway",
            base=rl.Regime(shadow=SHADOW, transparency=0.5, fine=2),
        ),
    }


def p_star_closed_form(w, game=GAME):
    """Model page §5 (a = 0, no fines): w >= (T-R)/((T-R) + p(R-P)) solved for p."""
    return (1 - w) / w * (game.T - game.R) / (game.R - game.P)


def check_picture(path):
    """A PNG of the expected size that is not blank."""
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    image = matplotlib.image.imread(path)
    assert image.shape[:2] == (round(FIGSIZE[1] * DPI), round(FIGSIZE[0] * DPI))
    rgb = image[..., :3]
    assert rgb.std() > 0.1
    levels = (rgb.reshape(-1, 3) * 255).round().astype(np.int64)
    colours = np.unique(levels[:, 0] * 65536 + levels[:, 1] * 256 + levels[:, 2])
    assert len(colours) > 50


def no_leftovers(folder):
    assert not list(folder.glob(".*.part")), "a temporary file was left behind"


# -- pictures -------------------------------------------------------------------------


def test_heatmap_png_is_written_and_not_blank(cli, sweeps, tmp_path):
    out = tmp_path / "heat.png"
    result = cli("plot", str(sweeps["two"]), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"Wrote {out}" in result.stderr
    check_picture(out)
    no_leftovers(tmp_path)


def test_line_plot_png_is_written_and_not_blank(cli, sweeps, tmp_path):
    out = tmp_path / "lines.png"
    result = cli("plot", str(sweeps["one"]), "--metric", "payoff", "--output", str(out), "--title", "Transparency")
    assert result.exit_code == 0, result.stderr
    check_picture(out)


def test_svg_is_valid_xml(cli, sweeps, tmp_path):
    out = tmp_path / "heat.svg"
    result = cli("plot", str(sweeps["two"]), "--metric", "rank:Tit For Tat", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "<svg" in text
    root = ElementTree.fromstring(text)
    assert root.tag.endswith("svg")
    assert "F*(p)" in text  # the threshold curve is named on the picture (text kept as text)


def test_default_output_is_the_sweep_name_with_png(cli, sweeps):
    expected = sweeps["one"].with_suffix(".png")
    result = cli("plot", str(sweeps["one"]))
    assert result.exit_code == 0, result.stderr
    check_picture(expected)


def test_rank_metric_matches_names_case_insensitively_and_short_names(sweeps):
    sweep = load_sweep(sweeps["two"])
    assert parse_metric("rank:tit for tat", sweep.players).player == "Tit For Tat"
    assert parse_metric("RANK:TFT", sweep.players).player == "Tit For Tat"
    assert parse_metric("rank:grim", sweep.players).player == "Grudger"
    assert parse_metric("Cooperation", sweep.players).kind == "cooperation"


def test_three_parameters_with_axes_and_at(cli, sweeps, tmp_path):
    out = tmp_path / "three.png"
    result = cli("plot", str(sweeps["three"]), "--x", "fine", "--y", "transparency", "--at", "noise=0.05",
                 "--output", str(out))
    assert result.exit_code == 0, result.stderr
    check_picture(out)
    sweep = load_sweep(sweeps["three"])
    selection = choose_axes(sweep, "fine", None, ["transparency=1", "noise=0"])
    assert (selection.x, selection.y, selection.kind) == ("fine", None, "lines")
    assert selection.fixed == {"transparency": 1.0, "noise": 0.0}


def test_oneway_sweep_plots_one_parameter_at_the_base(cli, sweeps, tmp_path):
    sweep = load_sweep(sweeps["oneway"])
    selection = choose_axes(sweep, "fine")
    assert selection.kind == "lines" and selection.fixed == {"transparency": 0.5}
    out = tmp_path / "oneway.png"
    result = cli("plot", str(sweeps["oneway"]), "--x", "fine", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    check_picture(out)
    result = cli("plot", str(sweeps["oneway"]), "--output", str(out))
    assert result.exit_code == 2 and "'--x'" in result.stderr


def test_a_table_without_manifest_is_drawn_without_thresholds(cli, sweeps, tmp_path):
    table = tmp_path / "bare.csv"
    load_sweep(sweeps["two"]).table.to_csv(table, index=False)
    result = cli("plot", str(table))
    assert result.exit_code == 0, result.stderr
    assert "no manifest" in result.stderr
    check_picture(tmp_path / "bare.png")
    sweep = load_sweep(table)
    assert threshold_overlays(sweep, choose_axes(sweep)) == []


# -- thresholds: the model's closed forms -------------------------------------------------


GRIM_PAIR = ("grim", "alld")  # explain's default pair, whose w* and p* have closed forms


def explain_thresholds(cli, *args):
    """`regimelab explain ... --format json`'s thresholds: what the plot must agree with."""
    result = cli("explain", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["thresholds"]


@pytest.fixture(scope="module")
def heatmap_overlays(sweeps):
    """The default heatmap of the two-parameter sweep and its curves (computed once: F*sg is searched)."""
    sweep = load_sweep(sweeps["two"])
    selection = choose_axes(sweep)
    return sweep, selection, threshold_overlays(sweep, selection)


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
    corner = rl.supergame.critical_transparency(rl.Regime(shadow=SHADOW), GAME, strategy_pair("tft", "alld"))
    assert supergame.value_at(corner) == pytest.approx(0.0, abs=1e-9)
    # the dashed curve drawn passes through F*sg(p) at the swept transparencies
    fig = make_figure(sweep, parse_metric("rank:Defector", sweep.players), selection, overlays=[supergame])
    (drawn,) = [line for line in fig.axes[0].lines if len(line.get_xdata()) > 2]
    xs, ys = np.asarray(drawn.get_xdata()), np.asarray(drawn.get_ydata())
    for p in (0.25, 0.5, 0.75):
        (index,) = np.flatnonzero(np.isclose(xs, p))
        assert ys[index] == pytest.approx(supergame.value_at(p), abs=1e-12)


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


def test_the_p_star_curve_along_the_fine_is_explains():
    grim = strategy_pair(*GRIM_PAIR)
    curve = threshold_curve(rl.Regime(shadow=SHADOW), GAME, "transparency", "fine", [0.0, 1.0, 2.0, 4.0], {}, grim)
    assert curve.symbol == "p*" and curve.label == "p*(F)"
    assert curve.value_at(0.0) == pytest.approx(p_star_closed_form(SHADOW), abs=1e-9)
    for fine_value in (1.0, 2.0, 4.0):
        assert curve.value_at(fine_value) == pytest.approx(
            rl.supergame.critical_transparency(rl.Regime(shadow=SHADOW, fine=fine_value), GAME), abs=1e-12
        )


def test_stage_fine_curve_is_the_closed_form(heatmap_overlays):
    _, _, overlays = heatmap_overlays
    (fine,) = [curve for curve in overlays if curve.symbol == "F*"]
    assert isinstance(fine, ThresholdCurve) and (fine.parameter, fine.along) == ("fine", "transparency")
    for p in (0.25, 0.5, 0.75, 1.0):  # F* = (T - R + c)/(p - a)
        assert fine.value_at(p) == pytest.approx((GAME.T - GAME.R) / p)
    assert fine.value_at(0.0) is None  # no fine deters when nothing is detected
    assert fine.missing_runs() == [(0.0, 0.0)]


def test_the_pair_option_changes_the_curve(cli, sweeps, tmp_path):
    out = tmp_path / "grim.svg"
    result = cli("plot", str(sweeps["two"]), "--strategy", "grim", "--against", "alld", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "F*sg(p): super-game" in text and "Grudger in self-play" in text and "Tit For Tat in self" not in text


# -- the default metric ----------------------------------------------------------------


def test_default_metric_is_the_defectors_rank_else_the_payoff(cli, sweeps, tmp_path):
    assert default_metric(load_sweep(sweeps["two"])) == parse_metric("rank:Defector", list(PLAYERS_NAMES))
    out = tmp_path / "default.svg"
    result = cli("plot", str(sweeps["two"]), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert "Rank of Defector across transparency and fine" in out.read_text(encoding="utf-8")
    path = make_sweep(tmp_path / "nice.parquet", ["transparency=0.5,1"], players=("tft", "wsls"), repetitions=1)
    assert default_metric(load_sweep(path)).kind == "payoff"
    result = cli("plot", str(path), "--output", str(tmp_path / "nice.svg"))
    assert result.exit_code == 0, result.stderr
    assert "Score per turn of each strategy" in (tmp_path / "nice.svg").read_text(encoding="utf-8")


def test_shadow_curve_is_the_closed_form_and_none_without_detection():
    base = rl.Regime(shadow=0.5)
    curve = threshold_curve(base, GAME, "shadow", "transparency", [0.0, 0.5, 1.0], {}, strategy_pair(*GRIM_PAIR))
    assert curve.symbol == "w*" and curve.method == "closed form"
    for p in (0.5, 1.0):  # w* = (T-R)/((T-R) + p(R-P))
        assert curve.value_at(p) == pytest.approx(2 / (2 + 2 * p))
    assert curve.value_at(0.0) is None
    assert len(curve.along_values) > 3  # closed forms are drawn as smooth curves


def test_fine_threshold_with_false_alarms_and_transaction_costs():
    base = rl.Regime(shadow=0.9, transparency=0.8, false_alarm=0.2, transaction_cost=0.5)
    curve = threshold_curve(base, GAME, "fine", "false_alarm", [0.0, 0.2, 0.8], {})
    assert curve.value_at(0.0) == pytest.approx((2 + 0.5) / 0.8)
    assert curve.value_at(0.2) == pytest.approx((2 + 0.5) / 0.6)
    assert curve.value_at(0.8) is None  # p <= a: fines fall on compliers as often as on cheaters


def test_parameters_without_threshold_draw_none(sweeps, tmp_path):
    path = make_sweep(tmp_path / "noise.parquet", ["noise=0,0.1"], players=("tft", "alld"), repetitions=1)
    sweep = load_sweep(path)
    assert threshold_overlays(sweep, choose_axes(sweep)) == []


# -- bad input: one line naming the option, exit 2, nothing written ------------------------


@pytest.fixture
def not_a_sweep(tmp_path):
    path = tmp_path / "other.csv"
    pd.DataFrame({"a": [1, 2], "b": [3, 4]}).to_csv(path, index=False)
    (tmp_path / "broken.parquet").write_text("not parquet at all")
    return path


@pytest.mark.parametrize(
    "case,args,option,words",
    [
        ("missing", ["{tmp}/missing.parquet"], "SWEEP", "existing"),
        ("not a table", ["{other}"], "SWEEP", "regimelab sweep"),
        ("unreadable", ["{tmp}/broken.parquet"], "SWEEP", "cannot read it as Parquet"),
        ("not a table suffix", ["{two}.manifest.json"], "SWEEP", ".parquet or .csv"),
        ("metric", ["{two}", "--metric", "happiness"], "--metric", "cooperation, payoff or rank:STRATEGY"),
        ("strategy", ["{two}", "--metric", "rank:Nobody"], "--metric", "Tit For Tat, Defector, Grudger"),
        ("pair strategy", ["{two}", "--strategy", "Nobody"], "--strategy", "regimelab strategies --exact"),
        ("pair against", ["{two}", "--against", "tit for tatt"], "--against", "did you mean 'Tit For Tat'"),
        ("not finite", ["{two}", "--strategy", "Status Quo Power"], "--strategy", "exact engine can play"),
        ("not finite against", ["{two}", "--against", "Status Quo Power"], "--against", "exact engine"),
        ("x", ["{two}", "--x", "noise"], "--x", "transparency, fine"),
        ("y", ["{two}", "--y", "shadow"], "--y", "transparency, fine"),
        ("same axes", ["{two}", "--x", "fine", "--y", "fine"], "--y", "other"),
        ("three", ["{three}"], "--at", "noise"),
        ("three with axes", ["{three}", "--x", "fine", "--y", "noise"], "--at", "transparency"),
        ("at value", ["{three}", "--at", "noise=0.5", "--x", "fine"], "--at", "0, 0.05"),
        ("at name", ["{two}", "--at", "shadow=0.9"], "--at", "swept parameter"),
        ("at axis", ["{two}", "--x", "fine", "--at", "fine=1"], "--at", "not on an axis"),
        ("suffix", ["{two}", "--output", "{tmp}/picture.pdf"], "--output", ".png, .svg"),
        ("folder", ["{two}", "--output", "{tmp}/nowhere/picture.png"], "--output", "existing folder"),
    ],
)
def test_bad_input_is_one_line_naming_the_option(cli, sweeps, not_a_sweep, tmp_path, case, args, option, words):
    names = {"tmp": tmp_path, "other": not_a_sweep, **sweeps}
    before = set(tmp_path.iterdir())
    result = cli("plot", *[arg.format(**names) for arg in args])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error:") and f"'{option}'" in lines[0]
    assert words in lines[0]
    assert "Traceback" not in result.output and result.stdout == ""
    assert set(tmp_path.iterdir()) == before


def test_a_table_that_disagrees_with_its_manifest_is_refused(cli, sweeps, tmp_path):
    table = load_sweep(sweeps["two"]).table.rename(columns={"fine": "noise"})
    path = tmp_path / "renamed.parquet"
    table.to_parquet(path, index=False)
    manifest = sweeps["two"].with_name(sweeps["two"].name + ".manifest.json")
    (tmp_path / "renamed.parquet.manifest.json").write_text(manifest.read_text())
    result = cli("plot", str(path))
    assert result.exit_code == 2 and "'SWEEP'" in result.stderr and "manifest" in result.stderr


@pytest.mark.parametrize("option", ["--strategy", "--against"])
def test_an_empty_strategy_name_is_refused_not_defaulted(option, tmp_path):
    sweep = tmp_path / "sweep.parquet"
    made = CliRunner().invoke(main, ["sweep", "-s", "tft", "-s", "alld", "--turns", "5", "-r", "1",
                                     "--param", "transparency=0.5,1", "--output", str(sweep), "--no-progress"])
    assert made.exit_code == 0, made.output
    result = CliRunner().invoke(main, ["plot", str(sweep), option, "", "-o", str(tmp_path / "p.png")])
    assert result.exit_code == 2 and option in result.output and "Traceback" not in result.output
    assert not (tmp_path / "p.png").exists()
