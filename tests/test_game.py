"""The stage game and its classification (model page §1)."""

import math

import numpy as np
import pytest

import regimelab as rl
from regimelab.game import GAME_CLASSES

# One game per row of the §1 table, with the condition it satisfies, and every boundary between two
# classes: a tie between an action's payoffs (R = T, S = P) goes to the class with a weakly dominant
# action; R = P with defecting dominant is a deadlock; only R = T and S = P together is degenerate.
CLASSIFIED = [
    # harmony: R >= T and S >= P, one strict (complying weakly dominant)
    ((5, 3, 4, 1), "harmony"),  # both strict
    ((3, 2, 3, 1), "harmony"),  # R = T, S > P: the boundary with chicken
    ((4, 1, 3, 1), "harmony"),  # R > T, S = P: the boundary with stag_hunt
    ((3, 0, 3, -1), "harmony"),  # `explain --fine 2`: G' = (3, 0, 3, -1)
    # prisoners_dilemma: T >= R, P >= S, one strict (defecting weakly dominant), R > P
    ((3, 0, 5, 1), "prisoners_dilemma"),  # Axelrod's default
    ((3, 0, 7, 1), "prisoners_dilemma"),  # a PD that is not an iterated PD
    ((-1, -10, 0, -5), "prisoners_dilemma"),  # negative payoffs are fine
    ((3, 0, 3, 1), "prisoners_dilemma"),  # R = T, P > S: the boundary with stag_hunt
    ((3, 1, 5, 1), "prisoners_dilemma"),  # T > R, S = P: the boundary with chicken
    ((3, 0, 4, 0), "prisoners_dilemma"),  # `explain --fine 1`: G' = (3, 0, 4, 0)
    # deadlock: as prisoners_dilemma, but R <= P
    ((1, 0, 3, 2), "deadlock"),  # R < P
    ((2, 0, 3, 2), "deadlock"),  # R = P: the boundary with prisoners_dilemma
    ((1, 2, 3, 2), "deadlock"),  # R < P, S = P
    # stag_hunt: R > T and P > S
    ((4, 0, 3, 2), "stag_hunt"),
    ((5, 0, 3, 1), "stag_hunt"),
    # chicken: T > R and S > P
    ((3, 1, 5, 0), "chicken"),
    ((0, -1, 1, -10), "chicken"),
    # degenerate: R = T and S = P, neither action dominant
    ((3, 1, 3, 1), "degenerate"),
    ((2, 2, 2, 2), "degenerate"),  # everything tied
]


@pytest.mark.parametrize("payoffs, expected", CLASSIFIED)
def test_classification_of_every_class(payoffs, expected):
    game = rl.Game(*payoffs)
    assert game.classify() == expected
    assert expected in GAME_CLASSES


def test_every_class_is_covered():
    assert {cls for _, cls in CLASSIFIED} == set(GAME_CLASSES)


@pytest.mark.parametrize(
    "payoffs, description",
    [
        ((3, 1, 3, 1), "degenerate (ties R = T, S = P)"),
        ((3, 0, 3, 1), "prisoners_dilemma (tie R = T)"),
        ((3, 1, 5, 1), "prisoners_dilemma (tie S = P)"),
        ((3, 0, 4, 0), "prisoners_dilemma (tie S = P)"),
        ((3, 0, 3, -1), "harmony (tie R = T)"),
        ((4, 1, 3, 1), "harmony (tie S = P)"),
        ((2, 0, 3, 2), "deadlock (tie R = P)"),
        ((2, 2, 3, 2), "deadlock (ties S = P, R = P)"),
        ((4, 0, 3, 4), "stag_hunt"),  # R = P is no boundary of a stag hunt
    ],
)
def test_a_tie_is_named_beside_the_class_it_is_counted_in(payoffs, description):
    assert rl.Game(*payoffs).describe() == description


@pytest.mark.parametrize("payoffs", [(3, 0, 4, 0), (3, 0, 3, -1), (3, 1, 3, 1), (3, 0, 3, 1), (4, 1, 3, 1)])
def test_every_tie_is_decided_by_weak_dominance(payoffs):
    # The rule of model page §1: the class of a tie is the class of the game with the tie broken
    # towards the weakly dominant action (or degenerate when neither action is).
    game = rl.Game(*payoffs)
    R, S, T, P = game.payoffs
    complying = R >= T and S >= P and (R > T or S > P)
    defecting = T >= R and P >= S and (T > R or P > S)
    if complying:
        assert game.classify() == "harmony"
    elif defecting:
        assert game.classify() in ("prisoners_dilemma", "deadlock")
    else:
        assert game.classify() == "degenerate"


