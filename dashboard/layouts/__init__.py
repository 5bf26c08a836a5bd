"""Functions returning the component trees of the pages."""
