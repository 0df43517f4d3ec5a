"""§5 closed forms against the exact engine's own numerical search.

``least_root(cooperation_margin)`` finds thresholds from the exact expected
match totals (a linear solve per point, then bisection to 1e-13), never from
a formula, so agreement to 1e-9 checks the formulas and the engine against
each other. ``critical_shadow`` uses the closed form when a = 0 and e = 0.
"""

import numpy as np
import pytest

import regimelab as rl
from regimelab import exact
from regimelab.supergame import cooperation_margin, super_game
from regimelab.threshold_search import critical_fine, critical_shadow, critical_transparency, least_root, thresholds

DEFAULT = rl.Game()
GAMES = [DEFAULT, rl.Game(4, 0, 6, 1), rl.Game(3, 0, 4, 2), rl.Game(10, -2, 11, 3)]
GAME_IDS = ["3,0,5,1", "4,0,6,1", "3,0,4,2", "10,-2,11,3"]
TOL = 1e-9  # the accuracy asked of the thresholds


def numerical_shadow(regime, game):
    """Least w in [0, 1) where Grim vs Grim earns at least Defector vs Grim."""
    return least_root(lambda w: cooperation_margin(regime.replace(shadow=w), game), 0.0, 1.0, closed=False)


def general_closed_form(regime, game):
    """§5 general case in terms of G' (a = 0, e = 0)."""
    g = regime.expected_game(game)
    t = g.T - g.R
    if t <= 0:
        return 0.0
    w = t / (t + regime.transparency * (g.R - g.P))
    return w if 0 < w < 1 else None


# -- perfect monitoring ------------------------------------------------------


@pytest.mark.parametrize("game", GAMES, ids=GAME_IDS)
def test_perfect_monitoring_threshold(game):
    R, S, T, P = game.payoffs
    w_star = (T - R) / (T - P)
    assert critical_shadow(rl.Regime(), game) == pytest.approx(w_star, abs=TOL)
    assert numerical_shadow(rl.Regime(), game) == pytest.approx(w_star, abs=TOL)


def test_perfect_monitoring_threshold_is_one_half_at_default_payoffs():
    assert critical_shadow(rl.Regime(), DEFAULT) == pytest.approx(0.5, abs=TOL)


@pytest.mark.parametrize("w", [0.1, 0.5, 0.9])
def test_super_game_totals_by_hand(w):
    # Perfect monitoring: G vs G earns R/(1-w); D vs G earns T + wP/(1-w);
    # G vs D earns S + wP/(1-w); D vs D earns P/(1-w).
    R, S, T, P = DEFAULT.payoffs
    matrix = super_game(rl.Regime(shadow=w), DEFAULT).matrix
    by_hand = [[R / (1 - w), S + w * P / (1 - w)], [T + w * P / (1 - w), P / (1 - w)]]
    assert np.allclose(matrix, by_hand, rtol=0, atol=1e-9)


# -- imperfect detection --------------------------------------------------------


@pytest.mark.parametrize("p", [1.0, 0.8, 0.5, 0.25, 0.01])
def test_imperfect_detection_threshold_default_payoffs(p):
    regime = rl.Regime(transparency=p)
    assert critical_shadow(regime, DEFAULT) == pytest.approx(1 / (1 + p), abs=TOL)
    assert numerical_shadow(regime, DEFAULT) == pytest.approx(1 / (1 + p), abs=TOL)


@pytest.mark.parametrize("p", [0.9, 0.6, 0.3])
@pytest.mark.parametrize("game", GAMES, ids=GAME_IDS)
def test_imperfect_detection_threshold(game, p):
    R, S, T, P = game.payoffs
    w_star = (T - R) / ((T - R) + p * (R - P))
    regime = rl.Regime(transparency=p)
    assert critical_shadow(regime, game) == pytest.approx(w_star, abs=TOL)
    assert numerical_shadow(regime, game) == pytest.approx(w_star, abs=TOL)


