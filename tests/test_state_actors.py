"""regimelab's strategies of state actors: each one's defining behaviour, and
what every shipped strategy owes (a name, a citation, a true classifier,
reproducible play under a regime)."""

import inspect
import os
import re
from pathlib import Path

import axelrod as axl
import pandas as pd
import pytest
from regimelab.strategies.alliances import Hedger
from regimelab.strategies.challengers import Spoiler, UnsocialisedNewcomer
from regimelab.strategies.great_powers import Revisionist, StatusQuoPower
from regimelab.strategies.realists import MyopicState, ZeroSumRealist

import regimelab as rl
from regimelab.declarative import DeclaredStrategy, parse_citation
from regimelab.match import RegimeMatch
from regimelab.players import is_ours
from regimelab.shipped_strategies import DECLARED_STRATEGIES, PYTHON_STRATEGIES, SHIPPED_STRATEGIES

C, D = axl.Action.C, axl.Action.D
GAME = rl.Game()
SEEDS = Path(os.environ.get("REGIMELAB_SEEDS", Path(__file__).resolve().parents[2] / "shared" / "seeds"))
IMPERFECT = rl.Regime(turns=30, transparency=0.7, false_alarm=0.05, noise=0.02, fine=0.5, compensation=0.5)


def play(player, opponent, regime=rl.Regime(turns=50), seed=1):
    """One match under ``regime``: (player's moves, opponent's moves, player's signals) as strings."""
    result = RegimeMatch((player, opponent), regime, GAME, seed=seed).play()
    letters = lambda column: "".join("CD"[x] for x in column)  # noqa: E731
    return letters(result.actions[:, 0]), letters(result.actions[:, 1]), letters(result.signals[:, 0])


def moves(player, opponent, regime=rl.Regime(turns=50), seed=1) -> str:
    return play(player, opponent, regime, seed)[0]


def scripted(text: str):
    """An opponent that plays the letters of ``text`` in turn (then repeats them)."""
    return axl.MockPlayer([C if letter == "C" else D for letter in text])


def with_history(player, rounds: str, seed=1):
    """``player`` after ``rounds`` ("CD DD": own move, opponent's seen move), and the opponent seen."""
    player.set_seed(seed)
    opponent = axl.Cooperator()
    for own, seen in rounds.split():
        player.history.append(axl.Action.from_char(own), axl.Action.from_char(seen))
        opponent.history.append(axl.Action.from_char(seen), axl.Action.from_char(own))
    return player, opponent


# -- Status Quo Power -------------------------------------------------------------


def test_status_quo_power_never_defects_first_and_answers_a_defector():
    assert moves(StatusQuoPower(), axl.Cooperator()) == "C" * 50
    assert moves(StatusQuoPower(), axl.Defector()) == "C" + "D" * 49


def test_status_quo_power_lets_an_isolated_lapse_pass_where_tit_for_tat_retaliates():
    lapse = "C" * 19 + "D" + "C" * 30  # one defection in twenty: 5% of the record
    assert moves(StatusQuoPower(), scripted(lapse)) == "C" * 50
    assert moves(axl.TitForTat(), scripted(lapse))[20] == "D"


def test_status_quo_power_punishes_a_pattern_and_forgives_once_compliance_resumes():
    early = "CD" + "C" * 48  # one defection in two
    assert moves(StatusQuoPower(), scripted(early))[:4] == "CCDC"
    assert moves(StatusQuoPower(tolerance=0.5), scripted(early))[:4] == "CCCC"
    # a tenth is tolerated, anything more is a pattern
    assert moves(StatusQuoPower(), scripted("C" * 9 + "D" + "C" * 40))[10] == "C"
    assert moves(StatusQuoPower(), scripted("C" * 8 + "D" + "C" * 41))[9] == "D"


def test_status_quo_power_rides_out_false_alarms_that_tit_for_tat_answers():
    # Both face a complier whose compliance is misread 5% of the time: the same
    # signals for the same seed. Tit For Tat answers each false alarm.
    misreadings = rl.Regime(turns=200, false_alarm=0.05)
    restrained = sum(moves(StatusQuoPower(), axl.Cooperator(), misreadings, seed).count("D") for seed in range(5))
    reciprocal = sum(moves(axl.TitForTat(), axl.Cooperator(), misreadings, seed).count("D") for seed in range(5))
    assert restrained * 4 < reciprocal  # 4 against 34 with these seeds


