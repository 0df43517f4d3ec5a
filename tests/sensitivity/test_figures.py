"""The pictures of sensitivity indices (regimelab/sensitivity/figures.py): bars with intervals, the Morris plane."""

from __future__ import annotations

import numpy as np
import pytest

from regimelab.errors import InvalidParameter
from regimelab.sensitivity.figures import MORRIS_RAYS, sensitivity_figure, write_sensitivity_figure
from regimelab.sensitivity.indices import analyse_file


def test_sobol_bars_show_s1_and_st_with_their_intervals(design_sweeps):
    result = analyse_file(design_sweeps["sobol"], "payoff")
    ax = sensitivity_figure(result).axes[0]
    bars = [container for container in ax.containers if hasattr(container, "patches")]  # S1, then ST
    assert np.allclose([bar.get_height() for bar in bars[0].patches], result.table["S1"])
    assert np.allclose([bar.get_height() for bar in bars[1].patches], result.table["ST"])
    assert [label.get_text() for label in ax.get_xticklabels()] == [
        f"{row.parameter.replace('_', ' ')} {row.symbol}" for row in result.table.itertuples()]
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["first order S1", "total ST"]


def test_rbd_fast_bars_show_s1_only(design_sweeps):
    ax = sensitivity_figure(analyse_file(design_sweeps["lhs"], "payoff")).axes[0]
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["first order S1"]


def test_the_morris_plane_puts_each_parameter_at_mu_star_and_sigma(design_sweeps):
    result = analyse_file(design_sweeps["morris"], "margin")
    ax = sensitivity_figure(result).axes[0]
    points = [line for line in ax.get_lines() if line.get_linestyle() == "None" and line.get_marker() != "|"]
    assert np.allclose([line.get_xydata()[0] for line in points], result.table[["mu_star", "sigma"]].to_numpy())
    rays = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert [line.get_ydata()[1] / line.get_xdata()[1] for line in rays] == pytest.approx(list(MORRIS_RAYS))


def test_pictures_are_written_atomically_and_svg_is_reproducible(design_sweeps, tmp_path):
    result = analyse_file(design_sweeps["sobol"], "payoff")
    png = write_sensitivity_figure(result, tmp_path / "s.png")
    assert png.read_bytes().startswith(b"\x89PNG")
    first = write_sensitivity_figure(result, tmp_path / "a.svg").read_bytes()
    assert write_sensitivity_figure(result, tmp_path / "b.svg").read_bytes() == first
    with pytest.raises(InvalidParameter, match=".png, .svg"):
        write_sensitivity_figure(result, tmp_path / "s.pdf")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.svg", "b.svg", "s.png"]
