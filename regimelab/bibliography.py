"""The works regimelab cites, by key, and the checks on a citation.

``regimelab/bibliography.toml`` (shipped in the package) holds one ``[[works]]``
table per work: its key (axelrod's style, ``Lipson1995``; a key axelrod's own
bibliography uses names the same work), authors, year, title, where it
appeared, what the text does not confirm, and, for the texts regimelab was
built from, the sections a citation may name. It is the one source of truth:
``docs/sources.md`` is generated from it (``docs/update_sources.py``).

A citation is a key plus a section of the work or a short quotation from it.
It takes three forms:

- a scenario's ``[[sources]]`` table: ``key``, ``section`` and/or ``quote``, and
  a ``note`` (read by :func:`regimelab.scenario_parts.read_sources`);
- a strategy's ``citation`` string (:func:`parse_citation`):
  ``"Lipson1995, The Concert of Europe; Istomin2021, \"an inconsistent partner\""``;
- a docstring or a page: ``[Lipson1995]`` (in a docstring axelrod's
  ``[Lipson1995]_``), a quotation written ``"..." [Lipson1995]_``.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import NamedTuple

from .errors import RegimelabError

#: The longest quotation a citation may hold, in characters: a phrase or a sentence, not a passage.
MAX_QUOTE_LENGTH = 200
#: The longest section name accepted for a work that stores no list of its sections.
MAX_SECTION_LENGTH = 100
#: The groups of works, in the order the sources page lists them.
GROUPS = {"texts": "The texts regimelab was built from", "literature": "The literature the model rests on"}
#: Where a reader finds the works (in the repository and on the documentation site).
SOURCES_PAGE = "docs/sources.md"


class CitationError(RegimelabError):
    """A citation that names no known work, a section the work does not have, or a quotation too long."""


@dataclass(frozen=True)
class Work:
    """One entry of the bibliography."""

    key: str
    group: str
    authors: tuple[str, ...]
    year: int
    title: str
    container: str
    used_for: str
    note: str = ""
    url: str = ""
    sections: tuple[str, ...] = ()

    def names(self) -> str:
        """The authors as a reader cites them: "Lipson", "Gleason and Shaihutdinov", "Nowak et al."."""
        families = [author.split(",")[0] for author in self.authors if author != "et al."]
        if len(families) > 2 or "et al." in self.authors:
            return f"{families[0]} et al."
        return " and ".join(families)

    def reference(self) -> str:
        """The full reference on one line: authors (year). Title. Container. URL."""
        authors = "; ".join(self.authors)
        text = f"{authors} ({self.year}). {self.title}. {self.container}."
        return f"{text} {self.url}" if self.url else text

    def short(self) -> str:
        """Authors and title, for a list of the works a scenario cites (the key carries the year)."""
        return f"{self.names()}, \"{self.title}\""


@cache
def bibliography() -> dict[str, Work]:
    """Every work, by key, in the file's order."""
    text = resources.files("regimelab").joinpath("bibliography.toml").read_text(encoding="utf-8")
    works = {}
    for entry in tomllib.loads(text)["works"]:
        fields = {name: tuple(value) if isinstance(value, list) else value for name, value in entry.items()}
        work = Work(**fields)
        if work.key in works or work.group not in GROUPS:
            raise ValueError(f"bibliography.toml: duplicate key or unknown group in {work.key!r}")
        works[work.key] = work
    return works


def known_keys() -> str:
    """The keys, comma-separated, for an error message."""
    return ", ".join(bibliography())


def work(key: str) -> Work:
    """The work of ``key``; a :class:`CitationError` naming the known keys if there is none."""
    works = bibliography()
    if key in works:
        return works[key]
    close = difflib.get_close_matches(key, list(works), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    raise CitationError(f"unknown bibliography key {key!r}{hint} (known keys: {known_keys()}; {SOURCES_PAGE})")


def check_section(key: str, section: str) -> str:
    """``section`` of the work ``key``, stripped: one of its stored sections, if it stores any."""
    section = " ".join(section.split())
    stored = work(key).sections
    if not section:
        raise CitationError(f"the section of {key} is empty")
    if stored and section not in stored:
        close = difflib.get_close_matches(section, list(stored), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise CitationError(f"{key} has no section {section!r}{hint} (its sections: {'; '.join(stored)})")
    if len(section) > MAX_SECTION_LENGTH:
        raise CitationError(f"the section of {key} is longer than {MAX_SECTION_LENGTH} characters")
    return section


def check_quote(quote: str) -> str:
    """``quote`` on one line: non-empty and at most :data:`MAX_QUOTE_LENGTH` characters."""
    quote = " ".join(quote.split())
    if not quote:
        raise CitationError("a quote must hold the words quoted")
    if len(quote) > MAX_QUOTE_LENGTH:
        raise CitationError(f"a quote must be short: at most {MAX_QUOTE_LENGTH} characters, "
                            f"this one has {len(quote)} (quote a phrase; say the rest in the note)")
    return quote


class Citation(NamedTuple):
    """One citation of a strategy: a key, and a section of the work and/or a quotation from it ("" if none)."""

    key: str
    section: str = ""
    quote: str = ""

    def __str__(self) -> str:
        parts = [self.key] + ([self.section] if self.section else []) + ([f'"{self.quote}"'] if self.quote else [])
        return ", ".join(parts)


def parse_citation(text: str) -> list[Citation]:
    """A strategy's citation as :class:`Citation` values; a :class:`CitationError` (a ValueError) if a key
    is unknown, a section is not the work's or a quote is too long.

    The form is ``KEY``, ``KEY, SECTION``, ``KEY, "QUOTE"`` or ``KEY, SECTION, "QUOTE"``, several
    separated by semicolons: ``Lipson1995, The Concert of Europe; Sun2007, Abstract``. A quotation
    is in double quotes (quotation marks inside it are written as single ones).
    """
    citations = []
    for part in text.split(";"):
        key, _, rest = (item.strip() for item in part.partition(","))
        if not key:
            raise CitationError(f"{text.strip()!r} has an empty citation; write KEY, KEY, SECTION or KEY, \"QUOTE\"")
        work(key)
        section, quote = rest, ""
        if rest.endswith('"'):
            start = rest.find('"')
            if start == len(rest) - 1:
                raise CitationError(f"{part.strip()!r}: a quotation needs an opening and a closing double quote")
            section, quote = rest[:start].strip().rstrip(",").strip(), check_quote(rest[start + 1:-1])
        citations.append(Citation(key, check_section(key, section) if section else "", quote))
    return citations


def format_citation(citations) -> str:
    """Citations as a reader sees them: ``Lipson1995, The Concert of Europe; Sun2007, Abstract``."""
    return "; ".join(str(citation) for citation in citations)


def format_source(source: dict) -> str:
    """A scenario's source as one line: ``[Lipson1995], The Concert of Europe, "quote": note``."""
    text = f"[{source['key']}]" if source.get("key") else source["reference"]
    if source.get("section"):
        text += f", {source['section']}"
    if source.get("quote"):  # quotation marks inside the quotation shown as single ones
        text += ", \"" + source["quote"].replace('"', "'") + '"'
    if source.get("note"):
        text += f": {source['note']}"
    return text
