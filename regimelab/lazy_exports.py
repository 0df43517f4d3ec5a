"""A package's public names imported on first use (PEP 562), from a table of the modules they live in.

`regimelab`, `regimelab.workload` and `regimelab.sweeps` gather names from
modules that import axelrod, pandas or scipy; importing those only when a
name is asked for keeps `regimelab --help` and `regimelab explain` fast
(`tests/cli/test_startup.py`).
"""

from __future__ import annotations

from importlib import import_module


def lazy_exports(package: str, homes: dict[str, tuple[str, ...]], namespace: dict):
    """The ``__getattr__`` and ``__dir__`` of ``package``.

    ``homes``: each submodule (relative name) and the names it provides;
    ``namespace``: the package's ``globals()``, where a name is kept once
    imported, so that later look-ups do not come back here.
    """

    def __getattr__(name: str):
        home = next((module for module, names in homes.items() if name in names), None)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f".{home}", package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *namespace.get("__all__", ())})

    return __getattr__, __dir__
