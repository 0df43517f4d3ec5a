"""Counts in words (regimelab/wording.py)."""

from regimelab.wording import counted


def test_one_is_singular_and_every_other_count_plural():
    assert counted(1, "strategy", "strategies") == "1 strategy"
    assert counted(0, "strategy", "strategies") == "0 strategies"
    assert counted(2.5, "round") == "2.5 rounds"
    assert counted("1", "turn") == "1 turn" and counted("1.0", "turn") == "1.0 turns"
