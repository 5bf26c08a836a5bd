"""The geometry of a map view: its level of detail, its selection key and its GeoJSON files."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.views.map_geometry import Selection, areas, geojson_name, geojson_payload

from .support import SEINE_SAINT_DENIS, UNITS_93


def _selection(departements: tuple[str, ...] = (), colour_by: str = "communes") -> Selection:
    return Selection(departements, ("dac",), colour_by, False)


class TestSelection:
    @pytest.mark.parametrize(("departements", "level"), [
        ((), "overview"),
        (("93",), "detail"),
        (("75", "92", "93"), "detail"),
        (("75", "92", "93", "94"), "overview"),
    ])
    def test_level_of_detail(self, departements, level) -> None:
        assert _selection(departements).level == level

    @pytest.mark.parametrize("change", [
        {"indicator": "MED21"}, {"method": "jenks"}, {"classes": 7},
        {"territory": "cpts:cpts-69"}, {"commune": "93066"}, {"page": "panorama"},
        {"zonings": ("dac",)}, {"labels": True},
    ])
    def test_key_ignores_what_a_patch_of_the_figure_handles(self, change) -> None:
        changed = replace(SEINE_SAINT_DENIS, **change)
        assert Selection.of(changed).key == Selection.of(SEINE_SAINT_DENIS).key

    def test_areas_only_drops_the_zonings_and_names(self) -> None:
        shown = Selection.of(replace(SEINE_SAINT_DENIS, zonings=("dac", "cpts"), labels=True))
        assert shown.areas_only == replace(shown, zonings=(), labels=False)
        assert shown.areas_only.key == shown.key

    @pytest.mark.parametrize("change", [
        {"departements": ("93", "94")}, {"colour_by": "cpts"},
    ])
    def test_key_changes_with_the_areas_shown(self, change) -> None:
        changed = replace(SEINE_SAINT_DENIS, **change)
        assert Selection.of(changed).key != Selection.of(SEINE_SAINT_DENIS).key


class TestGeojson:
    @pytest.mark.parametrize("selection", [
        _selection(),
        _selection(("93",)),
        _selection(("75", "92", "93")),
        _selection(("75", "92", "93", "94")),
        _selection(("93",), "cpts"),
        _selection((), "dac"),
    ], ids=lambda selection: geojson_name(selection))
    def test_name_gives_back_the_areas_of_the_selection(self, data, selection) -> None:
        payload = geojson_payload(data, geojson_name(selection))
        assert payload["type"] == "FeatureCollection"
        assert [feature["id"] for feature in payload["features"]] == areas(
            data, selection)["code"].tolist()

    def test_names_differ_by_level_scope_and_colouring(self) -> None:
        assert [geojson_name(selection) for selection in (
            _selection(), _selection(("93",)), _selection(("93",), "cpts"))] == [
            "communes-overview-region.json", "communes-detail-93.json", "cpts-detail-93.json"]

    def test_payload_of_93_has_its_communes(self, data) -> None:
        payload = geojson_payload(data, "communes-detail-93.json")
        assert len(payload["features"]) == UNITS_93
        assert {"93066", "93027"} <= {feature["id"] for feature in payload["features"]}

    @pytest.mark.parametrize("name", [
        "", "x.json", "communes.json", "communes-detail-99.json", "nope-detail-93.json",
        "communes-overview-93.json",      # one département is drawn in detail
        "communes-detail-region.json",    # the region is drawn simplified
        "communes-detail-.json", "communes--.json",
        "../../etc", "../../etc/passwd", "communes-detail-../../93.json",
        "communes-detail-93/../../../x.json", "%2e%2e%2fetc",
        # Names geojson_name never makes: the same areas under another cache entry.
        "communes-detail-93-93.json", "communes-detail-93-75.json", "communes-detail-93",
    ])
    def test_unknown_or_hostile_names_give_none(self, data, name) -> None:
        assert geojson_payload(data, name) is None
