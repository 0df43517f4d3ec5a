"""A society of actors: who they are, who plays whom, for what payoffs, under what rules.

These are immutable, validated values (model page §7). Every validation error
is an :class:`~regimelab.errors.InvalidParameter` naming the parameter and
the accepted range, so that a scenario can point at the key and the command line
at the option.

This module gathers them; each lives in a module of one job:

* :mod:`.model_checks`: the checks the values share;
* :mod:`.model_actors`: :class:`StrategyChoice` and :class:`Actor`;
* :mod:`.model_payoffs`: :class:`EdgePayoffs`, one edge's payoffs;
* :mod:`.model_rules`: :class:`SocietyOptions`, :class:`ShadowChange`, :class:`Turnover`;
* :mod:`.model_society`: :class:`Society`, the whole, validated together.
"""

from __future__ import annotations

from .model_actors import Actor, StrategyChoice
from .model_payoffs import EdgePayoffs, exchange_matrix
from .model_rules import DEFAULT_EXCLUSION_ROUNDS, OPTION_NAMES, SCOPES, ShadowChange, SocietyOptions, Turnover
from .model_society import GRAPHS, Society, check_society

__all__ = [
    "DEFAULT_EXCLUSION_ROUNDS",
    "GRAPHS",
    "OPTION_NAMES",
    "SCOPES",
    "Actor",
    "EdgePayoffs",
    "ShadowChange",
    "Society",
    "SocietyOptions",
    "StrategyChoice",
    "Turnover",
    "check_society",
    "exchange_matrix",
]
