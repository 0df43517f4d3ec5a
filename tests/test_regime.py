"""Regime parameters, validation and the expected stage game G' (model page §2, §4)."""

import math

import numpy as np
import pytest

import regimelab as rl
from regimelab.functions import DEFAULT_TURNS
from regimelab.game import Game
from regimelab.regime import PARAMETERS, Regime, parse_assignments


def closed_form(game, p=1.0, a=0.0, F=0.0, k=0.0, s=0.0, c=0.0):
    """The four formulas of §4, written out by hand."""
    R, S, T, P = game.payoffs
    transfer = k * F - s
    return (
        R - c - F * a + transfer * a,
        S - c - F * a + transfer * p,
        T - F * p + transfer * a,
        P - F * p + transfer * p,
    )


GAMES = [rl.Game(), rl.Game(4, -1, 7, 0.5), rl.Game(2, 1, 3, 0)]

PARAMETER_SETS = [
    dict(p=1.0, a=0.0, F=0.0, k=0.0, s=0.0, c=0.0),
    dict(p=0.6, a=0.0, F=0.0, k=0.0, s=0.0, c=0.0),
    dict(p=0.6, a=0.1, F=2.0, k=0.5, s=0.3, c=0.2),
    dict(p=0.9, a=0.25, F=5.0, k=1.0, s=0.0, c=0.0),
    dict(p=0.3, a=0.3, F=1.5, k=0.2, s=2.0, c=1.1),
    dict(p=0.0, a=1.0, F=3.0, k=0.7, s=0.4, c=0.05),
    dict(p=1.0, a=0.0, F=0.0, k=0.9, s=0.7, c=0.0),  # enforcement cost without a fine
]


def regime_for(p, a, F, k, s, c, **extra):
    return rl.Regime(
        transparency=p, false_alarm=a, fine=F, compensation=k,
        enforcement_cost=s, transaction_cost=c, **extra,
    )


@pytest.mark.parametrize("params", PARAMETER_SETS)
@pytest.mark.parametrize("game", GAMES, ids=lambda g: ",".join(f"{v:g}" for v in g.payoffs))
def test_expected_game_matches_closed_forms(game, params):
    expected = regime_for(**params).expected_game(game)
    # Tolerance 1e-12: the code and the formula add the same few terms in
    # different orders, so only round-off may separate them.
    assert expected.payoffs == pytest.approx(closed_form(game, **params), abs=1e-12)


@pytest.mark.parametrize("params", PARAMETER_SETS)
def test_horizon_and_noise_leave_expected_game_alone(params):
    # G' is defined for intended actions: noise and the horizon do not enter it.
    game = rl.Game()
    base = regime_for(**params).expected_game(game)
    assert regime_for(**params, noise=0.2, shadow=0.9).expected_game(game) == base
    assert regime_for(**params, turns=7).expected_game(game) == base


def test_expected_game_worked_example():
    # p=0.6, a=0.1, F=2, k=0.5, s=0.3, c=0.2 on (3, 0, 5, 1), by hand:
    # k*F - s = 0.7
    # R' = 3 - 0.2 - 0.2 + 0.07 = 2.67     S' = 0 - 0.2 - 0.2 + 0.42 = 0.02
    # T' = 5 - 1.2 + 0.07 = 3.87           P' = 1 - 1.2 + 0.42 = 0.22
    expected = regime_for(p=0.6, a=0.1, F=2, k=0.5, s=0.3, c=0.2).expected_game(rl.Game())
    assert expected.payoffs == pytest.approx((2.67, 0.02, 3.87, 0.22), abs=1e-12)


@pytest.mark.parametrize("noise", [0.0, 0.1, 0.5])
@pytest.mark.parametrize("params", PARAMETER_SETS[2:5])
def test_noisy_expected_game_averages_over_flips(params, noise):
    game = rl.Game()
    regime = regime_for(**params, noise=noise)
    g = np.array(closed_form(game, **params))
    (R, S, T, P), e = g, noise
    # Intended (x, y) is realised as (x', y') with independent flips.
    by_hand = (
        (1 - e) ** 2 * R + (1 - e) * e * (S + T) + e**2 * P,
        (1 - e) ** 2 * S + (1 - e) * e * (R + P) + e**2 * T,
        (1 - e) ** 2 * T + (1 - e) * e * (R + P) + e**2 * S,
        (1 - e) ** 2 * P + (1 - e) * e * (S + T) + e**2 * R,
    )
    assert regime.noisy_expected_game(game).payoffs == pytest.approx(by_hand, abs=1e-12)


