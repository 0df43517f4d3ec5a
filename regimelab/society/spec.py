"""Society specs: the scenario TOML format extended with actors, edges and the society's rules.

The format is documented in ``docs/model.md`` (model page §7) with a complete
annotated example. As for scenario specs, a spec is data read with
``tomllib`` and validated key by key: every problem is a
:class:`~regimelab.toml_files.SpecError` that names the file, the line, the
key and what is accepted.

This module gathers the reading; each part lives in a module of one job,
following the format's tables:

* :mod:`.spec_checks`: where a key stands, and the checks every table shares;
* :mod:`.spec_society`: ``[society]`` (repetitions, seed, options, graph) and ``[[edges]]``;
* :mod:`.spec_actors`: ``[[actors]]`` and the strategies they play;
* :mod:`.spec_payoffs`: ``[[payoffs]]``, one edge's payoffs in one of three forms;
* :mod:`.spec_time`: ``[[schedule]]`` and ``[turnover]``;
* :mod:`.spec_variants`: ``[regimes.NAME]``, the variants, :class:`Variant`;
* :mod:`.spec_load`: the whole file, :func:`load_society_spec` and :class:`SocietySpec`.
"""

from __future__ import annotations

from ..spec_files import is_society_spec
from .spec_actors import ACTOR_KEYS
from .spec_load import REQUIRED, TOP_KEYS, SocietySpec, load_society, load_society_spec
from .spec_payoffs import PAYOFF_KEYS
from .spec_society import DEFAULT_REPETITIONS, DEFAULT_SEED, EDGE_KEYS, SOCIETY_KEYS
from .spec_time import POOL_ENTRY, POOL_KEYS, SCHEDULE_KEYS, TURNOVER_KEYS
from .spec_variants import VARIANT_ACTOR_KEYS, VARIANT_KEYS, Variant

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
    "SocietySpec",
    "Variant",
    "is_society_spec",
    "load_society",
    "load_society_spec",
]
