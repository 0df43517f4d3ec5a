"""The picture of the replicator dynamics (regimelab/evolution/plot.py): each strategy's share
over time, written whole."""

import os
import subprocess
import sys

import pytest

from regimelab.evolution import PayoffMatrix, replicator_dynamics
from regimelab.evolution.plot import LEGEND_FLOOR, plot_shares

PAYOFFS = PayoffMatrix.from_array([[3, 0, 3], [5, 1, 5], [3, 0, 3]], ["Tit For Tat", "Defector", "Cooperator"])


@pytest.fixture(scope="module")
def run():
    """Defectors take over from 1%; Cooperators start at 0 and stay there."""
    return replicator_dynamics(PAYOFFS, initial=[0.99, 0.01, 0.0], time=40, steps=40)


def test_a_png_is_written_whole(run, tmp_path):
    path = tmp_path / "shares.png"
    plot_shares(run, path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [p.name for p in tmp_path.iterdir()] == ["shares.png"]


def test_the_legend_gives_final_shares_and_leaves_out_absent_strategies(run, tmp_path):
    path = tmp_path / "shares.svg"
    plot_shares(run, path)
    text = path.read_text(encoding="utf-8")
    assert run.shares[:, 2].max() <= LEGEND_FLOOR
    assert f"Defector ({run.final[1]:.2f})" in text and f"Tit For Tat ({run.final[0]:.2f})" in text
    assert "Cooperator (" not in text
    assert run.at_rest and "Replicator dynamics: shares over time (at rest)" in text


def test_a_run_not_settled_says_how_fast(tmp_path):
    moving = replicator_dynamics(PAYOFFS, initial=[0.99, 0.01, 0.0], time=2, steps=4)
    path = tmp_path / "moving.svg"
    plot_shares(moving, path)
    assert f"not settled (max |dx/dt| = {moving.max_rate:.2g})" in path.read_text(encoding="utf-8")


def test_a_title_replaces_the_default(run, tmp_path):
    path = tmp_path / "titled.svg"
    plot_shares(run, str(path), title="Under a fine")
    text = path.read_text(encoding="utf-8")
    assert "Under a fine" in text and "Replicator dynamics:" not in text


def test_importing_and_drawing_leave_matplotlibs_backend_as_it_was(tmp_path):
    # A notebook's inline backend must survive regimelab: nothing calls matplotlib.use on import or
    # when drawing (plot_shares draws a Figure without pyplot). "svg" stands for the user's backend.
    script = (
        "import matplotlib, sys\n"
        "matplotlib.use('svg')\n"
        "from regimelab.evolution import PayoffMatrix, replicator_dynamics\n"
        "from regimelab.evolution.plot import plot_shares\n"
        "assert matplotlib.get_backend() == 'svg', 'on import: ' + matplotlib.get_backend()\n"
        "payoffs = PayoffMatrix.from_array([[3, 0], [5, 1]], ['Tit For Tat', 'Defector'])\n"
        "plot_shares(replicator_dynamics(payoffs, initial=[0.9, 0.1], time=5, steps=5), sys.argv[1])\n"
        "print(matplotlib.get_backend())\n"
    )
    path = tmp_path / "shares.png"
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    completed = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                               timeout=300, env=env)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "svg"
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