@pytest.mark.parametrize("game", GAMES + [rl.Game(4, 0, 3, 2), rl.Game(-1, 7, 2.5, 0)])
def test_null_regime_gives_the_game_itself(game):
    null = rl.Regime()
    assert null.is_null
    assert null.expected_game(game) == game
    assert null.noisy_expected_game(game) == game
    assert null.expected_game() == rl.Game()  # the default game


def test_defaults_form_the_null_regime():
    regime = rl.Regime()
    assert regime.to_dict() == {
        "turns": DEFAULT_TURNS,
        "shadow": None,
        "transparency": 1.0,
        "false_alarm": 0.0,
        "noise": 0.0,
        "fine": 0.0,
        "compensation": 0.0,
        "enforcement_cost": 0.0,
        "transaction_cost": 0.0,
    }
    assert DEFAULT_TURNS == 200
    assert rl.Regime(turns=200).is_null
    assert not rl.Regime(turns=199).is_null
    assert not rl.Regime(shadow=0.9).is_null
    assert rl.Regime().perfect_monitoring
    assert not rl.Regime(false_alarm=0.01).perfect_monitoring
    assert rl.Regime().payoff_functions == ()
    assert rl.Regime().label() == "null"


@pytest.mark.parametrize(
    "regime",
    [
        rl.Regime(),
        rl.Regime(turns=17, transparency=0.3, fine=2.5),
        rl.Regime(shadow=0.95, false_alarm=0.1, noise=0.02, compensation=0.4),
        rl.Regime(shadow=0.0, enforcement_cost=1.0, transaction_cost=0.25),
    ],
)
def test_dict_round_trip(regime):
    data = regime.to_dict()
    assert list(data) == list(PARAMETERS)
    assert rl.Regime.from_dict(data) == regime
    assert rl.Regime.from_dict(data).to_dict() == data
    if regime.shadow is not None:
        assert data["turns"] is None


def test_regime_is_hashable_and_comparable():
    assert rl.Regime(fine=1) == rl.Regime(fine=1.0)
    assert hash(rl.Regime(fine=1)) == hash(rl.Regime(fine=1.0))
    assert rl.Regime(fine=1) != rl.Regime(fine=2)


def test_replace_switches_between_turns_and_shadow():
    regime = rl.Regime(turns=50, fine=1)
    with_shadow = regime.replace(shadow=0.9)
    assert with_shadow.shadow == 0.9 and with_shadow.turns is None
    assert with_shadow.fine == 1.0
    back = with_shadow.replace(turns=30)
    assert back.turns == 30 and back.shadow is None
    assert regime.replace(transparency=0.5).turns == 50  # untouched otherwise
    with pytest.raises(rl.InvalidParameter):
        regime.replace(transparancy=0.5)


def test_changes_and_label():
    regime = rl.Regime(shadow=0.9, fine=3)
    assert regime.changes_from(rl.Regime()) == {"turns": None, "shadow": 0.9, "fine": 3.0}
    assert regime.label() == "shadow=0.9,fine=3"


def test_a_label_shows_the_keys_asked_for_even_at_their_defaults():
    regime = rl.Regime(shadow=0.75, transparency=1.0, transaction_cost=0.5)
    assert regime.label() == "shadow=0.75,transaction_cost=0.5"
    assert regime.label(keys=("transaction_cost", "transparency", "shadow")) == (
        "shadow=0.75,transparency=1,transaction_cost=0.5"  # in the model's order
    )
    assert regime.label(keys=("turns", "shadow")) == "shadow=0.75,transaction_cost=0.5"  # no turns beside a shadow
    assert rl.Regime().label(keys=("fine",)) == "fine=0"


# -- validation -------------------------------------------------------------

PROBABILITIES = ["transparency", "false_alarm", "noise", "compensation"]
NON_NEGATIVE = ["fine", "enforcement_cost", "transaction_cost"]


