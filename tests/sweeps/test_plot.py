"""`regimelab plot` from Python (regimelab/sweeps/plot.py): draw a sweep and write the picture,
atomically, where asked or beside the sweep."""

import pytest

from regimelab.errors import InvalidParameter
from regimelab.sweeps.plot import plot_sweep, plot_sweep_file
from regimelab.sweeps.selection import Metric, choose_axes
from regimelab.sweeps.sweep_file import load_sweep
from regimelab.sweeps.thresholds import strategy_pair


def test_plot_sweep_writes_the_picture_and_returns_the_overlays(sweeps, tmp_path):
    sweep = load_sweep(sweeps["one"])
    out = tmp_path / "lines.svg"
    overlays = plot_sweep(sweep, Metric("payoff"), choose_axes(sweep), out, title="Transparency",
                          pair=strategy_pair("grim", "alld"))
    assert [line.symbol for line in overlays] == ["p*"] and "Grudger" in overlays[0].meaning
    text = out.read_text(encoding="utf-8")
    assert "<svg" in text and "Transparency" in text
    assert [p.name for p in tmp_path.iterdir()] == ["lines.svg"]  # no temporary file left


def test_an_svg_carries_no_date(sweeps, tmp_path):
    sweep = load_sweep(sweeps["one"])
    plot_sweep(sweep, Metric("payoff"), choose_axes(sweep), tmp_path / "a.svg", overlays=[])
    text = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in text and "<dc:format>image/svg+xml</dc:format>" in text


def test_only_png_or_svg_is_written(sweeps, tmp_path):
    sweep = load_sweep(sweeps["one"])
    with pytest.raises(InvalidParameter, match=r"\.png, \.svg") as caught:
        plot_sweep(sweep, Metric("payoff"), choose_axes(sweep), tmp_path / "picture.pdf", overlays=[])
    assert caught.value.parameter == "output" and not list(tmp_path.iterdir())


def test_plot_sweep_file_writes_beside_the_sweep_by_default(sweeps, tmp_path):
    out = plot_sweep_file(sweeps["oneway"], tmp_path / "oneway.png", metric="cooperation", x="fine")
    assert out == tmp_path / "oneway.png" and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = tmp_path / "copy.csv"
    load_sweep(sweeps["one"]).table.to_csv(table, index=False)
    assert plot_sweep_file(table) == tmp_path / "copy.png" and (tmp_path / "copy.png").exists()


def test_plot_sweep_file_names_the_bad_argument(sweeps, tmp_path):
    with pytest.raises(InvalidParameter) as caught:
        plot_sweep_file(sweeps["two"], tmp_path / "p.png", strategy="")
    assert caught.value.parameter == "strategy"
    with pytest.raises(InvalidParameter) as caught:
        plot_sweep_file(sweeps["three"], tmp_path / "p.png")
    assert caught.value.parameter == "at"
