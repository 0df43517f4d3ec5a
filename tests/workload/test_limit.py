"""The limit, the estimate held against it, and the refusal in words (regimelab/workload/limit.py)."""

from __future__ import annotations

import math

import pytest

from regimelab.workload import limit
from regimelab.workload.limit import (
    LIMIT_BYTES,
    LIMIT_SECONDS,
    TooLarge,
    Workload,
    bytes_text,
    check_workload,
    duration_text,
    limit_text,
    number_text,
)


def test_the_limit_is_ten_minutes_on_one_core_or_four_gigabytes():
    assert (LIMIT_SECONDS, LIMIT_BYTES) == (600, 4e9)
    assert limit_text() == "~10 minutes / 4 GB"
    assert not Workload(seconds=LIMIT_SECONDS, transient=LIMIT_BYTES).too_large
    assert Workload(seconds=LIMIT_SECONDS * 1.01).too_large
    assert Workload(kept=LIMIT_BYTES * 0.5, transient=LIMIT_BYTES * 0.51).too_large


def test_an_estimate_reads_as_one_phrase():
    estimate = Workload(rounds=4.5e8, seconds=2400, transient=16e9)
    assert estimate.describe() == "about 4.5e8 rounds (~40 minutes on one core, ~16 GB)"
    with pytest.raises(TooLarge) as refused:
        check_workload(estimate)
    assert str(refused.value) == ("this run is about 4.5e8 rounds (~40 minutes on one core, ~16 GB): "
                                  "above the limit of ~10 minutes / 4 GB")
    assert check_workload(Workload(rounds=100, seconds=1)) .rounds == 100
    exact = Workload(pairings=45, largest_chain=17_042, seconds=5, transient=1e5)
    assert exact.describe() == "about 45 exact pairings, joint chains of up to 17,042 states (~5 s on one core, under 1 MB)"
    assert [number_text(v) for v in (12, 99_999, 123_456, 4.5e8, math.inf)] == ["12", "99,999", "1.2e5", "4.5e8",
                                                                                  "endless"]
    assert [duration_text(s) for s in (0.2, 59, 100, 7200, 86400 * 3, 3e13)] == [
        "1 s", "59 s", "1.7 minutes", "2 hours", "3 days", "9.5e5 years"]
    assert [bytes_text(b) for b in (1e5, 3.5e8, 1.6e10, 2e12)] == ["under 1 MB", "350 MB", "16 GB", "2 TB"]


def test_runs_one_after_the_other_add_their_time_and_results_but_not_their_working_sets():
    first = Workload(rounds=10, seconds=1, kept=5, transient=100)
    second = Workload(rounds=20, pairings=3, largest_chain=7, seconds=2, kept=6, transient=50)
    both = first.then(second)
    assert (both.rounds, both.pairings, both.largest_chain, both.seconds, both.kept, both.transient) == (
        30, 3, 7, 3, 11, 100)
    assert both.memory == 111


def test_more_work_of_another_kind_adds_its_time_and_results_and_keeps_the_larger_working_set():
    more = Workload(rounds=10, seconds=1, kept=5, transient=100).plus(seconds=2, kept=3, transient=40)
    assert (more.rounds, more.seconds, more.kept, more.transient) == (10, 3, 8, 100)
    assert Workload(transient=1).plus(transient=40).transient == 40


def test_the_limit_is_read_where_it_is_defined_and_the_refusal_survives_pickling(monkeypatch):
    import pickle

    estimate = Workload(rounds=100, seconds=1)
    monkeypatch.setattr(limit, "LIMIT_SECONDS", 0.5)
    assert estimate.too_large and limit_text() == "~1 s / 4 GB"
    with pytest.raises(TooLarge) as refused:
        check_workload(estimate)
    copy = pickle.loads(pickle.dumps(refused.value))
    assert copy.workload == estimate and str(copy) == str(refused.value)


def test_endless_work_reads_as_such():
    endless = Workload(rounds=math.inf, seconds=math.inf, transient=math.inf)
    assert endless.too_large
    assert endless.describe() == "about endless rounds (~forever on one core, ~unbounded memory)"
