"""Fitness in the birth-death chain: checked population and selection, payoffs summed, fitness kept positive.

With k mutants among N - k residents, each individual's fitness is
``1 - s + s * (summed payoff per turn over the N - 1 others) / (N - 1)``
(see :mod:`.moran` for the process).
"""

from __future__ import annotations

import numpy as np

from ..errors import InvalidParameter, RegimelabError
from ..limits import MAX_POPULATION, check_integer, integer_range
from .pairs import pair_label


class FitnessNotPositive(RegimelabError):
    """A fitness is negative (or every fitness is zero): proportional selection is undefined."""

    def __init__(self, message: str, limit: float | None = None):
        self.parameter = "selection"
        self.limit = limit  # the largest selection intensity that would do, if any
        super().__init__(message)

    def __reduce__(self):
        return (type(self), (str(self), self.limit))


#: The Moran population N (regimelab.limits.MAX_POPULATION).
POPULATION_RANGE = integer_range(2, MAX_POPULATION)


def check_population(population) -> int:
    """``population`` as an int; refused unless it is an integer from 2 to 10**6 (a bool is not)."""
    if isinstance(population, bool) or not isinstance(population, (int, np.integer)):
        raise InvalidParameter("population", POPULATION_RANGE, population)
    return check_integer("population", population, 2, MAX_POPULATION, POPULATION_RANGE)


def check_selection(selection) -> float:
    """``selection`` as a float; refused unless it is a number in [0, 1] (a bool is not)."""
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


def refuse_negative_fitness(fitness, sums, n: int, s: float, who: str, when: str, where: str) -> None:
    """Raise :class:`FitnessNotPositive` naming the largest selection that works, if a fitness is negative.

    ``fitness`` is 1 - s + s * ``sums`` / (N - 1) (round-off around zero is set
    to zero in place); ``who``, ``when`` and ``where`` complete the message.
    """
    fitness[np.abs(fitness) < 1e-12] = 0.0
    if np.any(fitness < 0):
        worst = float(np.min(sums / (n - 1)))
        limit = 1 / (1 - worst)
        raise FitnessNotPositive(
            f"selection must keep fitness 1 - s + s*payoff non-negative{where}: {who} earns {worst:.4g} per "
            f"turn {when}, so the selection intensity must be at most {limit:.4g} (got {s:g})",
            limit,
        )


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
    label = pair_label(names, resident, mutant)
    for values, sums, who in ((mutant_fitness, mutant_sum, "mutant"), (resident_fitness, resident_sum, "resident")):
        refuse_negative_fitness(values, sums, n, s, f"the {who} in {label}", "on average", "")
    k = np.arange(1, n)
    if np.any(k * mutant_fitness + (n - k) * resident_fitness <= 0):
        raise FitnessNotPositive(
            f"every individual has zero fitness in {label} for some number of mutants, so no one can be "
            "chosen to reproduce; use a selection intensity below 1"
        )
    return mutant_fitness, resident_fitness
