"""One match played a round at a time, with a student (or two) on a side (model page §3).

:class:`regimelab.match.RegimeMatch` plays a whole match in one loop; a
student chooses one move at a time, over minutes. :class:`LiveMatch` plays the
same rounds one call at a time and draws the same numbers in the same order:
the match length, the strategy's seed and the noise flips from an ``axelrod``
random generator seeded with the match's seed, the signals from a second
stream with the same seed (``tests/classroom/test_live_match.py`` checks it
move for move against ``RegimeMatch``). A match is therefore fixed by its seed
and the students' moves: the server keeps only those and replays them after a
restart.
"""

from __future__ import annotations

from dataclasses import dataclass

import axelrod as axl
import numpy as np
from axelrod.match import sample_length
from axelrod.random_ import RandomGenerator

from ..game import Game
from ..match import SignalView
from ..match_attributes import tell
from ..regime import Regime

C, D = axl.Action.C, axl.Action.D
_is_stochastic = axl.Classifiers["stochastic"]


class Student(axl.Player):
    """A student's side of a match: it plays the move the student chose for this round."""

    name = "Student"
    classifier = {
        "memory_depth": float("inf"),
        "stochastic": False,
        "long_run_time": False,
        "inspects_source": False,
        "manipulates_source": False,
        "manipulates_state": False,
        "makes_use_of": set(),
    }

    def __init__(self, moves=()):
        super().__init__()
        self.moves = list(moves)

    def strategy(self, opponent):
        """The student's move for the round about to be played (a script of moves, one per round)."""
        return self.moves[len(self.history)]


@dataclass(frozen=True)
class Round:
    """One round as it was played (0 = C, 1 = D): intended and realised actions, signals, payoffs.

    ``adjustments``: what the regime added to each side's payoff (fines, compensation, costs);
    unlike the stage-game part it depends only on a side's own action and the two public signals.
    """

    intended: tuple[int, int]
    realised: tuple[int, int]
    signals: tuple[int, int]
    payoffs: tuple[float, float]
    adjustments: tuple[float, float]


def _code(action) -> int:
    return 1 if action is D else 0


class LiveMatch:
    """A match between two sides under a regime, one round per :meth:`play_round`.

    ``opponent``: the strategy on side 2 (a fresh ``axelrod`` player), or None when a second
    student plays it. ``length``: the number of rounds, drawn at the start as ``RegimeMatch``
    draws it (the students do not see it when the horizon is a shadow).
    """

    def __init__(self, regime: Regime, game: Game, seed: int, opponent: axl.Player | None = None):
        self.regime, self.game, self.seed = regime, game, int(seed)
        self.players = [Student(), opponent if opponent is not None else Student()]
        self._random = RandomGenerator(seed=self.seed)
        self._signal_rng = np.random.default_rng(self.seed)
        prob_end = regime.horizon.prob_end
        self.length = int(sample_length(prob_end, self._random.random())) if prob_end else int(regime.horizon.turns)
        attributes = {
            "length": regime.horizon.known_length,
            "game": regime.expected_game(game).to_axelrod(),
            "noise": regime.noise,
        }
        for player in self.players:
            player.reset()
            tell(player, attributes)
            if _is_stochastic(player):
                player.set_seed(self._random.random_seed_int())
        self._signal_d = regime.monitoring.signal_d()
        self._perfect = regime.monitoring.is_perfect
        self._random_signals = regime.monitoring.is_random
        self._matrix = game.matrix()
        # What each side's strategy reads of the other: signals under imperfect monitoring (SignalView).
        self._views = (self.players[1], self.players[0]) if self._perfect else (
            SignalView(self.players[1]), SignalView(self.players[0]))
        self.rounds: list[Round] = []

    @property
    def finished(self) -> bool:
        """Whether every round of the drawn length has been played."""
        return len(self.rounds) >= self.length

    @property
    def against_strategy(self) -> bool:
        """Whether side 2 is a strategy (not a second student)."""
        return not isinstance(self.players[1], Student)

    def play_round(self, move1: str, move2: str | None = None) -> Round:
        """Play the next round: side 1 chooses ``move1`` ("C" or "D"), side 2 ``move2`` (a student) or its strategy.

        The steps of model page §3: choices, noise, signals, payoffs.
        """
        if self.finished:
            raise ValueError("the match is over")
        p1, p2 = self.players
        seen_by_1, seen_by_2 = self._views  # seen_by_1: side 2 as side 1 sees it
        p1.moves.append(axl.Action.from_char(move1))
        if isinstance(p2, Student):
            p2.moves.append(axl.Action.from_char(move2))
        s1, s2 = p1.strategy(seen_by_1), p2.strategy(seen_by_2)
        intended = (_code(s1), _code(s2))
        if self.regime.noise:
            s1 = self._random.random_flip(s1, self.regime.noise)
            s2 = self._random.random_flip(s2, self.regime.noise)
        g1, g2 = self._signals(s1, s2)
        p1.update_history(s1, g2)
        p2.update_history(s2, g1)
        if not self._perfect:
            seen_by_2.history.append(g1, s2)
            seen_by_1.history.append(g2, s1)
        played = self._payoffs(intended, (_code(s1), _code(s2)), (_code(g1), _code(g2)))
        self.rounds.append(played)
        return played

    def _signals(self, s1, s2):
        if self._perfect:
            return s1, s2
        u1, u2 = self._signal_rng.random(2).tolist() if self._random_signals else (0.5, 0.5)
        q_c, q_d = float(self._signal_d[0]), float(self._signal_d[1])
        d1 = u1 < (q_d if s1 is D else q_c)
        d2 = u2 < (q_d if s2 is D else q_c)
        return (D if d1 else C), (D if d2 else C)

    def _payoffs(self, intended, realised, signals) -> Round:
        a1, a2 = realised
        d1, d2 = signals
        u1, u2 = self.regime.round_payoffs(self._matrix[a1, a2], self._matrix[a2, a1], a1, a2, d1, d2)
        k1, k2 = self.regime.round_payoffs(0.0, 0.0, a1, a2, d1, d2)
        return Round(intended, realised, signals, (float(u1), float(u2)), (float(k1), float(k2)))


def replay(regime: Regime, game: Game, seed: int, opponent: axl.Player | None, moves) -> LiveMatch:
    """The match after ``moves`` (a list of ``(move1, move2)``; ``move2`` None against a strategy).

    How the server gets a match back after a restart: the same seed and the same choices give
    the same rounds.
    """
    match = LiveMatch(regime, game, seed, opponent)
    for move1, move2 in moves:
        match.play_round(move1, move2)
    return match
