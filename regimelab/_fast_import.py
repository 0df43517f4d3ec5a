"""Import axelrod with its start-up cost cut from seconds to about one.

At import, axelrod 4.13.1 instantiates its strategies and, for each, reads the
source of its methods with ``inspect.getsource`` (``makes_use_of.py``) to find
which match attributes they use: some 12,000 calls over the same few hundred
functions and classes, each re-parsing a whole module (15 s on Python 3.11).
Memoising ``inspect.getsource`` for the duration of that import gives the same
answers (source text does not change while it runs) in a fraction of the time.
The same import builds some 30,000 players, each asking ``inspect.signature``
of its class's ``__init__``; signatures are immutable, so they are memoised too.
"""

from __future__ import annotations

import inspect
import sys
from contextlib import contextmanager


@contextmanager
def memoised_getsource():
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


def import_axelrod():
    """``import axelrod``, memoising source look-ups if it is not imported yet."""
    if "axelrod" not in sys.modules:
        with memoised_getsource():
            import axelrod  # noqa: F401
    return sys.modules["axelrod"]
