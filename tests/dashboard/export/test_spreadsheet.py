"""Formula neutralisation: one rule for the server's CSV files and the grids' downloads."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pandas as pd
import pytest

from dashboard.export.spreadsheet import csv_bytes, neutralise
from dashboard.server.app_factory import ASSETS_DIR
from tests.hostile import FORMULAS

#: Cells with what each must become.
CASES = [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ('=HYPERLINK("http://x","x")', '\'=HYPERLINK("http://x","x")'),
    ("+33 1 23 45 67 89", "'+33 1 23 45 67 89"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"),
    ("\rx", "'\rx"),
    ("-3,5", "-3,5"),
    ("-12", "-12"),
    ("+4.25", "+4.25"),
    ("CPTS Nord", "CPTS Nord"),
    ("", ""),
    ("a=b", "a=b"),
]


class TestNeutralise:
    @pytest.mark.parametrize(("cell", "expected"), CASES)
    def test_text_cells(self, cell, expected) -> None:
        assert neutralise(cell) == expected

    @pytest.mark.parametrize("number", [-3.5, -1, 0, 2.0, None])
    def test_numbers_stay_numbers(self, number) -> None:
        assert neutralise(number) == number

    def test_csv_reads_back_as_text_and_numbers(self) -> None:
        body = csv_bytes(["nom", "valeur"], [[formula, "-3,5"] for formula in FORMULAS])
        frame = pd.read_csv(io.BytesIO(body), sep=";", decimal=",", encoding="utf-8-sig")
        assert all(cell.startswith("'") for cell in frame["nom"])
        assert (frame["valeur"] == -3.5).all()


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is needed to run the grid's JS")
def test_the_grids_apply_the_same_rule() -> None:
    """``neutraliseCell`` of assets/dashAgGridFunctions.js, run by Node on the same cells."""
    script = (
        "global.window = {Intl: Intl};"
        f"eval(require('fs').readFileSync({json.dumps(str(ASSETS_DIR / 'dashAgGridFunctions.js'))},"
        " 'utf8'));"
        "const f = window.dashAgGridFunctions;"
        f"const cells = {json.dumps([cell for cell, _ in CASES])};"
        "console.log(JSON.stringify(cells.map(v => f.neutraliseCell({value: v, "
        "formatValue: x => x}))));"
        "console.log(JSON.stringify([f.neutraliseCell({value: -3.5}), "
        "f.neutraliseHeader({column: {getColDef: () => ({headerName: '=1'}),"
        " getColId: () => 'x'}})]));"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    cells, extra = (json.loads(line) for line in out.stdout.splitlines())
    assert cells == [expected for _, expected in CASES]
    assert extra == [-3.5, "'=1"]
