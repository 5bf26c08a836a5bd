from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely

from dashboard.figures.geojson import (
    LabelPoints,
    Outline,
    feature_collection,
    join_outlines,
    label_points,
    outline_bounds,
    outline_coordinates,
    place_labels,
)


def signed_area(ring: list) -> float:
    """Shoelace area in lon/lat: negative for a clockwise ring."""
    xy = np.asarray(ring)
    return 0.5 * float(np.sum(xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1]))


def lines_of(outline: Outline) -> list[shapely.LineString]:
    lines, current = [], []
    for lon, lat in zip(outline.lon, outline.lat, strict=True):
        if lon is None:
            lines.append(shapely.LineString(current))
            current = []
        else:
            current.append((lon, lat))
    return [*lines, shapely.LineString(current)] if current else lines


class TestFeatureCollection:
    def test_ids_and_nothing_else(self, units: gpd.GeoDataFrame) -> None:
        collection = feature_collection(units)
        assert collection["type"] == "FeatureCollection"
        assert [feature["id"] for feature in collection["features"]] == list(units["code"])
        assert all(set(feature) == {"type", "id", "geometry"}
                   for feature in collection["features"])

    def test_coordinates_rounded_to_5_decimals(self) -> None:
        frame = gpd.GeoDataFrame({"code": ["A"]}, geometry=[shapely.box(
            2.1234567, 48.1234567, 2.2345678, 48.2345678)], crs="EPSG:4326")
        text = json.dumps(feature_collection(frame))
        numbers = [token for token in text.replace("[", " ").replace("]", " ")
                   .replace(",", " ").split() if token[0].isdigit()]
        assert numbers and all(len(number.partition(".")[2]) <= 5 for number in numbers)

    def test_d3_winding_exterior_clockwise_holes_counter_clockwise(self) -> None:
        ring = shapely.box(0, 0, 4, 4).exterior
        hole = shapely.box(1, 1, 2, 2).exterior
        polygon = shapely.Polygon(ring.coords[::-1], [hole.coords])  # both "wrong"
        frame = gpd.GeoDataFrame({"code": ["A"]}, geometry=[polygon], crs="EPSG:4326")
        rings = feature_collection(frame)["features"][0]["geometry"]["coordinates"]
        assert signed_area(rings[0]) < 0 < signed_area(rings[1])

    def test_id_column(self, units: gpd.GeoDataFrame) -> None:
        collection = feature_collection(units, id_column="nom")
        assert collection["features"][0]["id"] == "Commune 1"


class TestOutlineCoordinates:
    def test_shared_edges_drawn_once(self) -> None:
        squares = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)]
        outline = outline_coordinates(squares)
        total = sum(line.length for line in lines_of(outline))
        assert total == pytest.approx(7)  # outer perimeter 6 + shared edge 1

    def test_none_separates_lines(self, units: gpd.GeoDataFrame) -> None:
        outline = outline_coordinates(units.geometry)
        assert len(outline.lon) == len(outline.lat)
        assert [i for i, v in enumerate(outline.lon) if v is None] == \
               [i for i, v in enumerate(outline.lat) if v is None]
        assert outline.lon[0] is not None and outline.lon[-1] is not None

    def test_clip_keeps_lines_inside(self, units: gpd.GeoDataFrame) -> None:
        area = shapely.box(2.30, 48.80, 2.40, 48.95)
        outline = outline_coordinates(units.geometry, clip=area)
        lons = [lon for lon in outline.lon if lon is not None]
        assert max(lons) <= 2.40 + 1e-9
        assert max(lons) < max(outline_coordinates(units.geometry).lon, key=lambda v: v or 0)

    def test_holes_and_islands(self) -> None:
        shape = shapely.MultiPolygon([
            shapely.Polygon(shapely.box(0, 0, 4, 4).exterior.coords,
                            [shapely.box(1, 1, 2, 2).exterior.coords]),
            shapely.box(5, 5, 6, 6),
        ])
        assert len(lines_of(outline_coordinates([shape]))) == 3

    def test_join(self) -> None:
        joined = join_outlines(Outline([1.0, 2.0], [3.0, 4.0]), Outline([], []),
                               Outline([5.0], [6.0]))
        assert joined == Outline([1.0, 2.0, None, 5.0], [3.0, 4.0, None, 6.0])


