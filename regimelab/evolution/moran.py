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
selection intensity s in [0, 1] ([Nowak2004]): s = 1 (the default) is
fitness proportional to the payoffs, axelrod's own choice with no
``fitness_transformation`` (the common factor N - 1 cancels), s -> 0 is
neutral drift. The chain moves

    k -> k + 1 with T+(k) = k f_j / (k f_j + (N - k) f_i) * (N - k) / N
    k -> k - 1 with T-(k) = (N - k) f_i / (k f_j + (N - k) f_i) * k / N

and stays otherwise. The fixation probability of one mutant is the standard
product formula ([Nowak2004]; [Taylor2004]; docs/sources.md)

    rho = 1 / (1 + sum_{m=1}^{N-1} prod_{k=1}^{m} T-(k) / T+(k)),
    T-(k) / T+(k) = f_i(k) / f_j(k).

Under neutral drift rho = 1/N; a mutant is *favoured* when rho > 1/N.

**Random fitness.** axelrod plays new matches at every step, so when a
match's payoffs are random (a random length under ``shadow``, noise, random
signals, strategies that randomise) so is every fitness, and the
probability that a mutant reproduces is

    beta_k = E[X / (X + Y)],   X = the mutants' total fitness, Y = the residents',

over the independent matches of one step, not the ratio of the means. The
chain is still birth-death, with T+(k) = beta_k (N - k) / N and
T-(k) = (1 - beta_k) k / N. When every match is certain given its length
(the payoff matrix's ``length_scores``), :func:`birth_probabilities`
computes beta_k exactly (``method="exact"``): with 1/Z the integral of
e^(-tZ) over t > 0, E[X/Z] is the integral of E[X e^(-tZ)], and that
expectation factorises over the matches (see there). Otherwise the formula
above, with each fitness replaced by its mean, is what is computed
(``method="expected_fitness"``) and the result says so.

    >>> fixation_probability([[3, 0.995], [1.02, 1]], resident=0, mutant=1, population=10)
    >>> fixation_matrix(matrix, population=10).to_dict()

This module is the facade; one job per module behind it:

- :mod:`.pairs`: a pair's indices and its name in messages;
- :mod:`.fitness`: population and selection checked, payoffs summed, fitness kept positive;
- :mod:`.methods`: which method a pair gets (exact or expected fitness) and why;
- :mod:`.births`: the exact beta_k under random match lengths (the Laplace factorisation);
- :mod:`.fixation`: the chain, the fixation formula, :class:`FixationResult`;
- :mod:`.monte_carlo`: the individual-level process played out, to check the formula.

The numerical settings (``births.INTEGRAL_TAIL``, ``births.LOG_STEP``,
``fixation.NEUTRAL_TOLERANCE``) are not re-exported: a copy here would not
change what the modules that use them read.
"""

from __future__ import annotations

from .births import MatchLaw, birth_probabilities, match_laws
from .fitness import FitnessNotPositive, check_population, check_selection, fitnesses, payoff_sums
from .fixation import FixationResult, fixation_matrix, fixation_probability, transition_probabilities, verdict
from .methods import METHODS, check_method, fixation_method
from .monte_carlo import simulate_fixation

__all__ = [
    "METHODS",
    "FitnessNotPositive",
    "FixationResult",
    "MatchLaw",
    "birth_probabilities",
    "check_method",
    "check_population",
    "check_selection",
    "fitnesses",
    "fixation_matrix",
    "fixation_method",
    "fixation_probability",
    "match_laws",
    "payoff_sums",
    "simulate_fixation",
    "transition_probabilities",
    "verdict",
]
