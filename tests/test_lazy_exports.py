"""regimelab/lazy_exports.py: a package's names imported on first use."""

import sys
import types

import pytest

from regimelab.lazy_exports import lazy_exports


def test_a_name_is_imported_from_its_module_once_and_kept():
    namespace = {"__all__": ["Regime"]}
    getattr_, dir_ = lazy_exports("regimelab", {"regime": ("Regime",)}, namespace)
    assert "Regime" in dir_()
    regime_class = getattr_("Regime")
    assert regime_class is sys.modules["regimelab.regime"].Regime and namespace["Regime"] is regime_class


def test_an_unknown_name_is_an_attribute_error_naming_the_package():
    getattr_, _ = lazy_exports("regimelab", {}, {})
    with pytest.raises(AttributeError, match="'regimelab' has no attribute 'nothing'"):
        getattr_("nothing")


def test_the_packages_use_it():
    import regimelab
    import regimelab.sweeps
    import regimelab.workload

    for package in (regimelab, regimelab.sweeps, regimelab.workload):
        assert isinstance(package.__getattr__, types.FunctionType)
    assert regimelab.sweeps.run_sweep.__module__ == "regimelab.sweeps.runner"