class TestLabelPoints:
    def test_points_inside_their_territory(self) -> None:
        crescent = shapely.box(0, 0, 3, 3).difference(shapely.box(1, 1, 3, 2))
        labels = label_points([crescent, shapely.box(5, 5, 6, 6)], ["C", "S"])
        assert labels.text == ["C", "S"]
        for lon, lat, shape in zip(labels.lon, labels.lat,
                                   [crescent, shapely.box(5, 5, 6, 6)], strict=True):
            assert shape.contains(shapely.Point(lon, lat))

    def test_clip_skips_territories_mostly_outside(self) -> None:
        inside, barely = shapely.box(0, 0, 1, 1), shapely.box(0.9, 0, 2.9, 1)
        labels = label_points([inside, barely], ["in", "out"], clip=shapely.box(0, 0, 1, 1))
        assert labels.text == ["in"]

    def test_largest_territory_first(self) -> None:
        labels = label_points([shapely.box(0, 0, 1, 1), shapely.box(2, 0, 5, 1)], ["S", "L"])
        assert labels.text == ["L", "S"]
        assert shapely.box(2, 0, 5, 1).contains(shapely.Point(labels.lon[0], labels.lat[0]))


#: Two neighbours 0.05° wide: on a 2°-wide map their names collide.
SMALL, LARGE = shapely.box(2.05, 48.5, 2.09, 48.55), shapely.box(2.0, 48.5, 2.05, 48.55)
WIDE_VIEW = (1.8, 48.3, 3.8, 49.3)


class TestPlaceLabels:
    def test_names_that_would_overlap_keep_the_larger_territory(self) -> None:
        far = shapely.box(3.5, 49.0, 3.6, 49.1)
        labels = label_points([SMALL, LARGE, far], ["Territoire B", "Territoire A", "Loin"])
        [placed] = place_labels([labels], WIDE_VIEW)
        assert placed.text == ["Loin", "Territoire A"]
        assert len(placed.lon) == len(placed.lat) == 2

    def test_a_closer_view_has_room_for_every_name(self) -> None:
        labels = label_points([SMALL, LARGE], ["Territoire B", "Territoire A"])
        [placed] = place_labels([labels], (2.0, 48.5, 2.09, 48.55))
        assert placed[:3] == labels[:3]

    def test_names_one_above_the_other_do_not_collide(self) -> None:
        lower, upper = shapely.box(2.0, 48.0, 2.3, 48.2), shapely.box(2.0, 48.2, 2.3, 48.4)
        labels = label_points([lower, upper], ["Bas", "Haut"])
        assert place_labels([labels], (1.0, 47.5, 3.0, 49))[0].text == ["Bas", "Haut"]

    def test_first_set_placed_first(self) -> None:
        dac = label_points([SMALL], ["DAC du nord"])
        cpts = label_points([LARGE], ["CPTS du nord"])
        placed_dac, placed_cpts = place_labels([dac, cpts], WIDE_VIEW)
        assert placed_dac.text == ["DAC du nord"]
        assert placed_cpts == LabelPoints([], [], [])


    def test_names_the_map_would_cut_are_left_out(self) -> None:
        # Two territories near the west edge of the view: the long name would stick out.
        edge = shapely.box(1.8, 48.6, 1.85, 48.65)
        labels = label_points([edge, shapely.box(1.9, 49.0, 1.95, 49.05)],
                              ["Un territoire au nom très long", "Ouest"])
        assert place_labels([labels], WIDE_VIEW)[0].text == ["Ouest"]

    def test_nothing_to_place(self) -> None:
        assert place_labels([], WIDE_VIEW) == []
        assert place_labels([LabelPoints([], [], [])], WIDE_VIEW) == [LabelPoints([], [], [])]


class TestOutlineBounds:
    def test_ignores_line_breaks(self) -> None:
        outline = Outline([1.0, 3.0, None, -2.0], [45.0, 44.0, None, 46.5])
        assert outline_bounds(outline) == (-2.0, 44.0, 3.0, 46.5)
