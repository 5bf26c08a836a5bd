"""The map in words: its data table and the sentence announced when it changes."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.views.map_table import map_summary, map_table, place_name
from dashboard.views.map_view import map_legend
from dashboard.views.state import IRIS_MESH, ViewState

NNBSP = "\u202f"
#: The poverty rate, not the default median income: its withheld communes are the test.
SEINE_SAINT_DENIS = ViewState(departements=("93",), zonings=("dac", "cpts"), indicator="TP6021")


def table_of(data, state: ViewState):
    return map_table(data, state, map_legend(data, state))


class TestMapTable:
    def test_one_row_per_area_with_unit_class_and_territories(self, data) -> None:
        table = table_of(data, SEINE_SAINT_DENIS)

        assert table.headers == ("Commune", "Code", "Valeur", "Classe", "DAC (illustratif)",
                                 "CPTS (illustratif)")
        assert len(table.rows) == 39
        saint_denis = next(row for row in table.rows if row[1] == "93066")
        assert saint_denis[0] == "Saint-Denis"
        assert saint_denis[2] == f"36,5{NNBSP}%"
        assert saint_denis[3].startswith("5 (")  # the highest of 5 classes
        assert saint_denis[4:] == ("DAC démo 93-A", "CPTS démo 69 — Saint-Denis")

    def test_highest_values_first_and_classes_follow(self, data) -> None:
        rows = table_of(data, SEINE_SAINT_DENIS).rows
        classes = [int(row[3].split(" ")[0]) for row in rows]

        assert classes == sorted(classes, reverse=True)
        assert classes[0] == 5 and classes[-1] == 1

    def test_caption_names_indicator_unit_place_method_and_source(self, data) -> None:
        caption = table_of(data, SEINE_SAINT_DENIS).caption.replace(NNBSP, " ").replace("\xa0", " ")

        assert caption.startswith("Taux de pauvreté (seuil à 60 % du niveau de vie médian), "
                                  "en % — Seine-Saint-Denis : 39 communes, Quantiles, 5 classes")
        assert caption.endswith("Source : Insee, Filosofi 2021.")

    def test_withheld_values_are_said_missing_never_zero(self, data) -> None:
        state = ViewState(departements=("93",), zonings=(), indicator="TP6021", mesh=IRIS_MESH)
        rows = table_of(data, state).rows
        missing = [row for row in rows if row[3] == "sans classe"]

        assert missing and all(row[2] == "secret statistique" for row in missing)
        assert list(rows[-len(missing):]) == missing  # after every value, own or stood in

    def test_withheld_communes_say_whose_value_they_show(self, data) -> None:
        state = ViewState(zonings=(), indicator="TP6021")
        legend = map_legend(data, state)
        rows = table_of(data, state).rows
        hatched = [row for row in rows if row[3].endswith(", couleur pâle hachurée")]

        assert "moyenne des communes publiées de l'EPCI" in legend.stand_in.label
        assert len(hatched) == 800  # every commune the secret statistique withholds
        assert not any(row[2] == "secret statistique" for row in rows)
        own = data.table["TP6021"]
        assert all(pd.isna(own[row[1]]) for row in hatched)
        voulx = next(row for row in hatched if row[1] == "77531")
        assert voulx[2] == (f"27,4{NNBSP}% (moyenne des communes publiées de l'EPCI "
                            "Communauté de communes Pays de Montereau)")
        assert rows.index(voulx) > max(i for i, row in enumerate(rows) if row not in hatched)

    def test_iris_without_value_say_it_is_their_communes(self, data) -> None:
        state = ViewState(departements=("93",), zonings=(), indicator="TP6021", mesh=IRIS_MESH)
        rows = table_of(data, state).rows
        hatched = [row for row in rows if row[2].endswith("(valeur de la commune)")]

        assert hatched and all(row[3].endswith("couleur pâle hachurée") for row in hatched)
        commune = data.table.at[hatched[0][1][:5], "TP6021"]
        assert hatched[0][2] == f"{commune:.1f}{NNBSP}% (valeur de la commune)".replace(".", ",")

    def test_coloured_by_territory(self, data) -> None:
        table = table_of(data, ViewState(departements=("93",), zonings=("dac",),
                                         colour_by="dac", indicator="TP6021"))

        assert table.headers == ("Territoire DAC (illustratif)", "Code", "Valeur", "Classe")
        assert [row[0] for row in table.rows][:1] == ["DAC démo 93-A"]

    def test_iris_mesh_names_its_areas(self, data) -> None:
        state = ViewState(departements=("93",), zonings=("dac",), indicator="TP6021",
                          mesh=IRIS_MESH)
        table = table_of(data, state)

        assert table.headers == ("IRIS ou commune", "Code", "Valeur", "Classe")
        assert len(table.rows) == 614 and all(len(row[1]) == 9 for row in table.rows)
        assert map_summary(data, state, map_legend(data, state)).startswith(
            "Carte : taux de pauvreté, Seine-Saint-Denis, 614 zones (IRIS ou communes), ")


class TestSummary:
    @pytest.mark.parametrize(("state", "expected"), [
        (SEINE_SAINT_DENIS,
         "Carte : taux de pauvreté, Seine-Saint-Denis, 39 communes, 5 classes, "
         "contours DAC, CPTS."),
        (ViewState(zonings=(), classes=4, indicator="MED21"),
         f"Carte : niveau de vie médian, Île-de-France, 1{NNBSP}285 communes, 4 classes."),
        (ViewState(departements=("93", "75"), zonings=("dac",), colour_by="dac",
                   date="2021-06-30", classes=3, indicator="TP6021"),
         "Carte : taux de pauvreté, Paris et Seine-Saint-Denis, 7 territoires DAC, 3 classes, "
         "contours DAC, au 30/06/2021."),
    ])
    def test_sentence(self, data, state: ViewState, expected: str) -> None:
        assert map_summary(data, state, map_legend(data, state)) == expected

    def test_place_names_in_the_data_order(self, data) -> None:
        assert place_name(data, ()) == "Île-de-France"
        assert place_name(data, ("93", "92", "75")) == \
            "Paris, Hauts-de-Seine et Seine-Saint-Denis"
