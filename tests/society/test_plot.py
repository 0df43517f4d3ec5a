"""A society's picture (regimelab/society/plot.py): cooperation by kind of edge over the
periods, the exclusions in force, and the survival period."""

from __future__ import annotations

import dataclasses

import pytest
from society_helpers import COLLECTIVE, society

import regimelab as rl
from regimelab.society import run_society
from regimelab.society.plot import plot_society


@pytest.fixture(scope="module")
def breaking_down():
    """Cooperation among members ends below one half (survival period 6 with seed 1)."""
    s = society(("A", "Cooperator"), ("B", "Cooperator"), ("Cheat", "Defector"), ("Out", "Cooperator", False),
                regime=rl.Regime(turns=8, false_alarm=0.5), options=COLLECTIVE)
    return run_society(s, 2, 1)


def test_a_png_is_written_whole(breaking_down, tmp_path):
    path = tmp_path / "society.png"
    plot_society(breaking_down, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["society.png"]  # no temporary file left


def test_the_svg_names_the_series_the_survival_and_the_run(breaking_down, tmp_path):
    path = tmp_path / "society.svg"
    plot_society(breaking_down, path, title="Three states")
    text = path.read_text(encoding="utf-8")
    assert "<svg" in text
    assert breaking_down.survival == 6 and "survival: period 6" in text
    for label in ("among members", "members with outsiders", "actors excluded"):
        assert label in text
    assert "among outsiders" not in text  # one outsider: no edge between outsiders, no curve
    assert "Three states: 2 repetitions, seed 1" in text


def test_without_a_title_the_scenario_names_the_picture(breaking_down, tmp_path):
    path = tmp_path / "named.svg"
    plot_society(dataclasses.replace(breaking_down, title="A scenario", variant="exclusion"), path)
    assert "A scenario [exclusion]: 2 repetitions, seed 1" in path.read_text(encoding="utf-8")
    plot_society(breaking_down, tmp_path / "plain.svg")
    assert "Society: 2 repetitions, seed 1" in (tmp_path / "plain.svg").read_text(encoding="utf-8")


def test_drawing_leaves_matplotlibs_backend_as_it_was(breaking_down, tmp_path):
    import matplotlib

    before = matplotlib.get_backend()
    matplotlib.use("svg")  # stands for a notebook's inline backend, which a picture file must not replace
    try:
        plot_society(breaking_down, tmp_path / "society.png")
        assert matplotlib.get_backend() == "svg"
    finally:
        matplotlib.use(before)
