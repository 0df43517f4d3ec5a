"""The regime functions' registry (regimelab/functions/__init__.py): one new module and one ``register`` call add a function.

A toy function (tests/toy_regime_function.py, a flat tax per round) is
registered and then seen by ``Regime``, the expected stage game, the
simulation and the exact engine (in this process), and by the CLI's options
(in a fresh interpreter, which registers it before importing the CLI).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import regimelab as rl
from regimelab import functions
from regimelab.errors import InvalidParameter
from regimelab.functions import Horizon, Parameter, RegimeFunction, register

TESTS = Path(__file__).resolve().parents[1]


@pytest.fixture
def tax():
    from toy_regime_function import Tax

    before = list(functions._REGISTERED)
    register(Tax)
    try:
        yield Tax
    finally:
        functions._REGISTERED[:] = before


@pytest.fixture(autouse=True)
def tests_on_path(monkeypatch):
    monkeypatch.syspath_prepend(str(TESTS))


def test_the_registry_lists_the_model_pages_parameters_in_order():
    assert functions.parameter_names() == (
        "turns", "shadow", "transparency", "false_alarm", "noise", "fine", "compensation", "enforcement_cost",
        "transaction_cost",
    )
    assert tuple(rl.PARAMETERS) == functions.parameter_names()
    fine = functions.find_parameter("fine")
    assert (fine.symbol, fine.option, fine.default) == ("F", "--fine", 0.0)


def test_a_registered_function_is_part_of_every_new_regime(tax):
    regime = rl.Regime(turns=10, tax=0.5)
    assert regime.tax == 0.5 and regime.to_dict()["tax"] == 0.5
    assert "tax" in rl.PARAMETERS
    assert rl.Regime().tax == 0.0
    assert regime.expected_game(rl.Game()).payoffs == (2.5, -0.5, 4.5, 0.5)
    with pytest.raises(InvalidParameter, match="tax"):
        rl.Regime(tax=-1)


@pytest.mark.parametrize("engine", ["simulate", "vector", "exact"])
def test_a_registered_function_changes_every_engine(tax, engine):
    players = ["tft", "alld", "wsls"]

    def scores(regime):
        if engine == "exact":
            return rl.run_exact_tournament(rl.make_players(players), regime).pairs.mean_score_per_turn
        return rl.run_tournament(rl.make_players(players), regime, repetitions=2, seed=1,
                                 engine=engine).pairs.mean_score_per_turn

    plain, taxed = scores(rl.Regime(turns=10, noise=0.05)), scores(rl.Regime(turns=10, noise=0.05, tax=0.5))
    assert (taxed.to_numpy() == pytest.approx(plain.to_numpy() - 0.5, abs=1e-12))


def test_a_registered_function_is_a_cli_option():
    script = (
        "import sys; sys.path.insert(0, %r)\n"
        "from regimelab.functions import register\n"
        "from toy_regime_function import Tax\n"
        "register(Tax)\n"
        "from regimelab.cli import main\n"
        "main()\n" % str(TESTS)
    )
    run = subprocess.run([sys.executable, "-c", script, "run", "-s", "tft", "-s", "alld", "--turns", "10",
                          "--tax", "0.5", "--format", "json"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["regime"]["tax"] == 0.5
    tft = next(row for row in data["ranking"] if row["name"] == "Tit For Tat")
    assert tft["mean_score_per_turn"] == pytest.approx(0.9 - 0.5)  # S then P nine times, less the tax
    helped = subprocess.run([sys.executable, "-c", script, "run", "--help"], capture_output=True, text=True,
                            timeout=120)
    assert "--tax X" in helped.stdout and "A flat tax t on every round" in helped.stdout


def test_registering_something_else_is_refused():
    with pytest.raises(InvalidParameter):
        register(object)

    class Clash(RegimeFunction):
        PARAMETERS = (Parameter("fine", "F", 0.0, "", "", ""),)

    with pytest.raises(InvalidParameter, match="taken"):
        register(Clash)
    assert register(Horizon) is Horizon  # registering again changes nothing
    assert functions.regime_functions().count(Horizon) == 1
