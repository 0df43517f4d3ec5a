"""What `regimelab explain` shows, as plain data (regimelab/explanation.py); the command itself is tested in
tests/cli/test_explain.py."""

import pytest

import regimelab as rl
from regimelab.explanation import explain_regime
from regimelab.supergame import super_game
from regimelab.threshold_search import threshold_methods, thresholds

GAME = rl.Game()


def test_the_explanation_gathers_the_super_game_its_thresholds_and_their_methods():
    regime = rl.Regime(shadow=0.9, transparency=0.8)
    data = explain_regime(regime, GAME)
    assert data["supergame"] == super_game(regime, GAME).to_dict()
    assert data["thresholds"] == thresholds(regime, GAME)
    assert data["thresholds"]["shadow"] == pytest.approx(1 / 1.8)
    assert data["methods"] == threshold_methods(regime)
    assert data["regime"] == regime.to_dict()
    assert "excluded" not in data and "noisy" not in data["game"]  # nothing left out, no noise


def test_the_meanings_are_those_of_the_classes_shown_in_sorted_order():
    data = explain_regime(rl.Regime(shadow=0.9, transparency=0.8), GAME)
    shown = {data["game"]["class"]["base"], data["game"]["class"]["expected"], data["supergame"]["class"]}
    assert list(data["meanings"]) == sorted(shown)


def test_a_noisy_regime_adds_the_noisy_game():
    regime = rl.Regime(shadow=0.9, noise=0.02)
    assert explain_regime(regime, GAME)["game"]["noisy"] == regime.noisy_expected_game(GAME).to_dict()