# -- Revisionist -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rounds", "expected", "why"),
    [
        ("CC CC DC", D, "its defection went unanswered: keep defecting"),
        ("CC DC DD", C, "its defection was answered: caught, back to compliance"),
        ("DC DD CD", C, "the other side is still answering its defection: accept it"),
        ("CC CC CD", D, "an unprovoked defection: answer it"),
    ],
)
def test_revisionist_keeps_defecting_while_unpunished_and_backs_off_when_caught(rounds, expected, why):
    player, opponent = with_history(Revisionist(), rounds)
    assert player.strategy(opponent) == expected, why


def test_revisionist_probes_at_its_probe_rate():
    player, opponent = with_history(Revisionist(probe=0.2), "CC CC", seed=7)
    probes = [player.strategy(opponent) for _ in range(4000)]
    assert probes.count(D) / len(probes) == pytest.approx(0.2, abs=0.025)  # 4 standard errors
    never, opponent = with_history(Revisionist(probe=0), "CC CC")
    assert {never.strategy(opponent) for _ in range(100)} == {C}


def test_under_transparency_zero_the_revisionists_defections_go_unseen():
    unseen = rl.Regime(turns=200, transparency=0)
    mine, theirs, my_signals = play(Revisionist(), axl.TitForTat(), unseen, seed=3)
    first = mine.index("D")
    assert mine[first:] == "D" * (200 - first)  # once it has cheated, it never stops
    assert theirs == "C" * 200  # Tit For Tat sees nothing to answer
    assert my_signals == "C" * 200


def test_under_full_transparency_the_revisionist_is_caught_after_two_rounds():
    mine, theirs, _ = play(Revisionist(), axl.TitForTat(), rl.Regime(turns=200), seed=3)
    assert "D" in mine
    assert "DDD" not in mine  # every probe is answered and stopped
    assert mine.count("C") / 200 > 0.7


# -- Zero-Sum Realist ------------------------------------------------------------


def test_zero_sum_realist_defects_unless_it_can_afford_to_be_cheated():
    assert moves(ZeroSumRealist(), axl.TitForTat()) == "D" * 50  # never ahead by more than T - S
    # against a complier: two exploitations put it 10 ahead, more than T - S = 5
    assert moves(ZeroSumRealist(), axl.Cooperator()) == "DD" + "C" * 48


def test_zero_sum_realist_complies_when_the_regime_makes_cheating_a_relative_loss():
    # (p - a)(F(1 + k) - s) > T - S + c: here F(1 + k) > 5
    complied = rl.Regime(turns=50, fine=2.6, compensation=1)
    tie = rl.Regime(turns=50, fine=2.5, compensation=1)  # T' = S': not strictly ahead, so it defects
    assert moves(ZeroSumRealist(), axl.Defector(), complied) == "C" * 50
    assert moves(ZeroSumRealist(), axl.TitForTat(), tie) == "D" * 50


def test_compensation_moves_the_realist_but_not_the_myopic_state():
    # F = 3 >= F* = 2 makes compliance a best reply to compliance, with or without compensation
    for k in (0, 1):
        regime = rl.Regime(turns=50, fine=3, compensation=k)
        assert moves(MyopicState(), axl.Defector(), regime) == "C" * 50
    assert moves(ZeroSumRealist(), axl.TitForTat(), rl.Regime(turns=50, fine=3)) == "D" * 50
    assert moves(ZeroSumRealist(), axl.TitForTat(), rl.Regime(turns=50, fine=3, compensation=1)) == "C" * 50


# -- Myopic State ----------------------------------------------------------------


def test_myopic_state_defects_in_a_prisoners_dilemma_whatever_the_other_does():
    for opponent in (axl.Cooperator(), axl.TitForTat(), axl.Defector()):
        assert set(moves(MyopicState(), opponent, rl.Regime(shadow=0.99), seed=2)) == {"D"}


@pytest.mark.parametrize("transparency", [1.0, 0.5])
def test_myopic_state_complies_exactly_from_the_fine_threshold_on(transparency):
    f_star = rl.thresholds(rl.Regime(transparency=transparency))["fine"]
    at = rl.Regime(turns=20, transparency=transparency, fine=f_star)
    below = rl.Regime(turns=20, transparency=transparency, fine=f_star * 0.99)
    assert moves(MyopicState(), axl.Defector(), at) == "C" * 20
    assert moves(MyopicState(), axl.Cooperator(), below) == "D" * 20


