from __future__ import annotations

import geopandas as gpd
import plotly.graph_objects as go
import pytest
import shapely

from dashboard.figures.thumbnail import build_thumbnail_figure
from dashboard.palettes import THUMBNAIL_MEMBER_COLOUR


@pytest.fixture
def far_units(units: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The grid plus one commune far away, which must not be sent."""
    far = gpd.GeoDataFrame({"code": ["77001"], "nom": ["Loin"]},
                           geometry=[shapely.box(3.0, 48.3, 3.05, 48.35)], crs="EPSG:4326")
    return gpd.GeoDataFrame(
        [*units[["code", "nom", "geometry"]].itertuples(index=False),
         *far.itertuples(index=False)], columns=["code", "nom", "geometry"],
        geometry="geometry", crs="EPSG:4326")


class TestThumbnail:
    def test_members_highlighted_among_neighbours(self, far_units) -> None:
        figure = build_thumbnail_figure(far_units, ["93001", "93002"])
        choropleth = figure["data"][0]
        highlighted = {code for code, z in zip(choropleth["locations"], choropleth["z"],
                                               strict=True) if z == 1}
        assert highlighted == {"93001", "93002"}
        assert "77001" not in choropleth["locations"]
        assert choropleth["colorscale"][-1][1] == THUMBNAIL_MEMBER_COLOUR

    def test_inline_geojson_cut_to_the_box(self, far_units) -> None:
        figure = build_thumbnail_figure(far_units, ["93001"], margin=0.2)
        geojson = figure["data"][0]["geojson"]
        assert isinstance(geojson, dict)
        assert [feature["id"] for feature in geojson["features"]] == \
               figure["data"][0]["locations"]
        xs = [x for feature in geojson["features"]
              for x, _ in feature["geometry"]["coordinates"][0]]
        assert min(xs) >= 2.30 - 0.2 * 0.05 - 1e-9 and max(xs) <= 2.35 + 0.2 * 0.05 + 1e-9

    def test_static_and_small(self, far_units) -> None:
        figure = build_thumbnail_figure(far_units, ["93005"], width=200, height=150)
        assert (figure["layout"]["width"], figure["layout"]["height"]) == (200, 150)
        assert all(trace["hoverinfo"] == "skip" for trace in figure["data"])
        assert figure["data"][1]["type"] == "scattergeo"
        go.Figure(figure)

    def test_unknown_territory(self, far_units) -> None:
        with pytest.raises(ValueError):
            build_thumbnail_figure(far_units, ["00000"])


def test_a_polygon_territory_is_drawn_as_cut() -> None:
    units = gpd.GeoDataFrame({"code": ["A", "B"]},
                             geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)],
                             crs="EPSG:4326")
    north = shapely.box(0, 0.5, 1, 1)
    figure = build_thumbnail_figure(units, ["A"], outline=north)
    fill, border = figure["data"]
    assert fill["locations"][-1] == "territoire"
    assert fill["z"] == [0, 0, 1]  # the communes unfilled, the polygon filled
    assert min(border["lat"]) == 0.5
