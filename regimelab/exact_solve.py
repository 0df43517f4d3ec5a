"""The shifted systems of a pair's joint chain, x (a I + b (I - M)) = e0, solved for many shifts at once.

Under ``shadow`` w the discounted occupancy is one such system (a = 1 - w,
b = w) and the weights of the score per turn an average of 16 per panel more
(a = 1, b = y: :func:`regimelab.exact_occupancy.per_turn_occupancy`). Solving
each from scratch costs S^3 (dense) or a sparse factorisation per shift;
here:

- a dense chain of at most :data:`DIRECT_LIMIT` states is solved shift by
  shift, all in one batched numpy call (no slower at that size, and scipy
  need not be imported);
- a larger dense chain is reduced once to its real Schur form, I - M = Z T Z', so
  that every shift is a quasi-triangular solve (S^2);
- a sparse chain is cut into its strongly connected classes, taken in
  topological order of the classes (a state's value depends only on the
  states that lead to it): those in one level (no path between them) are
  solved together, a class of one state by a division, a larger class by the
  Schur form of its block (or, above :data:`SCHUR_CLASS_LIMIT` states, a
  sparse factorisation per shift). A chain that counts turns (Better and
  Better) is mostly classes of one state: a sweep over its levels, not a
  factorisation of the whole.

All are backward stable, so the values agree with direct solves to round-off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .exact_chain import is_sparse

if TYPE_CHECKING:
    import scipy.sparse as sp

#: Dense chains up to this many states solve each shift directly (numpy, batched): no slower than the
#: Schur form there (benchmarked at 145 shifts), and `regimelab explain`'s usual pairs need no scipy.
DIRECT_LIMIT = 8
#: Classes up to this many states are solved through the Schur form of their block (S^3 once, then S^2 per
#: shift); larger ones by a sparse factorisation per shift.
SCHUR_CLASS_LIMIT = 400
#: The sweep of a sparse chain holds (shifts x states) numbers; above this many bytes it takes the shifts in turns.
SWEEP_BYTES = 64e6


def shifted_row_solves(transition, initial: np.ndarray, alphas: np.ndarray, betas: np.ndarray,
                       combine: np.ndarray) -> np.ndarray:
    """``combine @ X``, where row k of X solves x (alphas[k] I + betas[k] (I - M)) = ``initial``.

    ``transition``: M, dense or scipy sparse; ``combine``: (outputs, shifts),
    so that only the combinations are kept (a sparse chain may be too large
    to hold a solution per shift). Returns (outputs, states).
    """
    if is_sparse(transition):
        return _sparse_solves(transition.tocsr(), initial, alphas, betas, combine)
    size = len(initial)
    if size <= DIRECT_LIMIT:
        # x A_k = e0 for every k at once: A_k^T x^T = e0
        systems = alphas[:, None, None] * np.eye(size) + betas[:, None, None] * (np.eye(size) - transition)
        rhs = np.broadcast_to(initial, (len(alphas), size))[..., None]
        return combine @ np.linalg.solve(np.swapaxes(systems, 1, 2), rhs)[..., 0]
    import scipy.linalg  # only past DIRECT_LIMIT: scipy takes a third of a second to import

    schur, basis = scipy.linalg.schur(np.eye(len(initial)) - transition)
    solved = quasi_triangular_row_solves(schur, (initial @ basis)[None, :], alphas, betas)
    return (combine @ solved) @ basis.T


def quasi_triangular_row_solves(schur: np.ndarray, rows: np.ndarray, alphas: np.ndarray,
                                betas: np.ndarray) -> np.ndarray:
    """x_k with x_k (alphas[k] I + betas[k] T) = rows[k] (or rows[0] for every k), T quasi upper triangular.

    Forward substitution over T's diagonal blocks (1 x 1, or 2 x 2 for a pair
    of complex eigenvalues), each step vectorised over k: shape (k, S).
    """
    size = schur.shape[0]
    solved = np.zeros((len(alphas), size))
    j = 0
    while j < size:
        pair = j + 1 < size and schur[j + 1, j] != 0
        width = 2 if pair else 1
        rhs = rows[:, j : j + width] - betas[:, None] * (solved[:, :j] @ schur[:j, j : j + width])
        if pair:  # the 2 x 2 system x (a I + b T_jj) = rhs by Cramer's rule, for every k
            b00, b01 = alphas + betas * schur[j, j], betas * schur[j, j + 1]
            b10, b11 = betas * schur[j + 1, j], alphas + betas * schur[j + 1, j + 1]
            determinant = b00 * b11 - b01 * b10
            solved[:, j] = (rhs[:, 0] * b11 - rhs[:, 1] * b10) / determinant
            solved[:, j + 1] = (rhs[:, 1] * b00 - rhs[:, 0] * b01) / determinant
        else:
            solved[:, j] = rhs[:, 0] / (alphas + betas * schur[j, j])
        j += width
    return solved


class _Levels:
    """A sparse chain's states in topological order of their strongly connected classes, cut into levels.

    ``order``: the states, level by level (a class's states together);
    ``bounds``: where each level starts and ends in ``order``; ``classes``:
    per level, the (start, end) of its classes of more than one state. The
    matrix, renumbered in that order, is split into the moves within a class
    (``within``; ``leave``: 1 - its diagonal) and between classes:
    ``outflows``, per level, the states its moves reach and the matrix from
    the level's states to them.
    """

    def __init__(self, transition: sp.csr_matrix):
        import scipy.sparse as sp
        from scipy.sparse.csgraph import connected_components

        count, labels = connected_components(transition, directed=True, connection="strong")
        level = _class_levels(transition, count, labels)
        self.order = np.lexsort((labels, level[labels]))
        position = np.empty_like(self.order)
        position[self.order] = np.arange(len(self.order))
        labels = labels[self.order]
        state_levels = level[labels]
        levels = np.arange(state_levels[-1] + 2)
        self.bounds = np.searchsorted(state_levels, levels)
        coo = transition.tocoo()
        rows, columns = position[coo.row], position[coo.col]
        inside = labels[rows] == labels[columns]
        size = transition.shape[0]
        self.within = sp.csr_matrix((coo.data[inside], (rows[inside], columns[inside])), shape=(size, size))
        self.leave = 1.0 - self.within.diagonal()
        across = np.lexsort((columns[~inside], state_levels[rows[~inside]]))
        sources, targets, weights = rows[~inside][across], columns[~inside][across], coo.data[~inside][across]
        source_levels = state_levels[sources]
        edge_bounds = np.searchsorted(source_levels, levels)
        runs = _run_starts(targets, source_levels)  # a run: one level's moves into one state
        run_bounds = np.searchsorted(source_levels[runs], levels)
        self.outflows: dict = {}
        for level in np.flatnonzero(np.diff(edge_bounds)):
            lo, e_lo, e_hi = self.bounds[level], edge_bounds[level], edge_bounds[level + 1]
            starts = runs[run_bounds[level] : run_bounds[level + 1]]
            matrix = sp.csr_matrix((weights[e_lo:e_hi], sources[e_lo:e_hi] - lo, np.r_[starts - e_lo, e_hi - e_lo]),
                                   shape=(len(starts), self.bounds[level + 1] - lo))
            self.outflows[int(level)] = (targets[starts], matrix)
        starts = _run_starts(labels)
        ends = np.r_[starts[1:], size]
        self.classes: dict = {}
        for first, last in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
            self.classes.setdefault(int(state_levels[first]), []).append((int(first), int(last)))


def _run_starts(*keys: np.ndarray) -> np.ndarray:
    """Where each run of equal (keys...) begins in sorted arrays."""
    change = np.ones(len(keys[0]), dtype=bool)
    if len(change) > 1:
        change[1:] = np.any([key[1:] != key[:-1] for key in keys], axis=0)
    return np.flatnonzero(change)


def class_structure(transition) -> tuple[np.ndarray, int]:
    """The sizes of a chain's strongly connected classes, and how many levels its sweep takes (the estimate's)."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    pattern = transition.tocsr() if is_sparse(transition) else sp.csr_matrix(transition)
    count, labels = connected_components(pattern, directed=True, connection="strong")
    return np.bincount(labels), int(_class_levels(pattern, count, labels).max()) + 1


