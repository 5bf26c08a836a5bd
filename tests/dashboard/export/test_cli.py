"""The command line: files written, one French line per error, exit statuses, no traceback."""

from __future__ import annotations

import io
import subprocess
import sys

import pypdf
import pytest

from dashboard.export import static
from dashboard.export.__main__ import main
from dashboard.export.constants import PROJECT_DIR


def test_map_pdf(renderer, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(static, "get_renderer", lambda: renderer)
    out = tmp_path / "carte.pdf"
    status = main(["map", "--departement", "93", "--zonings", "dac,cpts", "--indicator",
                   "TP6021", "--format", "pdf", "--title", "Carte de test", "--out", str(out)])
    assert status == 0
    assert "Écrit" in capsys.readouterr().out
    text = pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert text.startswith("Carte de test")


def test_logo_is_embedded(tmp_path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40">'
                    '<rect width="100" height="40" fill="#000091"/>'
                    '<script>alert(1)</script></svg>')
    out = tmp_path / "carte.svg"
    assert main(["map", "--departement", "93", "--format", "svg", "--logo", str(logo),
                 "--out", str(out)]) == 0
    svg = out.read_text()
    assert svg.count("<image") == 1 and "data:image/svg+xml;base64," in svg


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


def run(arguments: list[str]) -> int:
    """Run the command line as the shell would: its status, whether returned or exited."""
    try:
        return main(arguments)
    except SystemExit as exit_:
        return exit_.code


@pytest.mark.parametrize(("arguments", "message"), [
    (["--departement", "99"], "Valeur « 99 » invalide pour --departement"),
    (["--zonings", "ars"], "invalide pour --zonings"),
    (["--indicator", "XYZ"], "invalide pour --indicator"),
    (["--method", "manuel", "--breaks", "10;abc"], "Le seuil « abc » n'est pas un nombre."),
    (["--method", "manuel"], "Indiquez au moins un seuil."),
    (["--format", "pdf", "--logo", "logo.gif"], "ce n'est pas une image PNG, JPEG ou SVG"),
    (["--format", "pdf", "--logo", "absent.png"], "introuvable"),
    (["--paper", "a5"], "Valeur « a5 » invalide pour --paper : choisissez parmi a4, a3, "
                        "diapo, web."),
    (["--classes", "cinq"], "Valeur « cinq » invalide pour --classes : un nombre entier"),
    (["--format", "png", "--paper", "diapo", "--resolution", "300"],
     "Valeur « 300 » invalide pour résolution"),
    (["--couleurs", "rouge"], "Option inconnue : --couleurs rouge."),
])
def test_bad_values_fail_in_one_french_line(tmp_path, capsys, arguments, message) -> None:
    out = tmp_path / "carte.html"
    assert run(["map", "--format", "html", *arguments, "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("Export impossible : ")
    assert message in error
    assert error.count("\n") == 1  # one line, no traceback
    assert not out.exists()


def test_missing_output_option_is_one_french_line(capsys) -> None:
    assert run(["map", "--departement", "93"]) == 1
    assert capsys.readouterr().err == "Export impossible : Option obligatoire manquante : --out.\n"


def test_unwritable_output_is_one_french_line(tmp_path, capsys) -> None:
    out = tmp_path / "absent" / "carte.html"
    assert main(["map", "--format", "html", "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.startswith("Export impossible : le fichier « ") and error.count("\n") == 1


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_success_prints_one_line_and_no_traceback(chromium, tmp_path, fmt) -> None:
    out = tmp_path / f"carte.{fmt}"
    result = subprocess.run(
        [sys.executable, "-m", "dashboard.export", "map", "--departement", "93", "--labels",
         "--format", fmt, "--out", str(out)],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.startswith("Écrit : ") and result.stdout.count("\n") == 1
    assert out.stat().st_size > 10_000


def test_list_of_places_on_the_map(tmp_path, capsys) -> None:
    places = tmp_path / "lieux.csv"
    places.write_text("Nom;Catégorie;Latitude;Longitude\nPASS;PASS;48,9411;2,3566\n"
                      "Loin;CCAS;43,3;5,4\n", encoding="utf-8")
    out = tmp_path / "carte.svg"
    assert main(["map", "--departement", "93", "--format", "svg", "--lieux", str(places),
                 "--out", str(out)]) == 0
    svg = out.read_text()
    assert svg.count('<g class="places"') == 1 and "fichier « lieux.csv »" in svg
    refused = tmp_path / "lieux.pdf.csv"
    refused.write_bytes(b"%PDF-1.7")
    assert main(["map", "--format", "svg", "--lieux", str(refused), "--out", str(out)]) == 1
    assert "document PDF" in capsys.readouterr().err
