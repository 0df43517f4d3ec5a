"""Playing a strategy in a regimelab match, against scripted opponents or from a given history
(the strategies' tests: tests/strategies/ and tests/test_shipped_strategies.py).
"""

import axelrod as axl

import regimelab as rl
from regimelab.match import RegimeMatch

C, D = axl.Action.C, axl.Action.D
GAME = rl.Game()


def play(player, opponent, regime=rl.Regime(turns=50), seed=1):
    """One match under ``regime``: (player's moves, opponent's moves, player's signals) as strings."""
    result = RegimeMatch((player, opponent), regime, GAME, seed=seed).play()
    letters = lambda column: "".join("CD"[x] for x in column)  # noqa: E731
    return letters(result.actions[:, 0]), letters(result.actions[:, 1]), letters(result.signals[:, 0])


def moves(player, opponent, regime=rl.Regime(turns=50), seed=1) -> str:
    return play(player, opponent, regime, seed)[0]


def scripted(text: str):
    """An opponent that plays the letters of ``text`` in turn (then repeats them)."""
    return axl.MockPlayer([C if letter == "C" else D for letter in text])


def with_history(player, rounds: str, seed=1):
    """``player`` after ``rounds`` ("CD DD": own move, opponent's seen move), and the opponent seen."""
    player.set_seed(seed)
    opponent = axl.Cooperator()
    for own, seen in rounds.split():
        player.history.append(axl.Action.from_char(own), axl.Action.from_char(seen))
        opponent.history.append(axl.Action.from_char(seen), axl.Action.from_char(own))
    return player, opponent
