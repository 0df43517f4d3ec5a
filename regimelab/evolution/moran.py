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
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..errors import InvalidParameter, RegimelabError
from .population import PayoffMatrix, as_payoff_matrix

#: Relative tolerance for calling a fixation probability equal to 1/N.
NEUTRAL_TOLERANCE = 1e-9
#: How fixation probabilities are computed (see :func:`fixation_method`).
METHODS = ("exact", "expected_fitness")
#: Step of the trapezoidal rule in u = log t of :func:`birth_probabilities`
#: (its relative error is below 2 |Gamma(1 - 2 pi i / h)|, about 1e-20).
LOG_STEP = 0.2
#: Relative size of each tail of that integral left out.
INTEGRAL_TAIL = 1e-17


class FitnessNotPositive(RegimelabError):
    """A fitness is negative (or every fitness is zero): proportional selection is undefined."""

    def __init__(self, message: str, limit: float | None = None):
        self.parameter = "selection"
        self.limit = limit  # the largest selection intensity that would do, if any
        super().__init__(message)

    def __reduce__(self):
        return (type(self), (str(self), self.limit))


def check_population(population) -> int:
    """``population`` as an int; refused unless it is an integer >= 2 (a bool is not)."""
    if isinstance(population, bool) or not isinstance(population, (int, np.integer)) or population < 2:
        raise InvalidParameter("population", "an integer >= 2", population)
    return int(population)


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


#: Why the exact method is exact, and what the approximation is.
_CERTAIN = "every match is certain, so is every fitness"
_LENGTHS = ("fitness is random only through the match lengths, and the chance to reproduce is averaged exactly "
            "over the lengths as axelrod's MoranProcess (prob_end) draws them")
_GIVEN = "payoffs given by hand, taken as every match's payoffs"
_MEAN = "each fitness is replaced by its mean, whereas axelrod's MoranProcess draws new matches at every step"


def fixation_method(payoffs, resident=None, mutant=None) -> tuple[str, str]:
    """``(method, why)``: how the fixation probability of ``mutant`` among ``resident`` is computed.

    ``exact``: the three kinds of match involved (resident-resident,
    resident-mutant, mutant-mutant) are certain (one fitness per state of
    the chain: the classic formula), or certain given their length, whose
    law the payoff matrix carries (:func:`birth_probabilities`); a hand-made
    matrix is taken as every match's payoffs. ``expected_fitness``: some
    match's payoffs are random in a way the matrix does not describe (noise,
    random signals, a strategy that randomises, a simulated matrix); each
    fitness is replaced by its mean. Without ``resident`` and ``mutant``:
    the method for the whole population, ``"mixed"`` when it differs
    between pairs.
    """
    payoffs = as_payoff_matrix(payoffs)
    scores = payoffs.length_scores
    if resident is None or mutant is None:
        pairs = [(i, j) for i in range(payoffs.size) for j in range(payoffs.size) if i != j] or [(0, 0)]
        methods = {fixation_method(payoffs, i, j)[0] for i, j in pairs}
        if len(methods) == 1:
            return fixation_method(payoffs, *pairs[0])
        return "mixed", (f"exact where a pair's matches are certain given their length; expected fitness for "
                         f"the other pairs, where {payoffs.random_reason}, and {_MEAN}")
    i, j = _index(payoffs, resident), _index(payoffs, mutant)
    if scores is not None and scores.pair_certain(i, j):
        return "exact", _CERTAIN if scores.fixed_length else _LENGTHS
    if payoffs.engine == "given" and payoffs.random_reason is None:
        return "exact", _GIVEN
    return "expected_fitness", f"{payoffs.random_reason or 'the payoff matrix gives mean payoffs only'}; {_MEAN}"


def check_method(method, payoffs, resident, mutant) -> str:
    """``method`` (``"auto"``, ``"exact"`` or ``"expected_fitness"``) resolved for one pair."""
    if method not in ("auto",) + METHODS:
        raise InvalidParameter("method", f"one of auto, {', '.join(METHODS)}", method)
    available, why = fixation_method(payoffs, resident, mutant)
    if method == "exact" and available != "exact":
        raise InvalidParameter("method", f"exact only when the matches are certain given their length ({why})",
                               method)
    return available if method == "auto" else method


