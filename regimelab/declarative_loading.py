"""Loading declarative strategies: a file, a file's text or a folder, each registered under its name."""

from __future__ import annotations

from pathlib import Path

from .declarative_format import Definition
from .declarative_players import DeclaredStrategy, build_strategy
from .declarative_reading import key_line, read_definition
from .errors import InvalidParameter
from .strategy_registry import is_ours, register_strategy, strategy_index, strategy_key
from .toml_files import TomlDocument, TomlError


def load_strategy_file(path) -> type:
    """The strategy declared in the TOML file ``path``, registered under its name.

    Raises :class:`TomlError` naming the file and line of the first problem.
    """
    document = TomlDocument(path)
    return _register(read_definition(document), document)


def load_strategy_text(text: str, source) -> type:
    """As :func:`load_strategy_file`, for a file's text (``source`` names it in errors)."""
    document = TomlDocument(source, text=text)
    return _register(read_definition(document), document)


def check_folder_name(path) -> None:
    """Refuse an empty folder name: ``Path("")`` is the current folder, which nobody means by it."""
    if not str(path).strip():
        raise InvalidParameter("strategies_dir", "the name of a folder (an empty name is refused: "
                               "write . for the current folder)", str(path))


def load_strategy_dir(path) -> list[type]:
    """Every ``*.toml`` strategy in the folder ``path`` (sorted by file name; an empty name is refused)."""
    check_folder_name(path)
    folder = Path(path)
    if not folder.is_dir():
        raise TomlError(path, "no such folder")
    classes: list[type] = []
    used: dict[str, Path] = {}
    for file in sorted(folder.glob("*.toml")):
        document = TomlDocument(file)
        definition = read_definition(document)
        other = used.get(strategy_key(definition.name))
        if other is not None:
            raise TomlError(file, f"name {definition.name!r} is already used by {other.name}; "
                            "each strategy needs its own name", key_line(document, "name"))
        used[strategy_key(definition.name)] = file
        classes.append(_register(definition, document))
    return classes


def _register(definition: Definition, document: TomlDocument) -> type:
    """Register the strategy; a file may replace a file (reloading), not a Python strategy."""
    existing = strategy_index().get(strategy_key(definition.name))
    if existing is not None and not issubclass(existing, DeclaredStrategy):
        owner = "regimelab's" if is_ours(existing) else "axelrod's"
        raise TomlError(document.path, f"name {definition.name!r} is already {owner} strategy "
                        f"{existing.name!r}; choose another name", key_line(document, "name"))
    return register_strategy(build_strategy(definition))