@pytest.mark.parametrize("p", [0.8, 0.5])
@pytest.mark.parametrize("w", [0.3, 0.7, 0.95])
def test_defector_against_grim_by_hand(p, w):
    # D vs G: T now, then with prob p the defection is seen (P for ever),
    # otherwise the same again: V = (T + w p P/(1-w)) / (1 - w(1-p)).
    R, S, T, P = DEFAULT.payoffs
    value = exact.evaluate(exact.always_defect(), exact.grim_trigger(), rl.Regime(transparency=p, shadow=w))
    assert value.totals[0] == pytest.approx((T + w * p * P / (1 - w)) / (1 - w * (1 - p)), abs=1e-9)
    assert value.length == pytest.approx(1 / (1 - w), abs=1e-12)


def test_no_detection_sustains_no_cooperation():
    regime = rl.Regime(transparency=0.0)
    assert critical_shadow(regime, DEFAULT) is None
    assert numerical_shadow(regime, DEFAULT) is None
    # Defecting beats Grim at every w when defection is never seen.
    for w in (0.0, 0.5, 0.99, 0.999999):
        assert cooperation_margin(regime.replace(shadow=w), DEFAULT) < 0


# -- fines --------------------------------------------------------------------------


@pytest.mark.parametrize("p", [1.0, 0.75, 0.4])
@pytest.mark.parametrize("game", GAMES, ids=GAME_IDS)
def test_critical_fine_closed_form(game, p):
    R, S, T, P = game.payoffs
    f_star = (T - R) / p
    regime = rl.Regime(transparency=p)
    assert critical_fine(regime, game) == pytest.approx(f_star, abs=TOL)
    # At F*, compliance ties with defection against compliance (T' = R') ...
    at = regime.replace(fine=f_star).expected_game(game)
    assert at.T == pytest.approx(at.R, abs=TOL)
    # ... below it defecting pays, above it complying does.
    below = regime.replace(fine=f_star * 0.99).expected_game(game)
    above = regime.replace(fine=f_star * 1.01).expected_game(game)
    assert below.T > below.R
    assert above.R > above.T


@pytest.mark.parametrize(
    "p, fine, expected",
    [
        (0.5, 1.0, "prisoners_dilemma"),  # pF = 0.5 < T-R = 1
        (0.5, 2.0, "prisoners_dilemma"),  # pF = T-R = 1: the tie R' = T', defecting weakly dominant
        (0.5, 3.0, "stag_hunt"),  # T-R <= pF = 1.5 < P-S = 2: best reply, not dominant
        (0.5, 4.0, "harmony"),  # pF = P-S: S' = P' with R' > T', harmony (one strict)
        (0.5, 5.0, "harmony"),  # pF = 2.5 >= P-S: dominant
        (1.0, 1.5, "stag_hunt"),
        (1.0, 2.5, "harmony"),
    ],
)
def test_fine_best_reply_and_dominance_by_class_of_expected_game(p, fine, expected):
    # (3, 0, 4, 2): T - R = 1 < P - S = 2, so the two conditions separate.
    game = rl.Game(3, 0, 4, 2)
    g = rl.Regime(transparency=p, fine=fine).expected_game(game)
    assert g.classify() == expected
    best_reply = p * fine >= game.T - game.R
    dominant = best_reply and p * fine >= game.P - game.S
    assert (g.R >= g.T) == best_reply
    assert (g.R >= g.T and g.S >= g.P) == dominant


def test_critical_fine_with_false_alarms_compensation_and_costs():
    # T' - R' = T - R + c - F (p - a), whatever k and s are.
    regime = rl.Regime(transparency=0.7, false_alarm=0.2, compensation=0.6,
                       enforcement_cost=0.4, transaction_cost=0.5)
    f_star = (5 - 3 + 0.5) / (0.7 - 0.2)
    assert critical_fine(regime, DEFAULT) == pytest.approx(f_star, abs=TOL)
    at = regime.replace(fine=f_star).expected_game(DEFAULT)
    assert at.T == pytest.approx(at.R, abs=TOL)