@pytest.mark.parametrize("name", PROBABILITIES)
@pytest.mark.parametrize("value", [-0.01, 1.01, 2, -1e-300, math.nan, math.inf, "abc", None, True, [0.5]])
def test_probabilities_outside_unit_interval_are_refused(name, value):
    with pytest.raises(rl.InvalidParameter) as info:
        rl.Regime(**{name: value})
    assert info.value.parameter == name
    assert name in str(info.value)


@pytest.mark.parametrize("name", PROBABILITIES)
@pytest.mark.parametrize("value", [0, 0.0, 1, 1.0, 0.5, "0.25", np.float64(0.3)])
def test_probabilities_at_and_inside_the_bounds_are_accepted(name, value):
    regime = rl.Regime(**{name: value})
    assert getattr(regime, name) == float(value)
    assert type(getattr(regime, name)) is float


@pytest.mark.parametrize("name", NON_NEGATIVE)
@pytest.mark.parametrize("value", [-0.5, -1e-9, math.nan, math.inf, "x", False])
def test_negative_fines_and_costs_are_refused(name, value):
    with pytest.raises(rl.InvalidParameter) as info:
        rl.Regime(**{name: value})
    assert info.value.parameter == name


@pytest.mark.parametrize("name", NON_NEGATIVE)
def test_fines_and_costs_accept_zero_and_large_values(name):
    assert getattr(rl.Regime(**{name: 0}), name) == 0.0
    assert getattr(rl.Regime(**{name: 1e6}), name) == 1e6


@pytest.mark.parametrize("value", [1.0, 1.5, -0.1, -1, math.nan, math.inf, "high", True])
def test_shadow_outside_zero_to_one_is_refused(value):
    with pytest.raises(rl.InvalidParameter) as info:
        rl.Regime(shadow=value)
    assert info.value.parameter == "shadow"


@pytest.mark.parametrize("value", [0, 0.0, 0.5, 0.999999])
def test_shadow_in_range_is_accepted(value):
    assert rl.Regime(shadow=value).shadow == float(value)


@pytest.mark.parametrize("value", [0, -3, 2.5, 0.5, math.nan, math.inf, "10", True, [5]])
def test_turns_must_be_an_integer_at_least_one(value):
    with pytest.raises(rl.InvalidParameter) as info:
        rl.Regime(turns=value)
    assert info.value.parameter == "turns"


@pytest.mark.parametrize("value, turns", [(1, 1), (10, 10), (3.0, 3), (np.int64(12), 12)])
def test_integral_turns_are_accepted(value, turns):
    regime = rl.Regime(turns=value)
    assert regime.turns == turns and type(regime.turns) is int


def test_turns_and_shadow_together_are_refused():
    with pytest.raises(rl.InvalidParameter) as info:
        rl.Regime(turns=10, shadow=0.9)
    assert info.value.parameter in ("turns", "shadow")
    assert "shadow" in str(info.value) and "turns" in str(info.value)


@pytest.mark.parametrize(
    "key, suggestion",
    [
        ("transparancy", "transparency"),
        ("false_alarms", "false_alarm"),
        ("fines", "fine"),
        ("enforcement", "enforcement_cost"),
        ("turn", "turns"),
    ],
)
def test_unknown_keys_in_from_dict_suggest_the_close_name(key, suggestion):
    with pytest.raises(rl.InvalidParameter) as info:
        rl.Regime.from_dict({key: 0.5})
    assert info.value.parameter == "regime"
    assert f"did you mean {suggestion!r}" in str(info.value)


def test_unknown_key_far_from_any_name_has_no_suggestion():
    with pytest.raises(rl.InvalidParameter) as info:
        rl.Regime.from_dict({"zzzzzz": 1})
    assert "did you mean" not in str(info.value)
    assert "'zzzzzz' is unknown" in str(info.value)


def test_from_dict_validates_values():
    with pytest.raises(rl.InvalidParameter) as info:
        rl.Regime.from_dict({"transparency": 1.5})
    assert info.value.parameter == "transparency"


