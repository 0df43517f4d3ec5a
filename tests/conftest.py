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
