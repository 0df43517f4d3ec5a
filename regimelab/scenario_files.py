"""Where scenarios are: the built-in scenarios that ship in ``regimelab.builtin_scenarios`` (the repository's
tournaments/), files given by path, and which kind of scenario a file holds.

The kind is read from the file itself: a society scenario has ``[[actors]]`` or
``[society]`` (model page §7.10), a tournament scenario ``[tournament]``. This
module reads no scenario further, so both scenario loaders can use it.
"""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path

from .errors import InvalidParameter
from .toml_files import TomlError, parse_toml

#: The kinds of scenario: how each is played.
KINDS = ("tournament", "society")


def is_society_scenario(path) -> bool:
    """Whether a TOML file is a society scenario: ``kind = "society"``, else it has ``[[actors]]`` or ``[society]``.

    For code that lists built-in scenarios: a society scenario is run with `regimelab
    society`, not `regimelab run`. Unreadable files are not society scenarios.
    """
    try:
        data = parse_toml(Path(path).read_text(encoding="utf-8"), path)
    except (OSError, UnicodeDecodeError, TomlError):  # the loader reads it again and says what is wrong
        return False
    if data.get("kind") in KINDS:
        return data["kind"] == "society"
    return "actors" in data or "society" in data


def builtin_scenario_files() -> dict[str, Path]:
    """Name -> file of every scenario shipped in ``regimelab.builtin_scenarios`` (both kinds)."""
    folder = resources.files("regimelab.builtin_scenarios")
    return {
        Path(entry.name).stem: Path(str(entry))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    }


def scenario_kind(path) -> str:
    """``"society"`` for a society scenario (see :func:`is_society_scenario`), else ``"tournament"``."""
    return "society" if is_society_scenario(path) else "tournament"


def resolve_scenario(name_or_path: str) -> Path:
    """A scenario's file: an existing path, or the name of a built-in scenario."""
    path = Path(name_or_path)
    if path.suffix.lower() == ".toml" or path.exists():
        if not path.exists():
            raise InvalidParameter("SCENARIO", "an existing .toml file or a built-in scenario name", name_or_path)
        return path
    builtin = builtin_scenario_files()
    if name_or_path in builtin:
        return builtin[name_or_path]
    close = difflib.get_close_matches(name_or_path, list(builtin), n=2)
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    accepted = f"a .toml file or one of the built-in scenarios: {', '.join(builtin) or 'none'}{hint}"
    raise InvalidParameter("SCENARIO", accepted, name_or_path)
