"""The Cartocoord web app, one folder per part, the shared vocabulary at its root.

Parts, bottom to top: ``figures/`` (plotly.js dicts), ``views/`` (pure page logic) and
``editing/`` (accounts, uploads, zoning edits), ``export/``, ``layouts/``, ``callbacks/``,
``server/``. The root modules (ids, strings, constants, formatting, palettes,
classification, config) are what every part may import; they import no part.
"""
