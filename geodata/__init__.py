"""The geographic data layer: base geometries, indicators, zonings, their build and checks."""
