"""Building an axelrod player without reading source files again: what axelrod works out per class, once per class.

axelrod builds a player at every match and every repetition (``Player.reset``
runs ``__init__`` again), and a meta strategy builds its whole team each time:
Meta Majority Long Memory builds some 350 players a repetition. Two parts of
that work depend only on the class, yet axelrod does them for every player:

- ``axelrod.makes_use_of.method_makes_use_of`` reads a method's source
  (``inspect.getsource``) to find which match attributes it reads. A
  transformed strategy (``axelrod.strategy_transformers``) asks it of its
  class and its wrapper at every build, and for a class made at run time the
  source is looked for by parsing the whole module before failing: 0.07 s per
  build of a meta team, more than the team's 200 moves.
- ``axelrod.Player.init_params`` makes the signature of ``__init__`` anew
  (``inspect.signature``) to record the arguments for cloning.

Here each is worked out once per method or class and kept: the same sets
(a new copy each time, as callers add to them), the same errors, the same
arguments (``tests/test_faster_axelrod.py`` builds every strategy both ways).
When regimelab imports axelrod itself (``regimelab._fast_import``), the
memoised ``method_makes_use_of`` stays in place for the whole process, so that
building players outside a match (``--set all``, the checks) is quick too.
"""

from __future__ import annotations

import inspect

from axelrod import makes_use_of

_AXELROD_METHOD_MAKES_USE_OF = makes_use_of.method_makes_use_of
_uses: dict = {}  # method -> frozenset of attribute names, or the error reading its source raised
_signatures: dict = {}  # class -> the signature of its __init__ without self


def method_makes_use_of(method) -> set:
    """``axelrod.makes_use_of.method_makes_use_of``, read once per function: a new set each time, or the same error.

    Bound methods are kept by their function (the source is the function's);
    an unhashable argument is axelrod's to answer.
    """
    key = getattr(method, "__func__", method)
    try:
        found = _uses[key]
    except TypeError:
        return _AXELROD_METHOD_MAKES_USE_OF(method)
    except KeyError:
        try:
            found = frozenset(_AXELROD_METHOD_MAKES_USE_OF(method))
        except (OSError, TypeError) as error:  # no source to read (a class made at run time, a builtin)
            found = error
        _uses[key] = found
    if isinstance(found, Exception):
        raise type(found)(*found.args)
    return set(found)


method_makes_use_of.memoised = True  # regimelab._fast_import installs it for the whole process once


def init_params(cls, *args, **kwargs):
    """``axelrod.Player.init_params``: the arguments of ``cls(*args, **kwargs)`` with the defaults filled in."""
    signature = _signatures.get(cls)
    if signature is None:
        signature = inspect.signature(cls.__init__)
        parameters = list(signature.parameters.values())
        parameters.remove(signature.parameters.get("self"))  # as axelrod does it, so the same error without one
        signature = _signatures[cls] = signature.replace(parameters=parameters)
    bound = signature.bind_partial(*args, **kwargs)
    bound.apply_defaults()
    return bound.arguments
