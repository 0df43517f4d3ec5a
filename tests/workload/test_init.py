"""regimelab.workload gathers the names of its modules (regimelab/workload/__init__.py)."""

from __future__ import annotations

import importlib

import regimelab.workload as workload

MODULES = ("limit", "rates", "tournament", "exact", "round_robins", "evolution", "society", "thresholds")
#: What the command line, the tests and benchmarks/bench_workload.py import from regimelab.workload.
USED = ("TooLarge", "Workload", "check_workload", "run_workload", "comparison_workload", "sweep_workload",
        "evolution_workload", "society_workload", "explain_workload", "plot_workload", "tournament_workload",
        "exact_tournament_workload", "LIMIT_SECONDS", "LIMIT_BYTES", "limit_text", "number_text", "duration_text",
        "bytes_text", "HISTORY_BYTES", "RECORD_BYTES", "PAIRING_BYTES", "ROUND_SECONDS", "MATCH_SECONDS",
        "PAIRING_SECONDS", "SOCIETY_ROUND_SECONDS", "SOCIETY_HISTORY_BYTES", "INSTANCE_SECONDS", "INSTANCE_BYTES",
        "EXACT_PAIR_SECONDS", "SEARCH_EVALUATIONS")


def test_every_name_used_is_there_and_is_its_modules_own():
    assert set(USED) <= set(workload.__all__)
    owners = [importlib.import_module(f"regimelab.workload.{name}") for name in MODULES]
    for name in workload.__all__:
        value = getattr(workload, name)
        assert any(getattr(owner, name, None) is value and (
            not callable(value) or value.__module__ == owner.__name__) for owner in owners), name


def test_every_public_name_of_the_modules_estimates_is_gathered():
    for name in MODULES:
        module = importlib.import_module(f"regimelab.workload.{name}")
        estimates = {n for n in vars(module) if n.endswith("_workload") and not n.startswith("_")}
        assert estimates <= set(workload.__all__), (name, estimates - set(workload.__all__))
