"""Global sensitivity analysis of a sampled sweep: which regime function moves a metric most?

A sweep drawn with ``--design lhs|sobol|morris`` (:mod:`regimelab.sweeps.designs`)
holds one cell per sampled point, in the sampler's order. Its indices are
computed here with SALib, for any metric the sweep records:

- :mod:`.metrics`: the metric (cooperation, payoff, the super-game's margin,
  a strategy's rank or score) as one number per cell;
- :mod:`.indices`: the indices the design supports (Sobol' S1 and ST with
  95% intervals and, from a ``--second-order`` design, S2; Morris mu* and
  sigma; RBD-FAST's S1 from a Latin hypercube), ranked;
- :mod:`.figures`: the conventional pictures (bars with intervals; the Morris
  mu*-sigma plane).

This module holds only names, so that the command line can offer them
without importing SALib, pandas or matplotlib.

    >>> from regimelab.sensitivity.indices import analyse_file
    >>> result = analyse_file("sobol.parquet", "cooperation")
    >>> result.table                                   # one row per parameter, most influential first
"""

#: The analyses, and the design each needs (``regimelab sweep --design``).
DESIGN_OF = {"sobol": "sobol", "morris": "morris", "rbd-fast": "lhs"}
METHODS = tuple(DESIGN_OF)
#: The analysis a design gets when none is asked for.
METHOD_OF = {design: method for method, design in DESIGN_OF.items()}
#: The confidence level of every interval.
CONFIDENCE = 0.95
#: Bootstrap resamples of the intervals, unless asked otherwise.
DEFAULT_RESAMPLES = 1000
#: The metrics a sweep records, as ``--metric`` takes them.
METRICS_TEXT = "cooperation, payoff, margin, rank:STRATEGY or score:STRATEGY"
