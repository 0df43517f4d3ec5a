"""The estimate of the exact engine's round robin, :func:`exact_tournament_workload`.

Each pair of machines is a :class:`PairEstimate`, first sized by the bound m1 x m2
on its joint chain (:func:`bound_pair`); :func:`pair_seconds` and
:func:`pair_bytes` cost one evaluation of it. When that bound puts a run above
the limit, :func:`sized` builds the largest chains to learn their real size.
The super-game's estimates (:mod:`.thresholds`) and evolution's
(:mod:`.evolution`) cost their pairs of machines with the same functions.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from ..errors import RegimelabError
from ..exact import DENSE_LIMIT, LONG_RUN_LIMIT, MAX_JOINT_STATES, pair_chain
from ..exact_solve import SCHUR_CLASS_LIMIT, class_structure
from ..game import Game
from ..regime import Regime
from .limit import Workload, duration_text
from .rates import (
    EXACT_PAIR_SECONDS,
    EXACT_STATE_BYTES,
    EXACT_STATE_SECONDS,
    EXACT_STEP_SECONDS,
    FLOP_SECONDS,
    NONZERO_SECONDS,
    PAIRING_BYTES,
    RECORD_BYTES,
    SPARSE_SOLVE_BYTES,
    SPARSE_SOLVE_SECONDS,
    SUBSTITUTION_STEP_SECONDS,
    SWEEP_LEVEL_SECONDS,
)

#: Gauss-Legendre nodes per panel of the per-turn weights under a shadow (``exact_occupancy``).
PANEL_NODES = 16
#: At most this long is spent building chains to replace the bound m1 * m2 on their size by the real size.
REFINE_SECONDS = 2.0


def _panels(shadow: float) -> int:
    """Dyadic panels of :func:`regimelab.exact.per_turn_occupancy` under ``shadow`` w (0 when w = 0)."""
    if shadow == 0:
        return 0
    span = shadow / (1.0 - shadow)
    return 1 if span <= 1 else math.ceil(math.log2(span)) + 1


def _support(regime: Regime) -> tuple:
    """What decides which joint states are reachable: whether there is noise, and p and a as 0, 1 or between."""
    def kind(q):
        return 0 if q == 0 else 1 if q == 1 else 2

    return (regime.noise > 0, kind(regime.transparency), kind(regime.false_alarm))


#: Joint chains built by :func:`_refine`: (first machine, second machine, support) -> (states, non-zeros, dense).
_CHAIN_SIZES: dict = {}


@dataclass
class PairEstimate:
    """One pair of machines in an estimate: how often it is computed, and its chain's size (bound or real)."""

    first: object
    second: object
    count: float
    states: int
    nonzero: int
    dense: bool
    real: bool = False
    #: What decides the cost of a shadow (regimelab.exact_solve): ((class size, how many), ...) for the chain's
    #: strongly connected classes of more than one state, and its number of levels; bounded from the machines'
    #: own classes (:func:`bound_pair`), then the real ones once the chain is built.
    classes: tuple = ((), 1)
    refused: bool = False  # the engine refuses the chain (more than MAX_JOINT_STATES states)