def test_no_tie_no_parenthesis():
    assert rl.Game(4, 0, 3, 2).describe() == "stag_hunt"
    assert rl.Game().describe() == "prisoners_dilemma"


def test_default_game_is_axelrods_prisoners_dilemma():
    game = rl.Game()
    assert game.payoffs == (3.0, 0.0, 5.0, 1.0)
    assert game.classify() == "prisoners_dilemma"
    assert game.is_iterated_pd()
    assert np.array_equal(game.matrix(), [[3.0, 0.0], [5.0, 1.0]])
    # axelrod orders the payoffs R, P, S, T
    assert tuple(float(v) for v in game.to_axelrod().RPST()) == (3.0, 1.0, 0.0, 5.0)
    assert game.to_dict() == {"R": 3.0, "S": 0.0, "T": 5.0, "P": 1.0}


@pytest.mark.parametrize(
    "payoffs, iterated",
    [
        ((3, 0, 5, 1), True),  # 2R = 6 > 5
        ((3, 0, 6, 1), False),  # 2R = T + S: alternating exploitation ties
        ((3, 0, 7, 1), False),  # 2R < T + S
        ((4, 0, 3, 2), False),  # not a PD at all (stag hunt)
        ((1, 0, 3, 2), False),  # deadlock
    ],
)
def test_iterated_pd_check(payoffs, iterated):
    assert rl.Game(*payoffs).is_iterated_pd() is iterated


def test_numbers_are_normalised_to_float():
    game = rl.Game(np.int64(3), 0, np.float32(5), 1)
    assert all(type(v) is float for v in game.payoffs)
    assert game == rl.Game(3.0, 0.0, 5.0, 1.0)


@pytest.mark.parametrize(
    "text, payoffs",
    [
        ("3,0,5,1", (3.0, 0.0, 5.0, 1.0)),
        (" 4 , -1.5, 6e0 ,0 ", (4.0, -1.5, 6.0, 0.0)),
        ([2, 1, 3, 0], (2.0, 1.0, 3.0, 0.0)),
        ((1.0, 2.0, 3.0, 4.0), (1.0, 2.0, 3.0, 4.0)),
    ],
)
def test_from_sequence(text, payoffs):
    assert rl.Game.from_sequence(text).payoffs == payoffs


@pytest.mark.parametrize(
    "values",
    [
        (math.nan, 0, 5, 1),
        (3, math.inf, 5, 1),
        (3, 0, -math.inf, 1),
        ("3", 0, 5, 1),
        (3, None, 5, 1),
        (3, 0, True, 1),  # a bool is not a payoff
        (3, 0, 5, [1]),
    ],
)
def test_invalid_payoffs_are_refused(values):
    with pytest.raises(rl.InvalidParameter) as info:
        rl.Game(*values)
    assert info.value.parameter == "payoffs"
    assert isinstance(info.value, ValueError)  # RegimelabError is a ValueError


@pytest.mark.parametrize(
    "text",
    ["1,2,3", "1,2,3,4,5", "", "1,2,x,4", "nan,0,5,1", "1,inf,3,4", [1, 2, 3], []],
)
def test_from_sequence_refuses_bad_input(text):
    with pytest.raises(rl.InvalidParameter) as info:
        rl.Game.from_sequence(text)
    assert info.value.parameter == "payoffs"
    assert "four finite numbers" in str(info.value)


def test_the_repr_rounds_for_reading_and_equality_and_to_dict_stay_exact():
    game = rl.Regime(transparency=0.6, fine=3).expected_game(rl.Game())  # P' = 1 - 0.6 * 3
    assert game.P == 1 - 0.6 * 3 != -0.8  # -0.7999999999999998
    assert repr(game) == "Game(R=3.0, S=0.0, T=3.2, P=-0.8)"
    assert game.to_dict()["P"] == 1 - 0.6 * 3 and game != rl.Game(3, 0, 3.2, -0.8)
    assert repr(rl.Game(1 / 3, 5.6e-17, 123456.789012345, -2)) == "Game(R=0.3333333333, S=0.0, T=123456.789, P=-2.0)"
