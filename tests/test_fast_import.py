"""The memoised source and signature look-ups used while importing axelrod."""

import inspect

import axelrod as axl
import pytest

from regimelab._fast_import import memoised_getsource


def test_memoised_lookups_answer_as_inspect_does_and_are_restored():
    original_source, original_signature = inspect.getsource, inspect.signature
    method = axl.TitForTat().strategy
    with memoised_getsource():
        assert inspect.getsource(method) == original_source(method)
        assert inspect.getsource(method) is inspect.getsource(axl.TitForTat().strategy)  # memoised
        assert inspect.signature(axl.GTFT.__init__) == original_signature(axl.GTFT.__init__)
        dynamic = type("Dynamic", (), {})
        with pytest.raises((OSError, TypeError)):
            inspect.getsource(dynamic)
        with pytest.raises((OSError, TypeError)):  # the cached failure is raised again
            inspect.getsource(dynamic)
    assert inspect.getsource is original_source and inspect.signature is original_signature


def test_classifiers_computed_at_import_match_axelrods_source():
    # makes_use_of is what axelrod derives from source at import time.
    assert axl.Classifiers["makes_use_of"](axl.GTFT()) == {"game"}
    assert "length" in axl.Classifiers["makes_use_of"](axl.BackStabber())
    assert axl.Classifiers["makes_use_of"](axl.TitForTat()) == set()
