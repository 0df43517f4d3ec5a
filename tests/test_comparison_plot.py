"""The picture of a comparison of regimes (regimelab/comparison_plot.py)."""

import pytest

import regimelab as rl
from regimelab.comparison_plot import plot_comparison


@pytest.fixture(scope="module")
def comparison():
    players = rl.make_players(["tft", "alld", "grudger"])
    return rl.compare_regimes(players, [rl.Regime(turns=10), rl.Regime(turns=10, fine=3)], repetitions=2, seed=1)


@pytest.mark.parametrize("suffix, start", [(".png", b"\x89PNG\r\n\x1a\n"), (".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_the_picture_is_written_in_the_format_of_its_suffix(comparison, tmp_path, suffix, start):
    path = tmp_path / f"compare{suffix}"
    plot_comparison(comparison, path)
    assert path.read_bytes().startswith(start)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # written atomically: no temporary file left


def test_every_strategy_and_regime_is_in_the_picture(comparison, tmp_path):
    path = tmp_path / "compare.svg"
    plot_comparison(comparison, path)
    text = path.read_text(encoding="utf-8")
    for name in ("Tit For Tat", "Defector", "Grudger", "baseline", "fine=3"):
        assert name in text


def test_drawing_leaves_matplotlibs_backend_as_it_was(comparison, tmp_path):
    import matplotlib

    before = matplotlib.get_backend()
    matplotlib.use("svg")  # stands for a notebook's inline backend, which a picture file must not replace
    try:
        plot_comparison(comparison, tmp_path / "compare.png")
        assert matplotlib.get_backend() == "svg"
    finally:
        matplotlib.use(before)


def test_the_legend_covers_no_bar():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from regimelab.comparison_plot import comparison_figure

    # Three regimes and long labels: the case where the legend used to sit on the bars (lower right).
    players = rl.make_players(["tft", "alld", "grudger", "allc"])
    regimes = [rl.Regime(turns=10), rl.Regime(turns=10, transparency=0.5),
               rl.Regime(turns=10, transparency=0.5, fine=6, compensation=0.5)]
    fig = comparison_figure(rl.compare_regimes(players, regimes, repetitions=2, seed=1))
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.canvas.draw()  # constrained layout places the legend on drawing
    (legend,) = fig.legends
    box = legend.get_window_extent(renderer)
    bars = [patch.get_window_extent(renderer) for patch in fig.axes[0].patches]
    assert len(bars) == 12 and not any(box.overlaps(bar) for bar in bars)
    assert not box.overlaps(fig.axes[0].get_window_extent(renderer))  # outside the axes altogether
    assert fig.bbox.contains(box.x0, box.y0) and fig.bbox.contains(box.x1, box.y1)


def test_the_title_says_seed_only_for_a_simulated_comparison():
    from regimelab.comparison_plot import comparison_figure

    players = rl.make_players(["tft", "alld"])
    regimes = [rl.Regime(turns=10), rl.Regime(turns=10, fine=2)]
    simulated = comparison_figure(rl.compare_regimes(players, regimes, repetitions=2, seed=1))
    exact = comparison_figure(rl.compare_regimes(players, regimes, engine="exact"))
    assert simulated.axes[0].get_title().endswith("same seed)")
    assert exact.axes[0].get_title().endswith("exact expected values)")
