"""Cells that a spreadsheet shows as text, never runs: CSV formula neutralisation.

A name imported from an agency file (``=HYPERLINK("http://…","x")``, ``=cmd|' /C calc'!A0``)
would be run by Excel or LibreOffice when a user opens an exported CSV. As OWASP advises
("CSV Injection"), a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading apostrophe, which spreadsheets show as text and do not
display. Numbers stay numbers: a cell that is a plain (French or English) number such as
``-3,5`` is left alone, so that negative values keep their sign and their type.

Every CSV the app writes goes through :func:`neutralise`: the server's exports with
:func:`csv_bytes`, the tables the browser writes itself (AG Grid's ``exportDataAsCsv``)
with :data:`GRID_CSV_EXPORT`, whose ``neutraliseCell`` (``assets/dashAgGridFunctions.js``)
applies the same rule; ``tests/dashboard/test_spreadsheet.py`` runs both on the same cells.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

#: First characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: A cell that is only a number (decimal comma or point), kept numeric.
PLAIN_NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?")
#: Separator and encoding of CSV files for Excel in French.
CSV_SEPARATOR = ";"
#: Excel reads UTF-8 only with a byte order mark.
CSV_ENCODING = "utf-8-sig"
#: ``csvExportParams`` of every grid: French separator, cells and headers neutralised
#: in the browser by the same rule (functions of ``assets/dashAgGridFunctions.js``).
GRID_CSV_EXPORT = {
    "columnSeparator": CSV_SEPARATOR,
    "processCellCallback": {"function": "neutraliseCell(params)"},
    "processHeaderCallback": {"function": "neutraliseHeader(params)"},
}


def neutralise(value: object) -> object:
    """Return ``value`` so that a spreadsheet shows it and never evaluates it.

    Examples
    --------
    >>> neutralise("=1+1")
    "'=1+1"
    >>> neutralise("-3,5"), neutralise(-3.5), neutralise("CPTS Nord")
    ('-3,5', -3.5, 'CPTS Nord')
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS):
        return value
    if PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def csv_bytes(header: Sequence[object], rows: Iterable[Sequence[object]]) -> bytes:
    """Write a CSV for French Excel (``;``, BOM, CRLF), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_SEPARATOR, lineterminator="\r\n")
    writer.writerow([neutralise(cell) for cell in header])
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode(CSV_ENCODING)