# -- Unsocialised Newcomer -------------------------------------------------------


def test_newcomer_tests_first_and_never_learns_from_a_partner_that_punishes_the_test():
    assert moves(UnsocialisedNewcomer(), axl.Grudger()) == "D" * 50


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_newcomer_becomes_a_reliable_partner_after_ten_compliances(seed):
    mine = moves(UnsocialisedNewcomer(), axl.Cooperator(), seed=seed)
    assert mine[0] == "D"
    assert mine[10:] == "C" * 40


def test_newcomer_learns_slowly():
    # Against a complier, round k (1..9) complies with probability k / 10: 4.5 of 9 expected
    # (standard deviation of one match 1.28; of the mean of 200, 0.09).
    early = [moves(UnsocialisedNewcomer(), axl.Cooperator(), seed=seed)[1:10].count("C") for seed in range(200)]
    assert sum(early) / len(early) == pytest.approx(4.5, abs=0.3)


def test_newcomer_halves_its_experience_when_it_sees_a_defection():
    player, opponent = with_history(UnsocialisedNewcomer(), "DC CC CC CC CC CC")
    player.experience = 5
    opponent.history.append(D, C)
    assert player.strategy(opponent) == D
    assert player.experience == 2


# -- Spoiler ---------------------------------------------------------------------


@pytest.mark.parametrize(("turns", "endgame"), [(20, 2), (30, 3), (200, 20), (5, 1)])
def test_spoiler_defects_in_the_last_tenth_of_a_known_horizon(turns, endgame):
    assert moves(Spoiler(), axl.Cooperator(), rl.Regime(turns=turns)) == "C" * (turns - endgame) + "D" * endgame


def test_spoiler_reciprocates_before_the_endgame():
    assert moves(Spoiler(), scripted("CCDCC" + "C" * 45))[:8] == "CCCDCCCC"


def test_an_uncertain_end_disarms_the_spoiler():
    for seed in range(5):
        assert "D" not in moves(Spoiler(), axl.Cooperator(), rl.Regime(shadow=0.95), seed=seed)


# -- Hedger ----------------------------------------------------------------------


def test_hedger_withdraws_from_a_partner_that_never_complies():
    for seed in range(5):
        assert moves(Hedger(), axl.Defector(), seed=seed)[1:] == "D" * 49


def test_hedger_never_fully_commits_even_to_a_perfect_partner():
    mine = moves(Hedger(), axl.Cooperator(), rl.Regime(turns=2000), seed=4)
    assert mine.count("C") / 2000 == pytest.approx(0.9, abs=0.03)  # standard error 0.007
    assert "D" in mine[1900:]  # it keeps its exit open to the end


def test_hedger_tracks_its_partners_compliance():
    partner = axl.Random(0.3)
    mine, theirs, _ = play(Hedger(), partner, rl.Regime(turns=2000), seed=5)
    assert mine[100:].count("C") / 1900 == pytest.approx(theirs[:1999].count("C") / 1999, abs=0.04)


# -- What every shipped strategy owes ---------------------------------------------


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
def test_every_shipped_strategy_cites_an_existing_seed_passage(cls):
    if not SEEDS.is_dir():
        pytest.skip(f"seed texts not found at {SEEDS} (set REGIMELAB_SEEDS)")
    assert cls.citation
    for file, first, last in parse_citation(cls.citation):
        path = SEEDS / file
        assert path.is_file(), f"{cls.name}: no seed file {file}"
        lines = len(path.read_text(encoding="utf-8").splitlines())
        assert 1 <= first <= last <= lines, f"{cls.name}: lines {first}-{last} of {file}, which has {lines}"
        assert path.read_text(encoding="utf-8").splitlines()[first - 1].strip(), f"{cls.name}: {file}:{first} is blank"


@pytest.mark.parametrize("cls", PYTHON_STRATEGIES, ids=lambda cls: cls.name)
def test_every_python_strategy_is_documented_in_the_axelrod_style(cls):
    doc = inspect.getdoc(cls)
    assert cls.name in doc  # the Names: section
    for file, first, last in parse_citation(cls.citation):
        assert f"{file}:{first}" in doc  # the docstring cites what the citation says
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
