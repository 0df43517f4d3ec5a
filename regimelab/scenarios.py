"""The scenario presets that ship with regimelab (the repository's tournaments/).

A preset is of one of two kinds:

* a **tournament** preset (``[tournament]``): players and the regimes to
  compare them under, played with `regimelab run/compare/explain/sweep NAME`
  (:func:`load_preset_or_file` gives its :class:`~regimelab.spec.Scenario`);
* a **society** preset (``[[actors]]``, model page §7): a society of actors
  and its variants, played with `regimelab society NAME`
  (:func:`regimelab.society.spec.load_society` gives its ``SocietySpec``).

:func:`load_preset_or_file` refuses a society spec with
:class:`SocietySpecGiven`, a one-line error naming the command to use.
"""

from __future__ import annotations

from .errors import RegimelabError
from .society.spec import load_society_spec
from .spec import Scenario, load_scenario
from .spec_files import KINDS, preset_files, resolve_spec, spec_kind  # noqa: F401  (KINDS: part of this API)


class SocietySpecGiven(RegimelabError):
    """A society spec where a tournament spec was expected (`run`, `compare`, `explain`, `sweep`...)."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(
            f"{name} is a society spec (it has [[actors]]), not a tournament spec: "
            f"play it with `regimelab society {name}`"
        )

    def __reduce__(self):
        return (type(self), (self.name,))


def preset_kinds() -> dict[str, str]:
    """Preset name -> kind (``"tournament"`` or ``"society"``)."""
    return {name: spec_kind(path) for name, path in preset_files().items()}


def load_preset_or_file(name_or_path: str) -> Scenario:
    """A tournament spec by path or preset name; a society spec raises :class:`SocietySpecGiven`."""
    path = resolve_spec(name_or_path)
    if spec_kind(path) == "society":
        raise SocietySpecGiven(name_or_path)
    return load_scenario(path)


def load_any(name_or_path: str):
    """A spec of either kind: a :class:`Scenario` or a ``SocietySpec``."""
    path = resolve_spec(name_or_path)
    if spec_kind(path) == "society":
        return load_society_spec(path)
    return load_scenario(path)


def all_society_presets() -> list:
    """The society presets, as ``SocietySpec`` values."""
    return [load_society_spec(path) for path in preset_files().values() if spec_kind(path) == "society"]


def preset_listing() -> list[dict]:
    """One entry per preset, in name order: name, kind, title, summary and its regimes (variants)."""
    out = []
    for name, path in preset_files().items():
        kind = spec_kind(path)
        if kind == "society":
            spec = load_society_spec(path)
            regimes = spec.variant_names
        else:
            spec = load_scenario(path)
            regimes = spec.regime_names
        out.append({"name": spec.name, "kind": kind, "title": spec.title, "summary": spec.summary,
                    "regimes": ",".join(regimes)})
    return out
