"""How much time a pair's joint chain spends in each of its states.

The weights that turn a :class:`~regimelab.exact_chain.PairChain`'s rewards
into expected values: under ``turns`` n the finite sum of the first n rounds
(:func:`finite_occupancy`); under ``shadow`` w the discounted sum
``e0 (I - wM)^-1`` (:func:`discounted_occupancy`, a round t is played with
probability w^t) and the weights of the score per turn E[total / L] over the
random length L, an average of the chain's Abel means
(:func:`per_turn_occupancy`, not E[total] / E[L]); and the long-run share of
time, the Cesaro mean of the chain (the limit of the per-round mean as
n -> infinity, equal to the limit as w -> 1): the stationary distribution of
each closed class, weighted by the probability of ending up in it
(:func:`cesaro_distribution`). Dense and sparse chains alike.
"""

from __future__ import annotations

import numpy as np

from .exact_chain import PairChain, is_sparse
from .exact_solve import shifted_row_solves


def discounted_occupancy(chain: PairChain, w: float) -> np.ndarray:
    """sum_t w^t e0 M^t: expected discounted time spent in each state."""
    if chain.is_sparse:
        import scipy.sparse as sp  # scipy only for the chains that need it: it takes a third of a second to load
        from scipy.sparse.linalg import spsolve

        system = (sp.identity(chain.size, format="csc") - w * chain.transition).T.tocsc()
        return np.asarray(spsolve(system, chain.initial)).reshape(-1)
    return np.linalg.solve((np.eye(chain.size) - w * chain.transition).T, chain.initial)


#: Gauss-Legendre nodes per panel of :func:`per_turn_occupancy` (see there for the error).
_PANEL_NODES = np.polynomial.legendre.leggauss(16)


def per_turn_occupancy(chain: PairChain, w: float) -> np.ndarray:
    """The state weights whose product with the rewards is E[total / L].

    L is the geometric match length, P(L = n) = (1 - w) w^(n-1). Writing 1/n
    as the integral of x^(n-1) over [0, 1] and summing the series,

        E[total / L] = (1/Y) * integral_0^Y  e0 (I + y (I - M))^-1 r  dy,
        Y = w / (1 - w),

    an average over y of the chain's Abel means (the discounted mean at
    z = y / (1 + y)). Each weight vector e0 (I + y(I - M))^-1 sums to 1,
    so this is a distribution over the states. The integrand is rational in
    y with its poles at y = -1/(1 - lambda) for the eigenvalues lambda of M,
    all with real part <= -1/2. On the dyadic panels [0, 1], [1, 2], [2, 4],
    ..., [2^m, Y] every pole lies at least one panel length from the panel's
    centre's ellipse of convergence (ratio >= 2 + sqrt 3), so 16
    Gauss-Legendre nodes per panel leave an error of order (2 + sqrt 3)^-32,
    about 1e-18 of the payoffs' scale: exact to round-off
    (``tests/test_exact_occupancy.py`` checks it against the series).
    """
    return shadow_occupancies(chain, w)[1]


def shadow_occupancies(chain: PairChain, w: float) -> tuple[np.ndarray, np.ndarray]:
    """:func:`discounted_occupancy` and :func:`per_turn_occupancy` at once.

    Both are solutions of x (a I + b (I - M)) = e0: the discounted one with
    a = 1 - w, b = w, the per-turn ones with a = 1, b = y at the quadrature's
    nodes, solved together by :func:`regimelab.exact_solve.shifted_row_solves`.
    """
    ys, quadrature = _per_turn_nodes(w)
    alphas = np.concatenate([[1.0 - w], np.ones(len(ys))])
    betas = np.concatenate([[w], ys])
    combine = np.zeros((2, len(alphas)))
    combine[0, 0] = 1.0
    combine[1, 1:] = quadrature
    discounted, per_turn = shifted_row_solves(chain.transition, chain.initial, alphas, betas, combine)
    return discounted, per_turn if len(ys) else chain.initial.copy()


def _per_turn_nodes(w: float) -> tuple[np.ndarray, np.ndarray]:
    """The nodes y and weights of :func:`per_turn_occupancy`'s quadrature (none when w = 0)."""
    if w == 0:
        return np.zeros(0), np.zeros(0)
    span = w / (1.0 - w)
    edges, step = [0.0], 1.0
    while step < span:
        edges.append(step)
        step *= 2
    edges = np.array(edges + [span])
    nodes, node_weights = _PANEL_NODES
    lows, highs = edges[:-1, None], edges[1:, None]
    ys = ((highs - lows) / 2 * nodes + (highs + lows) / 2).reshape(-1)
    quadrature = ((highs - lows) / 2 * node_weights).reshape(-1) / span
    return ys, quadrature


