"""The rates that turn work into seconds and bytes (regimelab/workload/rates.py)."""

from __future__ import annotations

import math

import pytest

from regimelab.workload import rates

RATES = {name: value for name, value in vars(rates).items() if name.isupper()}


@pytest.mark.parametrize("name", sorted(RATES))
def test_every_rate_is_positive_and_the_monitored_ones_have_both_kinds(name):
    value = RATES[name]
    values = list(value.values()) if isinstance(value, dict) else [value]
    assert all(math.isfinite(v) and v > 0 for v in values)
    if isinstance(value, dict):
        assert set(value) == {"perfect", "signalled"} and value["signalled"] >= value["perfect"] * 0.9


def test_signals_cost_more_per_round_than_perfect_monitoring():
    for name in ("ROUND_SECONDS", "HISTORY_BYTES", "SOCIETY_ROUND_SECONDS", "SOCIETY_HISTORY_BYTES"):
        table = RATES[name]
        assert table["signalled"] > table["perfect"], name
