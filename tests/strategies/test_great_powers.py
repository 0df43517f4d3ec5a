"""Status Quo Power and Revisionist (strategies/great_powers.py): each one's defining behaviour."""

import axelrod as axl
import pytest
from match_scripts import C, D, moves, play, scripted, with_history
from regimelab.strategies.great_powers import Revisionist, StatusQuoPower

import regimelab as rl


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