class MatchLaw(NamedTuple):
    """The outcomes of one match: their probabilities and each player's score per turn in them."""

    probabilities: np.ndarray
    first: np.ndarray
    second: np.ndarray


def match_laws(payoffs, resident, mutant) -> tuple[MatchLaw, MatchLaw, MatchLaw]:
    """The laws of a resident-resident, a resident-mutant and a mutant-mutant match.

    From the payoff matrix's ``length_scores`` (the outcome of a match is
    its length); the resident is the first player of the mixed match.
    """
    payoffs = as_payoff_matrix(payoffs)
    scores = payoffs.length_scores
    i, j = _index(payoffs, resident), _index(payoffs, mutant)
    if scores is None or not scores.pair_certain(i, j):
        raise InvalidParameter("payoffs", "a payoff matrix whose length_scores cover these matches (certain given "
                               "their length)")
    p, a = scores.probabilities, scores.scores
    return MatchLaw(p, a[i, i], a[i, i]), MatchLaw(p, a[i, j], a[j, i]), MatchLaw(p, a[j, j], a[j, j])


def birth_probabilities(residents, mixed, mutants, population: int, selection: float = 1.0,
                        label: str = "the mutant's invasion") -> tuple[np.ndarray, np.ndarray]:
    """beta_k = E[X / Z] and 1 - beta_k = E[Y / Z] for k = 1 .. N-1 mutants, exactly.

    ``residents``, ``mixed``, ``mutants``: :class:`MatchLaw` (or
    ``(probabilities, first, second)``) of one resident-resident,
    resident-mutant (resident first) and mutant-mutant match. In one step
    of the process the k(k-1)/2 mutant-mutant, k(N-k) mixed and
    (N-k)(N-k-1)/2 resident-resident matches are independent draws from
    these laws. X and Y are the mutants' and the residents' total fitness,
    each individual's being ``1 - s + s/(N-1)`` times its summed score per
    turn, and Z = X + Y.

    With 1/Z = integral of e^(-tZ) dt over t > 0,

        E[X/Z] = integral of E[X e^(-tZ)] dt
               = integral of e^(-t N(1-s)) prod_m phi_m(t) (k(1-s) + sum_m psi_m(t)/phi_m(t)) dt,

    phi_m(t) = E[e^(-t z_m)] and psi_m(t) = E[x_m e^(-t z_m)] for match m,
    z_m its contribution to Z and x_m to X: the expectation factorises over
    the independent matches, and matches of one kind share phi and psi. The
    integral is taken in u = log t by the trapezoidal rule with step
    ``LOG_STEP``: the integrand is a positive mixture of e^u e^(-Z e^u), each
    analytic in the strip |Im u| < pi/2, and the rule's relative error for
    each is at most 2 |Gamma(1 - 2 pi i / h)| (the Fourier transform at the
    rule's frequency), about 1e-20 at h = 0.2. The range [t0, t1] leaves out
    tails each at most ``INTEGRAL_TAIL`` of the value (E[X/Z] >= E[X]/Zmax:
    t0 = INTEGRAL_TAIL/Zmax, t1 = (log(Zmax/Zmin) - log INTEGRAL_TAIL)/Zmin).
    So beta_k is exact to round-off (``tests/test_evolution.py`` checks it
    against the sum over every draw of the matches).

    Raises :class:`FitnessNotPositive` when some draw gives an individual a
    negative fitness, or everyone zero fitness.
    """
    n = check_population(population)
    s = check_selection(selection)
    laws = [_law(law) for law in (residents, mixed, mutants)]
    z_low, z_high = _check_realised(laws, n, s, label)
    rr, rm, mm = laws
    c = s / (n - 1)
    # each kind of match: its outcomes' probabilities, and their share of X (mutants) and of Y (residents)
    kinds = [
        _merge(rr.probabilities, np.zeros_like(rr.first), c * (rr.first + rr.second)),
        _merge(rm.probabilities, c * rm.second, c * rm.first),
        _merge(mm.probabilities, c * (mm.first + mm.second), np.zeros_like(mm.first)),
    ]
    t = _integral_nodes(float(z_low.min()), float(z_high.max()))
    transforms = np.array([_transforms(p, x, y, t) for p, x, y in kinds])  # (kind, 3, node)
    return _combine(transforms, t, n, s)


