"""Citations a reader can follow: every one names a work of the bibliography, with a section or a quotation.

The bibliography (regimelab/bibliography.toml) is the one source of truth and
docs/sources.md is generated from it. The quotations are kept in the
repository (the ``quote`` of each scenario source, the quotations of the
strategies' docstrings and citations), so every check here runs in a fresh
checkout: each key is in the bibliography, each section is one its work
lists, each quotation is short. Only the check that each quotation occurs in
its work, word for word, needs the texts themselves (tests/seed_texts.py) and
skips without them. No user-visible text names a text by its storage name.
"""

import importlib.util
import inspect
import json
import re
import sys
import tomllib
from pathlib import Path

import pytest
from seed_texts import SEED_FILES, STORAGE_NAME, occurs, require_seeds, sections_of, seed_text

from regimelab import supergame
from regimelab.bibliography import (
    MAX_QUOTE_LENGTH,
    CitationError,
    bibliography,
    check_quote,
    check_section,
    format_source,
    parse_citation,
    work,
)
from regimelab.functions import base, horizon, monitoring, sanctions, transaction_costs
from regimelab.scenario_parts import read_sources
from regimelab.scenarios import load_any_scenario, scenario_listing
from regimelab.shipped_strategies import DECLARED_STRATEGIES, PYTHON_STRATEGIES, SHIPPED_STRATEGIES
from regimelab.toml_files import TomlDocument, TomlError

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("update_sources", ROOT / "docs" / "update_sources.py")
update_sources = importlib.util.module_from_spec(spec)
sys.modules["update_sources"] = update_sources
spec.loader.exec_module(update_sources)

SCENARIOS = [row["name"] for row in scenario_listing()]
#: A quotation in a docstring: words in double quotes (the docstring's lines joined).
QUOTATION = re.compile(r'"([^"]+)"')
#: A citation in a docstring (axelrod's ``[Lipson1995]_``) or a page (``[Lipson1995]``).
CITED_KEY = re.compile(r"\[([A-Z][A-Za-z-]*\d{4}[a-z]?)\]")


def _sources():
    return [(name, source) for name in SCENARIOS for source in load_any_scenario(name).sources]


# -- the bibliography and its page ------------------------------------------------------------


def test_the_sources_page_is_generated_from_the_bibliography():
    assert (ROOT / "docs" / "sources.md").read_text(encoding="utf-8") == update_sources.render(), (
        "docs/sources.md is stale; regenerate with .venv/bin/python docs/update_sources.py")
    assert update_sources.main(["--check"]) == 0


def test_every_work_has_a_key_in_axelrods_style_and_a_full_reference():
    works = bibliography()
    assert len(works) >= 20
    for key, entry in works.items():
        assert re.fullmatch(r"[A-Z][A-Za-z-]*\d{4}[a-z]?", key), key
        assert entry.authors and entry.title and entry.container and entry.used_for, key
        assert 1900 < entry.year < 2100
    # The keys axelrod's own bibliography uses name the same works here.
    assert works["Axelrod1980"].title == "Effective Choice in the Prisoner's Dilemma"
    assert works["Axelrod1984"].title == "The Evolution of Cooperation"
    assert works["Nowak1993"].title.startswith("A Strategy of Win-Stay, Lose-Shift")
    assert works["Press2012"].authors[1].startswith("Dyson")
    assert works["NC2019"].title == "The Evolution of Trust"


def test_the_texts_regimelab_was_built_from_say_what_they_do_not_confirm():
    texts = {key for key, entry in bibliography().items() if entry.group == "texts"}
    assert texts == set(SEED_FILES)
    assert all(bibliography()[key].sections for key in texts)
    for key in ("Lipson1995", "Gleason2005", "Marten2004"):
        assert "could not be confirmed from the text" in bibliography()[key].note, key
    assert "not a confirmed year of publication" in bibliography()["Istomin2021"].note


