"""The thresholds of the super-game: closed forms and searches (regimelab/threshold_search.py, model page §5)."""

import pytest

import regimelab as rl
from regimelab.supergame import StrategyPair, cooperation_margin, super_game
from regimelab.threshold_search import (
    critical_fine,
    critical_shadow,
    critical_supergame_fine,
    critical_transparency,
    least_root,
    shadow_threshold,
    supergame_fine_threshold,
    threshold_methods,
)

GAME = rl.Game()


# -- thresholds for any pair ---------------------------------------------


def pair(cooperator, challenger):
    return StrategyPair(rl.make_players([cooperator])[0], rl.make_players([challenger])[0])


@pytest.mark.parametrize("game", [GAME, rl.Game(4, 0, 6, 1), rl.Game(3, -1, 4, 2)])
def test_tft_against_always_defect_has_grims_closed_form(game):
    # V(TFT,TFT) = R/(1-w), V(AllD,TFT) = T + wP/(1-w): w* = (T-R)/(T-P), as for Grim
    R, S, T, P = game.payoffs
    assert critical_shadow(rl.Regime(), game, pair("tft", "alld")) == pytest.approx((T - R) / (T - P), abs=1e-9)


def test_supergame_fine_has_its_closed_form_for_grim():
    # a = 0, k = s = 0: F >= ((1-w)A - wpB) / (p(1-w+wp)), A = T-R+c, B = R-c-P (model page §5)
    R, S, T, P = GAME.payoffs
    for w, p, c in [(0.3, 0.8, 0.0), (0.2, 0.5, 0.4), (0.45, 1.0, 0.1), (0.1, 0.3, 0.0)]:
        regime = rl.Regime(shadow=w, transparency=p, transaction_cost=c)
        A, B = T - R + c, R - c - P
        closed = max(0.0, ((1 - w) * A - w * p * B) / (p * (1 - w + w * p)))
        assert critical_supergame_fine(regime, GAME) == pytest.approx(closed, abs=1e-9), (w, p, c)


def test_supergame_fine_is_zero_past_the_critical_shadow_and_none_when_nothing_is_seen():
    assert critical_supergame_fine(rl.Regime(shadow=0.9), GAME) == 0.0
    assert critical_supergame_fine(rl.Regime(shadow=0.2, transparency=0.0), GAME) is None


@pytest.mark.parametrize(
    "cooperator, challenger, regime",
    [
        ("tft", "alld", rl.Regime(noise=0.05)),
        ("grudger", "alld", rl.Regime(transparency=0.8, false_alarm=0.05)),
        ("wsls", "alld", rl.Regime(noise=0.02, transparency=0.9)),
        ("GTFT", "Suspicious Tit For Tat", rl.Regime(noise=0.01)),
    ],
)
def test_numerical_thresholds_bracket_the_sign_change(cooperator, challenger, regime):
    strategies = pair(cooperator, challenger)
    w = critical_shadow(regime, GAME, strategies)
    if w is not None and w > 0:
        assert cooperation_margin(regime.replace(shadow=w - 1e-6), GAME, strategies) < 0
        assert cooperation_margin(regime.replace(shadow=min(w + 1e-9, 1 - 1e-12)), GAME, strategies) >= -1e-9
    p = critical_transparency(regime.replace(shadow=0.9), GAME, strategies)
    if p is not None and p > 0:
        base = regime.replace(shadow=0.9)
        assert cooperation_margin(base.replace(transparency=p - 1e-6), GAME, strategies) < 0
        assert cooperation_margin(base.replace(transparency=min(p + 1e-9, 1.0)), GAME, strategies) >= -1e-9


# -- the closed forms ---------------------------------------------------------