def _counts(n: int) -> np.ndarray:
    """How many resident-resident, mixed and mutant-mutant matches a step has, for k = 1 .. N-1: (3, N-1)."""
    k = np.arange(1, n, dtype=float)
    return np.stack([(n - k) * (n - k - 1) / 2, k * (n - k), k * (k - 1) / 2])


def _combine(transforms: np.ndarray, t: np.ndarray, n: int, s: float) -> tuple[np.ndarray, np.ndarray]:
    """E[X/Z] and E[Y/Z] for every k from each kind's log phi, psi_x/phi and psi_y/phi at the nodes t."""
    k = np.arange(1, n, dtype=float)
    counts, constant = _counts(n), n * (1 - s)
    log_phi, mean_x, mean_y = transforms[:, 0], transforms[:, 1], transforms[:, 2]
    weight = LOG_STEP * t * np.exp(-constant * t + counts.T @ log_phi)  # (k, node)
    x_part = (weight * (k[:, None] * (1 - s) + counts.T @ mean_x)).sum(axis=1)
    y_part = (weight * ((n - k)[:, None] * (1 - s) + counts.T @ mean_y)).sum(axis=1)
    total = x_part + y_part  # E[Z/Z] = 1 up to the rule's error
    return x_part / total, y_part / total


class _SharedBirths:
    """beta_k for the pairs of one payoff matrix with ``length_scores``, on one set of nodes.

    :func:`fixation_matrix`'s shortcut: a kind of match (a strategy against
    itself, or two strategies) appears in many pairs, so its transforms are
    computed once, on nodes that serve every pair (they cover every pair's
    range [t0, t1] of :func:`birth_probabilities`). Equal to
    :func:`birth_probabilities` up to round-off.
    """

    def __init__(self, payoffs: PayoffMatrix, pairs, n: int, s: float):
        self.payoffs, self.n, self.s = payoffs, n, s
        scores = payoffs.length_scores
        self.p, self.a, self.c = scores.probabilities, scores.scores, s / (n - 1)
        lows, highs = [], []
        for i, j in pairs:
            low, high = _bounds(match_laws(payoffs, i, j), n, s)
            if np.all(low > _ZERO * np.maximum(high, 1.0)):  # the others fail on their own
                lows.append(low.min())
                highs.append(high.max())
        self.t = _integral_nodes(float(min(lows)), float(max(highs))) if lows else None
        self.cache: dict = {}

    def _self(self, i: int):
        """log phi and psi/phi of the z of a strategy's match against itself."""
        if (i,) not in self.cache:
            z = self.c * 2 * self.a[i, i]
            self.cache[(i,)] = _transforms(*_merge(self.p, z, np.zeros_like(z)), self.t)[:2]
        return self.cache[(i,)]

    def _mixed(self, i: int, j: int):
        """log phi and the parts of psi/phi from i's score and from j's, for a match of i against j."""
        key = (min(i, j), max(i, j))
        if key not in self.cache:
            low, high = key
            self.cache[key] = _transforms(*_merge(self.p, self.c * self.a[low, high], self.c * self.a[high, low]),
                                          self.t)
        log_phi, first, second = self.cache[key]
        return (log_phi, first, second) if i < j else (log_phi, second, first)

    def __call__(self, i: int, j: int) -> tuple[np.ndarray, np.ndarray]:
        laws = [_law(law) for law in match_laws(self.payoffs, i, j)]
        _check_realised(laws, self.n, self.s, _labels(self.payoffs.names, i, j))
        (rr_phi, rr_z), (mm_phi, mm_z) = self._self(i), self._self(j)
        rm_phi, rm_resident, rm_mutant = self._mixed(i, j)
        zeros = np.zeros_like(self.t)
        transforms = np.array([[rr_phi, zeros, rr_z], [rm_phi, rm_mutant, rm_resident], [mm_phi, mm_z, zeros]])
        return _combine(transforms, self.t, self.n, self.s)


def _law(law) -> MatchLaw:
    p, first, second = (np.asarray(part, dtype=float).reshape(-1) for part in law)
    if not (len(p) == len(first) == len(second)) or len(p) == 0:
        raise InvalidParameter("law", "probabilities and both players' scores, one of each per outcome")
    if np.any(p < 0) or not np.isclose(p.sum(), 1.0, rtol=0, atol=1e-9) or not np.all(np.isfinite(first + second)):
        raise InvalidParameter("law", "probabilities that sum to 1 and finite scores", p.sum())
    keep = p > 0
    return MatchLaw(p[keep], first[keep], second[keep])


