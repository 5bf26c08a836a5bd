"""Text inside plotly figures, escaped exactly once.

plotly.js draws hover labels, map labels and every text of a static export (PNG, SVG,
PDF) through its own small markup (``<b>``, ``<br>``): ``<`` and ``&`` of a name must be
escaped, but it decodes only ``&amp;``, ``&lt;``, ``&gt;``, a few named entities and
numeric ones. ``&quot;`` is not among them: :func:`html.escape`'s default
``quote=True`` showed « CPTS &quot;Nord&quot; » on the map and in PDFs.
"""

from __future__ import annotations

import html


def plotly_text(text: object) -> str:
    """Escape ``text`` for plotly's markup: ``&``, ``<`` and ``>`` only.

    The result is valid HTML text too (the interactive export shows the same lines).

    Examples
    --------
    >>> plotly_text("CPTS « L'Étoile » <b>&amp;</b>")
    "CPTS « L'Étoile » &lt;b&gt;&amp;amp;&lt;/b&gt;"
    """
    return html.escape(str(text), quote=False)
