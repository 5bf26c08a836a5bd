"""Drafts of zonings (« projets de découpage »), on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from geodata.harmonisation import Move, encode_moves
from geodata.store import StoreConflict, StoreError, VersionKind

from .conftest import REGION


@pytest.fixture
def seeded(store, demo):
    store.seed(REGION, demo)
    return store


def _cpts_version(store) -> int:
    return store.latest(REGION)["cpts"].id


def _save(store, moves="93005:x", name="Projet CPTS 93", **options):
    return store.save_draft(REGION, "cpts", name, _cpts_version(store), moves,
                            editor="alice", reference_key="dac", goal="zonage", **options)


class TestSave:
    def test_draft_keeps_its_moves_on_its_version(self, seeded):
        info = _save(seeded, note="  réunion du CTS  ")
        assert (info.name, info.editor, info.reference_key, info.goal, info.note) == (
            "Projet CPTS 93", "alice", "dac", "zonage", "réunion du CTS")
        assert info.base_version == _cpts_version(seeded)
        assert seeded.drafts(REGION) == [info] == seeded.drafts(REGION, "cpts")
        assert seeded.drafts(REGION, "dac") == []

    def test_loading_applies_the_moves_to_its_version_only(self, seeded, demo):
        info = _save(seeded)
        _, base, drafted = seeded.load_draft(info.id)
        assert base == demo["cpts"]
        assert drafted.units_of("x") == ("93001", "93005")
        assert drafted.units_of("y") == ("93008",)
        assert seeded.current(REGION)["cpts"] == demo["cpts"]  # the official one is untouched

    def test_moves_that_do_not_apply_are_dropped_and_the_text_is_canonical(self, seeded, demo):
        text = "93005:x,garbage,93099:nowhere"
        info = _save(seeded, text)
        assert info.moves == encode_moves([Move("93005", "y", "x")], demo["cpts"]) == "93005:x"

    @pytest.mark.parametrize(("name", "moves", "message"), [
        ("   ", "93005:x", "Donnez un nom"),
        ("Projet", "garbage", "aucune commune"),
    ])
    def test_refused_drafts(self, seeded, name, moves, message):
        with pytest.raises(StoreError, match=message):
            _save(seeded, moves, name=name)
        assert seeded.drafts(REGION) == []

    def test_version_of_another_zoning_is_refused(self, seeded):
        dac = seeded.latest(REGION)["dac"].id
        with pytest.raises(StoreError, match="n'est pas une version"):
            seeded.save_draft(REGION, "cpts", "Projet", dac, "93005:x", editor="alice")

    def test_unknown_draft(self, seeded):
        with pytest.raises(StoreError, match="introuvable"):
            seeded.draft(999)


class TestPromote:
    def test_promotion_is_a_new_version_with_history_and_rollback(self, seeded, demo):
        info = _save(seeded)
        version = seeded.promote_draft(info.id, editor="bob", note="validé en CTS")
        assert version.kind is VersionKind.PROJECT
        assert (version.number, version.editor, version.based_on) == (2, "bob", info.base_version)
        assert version.note == f"Projet « Projet CPTS 93 » (n° {info.id}) : validé en CTS"
        current = seeded.current(REGION)["cpts"]
        assert current.units_of("x") == ("93001", "93005")
        assert current.illustrative == demo["cpts"].illustrative
        seeded.rollback(info.base_version, editor="bob")
        assert seeded.current(REGION)["cpts"] == demo["cpts"]

    def test_draft_on_an_old_version_is_not_promoted(self, seeded):
        info = _save(seeded)
        seeded.promote_draft(_save(seeded, "93008:x").id, editor="bob")
        with pytest.raises(StoreConflict, match="version n° 1 .* la n° 2"):
            seeded.promote_draft(info.id, editor="bob")
        assert len(seeded.versions(REGION, "cpts")) == 2
