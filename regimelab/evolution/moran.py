"""Fixation probabilities of the Moran process on a payoff matrix.

The process is axelrod's ``MoranProcess`` in its default mode (birth-death on
the complete graph, no mutation), written as a birth-death chain on the number
of mutants. In a population of N individuals, each step:

1. every individual plays every *other* individual (no self-play); its fitness
   is the sum of its scores per turn over those N - 1 matches (axelrod sums
   ``Match.final_score_per_turn``), passed through an optional
   ``fitness_transformation``;
2. one individual is chosen to reproduce, with probability proportional to
   fitness (birth first);
3. one individual is chosen to die uniformly among all N, the parent
   included (the reproduction graph has loops); its place goes to a clone of
   the parent.

With k mutants of strategy j among N - k residents of strategy i, and A the
payoff matrix (per turn), the summed payoffs are

    mutant:   (k - 1) A[j, j] + (N - k) A[j, i]
    resident:  k A[i, j] + (N - k - 1) A[i, i]

and the fitness is ``f = 1 - s + s * (summed payoff) / (N - 1)`` for a
selection intensity s in [0, 1] (Nowak et al. 2004): s = 1 (the default) is
fitness proportional to the payoffs, axelrod's own choice with no
``fitness_transformation`` (the common factor N - 1 cancels), s -> 0 is
neutral drift. The chain moves

    k -> k + 1 with T+(k) = k f_j / (k f_j + (N - k) f_i) * (N - k) / N
    k -> k - 1 with T-(k) = (N - k) f_i / (k f_j + (N - k) f_i) * k / N

and stays otherwise. The fixation probability of one mutant is the standard
product formula (Nowak et al. 2004; Taylor et al. 2004)

    rho = 1 / (1 + sum_{m=1}^{N-1} prod_{k=1}^{m} T-(k) / T+(k)),
    T-(k) / T+(k) = f_i(k) / f_j(k).

Under neutral drift rho = 1/N; a mutant is *favoured* when rho > 1/N.

    >>> fixation_probability([[3, 0.995], [1.02, 1]], resident=0, mutant=1, population=10)
    >>> fixation_matrix(matrix, population=10).to_dict()
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InvalidParameter, RegimelabError
from .population import PayoffMatrix, as_payoff_matrix

#: Relative tolerance for calling a fixation probability equal to 1/N.
NEUTRAL_TOLERANCE = 1e-9


class FitnessNotPositive(RegimelabError):
    """A fitness is negative (or every fitness is zero): proportional selection is undefined."""

    def __init__(self, message: str, limit: float | None = None):
        self.parameter = "selection"
        self.limit = limit  # the largest selection intensity that would do, if any
        super().__init__(message)

    def __reduce__(self):
        return (type(self), (str(self), self.limit))


def check_population(population) -> int:
    if isinstance(population, bool) or not isinstance(population, (int, np.integer)) or population < 2:
        raise InvalidParameter("population", "an integer >= 2", population)
    return int(population)


def check_selection(selection) -> float:
    if (
        isinstance(selection, bool)
        or not isinstance(selection, (int, float, np.number))
        or not 0 <= selection <= 1
    ):
        raise InvalidParameter("selection", "a number between 0 and 1 (1: fitness proportional to payoff)", selection)
    return float(selection)


def payoff_sums(matrix, resident: int, mutant: int, population: int) -> tuple[np.ndarray, np.ndarray]:
    """Summed payoffs per turn (over the N - 1 others) of a mutant and a resident, for k = 1 .. N-1 mutants."""
    a = np.asarray(matrix, dtype=float)
    n = population
    k = np.arange(1, n, dtype=float)
    mutant_sum = (k - 1) * a[mutant, mutant] + (n - k) * a[mutant, resident]
    resident_sum = k * a[resident, mutant] + (n - k - 1) * a[resident, resident]
    return mutant_sum, resident_sum


def fitnesses(matrix, resident: int, mutant: int, population: int, selection: float = 1.0, names=None):
    """Fitness of a mutant and of a resident with k = 1 .. N-1 mutants; checked positive.

    Raises :class:`FitnessNotPositive` when a fitness is negative, or when
    both are zero (axelrod would then always pick its first individual).
    """
    n = check_population(population)
    s = check_selection(selection)
    mutant_sum, resident_sum = payoff_sums(matrix, resident, mutant, n)
    mutant_fitness = 1 - s + s * mutant_sum / (n - 1)
    resident_fitness = 1 - s + s * resident_sum / (n - 1)
    label = _labels(names, resident, mutant)
    # Round-off around zero (e.g. 1 - s + s * 0 with s = 1) is zero, not negative.
    mutant_fitness[np.abs(mutant_fitness) < 1e-12] = 0.0
    resident_fitness[np.abs(resident_fitness) < 1e-12] = 0.0
    for values, sums, who in ((mutant_fitness, mutant_sum, "mutant"), (resident_fitness, resident_sum, "resident")):
        if np.any(values < 0):
            worst = float(np.min(sums / (n - 1)))
            limit = 1 / (1 - worst)
            raise FitnessNotPositive(
                f"selection must keep fitness 1 - s + s*payoff non-negative: the {who} in {label} "
                f"earns {worst:.4g} per turn on average, so the selection intensity must be at most "
                f"{limit:.4g} (got {s:g})",
                limit,
            )
    k = np.arange(1, n)
    if np.any(k * mutant_fitness + (n - k) * resident_fitness <= 0):
        raise FitnessNotPositive(
            f"every individual has zero fitness in {label} for some number of mutants, so no one can be "
            "chosen to reproduce; use a selection intensity below 1"
        )
    return mutant_fitness, resident_fitness


def transition_probabilities(matrix, resident: int, mutant: int, population: int, selection: float = 1.0):
    """T+(k) and T-(k) for k = 0 .. N (zero at the absorbing states 0 and N)."""
    n = check_population(population)
    f_mutant, f_resident = fitnesses(matrix, resident, mutant, n, selection)
    k = np.arange(1, n, dtype=float)
    total = k * f_mutant + (n - k) * f_resident
    up = np.zeros(n + 1)
    down = np.zeros(n + 1)
    up[1:n] = k * f_mutant / total * (n - k) / n
    down[1:n] = (n - k) * f_resident / total * k / n
    return up, down


def fixation_probability(payoffs, resident, mutant, population: int, selection: float = 1.0) -> float:
    """Probability that one mutant of strategy ``mutant`` takes over N - 1 ``resident``s.

    ``resident`` and ``mutant`` are indices or names of ``payoffs`` (a
    :class:`PayoffMatrix` or square array).
    """
    payoffs = as_payoff_matrix(payoffs)
    i, j = _index(payoffs, resident), _index(payoffs, mutant)
    n = check_population(population)
    if i == j:
        return 1 / n
    f_mutant, f_resident = fitnesses(payoffs.matrix, i, j, n, selection, payoffs.names)
    if np.any(f_mutant == 0):
        return 0.0  # the mutants can never get past a state where they cannot reproduce
    with np.errstate(divide="ignore"):
        log_ratio = np.log(f_resident) - np.log(f_mutant)  # -inf where residents cannot reproduce
    log_products = np.cumsum(log_ratio)
    log_sum = np.logaddexp.reduce(log_products)
    return float(np.exp(-np.logaddexp(0.0, log_sum)))


def _index(payoffs: PayoffMatrix, key) -> int:
    if isinstance(key, (int, np.integer)) and not isinstance(key, bool):
        if not 0 <= key < payoffs.size:
            raise InvalidParameter("strategy", f"an index from 0 to {payoffs.size - 1}", key)
        return int(key)
    return payoffs.index(key)


def _labels(names, resident: int, mutant: int) -> str:
    if names is None:
        return f"mutant {mutant} among residents {resident}"
    return f"one {names[mutant]} among {names[resident]} residents"


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
    mutants; the diagonal is NaN).
    """

    names: tuple
    population: int
    selection: float
    matrix: np.ndarray

    @property
    def neutral(self) -> float:
        return 1 / self.population

    def verdicts(self) -> list[list]:
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
        return {
            "population": self.population,
            "selection": self.selection,
            "neutral": self.neutral,
            "residents": list(self.names),
            "mutants": list(self.names),
            "matrix": [[None if i == j else float(x) for j, x in enumerate(row)] for i, row in enumerate(self.matrix)],
            "verdicts": self.verdicts(),
        }