def test_an_unknown_key_or_section_is_refused_naming_the_known_ones():
    with pytest.raises(CitationError, match="unknown bibliography key 'Lipson1959'; did you mean 'Lipson1995'"):
        work("Lipson1959")
    with pytest.raises(CitationError, match="known keys: Lipson1995, Gleason2005"):
        work("Nobody2000")
    with pytest.raises(CitationError, match="Lipson1995 has no section 'The Concert'; did you mean"):
        check_section("Lipson1995", "The Concert")
    assert check_section("Axelrod1984", "chapter 2") == "chapter 2"  # no sections stored: any short name
    with pytest.raises(CitationError, match="at most 200 characters"):
        check_quote("word " * 50)
    with pytest.raises(CitationError, match="the words quoted"):
        check_quote("  ")


def test_a_strategy_citation_is_keys_with_sections_or_quotations():
    cited = parse_citation('Lipson1995, The Concert of Europe; Istomin2021, "an inconsistent partner"; Sun2007')
    assert [tuple(c) for c in cited] == [("Lipson1995", "The Concert of Europe", ""),
                                         ("Istomin2021", "", "an inconsistent partner"), ("Sun2007", "", "")]
    both = parse_citation('Gleason2005, Initiatives in Eurasian Security Cooperation, "a forum"')
    assert tuple(both[0]) == ("Gleason2005", "Initiatives in Eurasian Security Cooperation", "a forum")
    for text in ("Lipson p. 12", "002_23e75709fca61684.txt:61", "Lipson1995, The Concert", 'Sun2007, "', ""):
        with pytest.raises(CitationError):
            parse_citation(text)


# -- scenarios -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_source_of_a_built_in_scenario_cites_a_work_with_a_quotation(name):
    sources = load_any_scenario(name).sources
    assert sources
    for source in sources:
        assert source["key"] in bibliography() and not source["reference"]
        assert source["quote"] and len(source["quote"]) <= MAX_QUOTE_LENGTH  # the passage, kept here
        assert source["note"]
        if bibliography()[source["key"]].sections and source["section"]:
            assert source["section"] in bibliography()[source["key"]].sections


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_quotation_of_a_built_in_scenario_is_in_its_work(name):
    require_seeds()
    for source in load_any_scenario(name).sources:
        assert occurs(source["quote"], seed_text(source["key"])), f"{name}: {source['quote']!r} is not in {source['key']}"


def test_every_section_a_work_lists_is_in_its_text():
    require_seeds()
    for key in SEED_FILES:
        assert set(sections_of(key)) == set(bibliography()[key].sections), key


def test_a_section_named_with_a_quotation_is_the_one_the_quotation_is_in():
    require_seeds()
    cited = [(name, source["key"], source["section"], source["quote"]) for name, source in _sources()]
    cited += [(cls.name, c.key, c.section, c.quote) for cls in SHIPPED_STRATEGIES for c in parse_citation(cls.citation)]
    checked = 0
    for name, key, section, quote in cited:
        if key in SEED_FILES and section and quote:
            assert occurs(quote, sections_of(key)[section]), f"{name}: {quote!r} is not in {key}, {section}"
            checked += 1
    assert checked > 50


def test_sources_are_read_strictly_with_the_file_and_line(tmp_path):
    text = '[[sources]]\nkey = "Lipson1995"\nquote = "a quotation"\n\n[[sources]]\nkey = "Lipsn1995"\nquote = "x"\n'
    doc = TomlDocument(tmp_path / "s.toml", text=text)
    with pytest.raises(TomlError) as caught:
        read_sources(doc, doc.data["sources"])
    assert caught.value.line == 6 and "unknown bibliography key 'Lipsn1995'" in str(caught.value)
    assert "known keys: Lipson1995" in str(caught.value) and "\n" not in str(caught.value)
    old = TomlDocument(tmp_path / "o.toml", text='[[sources]]\nfile = "a.txt"\nlines = "3"\n')
    with pytest.raises(TomlError, match="cite a work by its bibliography key, not by 'file'") as caught:
        read_sources(old, old.data["sources"])
    assert caught.value.line == 2