def bound_pair(first, second, count: float) -> PairEstimate:
    """``first`` against ``second``, ``count`` times, its chain sized by the bound min(m1 x m2, MAX_JOINT_STATES).

    A class of the joint chain lies within the product of a class of each
    machine's graph of states (a cycle of the pair is a cycle of each), so its
    classes are bounded by c1 x c2, the product of the machines' largest; its
    levels are taken as the sum of theirs.
    """
    states = min(first.size * second.size, MAX_JOINT_STATES)
    if states <= DENSE_LIMIT:  # classes matter only to a sparse chain (_shadow_seconds); no scipy to find them
        return PairEstimate(first, second, count, states, 16 * states, True)
    (largest1, levels1), (largest2, levels2) = machine_classes(first), machine_classes(second)
    largest = min(largest1 * largest2, states)
    classes = (((largest, states // largest),) if largest > 1 else (), levels1 + levels2)
    return PairEstimate(first, second, count, states, 16 * states, False, classes=classes)


#: Each machine's largest class and levels (:func:`machine_classes`), by machine.
_MACHINE_CLASSES: dict = {}


def machine_classes(machine) -> tuple[int, int]:
    """The largest strongly connected class of a machine's graph of states (any action, any signal), and the
    number of levels of its classes."""
    try:
        return _MACHINE_CLASSES[machine]
    except (KeyError, TypeError):  # not seen yet, or a machine that cannot be hashed
        pass
    import scipy.sparse as sp

    _, next_state = machine.arrays()
    size = machine.size
    graph = sp.csr_matrix((np.ones(4 * size), (np.repeat(np.arange(size), 4), next_state.reshape(-1))),
                          shape=(size, size))
    sizes, levels = class_structure(graph)
    structure = (int(sizes.max()), levels)
    try:
        if len(_MACHINE_CLASSES) >= 4096:
            _MACHINE_CLASSES.clear()
        _MACHINE_CLASSES[machine] = structure
    except TypeError:
        pass
    return structure


def pair_seconds(pair: PairEstimate, regime: Regime, long_run) -> float:
    """One evaluation of a pair's chain (:func:`regimelab.exact.evaluate`).

    Building the chain: EXACT_STATE_SECONDS per joint state. Under ``turns``
    n: a small dense chain by doubling, 3 log2(n) products of S x S matrices
    (2 S^3 operations each); otherwise round by round, n x (a step + its
    non-zero entries). Under ``shadow`` w: the 1 + 16 x panels(w) shifted
    systems of :func:`_shadow_seconds`; the long-run value (for chains up to
    LONG_RUN_LIMIT states with ``long_run="auto"``) two solves (S^3 dense,
    SPARSE_SOLVE_SECONDS x S^1.5 sparse).
    """
    s = float(pair.states)
    solve = FLOP_SECONDS * s**3 if pair.dense else SPARSE_SOLVE_SECONDS * s**1.5
    seconds = EXACT_PAIR_SECONDS + EXACT_STATE_SECONDS * s
    if regime.shadow is None:
        turns = float(regime.turns)
        if pair.dense and turns > 4 * s:
            seconds += FLOP_SECONDS * 6 * s**3 * math.log2(turns)
        else:
            step = 2 * s * s if pair.dense else pair.nonzero
            seconds += turns * (EXACT_STEP_SECONDS + NONZERO_SECONDS * step)
    else:
        seconds += _shadow_seconds(pair, 1 + PANEL_NODES * _panels(regime.shadow))
    if long_run is True or (long_run == "auto" and s <= LONG_RUN_LIMIT):
        seconds += 2 * solve
    return seconds


def _shadow_seconds(pair: PairEstimate, shifts: int) -> float:
    """The shifted systems under a shadow (:func:`regimelab.exact_solve.shifted_row_solves`).

    A dense chain: its Schur form (S^3 operations) and S substitution steps.
    A sparse one, by its strongly connected classes: each up to
    SCHUR_CLASS_LIMIT states as a dense chain, each larger one a sparse
    factorisation per shift, plus a sweep step per level and the moves
    between classes per shift (the classes bounded until the chain is built).
    """
    s = float(pair.states)
    if pair.dense:
        return FLOP_SECONDS * s**3 + SUBSTITUTION_STEP_SECONDS * s
    sizes, levels = pair.classes
    seconds = SWEEP_LEVEL_SECONDS * levels + shifts * NONZERO_SECONDS * pair.nonzero
    for size, count in sizes:
        if size <= SCHUR_CLASS_LIMIT:
            seconds += count * (FLOP_SECONDS * size**3 + SUBSTITUTION_STEP_SECONDS * size)
        else:
            seconds += count * shifts * SPARSE_SOLVE_SECONDS * size**1.5
    return seconds


def pair_bytes(pair: PairEstimate, regime: Regime, long_run) -> float:
    """The working set of one evaluation: the chain, and the dense systems or the sparse factors solved
    (under a shadow, or for the long-run value)."""
    s = float(pair.states)
    memory = EXACT_STATE_BYTES * s
    shifts = 1 + PANEL_NODES * _panels(regime.shadow) if regime.shadow is not None else 0
    if pair.dense:  # the matrices (a Schur form and its basis, or the doubling's products) and the shifts' solutions
        return memory + 8 * (6 * s * s + 2 * shifts * s)
    solves = regime.shadow is not None or long_run is True or (long_run == "auto" and s <= LONG_RUN_LIMIT)
    return memory + 24 * pair.nonzero + (SPARSE_SOLVE_BYTES * s**1.5 if solves else 0.0)


def _refine(pairs: list, regime: Regime, game: Game, budget: float = REFINE_SECONDS) -> None:
    """Replace the bound m1 x m2 on the largest pairs' chains by their real size.

    Only the joint states reachable from the initial states are built, and with
    deterministic strategies and no noise that is a handful, far below
    m1 x m2. Called only when the bound puts a run above the limit: pairs are
    built in decreasing order of their estimated time, for at most ``budget``
    seconds; a chain above the engine's cap keeps the bound (the engine
    refuses that pair itself).
    """
    support = _support(regime)
    deadline = time.perf_counter() + budget
    order = sorted((p for p in pairs if not p.real and p.states > 64),
                   key=lambda p: -p.count * pair_seconds(p, regime, "auto"))
    for pair in order:
        if time.perf_counter() > deadline:
            return
        size = _chain_size(pair, regime, game, support)
        if size is None:
            pair.refused = True
        else:
            pair.states, pair.nonzero, pair.dense, pair.classes = size
            pair.real = True


def _chain_size(pair: PairEstimate, regime: Regime, game: Game, support: tuple):
    """(states, non-zero entries, dense, classes) of a pair's real chain, remembered by machines and support;
    None when the engine refuses the chain. ``classes`` (a sparse chain's): the sizes of its classes of more
    than one state, as (size, how many), and its number of levels (:func:`_shadow_seconds`)."""
    key = (pair.first, pair.second, support)
    try:
        if key in _CHAIN_SIZES:
            return _CHAIN_SIZES[key]
    except TypeError:  # a machine that cannot be hashed is sized every time
        key = None
    try:
        chain = pair_chain(pair.first, pair.second, regime, game)
    except RegimelabError:
        size = None
    else:
        nonzero = chain.transition.nnz if chain.is_sparse else int(np.count_nonzero(chain.transition))
        classes = ((), 1)
        if chain.is_sparse:
            sizes, levels = class_structure(chain.transition)
            values, counts = np.unique(sizes[sizes > 1], return_counts=True)
            classes = (tuple(zip(values.tolist(), counts.tolist())), levels)
        size = (chain.size, nonzero, not chain.is_sparse, classes)
    if key is not None:
        if len(_CHAIN_SIZES) >= 4096:
            _CHAIN_SIZES.clear()
        _CHAIN_SIZES[key] = size
    return size


def sized(pairs: list, regime: Regime, game: Game, total):
    """``total(pairs)``, after :func:`_refine` when the bound on the chains' sizes makes it too large."""
    workload = total(pairs)
    if workload.too_large:
        _refine(pairs, regime, game)
        workload = total(pairs)
    return workload


def machines_for(players, regime: Regime, game: Game):
    """Each player's machine under ``regime`` (one per distinct strategy), or None if one has none."""
    from ..machines import to_machine  # every strategy's builder (and axelrod): only for named players

    told = regime.expected_game(game)
    made: dict = {}
    machines = []
    for player in players:
        key = (type(player), str(player))
        if key not in made:
            try:
                made[key] = to_machine(player, told_game=told, noise=regime.noise,
                                       length=regime.horizon.known_length)
            except RegimelabError:
                return None  # the engine names the strategy in its own error
        machines.append(made[key])
    return machines


def _round_robin_pairs(machines) -> list:
    """The distinct pairs of machines of a round robin with self-play, each with how often it occurs."""
    distinct: dict = {}  # by identity: :func:`machines_for` makes one machine per distinct strategy
    for machine in machines:
        distinct.setdefault(id(machine), [machine, 0])[1] += 1
    kinds = list(distinct.values())
    pairs = []
    for a, (first, count_a) in enumerate(kinds):
        pairs.append(bound_pair(first, first, count_a * (count_a + 1) / 2))
        for second, count_b in kinds[a + 1:]:
            pairs.append(bound_pair(first, second, count_a * count_b))
    return pairs


#: A refused exact round robin names up to this many of its longest pairs: those the engine refuses, and
#: those that take at least LONGEST_SHARE of the estimate.
LONGEST_NAMED = 3
LONGEST_SHARE = 0.05


@dataclass(frozen=True)
class ExactWorkload(Workload):
    """An exact round robin's estimate, which also names its longest pairs when it is above the limit.

    ``longest``: (first strategy, second strategy, seconds, refused) for the
    pairs that take longest, refused ones (above the engine's cap on joint
    states) first.
    """

    longest: tuple = ()

    def describe(self) -> str:
        """:meth:`Workload.describe`, and above the limit the pairs that take longest, so they can be left out."""
        text = super().describe()
        if not self.too_large or not self.longest:
            return text
        named = [f"{first} against {second} (" + (f"over {MAX_JOINT_STATES:,} joint states, refused by the engine"
                                                 if refused else f"~{duration_text(seconds)}") + ")"
                 for first, second, seconds, refused in self.longest]
        return f"{text}; the longest pairs: {', '.join(named)}"


def _exact_total(pairs: list, regime: Regime, long_run, pairings: float) -> Workload:
    costs = [p.count * pair_seconds(p, regime, long_run) for p in pairs]
    transient = max((pair_bytes(p, regime, long_run) for p in pairs), default=0.0)
    largest = max((p.states for p in pairs), default=0)
    kept = 2 * pairings * RECORD_BYTES + pairings * PAIRING_BYTES
    total = sum(costs)
    ranked = sorted(zip(pairs, costs), key=lambda item: (not item[0].refused, -item[1]))[:LONGEST_NAMED]
    longest = tuple((p.first.name, p.second.name, cost / p.count, p.refused) for p, cost in ranked
                    if p.refused or cost >= LONGEST_SHARE * total)
    return ExactWorkload(pairings=pairings, largest_chain=largest, seconds=total, kept=kept,
                         transient=transient, longest=longest)


def exact_tournament_workload(players, regime: Regime, game: Game | None = None, long_run="auto",
                              machines=None) -> Workload:
    """The exact engine's round robin (:func:`regimelab.exact_tournament.run_exact_tournament`).

    Per pair of machines (sizes m1, m2) the joint chain has at most
    S = min(m1 m2, MAX_JOINT_STATES) states (dense up to DENSE_LIMIT), and
    its evaluation costs :func:`pair_seconds`; memory is the largest pair's
    :func:`pair_bytes` plus the rows of the tables. When that bound puts the
    run above the limit, the largest pairs' chains are built to learn their
    real size (:func:`_refine`, at most REFINE_SECONDS). A player with no
    machine gives an empty estimate: the engine refuses it by name.
    """
    return exact_round_robin(players, regime, game or Game(), long_run, machines)[1]


def exact_round_robin(players, regime: Regime, game: Game, long_run, machines=None) -> tuple[list, Workload]:
    """:func:`exact_tournament_workload`, and its pairs of machines (evolution costs them again); ([], an empty
    estimate) when a player has no machine."""
    players = list(players)
    machines = machines if machines is not None else machines_for(players, regime, game)
    if machines is None:
        return [], Workload()
    n = len(players)
    pairings = n * (n + 1) / 2
    pairs = _round_robin_pairs(machines)
    return pairs, sized(pairs, regime, game, lambda pairs: _exact_total(pairs, regime, long_run, pairings))
