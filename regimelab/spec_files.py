"""Where specs are: the presets that ship in ``regimelab.presets`` (the repository's
tournaments/), files given by path, and which kind of spec a file holds.

The kind is read from the file itself: a society spec has ``[[actors]]`` or
``[society]`` (model page §7.10), a tournament spec ``[tournament]``. This
module reads no spec further, so both spec loaders can use it.
"""

from __future__ import annotations

import difflib
import tomllib
from importlib import resources
from pathlib import Path

from .errors import InvalidParameter

#: The kinds of spec: how each is played.
KINDS = ("tournament", "society")


def is_society_spec(path) -> bool:
    """Whether a TOML file is a society spec (it has ``[[actors]]`` or ``[society]``).

    For code that lists presets: a society spec is run with `regimelab
    society`, not `regimelab run`. Unreadable files are not society specs.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return "actors" in data or "society" in data


def preset_files() -> dict[str, Path]:
    """Preset name -> file, for every TOML spec shipped in ``regimelab.presets`` (both kinds)."""
    folder = resources.files("regimelab.presets")
    return {
        Path(entry.name).stem: Path(str(entry))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    }


def spec_kind(path) -> str:
    """``"society"`` for a society spec (``[[actors]]`` or ``[society]``), else ``"tournament"``."""
    return "society" if is_society_spec(path) else "tournament"


def resolve_spec(name_or_path: str) -> Path:
    """A spec's file: an existing path, or the name of a shipped preset."""
    path = Path(name_or_path)
    if path.suffix.lower() == ".toml" or path.exists():
        if not path.exists():
            raise InvalidParameter("SPEC", "an existing .toml file or a preset name", name_or_path)
        return path
    presets = preset_files()
    if name_or_path in presets:
        return presets[name_or_path]
    close = difflib.get_close_matches(name_or_path, list(presets), n=2)
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    raise InvalidParameter(
        "SPEC", f"a .toml file or one of the presets: {', '.join(presets) or 'none'}{hint}", name_or_path
    )
