"""Serving the app: the Dash factory, the routes of the GeoJSON files, the warm-up."""
