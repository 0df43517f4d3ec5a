"""The `regimelab` group (regimelab/cli/__init__.py): its version, every command's help (every example
in it runs), and the installed entry point as a real subprocess.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import click
import help_examples
import pytest
from click.testing import CliRunner

from regimelab.cli import main


def test_version_names_both_packages(cli):
    result = cli("--version")
    assert "regimelab" in result.stdout and "axelrod 4.13.1" in result.stdout


@pytest.mark.parametrize("command", ["run", "compare", "explain", "strategies"])
def test_every_command_has_help_with_an_example(cli, command):
    result = cli(command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout and f"regimelab {command}" in result.stdout
    assert "--format" in result.stdout and "--output" in result.stdout


# -- the console script --------------------------------------------------------


def regimelab_command():
    script = Path(sys.executable).parent / "regimelab"
    if script.exists():
        return [str(script)]
    found = shutil.which("regimelab")
    if found:
        return [found]
    pytest.skip("the regimelab console script is not installed")


def test_run_through_the_console_script(tmp_path):
    out = tmp_path / "run.json"
    completed = subprocess.run(
        regimelab_command() + ["run", "-s", "tft", "-s", "alld", "-r", "2", "--turns", "10",
                               "--format", "json", "--output", str(out)],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    data = json.loads(completed.stdout)
    assert data == json.loads(out.read_text())
    assert "Playing" not in completed.stdout  # no progress bar in JSON


def test_bad_input_exit_status_through_the_console_script():
    completed = subprocess.run(
        regimelab_command() + ["run", "--transparency", "1.5"], capture_output=True, text=True, timeout=120
    )
    assert completed.returncode == 2
    assert completed.stderr.strip().splitlines() == [
        "Error: Invalid value for '--transparency': must be a probability between 0 and 1 (got 1.5)."
    ]


def test_version_through_the_console_script():
    completed = subprocess.run(regimelab_command() + ["--version"], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0 and "axelrod 4.13.1" in completed.stdout


# -- python -m regimelab ------------------------------------------------------------


def python_m_regimelab(*args):
    return subprocess.run([sys.executable, "-m", "regimelab", *args], capture_output=True, text=True, timeout=120)


def test_python_m_regimelab_is_the_command_by_name_and_exit_status():
    helped = python_m_regimelab("--help")
    assert helped.returncode == 0 and helped.stdout.startswith("Usage: regimelab [OPTIONS] COMMAND")
    refused = python_m_regimelab("run", "--transparency", "1.5")
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "Error: Invalid value for '--transparency': must be a probability between 0 and 1 (got 1.5)."
    ]
    usage = python_m_regimelab("run", "--no-such-option")
    assert usage.returncode == 2 and usage.stderr.strip().endswith("(see 'regimelab run --help')")


def test_python_m_regimelab_runs_what_the_command_runs(cli):
    args = ["run", "-s", "tft", "-s", "alld", "-r", "2", "--turns", "10", "--format", "json"]
    completed = python_m_regimelab(*args)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == json.loads(cli(*args).stdout)


# -- exit statuses ----------------------------------------------------------------


def test_a_usage_error_is_one_line_pointing_to_help(cli):
    result = cli("run", "--no-such-option")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: No such option '--no-such-option'")
    assert lines[0].endswith("run --help')")


@pytest.mark.parametrize("raised, status, message", [
    (KeyboardInterrupt(), 130, "Interrupted."),
    (KeyboardInterrupt("stopped after 3 cells"), 130, "Interrupted: stopped after 3 cells"),
    (OSError(28, "No space left on device"), 2, "Error: [Errno 28] No space left on device"),
])
def test_interrupts_and_failed_writes_have_their_own_exit_status(raised, status, message):
    @click.command()
    def fail():
        raise raised

    main.add_command(fail)
    try:
        result = CliRunner().invoke(main, ["fail"])
    finally:
        main.commands.pop("fail")
    assert result.exit_code == status and result.stderr.strip() == message


def test_bare_regimelab_prints_the_help_and_exits_0():
    completed = subprocess.run(regimelab_command(), capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("Usage: regimelab [OPTIONS] COMMAND")
    assert "Commands:" in completed.stdout and "Error" not in completed.stdout + completed.stderr


# -- every example of every --help runs ---------------------------------------------


EXAMPLE_HELPS = [path for path in help_examples.commands() if help_examples.examples(help_examples.help_text(path))]
#: The address the sweep's cluster example names, replaced by a scheduler the test starts.
EXAMPLE_SCHEDULER = "tcp://10.0.0.5:8786"


def test_every_command_and_subcommand_has_examples():
    assert {" ".join(path) for path in EXAMPLE_HELPS} >= {
        "", "run", "compare", "explain", "strategies", "scenarios", "scenarios show", "sweep", "plot",
        "society", "evolve",
    }


@pytest.fixture
def local_scheduler():
    """A call giving ``tcp://127.0.0.1:PORT``: a Dask scheduler with one worker thread in this process."""
    started = []

    def address() -> str:
        distributed = pytest.importorskip("distributed")
        cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                           dashboard_address=None, host="127.0.0.1", protocol="tcp://")
        started.append(cluster)
        return cluster.scheduler_address

    yield address
    for cluster in started:
        cluster.close()


@pytest.mark.parametrize("path", EXAMPLE_HELPS, ids=lambda path: " ".join(path) or "regimelab")
def test_every_help_example_runs(path, tmp_path, monkeypatch, local_scheduler):
    """Each example of the help, in order (a plot reads the sweep an example before it wrote), exits 0."""
    monkeypatch.chdir(help_examples.scratch_folder(tmp_path))
    failed = []
    for example in help_examples.examples(help_examples.help_text(path)):
        args = help_examples.with_small_settings(example)
        if EXAMPLE_SCHEDULER in args:
            args[args.index(EXAMPLE_SCHEDULER)] = local_scheduler()
        result = CliRunner().invoke(main, args, catch_exceptions=False)
        if result.exit_code != 0:
            failed.append(f"{example}\n    ({' '.join(args)}) -> {result.exit_code}: {result.stderr.strip()}")
    assert not failed, "\n".join(failed)
