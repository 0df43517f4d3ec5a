import pytest
from click.testing import CliRunner

from regimelab.cli import main


@pytest.fixture
def cli():
    """Invoke the regimelab CLI through click's runner; returns the Result."""
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def sweeps(tmp_path_factory):
    """Four small sweeps written as `regimelab sweep` writes them (tests/sweep_examples.py), made once."""
    from sweep_examples import example_sweeps

    return example_sweeps(tmp_path_factory.mktemp("sweeps"))


@pytest.fixture(scope="session")
def heatmap_overlays(sweeps):
    """The default heatmap of the two-parameter sweep and its curves (computed once: F*sg is searched)."""
    from sweep_examples import heatmap_overlays_of

    return heatmap_overlays_of(sweeps["two"])


@pytest.fixture(scope="session")
def design_sweeps(tmp_path_factory):
    """Sampled sweeps of each design, and a grid (tests/sensitivity_examples.py), made once."""
    from sensitivity_examples import design_sweeps

    return design_sweeps(tmp_path_factory.mktemp("designs"))
