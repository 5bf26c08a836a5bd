"""The command line: files written, French errors, exit statuses."""

from __future__ import annotations

import io

import pypdf
import pytest

from dashboard.export import static
from dashboard.export.__main__ import main


def test_map_pdf(renderer, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(static, "get_renderer", lambda: renderer)
    out = tmp_path / "carte.pdf"
    status = main(["map", "--departement", "93", "--zonings", "dac,cpts", "--indicator",
                   "TP6021", "--format", "pdf", "--title", "Carte de test", "--out", str(out)])
    assert status == 0
    assert "Écrit" in capsys.readouterr().out
    text = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert text.startswith("Carte de test")


def test_logo_is_embedded(renderer, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(static, "get_renderer", lambda: renderer)
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40">'
                    '<rect width="100" height="40" fill="#000091"/></svg>')
    out = tmp_path / "carte.svg"
    assert main(["map", "--departement", "93", "--format", "svg", "--logo", str(logo),
                 "--out", str(out)]) == 0
    assert "<image" in out.read_text()


@pytest.mark.parametrize(("command", "fmt", "start"), [
    ("communes", "csv", b"\xef\xbb\xbfCode commune;"),
    ("territoires", "csv", b"\xef\xbb\xbfType;"),
    ("territoires", "geojson", b'{"type":"FeatureCollection"'),
])
def test_data_files(tmp_path, command, fmt, start) -> None:
    out = tmp_path / f"export.{fmt}"
    assert main([command, "--departement", "92,93", "--zonings", "cpts", "--format", fmt,
                 "--out", str(out)]) == 0
    assert out.read_bytes().startswith(start)


def test_interactive_map_needs_no_chromium(tmp_path) -> None:
    out = tmp_path / "carte.html"
    assert main(["carte", "--departement", "93", "--format", "html", "--out", str(out)]) == 0
    assert "L.map(" in out.read_text()


@pytest.mark.parametrize(("arguments", "message"), [
    (["--departement", "99"], "Valeur « 99 » invalide pour --departement"),
    (["--zonings", "ars"], "invalide pour --zonings"),
    (["--indicator", "XYZ"], "invalide pour --indicator"),
    (["--method", "manuel", "--breaks", "10;abc"], "Le seuil « abc » n'est pas un nombre."),
    (["--method", "manuel"], "Indiquez au moins un seuil."),
    (["--format", "pdf", "--logo", "logo.gif"], "formats acceptés"),
])
def test_bad_values_fail_in_french(tmp_path, capsys, arguments, message) -> None:
    out = tmp_path / "carte.html"
    assert main(["map", "--format", "html", *arguments, "--out", str(out)]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()
