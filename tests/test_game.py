"""The stage game and its classification (model page §1)."""

import math

import numpy as np
import pytest

import regimelab as rl
from regimelab.game import GAME_CLASSES

# One game per row of the §1 table, with the condition it satisfies.
CLASSIFIED = [
    # harmony: R >= T and S >= P, one strict
    ((5, 3, 4, 1), "harmony"),  # both strict
    ((3, 2, 3, 1), "harmony"),  # R = T, S > P
    ((4, 1, 3, 1), "harmony"),  # R > T, S = P
    # prisoners_dilemma: T > R, P > S, R > P
    ((3, 0, 5, 1), "prisoners_dilemma"),  # Axelrod's default
    ((3, 0, 7, 1), "prisoners_dilemma"),  # a PD that is not an iterated PD
    ((-1, -10, 0, -5), "prisoners_dilemma"),  # negative payoffs are fine
    # deadlock: T > R, P > S, R <= P
    ((1, 0, 3, 2), "deadlock"),  # R < P
    ((2, 0, 3, 2), "deadlock"),  # R = P
    # stag_hunt: R > T and P > S
    ((4, 0, 3, 2), "stag_hunt"),
    ((5, 0, 3, 1), "stag_hunt"),
    # chicken: T > R and S > P
    ((3, 1, 5, 0), "chicken"),
    ((0, -1, 1, -10), "chicken"),
    # degenerate: the remaining ties
    ((3, 1, 3, 1), "degenerate"),  # R = T and S = P
    ((3, 0, 3, 1), "degenerate"),  # R = T, P > S
    ((3, 1, 5, 1), "degenerate"),  # T > R, S = P
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
    "payoffs, ties",
    [
        ((3, 1, 3, 1), ["R = T", "S = P"]),
        ((3, 0, 3, 1), ["R = T"]),
        ((3, 1, 5, 1), ["S = P"]),
    ],
)
def test_degenerate_games_name_their_ties(payoffs, ties):
    game = rl.Game(*payoffs)
    assert game.classify() == "degenerate"
    assert game.ties() == ties
    assert game.describe() == f"degenerate ({', '.join(ties)})"


def test_non_degenerate_description_is_the_class():
    assert rl.Game(4, 0, 3, 2).describe() == "stag_hunt"
    # a tie that does not make the game degenerate (harmony with R = T) is fine
    assert rl.Game(3, 2, 3, 1).describe() == "harmony"


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