def test_a_scenario_with_an_unknown_key_fails_in_one_line_naming_the_file_and_line(cli, tmp_path):
    from tiny_scenario import GOOD

    path = tmp_path / "bad.toml"
    path.write_text(GOOD.replace('key = "Lipson1995"', 'key = "Lipson1959"'))
    result = cli("scenarios", "show", str(path))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    line = GOOD.splitlines().index('key = "Lipson1995"') + 1
    assert len(lines) == 1 and f"bad.toml:{line}:" in lines[0], lines
    assert "did you mean 'Lipson1995'" in lines[0] and "known keys:" in lines[0]


@pytest.mark.parametrize("page", ["docs/model.md", "docs/how-to/write-a-scenario.md", "tournaments/README.md"])
def test_the_sources_shown_in_the_format_docs_are_valid(page):
    blocks = re.findall(r"```toml\n(.*?)```", (ROOT / page).read_text(encoding="utf-8"), re.S)
    tables = [re.search(r"^\[\[sources\]\][^\n]*\n(?:[a-z]+ = [^\n]*\n)+", block, re.M) for block in blocks]
    tables = [table.group(0) for table in tables if table]
    assert tables, f"{page} shows no [[sources]] table"
    for table in tables:
        doc = TomlDocument(page, text=table)
        for source in read_sources(doc, doc.data["sources"]):
            if source["quote"] and not _no_seeds():
                assert occurs(source["quote"], seed_text(source["key"]))


def _no_seeds() -> bool:
    from seed_texts import SEEDS

    return not SEEDS.is_dir()


# -- strategies ------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", SHIPPED_STRATEGIES, ids=lambda cls: cls.name)
def test_every_shipped_strategy_cites_works_of_the_bibliography(cls):
    citations = parse_citation(cls.citation)
    assert citations and all(c.section or c.quote or bibliography()[c.key].group == "texts" for c in citations)


def _docstrings(cls) -> str:
    return " ".join(f"{inspect.getdoc(cls)} {inspect.getdoc(sys.modules[cls.__module__])}".split())


@pytest.mark.parametrize("cls", PYTHON_STRATEGIES, ids=lambda cls: cls.name)
def test_a_python_strategys_docstring_cites_as_axelrods_do(cls):
    doc = " ".join(inspect.getdoc(cls).split())
    assert f"- {cls.name}: regimelab, after" in doc  # the Names: list
    for citation in parse_citation(cls.citation):
        assert f"[{citation.key}]_" in doc, f"{cls.name}: the docstring does not cite {citation.key}"
    for key in CITED_KEY.findall(_docstrings(cls)):
        assert key in bibliography(), f"{cls.name}: unknown key {key}"
    for quotation in QUOTATION.findall(doc):
        check_quote(quotation)


@pytest.mark.parametrize("cls", PYTHON_STRATEGIES, ids=lambda cls: cls.name)
def test_every_quotation_of_a_python_strategy_is_in_a_work_it_cites(cls):
    require_seeds()
    text = _docstrings(cls)
    works = [key for key in dict.fromkeys(CITED_KEY.findall(text)) if key in SEED_FILES]
    for quotation in QUOTATION.findall(text):
        assert any(occurs(quotation, seed_text(key)) for key in works), f"{cls.name}: {quotation!r} is in none of {works}"


@pytest.mark.parametrize("cls", SHIPPED_STRATEGIES, ids=lambda cls: cls.name)
def test_every_quotation_of_a_strategy_citation_is_in_its_work(cls):
    require_seeds()
    for citation in parse_citation(cls.citation):
        if citation.quote:
            assert occurs(citation.quote, seed_text(citation.key)), f"{cls.name}: {citation.quote!r}"


def test_the_declared_strategies_cite_by_key_too():
    assert DECLARED_STRATEGIES
    for cls in DECLARED_STRATEGIES:
        assert parse_citation(cls.citation) and f"Source: {cls.citation}" in cls.__doc__


@pytest.mark.parametrize("module", [supergame, base, horizon, monitoring, sanctions, transaction_costs],
                         ids=lambda module: module.__name__)
