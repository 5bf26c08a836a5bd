"""Where the earth lands on the page: Lambert-93, fitted into a box of the page.

The printed maps use RGF93 / Lambert-93 (EPSG:2154), the official projection of
metropolitan France: conformal (shapes and the scale bar hold in every direction), with
the standard parallels 44° N and 49° N of the app's own map. A :class:`MapFrame` fits a
projected extent into a box of the page; it knows the scale, so the scale bar is exact
at the map's latitude (:meth:`MapFrame.pixels_per_km`) and the north arrow points to
true north (:meth:`MapFrame.north_angle`).

Examples
--------
>>> frame = MapFrame.fit((600_000, 6_800_000, 700_000, 6_900_000), Box(0, 0, 500, 500))
>>> frame.scale  # pixels per projected metre: 100 km across 500 px
0.005
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np
import pyproj
import shapely

from dashboard.export.drawing.svg import Box

#: RGF93 / Lambert-93.
CRS = "EPSG:2154"
GEOGRAPHIC = "EPSG:4326"
#: Ground distance used to measure the scale and the direction of north, in metres.
_PROBE_M = 1000.0


@cache
def _to_projected() -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(GEOGRAPHIC, CRS, always_xy=True)


@cache
def _geod() -> pyproj.Geod:
    return pyproj.CRS(GEOGRAPHIC).get_geod()


def project(geometries: np.ndarray) -> np.ndarray:
    """Geometries in longitude/latitude → Lambert-93 metres."""
    transformer = _to_projected()

    def forward(xy: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(np.asarray(geometries, dtype=object), forward)


def project_point(lon: float, lat: float) -> tuple[float, float]:
    """One point in longitude/latitude → Lambert-93 metres."""
    x, y = _to_projected().transform(lon, lat)
    return float(x), float(y)


def unproject_point(x: float, y: float) -> tuple[float, float]:
    """One point in Lambert-93 metres → longitude/latitude."""
    lon, lat = _to_projected().transform(x, y, direction="INVERSE")
    return float(lon), float(lat)


@dataclass(frozen=True)
class MapFrame:
    """A projected extent drawn in a box of the page.

    Attributes
    ----------
    box : Box
        Where the map is drawn on the page (pixels).
    scale : float
        Pixels per projected metre.
    x0, y0 : float
        Projected coordinates of the box's top-left corner.
    """

    box: Box
    scale: float
    x0: float
    y0: float

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], box: Box,
            padding: float = 0.0) -> MapFrame:
        """Fit projected ``bounds`` (min x, min y, max x, max y) in ``box``, centred.

        ``padding`` pixels are kept free on every side of the extent.
        """
        min_x, min_y, max_x, max_y = bounds
        width, height = max(max_x - min_x, 1.0), max(max_y - min_y, 1.0)
        scale = min((box.width - 2 * padding) / width, (box.height - 2 * padding) / height)
        centre_x, centre_y = (min_x + max_x) / 2, (min_y + max_y) / 2
        return cls(box, scale, centre_x - box.width / 2 / scale,
                   centre_y + box.height / 2 / scale)

    def to_page(self, geometries: np.ndarray) -> np.ndarray:
        """Projected geometries → page pixels (y downwards)."""
        def affine(xy: np.ndarray) -> np.ndarray:
            return np.column_stack([self.box.left + (xy[:, 0] - self.x0) * self.scale,
                                    self.box.top + (self.y0 - xy[:, 1]) * self.scale])

        return shapely.transform(np.asarray(geometries, dtype=object), affine)

    def point(self, x: float, y: float) -> tuple[float, float]:
        """One projected point → page pixels."""
        return (self.box.left + (x - self.x0) * self.scale,
                self.box.top + (self.y0 - y) * self.scale)

    def lonlat(self, lon: float, lat: float) -> tuple[float, float]:
        """One point in longitude/latitude → page pixels."""
        return self.point(*project_point(lon, lat))

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """Projected extent the box shows (min x, min y, max x, max y)."""
        return (self.x0, self.y0 - self.box.height / self.scale,
                self.x0 + self.box.width / self.scale, self.y0)

    @property
    def centre_lonlat(self) -> tuple[float, float]:
        """Longitude and latitude of the centre of the box."""
        min_x, min_y, max_x, max_y = self.extent
        return unproject_point((min_x + max_x) / 2, (min_y + max_y) / 2)

    def pixels_per_km(self, lon: float | None = None, lat: float | None = None) -> float:
        """Page pixels for one kilometre on the ground, at a point (the centre by default).

        Measured along a true 1 km east–west geodesic: the projection's scale factor at
        that latitude is included (Lambert-93 shrinks distances by up to 0.1 %).
        """
        if lon is None or lat is None:
            lon, lat = self.centre_lonlat
        east_lon, east_lat, _ = _geod().fwd(lon, lat, 90.0, _PROBE_M)
        x0, y0 = project_point(lon, lat)
        x1, y1 = project_point(east_lon, east_lat)
        return math.hypot(x1 - x0, y1 - y0) * self.scale * 1000.0 / _PROBE_M

    def north_angle(self) -> float:
        """Angle (degrees, clockwise from the page's up) of true north at the centre."""
        lon, lat = self.centre_lonlat
        north_lon, north_lat, _ = _geod().fwd(lon, lat, 0.0, _PROBE_M)
        x0, y0 = project_point(lon, lat)
        x1, y1 = project_point(north_lon, north_lat)
        return math.degrees(math.atan2(x1 - x0, y1 - y0))
