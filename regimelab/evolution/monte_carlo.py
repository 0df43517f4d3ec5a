"""Monte-Carlo of the individual-level Moran process, to check the fixation formula independently of it."""

from __future__ import annotations

from functools import partial

import numpy as np

from ..errors import InvalidParameter
from .births import as_match_law, check_realised, match_laws
from .fitness import check_population, check_selection, fitnesses
from .methods import check_method, exact_over_lengths
from .pairs import index_of, pair_label
from .population import PayoffMatrix, as_payoff_matrix


def simulate_fixation(
    payoffs, resident, mutant, population: int, selection: float = 1.0, runs: int = 10_000, seed: int = 0,
    method: str = "auto",
) -> tuple[float, float]:
    """Monte-Carlo of the individual-level process: (share of runs the mutant fixed, its standard error).

    Plays the process step by step on N individuals, as described in
    :mod:`.moran` (fitness from the payoffs against the N - 1 others, parent
    proportional to fitness, the dying individual uniform among all N), to
    check :func:`fixation_probability` independently of its derivation.
    When the payoff matrix has ``length_scores`` with more than one length
    (and ``method`` is not ``"expected_fitness"``), every match of every step
    draws its own length, as axelrod's ``MoranProcess`` does; otherwise each
    match pays its entry of the matrix.
    """
    payoffs = as_payoff_matrix(payoffs)
    i, j = index_of(payoffs, resident), index_of(payoffs, mutant)
    n = check_population(population)
    s = check_selection(selection)
    summed_payoffs = _summed_payoffs(payoffs, i, j, n, s, check_method(method, payoffs, i, j))
    if isinstance(runs, bool) or not isinstance(runs, (int, np.integer)) or runs < 1:
        raise InvalidParameter("runs", "an integer >= 1", runs)
    types = _play(summed_payoffs, n, s, runs, np.random.default_rng(seed))
    fixed = int(np.sum(types.sum(axis=1) == n))
    estimate = fixed / runs
    return estimate, float(np.sqrt(max(estimate * (1 - estimate), 1 / runs) / runs))


def _summed_payoffs(payoffs: PayoffMatrix, i: int, j: int, n: int, s: float, method: str):
    """``(rows, rng) -> sums``: each individual's summed payoff against the N - 1 others, one row per run.

    Checked first as the formula checks fitness. In ``rows``, type 0 is the
    resident ``i`` and type 1 the mutant ``j``.
    """
    if exact_over_lengths(payoffs, i, j, method):
        check_realised([as_match_law(law) for law in match_laws(payoffs, i, j)], n, s,
                       pair_label(payoffs.names, i, j))
        scores = payoffs.length_scores
        pair = scores.scores[np.ix_([i, j], [i, j])]  # (type, type, length)
        return partial(_drawn_lengths, pair, np.cumsum(scores.probabilities), np.triu_indices(n, 1))
    fitnesses(payoffs.matrix, i, j, n, s, payoffs.names)  # same checks as the formula
    return partial(_given_payoffs, payoffs.matrix[np.ix_([i, j], [i, j])])  # type 0: resident, 1: mutant


def _drawn_lengths(pair: np.ndarray, cumulative: np.ndarray, upper, rows: np.ndarray, rng) -> np.ndarray:
    """Summed payoffs when every match (a, b), a < b, draws its own length, shared by both players."""
    active, n = rows.shape
    draws = np.minimum(np.searchsorted(cumulative, rng.random((active, len(upper[0])))), len(cumulative) - 1)
    length = np.zeros((active, n, n), dtype=np.int64)
    length[:, upper[0], upper[1]] = draws
    length[:, upper[1], upper[0]] = draws
    per_match = pair[rows[:, :, None], rows[:, None, :], length]
    per_match[:, np.arange(n), np.arange(n)] = 0.0  # no self-play
    return per_match.sum(axis=2)


def _given_payoffs(pair: np.ndarray, rows: np.ndarray, rng) -> np.ndarray:
    """Summed payoffs when each match pays its entry of the matrix (``rng`` unused)."""
    n = rows.shape[1]
    mutants = rows.sum(axis=1, keepdims=True)
    return (n - mutants) * pair[rows, 0] + mutants * pair[rows, 1] - pair[rows, rows]


def _play(summed_payoffs, n: int, s: float, runs: int, rng) -> np.ndarray:
    """Every run played to fixation or extinction, side by side: the final types, one row per run."""
    types = np.zeros((runs, n), dtype=np.int64)  # all runs side by side, one row each
    types[:, 0] = 1
    active = np.arange(runs)
    while active.size:
        rows = types[active]
        _step(rows, summed_payoffs(rows, rng), n, s, rng)
        types[active] = rows
        count = rows.sum(axis=1)
        active = active[(count > 0) & (count < n)]
    return types


def _step(rows: np.ndarray, sums: np.ndarray, n: int, s: float, rng) -> None:
    """One birth-death step in each row, in place: a parent by fitness, a uniform death, the parent's clone."""
    weights = np.cumsum(1 - s + s * sums / (n - 1), axis=1)
    draw = rng.random(len(rows)) * weights[:, -1]
    parent = (weights < draw[:, None]).sum(axis=1)  # the first with cumulative weight >= draw
    dead = rng.integers(n, size=len(rows))
    rows[np.arange(len(rows)), dead] = rows[np.arange(len(rows)), parent]
