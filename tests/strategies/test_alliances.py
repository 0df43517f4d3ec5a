"""Hedger (strategies/alliances.py): its defining behaviour."""

import axelrod as axl
import pytest
from match_scripts import moves, play
from regimelab.strategies.alliances import Hedger

import regimelab as rl


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
