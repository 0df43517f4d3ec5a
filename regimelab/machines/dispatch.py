"""Which builder maps which strategy class.

Named strategies by exact class (axelrod's and regimelab's state actors), then
the families by base class and strategy method; a class with neither is
refused.
"""

from __future__ import annotations

from functools import lru_cache

import axelrod as axl
from axelrod.action import Action

from .axelrod_entrants import (
    _alternator_hunter,
    _apavlov,
    _better_and_better,
    _black,
    _classify_2006,
    _classify_2011,
    _cooperator_hunter,
    _davis,
    _defector_hunter,
    _feld,
    _gradual_killer,
    _handshake,
    _knowledgeable_worse_and_worse,
    _leyvraz,
    _mem2,
    _nydegger,
    _random,
    _respond_2006,
    _respond_2011,
    _second_by_grofman,
    _self_steem,
    _short_mem,
    _tester,
    _tricky_cooperator,
    _tricky_defector,
    _tullock,
    _worse_and_worse,
)
from .axelrod_grudgers import (
    _aggravater,
    _capri,
    _collective_strategy,
    _detective,
    _double_resurrection,
    _easy_go,
    _fool_me_once,
    _forgetful_grudger,
    _general_soft_grudger,
    _go_by_majority,
    _grudger,
    _grudger_alternator,
    _naive_prober,
    _once_bitten,
    _opposite_grudger,
    _prober4,
    _prober_like,
    _remorseful_prober,
    _resurrection,
    _soft_grudger,
    _spiteful_cc,
)
from .axelrod_tit_for_tat import (
    _alexei,
    _back_stabber,
    _contrite_tit_for_tat,
    _double_crosser,
    _eugine_nier,
    _final_then,
    _hard_tit_for_2_tats,
    _hard_tit_for_tat,
    _michaelos,
    _n_tits_for_m_tats,
    _random_tit_for_tat,
    _slow_tit_for_two_tats_2,
    _sneaky_tit_for_tat,
    _spiteful_tit_for_tat,
    _tit_for_2_tats,
    _two_tits_for_tat,
)
from .families import (
    _cycler,
    _declared_lookup,
    _declared_memory_one,
    _declared_state_machine,
    _fsm_player,
    _lookerup,
    _memory_one_player,
    _memory_two_player,
    constant,
    memory_one,
)
from .state_actors import (
    _hedger,
    _myopic_state,
    _revisionist,
    _spoiler,
    _status_quo_power,
    _unsocialised_newcomer,
    _zero_sum_realist,
)

C, D = Action.C, Action.D


# -- Dispatch ----------------------------------------------------------------------------


def _memory_one_table():
    """Named memory-one strategies: class -> (first, CC, CD, DC, DD), P(C) after own, seen."""
    return {
        axl.TitForTat: (C, 1, 0, 1, 0),
        axl.SuspiciousTitForTat: (D, 1, 0, 1, 0),  # C if opponent.history[-1:] == [C]
        axl.AntiTitForTat: (C, 0, 1, 0, 1),
        axl.Bully: (D, 0, 1, 0, 1),
        axl.WinStayLoseShift: (C, 1, 0, 0, 1),
        axl.Appeaser: (C, 1, 0, 0, 1),  # answers a D by changing its move: Win-Stay Lose-Shift
        axl.Alternator: (C, 0, 0, 1, 1),
        axl.ALLCorALLD: (0.6, 1, 1, 0, 0),  # repeats its own (realised) last move
        axl.FirstByGrofman: (C, 1, 2 / 7, 2 / 7, 1),
        axl.Desperate: (0.5, 0, 0, 0, 1),
        axl.Hopeless: (0.5, 0, 1, 1, 1),
        axl.Willing: (0.5, 1, 1, 1, 0),
        axl.Negation: (0.5, 0, 1, 0, 1),
        axl.BurnBothEnds: (C, 0.9, 0, 0.9, 0),
    }


