"""The payoff matrix of a population of strategies under a regime.

``A[i, j]`` is the mean score per turn of strategy ``i`` against strategy
``j``; the diagonal is ``i`` against a copy of itself (two distinct
individuals of the same strategy meet in a population). It is read from the
``pairs`` table of a round robin with self-play: the exact engine's expected
values when every strategy has a finite-state form, otherwise a simulated
tournament's means over repetitions.

    >>> matrix = payoff_matrix(make_players(["tft", "alld"]), Regime(turns=200))
    >>> matrix.engine, matrix.names, matrix.matrix
    >>> PayoffMatrix.from_array([[3, 0], [5, 1]], ["C", "D"])   # by hand

The Moran process needs more than the means when a match's payoffs are
random (axelrod's ``MoranProcess`` plays new matches at every step). When
every match is certain given its length (deterministic strategies, no
noise, signals certain), the exact engine also gives ``length_scores``: the
score per turn of every ordered pair as a function of the match length, and
the length distribution (one length under ``turns``, the geometric law
under ``shadow``); pairs with a strategy that randomises are left out, and
``random_reason`` says why fitness is random for them (or for all).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..errors import InvalidParameter, RegimelabError
from ..exact import deterministic_rewards, pair_chain
from ..exact_tournament import run_exact_tournament
from ..game import Game
from ..machines import NotFiniteState, to_machine
from ..regime import Regime
from ..tournament import run_tournament

ENGINES = ("auto", "exact", "simulate")
#: Under ``shadow`` w the match lengths 1 .. M are kept, with w^M <= LENGTH_TAIL ...
LENGTH_TAIL = 1e-16
#: ... as long as M is at most this (w up to about 0.99908); longer shadows
#: fall back to the expected-fitness formula of the Moran process.
MAX_LENGTHS = 40_000
#: ... and lengths times pairs is at most this (160 MB of scores: 23 strategies
#: at w = 0.999, 73 at w = 0.99).
MAX_SCORES = 20_000_000


@dataclass(frozen=True)
class LengthScores:
    """Scores per turn of ordered pairs as a function of the match length.

    For the matches that are certain given their length (``certain[i, j]``;
    the others are NaN): a match of length ``lengths[l]`` (probability
    ``probabilities[l]``) between ``i`` and ``j`` gives ``i`` the score per
    turn ``scores[i, j, l]`` and ``j`` ``scores[j, i, l]``. Self-play is
    symmetric (two copies of a deterministic strategy play the same path),
    so ``scores[i, i, l]`` is what each copy gets. ``probabilities`` sum to 1
    (under ``shadow`` the geometric law truncated where its tail is below
    ``LENGTH_TAIL``, then renormalised). ``certain`` defaults to every pair.
    """

    lengths: np.ndarray
    probabilities: np.ndarray
    scores: np.ndarray
    certain: np.ndarray | None = None

    def __post_init__(self):
        lengths = np.array(self.lengths, dtype=np.int64).reshape(-1)
        probabilities = np.array(self.probabilities, dtype=float).reshape(-1)
        scores = np.array(self.scores, dtype=float)
        if (
            scores.ndim != 3 or scores.shape[0] != scores.shape[1]
            or scores.shape[2] != len(lengths) or len(probabilities) != len(lengths) or len(lengths) < 1
        ):
            raise InvalidParameter("length_scores", "scores of shape (size, size, lengths) and one "
                                   "probability per length", scores.shape)
        if np.any(probabilities < 0) or not np.isclose(probabilities.sum(), 1.0, rtol=0, atol=1e-12):
            raise InvalidParameter("length_scores", "probabilities that sum to 1", probabilities.sum())
        size = scores.shape[0]
        certain = np.ones((size, size), dtype=bool) if self.certain is None else np.array(self.certain, dtype=bool)
        if certain.shape != (size, size) or np.any(certain != certain.T):
            raise InvalidParameter("length_scores", "a symmetric (size, size) mask of certain matches", certain.shape)
        if not np.all(np.isfinite(scores[certain])):
            raise InvalidParameter("length_scores", "finite scores for the certain matches")
        for array in (lengths, probabilities, scores, certain):
            array.setflags(write=False)
        object.__setattr__(self, "lengths", lengths)
        object.__setattr__(self, "probabilities", probabilities)
        object.__setattr__(self, "scores", scores)
        object.__setattr__(self, "certain", certain)

    @property
    def fixed_length(self) -> bool:
        """One length only (``turns``): every certain match is certain outright."""
        return len(self.lengths) == 1

    def pair_certain(self, resident: int, mutant: int) -> bool:
        """True when the three matches of a mutant among residents are certain given their length."""
        return bool(self.certain[resident, resident] and self.certain[resident, mutant]
                    and self.certain[mutant, mutant])

    def means(self) -> np.ndarray:
        """The expected score per turn of every ordered pair, E[score per turn] (NaN where not certain)."""
        return self.scores @ self.probabilities


@dataclass(frozen=True)
class PayoffMatrix:
    """Payoffs per turn between the strategies of a population.

    ``matrix[i, j]``: mean score per turn of ``names[i]`` against ``names[j]``.
    ``engine``: ``"exact"``, ``"simulate"`` or ``"given"`` (a hand-made matrix).
    ``reason``: why ``engine="auto"`` fell back to simulation (else None).
    ``length_scores``: per-length scores of the matches that are certain
    given their length (:class:`LengthScores`); ``random_reason``: why some
    (or every) match's payoffs are random or unknown beyond their mean (None
    when none is, and for a hand-made matrix, whose entries are taken as
    every match's payoffs).
    """

    names: tuple
    matrix: np.ndarray
    engine: str = "given"
    reason: str | None = None
    regime: Regime | None = None
    game: Game | None = None
    repetitions: int | None = None
    seed: int | None = None
    length_scores: LengthScores | None = None
    random_reason: str | None = None

    def __post_init__(self):
        matrix = np.array(self.matrix, dtype=float)
        if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or matrix.shape[0] < 1:
            raise InvalidParameter("payoffs", "a square matrix with at least one row", matrix.shape)
        if not np.all(np.isfinite(matrix)):
            raise InvalidParameter("payoffs", "finite numbers")
        names = tuple(str(name) for name in self.names)
        if len(names) != matrix.shape[0]:
            raise InvalidParameter("names", f"{matrix.shape[0]} names, one per row of the matrix", len(names))
        if len(set(names)) != len(names):
            raise InvalidParameter("names", "distinct names", names)
        if self.length_scores is not None and self.length_scores.scores.shape[0] != matrix.shape[0]:
            raise InvalidParameter("length_scores", f"scores for {matrix.shape[0]} strategies",
                                   self.length_scores.scores.shape[0])
        matrix.setflags(write=False)
        object.__setattr__(self, "matrix", matrix)
        object.__setattr__(self, "names", names)

    @classmethod
    def from_array(cls, matrix, names=None) -> "PayoffMatrix":
        """A hand-made matrix; names default to ``s0, s1, ...``."""
        size = np.shape(matrix)[0] if np.ndim(matrix) else 0
        return cls(tuple(names) if names is not None else tuple(f"s{i}" for i in range(size)), matrix)

    @property
    def size(self) -> int:
        """The number of strategies (rows of the matrix)."""
        return len(self.names)

    def index(self, name: str) -> int:
        """The row of the strategy called ``name`` (exactly); an unknown name is an error listing them."""
        try:
            return self.names.index(name)
        except ValueError:
            raise InvalidParameter("strategy", f"one of {', '.join(self.names)}", name) from None

    def to_dict(self) -> dict:
        """The JSON form: names, matrix, engine, reason, repetitions and seed (not the length scores)."""
        return {
            "names": list(self.names),
            "matrix": [[float(x) for x in row] for row in self.matrix],
            "engine": self.engine,
            "reason": self.reason,
            "repetitions": self.repetitions,
            "seed": self.seed,
        }


def as_payoff_matrix(payoffs) -> PayoffMatrix:
    """A :class:`PayoffMatrix`, or a hand-made array turned into one."""
    if isinstance(payoffs, PayoffMatrix):
        return payoffs
    return PayoffMatrix.from_array(payoffs)


def payoff_matrix(
    players,
    regime: Regime | None = None,
    game: Game | None = None,
    engine: str = "auto",
    repetitions: int = 10,
    seed: int = 1,
    jobs: int = 1,
    progress: bool = False,
) -> PayoffMatrix:
    """The payoff matrix of ``players`` under ``regime``.

    ``engine``: ``"exact"`` (the Markov-chain engine; fails naming a strategy
    with no finite-state form), ``"simulate"`` (a tournament of
    ``repetitions`` with ``seed`` on ``jobs`` processes), or ``"auto"`` (exact
    when every strategy maps, otherwise simulation; ``reason`` says why).
    """
    if engine not in ENGINES:
        raise InvalidParameter("engine", f"one of {', '.join(ENGINES)}", engine)
    regime = regime or Regime()
    game = game or Game()
    players = list(players)
    if len(players) < 2:
        raise InvalidParameter("strategy", "at least two strategies for a population", len(players))
    reason = None
    if engine in ("auto", "exact"):
        try:
            result = run_exact_tournament(players, regime, game, progress=progress)
        except NotFiniteState as error:
            if engine == "exact":
                raise
            reason = str(error)
        else:
            exact = _from_result(result, "exact", None, None, None)
            scores, random_reason = length_scores(players, exact.names, exact.matrix, regime, game)
            return replace(exact, length_scores=scores, random_reason=random_reason)
    result = run_tournament(players, regime, game, repetitions=repetitions, seed=seed, jobs=jobs, progress=progress)
    simulated = _from_result(result, "simulate", reason, repetitions, seed)
    return replace(simulated, random_reason="the payoff matrix is simulated: it gives means over repetitions, "
                   "not each match's payoffs")


def length_scores(players, names, matrix, regime: Regime, game: Game) -> tuple[LengthScores | None, str | None]:
    """Per-length scores of the pairs whose matches are certain given their length.

    Returns ``(LengthScores, why some pairs are random or None)``, or
    ``(None, why)`` when no match is certain: noise, random signals, or a
    shadow too long to sum over its lengths (more than ``MAX_LENGTHS``). A
    pair is random when a strategy randomises against the other. Under
    ``turns`` the one length's scores are ``matrix`` (the exact engine's
    values, exact for certain matches); under ``shadow`` each pair's path of
    payoffs is read from its joint chain
    (:func:`regimelab.exact.deterministic_rewards`) and averaged over its
    first L rounds for every L.
    """
    rounds = _rounds_to_read(regime)
    why_none = _why_no_match_is_certain(regime, rounds, len(players))
    if why_none is not None:
        return None, why_none
    lengths, probabilities = _length_distribution(regime, rounds)
    scores, certain, random_matches = _certain_scores(players, names, matrix, regime, game, lengths)
    why = _why_some_matches_are_random(random_matches)
    if not certain.any():
        return None, why
    return LengthScores(lengths, probabilities, scores, certain), why


def _rounds_to_read(regime: Regime) -> int:
    """How many rounds of each certain match to read: 1 under ``turns``, else the lengths kept under ``shadow``."""
    shadow = regime.shadow
    if shadow is None:
        return 1
    return 1 if shadow == 0 else max(1, int(np.ceil(np.log(LENGTH_TAIL) / np.log(shadow))))


def _why_no_match_is_certain(regime: Regime, rounds: int, strategies: int) -> str | None:
    """Why no match is certain given its length (noise, random signals) or too long to average over, else None."""
    if regime.noise > 0:
        return f"noise {regime.noise:g} makes every match random"
    signal_d = regime.monitoring.signal_d()
    if not np.all((signal_d == 0) | (signal_d == 1)):
        return (f"signals are random (transparency {regime.transparency:g}, false alarm "
                f"{regime.false_alarm:g}), so every match is")
    shadow = regime.shadow
    if shadow is not None and rounds > MAX_LENGTHS:
        return (f"under shadow {shadow:g} matches can last too long (over {MAX_LENGTHS:,} rounds "
                "with probability above 1e-16) to average fitness over every length")
    if shadow is not None and rounds * strategies ** 2 > MAX_SCORES:
        return (f"under shadow {shadow:g} the scores of {strategies} strategies for each of "
                f"{rounds:,} match lengths would take too much memory to average fitness over them")
    return None


def _length_distribution(regime: Regime, rounds: int) -> tuple[np.ndarray, np.ndarray]:
    """The match lengths and their probabilities: ``turns`` for sure, or the truncated geometric law renormalised."""
    shadow = regime.shadow
    if shadow is None:
        return np.array([regime.turns]), np.ones(1)
    lengths = np.arange(1, rounds + 1)
    probabilities = (1 - shadow) * shadow ** (lengths - 1.0)
    return lengths, probabilities / probabilities.sum()


def _certain_scores(players, names, matrix, regime: Regime, game: Game, lengths: np.ndarray):
    """Scores per turn by length of each certain pair, the mask of certain pairs, and the random matches named."""
    told = regime.expected_game(game)
    machines = [
        to_machine(player, told_game=told, noise=regime.noise, length=regime.horizon.known_length)
        for player in players
    ]
    shadow = regime.shadow
    rounds = 1 if shadow is None else len(lengths)
    size = len(machines)
    scores = np.full((size, size, len(lengths)), np.nan)
    certain = np.zeros((size, size), dtype=bool)
    random_matches = []
    for i in range(size):
        for j in range(i, size):
            rewards = deterministic_rewards(pair_chain(machines[i], machines[j], regime, game), rounds)
            if rewards is None:
                random_matches.append(f"{names[i]} against {'itself' if i == j else names[j]}")
                continue
            certain[i, j] = certain[j, i] = True
            if shadow is None:
                scores[i, j, 0], scores[j, i, 0] = matrix[i, j], matrix[j, i]
            else:
                per_turn = np.cumsum(rewards, axis=0) / lengths[:, None]
                scores[i, j], scores[j, i] = per_turn[:, 0], per_turn[:, 1]
    return scores, certain, random_matches


def _why_some_matches_are_random(random_matches: list[str]) -> str | None:
    """The random matches named (the first three and how many more), or None when there are none."""
    if not random_matches:
        return None
    shown = ", ".join(random_matches[:3]) + (f" and {len(random_matches) - 3} more" if len(random_matches) > 3
                                              else "")
    return f"some matches are random (a strategy randomises): {shown}"


def _from_result(result, engine, reason, repetitions, seed) -> PayoffMatrix:
    names = list(result.names)
    position = {name: k for k, name in enumerate(names)}
    matrix = np.full((len(names), len(names)), np.nan)
    for row in result.pairs.itertuples(index=False):
        matrix[position[row.player], position[row.opponent]] = row.mean_score_per_turn
    if np.isnan(matrix).any():
        missing = [(names[i], names[j]) for i, j in zip(*np.nonzero(np.isnan(matrix)))]
        raise RegimelabError(f"the tournament gave no score per turn for {missing[0][0]} against {missing[0][1]}")
    return PayoffMatrix(
        tuple(names), matrix, engine, reason, result.regime, result.game, repetitions, seed
    )