def finite_occupancy(chain: PairChain, turns: int) -> np.ndarray:
    """sum_{t<n} e0 M^t: the expected number of rounds spent in each state.

    Small chains: by doubling (log n matrix products); large ones: round by
    round with the sparse matrix (n sparse products).
    """
    if chain.is_sparse or turns <= 4 * chain.size:
        transition_t = chain.transition.T
        occupancy = np.zeros(chain.size)
        distribution = chain.initial.copy()
        for _ in range(turns):
            occupancy += distribution
            distribution = transition_t @ distribution
        return occupancy
    size = chain.size
    total_sum = np.zeros((size, size))  # sum of M^t over the rounds counted so far
    power = np.eye(size)  # M^(rounds counted so far)
    block_sum, block_power = np.eye(size), chain.transition.copy()  # block of 2^k rounds
    n = turns
    while n:
        if n & 1:
            total_sum = total_sum + power @ block_sum
            power = power @ block_power
        block_sum = block_sum + block_power @ block_sum
        block_power = block_power @ block_power
        n >>= 1
    return chain.initial @ total_sum


def cesaro_distribution(chain: PairChain) -> np.ndarray:
    """lim_{n->oo} (1/n) sum_{t<n} e0 M^t, the long-run share of time in each state.

    The standard decomposition of a finite chain ([Kemeny1960], ch. 3;
    docs/sources.md): the long run is spent in the closed communicating
    classes; each contributes its stationary distribution, weighted by the
    probability of being absorbed into it from the initial state. Exact up to
    the round-off of the linear solves, however slowly the chain mixes, and
    periodic classes included (the Cesaro mean of a periodic class is its
    stationary distribution).
    """
    transition = chain.transition
    labels, closed = _communicating_classes(chain)

    def block(rows, columns):
        return transition[rows][:, columns]

    transient = ~closed[labels]
    start = int(np.argmax(chain.initial))
    distribution = np.zeros(chain.size)
    closed_classes = np.flatnonzero(closed)
    if transient[start]:
        # probability of ending in each closed class: (I - Q) X = B over transient states
        t_index = np.flatnonzero(transient)
        into = np.column_stack([
            np.asarray(block(t_index, np.flatnonzero(labels == c)).sum(axis=1)).reshape(-1)
            for c in closed_classes
        ])
        absorbed = _solve(_identity_minus(block(t_index, t_index)), into)
        weights = absorbed.reshape(len(t_index), -1)[np.searchsorted(t_index, start)]
    else:
        weights = (closed_classes == labels[start]).astype(float)
    for weight, c in zip(weights, closed_classes):
        if weight <= 0:
            continue
        members = np.flatnonzero(labels == c)
        distribution[members] += weight * _stationary(block(members, members))
    return distribution / distribution.sum()


#: Dense chains up to this many states find their classes by the transitive closure of the moves (a few
#: products of small matrices), without the set-up of a sparse graph.
CLOSURE_LIMIT = 64


def _communicating_classes(chain: PairChain) -> tuple[np.ndarray, np.ndarray]:
    """Each state's communicating class (a label) and, per class, whether it is closed (nothing leaves it)."""
    transition = chain.transition
    if not chain.is_sparse and chain.size <= CLOSURE_LIMIT:
        reach = (transition != 0) | np.eye(chain.size, dtype=bool)
        while True:  # reach[i, j]: j can be reached from i; squared until nothing new
            longer = (reach.astype(np.float32) @ reach.astype(np.float32)) > 0
            if np.array_equal(longer, reach):
                break
            reach = longer
        _, first, labels = np.unique(reach & reach.T, axis=0, return_index=True, return_inverse=True)
        closed = ~np.any(reach[first] & ~reach.T[first], axis=1)  # a class is closed when all it reaches reaches it
        return labels.reshape(-1), closed
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    pattern = sp.csr_matrix(transition != 0) if not chain.is_sparse else (transition != 0).tocsr()
    count, labels = connected_components(pattern, directed=True, connection="strong")
    source, target = pattern.nonzero()
    leaving = labels[source] != labels[target]
    closed = np.ones(count, dtype=bool)
    closed[labels[source[leaving]]] = False
    return labels, closed


def _identity_minus(matrix):
    if is_sparse(matrix):
        import scipy.sparse as sp

        return (sp.identity(matrix.shape[0], format="csc") - matrix).tocsc()
    return np.eye(len(matrix)) - matrix


def _solve(system, rhs: np.ndarray) -> np.ndarray:
    if is_sparse(system):
        from scipy.sparse.linalg import spsolve

        solution = spsolve(system, rhs)
        return np.asarray(solution.toarray() if is_sparse(solution) else solution)
    return np.linalg.solve(system, rhs)


def _stationary(block) -> np.ndarray:
    """The stationary distribution of an irreducible stochastic block."""
    size = block.shape[0]
    if size == 1:
        return np.ones(1)
    system = -_identity_minus(block).T
    system = system.tolil() if is_sparse(system) else system.copy()
    system[-1, :] = np.ones(size)  # replace one (redundant) balance equation by sum(pi) = 1
    rhs = np.zeros(size)
    rhs[-1] = 1.0
    pi = np.clip(_solve(system.tocsc() if is_sparse(system) else system, rhs).reshape(-1), 0.0, None)
    return pi / pi.sum()
