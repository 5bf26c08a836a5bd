"""Pure SVG drawing of printed maps: fonts, text, projection, layers, names, furniture.

Nothing here knows the app's data: :mod:`dashboard.export.content` turns a view into
layers, :mod:`dashboard.export.page` composes the page with these tools.
"""
