"""Which builder maps which strategy class (regimelab/machines/dispatch.py)."""

import axelrod as axl

import regimelab.machines as machines
from regimelab.machines import BUILDERS, builder_for


def test_the_package_mapping_reads_the_registry():
    assert builder_for is machines.dispatch.builder_for
    assert builder_for(axl.TitForTat) is BUILDERS.named()[axl.TitForTat]
    assert builder_for(axl.Darwin) is None


def test_every_builder_module_has_registered_on_import():
    modules = {builder.__module__ for builder in BUILDERS.named().values()}
    modules |= {family.builder.__module__ for family in BUILDERS.families()}
    names = ("axelrod_entrants", "axelrod_grudgers", "axelrod_memory_one", "axelrod_tit_for_tat", "families",
             "shipped_strategies")
    assert {f"regimelab.machines.{name}" for name in names} <= modules


def test_a_class_is_mapped_by_name_first_then_by_its_family():
    assert builder_for(axl.TitForTat).__module__ == "regimelab.machines.axelrod_memory_one"
    assert builder_for(axl.GTFT) is builder_for(axl.ZDGTFT2)  # both memory-one players: the family's builder
    assert builder_for(axl.GTFT).__module__ == "regimelab.machines.families"

    class ChangedTitForTat(axl.TitForTat):
        name = "Changed Tit For Tat"

    assert builder_for(ChangedTitForTat) is None  # a named builder maps exactly its class
