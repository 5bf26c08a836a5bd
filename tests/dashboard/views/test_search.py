from __future__ import annotations

import pandas as pd
import pytest

from dashboard.callbacks.state import search_options
from dashboard.views.search import search_communes, search_index
from geodata.zonings.text import normalize


@pytest.fixture(scope="module")
def index() -> pd.DataFrame:
    units = pd.DataFrame({
        "code": ["93066", "97411", "93070", "95539", "75101", "2A004", "91479"],
        "nom": ["Saint-Denis", "Saint-Denis", "Saint-Ouen-sur-Seine", "Saint-Ouen-l'Aumône",
                "Paris 1er Arrondissement", "Ajaccio", "Saint-Denis-sur-Seine"],
        "departement": ["93", "974", "93", "95", "75", "2A", "91"],
        "population": [112_000, 150_000, 50_000, 24_000, 16_000, 70_000, 10],
    })
    return search_index(units)


class TestNormalize:
    @pytest.mark.parametrize(("typed", "expected"), [
        ("Saint-Denis", "saint denis"),
        ("st denis", "saint denis"),
        ("ST-DENIS", "saint denis"),
        ("Saint-Ouen-l'Aumône", "saint ouen l aumone"),
        ("  Évry   Courcouronnes ", "evry courcouronnes"),
        ("Ste-Geneviève", "sainte genevieve"),
    ])
    def test_forms_people_type(self, typed: str, expected: str) -> None:
        assert normalize(typed) == expected


class TestSearchCommunes:
    @pytest.mark.parametrize("typed", ["Saint-Denis", "st denis", "saint denis", "SAINT DENIS"])
    def test_exact_name_first_then_by_population(self, index: pd.DataFrame, typed: str) -> None:
        hits = search_communes(index, typed)
        assert list(hits["code"][:2]) == ["97411", "93066"]
        assert "91479" in set(hits["code"])

    def test_code_prefix(self, index: pd.DataFrame) -> None:
        assert list(search_communes(index, "93066")["code"]) == ["93066"]
        assert list(search_communes(index, "930")["code"]) == ["93066", "93070"]

    def test_corsican_code(self, index: pd.DataFrame) -> None:
        assert list(search_communes(index, "2a004")["code"]) == ["2A004"]

    def test_words_must_start_name_words(self, index: pd.DataFrame) -> None:
        assert list(search_communes(index, "aumone")["code"]) == ["95539"]
        assert search_communes(index, "enis").empty

    def test_empty_query_finds_nothing(self, index: pd.DataFrame) -> None:
        assert search_communes(index, "  ").empty

    def test_limit(self, index: pd.DataFrame) -> None:
        assert len(search_communes(index, "saint", limit=2)) == 2


class TestSearchOptions:
    """The dropdown's callback, on the loaded region."""

    def test_nothing_typed_nor_selected_offers_nothing(self) -> None:
        assert search_options(None, None) == []

    def test_typed_name(self) -> None:
        options = search_options("st denis", None)
        assert options[0] == {"label": "Saint-Denis (93066)", "value": "93066",
                              "search": "st denis"}

    def test_selection_kept_named_without_typing(self) -> None:
        assert search_options(None, "93066") == [
            {"label": "Saint-Denis (93066)", "value": "93066"}]