def test_the_critical_shadow_has_its_closed_form():
    # w* = (T-R) / ((T-R) + p (R-P)): 2 / (2 + 2p)
    assert critical_shadow(rl.Regime(), GAME) == pytest.approx(0.5)
    assert critical_shadow(rl.Regime(transparency=0.5), GAME) == pytest.approx(2 / 3)
    assert critical_shadow(rl.Regime(transparency=0.0), GAME) is None
    assert critical_shadow(rl.Regime(fine=3), GAME) == 0.0  # T' <= R': no temptation left


def test_the_stage_game_fine_has_its_closed_form():
    # F* = (T - R + c) / (p - a)
    assert critical_fine(rl.Regime(transparency=0.5, false_alarm=0.1, transaction_cost=0.5), GAME) == pytest.approx(6.25)
    assert critical_fine(rl.Regime(transparency=0.1, false_alarm=0.1), GAME) is None
    assert critical_fine(rl.Regime(), rl.Game(3, 0, 2, 1)) == 0.0


def test_least_root_finds_the_first_sign_change():
    assert least_root(lambda x: x - 0.3, 0.0, 1.0, closed=True) == pytest.approx(0.3, abs=1e-12)
    assert least_root(lambda x: 1.0, 0.0, 1.0, closed=True) == 0.0
    assert least_root(lambda x: -1.0, 0.0, 1.0, closed=False) is None
    assert least_root(lambda x: x - 0.9999, 0.0, 1.0, closed=False) == pytest.approx(0.9999, abs=1e-12)


def test_a_pair_names_its_strategies_and_its_methods():
    assert StrategyPair().is_default and StrategyPair().names == ("Grudger", "Defector")
    tft = pair("tft", "alld")
    assert not tft.is_default and tft.names == ("Tit For Tat", "Defector")
    assert threshold_methods(rl.Regime())["shadow"] == "closed form"
    assert threshold_methods(rl.Regime(noise=0.01))["shadow"].startswith("numerical")
    assert threshold_methods(rl.Regime(), tft)["shadow"].startswith("numerical")


# -- thresholds hold from there on (model page §5) --------------------------------------


def test_a_threshold_holds_from_there_on():
    # GTFT against the Alternator: a tie in one round (w = 0), a loss at every w > 0. The least w with a
    # margin >= 0 is 0, but the condition does not hold from there on: no w*.
    strategies = pair("gtft", "alternator")
    regime = rl.Regime(shadow=0.9)
    assert cooperation_margin(regime.replace(shadow=0.0), GAME, strategies) == 0.0
    assert all(cooperation_margin(regime.replace(shadow=w), GAME, strategies) < 0 for w in (1e-6, 0.5, 1 - 1e-6))
    assert critical_shadow(regime, GAME, strategies) is None


def test_no_shadow_below_one_is_none_not_one():
    # Tit For Tat against Always Defect, defections seen half the time: V(TFT,TFT) - V(AllD,TFT) = -2 at
    # every w (AllD gains T - R = 2 in round one; after it, TFT punishes the half of its defections it
    # sees, so AllD earns (T + P)/2 = 3 = R a round), so no w*; the search used to report 0.99999999,
    # from the engine's rounding near w = 1.
    strategies = pair("tft", "alld")
    regime = rl.Regime(shadow=0.9, transparency=0.5)
    for w in (0.0, 0.5, 0.99, 1 - 1e-6):
        assert cooperation_margin(regime.replace(shadow=w), GAME, strategies) == pytest.approx(-2, abs=1e-3)
    assert critical_shadow(regime, GAME, strategies) is None


@pytest.mark.parametrize("game", [GAME, rl.Game(4, 0, 6, 1), rl.Game(3, -1, 4, 2), rl.Game(10, -2, 11, 3)])
def test_grim_against_always_defect_searched_as_any_pair_has_its_closed_form(game):
    # The pair given as players takes the numerical search, not the closed form: w* = (T-R)/(T-P).
    R, S, T, P = game.payoffs
    assert threshold_methods(rl.Regime(), pair("grudger", "alld"))["shadow"].startswith("numerical")
    assert critical_shadow(rl.Regime(), game, pair("grudger", "alld")) == pytest.approx((T - R) / (T - P), abs=1e-9)
    assert critical_shadow(rl.Regime(), game) == pytest.approx((T - R) / (T - P), abs=1e-15)


