"""The Moran process as one API (regimelab/evolution/moran.py gathers the modules behind it):
the names it gives, and the example of its docstring by hand."""

import pytest

from regimelab.evolution import births, fitness, fixation, methods, monte_carlo, moran


def test_the_facade_gives_each_modules_own_functions():
    assert moran.fixation_probability is fixation.fixation_probability
    assert moran.birth_probabilities is births.birth_probabilities
    assert moran.fitnesses is fitness.fitnesses and moran.check_method is methods.check_method
    assert moran.simulate_fixation is monte_carlo.simulate_fixation
    assert set(moran.__all__) <= set(dir(moran))


def test_the_docstrings_example_by_the_product_formula():
    # TFT (0) residents, one Defector (1) mutant, N = 10, s = 1: T-(k)/T+(k) = f_i(k) / f_j(k)
    matrix, n = [[3, 0.995], [1.02, 1]], 10
    f_mutant, f_resident = moran.fitnesses(matrix, 0, 1, n)
    product, total = 1.0, 1.0
    for k in range(n - 1):
        product *= f_resident[k] / f_mutant[k]
        total += product
    assert moran.fixation_probability(matrix, resident=0, mutant=1, population=n) == pytest.approx(1 / total,
                                                                                                  rel=1e-12)
