"""regimelab's own strategies of state actors: registered on import.

The Python strategies live in the repository's `strategies/` folder, installed
as the package `regimelab.strategies`; the declarative ones are TOML files in
the same folder.
"""

from __future__ import annotations
