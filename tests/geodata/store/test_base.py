"""The store's interface, on SQLite and on PostgreSQL: versions, history, rollback, fiches."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from geodata.store import (
    Provenance,
    StoreConflict,
    StoreError,
    VersionKind,
    ZoningStore,
    content_hash,
)
from geodata.store.base import SEED_EDITOR

from .conftest import REGION, make_zoning

OFFICIAL = make_zoning({"x": ("93001", "93005"), "z": ("93008",)}, source="ARS")


def _import(store: ZoningStore, zoning=OFFICIAL, editor="alice", key="cpts", **options):
    return store.add_version(REGION, key, zoning, Provenance(
        editor, VersionKind.IMPORT, "cpts.csv", "ab" * 32, "liste ARS"), **options)


class TestSeed:
    def test_unseeded_region_has_no_revision(self, store):
        assert store.revision(REGION) is None
        assert store.latest(REGION) == {}

    def test_demo_set_is_version_1_of_each_zoning(self, store, demo):
        infos = store.seed(REGION, demo)

        assert [(info.zoning_key, info.number) for info in infos] == [("dac", 1), ("cpts", 1)]
        assert all(info.illustrative and info.kind is VersionKind.SEED for info in infos)
        assert {info.editor for info in infos} == {SEED_EDITOR}
        assert store.current(REGION) == demo
        assert list(store.current(REGION)) == ["dac", "cpts"]

    def test_seeding_twice_changes_nothing(self, store, demo):
        store.seed(REGION, demo)
        revision = store.revision(REGION)

        assert store.seed(REGION, {"dac": OFFICIAL}) == []
        assert store.revision(REGION) == revision

    def test_empty_demo_set_still_marks_the_region_seeded(self, store):
        store.seed(REGION, {})
        assert store.revision(REGION) == 0

    def test_regions_are_separate(self, store, demo):
        store.seed(REGION, demo)
        assert store.revision("93") is None
        assert store.versions("93") == []


class TestVersions:
    def test_import_is_a_new_version_and_clears_the_flag_of_that_zoning_only(self, store, demo):
        store.seed(REGION, demo)
        before = store.revision(REGION)

        info = _import(store)

        assert info.number == 2 and info.kind is VersionKind.IMPORT
        assert store.revision(REGION) == info.id > before
        current = store.current(REGION)
        assert current["cpts"] == OFFICIAL and not current["cpts"].illustrative
        assert current["dac"].illustrative  # the other zoning keeps its flag

    def test_records_everything_said_about_the_version(self, store, demo):
        store.seed(REGION, demo)
        info = _import(store)
        stored = store.version(info.id)

        assert stored == info
        assert (stored.editor, stored.file_name, stored.sha256, stored.note) == (
            "alice", "cpts.csv", "ab" * 32, "liste ARS")
        assert stored.territories == 2 and stored.members == 3
        assert stored.content_sha256 == content_hash(OFFICIAL)
        assert stored.created_at.tzinfo is not None
        assert abs(stored.created_at - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)

    def test_history_is_newest_first_per_zoning(self, store, demo):
        store.seed(REGION, demo)
        _import(store)
        _import(store, editor="bob")

        assert [(v.number, v.editor) for v in store.versions(REGION, "cpts")] == [
            (3, "bob"), (2, "alice"), (1, SEED_EDITOR)]
        assert len(store.versions(REGION)) == 4

    def test_every_version_stays_readable(self, store, demo):
        store.seed(REGION, demo)
        first = store.versions(REGION, "cpts")[0]
        _import(store)

        assert store.load(first.id) == demo["cpts"]

    def test_fiches_survive_the_round_trip(self, store):
        store.seed(REGION, {})
        zoning = make_zoning({"x": ("93001",)}, created={"x": "2021-03"})
        fiche = replace(zoning.fiches["x"], missions="Ligne 1\nLigne 2 ; « guillemets »",
                        site="https://x.example", porteur=None)
        zoning = replace(zoning, fiches={"x": fiche})
        info = _import(store, zoning)

        assert store.load(info.id).fiches["x"] == fiche

    def test_new_fiche_fields_and_other_columns_survive_the_round_trip(self, store):
        store.seed(REGION, {})
        zoning = make_zoning({"x": ("93001",)})
        fiche = replace(zoning.fiches["x"], president="Dr Marie Curie",
                        coordination="Jean Dupont", adresse="1 rue de la Paix, 93200 Saint-Denis",
                        mode_action="Équipe mobile", criteres_inclusion="Adultes ; « 60 ans »",
                        autres=(("Nb PS", "42"), ("Remarque", "<b>gras</b> & co")))
        info = _import(store, replace(zoning, fiches={"x": fiche}))

        assert store.load(info.id).fiches["x"] == fiche

    def test_a_version_without_commune_is_refused_unless_emptied_on_purpose(self, store, demo):
        store.seed(REGION, demo)
        empty = make_zoning({"x": ()})
        with pytest.raises(StoreError, match="Vider ce découpage"):
            _import(store, empty)
        assert store.latest(REGION)["cpts"].number == 1
        emptied = store.add_version(REGION, "cpts", replace(empty, fiches={}),
                                    Provenance("alice", VersionKind.EMPTIED))
        assert (emptied.number, emptied.territories, emptied.units) == (2, 0, 0)
        assert store.current(REGION)["cpts"].members == ()

    def test_territory_without_commune_is_kept(self, store):
        store.seed(REGION, {})
        zoning = make_zoning({"x": ("93001",), "projet": ()})
        info = _import(store, zoning)

        assert list(store.load(info.id).fiches) == ["x", "projet"]

    def test_a_zoning_no_import_accepts_is_not_stored_by_any_path(self, store):
        """Every territory listing the same communes (issue 16: 300 × all) is refused here
        too, for a rollback to a version stored before the import bounds existed."""
        store.seed(REGION, {})
        crowded = make_zoning({f"t{number}": ("93001", "93005") for number in range(6)})
        with pytest.raises(StoreError, match="à 6 territoires"):
            _import(store, crowded)
        many = make_zoning({"a": ("93001",), **{f"projet{n}": () for n in range(6)}})
        with pytest.raises(StoreError, match=r"7 territoires pour 1 commune rattachée"):
            _import(store, many)
        assert store.latest(REGION) == {}

    def test_unknown_version_is_a_french_error(self, store):
        with pytest.raises(StoreError, match="introuvable"):
            store.version(12345)

    def test_new_zoning_key_starts_at_version_1(self, store, demo):
        store.seed(REGION, demo)
        info = _import(store, make_zoning({"n": ("93001",)}, key="perinatal"),
                       key="perinatal")
        assert info.number == 1
        assert list(store.current(REGION)) == ["dac", "cpts", "perinatal"]


class TestRollback:
    def test_rollback_is_a_new_version_equal_to_the_old_one(self, store, demo):
        store.seed(REGION, demo)
        seed = store.versions(REGION, "cpts")[0]
        _import(store)

        info = store.rollback(seed.id, editor="bob", note="erreur d'import")

        assert (info.number, info.kind, info.based_on) == (3, VersionKind.ROLLBACK, seed.id)
        assert store.current(REGION)["cpts"] == demo["cpts"]
        assert store.current(REGION)["cpts"].illustrative  # equal, flag included
        assert len(store.versions(REGION, "cpts")) == 3  # history kept


class TestFicheEdits:
    def test_edited_fiche_is_a_new_version_with_the_same_composition(self, store, demo):
        store.seed(REGION, demo)
        base = store.latest(REGION)["cpts"]
        fiche = replace(demo["cpts"].fiches["x"], telephone="01 23 45 67 89")

        info = store.update_fiche(REGION, "cpts", "x", fiche, editor="alice",
                                  base_version=base.id, note="nouveau numéro")

        current = store.current(REGION)["cpts"]
        assert info.kind is VersionKind.FICHE and info.based_on == base.id
        assert current.fiches["x"].telephone == "01 23 45 67 89"
        assert current.members == demo["cpts"].members

    def test_stale_edit_is_refused(self, store, demo):
        store.seed(REGION, demo)
        base = store.latest(REGION)["cpts"]
        _import(store, editor="bob")
        revision = store.revision(REGION)

        with pytest.raises(StoreConflict, match="a changé entre-temps"):
            store.update_fiche(REGION, "cpts", "x", demo["cpts"].fiches["x"], editor="alice",
                               base_version=base.id)
        assert store.revision(REGION) == revision

    def test_unknown_territory_is_refused(self, store, demo):
        store.seed(REGION, demo)
        base = store.latest(REGION)["cpts"]
        with pytest.raises(StoreError, match="absent"):
            store.update_fiche(REGION, "cpts", "nope", demo["cpts"].fiches["x"],
                               editor="alice", base_version=base.id)


class TestAtDate:
    def test_latest_at_a_date_ignores_later_versions(self, store, demo):
        store.seed(REGION, demo)
        seeded = store.latest(REGION)
        moment = dt.datetime.now(dt.UTC)
        _import(store)

        assert store.latest(REGION, moment) == seeded
        assert store.zonings_at(REGION, moment) == demo
        assert store.latest(REGION, moment - dt.timedelta(days=1)) == {}


class TestIntegrity:
    def test_altered_content_is_detected(self, store, demo):
        store.seed(REGION, demo)
        info = store.latest(REGION)["dac"]
        with store._writing(REGION) as cursor:
            store._execute(cursor, "UPDATE zoning_members SET code = '75056' "
                           "WHERE version_id = ? AND code = '93008'", (info.id,))

        with pytest.raises(StoreError, match="altérée"):
            store.load(info.id)
