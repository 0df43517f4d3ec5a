"""The registry of machine builders (regimelab.machines.registry).

Builders are keyed by the class they build. The lists in tests/data/ record
which strategies had a machine when the registry was introduced (computed with
``regimelab strategies --exact --format json``): a strategy that loses its
machine, for instance because its class was renamed, fails here by name. A
strategy that gains one may be added to the lists (one name a line, sorted).
"""

import ast
import importlib.util
from pathlib import Path

import axelrod as axl
import pytest

import regimelab.machines as machines
from regimelab.machines import BUILDERS, MachineBuilders, builder_for, has_machine
from regimelab.machines.registry import builds, check_strategy_class
from regimelab.players import all_strategy_classes, find_strategy

DATA = Path(__file__).parents[1] / "data"
MACHINES_SOURCE = Path(machines.__file__).parent


def recorded(file_name: str) -> list[str]:
    """The strategy names in a data file, one a line."""
    return [line for line in (DATA / file_name).read_text(encoding="utf-8").splitlines() if line.strip()]


def classes_by_name() -> dict[str, type]:
    return {cls.name: cls for cls in all_strategy_classes()}


def toy_builder(player):
    return None


# -- No strategy loses its machine ----------------------------------------------------


@pytest.mark.parametrize("file_name", ["finite_state_strategies.txt", "strategies_with_a_machine_builder.txt"])
def test_the_recorded_lists_are_sorted_names_without_repeats(file_name):
    names = recorded(file_name)
    assert names == sorted(set(names)), file_name


def test_the_recorded_finite_state_strategies_all_have_builders():
    assert set(recorded("finite_state_strategies.txt")) <= set(recorded("strategies_with_a_machine_builder.txt"))
    assert len(recorded("finite_state_strategies.txt")) == 141


def test_every_strategy_that_had_a_machine_still_maps():
    """Constructed by default, each maps (no noise, unknown length, the default game)."""
    classes = classes_by_name()
    missing = [name for name in recorded("finite_state_strategies.txt") if name not in classes]
    assert not missing, f"no longer a strategy: {missing}"
    lost = [name for name in recorded("finite_state_strategies.txt") if not has_machine(classes[name]())]
    assert not lost, f"lost their finite-state machine: {lost}"


def test_every_strategy_that_had_a_builder_still_has_one():
    """Including those refused as constructed by default (Hedger, Zero-Sum Realist, Go By Majority, ...)."""
    classes = classes_by_name()
    missing = [name for name in recorded("strategies_with_a_machine_builder.txt") if name not in classes]
    assert not missing, f"no longer a strategy: {missing}"
    lost = [name for name in recorded("strategies_with_a_machine_builder.txt") if builder_for(classes[name]) is None]
    assert not lost, f"lost their machine builder: {lost}"


def test_the_exact_strategies_are_the_recorded_ones_or_more():
    assert set(recorded("finite_state_strategies.txt")) <= set(machines.exact_strategies())


# -- Every registered builder is reachable --------------------------------------------


def test_every_named_builder_is_keyed_by_a_strategy_class_findable_by_name():
    assert len(BUILDERS.named()) >= 96
    for cls, builder in BUILDERS.named().items():
        assert isinstance(cls, type) and issubclass(cls, axl.Player), cls
        assert callable(builder), cls
        assert builder_for(cls) is builder, cls
        assert find_strategy(cls.name) is cls, cls  # the registry can reach it by its name


def test_every_family_maps_a_strategy_findable_by_name():
    bases = [family.base for family in BUILDERS.families()]
    assert bases[:5] == [axl.MemoryOnePlayer, axl.MemoryTwoPlayer, axl.FSMPlayer, axl.LookerUp, axl.Cycler]
    assert len(bases) == 8
    strategies = all_strategy_classes()
    for base, methods, builder in BUILDERS.families():
        assert isinstance(base, type) and issubclass(base, axl.Player), base
        assert methods and all(callable(method) for method in methods), base
        members = [cls for cls in strategies if builder_for(cls) is builder and cls not in BUILDERS.named()]
        assert members, f"the {base.__name__} family maps no strategy"


