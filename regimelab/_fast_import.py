"""Import axelrod with its start-up cost cut from about 14 s to about 3.

At import, axelrod 4.13.1 instantiates its strategies and, for each, reads the
source of its methods with ``inspect.getsource`` (``makes_use_of.py``) to find
which match attributes they use: some 12,000 calls over the same few hundred
functions and classes, each re-parsing a whole module. Memoising
``inspect.getsource`` for the duration of that import gives the same answers
(source text does not change while it runs) in a fraction of the time. The
same import builds some 30,000 players, each asking ``inspect.signature`` of
its class's ``__init__``; signatures are immutable, so they are memoised too.

Measured against axelrod :data:`MEASURED_AGAINST` in fresh interpreters
(2 shared cores): ``import axelrod`` 14-15 s plain, 2.7-4.8 s memoised. Another
axelrod version is imported plainly: the saving was not measured for it.

:func:`install_import_hook` (called when :mod:`regimelab` is imported) makes
the first ``import axelrod``, by whichever module, a memoised one, so that
commands which do not need axelrod never import it and those which do need not
import it in a particular order.

After the import the same look-up keeps costing: every new player of a class
made by a strategy transformer (axelrod's ``Dual``, ``Joss-Ann``, the
``Meta`` teams' members...), and each clone the engines make of one, reads
its methods' source again (``makes_use_of_reclassifier``), some 7 ms a
player, a sixth of the object engine's time over the whole library.
:func:`memoise_makes_use_of` memoises that function (``method_makes_use_of``,
whose answer depends on the source of the method alone) for the process, with
the memo regimelab's object engine puts in place while it plays
(:mod:`regimelab.faster_axelrod`, which covers an axelrod imported before regimelab).
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from contextlib import contextmanager

#: The axelrod version whose import the memoisation was measured to speed up.
MEASURED_AGAINST = "4.13.1"


@contextmanager
def memoised_getsource():
    """Memoise ``inspect.getsource`` and ``inspect.signature`` while the block runs, then restore them."""
    original = inspect.getsource
    cache: dict = {}

    def getsource(obj):
        key = getattr(obj, "__func__", obj)  # bound methods: their function
        try:
            outcome = cache[key]
        except TypeError:  # unhashable: no memo
            return original(obj)
        except KeyError:
            try:
                outcome = (True, original(obj))
            except (OSError, TypeError) as error:
                outcome = (False, error)
            cache[key] = outcome
        ok, value = outcome
        if ok:
            return value
        raise type(value)(*value.args)

    original_signature = inspect.signature
    signatures: dict = {}

    def signature(obj, *args, **kwargs):
        if args or kwargs:
            return original_signature(obj, *args, **kwargs)
        try:
            return signatures[obj]
        except KeyError:
            signatures[obj] = original_signature(obj)
            return signatures[obj]
        except TypeError:  # unhashable
            return original_signature(obj)

    inspect.getsource = getsource
    inspect.signature = signature
    try:
        yield
    finally:
        inspect.getsource = original
        inspect.signature = original_signature


def is_measured_version() -> bool:
    """Whether the installed axelrod is the version the memoisation was measured against."""
    import importlib.metadata  # here: only when axelrod is about to be imported

    try:
        return importlib.metadata.version("axelrod") == MEASURED_AGAINST
    except importlib.metadata.PackageNotFoundError:
        return False


def import_axelrod():
    """``import axelrod``, memoising source look-ups if it is not imported yet (and is the measured version)."""
    if "axelrod" not in sys.modules:
        if is_measured_version():
            with memoised_getsource():
                import axelrod  # noqa: F401
            memoise_makes_use_of()
        else:
            import axelrod  # noqa: F401
    return sys.modules["axelrod"]


def memoise_makes_use_of() -> None:
    """Memoise axelrod's ``makes_use_of.method_makes_use_of`` for the rest of the process.

    The memo is :func:`regimelab.faster_axelrod.player_construction.method_makes_use_of`
    (the one regimelab's object engine uses while it plays): each call gets its own
    set (callers update it), and a method whose source cannot be read raises the
    same error each time, as ``makes_use_of_variant`` expects. Calling it twice does nothing more.
    """
    module = sys.modules.get("axelrod.makes_use_of")
    if module is None or getattr(module.method_makes_use_of, "memoised", False):
        return
    from .faster_axelrod import keep_for_the_process  # axelrod is imported by now
    from .faster_axelrod.player_construction import method_makes_use_of

    keep_for_the_process(module, "method_makes_use_of", method_makes_use_of)


class _MemoisingLoader:
    """Runs axelrod's package ``__init__`` (and so every submodule it imports) under :func:`memoised_getsource`."""

    def __init__(self, loader):
        self.loader = loader

    def create_module(self, spec):
        """The module as axelrod's own loader creates it."""
        return self.loader.create_module(spec)

    def exec_module(self, module):
        """Execute axelrod memoised, then give the module back its own loader."""
        with memoised_getsource():
            self.loader.exec_module(module)
        module.__loader__ = module.__spec__.loader = self.loader
        memoise_makes_use_of()


class _AxelrodFinder:
    """Finds ``axelrod`` as the other finders do, with a memoising loader; removes itself once used."""

    def find_spec(self, fullname, path, target=None):
        """``axelrod``'s spec with :class:`_MemoisingLoader`; None for any other module."""
        if fullname != "axelrod":
            return None
        uninstall_import_hook()  # once is enough, and the search below must not find this finder again
        # Found here even when not memoised: the import machinery, iterating over the finders,
        # would skip the one after this finder now that it is removed.
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None and is_measured_version():
            spec.loader = _MemoisingLoader(spec.loader)
        return spec


_FINDER = _AxelrodFinder()


def install_import_hook() -> None:
    """Make the first ``import axelrod`` memoised (nothing if it is imported already)."""
    if "axelrod" not in sys.modules and _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)


def uninstall_import_hook() -> None:
    """Remove the hook of :func:`install_import_hook`, if it is installed."""
    if _FINDER in sys.meta_path:
        sys.meta_path.remove(_FINDER)