def test_critical_fine_unattainable_or_zero():
    # fines fall on compliers at least as often as on cheaters
    assert critical_fine(rl.Regime(transparency=0.3, false_alarm=0.3), DEFAULT) is None
    assert critical_fine(rl.Regime(transparency=0.0), DEFAULT) is None
    # no temptation: no fine needed
    assert critical_fine(rl.Regime(), rl.Game(5, 0, 4, 1)) == 0.0


# -- transaction costs ------------------------------------------------------------


@pytest.mark.parametrize("c", [0.0, 0.3, 1.0, 1.9])
@pytest.mark.parametrize("game", GAMES[:2], ids=GAME_IDS[:2])
def test_transaction_cost_threshold(game, c):
    R, S, T, P = game.payoffs
    w_star = (T - R + c) / (T - P)
    regime = rl.Regime(transaction_cost=c)
    assert critical_shadow(regime, game) == pytest.approx(w_star, abs=TOL)
    assert numerical_shadow(regime, game) == pytest.approx(w_star, abs=TOL)


def test_transaction_cost_above_r_minus_p_kills_cooperation():
    # c >= R - P: mutual compliance is no better than mutual defection
    assert critical_shadow(rl.Regime(transaction_cost=2.0), DEFAULT) is None
    assert numerical_shadow(rl.Regime(transaction_cost=2.5), DEFAULT) is None


# -- the general case -----------------------------------------------------------------

GENERAL = [
    rl.Regime(transparency=0.7, fine=1.0, compensation=0.5, enforcement_cost=0.2, transaction_cost=0.3),
    rl.Regime(transparency=0.4, fine=2.0, compensation=1.0, enforcement_cost=0.0, transaction_cost=0.5),
    rl.Regime(transparency=0.9, fine=0.5, compensation=0.0, enforcement_cost=1.0),
    rl.Regime(transparency=0.6, fine=1.5, compensation=0.3, enforcement_cost=0.1, transaction_cost=0.1),
]


@pytest.mark.parametrize("regime", GENERAL, ids=lambda r: r.label())
@pytest.mark.parametrize("game", GAMES, ids=GAME_IDS)
def test_general_case_closed_form(regime, game):
    w_star = general_closed_form(regime, game)
    assert w_star is not None and 0 < w_star < 1  # the cases are chosen to be interior
    assert critical_shadow(regime, game) == pytest.approx(w_star, abs=TOL)
    assert numerical_shadow(regime, game) == pytest.approx(w_star, abs=TOL)


@pytest.mark.parametrize(
    "regime",
    [rl.Regime(fine=2.0), rl.Regime(transparency=0.5, fine=5.0, compensation=0.5), rl.Regime(fine=10)],
    ids=lambda r: r.label(),
)
def test_fine_alone_deters_gives_zero_shadow(regime):
    assert regime.expected_game(DEFAULT).T <= regime.expected_game(DEFAULT).R
    assert critical_shadow(regime, DEFAULT) == 0.0
    assert numerical_shadow(regime, DEFAULT) == 0.0
    assert cooperation_margin(regime.replace(shadow=0.0), DEFAULT) >= 0


def test_special_cases_are_the_general_case():
    cases = [rl.Regime(), rl.Regime(transparency=0.35), rl.Regime(transaction_cost=0.7)]
    for regime in cases:
        assert critical_shadow(regime, DEFAULT) == pytest.approx(general_closed_form(regime, DEFAULT), abs=1e-15)


# -- Tit For Tat ----------------------------------------------------------------------


def defect_once_then_tft():
    """Defect in round one, then copy the opponent's last signal."""
    return exact.StateMachine(
        "Defect once then TFT",
        cooperate=(0.0, 1.0, 0.0),  # start, saw c, saw d
        next_state=(((1, 2), (1, 2)), ((1, 2), (1, 2)), ((1, 2), (1, 2))),
    )


def tft_margin(deviation, w, game):
    regime = rl.Regime(shadow=w)
    tft = exact.tit_for_tat()
    return (
        exact.evaluate(tft, tft, regime, game).totals[0]
        - exact.evaluate(deviation, tft, regime, game).totals[0]
    )


