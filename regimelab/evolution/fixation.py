"""Fixation probabilities from the birth-death chain on the number of mutants.

The chain moves k -> k + 1 with T+(k) = beta_k (N - k) / N and k -> k - 1
with T-(k) = (1 - beta_k) k / N, beta_k the probability that a mutant
reproduces: k f_j / (k f_j + (N - k) f_i) when every fitness is certain (or
replaced by its mean), else :func:`.births.birth_probabilities`. One mutant
fixes with probability rho = 1 / (1 + sum_{m=1}^{N-1} prod_{k=1}^{m}
T-(k) / T+(k)); see :mod:`.moran` for the process and its sources.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .births import SharedBirths, birth_probabilities, match_laws
from .fitness import FitnessNotPositive, check_population, check_selection, fitnesses
from .methods import MEAN_FITNESS, check_method, exact_over_lengths, fixation_method
from .pairs import index_of, pair_label
from .population import PayoffMatrix, as_payoff_matrix

#: Relative tolerance for calling a fixation probability equal to 1/N.
NEUTRAL_TOLERANCE = 1e-9


def _births(payoffs: PayoffMatrix, i: int, j: int, n: int, s: float, method: str, shared=None):
    """(beta_k, 1 - beta_k) when fitness is random and ``method`` is exact; None when the classic formula is."""
    if not exact_over_lengths(payoffs, i, j, method):
        return None
    if shared is not None:
        return shared(i, j)
    return birth_probabilities(*match_laws(payoffs, i, j), n, s, label=pair_label(payoffs.names, i, j))


def transition_probabilities(matrix, resident: int, mutant: int, population: int, selection: float = 1.0,
                             method: str = "auto"):
    """T+(k) and T-(k) for k = 0 .. N (zero at the absorbing states 0 and N)."""
    payoffs = as_payoff_matrix(matrix)
    i, j = index_of(payoffs, resident), index_of(payoffs, mutant)
    n = check_population(population)
    s = check_selection(selection)
    k = np.arange(1, n, dtype=float)
    births = _births(payoffs, i, j, n, s, check_method(method, payoffs, i, j))
    if births is None:
        f_mutant, f_resident = fitnesses(payoffs.matrix, i, j, n, s)
        total = k * f_mutant + (n - k) * f_resident
        births = (k * f_mutant / total, (n - k) * f_resident / total)
    up = np.zeros(n + 1)
    down = np.zeros(n + 1)
    up[1:n] = births[0] * (n - k) / n
    down[1:n] = births[1] * k / n
    return up, down


def fixation_probability(payoffs, resident, mutant, population: int, selection: float = 1.0,
                         method: str = "auto") -> float:
    """Probability that one mutant of strategy ``mutant`` takes over N - 1 ``resident``s.

    ``resident`` and ``mutant`` are indices or names of ``payoffs`` (a
    :class:`PayoffMatrix` or square array). ``method``: ``"auto"`` (what
    :func:`fixation_method` says), ``"exact"`` (an error when the matrix
    cannot give it) or ``"expected_fitness"`` (each fitness replaced by its
    mean, the classic formula).
    """
    payoffs = as_payoff_matrix(payoffs)
    i, j = index_of(payoffs, resident), index_of(payoffs, mutant)
    n = check_population(population)
    s = check_selection(selection)
    return _fixation(payoffs, i, j, n, s, check_method(method, payoffs, i, j))


def _fixation(payoffs: PayoffMatrix, i: int, j: int, n: int, s: float, method: str, shared=None) -> float:
    if i == j:
        return 1 / n
    births = _births(payoffs, i, j, n, s, method, shared)
    if births is not None:
        beta, gamma = births
        if np.any(beta == 0):
            return 0.0  # the mutants can never get past a state where they cannot reproduce
        k = np.arange(1, n, dtype=float)
        with np.errstate(divide="ignore"):
            # T-(k) / T+(k) = (1 - beta_k) k / (beta_k (N - k)); -inf where residents cannot reproduce
            return _rho(np.log(gamma) - np.log(beta) + np.log(k) - np.log(n - k))
    f_mutant, f_resident = fitnesses(payoffs.matrix, i, j, n, s, payoffs.names)
    if np.any(f_mutant == 0):
        return 0.0  # the mutants can never get past a state where they cannot reproduce
    with np.errstate(divide="ignore"):
        log_ratio = np.log(f_resident) - np.log(f_mutant)  # -inf where residents cannot reproduce
    return _rho(log_ratio)


def _rho(log_ratio: np.ndarray) -> float:
    """1 / (1 + sum_m prod_{k <= m} T-(k)/T+(k)) from the logarithms of the ratios."""
    log_products = np.cumsum(log_ratio)
    log_sum = np.logaddexp.reduce(log_products)
    return float(np.exp(-np.logaddexp(0.0, log_sum)))


def verdict(probability: float, population: int) -> str:
    """``favoured`` (rho > 1/N), ``disfavoured`` (rho < 1/N) or ``neutral``."""
    neutral = 1 / population
    if probability > neutral * (1 + NEUTRAL_TOLERANCE):
        return "favoured"
    if probability < neutral * (1 - NEUTRAL_TOLERANCE):
        return "disfavoured"
    return "neutral"


@dataclass(frozen=True)
class FixationResult:
    """Fixation probabilities for every ordered pair of strategies.

    ``matrix[i, j]``: probability that one ``names[j]`` mutant takes over a
    population of N - 1 ``names[i]`` residents (rows: residents, columns:
    mutants; the diagonal is NaN). ``methods[i][j]``: how it was computed,
    ``"exact"`` (axelrod's process) or ``"expected_fitness"`` (each fitness
    replaced by its mean); ``method``: the same for the whole matrix
    (``"mixed"`` when it differs between pairs), and ``method_reason`` why
    (:func:`fixation_method`).
    """

    names: tuple
    population: int
    selection: float
    matrix: np.ndarray
    method: str = "exact"
    method_reason: str | None = None
    methods: tuple | None = None

    @property
    def neutral(self) -> float:
        """The fixation probability under neutral drift, 1/N."""
        return 1 / self.population

    def verdicts(self) -> list[list]:
        """The :func:`verdict` on each entry of ``matrix``, rows and columns alike; None on the diagonal."""
        return [
            [None if i == j else verdict(self.matrix[i, j], self.population) for j in range(len(self.names))]
            for i in range(len(self.names))
        ]

    def pairs(self) -> list[dict]:
        """One record per ordered pair (resident, mutant)."""
        rows = []
        for i, resident in enumerate(self.names):
            for j, mutant in enumerate(self.names):
                if i != j:
                    rho = float(self.matrix[i, j])
                    rows.append({
                        "resident": resident,
                        "mutant": mutant,
                        "fixation_probability": rho,
                        "relative_to_neutral": rho * self.population,
                        "verdict": verdict(rho, self.population),
                    })
        return rows

    def to_dict(self) -> dict:
        """The JSON form: N, selection, 1/N, the matrix and verdicts (null on the diagonal), the methods."""
        return {
            "population": self.population,
            "selection": self.selection,
            "neutral": self.neutral,
            "residents": list(self.names),
            "mutants": list(self.names),
            "matrix": [[None if i == j else float(x) for j, x in enumerate(row)] for i, row in enumerate(self.matrix)],
            "verdicts": self.verdicts(),
            "method": self.method,
            "method_reason": self.method_reason,
            "methods": [list(row) for row in self.methods] if self.methods is not None else None,
        }


def fixation_matrix(payoffs, population: int, selection: float = 1.0, method: str = "auto") -> FixationResult:
    """Fixation probability of one mutant of each strategy among residents of each other one.

    ``method`` as for :func:`fixation_probability`; the result says which was used and why.
    """
    payoffs = as_payoff_matrix(payoffs)
    n = check_population(population)
    s = check_selection(selection)
    size = payoffs.size
    matrix = np.full((size, size), np.nan)
    methods = [[None if i == j else check_method(method, payoffs, i, j) for j in range(size)] for i in range(size)]
    random_lengths = [(i, j) for i in range(size) for j in range(size)
                      if i != j and exact_over_lengths(payoffs, i, j, methods[i][j])]
    shared = SharedBirths(payoffs, random_lengths, n, s) if random_lengths else None
    failures = []
    for i in range(size):
        for j in range(size):
            if i != j:
                try:
                    matrix[i, j] = _fixation(payoffs, i, j, n, s, methods[i][j], shared)
                except FitnessNotPositive as error:
                    failures.append(error)
    if failures:
        limits = [error.limit for error in failures if error.limit is not None]
        if not limits:
            raise failures[0]
        # the pair that needs the weakest selection sets the limit for the whole population
        raise min(failures, key=lambda error: np.inf if error.limit is None else error.limit)
    overall, reason = fixation_method(payoffs)
    if method == "expected_fitness" and overall != "expected_fitness":
        overall, reason = method, f"chosen by hand: {MEAN_FITNESS}"
    return FixationResult(payoffs.names, n, s, matrix, overall, reason, tuple(tuple(row) for row in methods))