def fixation_matrix(payoffs, population: int, selection: float = 1.0) -> FixationResult:
    """Fixation probability of one mutant of each strategy among residents of each other one."""
    payoffs = as_payoff_matrix(payoffs)
    n = check_population(population)
    s = check_selection(selection)
    size = payoffs.size
    matrix = np.full((size, size), np.nan)
    failures = []
    for i in range(size):
        for j in range(size):
            if i != j:
                try:
                    matrix[i, j] = fixation_probability(payoffs, i, j, n, s)
                except FitnessNotPositive as error:
                    failures.append(error)
    if failures:
        limits = [error.limit for error in failures if error.limit is not None]
        if not limits:
            raise failures[0]
        # the pair that needs the weakest selection sets the limit for the whole population
        raise min(failures, key=lambda error: np.inf if error.limit is None else error.limit)
    return FixationResult(payoffs.names, n, s, matrix)


def simulate_fixation(
    payoffs, resident, mutant, population: int, selection: float = 1.0, runs: int = 10_000, seed: int = 0
) -> tuple[float, float]:
    """Monte-Carlo of the individual-level process: (share of runs the mutant fixed, its standard error).

    Plays the process step by step on N individuals, as described at the top
    of this module (fitness from the payoffs against the N - 1 others, parent
    proportional to fitness, the dying individual uniform among all N), to
    check :func:`fixation_probability` independently of its derivation.
    """
    payoffs = as_payoff_matrix(payoffs)
    i, j = _index(payoffs, resident), _index(payoffs, mutant)
    n = check_population(population)
    s = check_selection(selection)
    fitnesses(payoffs.matrix, i, j, n, s, payoffs.names)  # same checks as the formula
    if isinstance(runs, bool) or not isinstance(runs, (int, np.integer)) or runs < 1:
        raise InvalidParameter("runs", "an integer >= 1", runs)
    pair = payoffs.matrix[np.ix_([i, j], [i, j])]  # type 0: resident, 1: mutant
    rng = np.random.default_rng(seed)
    types = np.zeros((runs, n), dtype=np.int64)  # all runs side by side, one row each
    types[:, 0] = 1
    active = np.arange(runs)
    while active.size:
        rows = types[active]
        mutants = rows.sum(axis=1, keepdims=True)
        # each individual's summed payoff against the N - 1 others
        sums = (n - mutants) * pair[rows, 0] + mutants * pair[rows, 1] - pair[rows, rows]
        weights = np.cumsum(1 - s + s * sums / (n - 1), axis=1)
        draw = rng.random(active.size) * weights[:, -1]
        parent = (weights < draw[:, None]).sum(axis=1)  # the first with cumulative weight >= draw
        dead = rng.integers(n, size=active.size)
        rows[np.arange(active.size), dead] = rows[np.arange(active.size), parent]
        types[active] = rows
        count = rows.sum(axis=1)
        active = active[(count > 0) & (count < n)]
    fixed = int(np.sum(types.sum(axis=1) == n))
    estimate = fixed / runs
    return estimate, float(np.sqrt(max(estimate * (1 - estimate), 1 / runs) / runs))
