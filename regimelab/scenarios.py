"""The scenario presets that ship with regimelab (the repository's tournaments/)."""

from __future__ import annotations

import difflib
from importlib import resources
from pathlib import Path

from .errors import InvalidParameter
from .spec import Scenario, load_scenario


def preset_files() -> dict[str, Path]:
    """Preset name -> file, for every TOML spec shipped in ``regimelab.presets``."""
    folder = resources.files("regimelab.presets")
    return {
        Path(entry.name).stem: Path(str(entry))
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".toml")
    }


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


def load_preset_or_file(name_or_path: str) -> Scenario:
    return load_scenario(resolve_spec(name_or_path))


def all_presets() -> list[Scenario]:
    return [load_scenario(path) for path in preset_files().values()]
