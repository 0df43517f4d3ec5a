"""One pairing played under a regime, round by round (model page §3).

The loop follows ``axelrod.Match.play`` draw for draw: the match length, the
players' seeds and the noise flips come from an ``axelrod`` random generator
seeded exactly as a tournament seeds its matches, and deterministic pairings
are played once and reused across repetitions. So under the null regime the
interactions are axelrod's own. What the regime adds (public signals) comes
from a separate generator, used only when a signal is genuinely random.

A match holds, per round, what it needs: the players' histories (strategies
read them) and one byte per player for its actions and for its signals. The
signal draws and the per-round payoffs are made a chunk at a time, the same
numbers in the same order as all at once (``tests/robustness/test_memory.py``).
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass

import axelrod as axl
import numpy as np
from axelrod.history import History
from axelrod.match import sample_length
from axelrod.random_ import RandomGenerator

from .faster_axelrod import faster_axelrod
from .game import Game
from .match_attributes import tell
from .regime import Regime

C, D = axl.Action.C, axl.Action.D
_is_stochastic = axl.Classifiers["stochastic"]


class FastHistory(History):
    """axelrod's ``History``, counted more cheaply: the players' own histories and what each is shown.

    ``History.append`` updates two Counters keyed by ``Action`` every round,
    and an ``Action``'s hash is computed in Python: with four histories a
    round, a third of a signalled match's time. Here the defections are an
    integer (an identity test per round) and the state distribution is brought
    up to date only when a strategy reads it. What a strategy can read is the
    same, so the null regime's matches stay axelrod's own
    (``tests/properties/test_parity.py``).
    """

    def __init__(self, plays=None, coplays=None):
        self._defected = 0
        self._counted = 0  # rounds already in the state distribution
        super().__init__(plays, coplays)

    def append(self, play, coplay):
        """Append one round: an action (own, or the opponent's signal) and the other side's."""
        self._plays.append(play)
        self._coplays.append(coplay)
        if play is D:
            self._defected += 1

    def extend(self, plays, coplays):
        """Append several rounds (as ``History.extend``)."""
        plays = list(plays)
        self._plays.extend(plays)
        self._coplays.extend(coplays)
        self._defected += sum(play is D for play in plays)

    def reset(self):
        """Forget every round."""
        super().reset()
        self._defected = self._counted = 0

    @property
    def cooperations(self) -> int:
        """Rounds of C (or of a signalled ``c``)."""
        return len(self._plays) - self._defected

    @property
    def defections(self) -> int:
        """Rounds of D (or of a signalled ``d``)."""
        return self._defected

    @property
    def state_distribution(self):
        """Counts of (play, coplay) pairs, as ``History`` keeps them."""
        if self._counted < len(self._plays):
            self._state_distribution.update(zip(self._plays[self._counted :], self._coplays[self._counted :]))
            self._counted = len(self._plays)
        return self._state_distribution


class SignalView:
    """What a player sees of its opponent: the opponent's public signals.

    Strategies read ``opponent.history``, ``opponent.cooperations`` and
    ``opponent.defections`` (docs/axelrod-internals.md, "What strategies see"); here
    they hold the signals. Anything else is looked up on the real player.
    """

    __slots__ = ("_player", "history")

    def __init__(self, player):
        self._player = player
        self.history = FastHistory()

    @property
    def cooperations(self) -> int:
        """The opponent's rounds signalled ``c`` (not its true compliances)."""
        return self.history.cooperations

    @property
    def defections(self) -> int:
        """The opponent's rounds signalled ``d`` (not its true defections)."""
        return self.history.defections

    @property
    def state_distribution(self):
        """Counts of (opponent's signal, viewer's realised action) pairs, as axelrod's ``History`` keeps."""
        return self.history.state_distribution

    def rebind(self, player) -> None:
        """Show the signals seen so far as another player's (a new leader inherits the state's record)."""
        self._player = player

    def __getattr__(self, name):
        # Guard: during unpickling _player is not set yet.
        if name.startswith("__") or name == "_player":
            raise AttributeError(name)
        return getattr(self._player, name)

    def __repr__(self):
        return repr(self._player)


@dataclass
class Play:
    """The realised actions and signals of one match (0 = C, 1 = D)."""

    actions: np.ndarray  # shape (turns, 2)
    signals: np.ndarray  # shape (turns, 2)

    @property
    def turns(self) -> int:
        """The number of rounds played."""
        return len(self.actions)

    def interaction(self) -> list[tuple[str, str]]:
        """axelrod-style interaction: a list of (action, action) letters."""
        letters = np.array(["C", "D"])[self.actions]
        return [tuple(row) for row in letters]


def realised_payoffs(play: Play, game: Game, regime: Regime) -> np.ndarray:
    """Per-round payoffs to both players, shape (turns, 2) (model page §3 step 5)."""
    matrix = game.matrix()
    a1, a2 = play.actions[:, 0], play.actions[:, 1]
    u1, u2 = regime.round_payoffs(matrix[a1, a2], matrix[a2, a1], a1, a2, play.signals[:, 0], play.signals[:, 1])
    return np.column_stack([u1, u2])


def total(values: np.ndarray) -> float:
    """Left-to-right sum, as axelrod's ``sum([...])`` adds a match's scores.

    numpy's ``sum`` adds pairwise and can differ in the last bit; ``cumsum``
    adds in order, which keeps null-regime scores bit-for-bit equal.
    """
    return float(np.cumsum(values)[-1]) if len(values) else 0.0


#: Rounds of payoffs computed at a time by :func:`match_totals`.
PAYOFF_CHUNK = 8_192


def match_totals(play: Play, game: Game, regime: Regime) -> tuple[float, float]:
    """Both players' match totals: :func:`total` of each column of :func:`realised_payoffs`.

    Computed ``PAYOFF_CHUNK`` rounds at a time, each chunk's running sum
    starting from the last chunk's, so the additions are the same, in the same
    order, as over the whole match (bit-for-bit equal totals) while the
    per-round payoffs of only one chunk are held (not 16 bytes and more per
    round of the match).
    """
    sums = None
    for start in range(0, play.turns, PAYOFF_CHUNK):
        stop = start + PAYOFF_CHUNK
        payoffs = realised_payoffs(Play(play.actions[start:stop], play.signals[start:stop]), game, regime)
        if sums is not None:
            payoffs = np.vstack([sums, payoffs])
        sums = np.cumsum(payoffs, axis=0)[-1]
    return (0.0, 0.0) if sums is None else (float(sums[0]), float(sums[1]))


class RegimeMatch:
    """Repeated plays of one pairing under a regime, with axelrod's seeding.

    ``players`` are used as given (a tournament passes clones). ``seed`` is the
    pairing's seed, as axelrod's ``MatchGenerator`` hands it to a ``Match``.
    """

    def __init__(self, players, regime: Regime, game: Game, seed=None):
        self.players = list(players)
        self.regime = regime
        self.game = game
        self._random = RandomGenerator(seed=seed)
        # Signals get their own stream so that axelrod's draws stay untouched.
        self._signal_rng = np.random.default_rng(None if seed is None else int(seed))
        self._noise = regime.noise
        self._prob_end = regime.horizon.prob_end
        self._turns = regime.horizon.turns if self._prob_end is None else float("inf")
        self._signal_d = regime.monitoring.signal_d()
        self._perfect = regime.monitoring.is_perfect
        self._random_signals = regime.monitoring.is_random
        self.match_attributes = {
            "length": regime.horizon.known_length,
            "game": regime.expected_game(game).to_axelrod(),
            "noise": self._noise,
        }
        stochastic_players = [bool(_is_stochastic(p)) for p in self.players]
        self._seeded = stochastic_players
        self.stochastic = bool(self._noise) or any(stochastic_players) or self._random_signals
        self._cache: Play | None = None
        for player in self.players:
            tell(player, self.match_attributes)

    def play(self) -> Play:
        """Play one repetition and return its realised actions and signals."""
        if self._prob_end:
            turns = min(sample_length(self._prob_end, self._random.random()), self._turns)
        else:
            turns = self._turns
        cache = self._cache
        if not self.stochastic and cache is not None and cache.turns >= turns:
            return Play(cache.actions[:turns], cache.signals[:turns])
        with faster_axelrod():  # axelrod's slowest parts, the same to the bit: building players and some decisions
            for player, seeded in zip(self.players, self._seeded):
                player.reset()
                player._history = FastHistory()  # axelrod's reset made a History; the same, counted cheaply
                if isinstance(player, axl.MetaPlayer):  # its team's members keep histories of their own
                    for member in player.team:
                        member._history = FastHistory()
                tell(player, self.match_attributes)
                if seeded:
                    player.set_seed(self._random.random_seed_int())
            play = self._play_perfect(turns) if self._perfect else self._play_signalled(turns)
        if not self.stochastic:
            self._cache = play
        return play

    def _play_perfect(self, turns: int) -> Play:
        # axelrod's Match.simultaneous_play, kept as lean as the original.
        p1, p2 = self.players
        noise, flip = self._noise, self._random.random_flip
        for _ in range(turns):
            s1, s2 = p1.strategy(p2), p2.strategy(p1)
            if noise:
                s1 = flip(s1, noise)
                s2 = flip(s2, noise)
            p1.update_history(s1, s2)
            p2.update_history(s2, s1)
        actions = _to_array(p1.history, p2.history, turns)
        return Play(actions, actions)

    def _play_signalled(self, turns: int) -> Play:
        p1, p2 = self.players
        seen1, seen2 = SignalView(p1), SignalView(p2)  # seen1: p1 as p2 sees it
        noise, flip = self._noise, self._random.random_flip
        q_c, q_d = float(self._signal_d[0]), float(self._signal_d[1])
        signals = np.empty((turns, 2), dtype=np.int8)
        for t, (u1, u2) in enumerate(self._signal_draws(turns)):
            s1, s2 = p1.strategy(seen2), p2.strategy(seen1)
            if noise:
                s1 = flip(s1, noise)
                s2 = flip(s2, noise)
            d1 = u1 < (q_d if s1 is D else q_c)
            d2 = u2 < (q_d if s2 is D else q_c)
            g1 = D if d1 else C
            g2 = D if d2 else C
            p1.update_history(s1, g2)
            p2.update_history(s2, g1)
            seen1.history.append(g1, s2)
            seen2.history.append(g2, s1)
            signals[t, 0] = d1
            signals[t, 1] = d2
        actions = _to_array(p1.history, p2.history, turns)
        return Play(actions, signals)

    def _signal_draws(self, turns: int):
        """The uniform draws that decide each round's two signals, ``DRAW_CHUNK`` rounds at a time.

        The same numbers, in the same order, as one ``random((turns, 2))``
        (a generator's doubles do not depend on how the calls are split), so
        results stay the same while only a chunk is ever held, not 16 bytes per
        round of the whole match. When p and a are 0 or 1, ``u < q`` decides
        without a draw and nothing is drawn.
        """
        if not self._random_signals:
            return itertools.repeat((0.5, 0.5), turns)
        return _chunked_draws(self._signal_rng, turns)


#: Rounds of signal draws held at a time (:meth:`RegimeMatch._signal_draws`).
DRAW_CHUNK = 8_192


def _chunked_draws(rng: np.random.Generator, turns: int):
    # chain iterates in C: no Python frame per round, and each chunk is drawn only when reached.
    sizes = (min(DRAW_CHUNK, turns - start) for start in range(0, turns, DRAW_CHUNK))
    return itertools.chain.from_iterable(rng.random((size, 2)).tolist() for size in sizes)


def _to_array(history1, history2, turns: int) -> np.ndarray:
    """The realised actions (0 = C, 1 = D), shape (turns, 2), without a Python list per column."""
    actions = np.empty((turns, 2), dtype=np.int8)
    actions[:, 0] = np.fromiter(map(operator.is_, history1[:], itertools.repeat(D)), dtype=bool, count=turns)
    actions[:, 1] = np.fromiter(map(operator.is_, history2[:], itertools.repeat(D)), dtype=bool, count=turns)
    return actions
