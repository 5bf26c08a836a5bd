"""A list of places sent from the map page: checked like a zoning file, reported alike."""

from __future__ import annotations

import pytest

from dashboard.editing.place_import import CATEGORIES_TITLE, compare_place_lines, receive_places
from dashboard.editing.zoning_admin import version_columns
from geodata import base
from tests.geodata.store.test_place_layers import make_layer

from .data_page_support import data_url, zip_bytes

CSV = "Nom;Catégorie;Latitude;Longitude\nA;PASS;48,9411;2,3566\nB;CCAS;43,3;5,4\n"


@pytest.fixture(scope="module")
def region():
    return base.load_units("11"), base.load_code_aliases("11")


def test_usable_list_and_its_report(region) -> None:
    layer, view = receive_places(data_url(CSV.encode("cp1252")), "C:\\\\Users\\\\x\\\\lieux.csv",
                                 "  PASS   et CCAS ", *region)
    assert layer is not None and layer.label == "PASS et CCAS"
    assert view.ok
    assert view.headline == ("Fichier « lieux.csv » : 2 lignes lues, 1 lieu placé, "
                             "1 ligne rejetée.")
    titles = [title for title, _ in view.sections]
    assert titles[0] == CATEGORIES_TITLE and "Avertissements (1)" in titles
    assert any("ligne 3" in line for _, lines in view.sections for line in lines)


@pytest.mark.parametrize(("contents", "name", "expected"), [
    (None, "lieux.csv", "Aucun fichier reçu"),
    (data_url(b"%PDF-1.7 ..."), "lieux.csv", "document PDF"),
    ("data:text/csv;base64,@@@", "lieux.csv", "mal reçu"),
    (data_url(zip_bytes({"a.shp": b"x", "a.dbf": b"y"})), "a.zip", "tableau"),
    (data_url(b"nom;adresse\nX;rue\n"), "lieux.csv", "Aucune colonne pour situer"),
])
def test_refusals_say_why_in_french(region, contents, name, expected) -> None:
    layer, view = receive_places(contents, name, None, *region)
    assert layer is None and not view.ok
    assert any(expected in line for _, lines in view.sections for line in lines), view


def test_two_versions_of_a_shared_list_compared() -> None:
    old, new = make_layer(("A", "B")), make_layer(("A", "C", "D"))
    assert compare_place_lines(old, old) == ["Les deux versions sont identiques."]
    assert compare_place_lines(old, new) == ["2 lieux ajoutés, 1 retiré (2 → 3 lieux).",
                                             "« PASS » : 1 → 2 lieux."]
    columns = version_columns(layer="lieux")
    assert (columns["territories"], columns["communes"]) == ("Catégories", "Lieux")
    assert "editor" not in columns
