"""What the analysis pages share: their tables' CSV columns, and no Dash in their views."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dashboard import strings
from dashboard.views.data import AppData, load_app_data
from dashboard.views.gaps import gaps_departement_columns, gaps_view, need_columns, overlap_columns
from dashboard.views.heterogeneity import crossing_columns, crossing_view
from dashboard.views.state import ViewState

from .support import fields


class TestCsvColumns:
    """Every table exports its columns with French headers (``csvExportParams`` ``;``)."""

    @pytest.mark.parametrize(("columns", "headers"), [
        (crossing_columns(), strings.CROSSINGS_COLUMNS),
        (need_columns(), strings.GAPS_COLUMNS),
        (gaps_departement_columns(), strings.GAPS_DEPARTEMENT_COLUMNS),
        (overlap_columns(), strings.OVERLAPS_COLUMNS),
    ])
    def test_headers_are_the_french_catalogue(self, columns: list[dict],
                                              headers: dict[str, str]) -> None:
        assert fields(columns) == list(headers)
        assert [column["headerName"] for column in columns] == list(headers.values())

    def test_rows_have_exactly_the_columns(self, data: AppData) -> None:
        view = gaps_view(data, ViewState(), "/geo/x.json")
        crossings = crossing_view(data, ())

        assert list(view.needs.columns) == fields(need_columns())
        assert list(view.by_departement.columns) == fields(gaps_departement_columns())
        assert list(view.overlaps.columns) == fields(overlap_columns())
        assert list(crossings.columns) == fields(crossing_columns())

    def test_layout_grids_export_with_semicolons_and_sources(self) -> None:
        from dashboard.layouts.gaps import gaps_grids
        from dashboard.layouts.heterogeneity import nesting_grids
        from dashboard.layouts.panorama import panorama_parts

        def grids(component) -> list:
            found = [component] if type(component).__name__ == "AgGrid" else []
            children = getattr(component, "children", None)
            for child in children if isinstance(children, list) else [children]:
                if child is not None and hasattr(child, "to_plotly_json"):
                    found += grids(child)
            return found

        data = load_app_data()
        every = [part for parts in (nesting_grids(data), gaps_grids(data), panorama_parts(data))
                 for component in parts.values() for part in grids(component)]
        assert len(every) == 6
        for grid in every:
            assert grid.csvExportParams["columnSeparator"] == ";"
            assert grid.csvExportParams["fileName"].endswith(".csv")
            assert grid.csvExportParams["allColumns"] is True
            # A blank row, then one cell per source: populations with their vintage.
            appended = [row[0]["data"]["value"] for row in
                        grid.csvExportParams["appendContent"] if row]
            assert appended == ["Source : Insee, Filosofi 2021", data.geography_source]
            assert data.population_vintage in data.geography_source


def test_view_modules_do_not_import_dash() -> None:
    code = ("import sys\nimport dashboard.views.heterogeneity, dashboard.views.pair\n"
            "import dashboard.views.gaps\n"
            "assert 'dash' not in sys.modules, 'dash imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)
