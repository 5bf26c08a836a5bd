"""Stored zonings are written in the format the readers accept, and read back identical."""

from __future__ import annotations

from pathlib import Path

import pytest

from geodata.zonings import (
    Fiche,
    Statut,
    Zoning,
    ZoningDirError,
    load_zoning_dir,
    load_zoning_types,
    write_composition,
    write_zoning,
)

TYPES = load_zoning_types()


def demo_zonings() -> list[Zoning]:
    rich = Fiche(
        nom="CPTS Durance; Bléone", type="cpts", porteur="Association « Santé Durance »",
        statut=Statut.EN_FONCTIONNEMENT, date_creation="2021-03", missions="Accès aux soins\n"
        "Prévention", public_cible="Tous publics", modalites_mobilisation="Par téléphone",
        telephone="04 92 00 00 01", courriel="contact@durance.fr", site="https://durance.fr",
        source="Données fictives", date_mise_a_jour="2024-01-15", illustratif=True,
    )
    cpts = Zoning(
        TYPES.get("cpts"),
        {"cpts-12": rich, "cpts-13": Fiche("CPTS Paris 1", "cpts", illustratif=True),
         "cpts-14": Fiche("CPTS en projet", "cpts", statut=Statut.EN_PROJET)},
        (("cpts-12", "04001"), ("cpts-12", "04002"), ("cpts-13", "75101"),
         ("cpts-12", "75101")),
        illustrative=True, source="Périmètres fictifs générés pour la démonstration",
    )
    dac = Zoning(
        TYPES.get("dac"),
        {"dac-04": Fiche("DAC Alpes", "dac"), "dac-75": Fiche("DAC Paris", "dac")},
        tuple(("dac-04", f"04{n:03d}") for n in range(1, 9))
        + tuple(("dac-75", f"751{n:02d}") for n in range(1, 9)),
        source="ARS (exemple)",
    )
    return [cpts, dac]


class TestRoundTrip:
    def test_zonings_come_back_identical(self, tmp_path: Path, units, aliases) -> None:
        for zoning in demo_zonings():
            write_zoning(zoning, tmp_path)
        loaded = load_zoning_dir(tmp_path, units, aliases)
        assert list(loaded) == ["cpts", "dac"]
        for zoning in demo_zonings():
            assert loaded[zoning.type.key] == zoning

    def test_layout_on_disk(self, tmp_path: Path) -> None:
        write_zoning(demo_zonings()[0], tmp_path, key="cpts_demo")
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "cpts_demo.composition.csv", "cpts_demo.fiches.csv", "zonings.toml"]
        composition = (tmp_path / "cpts_demo.composition.csv").read_bytes()
        assert composition.startswith(b"\xef\xbb\xbfid_territoire;territoire;code_insee\r\n")
        assert b'cpts-12;"CPTS Durance; Bl\xc3\xa9one";04001\r\n' in composition
        fiches = (tmp_path / "cpts_demo.fiches.csv").read_text(encoding="utf-8-sig")
        assert fiches.splitlines()[0] == (
            "id_territoire;nom;type;porteur;statut;date_creation;missions;public_cible;"
            "modalites_mobilisation;telephone;courriel;site;source;date_mise_a_jour;illustratif")
        assert (tmp_path / "zonings.toml").read_text(encoding="utf-8").endswith(
            '[zonings.cpts_demo]\ntype = "cpts"\ncomposition = "cpts_demo.composition.csv"\n'
            'fiches = "cpts_demo.fiches.csv"\nillustrative = true\n'
            'source = "Périmètres fictifs générés pour la démonstration"\n')

    def test_rewriting_a_zoning_keeps_the_others(self, tmp_path: Path, units, aliases) -> None:
        cpts, dac = demo_zonings()
        write_zoning(cpts, tmp_path)
        write_zoning(dac, tmp_path)
        write_zoning(cpts, tmp_path)
        assert list(load_zoning_dir(tmp_path, units, aliases)) == ["cpts", "dac"]

    def test_composition_is_what_validate_file_reads(self, tmp_path: Path, validate) -> None:
        path = tmp_path / "cpts.composition.csv"
        write_composition(demo_zonings()[0], path)
        zoning, report = validate(path)
        assert report.ok and zoning.type.key == "cpts"
        assert zoning.territories_of("75101") == ("cpts-12", "cpts-13")


class TestBrokenDirectory:
    def test_stored_zoning_failing_its_rule(self, tmp_path: Path, units, aliases) -> None:
        _, dac = demo_zonings()
        write_zoning(dac, tmp_path)
        path = tmp_path / "dac.composition.csv"
        path.write_text(path.read_text(encoding="utf-8-sig") + "dac-75;DAC Paris;04001\n",
                        encoding="utf-8-sig")
        with pytest.raises(ZoningDirError) as caught:
            load_zoning_dir(tmp_path, units, aliases)
        assert "La commune 04001 (Aubignosc) est rattachée à plusieurs territoires" in str(
            caught.value)

    def test_fiche_without_id(self, tmp_path: Path, units, aliases) -> None:
        write_zoning(demo_zonings()[0], tmp_path)
        path = tmp_path / "cpts.fiches.csv"
        path.write_text(path.read_text(encoding="utf-8-sig") + ";CPTS sans identifiant\n",
                        encoding="utf-8-sig")
        assert len(load_zoning_dir(tmp_path, units, aliases)["cpts"].fiches) == 3

    def test_missing_fiche_file(self, tmp_path: Path, units, aliases) -> None:
        write_zoning(demo_zonings()[0], tmp_path)
        (tmp_path / "cpts.fiches.csv").unlink()
        with pytest.raises(ZoningDirError, match="cpts.fiches.csv\nErreur \\(1\\) :\n  - "
                                                 "Fichier introuvable."):
            load_zoning_dir(tmp_path, units, aliases)

    def test_unreadable_metadata(self, tmp_path: Path, units, aliases) -> None:
        (tmp_path / "zonings.toml").write_text("[zonings.cpts\n", encoding="utf-8")
        with pytest.raises(ZoningDirError, match="Fichier de description des découpages illisible"):
            load_zoning_dir(tmp_path, units, aliases)

    def test_metadata_without_composition(self, tmp_path: Path, units, aliases) -> None:
        (tmp_path / "zonings.toml").write_text('[zonings.cpts]\ntype = "cpts"\n', encoding="utf-8")
        with pytest.raises(ZoningDirError, match="n'indique pas son fichier « composition »"):
            load_zoning_dir(tmp_path, units, aliases)
