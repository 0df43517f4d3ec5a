"""The multilateral engine: a society of actors playing round by round on a shared record.

Model page §7 (``docs/model.md``). The pieces, one job per module:

* :mod:`.model`: actors, edges, payoffs and options, as validated values (gathered from
  :mod:`.model_checks`, :mod:`.model_actors`, :mod:`.model_payoffs`, :mod:`.model_rules`
  and :mod:`.model_society`);
* :mod:`.plan`: what a society's runs share (edges, monitoring, strategies), drawn from nothing;
* :mod:`.period`: one repetition's state, with one method per step of a period (§7.4);
* :mod:`.engine`: the loop over repetitions and periods, :func:`run_society`;
* :mod:`.scenario`: society scenarios in TOML, :func:`load_society_scenario` (gathered from
  :mod:`.scenario_checks`, :mod:`.scenario_society`, :mod:`.scenario_actors`, :mod:`.scenario_payoffs`,
  :mod:`.scenario_time`, :mod:`.scenario_variants` and :mod:`.scenario_load`, one per part of the format);
* :mod:`.results`: :class:`SocietyResult` and its JSON contract;
* :mod:`.plot`: cooperation and exclusions over time.

    >>> from regimelab.society import Actor, Society, SocietyOptions, run_society
    >>> society = Society(
    ...     actors=[Actor("A", "Cooperator"), Actor("B", "Cooperator"), Actor("Cheat", "Defector")],
    ...     options=SocietyOptions(scope="collective_security", exclusion_rounds=5),
    ... )
    >>> result = run_society(society, repetitions=5, seed=1)
    >>> result.actors  # one row per actor
"""

from .engine import run_society
from .model import (
    SCOPES,
    Actor,
    EdgePayoffs,
    ShadowChange,
    Society,
    SocietyOptions,
    StrategyChoice,
    Turnover,
)
from .results import RunRecord, SocietyResult
from .scenario import SocietyScenario, Variant, is_society_scenario, load_society, load_society_scenario

__all__ = [
    "SCOPES",
    "Actor",
    "EdgePayoffs",
    "RunRecord",
    "ShadowChange",
    "Society",
    "SocietyOptions",
    "SocietyResult",
    "SocietyScenario",
    "StrategyChoice",
    "Turnover",
    "Variant",
    "is_society_scenario",
    "load_society",
    "load_society_scenario",
    "run_society",
]
