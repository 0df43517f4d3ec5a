"""How a fixation probability is computed for a pair: ``exact`` or ``expected_fitness``, and why."""

from __future__ import annotations

from ..errors import InvalidParameter
from .pairs import index_of
from .population import PayoffMatrix, as_payoff_matrix

#: How fixation probabilities are computed (see :func:`fixation_method`).
METHODS = ("exact", "expected_fitness")

#: Why the exact method is exact, and what the approximation is.
_CERTAIN = "every match is certain, so is every fitness"
_LENGTHS = ("fitness is random only through the match lengths, and the chance to reproduce is averaged exactly "
            "over the lengths as axelrod's MoranProcess (prob_end) draws them")
_GIVEN = "payoffs given by hand, taken as every match's payoffs"
MEAN_FITNESS = "each fitness is replaced by its mean, whereas axelrod's MoranProcess draws new matches at every step"


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
                         f"the other pairs, where {payoffs.random_reason}, and {MEAN_FITNESS}")
    i, j = index_of(payoffs, resident), index_of(payoffs, mutant)
    if scores is not None and scores.pair_certain(i, j):
        return "exact", _CERTAIN if scores.fixed_length else _LENGTHS
    if payoffs.engine == "given" and payoffs.random_reason is None:
        return "exact", _GIVEN
    return "expected_fitness", f"{payoffs.random_reason or 'the payoff matrix gives mean payoffs only'}; {MEAN_FITNESS}"


def check_method(method, payoffs, resident, mutant) -> str:
    """``method`` (``"auto"``, ``"exact"`` or ``"expected_fitness"``) resolved for one pair."""
    if method not in ("auto",) + METHODS:
        raise InvalidParameter("method", f"one of auto, {', '.join(METHODS)}", method)
    available, why = fixation_method(payoffs, resident, mutant)
    if method == "exact" and available != "exact":
        raise InvalidParameter("method", f"exact only when the matches are certain given their length ({why})",
                               method)
    return available if method == "auto" else method


def exact_over_lengths(payoffs: PayoffMatrix, i: int, j: int, method: str) -> bool:
    """True when the pair's fitness is random through the match lengths and ``method`` is exact."""
    scores = payoffs.length_scores
    return method == "exact" and scores is not None and not scores.fixed_length and scores.pair_certain(i, j)