def _class_levels(transition: sp.csr_matrix, count: int, labels: np.ndarray) -> np.ndarray:
    """Each class's level: the longest path to it from a class nothing leads to (Kahn's algorithm by rounds)."""
    source, target = transition.nonzero()
    source, target = labels[source], labels[target]
    keep = source != target
    edges = np.sort(source[keep] * np.int64(count) + target[keep])
    edges = edges[_run_starts(edges)]
    source, target = edges // count, edges % count
    starts = np.searchsorted(source, np.arange(count + 1))
    indegree = np.bincount(target, minlength=count)
    level = np.zeros(count, dtype=np.int64)
    frontier, depth = np.flatnonzero(indegree == 0), 0
    while frontier.size:
        level[frontier] = depth
        lengths = starts[frontier + 1] - starts[frontier]
        offsets = np.repeat(starts[frontier] - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        reached = np.sort(target[offsets])
        np.subtract.at(indegree, reached, 1)
        reached = reached[_run_starts(reached)]
        frontier, depth = reached[indegree[reached] == 0], depth + 1
    return level


def _sparse_solves(transition: sp.csr_matrix, initial, alphas, betas, combine) -> np.ndarray:
    """:func:`shifted_row_solves` of a sparse chain, level by level (the shifts in turns if memory needs)."""
    levels = _Levels(transition)
    size = transition.shape[0]
    result = np.zeros((combine.shape[0], size))
    per_pass = max(1, int(SWEEP_BYTES // (8 * size)))
    for start in range(0, len(alphas), per_pass):
        shifts = slice(start, start + per_pass)
        result[:, levels.order] += _sweep(levels, initial[levels.order], alphas[shifts], betas[shifts],
                                          combine[:, shifts])
    return result


def _sweep(levels: _Levels, initial, alphas, betas, combine) -> np.ndarray:
    """One pass over the levels for the given shifts; the combinations in the levels' order of states."""
    # What reaches each state: initial + b * (the flows from earlier levels), replaced level by level by the
    # solution there (x_j = what reaches j / (a + b (1 - M_jj)) for a class of one state). A state's row
    # holds every shift, so that a level is one block of memory.
    values = np.zeros((len(initial), len(alphas)))
    values += initial[:, None]
    for level, (lo, hi) in enumerate(zip(levels.bounds[:-1], levels.bounds[1:])):
        solved = [(first, last, _class_solve(levels.within[first:last, first:last], values[first:last].T,
                                             alphas, betas))
                  for first, last in levels.classes.get(level, ())]
        values[lo:hi] /= alphas + betas * levels.leave[lo:hi, None]
        for first, last, solution in solved:
            values[first:last] = solution.T
        if level in levels.outflows:
            targets, matrix = levels.outflows[level]
            values[targets] += betas * (matrix @ values[lo:hi])
    return combine @ values.T


def _class_solve(block: sp.csr_matrix, rhs: np.ndarray, alphas, betas) -> np.ndarray:
    """x_k (alphas[k] I + betas[k] (I - block)) = rhs[k] for one strongly connected class."""
    import scipy.linalg
    import scipy.sparse as sp
    from scipy.sparse.linalg import splu

    size = block.shape[0]
    if size <= SCHUR_CLASS_LIMIT:
        schur, basis = scipy.linalg.schur(np.eye(size) - block.toarray())
        return quasi_triangular_row_solves(schur, rhs @ basis, alphas, betas) @ basis.T
    # (a I + b (I - block))' is diagonally dominant by columns (the block's rows sum to at most 1 and a > 0), so
    # elimination needs no pivoting: the ordering for a symmetric pattern keeps the fill small.
    identity = sp.identity(size, format="csc")
    generator = (identity - block).T.tocsc()
    return np.array([
        splu((a * identity + b * generator).tocsc(), permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.0,
             options={"SymmetricMode": True}).solve(row)
        for a, b, row in zip(alphas, betas, rhs)
    ])
