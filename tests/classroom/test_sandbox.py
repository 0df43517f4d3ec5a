"""The sandbox's numbers are the engines': explain, the tournament (exact or simulated) and the replicator."""

import numpy as np
import pytest
from classroom_clients import TOKEN

from regimelab import Game, Regime
from regimelab.classroom import sandbox
from regimelab.evolution import PayoffMatrix, replicator_dynamics
from regimelab.exact_tournament import run_exact_tournament
from regimelab.explanation import explain_regime
from regimelab.scenarios import load_tournament_scenario

STRATEGIES = ("Tit For Tat", "Defector", "Cooperator", "Grudger")


def test_the_numbers_are_explain_the_exact_tournament_and_the_replicator():
    regime = Regime(shadow=0.9, transparency=0.7, fine=2, compensation=0.5)
    data = sandbox.evaluate(regime, Game(), STRATEGIES, None, None)
    explained = explain_regime(regime)
    assert data["explain"]["game"] == explained["game"] and data["explain"]["thresholds"] == explained["thresholds"]
    exact = run_exact_tournament(list(STRATEGIES), regime)
    assert data["tournament"]["engine"] == "exact"
    assert [row["name"] for row in data["tournament"]["ranking"]] == list(exact.players["name"])
    assert [row["per_turn"] for row in data["tournament"]["ranking"]] == pytest.approx(
        list(exact.players["mean_score_per_turn"]))
    matrix = exact.pairs.pivot(index="player", columns="opponent", values="mean_score_per_turn")
    run = replicator_dynamics(PayoffMatrix.from_array(matrix.loc[exact.names, exact.names].to_numpy(), exact.names),
                              time=sandbox.EVOLUTION_TIME, steps=sandbox.EVOLUTION_STEPS)
    assert np.allclose(data["evolution"]["shares"], run.shares)


def test_a_strategy_without_a_finite_state_form_gives_a_quick_simulation_with_intervals():
    data = sandbox.evaluate(Regime(turns=20), Game(), ("Tit For Tat", "Forgiver", "Defector"), None, None)
    tournament = data["tournament"]
    assert tournament["engine"] == "simulate" and tournament["repetitions"] == sandbox.QUICK_REPETITIONS
    assert "Forgiver" in tournament["reason"]
    assert all(row["ci95"][0] <= row["per_turn"] <= row["ci95"][1] for row in tournament["ranking"])


def test_the_baseline_is_evaluated_beside_and_a_scenario_plays_its_own_players():
    scenario = load_tournament_scenario("anarchy")
    variant = scenario.regime_named("anarchy")
    data = sandbox.evaluate(variant.regime, variant.game, (), "anarchy", scenario.regimes[0].regime)
    assert data["baseline"]["label"] == scenario.regimes[0].regime.label()
    names = {row["name"] for row in data["tournament"]["ranking"]}
    assert len(names) == len(scenario.make_players())


def test_the_sandbox_api_validates_and_answers(client):
    headers = {"X-Teacher-Token": TOKEN}
    options = client.get("/api/sandbox/options", headers=headers).json()
    assert {p["name"] for p in options["parameters"]} >= {"shadow", "transparency", "fine", "transaction_cost"}
    assert "anarchy" in {s["name"] for s in options["scenarios"]}
    assert client.get("/api/sandbox/scenario/cis-1992", headers=headers).status_code == 404  # a society
    answer = client.post("/api/sandbox/evaluate", headers=headers, json={
        "regime": {"shadow": 0.9, "transparency": 0.5}, "strategies": ["tft", "alld"], "baseline": "null"})
    assert answer.status_code == 200 and answer.json()["baseline"]["label"] == "null"
    for body in ({"regime": {"transparency": 2}}, {"regime": {}, "strategies": ["tft"]},
                 {"regime": {}, "strategies": ["tft", "nobody"]}, {"regime": {}, "baseline": "yesterday"}):
        assert client.post("/api/sandbox/evaluate", headers=headers, json=body).status_code == 422
