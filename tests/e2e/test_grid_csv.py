"""The grids' CSV downloads neutralise formulas in the browser (issue 16, point 2).

The panorama grid writes its CSV itself (what the user sees, filtered): a structure
named like a formula must come out as text, a negative number as a number.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from dashboard import ids


def _downloaded(folder: Path, name: str, timeout: float = 20) -> str:
    path = folder / name
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and not list(folder.glob("*.crdownload")):
            return path.read_text(encoding="utf-8-sig")
        time.sleep(0.2)
    raise AssertionError(f"{name} was not downloaded")


def test_panorama_csv_neutralises_formulas(shared_duo) -> None:
    duo = shared_duo
    duo.driver.get(duo.server_url + "/panorama")
    row = f'#{ids.PANORAMA_GRID} .ag-center-cols-container .ag-row'
    duo.wait_for_element(row)
    hostile = {"id": "cpts:pirate", "zoning": "cpts", "type": "CPTS",
               "nom": '=HYPERLINK("http://example.org/x","x")', "statut": "@SUM(A1)",
               "departements": "+cmd|calc", "communes": -3, "population": 1}
    duo.driver.execute_script(
        "dash_ag_grid.getApi(arguments[0]).applyTransaction({add: [arguments[1]]});",
        ids.PANORAMA_GRID, hostile)
    duo.find_element(f"#{ids.PANORAMA_EXPORT}").click()
    text = _downloaded(Path(duo.download_path), "cartocoord-structures.csv")
    line = next(line for line in text.splitlines() if "HYPERLINK" in line)
    assert '"\'=HYPERLINK(""http://example.org/x"",""x"")"' in line or \
        "'=HYPERLINK(" in line, line
    assert "'@SUM(A1)" in line and "'+cmd|calc" in line
    assert '"-3"' in line  # a number stays a number
    cells = [cell.strip('"') for cell in line.split(";")]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells), json.dumps(line)
