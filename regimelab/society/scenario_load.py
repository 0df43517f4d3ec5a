"""A whole society scenario: its top-level keys and texts, read table by table into a :class:`SocietyScenario`.

The reading follows the format's tables (model page §7.10) in a fixed
order, so that the first problem in a file is the one reported: the texts,
``[[sources]]`` and ``[game]`` (shared with tournament scenarios, in
:mod:`regimelab.scenario_parts`), ``[society]``, ``[regime]``, ``[[actors]]``,
the graph and ``[[edges]]``, ``[[payoffs]]``, ``[[schedule]]``,
``[turnover]``, then the variants ``[regimes.NAME]`` and ``default``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InvalidParameter
from ..regime import Regime
from ..scenario_files import resolve_scenario
from ..scenario_parts import check_kind, read_game, read_regime_values, read_sources
from ..toml_files import TomlDocument
from .model_society import Society
from .scenario_actors import read_actors
from .scenario_checks import Where, array_of_tables, expect_table
from .scenario_payoffs import read_edge_payoffs
from .scenario_society import DEFAULT_REPETITIONS, DEFAULT_SEED, read_graph, read_society_table
from .scenario_time import read_schedule, read_turnover
from .scenario_variants import Variant, read_variants

TOP_KEYS = (
    "kind", "name", "title", "summary", "narrative", "default", "sources", "game", "society", "regime",
    "regimes", "actors", "edges", "payoffs", "schedule", "turnover",
)
REQUIRED = ("name", "title", "summary", "actors")
TEXT_KEYS = ("name", "title", "summary", "narrative")


@dataclass(frozen=True)
class SocietyScenario:
    """A validated society scenario (model page §7.10): texts, sources, variants, repetitions and seed.

    ``variants`` are in the file's order, the first the baseline (one ``base``
    without ``[regimes]``); ``default`` names the one played by default;
    ``path`` is the file read.
    """
    name: str
    title: str
    summary: str
    narrative: str
    sources: tuple
    variants: tuple
    default: str
    repetitions: int = DEFAULT_REPETITIONS
    seed: int = DEFAULT_SEED
    path: str = ""

    @property
    def variant_names(self) -> list[str]:
        """The variants' names, in the scenario's order (the baseline first)."""
        return [variant.name for variant in self.variants]

    @property
    def baseline(self) -> Variant:
        """The first variant, the baseline."""
        return self.variants[0]

    def variant(self, name: str | None = None) -> Variant:
        """The variant called ``name`` (default: the scenario's default)."""
        name = self.default if name is None else name
        for variant in self.variants:
            if variant.name == name:
                return variant
        raise InvalidParameter("variant", f"one of the scenario's variants: {', '.join(self.variant_names)}", name)

    def society(self, name: str | None = None) -> Society:
        """The :class:`Society` of the variant called ``name`` (default: the scenario's default)."""
        return self.variant(name).society

    def to_dict(self) -> dict:
        """The JSON form: texts, sources, default, repetitions, seed and the variants' names and descriptions."""
        return {
            "name": self.name, "title": self.title, "summary": self.summary, "narrative": self.narrative,
            "sources": [dict(s) for s in self.sources], "default": self.default,
            "repetitions": self.repetitions, "seed": self.seed,
            "variants": [{"name": v.name, "description": v.description} for v in self.variants],
        }


def load_society(name_or_path: str) -> SocietyScenario:
    """A society scenario by path, or by the name of a built-in scenario in ``tournaments/``."""
    return load_society_scenario(resolve_scenario(name_or_path))


def load_society_scenario(path) -> SocietyScenario:
    """Read and validate a society scenario; every problem is a :class:`TomlError` with file and line."""
    doc = TomlDocument(path)
    data = doc.data
    _check_top_keys(doc, data)
    text = _texts(doc, data)
    sources = read_sources(doc, data["sources"]) if "sources" in data else []
    game = read_game(doc, data.get("game", {}))
    society_table, repetitions, seed, options = read_society_table(doc, data)
    base_values = read_regime_values(doc, data.get("regime", {}), "regime", allow_extra=False)
    try:
        regime = Regime(**base_values)
    except InvalidParameter as error:
        raise Where(doc, "regime").invalid(error) from None
    actors = read_actors(doc, data["actors"])
    names = [actor.name for actor in actors]
    graph, hub, edges = read_graph(doc, society_table, data, names)
    base = dict(actors=tuple(actors), graph=graph, hub=hub, edges=tuple(edges), game=game, regime=regime,
                options=options)
    playing = _playing(doc, base, names)
    base_society = _with_time_and_payoffs(doc, data, base, names, playing)
    variants = read_variants(doc, data.get("regimes"), base_society, base_values, data.get("turnover") or {}, names,
                             playing)
    default = _default(doc, data, variants)
    return SocietyScenario(
        sources=tuple(sources), variants=tuple(variants), default=default, repetitions=repetitions, seed=seed,
        path=str(path), **text,
    )


def _check_top_keys(doc: TomlDocument, data: dict) -> None:
    """A society scenario (not a tournament scenario), with only known top-level keys and the required ones."""
    check_kind(doc, data, "society" if "actors" in data or "society" in data else "tournament")
    if "actors" not in data:
        if "tournament" in data:
            raise doc.error("this is a tournament scenario (it has [tournament], no [[actors]]): "
                            "run it with `regimelab run`", "tournament")
        raise doc.error("missing required key 'actors' (one [[actors]] table per actor)")
    doc.check_keys(data, TOP_KEYS, "the society scenario")
    for key in REQUIRED:
        if key not in data:
            raise doc.error(f"missing required key {key!r}")


def _texts(doc: TomlDocument, data: dict) -> dict:
    """name, title, summary and narrative, stripped (narrative may be empty or absent)."""
    text = {}
    for key in TEXT_KEYS:
        if key not in data:
            text[key] = ""
            continue
        value = data[key]
        if not isinstance(value, str) or (key != "narrative" and not value.strip()):
            raise doc.error(f"{key} must be a non-empty string, got {value!r}", key)
        text[key] = value.strip()
    return text


def _playing(doc: TomlDocument, base: dict, names: list[str]) -> set:
    """The edges of the graph as sets of two names (the society so far validated first)."""
    try:
        return {frozenset(names[k] for k in pair) for pair in Society(**base).edge_indices()}
    except InvalidParameter as error:
        raise doc.error(f"the society: {error}", error.parameter) from None


def _with_time_and_payoffs(doc: TomlDocument, data: dict, base: dict, names: list[str], playing: set) -> Society:
    """The base society: ``base`` with ``[[payoffs]]``, ``[[schedule]]`` and ``[turnover]``, validated whole."""
    payoffs = read_edge_payoffs(doc, array_of_tables(doc, data, "payoffs", "one or more [[payoffs]] tables"),
                                "payoffs", names, playing)
    schedule = read_schedule(doc, array_of_tables(doc, data, "schedule", "one or more [[schedule]] tables"), "schedule")
    turnover_raw = data.get("turnover")
    turnover = None
    if turnover_raw is not None:
        place = Where(doc, "turnover")
        expect_table(place, turnover_raw, "a table with probability, pool, actors and start")
        turnover = read_turnover(place, turnover_raw, {}, names, Path(doc.path).parent)
    try:
        return Society(**base, payoffs=tuple(payoffs), schedule=tuple(schedule), turnover=turnover)
    except InvalidParameter as error:
        raise doc.error(f"the society: {error}", error.parameter) from None


def _default(doc: TomlDocument, data: dict, variants: list[Variant]) -> str:
    """The variant played by default: ``default``, or the last."""
    default = data.get("default", variants[-1].name)
    if not isinstance(default, str) or default not in [v.name for v in variants]:
        raise doc.error(
            f"default must name one of the variants ({', '.join(v.name for v in variants)}), got {default!r}", "default"
        )
    return default