@pytest.mark.parametrize("game", GAMES, ids=GAME_IDS)
def test_tft_best_reply_to_itself(game):
    R, S, T, P = game.payoffs
    against_defector = least_root(lambda w: tft_margin(exact.always_defect(), w, game), 0, 1, closed=False)
    against_once = least_root(lambda w: tft_margin(defect_once_then_tft(), w, game), 0, 1, closed=False)
    assert against_defector == pytest.approx((T - R) / (T - P), abs=TOL)
    assert against_once == pytest.approx((T - R) / (R - S), abs=TOL)
    threshold = max((T - R) / (T - P), (T - R) / (R - S))
    assert max(against_defector, against_once) == pytest.approx(threshold, abs=TOL)
    # just below the threshold one of the deviations pays; just above neither does
    for deviation in (exact.always_defect(), defect_once_then_tft()):
        assert tft_margin(deviation, threshold + 1e-6, game) > 0
    assert min(tft_margin(d, threshold - 1e-6, game) for d in (exact.always_defect(), defect_once_then_tft())) < 0


def test_tft_threshold_is_two_thirds_at_default_payoffs():
    assert least_root(lambda w: tft_margin(defect_once_then_tft(), w, DEFAULT), 0, 1, closed=False) == pytest.approx(2 / 3, abs=TOL)


def test_defect_once_then_tft_alternates_against_tft():
    # The deviation and TFT alternate T, S, T, S...: (T + wS) / (1 - w^2).
    w = 0.6
    value = exact.evaluate(defect_once_then_tft(), exact.tit_for_tat(), rl.Regime(shadow=w))
    assert value.totals[0] == pytest.approx((5 + w * 0) / (1 - w**2), abs=1e-9)
    assert value.totals[1] == pytest.approx((0 + w * 5) / (1 - w**2), abs=1e-9)
    # it is axelrod's Suspicious Tit For Tat, also expressible as memory-one
    stft = exact.memory_one("STFT", 0, 1, 0, 1, 0)
    assert exact.evaluate(stft, exact.tit_for_tat(), rl.Regime(shadow=w)).totals == pytest.approx(value.totals, abs=1e-12)


# -- critical transparency ------------------------------------------------------------


@pytest.mark.parametrize("w", [0.55, 0.6, 0.75, 0.9, 0.99])
@pytest.mark.parametrize("game", GAMES[:3], ids=GAME_IDS[:3])
def test_critical_transparency_closed_form(game, w):
    R, S, T, P = game.payoffs
    p_star = (1 - w) * (T - R) / (w * (R - P))
    regime = rl.Regime(shadow=w)
    if p_star > 1:
        assert critical_transparency(regime, game) is None
    else:
        assert critical_transparency(regime, game) == pytest.approx(p_star, abs=TOL)


def test_critical_transparency_none_when_shadow_too_short():
    # w = 0.4 < 1/2: even perfect monitoring does not sustain cooperation
    assert critical_transparency(rl.Regime(shadow=0.4), DEFAULT) is None


# -- false alarms and noise: numerical thresholds bracket a sign change ----------------

NUMERICAL = [
    rl.Regime(false_alarm=0.05),
    rl.Regime(transparency=0.8, false_alarm=0.02),
    rl.Regime(noise=0.02),
    rl.Regime(transparency=0.7, noise=0.01, fine=0.5),
    rl.Regime(transparency=0.9, false_alarm=0.1, fine=1.0, compensation=0.5, transaction_cost=0.1),
]


@pytest.mark.parametrize("regime", NUMERICAL, ids=lambda r: r.label())
def test_numerical_shadow_brackets_sign_change(regime):
    w = critical_shadow(regime, DEFAULT)
    assert w is not None and 0 < w < 1
    assert cooperation_margin(regime.replace(shadow=w - 1e-6), DEFAULT) < 0
    assert cooperation_margin(regime.replace(shadow=w + 1e-6), DEFAULT) >= 0
    # With false alarms or noise Grim punishes on the path: w* exceeds the
    # closed form of the same regime without them.
    clean = regime.replace(false_alarm=0.0, noise=0.0)
    assert w > critical_shadow(clean, DEFAULT)