@lru_cache(maxsize=1)
def _named() -> dict:
    """Strategies by exact class (a subclass may change what it does)."""
    table = {cls: (lambda row: lambda player: memory_one(*row))(row) for cls, row in _memory_one_table().items()}
    table.update({
        axl.Cooperator: lambda player: constant(C),
        axl.Defector: lambda player: constant(D),
        axl.Random: _random,
        axl.FirstByAnonymous: lambda player: constant(0.5),  # C with probability U(0.3, 0.7): 0.5 each round
        axl.Alexei: _final_then(_alexei),
        axl.EugineNier: _final_then(_eugine_nier),
        axl.Michaelos: _final_then(_michaelos),
        axl.BackStabber: _final_then(_back_stabber),
        axl.DoubleCrosser: _final_then(_double_crosser),
        axl.TitFor2Tats: _tit_for_2_tats,
        axl.TwoTitsForTat: _two_tits_for_tat,
        axl.HardTitForTat: _hard_tit_for_tat,
        axl.HardTitFor2Tats: _hard_tit_for_2_tats,
        axl.SneakyTitForTat: _sneaky_tit_for_tat,
        axl.SpitefulTitForTat: _spiteful_tit_for_tat,
        axl.SlowTitForTwoTats2: _slow_tit_for_two_tats_2,
        axl.ContriteTitForTat: _contrite_tit_for_tat,
        axl.NTitsForMTats: _n_tits_for_m_tats,
        axl.RandomTitForTat: _random_tit_for_tat,
        axl.Grudger: _grudger,
        axl.ForgetfulGrudger: _forgetful_grudger,
        axl.OppositeGrudger: _opposite_grudger,
        axl.Aggravater: _aggravater,
        axl.SoftGrudger: _soft_grudger,
        axl.GeneralSoftGrudger: _general_soft_grudger,
        axl.GrudgerAlternator: _grudger_alternator,
        axl.EasyGo: _easy_go,
        axl.SpitefulCC: _spiteful_cc,
        axl.Capri: _capri,
        axl.CollectiveStrategy: _collective_strategy,
        axl.Detective: _detective,
        axl.Prober: _prober_like((D, C, C), slice(1, 3), (C, C), D),
        axl.Prober2: _prober_like((D, C, C), slice(1, 3), (D, C), C),
        axl.Prober3: _prober_like((D, C), slice(1, 2), (C,), D),
        axl.HardProber: _prober_like((D, D, C, C), slice(1, 3), (C, C), D),
        axl.Prober4: _prober4,
        axl.NaiveProber: _naive_prober,
        axl.RemorsefulProber: _remorseful_prober,
        axl.Resurrection: _resurrection,
        axl.DoubleResurrection: _double_resurrection,
        axl.OnceBitten: _once_bitten,
        axl.FoolMeOnce: _fool_me_once,
        axl.FirstByDavis: _davis,
        axl.FirstByFeld: _feld,
        axl.FirstByNydegger: _nydegger,
        axl.FirstByTullock: _tullock,
        axl.SecondByTester: _tester,
        axl.SecondByGrofman: _second_by_grofman,
        axl.SecondByLeyvraz: _leyvraz,
        axl.SecondByBlack: _black,
        axl.APavlov2006: _apavlov(_classify_2006, _respond_2006),
        axl.APavlov2011: _apavlov(_classify_2011, _respond_2011),
        axl.Handshake: _handshake,
        axl.GradualKiller: _gradual_killer,
        axl.ShortMem: _short_mem,
        axl.TrickyCooperator: _tricky_cooperator,
        axl.TrickyDefector: _tricky_defector,
        axl.MEM2: _mem2,
        axl.AlternatorHunter: _alternator_hunter,
        axl.DefectorHunter: _defector_hunter,
        axl.CooperatorHunter: _cooperator_hunter,
        axl.SelfSteem: _self_steem,
        axl.WorseAndWorse: _worse_and_worse,
        axl.BetterAndBetter: _better_and_better,
        axl.KnowledgeableWorseAndWorse: _knowledgeable_worse_and_worse,
    })
    for cls in vars(axl).values():  # Go By Majority and its fixed-memory versions
        if isinstance(cls, type) and issubclass(cls, axl.GoByMajority) and cls.strategy is axl.GoByMajority.strategy:
            table[cls] = _go_by_majority
    table.update(_state_actors())
    return table


def _state_actors() -> dict:
    """regimelab's Python strategies that are finite for some parameters."""
    import importlib

    builders = {
        ("alliances", "Hedger"): _hedger,
        ("challengers", "Spoiler"): _spoiler,
        ("challengers", "UnsocialisedNewcomer"): _unsocialised_newcomer,
        ("great_powers", "StatusQuoPower"): _status_quo_power,
        ("great_powers", "Revisionist"): _revisionist,
        ("realists", "MyopicState"): _myopic_state,
        ("realists", "ZeroSumRealist"): _zero_sum_realist,
    }
    table = {}
    for (module, name), builder in builders.items():
        try:
            cls = getattr(importlib.import_module(f"regimelab.strategies.{module}"), name)
        except (ImportError, AttributeError):  # renamed or removed: refused, not broken
            continue
        table[cls] = builder
    return table


@lru_cache(maxsize=1)
def _families() -> tuple:
    """(base class, the strategy methods it may have, builder): families read by isinstance."""
    from ..declarative import DeclaredLookup, DeclaredMemoryOne, DeclaredStateMachine

    return (
        (axl.MemoryOnePlayer, (axl.MemoryOnePlayer.strategy,), _memory_one_player),
        (axl.MemoryTwoPlayer, (axl.MemoryTwoPlayer.strategy,), _memory_two_player),
        (axl.FSMPlayer, (axl.FSMPlayer.strategy,), _fsm_player),
        (axl.LookerUp, (axl.LookerUp.strategy, axl.Gambler.strategy), _lookerup),
        (axl.Cycler, (axl.Cycler.strategy,), _cycler),
        (DeclaredMemoryOne, (DeclaredMemoryOne.strategy,), _declared_memory_one),
        (DeclaredStateMachine, (DeclaredStateMachine.strategy,), _declared_state_machine),
        (DeclaredLookup, (DeclaredLookup.strategy,), _declared_lookup),
    )


def _builder(cls):
    """The builder for a strategy class, or None (then it is refused)."""
    builder = _named().get(cls)
    if builder is not None:
        return builder
    for base, strategies, family_builder in _families():
        if issubclass(cls, base) and cls.strategy in strategies:
            return family_builder
    return None
