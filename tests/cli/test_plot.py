"""`regimelab plot` through the real entry point: pictures of sweeps, their options, and bad
input (one line naming the option, exit status 2, nothing written)."""

import xml.etree.ElementTree as ElementTree

import matplotlib.image
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from sweep_examples import PLAYERS_NAMES, make_sweep

from regimelab.cli import main
from regimelab.sweeps.figures import DPI, FIGSIZE
from regimelab.sweeps.overlays import threshold_overlays
from regimelab.sweeps.selection import choose_axes, default_metric, parse_metric
from regimelab.sweeps.sweep_file import load_sweep


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