def _merge(p: np.ndarray, x: np.ndarray, y: np.ndarray):
    """Outcomes with equal shares (x, y) merged into one, their probabilities added; impossible ones dropped."""
    possible = p > 0
    p, x, y = p[possible], x[possible], y[possible]
    unique, inverse = np.unique(np.column_stack([x, y]), axis=0, return_inverse=True)
    return np.bincount(inverse.reshape(-1), weights=p, minlength=len(unique)), unique[:, 0], unique[:, 1]


def _integral_nodes(low: float, high: float) -> np.ndarray:
    """The nodes t = e^u, u evenly spaced by ``LOG_STEP``, covering [t0, t1] (see birth_probabilities)."""
    start = np.log(INTEGRAL_TAIL / high)
    stop = np.log((np.log(high / low) - np.log(INTEGRAL_TAIL)) / low)
    return np.exp(start + LOG_STEP * np.arange(int(np.ceil((stop - start) / LOG_STEP)) + 1))


def _transforms(p, x, y, t, chunk: int = 64) -> np.ndarray:
    """log E[e^(-tz)], E[x e^(-tz)] / E[e^(-tz)], E[y e^(-tz)] / E[e^(-tz)] at each t (z = x + y)."""
    z, log_p = x + y, np.log(p)
    out = np.empty((3, len(t)))
    for first in range(0, len(t), chunk):
        part = slice(first, first + chunk)
        exponent = log_p[None, :] - t[part, None] * z[None, :]
        top = exponent.max(axis=1, keepdims=True)
        terms = np.exp(exponent - top)
        mass = terms.sum(axis=1)
        out[0, part] = top[:, 0] + np.log(mass)
        out[1, part] = terms @ x / mass
        out[2, part] = terms @ y / mass
    return out


#: A total fitness this small (relative to its largest value) counts as zero.
_ZERO = 1e-12


def _bounds(laws, n: int, s: float) -> tuple[np.ndarray, np.ndarray]:
    """The smallest and largest total fitness Z of a step, over every draw of the matches, for each k."""
    rr, rm, mm = laws
    z = [(rr.first + rr.second), (rm.first + rm.second), (mm.first + mm.second)]
    c, counts, constant = s / (n - 1), _counts(n), n * (1 - s)
    return (constant + c * np.array([np.min(v) for v in z]) @ counts,
            constant + c * np.array([np.max(v) for v in z]) @ counts)


def _check_realised(laws, n: int, s: float, label: str) -> tuple[np.ndarray, np.ndarray]:
    """Every fitness non-negative and someone's positive in every draw of the matches; the bounds of Z.

    Raises :class:`FitnessNotPositive` otherwise (axelrod's proportional
    choice would be undefined in that draw).
    """
    rr, rm, mm = laws
    k = np.arange(1, n, dtype=float)
    worst_mutant = (k - 1) * min(mm.first.min(), mm.second.min()) + (n - k) * rm.second.min()
    worst_resident = k * rm.first.min() + (n - k - 1) * min(rr.first.min(), rr.second.min())
    for sums, who in ((worst_mutant, "mutant"), (worst_resident, "resident")):
        fitness = 1 - s + s * sums / (n - 1)
        fitness[np.abs(fitness) < 1e-12] = 0.0
        if np.any(fitness < 0):
            worst = float(np.min(sums / (n - 1)))
            limit = 1 / (1 - worst)
            raise FitnessNotPositive(
                f"selection must keep fitness 1 - s + s*payoff non-negative in every match: the {who} in "
                f"{label} earns {worst:.4g} per turn in its worst matches, so the selection intensity must "
                f"be at most {limit:.4g} (got {s:g})",
                limit,
            )
    z_low, z_high = _bounds(laws, n, s)
    if np.any(z_low <= _ZERO * np.maximum(z_high, 1.0)):
        raise FitnessNotPositive(
            f"every individual can have zero fitness at once in {label} (in some draws of the matches), "
            "so no one can be chosen to reproduce; use a selection intensity below 1"
        )
    return z_low, z_high


