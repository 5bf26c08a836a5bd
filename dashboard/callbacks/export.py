"""Download links of the exports, following the view and the export options."""

from __future__ import annotations

from dash import Input, Output, callback, html

from dashboard import ids, strings
from dashboard.callbacks.common import current_view
from dashboard.export import export_url


@callback(Output(ids.EXPORT_LINKS, "children"), Input(ids.STATE, "data"),
          Input(ids.EXPORT_TITLE, "value"), Input(ids.EXPORT_SUBTITLE, "value"),
          Input(ids.EXPORT_PAPER, "value"), Input(ids.EXPORT_DPI, "value"))
def export_links(store: dict, title: str | None, subtitle: str | None, paper: str,
                 dpi: str) -> list:
    """Plain links: the server builds each file when it is clicked."""
    _, state = current_view(store)
    size, _, orientation = (paper or "a4-paysage").partition("-")
    options = {"papier": size, "orientation": orientation, "dpi": dpi or "150"}
    options |= {key: value.strip() for key, value in (("titre", title),
                                                       ("sous-titre", subtitle)) if value}
    return [html.Li(html.A(label, href=export_url(state, name, options)))
            for name, label in strings.EXPORT_LINKS.items()]