def test_the_model_modules_cite_by_key(module):
    doc = " ".join(inspect.getdoc(module).split())
    keys = CITED_KEY.findall(doc)
    assert keys and all(key in bibliography() for key in keys)
    if _no_seeds():
        return
    for quotation in QUOTATION.findall(doc):
        assert any(occurs(quotation, seed_text(key)) for key in keys if key in SEED_FILES), quotation


# -- what a user sees ------------------------------------------------------------------------


@pytest.mark.parametrize("name", SCENARIOS)
def test_scenarios_show_cites_works_not_files(cli, name):
    text = cli("scenarios", "show", name).stdout
    assert not STORAGE_NAME.search(text), STORAGE_NAME.search(text)
    sources = load_any_scenario(name).sources
    assert "Sources:" in text and "Works cited (full references: docs/sources.md):" in text
    assert " ".join(format_source(sources[0]).split()) in " ".join(text.split())
    for key in {source["key"] for source in sources}:
        assert f"[{key}] {work(key).names()}" in " ".join(text.split())
    data = json.loads(cli("scenarios", "show", name, "--format", "json").stdout)
    assert {"key", "section", "quote", "note"} <= set(data["sources"][0])
    assert not STORAGE_NAME.search(json.dumps(data))


def test_strategies_cites_works_not_files(cli):
    text = cli("strategies", "--ours").stdout
    assert not STORAGE_NAME.search(text)
    assert "[regimelab; Lipson1995, The Concert of Europe]" in " ".join(text.split())
    data = json.loads(cli("strategies", "--ours", "--format", "json").stdout)
    assert not STORAGE_NAME.search(json.dumps(data))
    shipped = {cls.name for cls in SHIPPED_STRATEGIES}  # other tests may have registered strategies of their own
    assert all(parse_citation(row["citation"]) for row in data["strategies"] if row["name"] in shipped)


USER_VISIBLE = sorted(
    {*ROOT.glob("docs/**/*.md"), ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "strategies" / "README.md",
     ROOT / "tournaments" / "README.md", *ROOT.glob("tournaments/*.toml"), *ROOT.glob("strategies/*.toml"),
     *ROOT.glob("strategies/*.py"), *ROOT.glob("regimelab/**/*.py"), ROOT / "regimelab" / "bibliography.toml",
     ROOT / "mkdocs.yml"}
)


@pytest.mark.parametrize("path", USER_VISIBLE, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_page_docstring_or_scenario_names_a_text_by_its_storage_name(path):
    found = STORAGE_NAME.search(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)} shows {found.group(0)!r}: cite the work by its key (docs/sources.md)"


@pytest.mark.parametrize("path", [ROOT / "README.md", *ROOT.glob("docs/**/*.md")],
                         ids=lambda path: str(path.relative_to(ROOT)))
def test_every_link_to_a_work_names_a_key_of_the_bibliography(path):
    for key, anchor in re.findall(r"\[([A-Za-z-]+\d{4}[a-z]?)\]\([./a-z]*sources\.md#([a-z0-9-]+)\)",
                                  path.read_text(encoding="utf-8")):
        assert key in bibliography() and anchor == key.lower(), (key, anchor)


def test_nothing_points_outside_the_repository_for_what_it_relies_on():
    for path in [*ROOT.glob("regimelab/**/*.py"), *ROOT.glob("strategies/*.py"), *ROOT.glob("docs/**/*.md")]:
        text = path.read_text(encoding="utf-8")
        for outside in ("axelrod-notes", "regime-model.md", "shared/design", "shared/seeds"):
            assert outside not in text, f"{path.relative_to(ROOT)} points at {outside}"
    assert (ROOT / "docs" / "axelrod-internals.md").is_file()
    assert "axelrod-internals.md" in (ROOT / "mkdocs.yml").read_text()
    assert "sources.md" in (ROOT / "mkdocs.yml").read_text() and "sources.md" in (ROOT / "docs" / "index.md").read_text()


def test_the_bibliography_ships_with_the_package():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "bibliography.toml" in data["tool"]["setuptools"]["package-data"]["regimelab"]
