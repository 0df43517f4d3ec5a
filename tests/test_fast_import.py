"""The memoised source and signature look-ups used while importing axelrod, and the import hook that
makes the first `import axelrod` use them."""

import importlib.metadata
import inspect
import json
import subprocess
import sys

import axelrod as axl
import pytest

from regimelab._fast_import import MEASURED_AGAINST, install_import_hook, is_measured_version, memoised_getsource
from regimelab.faster_axelrod import faster_axelrod, player_construction


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


def test_the_installed_axelrod_is_the_version_the_saving_was_measured_on():
    # Another version is imported plainly (no memo): measure `import axelrod` with and without
    # memoised_getsource in fresh interpreters, then update MEASURED_AGAINST and the module's docstring.
    assert importlib.metadata.version("axelrod") == MEASURED_AGAINST == axl.__version__
    assert is_measured_version()


#: In a fresh interpreter: import regimelab, then axelrod, and say whether the memo was used and undone.
HOOK_SCRIPT = """
import inspect, json, sys
import regimelab._fast_import as fast

original = (inspect.getsource, inspect.signature)
entered = []
memoised = fast.memoised_getsource
def recording():
    entered.append(True)
    return memoised()
fast.memoised_getsource = recording
import axelrod
print(json.dumps({
    "memoised": bool(entered),
    "restored": (inspect.getsource, inspect.signature) == original,
    "own_loader": type(axelrod.__loader__).__name__ == type(axelrod.__spec__.loader).__name__ == "SourceFileLoader",
    "hook_left": any(type(finder).__name__ == "_AxelrodFinder" for finder in sys.meta_path),
    "strategies": len(axelrod.all_strategies) > 200,
}))
"""

#: In a fresh interpreter, as if another axelrod were installed: the loader the hook finds (no import: 14 s).
OTHER_VERSION_SCRIPT = """
import sys
import regimelab._fast_import as fast

fast.is_measured_version = lambda: False
spec = fast._FINDER.find_spec("axelrod", None)
hook_left = any(type(finder).__name__ == "_AxelrodFinder" for finder in sys.meta_path)
print(type(spec.loader).__name__, hook_left)
"""


def test_importing_regimelab_makes_the_first_import_of_axelrod_memoised():
    completed = subprocess.run([sys.executable, "-c", HOOK_SCRIPT], capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == {"memoised": True, "restored": True, "own_loader": True,
                                            "hook_left": False, "strategies": True}
    assert completed.stderr == ""


def test_another_axelrod_version_is_imported_plainly_without_a_warning():
    completed = subprocess.run([sys.executable, "-c", OTHER_VERSION_SCRIPT], capture_output=True, text=True,
                               timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split() == ["SourceFileLoader", "False"] and completed.stderr == ""


def test_the_hook_is_not_installed_once_axelrod_is_imported():
    install_import_hook()  # axelrod is imported in this process: nothing to do
    assert not any(type(finder).__name__ == "_AxelrodFinder" for finder in sys.meta_path)


def test_makes_use_of_is_memoised_with_the_same_answers_for_every_strategy():
    import axelrod.makes_use_of as module

    memoised = module.method_makes_use_of
    assert getattr(memoised, "memoised", False)  # regimelab imported axelrod through the hook
    assert memoised is player_construction.method_makes_use_of  # one memo, the object engine's too
    with faster_axelrod():
        pass
    assert module.method_makes_use_of is memoised  # kept for the process when the engine's blocks end
    original = player_construction._AXELROD_METHOD_MAKES_USE_OF
    methods = [member for cls in axl.all_strategies for _, member in inspect.getmembers(cls, inspect.isfunction)]
    for method in methods + list(axl.all_strategies):  # classes: their source cannot be read
        try:
            expected = original(method)
        except (OSError, TypeError) as error:
            with pytest.raises(type(error)):
                memoised(method)
            continue
        first, second = memoised(method), memoised(method)
        assert first == second == expected
        first.add("changed by the caller")  # callers update the set: the memo must not see it
        assert memoised(method) == expected