def _random_lengths(payoffs: PayoffMatrix, i: int, j: int, method: str) -> bool:
    """True when the pair's fitness is random through the match lengths and ``method`` is exact."""
    scores = payoffs.length_scores
    return method == "exact" and scores is not None and not scores.fixed_length and scores.pair_certain(i, j)


def _births(payoffs: PayoffMatrix, i: int, j: int, n: int, s: float, method: str, shared=None):
    """(beta_k, 1 - beta_k) when fitness is random and ``method`` is exact; None when the classic formula is."""
    if not _random_lengths(payoffs, i, j, method):
        return None
    if shared is not None:
        return shared(i, j)
    return birth_probabilities(*match_laws(payoffs, i, j), n, s, label=_labels(payoffs.names, i, j))


def transition_probabilities(matrix, resident: int, mutant: int, population: int, selection: float = 1.0,
                             method: str = "auto"):
    """T+(k) and T-(k) for k = 0 .. N (zero at the absorbing states 0 and N)."""
    payoffs = as_payoff_matrix(matrix)
    i, j = _index(payoffs, resident), _index(payoffs, mutant)
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
    i, j = _index(payoffs, resident), _index(payoffs, mutant)
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
                      if i != j and _random_lengths(payoffs, i, j, methods[i][j])]
    shared = _SharedBirths(payoffs, random_lengths, n, s) if random_lengths else None
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
        overall, reason = method, f"chosen by hand: {_MEAN}"
    return FixationResult(payoffs.names, n, s, matrix, overall, reason, tuple(tuple(row) for row in methods))


def simulate_fixation(
    payoffs, resident, mutant, population: int, selection: float = 1.0, runs: int = 10_000, seed: int = 0,
    method: str = "auto",
) -> tuple[float, float]:
    """Monte-Carlo of the individual-level process: (share of runs the mutant fixed, its standard error).

    Plays the process step by step on N individuals, as described at the top
    of this module (fitness from the payoffs against the N - 1 others, parent
    proportional to fitness, the dying individual uniform among all N), to
    check :func:`fixation_probability` independently of its derivation.
    When the payoff matrix has ``length_scores`` with more than one length
    (and ``method`` is not ``"expected_fitness"``), every match of every step
    draws its own length, as axelrod's ``MoranProcess`` does; otherwise each
    match pays its entry of the matrix.
    """
    payoffs = as_payoff_matrix(payoffs)
    i, j = _index(payoffs, resident), _index(payoffs, mutant)
    n = check_population(population)
    s = check_selection(selection)
    method = check_method(method, payoffs, i, j)
    scores = payoffs.length_scores
    random_lengths = _random_lengths(payoffs, i, j, method)
    if random_lengths:
        _check_realised([_law(law) for law in match_laws(payoffs, i, j)], n, s, _labels(payoffs.names, i, j))
        pair = scores.scores[np.ix_([i, j], [i, j])]  # (type, type, length)
        cumulative = np.cumsum(scores.probabilities)
        upper = np.triu_indices(n, 1)
    else:
        fitnesses(payoffs.matrix, i, j, n, s, payoffs.names)  # same checks as the formula
        pair = payoffs.matrix[np.ix_([i, j], [i, j])]  # type 0: resident, 1: mutant
    if isinstance(runs, bool) or not isinstance(runs, (int, np.integer)) or runs < 1:
        raise InvalidParameter("runs", "an integer >= 1", runs)
    rng = np.random.default_rng(seed)
    types = np.zeros((runs, n), dtype=np.int64)  # all runs side by side, one row each
    types[:, 0] = 1
    active = np.arange(runs)
    while active.size:
        rows = types[active]
        if random_lengths:
            # one length per match (a, b), a < b, shared by both players
            draws = np.minimum(np.searchsorted(cumulative, rng.random((active.size, len(upper[0])))),
                               len(cumulative) - 1)
            length = np.zeros((active.size, n, n), dtype=np.int64)
            length[:, upper[0], upper[1]] = draws
            length[:, upper[1], upper[0]] = draws
            per_match = pair[rows[:, :, None], rows[:, None, :], length]
            per_match[:, np.arange(n), np.arange(n)] = 0.0  # no self-play
            sums = per_match.sum(axis=2)
        else:
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
