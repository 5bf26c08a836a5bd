"""Heterogeneity of coordination zonings: how their territories nest, split and leave gaps.

Every zoning is a set of unions of the same units (communes, arrondissements), so each
question is answered on the units, exactly, without overlaying polygons:

- nesting: how the population of each territory of a zoning A divides among the
  territories of a zoning B (:func:`territory_pieces`, :func:`territory_nesting`,
  :func:`split_territories`) and how well A nests in B overall (:func:`nesting_index`,
  :func:`nesting_matrix`);
- boundaries: the stretches of A's outlines that are not outlines of B, and vice versa
  (:func:`unit_edges`, :func:`boundary_mismatch`);
- départements: territories crossing a département limit (:func:`departement_crossings`);
- coverage: zones blanches and communes claimed by two territories (:func:`gaps`,
  :func:`gaps_by_departement`, :func:`overlaps`);
- precarity: indicators of each territory against its département and the region
  (:func:`precarity_profile`);
- :func:`heterogeneity_summary`: the JSON payload of ``python -m geodata heterogeneity``.

One module per question (:mod:`~geodata.heterogeneity.nesting`,
:mod:`~geodata.heterogeneity.boundaries`, :mod:`~geodata.heterogeneity.coverage`,
:mod:`~geodata.heterogeneity.precarity`, :mod:`~geodata.heterogeneity.summary`); this
package hands on their public names.

Populations are the units' ``population`` times the members' effective shares: a city
cut by polygons gives each territory its share, a unit shared by k territories in unknown
parts 1/k of it (see :mod:`~geodata.heterogeneity.nesting`); a unit is a zone blanche for
the part no territory covers. The functions are pure and read no file.

Examples
--------
EPCI nest in départements, but for the Métropole du Grand Paris and six EPCI astride a
limit:

>>> from geodata.base import load_units
>>> from geodata.zonings.model import Fiche
>>> from geodata.zonings.zoning_types import load_zoning_types
>>> units = load_units("11")
>>> def by(column):
...     fiches = {key: Fiche(nom=key, type=column) for key in sorted(set(units[column]))}
...     return Zoning(load_zoning_types().get(column), fiches,
...                   tuple(zip(units[column], units["code"])))
>>> summary = heterogeneity_summary({"epci": by("epci"), "dep": by("departement")}, units)
>>> summary["pairs"][0]
{'a': 'epci', 'b': 'dep', 'nesting_index': 0.58, 'split_territories': 7}
"""

from __future__ import annotations

from geodata.heterogeneity.boundaries import LENGTH_CRS, UnitEdges, boundary_mismatch, unit_edges
from geodata.heterogeneity.coverage import (
    gaps,
    gaps_by_departement,
    overlaps,
    partly_uncovered,
    uncovered_share,
)
from geodata.heterogeneity.nesting import (
    DEPARTEMENT,
    NESTED_SHARE,
    NESTING_LABELS,
    OUTSIDE_LABEL,
    PIECE,
    Nesting,
    departement_crossings,
    departement_pieces,
    index_of_nesting,
    nesting_index,
    nesting_matrix,
    split_territories,
    territory_nesting,
    territory_pieces,
)
from geodata.heterogeneity.precarity import PROFILE_INDICATORS, precarity_profile
from geodata.heterogeneity.summary import SUMMARY_DECIMALS, heterogeneity_summary

__all__ = [
    "DEPARTEMENT",
    "LENGTH_CRS",
    "NESTED_SHARE",
    "NESTING_LABELS",
    "Nesting",
    "OUTSIDE_LABEL",
    "PIECE",
    "PROFILE_INDICATORS",
    "SUMMARY_DECIMALS",
    "UnitEdges",
    "boundary_mismatch",
    "departement_crossings",
    "departement_pieces",
    "gaps",
    "gaps_by_departement",
    "heterogeneity_summary",
    "index_of_nesting",
    "nesting_index",
    "nesting_matrix",
    "overlaps",
    "partly_uncovered",
    "precarity_profile",
    "split_territories",
    "territory_nesting",
    "territory_pieces",
    "uncovered_share",
    "unit_edges",
]
