"""Territories cut into pieces: the communes they cover, at the geometry of a level."""

from __future__ import annotations

from dashboard.views.territory_shapes import pieces

from .support import UNITS_93


def test_pieces_of_the_communes_given_only_in_membership_order(data) -> None:
    zoning = data.zonings["cpts"]
    units = data.units[data.units["departement"] == "93"].set_index("code").geometry
    assert len(units) == UNITS_93
    found = pieces(zoning, units)
    expected = zoning.membership[zoning.membership["code"].isin(set(units.index))]
    assert len(found) > 0
    assert found["code"].tolist() == expected["code"].tolist()
    assert found["territory_id"].tolist() == expected["territory_id"].tolist()
    assert found["geometry"].tolist()[0].equals(units[found["code"].iat[0]])
