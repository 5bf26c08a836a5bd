"""One way in for a file: the CLI and the Données page give the same verdict (issue 16, 11)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dashboard.editing import uploads
from geodata import base, intake
from geodata.zonings import formats
from tests.dashboard.editing.data_page_support import data_url, zip_bytes

PROJECT = Path(__file__).resolve().parents[2]
CPTS = (b"id_territoire;territoire;code_insee\n"
        b"c1;CPTS Nord;93001\nc1;CPTS Nord;93005\nc2;CPTS Sud;93008\n")


def workbook() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    for row in CPTS.decode().splitlines():
        book.active.append(row.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def geojson_zip(padding: int = 0) -> bytes:
    layer = {"type": "FeatureCollection", "features": [], "pad": "x" * padding}
    return zip_bytes({"cpts.geojson": json.dumps(layer).encode()})


#: name, content, error code expected (None: usable), a word of the message.
CASES = [
    ("csv_named_xlsx", "cpts.xlsx", CPTS, None, "lu comme tel"),
    ("xlsx_named_csv", "cpts.csv", workbook(), None, "lu comme tel"),
    ("pdf", "cpts.pdf", b"%PDF-1.7\n" + b"x" * 200, "bad_extension", "« .pdf »"),
    ("pdf_named_csv", "cpts.csv", b"%PDF-1.7\n" + b"x" * 200, "forbidden", "document PDF"),
    ("traversal_zip", "cpts.zip", zip_bytes({"../../etc/cpts.geojson": b"{}"}), "traversal",
     "chemin dangereux"),
    ("long_unquoted_field", "cpts.csv", b"id;nom;code\n" + b"a" * 200_000 + b";x;93001\n",
     "csv_cell_too_long", "dépasse"),
]


@pytest.fixture(scope="module")
def geography():
    return base.load_units("11"), base.load_code_aliases("11")


def codes(report) -> list[str]:
    return [issue.code for issue in report.errors]


class TestSameVerdict:
    @pytest.mark.parametrize(("case", "name", "data", "code", "word"), CASES,
                             ids=[case[0] for case in CASES])
    def test_cli_and_web(self, tmp_path, geography, case, name, data, code, word):
        path = tmp_path / name
        path.write_bytes(data)
        cli_zoning, cli = intake.validate_path(path, "cpts", *geography)
        _, web_zoning, web = uploads.receive(data_url(data), name, "cpts", *geography)
        assert codes(cli) == codes(web)
        assert [i.message for i in cli.issues] == [i.message for i in web.issues]
        if code is None:
            assert cli_zoning is not None and web_zoning is not None, cli.to_text()
            assert "extension_mismatch" in [issue.code for issue in cli.warnings]
        else:
            assert codes(cli)[0] == code, cli.to_text()
        assert word in cli.to_text()
        assert "jamais refermé" not in cli.to_text()

    def test_one_unpack_limit(self):
        assert intake.UploadLimits.from_env({}).max_unpacked_bytes == \
            formats.MAX_UNCOMPRESSED_BYTES == 200 * 1024**2

    def test_unpacked_size_reported_as_such(self, tmp_path, geography, monkeypatch):
        """A large unpacked archive is not « Le fichier pèse … »."""
        monkeypatch.setenv("CARTOCOORD_MAX_UNPACKED_MB", "0.05")
        path = tmp_path / "cpts.zip"
        path.write_bytes(geojson_zip(padding=80_000))
        _, report = intake.validate_path(path, "cpts", *geography)
        assert codes(report) == ["bomb_size"]
        assert "se décompresse en" in report.to_text() and "pèse" not in report.to_text()

    def test_archive_checked_by_unpacked_size_not_file_size(self, tmp_path, monkeypatch):
        monkeypatch.setattr(formats, "MAX_FILE_BYTES", 100)
        path = tmp_path / "cpts.zip"
        path.write_bytes(geojson_zip(padding=5_000))
        assert formats.detect_format(path).kind is formats.Kind.GEO


def test_cli_traversal_zip_in_french(tmp_path):
    path = tmp_path / "cpts.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../evil.geojson", "{}")
    result = subprocess.run([sys.executable, "-m", "geodata", "validate", str(path),
                             "--zoning", "cpts"], cwd=PROJECT, capture_output=True, text=True,
                            check=False)
    assert result.returncode == 1
    assert "chemin dangereux" in result.stdout
    assert "Traceback" not in result.stderr and "GDAL" not in result.stdout + result.stderr
