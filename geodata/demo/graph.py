"""The adjacency graph of the units that demonstration territories grow on.

Nodes are units (or groups of units: départements, DAC) with a weight (population) and a
position in km; two nodes are neighbours when they share an edge, not only a corner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely

from geodata.geometry import EQUAL_AREA_CRS

#: Interior-disjoint, boundaries sharing a line: units with a common edge, not a corner.
SHARED_EDGE = "F***1****"


@dataclass(frozen=True)
class _Graph:
    """Nodes (units or territories) with their weight, position (km) and edge neighbours."""

    neighbours: tuple[np.ndarray, ...]
    weights: np.ndarray
    xy: np.ndarray


def _adjacency(geometries: np.ndarray) -> tuple[np.ndarray, ...]:
    """Neighbours of each unit through a shared edge (corners do not make a territory whole).

    Only the largest part of a unit counts: a neighbour touching nothing but an exclave or
    an island would not join the unit's territory in one piece.
    """
    parts, owner = shapely.get_parts(geometries, return_index=True)
    order = np.lexsort((-shapely.area(parts), owner))
    geometries = parts[order][np.unique(owner[order], return_index=True)[1]]
    left, right = shapely.STRtree(geometries).query(geometries, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    edge = shapely.relate_pattern(geometries[left], geometries[right], SHARED_EDGE)
    left, right = left[edge], right[edge]
    return _neighbour_lists(len(geometries), np.concatenate([left, right]),
                            np.concatenate([right, left]))


def _neighbour_lists(size: int, source: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, ...]:
    """Sorted neighbour arrays from a symmetric edge list."""
    order = np.lexsort((target, source))
    source, target = source[order], target[order]
    bounds = np.searchsorted(source, np.arange(size + 1))
    return tuple(target[bounds[i]:bounds[i + 1]] for i in range(size))


def _positions(geometries: gpd.GeoSeries) -> np.ndarray:
    """Place a point inside each unit, in km of an equal-area projection."""
    points = geometries.representative_point().to_crs(EQUAL_AREA_CRS)
    return np.column_stack([points.x, points.y]) / 1000


def _components(neighbours: Sequence[np.ndarray], nodes: np.ndarray) -> list[np.ndarray]:
    """Split the subgraph induced by ``nodes`` into connected pieces, largest first."""
    inside = set(nodes.tolist())
    seen: set[int] = set()
    components = []
    for start in nodes.tolist():
        if start in seen:
            continue
        seen.add(start)
        stack, component = [start], [start]
        while stack:
            for other in neighbours[stack.pop()].tolist():
                if other in inside and other not in seen:
                    seen.add(other)
                    stack.append(other)
                    component.append(other)
        components.append(np.array(sorted(component)))
    return sorted(components, key=len, reverse=True)


def _quotient(graph: _Graph, groups: list[np.ndarray]) -> _Graph:
    """Graph of groups of nodes (départements, DAC): adjacent when two members share an edge."""
    label = np.full(len(graph.weights), -1)
    for index, nodes in enumerate(groups):
        label[nodes] = index
    source = np.repeat(np.arange(len(graph.weights)), [len(n) for n in graph.neighbours])
    target = np.concatenate(graph.neighbours)
    a, b = label[source], label[target]
    keep = (a != b) & (a >= 0) & (b >= 0)
    pairs = np.unique(np.column_stack([a[keep], b[keep]]), axis=0)
    return _Graph(
        neighbours=_neighbour_lists(len(groups), pairs[:, 0], pairs[:, 1]),
        weights=np.array([graph.weights[nodes].sum() for nodes in groups]),
        xy=np.array([np.average(graph.xy[nodes], axis=0, weights=graph.weights[nodes] + 1.0)
                     for nodes in groups]),
    )
