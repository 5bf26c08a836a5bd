"""The Content-Security-Policy the app satisfies, and HSTS behind HTTPS: in one place.

What the pages need (measured in Chromium under this policy, every page and view, 0
violations; the README's security section says the same for users):

* ``script-src 'self'`` plus the hashes of Dash's inline scripts (the renderer start and
  inline clientside callbacks), from :meth:`dash.Dash.csp_hashes` once every callback is
  registered. No ``'unsafe-eval'``: plotly.js, the renderer and dash-ag-grid's string
  functions run without ``eval``. A script served from ``/assets`` or a component
  bundle (a partial plotly bundle, a lazily loaded grid) is ``'self'``: nothing to add.
* ``style-src 'self' 'unsafe-inline'``: dcc, dash-renderer, react-dom, plotly and AG Grid
  inject ``<style>`` elements at run time; nonces cannot reach them (the layout comes
  from a separate JSON request).
* ``img-src data: blob:``: dcc's and the legend's SVG data URIs, plotly's PNG download.
* ``connect-src 'self'``: callbacks, GeoJSON, topojson, the export downloads.

Adjust :data:`CSP_DIRECTIVES` and nothing else when a bundle changes.

``Strict-Transport-Security`` is sent when cookies are HTTPS-only
(``CARTOCOORD_SECURE_COOKIES=1``), for ``CARTOCOORD_HSTS_SECONDS`` (default one year).
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import flask
from dash import Dash

#: Directive → sources; ``{inline_script_hashes}`` is replaced by Dash's hashes.
CSP_DIRECTIVES: Mapping[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'", "{inline_script_hashes}"),
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:", "blob:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'self'",),
}
DEFAULT_HSTS_SECONDS = 365 * 24 * 3600


def content_security_policy(hashes: list[str] | tuple[str, ...]) -> str:
    """Write the policy header with the given inline-script hashes.

    Examples
    --------
    >>> content_security_policy(["'sha256-abc'"]).split("; ")[1]
    "script-src 'self' 'sha256-abc'"
    """
    parts = []
    for directive, sources in CSP_DIRECTIVES.items():
        values = [" ".join(hashes) if source == "{inline_script_hashes}" else source
                  for source in sources]
        parts.append(" ".join([directive, *(value for value in values if value)]))
    return "; ".join(parts)


def hsts_seconds(environ: Mapping[str, str] | None = None) -> int | None:
    """Return HSTS's max-age when cookies are HTTPS-only, else None (plain HTTP)."""
    env = os.environ if environ is None else environ
    if env.get("CARTOCOORD_SECURE_COOKIES", "").strip().lower() not in {"1", "true", "yes",
                                                                         "on"}:
        return None
    raw = env.get("CARTOCOORD_HSTS_SECONDS", "").strip()
    if raw and not raw.isdigit():
        raise ValueError(f"CARTOCOORD_HSTS_SECONDS must be a number of seconds, got {raw!r}")
    return int(raw) if raw else DEFAULT_HSTS_SECONDS


def install_security_headers(app: Dash) -> str:
    """Send the policy (and HSTS over HTTPS) with every response; return the policy.

    Call it last in the app's construction: the hashes cover the inline scripts of the
    callbacks registered so far.
    """
    policy = content_security_policy(app.csp_hashes())
    max_age = hsts_seconds()

    def add_headers(response: flask.Response) -> flask.Response:
        response.headers.setdefault("Content-Security-Policy", policy)
        if max_age is not None:
            response.headers.setdefault("Strict-Transport-Security",
                                        f"max-age={max_age}; includeSubDomains")
        return response

    app.server.after_request(add_headers)
    return policy