# -- Registering ----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["TitForTat", "Tit For Tat", ("axelrod", "TitForTat"), None, axl.TitForTat(), int])
def test_a_key_that_is_not_a_strategy_class_is_refused(key):
    registry = MachineBuilders()
    with pytest.raises(TypeError, match="keyed by the strategy class"):
        registry.register(key, toy_builder)
    with pytest.raises(TypeError, match="keyed by the strategy class"):
        registry.builds(key)
    with pytest.raises(TypeError, match="keyed by the strategy class"):
        registry.register_family(key, toy_builder)
    with pytest.raises(TypeError, match="keyed by the strategy class"):
        registry.builds_family(key)
    with pytest.raises(TypeError, match="keyed by the strategy class"):
        check_strategy_class(key)
    assert not registry.named() and not registry.families()


def test_the_shared_registry_refuses_a_string_and_is_unchanged():
    before = dict(BUILDERS.named())
    with pytest.raises(TypeError, match="keyed by the strategy class"):
        builds("Tit For Tat")
    with pytest.raises(TypeError, match="keyed by the strategy class"):
        machines.register("Grudger", toy_builder)
    assert dict(BUILDERS.named()) == before


def test_a_builder_that_is_not_callable_and_builds_without_a_class_are_refused():
    registry = MachineBuilders()
    with pytest.raises(TypeError, match="callable"):
        registry.register(axl.TitForTat, "tit_for_tat")
    with pytest.raises(TypeError, match="needs the strategy class"):
        registry.builds()


def test_a_class_registered_twice_is_refused():
    registry = MachineBuilders()
    registry.register(axl.TitForTat, toy_builder)
    with pytest.raises(ValueError, match="TitForTat already has a machine builder"):
        registry.register(axl.TitForTat, lambda player: None)
    registry.register_family(axl.Cycler, toy_builder)
    with pytest.raises(ValueError, match="Cycler family already has"):
        registry.register_family(axl.Cycler, toy_builder)


def test_the_shared_registry_refuses_a_second_builder_for_a_mapped_class():
    with pytest.raises(ValueError, match="already has a machine builder"):
        machines.register(axl.TitForTat, toy_builder)


def test_a_named_builder_maps_exactly_its_class_and_a_family_its_subclasses():
    class Toy(axl.Player):
        name = "Toy"

        def strategy(self, opponent):
            return axl.Action.C

    class Subclass(Toy):
        name = "Toy Subclass"

    class Overriding(Toy):
        name = "Toy Overriding"

        def strategy(self, opponent):
            return axl.Action.D

    registry = MachineBuilders()

    @registry.builds(Toy)
    def named(player):
        return None

    assert registry.builder_for(Toy) is named
    assert registry.builder_for(Subclass) is None  # a subclass may change what it does
    family = registry.register_family(Toy, toy_builder)
    assert registry.builder_for(Toy) is named  # named first
    assert registry.builder_for(Subclass) is family
    assert registry.builder_for(Overriding) is None  # another strategy method
    assert builder_for(Toy) is None  # the shared registry is untouched


def test_a_builder_for_a_class_that_does_not_exist_fails_at_import_naming_it(tmp_path):
    module = tmp_path / "renamed_builder.py"
    module.write_text(
        "import axelrod as axl\n"
        "from regimelab.machines import MachineBuilders\n"
        "REGISTRY = MachineBuilders()\n"
        "@REGISTRY.builds(axl.TitForTatRenamed)\n"
        "def _builder(player):\n"
        "    return None\n",
        encoding="utf-8",
    )
    spec = importlib.util.spec_from_file_location("renamed_builder", module)
    with pytest.raises(AttributeError, match="TitForTatRenamed"):
        spec.loader.exec_module(importlib.util.module_from_spec(spec))


# -- The package's own code -------------------------------------------------------------


def _machines_modules():
    return sorted(MACHINES_SOURCE.glob("*.py"))


def test_no_module_imports_an_underscore_name_of_another():
    private = []
    for path in _machines_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("regimelab")):
                private += [f"{path.name}: {alias.name}" for alias in node.names if alias.name.startswith("_")]
    assert not private, private


def test_no_module_skips_a_builder_that_fails_to_import():
    """A missing class must fail loudly, not be caught and skipped."""
    swallowed = []
    for path in _machines_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ExceptHandler) and node.type is not None:
                names = {n.id for n in ast.walk(node.type) if isinstance(n, ast.Name)}
                if names & {"ImportError", "ModuleNotFoundError", "AttributeError"}:
                    swallowed.append(f"{path.name}:{node.lineno}")
    assert not swallowed, swallowed