def test_the_closed_form_is_none_when_mutual_defection_beats_mutual_compliance():
    # T' <= R' (no temptation), yet R' < P': once Grim punishes, both do better than complying, and a
    # defector gains from the future as w -> 1. The least w with margin >= 0 is 0; from there on: none.
    regime = rl.Regime(transaction_cost=3, fine=10, compensation=1)
    g = regime.expected_game(GAME)
    assert g.T <= g.R < g.P
    assert cooperation_margin(regime.replace(shadow=0.0), GAME) >= 0
    assert cooperation_margin(regime.replace(shadow=0.99), GAME) < 0
    assert critical_shadow(regime, GAME) is None
    assert critical_shadow(regime, GAME, pair("grudger", "alld")) is None


def test_least_root_holds_from_there_on():
    # a dip: >= 0 on [0, 0.2], < 0 on (0.2, 0.6), >= 0 after: the threshold is 0.6, not 0
    assert least_root(lambda x: (x - 0.2) * (x - 0.6), 0.0, 1.0, closed=True) == pytest.approx(0.6, abs=1e-12)
    # 0 at the start, negative after: none
    assert least_root(lambda x: -x, 0.0, 1.0, closed=True) is None
    assert least_root(lambda x: -x, 0.0, 1.0, closed=True, tolerance=1e-9) is None
    # within the tolerance below 0 counts as 0
    assert least_root(lambda x: -1e-12, 0.0, 1.0, closed=False, tolerance=1e-9) == 0.0
    assert least_root(lambda x: -1e-12, 0.0, 1.0, closed=False) is None
    # the half-open grid stops at 1 - 1e-6: a root beyond it is not reached
    assert least_root(lambda x: x - (1 - 1e-7), 0.0, 1.0, closed=False) is None


def test_least_root_leaves_out_points_without_a_value():
    # f has no value on (0.5, 0.7): the sign change at 0.3 is bisected; one across the gap is not
    def with_gap(root):
        return lambda x: None if 0.5 < x < 0.7 else x - root
    assert least_root(with_gap(0.3), 0.0, 1.0, closed=True) == pytest.approx(0.3, abs=1e-12)
    assert least_root(with_gap(0.6), 0.0, 1.0, closed=True) == pytest.approx(0.7, abs=0.003)  # the next grid point
    assert least_root(lambda x: None, 0.0, 1.0, closed=True) is None


def test_a_value_the_strategy_cannot_play_is_left_out():
    # ZD-Extort-2 is told G' and axelrod refuses it once P' < S' (fines above 1 here): the F*sg search
    # leaves those fines out and says so, instead of failing; at such a fine itself it cannot play.
    strategies = pair("ZD-Extort-2", "wsls")
    regime = rl.Regime(shadow=0.99)
    found = supergame_fine_threshold(regime, GAME, strategies)
    assert found.value is None  # the margin is negative up to F = 1
    assert cooperation_margin(regime.replace(fine=1.0), GAME, strategies) < 0
    ((first, last),) = found.excluded
    assert 1.0 < first < 1.02 and last == pytest.approx(1e6)
    assert found.reason.startswith("ZD-Extort-2") and "ValueError" in found.reason
    assert found.exclusion() == {"ranges": [[first, last]], "reason": found.reason}
    assert critical_supergame_fine(regime, GAME, strategies) is None
    # against Always Defect the condition holds on all the fines it can play: F*sg = 0, fines > 1 left out
    assert supergame_fine_threshold(regime, GAME, pair("ZD-Extort-2", "alld")).value == 0.0
    # nothing to leave out when the pair can play every value
    assert shadow_threshold(regime, GAME, strategies).excluded == ()
    with pytest.raises(rl.errors.StrategyFailed):
        super_game(regime.replace(fine=2.0), GAME, strategies)
