from __future__ import annotations

import numpy as np
import pytest

from dashboard.figures.blank import blank_figure
from dashboard.figures.patches import REMOVED, TRACE, changes, signature


def figure(**choropleth) -> dict:
    return {"data": [{"uid": "choropleth", "z": [1, 2], **choropleth},
                     {"uid": "zoning-dac", "lon": [2.3, None], "opacity": 1}],
            "layout": {"uirevision": "93"}}


class TestChanges:
    def test_no_previous_figure_sends_the_whole_figure(self) -> None:
        found, shown = changes(None, figure())
        assert found is None and shown == signature(figure())

    def test_same_figure_changes_nothing(self) -> None:
        assert changes(signature(figure()), figure())[0] == []

    def test_changed_properties_only(self) -> None:
        after = figure(z=[2, 1])
        after["data"][1]["opacity"] = 0
        found, _ = changes(signature(figure()), after)
        assert found == [(0, "z", [2, 1]), (1, "opacity", 0)]

    def test_removed_and_added_properties(self) -> None:
        found, _ = changes(signature(figure(text=["a", "b"])), figure(name="x"))
        assert found == [(0, "name", "x"), (0, "text", REMOVED)]

    @pytest.mark.parametrize("after", [
        {"data": figure()["data"][::-1], "layout": {"uirevision": "93"}},
        {"data": [figure()["data"][0], {"uid": "zoning-cpts"}], "layout": {"uirevision": "93"}},
        {"data": figure()["data"], "layout": {"uirevision": "94"}},
    ], ids=["other order", "other traces", "other layout"])
    def test_other_structure_or_layout_sends_the_whole_figure(self, after) -> None:
        assert changes(signature(figure()), after)[0] is None

    def test_a_trace_added_last_or_taken_away_travels_alone(self) -> None:
        circles = {"uid": "qpv", "lon": [2.3]}
        shown = {**figure(), "data": [*figure()["data"], circles]}
        assert changes(signature(figure()), shown)[0] == [(2, TRACE, circles)]
        assert changes(signature(shown), figure())[0] == [(2, TRACE, REMOVED)]

    def test_signature_survives_a_json_round_trip_and_numpy(self) -> None:
        import json
        shown = json.loads(json.dumps(signature(figure(z=[1, 2]))))
        assert changes(shown, figure(z=np.array([1, 2])))[0] == []


def test_blank_figure_has_no_axes() -> None:
    blank = blank_figure()
    assert blank["data"] == []
    assert blank["layout"]["xaxis"]["visible"] is False is blank["layout"]["yaxis"]["visible"]
    blank["layout"]["xaxis"]["visible"] = True
    assert blank_figure()["layout"]["xaxis"]["visible"] is False