@pytest.mark.parametrize("regime", NUMERICAL, ids=lambda r: r.label())
def test_numerical_transparency_brackets_sign_change(regime):
    at = regime.replace(shadow=0.9)
    p = critical_transparency(at, DEFAULT)
    assert p is not None and 0 < p < 1
    assert cooperation_margin(at.replace(transparency=p - 1e-6), DEFAULT) < 0
    assert cooperation_margin(at.replace(transparency=p + 1e-6), DEFAULT) >= 0


def test_false_alarms_make_grim_punish_on_the_path():
    # Grim vs Grim with false alarm a: cooperation lasts until the first
    # false alarm of either player, (1-a)^2 per round.
    a, w = 0.05, 0.9
    R, S, T, P = DEFAULT.payoffs
    value = exact.evaluate(exact.grim_trigger(), exact.grim_trigger(), rl.Regime(false_alarm=a, shadow=w))
    q = (1 - a) ** 2  # neither compliance misread as a defection
    assert value.totals[0] < R / (1 - w)
    assert value.cooperation[0] < 1
    # exact: states (C,C) -> stay with q; occupancy of (C,C) is 1/(1 - w q)
    chain = exact.pair_chain(exact.grim_trigger(), exact.grim_trigger(), rl.Regime(false_alarm=a), DEFAULT)
    occupancy = exact.discounted_occupancy(chain, w)
    assert occupancy[0] == pytest.approx(1 / (1 - w * q), abs=1e-9)


def test_thresholds_bundle():
    t = thresholds(rl.Regime(transparency=0.5, shadow=0.8), DEFAULT)
    assert t["shadow"] == pytest.approx(1 / 1.5, abs=TOL)
    assert t["transparency"] == pytest.approx(0.2 * 2 / (0.8 * 2), abs=TOL)
    assert t["fine"] == pytest.approx(2 / 0.5, abs=TOL)


# -- finite turns ---------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 7, 200, 1001])
def test_finite_turns_grim_vs_defector_by_hand(n):
    value = exact.evaluate(exact.grim_trigger(), exact.always_defect(), rl.Regime(turns=n))
    R, S, T, P = DEFAULT.payoffs
    assert value.totals == pytest.approx((S + (n - 1) * P, T + (n - 1) * P), abs=1e-9)
    assert value.length == n
    assert value.cooperation == pytest.approx((1 / n, 0.0), abs=1e-12)
    assert value.long_run == pytest.approx((P, P), abs=1e-9)


@pytest.mark.parametrize("n", [1, 3, 10, 64])
def test_finite_turns_grim_vs_defector_with_imperfect_detection(n):
    # Grim complies in round t (t = 0..n-1) iff none of the t earlier
    # defections was detected, probability (1-p)^t; a = 0 so Grim's own
    # compliance is never fined. Payoffs are those of G'.
    regime = rl.Regime(turns=n, transparency=0.6, fine=1.0, compensation=0.5, transaction_cost=0.2)
    g = regime.expected_game(DEFAULT)
    grim = sum((0.4**t) * g.S + (1 - 0.4**t) * g.P for t in range(n))
    defector = sum((0.4**t) * g.T + (1 - 0.4**t) * g.P for t in range(n))
    value = exact.evaluate(exact.grim_trigger(), exact.always_defect(), regime)
    assert value.totals == pytest.approx((grim, defector), abs=1e-9)


def test_finite_turns_agree_with_a_direct_matrix_power_sum():
    regime = rl.Regime(turns=37, transparency=0.8, false_alarm=0.05, noise=0.03, fine=1.0)
    first, second = exact.win_stay_lose_shift(), exact.generous_tit_for_tat()
    chain = exact.pair_chain(first, second, regime, DEFAULT)
    state, expected = chain.initial.copy(), np.zeros(2)
    for _ in range(37):
        expected += state @ chain.rewards
        state = state @ chain.transition
    assert exact.evaluate(first, second, regime).totals == pytest.approx(tuple(expected), abs=1e-9)
    assert np.allclose(chain.transition.sum(axis=1), 1.0, atol=1e-12)
