"""Figures of the dashboard as plain plotly.js dicts, built by pure functions (no Dash).

- :mod:`~dashboard.figures.geojson`: geometry → GeoJSON, outline and label coordinates;
- :mod:`~dashboard.figures.map`: the main map, its traces and how the browser's toggles;
- :mod:`~dashboard.figures.zoom`: the zonings' names placed again after a zoom;
- :mod:`~dashboard.figures.patches`: a figure sent as the properties that changed;
- :mod:`~dashboard.figures.legend`: the legend as data, and drawn for static exports;
- :mod:`~dashboard.figures.thumbnail`: the territory thumbnail of the fiche;
- :mod:`~dashboard.figures.blank`: what a graph draws before its figure arrives.
"""
