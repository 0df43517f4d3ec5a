"""What every strategy that ships with regimelab owes (regimelab/shipped_strategies.py): a name, a citation,
a true classifier, reproducible play under a regime.
"""

import inspect
import re

import axelrod as axl
import pandas as pd
import pytest
from match_scripts import GAME, moves, scripted
from regimelab.strategies.great_powers import Revisionist

import regimelab as rl
from regimelab.bibliography import bibliography
from regimelab.declarative import DeclaredStrategy, parse_citation
from regimelab.players import is_ours
from regimelab.shipped_strategies import DECLARED_STRATEGIES, PYTHON_STRATEGIES, SHIPPED_STRATEGIES

IMPERFECT = rl.Regime(turns=30, transparency=0.7, false_alarm=0.05, noise=0.02, fine=0.5, compensation=0.5)


def test_there_are_python_and_declared_strategies():
    assert len(PYTHON_STRATEGIES) >= 7 and len(DECLARED_STRATEGIES) >= 3
    assert all(issubclass(cls, DeclaredStrategy) for cls in DECLARED_STRATEGIES)


@pytest.mark.parametrize("cls", SHIPPED_STRATEGIES, ids=lambda cls: cls.name)
def test_every_shipped_strategy_is_found_by_name_and_is_ours(cls):
    assert rl.find_strategy(cls.name) is cls
    assert rl.find_strategy(cls.name.upper()) is cls
    assert is_ours(cls)
    assert cls.name not in {axelrod_cls.name for axelrod_cls in axl.all_strategies}


@pytest.mark.parametrize("cls", SHIPPED_STRATEGIES, ids=lambda cls: cls.name)
def test_every_shipped_strategy_cites_works_of_the_bibliography(cls):
    # Each key is a work of docs/sources.md, each section one the work lists; the quotations are
    # checked against the texts in tests/content/test_citations.py.
    assert cls.citation
    assert all(citation.key in bibliography() for citation in parse_citation(cls.citation))


@pytest.mark.parametrize("cls", PYTHON_STRATEGIES, ids=lambda cls: cls.name)
def test_every_python_strategy_is_documented_in_the_axelrod_style(cls):
    doc = inspect.getdoc(cls)
    assert cls.name in doc  # the Names: section
    for citation in parse_citation(cls.citation):
        assert f"[{citation.key}]_" in doc  # the docstring cites what the citation says, as axelrod's do
    assert set(cls.classifier) == {"memory_depth", "stochastic", "makes_use_of", "long_run_time",
                                   "inspects_source", "manipulates_source", "manipulates_state"}


@pytest.mark.parametrize("cls", SHIPPED_STRATEGIES, ids=lambda cls: cls.name)
def test_makes_use_of_names_every_match_attribute_read(cls):
    source = "" if issubclass(cls, DeclaredStrategy) else inspect.getsource(cls)
    assert axl.Classifiers["makes_use_of"](cls()) == set(re.findall(r'match_attributes\["(\w+)"\]', source))


def _plays_against(cls, opponent_moves: str, seed: int) -> str:
    return moves(cls(), scripted(opponent_moves), rl.Regime(turns=len(opponent_moves)), seed=seed)


OPPONENT_SCRIPTS = [
    "CDCCDDDCCCDCDDCCCCDDDDCDCCCDCDDCCDCCCCCDDCDCDCCCDD",
    "DDCDCCCCDCCDDDCCDCDCCCCCDDDCDCCCDDDDCCDCCDCCDCDCDC",
    "C" * 20 + "D" + "C" * 29,
]


@pytest.mark.parametrize("cls", SHIPPED_STRATEGIES, ids=lambda cls: cls.name)
def test_the_stochastic_classifier_is_true(cls):
    # A deterministic strategy plays the same against the same moves whatever
    # the seed; a stochastic one does not (it is seeded only if it says so).
    variants = [len({_plays_against(cls, script, seed) for seed in range(8)}) for script in OPPONENT_SCRIPTS[:2]]
    if axl.Classifiers["stochastic"](cls()):
        assert max(variants) > 1
    else:
        assert variants == [1, 1]


DETERMINISTIC_WITH_FINITE_MEMORY = [
    *(cls for cls in SHIPPED_STRATEGIES if not axl.Classifiers["stochastic"](cls())
      and axl.Classifiers["memory_depth"](cls()) < float("inf")),
    lambda: Revisionist(probe=0),  # without its draws, the revisionist's memory is checkable
    lambda: Revisionist(probe=1),
]


@pytest.mark.parametrize("make", DETERMINISTIC_WITH_FINITE_MEMORY, ids=lambda make: str(make()))
def test_a_finite_memory_depth_is_true(make):
    player = make()
    assert not axl.Classifiers["stochastic"](player)
    depth = axl.Classifiers["memory_depth"](player)
    replies: dict = {}
    for script in OPPONENT_SCRIPTS:
        mine = _plays_against(make, script, seed=1)
        for turn in range(depth, len(script)):
            context = (mine[turn - depth:turn], script[turn - depth:turn])
            assert replies.setdefault(context, mine[turn]) == mine[turn], f"reads more than {depth} rounds"


def _tournament(seed, jobs=1):
    players = [cls() for cls in SHIPPED_STRATEGIES] + rl.make_players(["Tit For Tat", "Defector"])
    return rl.run_tournament(players, IMPERFECT, GAME, repetitions=2, seed=seed, jobs=jobs)


@pytest.fixture(scope="module")
def tournament():
    return _tournament(seed=11)


def test_every_shipped_strategy_plays_a_tournament_under_imperfect_monitoring(tournament):
    assert set(tournament.players.name) >= {cls.name for cls in SHIPPED_STRATEGIES}
    assert tournament.records.turns.eq(30).all()


def test_the_tournament_is_reproducible_for_a_seed_also_across_processes(tournament):
    pd.testing.assert_frame_equal(tournament.records, _tournament(seed=11).records)
    pd.testing.assert_frame_equal(tournament.records, _tournament(seed=11, jobs=2).records)
    assert not tournament.records.score.equals(_tournament(seed=12).records.score)