# -- parse_assignments ------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("transparency=0.5,fine=3", {"transparency": 0.5, "fine": 3.0}),
        (" transparency = 0.5 , fine = 3 ", {"transparency": 0.5, "fine": 3.0}),
        ("false-alarm=0.1", {"false_alarm": 0.1}),
        ("enforcement-cost=1,transaction_cost=0.2", {"enforcement_cost": 1.0, "transaction_cost": 0.2}),
        ("turns=50", {"turns": 50}),
        ("shadow=0.9,turns=none", {"shadow": 0.9, "turns": None}),
        ("shadow=", {"shadow": None}),
        ("", {}),
        ("  ", {}),
        ("base", {}),
        ("baseline", {}),
    ],
)
def test_parse_assignments(text, expected):
    parsed = parse_assignments(text)
    assert parsed == expected
    if "turns" in expected and expected["turns"] is not None:
        assert type(parsed["turns"]) is int


def test_parse_assignments_feeds_replace():
    regime = rl.Regime(turns=20).replace(**parse_assignments("shadow=0.8,fine=2"))
    assert regime == rl.Regime(shadow=0.8, fine=2)


@pytest.mark.parametrize(
    "text, parameter, fragment",
    [
        ("fine", "regime", "KEY=VALUE"),
        ("fine=3,noise", "regime", "KEY=VALUE"),
        ("fine=abc", "fine", "a number"),
        ("transparancy=0.5", "regime", "did you mean 'transparency'"),
        ("colour=red", "regime", "'colour' is unknown"),
    ],
)
def test_parse_assignments_refuses_bad_text(text, parameter, fragment):
    with pytest.raises(rl.InvalidParameter) as info:
        parse_assignments(text)
    assert info.value.parameter == parameter
    assert fragment in str(info.value)


# -- the payoff kernel ---------------------------------------------------------------


def test_round_payoffs_is_the_model_formula():
    regime = Regime(fine=2, compensation=0.25, enforcement_cost=0.1, transaction_cost=0.3, transparency=0.7)
    base = Game().matrix()
    for a1 in (0, 1):
        for a2 in (0, 1):
            for g1 in (0, 1):
                for g2 in (0, 1):
                    u1, u2 = regime.round_payoffs(base[a1, a2], base[a2, a1], a1, a2, g1, g2)
                    transfer = 0.25 * 2 - 0.1
                    assert u1 == pytest.approx(base[a1, a2] - 0.3 * (a1 == 0) - 2 * g1 + transfer * g2)
                    assert u2 == pytest.approx(base[a2, a1] - 0.3 * (a2 == 0) - 2 * g2 + transfer * g1)


def test_every_engine_computes_payoffs_with_the_one_kernel(monkeypatch):
    # A bonus of 1 per round added in the kernel alone shows up in the simulation, the exact
    # engine and the society engine: none of them computes a round's payoff by itself.
    import regimelab as rl
    from regimelab.society import Actor, Society, run_society

    regime = Regime(turns=10, fine=1, transparency=0.8)
    players = ["tft", "alld"]

    def outcomes():
        simulated = rl.run_tournament(rl.make_players(players), regime, repetitions=3, seed=1)
        exact = rl.run_exact_tournament(rl.make_players(players), regime)
        society = run_society(Society(actors=[Actor("A", "Tit For Tat"), Actor("B", "Defector")], regime=regime),
                              repetitions=3, seed=1)
        return (simulated.pairs.mean_score_per_turn.to_numpy(), exact.pairs.mean_score_per_turn.to_numpy(),
                society.actors.mean_score_per_period.to_numpy())

    before = outcomes()
    kernel = Regime.round_payoffs
    monkeypatch.setattr(Regime, "round_payoffs", lambda self, *args: tuple(u + 1.0 for u in kernel(self, *args)))
    after = outcomes()
    for old, new in zip(before, after):
        assert new == pytest.approx(old + 1.0, abs=1e-9)


def test_the_repr_rounds_for_reading_and_equality_and_to_dict_stay_exact():
    regime = Regime(transparency=0.1 + 0.2, shadow=0.95, fine=1 / 3)
    assert repr(regime) == (
        "Regime(turns=None, shadow=0.95, transparency=0.3, false_alarm=0.0, noise=0.0, fine=0.3333333333, "
        "compensation=0.0, enforcement_cost=0.0, transaction_cost=0.0)"
    )
    assert regime.to_dict()["transparency"] == 0.1 + 0.2 and regime != Regime(transparency=0.3, shadow=0.95,
                                                                               fine=1 / 3)
    assert repr(Regime()).startswith("Regime(turns=200, shadow=None,")
