"""Society scenarios: the scenario TOML format extended with actors, edges and the society's rules.

The format is documented in ``docs/model.md`` (model page §7) with a complete
annotated example. As for tournament scenarios, a scenario is data read with
``tomllib`` and validated key by key: every problem is a
:class:`~regimelab.toml_files.TomlError` that names the file, the line, the
key and what is accepted.

This module gathers the reading; each part lives in a module of one job,
following the format's tables:

* :mod:`.scenario_checks`: where a key stands, and the checks every table shares;
* :mod:`.scenario_society`: ``[society]`` (repetitions, seed, options, graph) and ``[[edges]]``;
* :mod:`.scenario_actors`: ``[[actors]]`` and the strategies they play;
* :mod:`.scenario_payoffs`: ``[[payoffs]]``, one edge's payoffs in one of three forms;
* :mod:`.scenario_time`: ``[[schedule]]`` and ``[turnover]``;
* :mod:`.scenario_variants`: ``[regimes.NAME]``, the variants, :class:`Variant`;
* :mod:`.scenario_load`: the whole file, :func:`load_society_scenario` and :class:`SocietyScenario`.
"""

from __future__ import annotations

from ..scenario_files import is_society_scenario
from .scenario_actors import ACTOR_KEYS
from .scenario_load import REQUIRED, TOP_KEYS, SocietyScenario, load_society, load_society_scenario
from .scenario_payoffs import PAYOFF_KEYS
from .scenario_society import DEFAULT_REPETITIONS, DEFAULT_SEED, EDGE_KEYS, SOCIETY_KEYS
from .scenario_time import POOL_ENTRY, POOL_KEYS, SCHEDULE_KEYS, TURNOVER_KEYS
from .scenario_variants import VARIANT_ACTOR_KEYS, VARIANT_KEYS, Variant

__all__ = [
    "ACTOR_KEYS",
    "DEFAULT_REPETITIONS",
    "DEFAULT_SEED",
    "EDGE_KEYS",
    "PAYOFF_KEYS",
    "POOL_ENTRY",
    "POOL_KEYS",
    "REQUIRED",
    "SCHEDULE_KEYS",
    "SOCIETY_KEYS",
    "TOP_KEYS",
    "TURNOVER_KEYS",
    "VARIANT_ACTOR_KEYS",
    "VARIANT_KEYS",
    "SocietyScenario",
    "Variant",
    "is_society_scenario",
    "load_society",
    "load_society_scenario",
]
