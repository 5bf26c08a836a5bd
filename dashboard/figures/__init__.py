"""Figures of the dashboard as plain plotly.js dicts, built by pure functions (no Dash).

- :mod:`~dashboard.figures.geojson`: geometry → GeoJSON, outline and label coordinates;
- :mod:`~dashboard.figures.map`: the main map and its recolour patch;
- :mod:`~dashboard.figures.legend`: the legend as data, and drawn for static exports;
- :mod:`~dashboard.figures.thumbnail`: the territory thumbnail of the fiche.
"""
