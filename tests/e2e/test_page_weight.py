"""The JavaScript each page loads on a first visit stays within its budget.

What a page downloads before it shows anything is mostly scripts: the full plotly.js
(1.4 MB compressed) or dash-ag-grid (0.5 MB) coming back into a page that does not show
them would double it. Measured as a user's browser gets them: empty cache, every script
the page loads (its ``<script>`` tags and those loaded on the way: plotly.js when a map
mounts, the grid's bundle on the panorama, the only page whose grid shows first; the
others load it when a table is asked for), compressed bytes of the bodies.

The budgets hold with flask-compress's zstd level 3 (a server's first visitors, this
test's server); the copies compressed once at level 19 weigh 10 to 15 % less
(``python scripts/bench.py --browser`` reports the whole first visit).
"""

from __future__ import annotations

import time

import pytest

#: Budget of each page's scripts, in kB (1000 bytes), about 5 % above their weight.
SCRIPT_BUDGET_KB = {
    "/": 765,  # Dash, React, dcc, Bootstrap components, plotly.js geo (0.40 MB)
    "/?reunion=1": 765,
    "/panorama": 870,  # Dash… and dash-ag-grid (0.5 MB), no plotly.js
    "/heterogeneite": 335,  # the matrix; its table's grid when asked for
    "/heterogeneite?a=cpts&b=dac": 765,  # the pair's maps; grids when asked for
    "/zones-blanches": 765,  # a map; grids when asked for
    "/harmonisation": 765,
    "/donnees": 335,  # neither maps nor grids until an editor asks for a preview
    "/accessibilite": 335,
}
SCRIPTS_WEIGHT = """
    return performance.getEntriesByType('resource')
        .filter((entry) => /\\.js(\\?|$)/.test(entry.name))
        .reduce((sum, entry) => sum + entry.encodedBodySize, 0);
"""


def _first_visit(duo, path: str) -> int:
    """Bytes of the scripts of ``path``, cache empty, once the network is quiet."""
    driver = duo.driver
    driver.get("about:blank")
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get(duo.server_url + path)
    count, stable_since = -1, time.time()
    deadline = time.time() + 60
    while time.time() < deadline:
        now = driver.execute_script("return performance.getEntriesByType('resource').length;")
        if now != count:
            count, stable_since = now, time.time()
        elif time.time() - stable_since > 2:
            break
        time.sleep(0.2)
    return driver.execute_script(SCRIPTS_WEIGHT)


@pytest.mark.parametrize("path", list(SCRIPT_BUDGET_KB))
def test_scripts_of_a_first_visit_within_budget(shared_duo, path) -> None:
    weight = _first_visit(shared_duo, path)
    assert weight > 200_000  # the page did load its scripts (Dash, React…)
    assert weight <= SCRIPT_BUDGET_KB[path] * 1000, f"{path}: {weight / 1000:.0f} kB"
