"""The exact birth probabilities of the Moran chain when match lengths are random (a Laplace factorisation).

axelrod plays new matches at every step, so when a match's length is random
so is every fitness, and the probability that a mutant reproduces is
beta_k = E[X / (X + Y)] over the independent matches of one step (X the
mutants' total fitness, Y the residents'), not the ratio of the means. With
1/Z the integral of e^(-tZ) over t > 0, E[X/Z] is the integral of
E[X e^(-tZ)], and that expectation factorises over the matches
(:func:`birth_probabilities`). :class:`SharedBirths` computes the same for
every pair of a payoff matrix on one set of nodes.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..errors import InvalidParameter
from .fitness import FitnessNotPositive, check_population, check_selection, refuse_negative_fitness
from .pairs import index_of, pair_label
from .population import PayoffMatrix, as_payoff_matrix

#: Step of the trapezoidal rule in u = log t of :func:`birth_probabilities`
#: (its relative error is below 2 |Gamma(1 - 2 pi i / h)|, about 1e-20).
LOG_STEP = 0.2
#: Relative size of each tail of that integral left out.
INTEGRAL_TAIL = 1e-17


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
    i, j = index_of(payoffs, resident), index_of(payoffs, mutant)
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
    So beta_k is exact to round-off (``tests/evolution/test_births.py`` checks it
    against the sum over every draw of the matches).

    Raises :class:`FitnessNotPositive` when some draw gives an individual a
    negative fitness, or everyone zero fitness.
    """
    n = check_population(population)
    s = check_selection(selection)
    laws = [as_match_law(law) for law in (residents, mixed, mutants)]
    z_low, z_high = check_realised(laws, n, s, label)
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


class SharedBirths:
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
        """(beta_k, 1 - beta_k) for one ``mutant`` j among ``resident``s i, checked as :func:`birth_probabilities`."""
        laws = [as_match_law(law) for law in match_laws(self.payoffs, i, j)]
        check_realised(laws, self.n, self.s, pair_label(self.payoffs.names, i, j))
        (rr_phi, rr_z), (mm_phi, mm_z) = self._self(i), self._self(j)
        rm_phi, rm_resident, rm_mutant = self._mixed(i, j)
        zeros = np.zeros_like(self.t)
        transforms = np.array([[rr_phi, zeros, rr_z], [rm_phi, rm_mutant, rm_resident], [mm_phi, mm_z, zeros]])
        return _combine(transforms, self.t, self.n, self.s)


def as_match_law(law) -> MatchLaw:
    """``law`` (a :class:`MatchLaw` or ``(probabilities, first, second)``) checked, its impossible outcomes dropped."""
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


def check_realised(laws, n: int, s: float, label: str) -> tuple[np.ndarray, np.ndarray]:
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
        refuse_negative_fitness(fitness, sums, n, s, f"the {who} in {label}", "in its worst matches",
                                " in every match")
    z_low, z_high = _bounds(laws, n, s)
    if np.any(z_low <= _ZERO * np.maximum(z_high, 1.0)):
        raise FitnessNotPositive(
            f"every individual can have zero fitness at once in {label} (in some draws of the matches), "
            "so no one can be chosen to reproduce; use a selection intensity below 1"
        )
    return z_low, z_high

