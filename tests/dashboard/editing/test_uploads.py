"""Hostile and broken files: refused (or repaired) with a French message, the store unchanged.

Every file is made here, in memory; none is committed. Each case goes through what the
page does: ``uploads.receive`` (decode, check, stage, validate) for the report, then the
confirmation callback, after which the store must be exactly as before (refusals) or
hold the repaired zoning (repairs).
"""

from __future__ import annotations

import io
import json
import os
import stat
import struct
import subprocess
import tempfile
import time
import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from dashboard.callbacks.data_page import confirm_import
from dashboard.editing import uploads
from dashboard.server.app_factory import create_app
from geodata import base, catalog, intake

from .data_page_support import (
    data_url,
    editor_request,
    make_app,
    use_temporary_store,
    zip_bytes,
)

HEADER = "id_territoire;territoire;code_insee\n"
CPTS_OK = HEADER + "c1;CPTS Nord;93001\nc1;CPTS Nord;93005\nc2;CPTS Sud;93008\n"


def csv(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def units():
    return base.load_units("11")


def aliases():
    return base.load_code_aliases("11")


def geojson(features: list[dict], crs: str | None = None) -> bytes:
    collection = {"type": "FeatureCollection", "features": features}
    if crs:
        collection["crs"] = {"type": "name", "properties": {"name": crs}}
    return json.dumps(collection).encode()


def feature(name: str, geometry) -> dict:
    return {"type": "Feature", "properties": {"nom": name},
            "geometry": shapely.geometry.mapping(geometry)}


def commune_shape(code: str):
    frame = units()
    return frame.loc[frame["code"] == code, "geometry"].iloc[0]


def shapefile_zip(keep_prj: bool, drop: tuple[str, ...] = ()) -> bytes:
    """A zipped Shapefile of two CPTS in Lambert-93, optionally without its .prj."""
    frame = units()
    shapes = frame[frame["code"].isin(["93001", "93005"])].copy()
    shapes["nom"] = ["CPTS A", "CPTS B"]
    shapes = gpd.GeoDataFrame(shapes[["nom"]], geometry=shapes.geometry, crs=frame.crs)
    with tempfile.TemporaryDirectory() as folder:
        shapes.to_crs("EPSG:2154").to_file(Path(folder) / "cpts.shp")
        entries = {}
        for path in sorted(Path(folder).iterdir()):
            if path.suffix == ".prj" and not keep_prj or path.suffix in drop:
                continue
            entries[path.name] = path.read_bytes()
    return zip_bytes(entries)


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in CPTS_OK.strip().split("\n"):
        sheet.append(row.split(";"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bomb(size_mb: int = 60) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("cpts.geojson", "w") as entry:
            for _ in range(size_mb):
                entry.write(b" " * 1024**2)
    return buffer.getvalue()


def lying_zip() -> bytes:
    """A zip whose directory announces 10 bytes for a 3 MB entry (a forged bomb)."""
    data = bytearray(zip_bytes({"cpts.geojson": geojson([]) + b" " * 3_000_000,
                                "cpts.prj": b"x"}))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = data.find(signature)
        data[start + offset:start + offset + 4] = struct.pack("<I", 10)
    return bytes(data)


def symlink_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("cpts.shp")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    return buffer.getvalue()


def encrypted_zip() -> bytes:
    data = bytearray(zip_bytes({"cpts.geojson": b"{}"}, zipfile.ZIP_STORED))
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)
        data[start + offset] |= 0x1
    return bytes(data)


def sqlite_not_gpkg() -> bytes:
    import sqlite3

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.db"
        with sqlite3.connect(path) as connection:
            connection.execute("CREATE TABLE t (a)")
        return path.read_bytes()


#: (case, file name, content builder, zoning type, issue code expected, text expected).
REFUSED = [
    ("wrong_separator", "cpts.csv",
     lambda: csv(CPTS_OK.replace(";", "#")), "cpts", "no_header", "Aucune colonne"),
    ("utf16_without_bom", "cpts.csv",
     lambda: CPTS_OK.encode("utf-16-le"), "cpts", "binary", "pas de texte lisible"),
    ("missing_columns", "cpts.csv",
     lambda: csv("territoire\nCPTS Nord\n"), "cpts", "no_header", "code commune"),
    ("unknown_code", "cpts.csv",
     lambda: csv(HEADER + "c1;CPTS Nord;93001\nc1;CPTS Nord;99999\n"), "cpts",
     "unknown_code", "ligne 3"),
    ("postal_code", "cpts.csv",
     lambda: csv(HEADER + "c1;CPTS Nord;93000\n"), "cpts", "postal_code", "code postal"),
    ("merged_cells", "cpts.csv",
     lambda: csv(HEADER + "c1;CPTS Nord;93001\n;;93005\n"), "cpts", "missing_name",
     "fusionnées"),
    ("dac_overlap", "dac.csv",
     lambda: csv(HEADER + "".join(f"d1;DAC 93;{code}\n" for code in _codes("93"))
                 + "d2;DAC bis;93001\n"), "dac", "overlap_forbidden", "plusieurs territoires"),
    ("dac_gap", "dac.csv",
     lambda: csv(HEADER + "d1;DAC 93;93001\n"), "dac", "gap", "Département 93"),
    ("header_only", "cpts.csv", lambda: csv(HEADER), "cpts", "no_data_rows", "aucune ligne"),
    ("empty", "cpts.csv", lambda: b"", "cpts", "empty", "vide"),
    ("lambert93_without_prj", "cpts.zip",
     lambda: shapefile_zip(keep_prj=False), "cpts", "missing_crs_lambert93", "Lambert-93"),
    ("shapefile_without_dbf", "cpts.zip",
     lambda: shapefile_zip(keep_prj=True, drop=(".dbf",)), "cpts", "shapefile_incomplete",
     ".dbf"),
    ("points_not_polygons", "cpts.geojson",
     lambda: geojson([feature("CPTS A", shapely.Point(2.4, 48.9))]), "cpts", "not_polygons",
     "polygones"),
    ("outside_region", "cpts.geojson",
     lambda: geojson([feature("CPTS A", shapely.box(10, 10, 11, 11))]), "cpts",
     "outside_region", "aucune commune"),
    ("zip_bomb_ratio", "cpts.zip", bomb, "cpts", "bomb_ratio", "bombe"),
    ("zip_bomb_forged_sizes", "cpts.zip", lying_zip, "cpts", "size_mismatch", "altérée"),
    ("path_traversal", "cpts.zip",
     lambda: zip_bytes({"../../etc/cron.d/x.shp": b"x", "a.dbf": b"x"}), "cpts", "traversal",
     "../../etc/cron.d/x.shp"),
    ("absolute_path", "cpts.zip",
     lambda: zip_bytes({"/tmp/evil.geojson": b"{}"}), "cpts", "traversal", "/tmp/evil"),
    ("symlink", "cpts.zip", symlink_zip, "cpts", "symlink", "lien symbolique"),
    ("encrypted_entry", "cpts.zip", encrypted_zip, "cpts", "encrypted", "mot de passe"),
    ("nested_archive", "cpts.zip",
     lambda: zip_bytes({"inner.zip": zip_bytes({"a.geojson": b"{}"})}), "cpts",
     "nested_archive", "inner.zip"),
    ("pdf_disguised_as_csv", "cpts.csv",
     lambda: b"%PDF-1.7\n" + b"x" * 100, "cpts", "forbidden", "document PDF"),
    ("exe_disguised_as_xlsx", "cpts.xlsx",
     lambda: b"MZ\x90\x00" + b"\x00" * 100, "cpts", "forbidden", "programme Windows"),
    ("legacy_xls", "cpts.xls", lambda: b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "cpts",
     "bad_extension", ".xls"),
    ("legacy_xls_renamed", "cpts.xlsx", lambda: b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "cpts",
     "forbidden", "Excel 97-2003"),
    ("html_page", "cpts.csv", lambda: b"<!DOCTYPE html><html><body><table>", "cpts", "html",
     "page HTML"),
    ("sqlite_not_geopackage", "cpts.gpkg", sqlite_not_gpkg, "cpts", "not_geopackage",
     "GeoPackage"),
    ("truncated_workbook", "cpts.xlsx", lambda: xlsx_bytes()[:300], "cpts",
     "corrupt_archive", "endommagée"),
    ("unknown_extension", "cpts.docx", lambda: csv(CPTS_OK), "cpts", "bad_extension",
     ".docx"),
    ("geojson_without_names", "cpts.geojson",
     lambda: geojson([{"type": "Feature", "properties": {"x": 1},
                       "geometry": shapely.geometry.mapping(commune_shape("93001"))}]),
     "cpts", "no_header", "nom du territoire"),
]

#: (case, file name, builder, type, issue code of the repair).
REPAIRED = [
    ("latin1_encoding", "cpts.csv",
     lambda: csv(HEADER + "c1;CPTS Côté Nord;93001\n", "latin-1"), "cpts", "encoding_used"),
    ("duplicate_row", "cpts.csv",
     lambda: csv(CPTS_OK + "c1;CPTS Nord;93001\n"), "cpts", "duplicate_row"),
    ("former_commune", "cpts.csv",
     lambda: csv(HEADER + "c1;CPTS Seine;77166\n"), "cpts", "former_commune"),
    ("self_intersecting_polygon", "cpts.geojson",
     lambda: geojson([feature("CPTS A", _bowtie("93001"))]), "cpts", "geometry_repaired"),
    ("shared_commune", "cpts.csv",
     lambda: csv(CPTS_OK + "c2;CPTS Sud;93001\n"), "cpts", "shared_commune"),
    ("paris_parent_code", "cpts.csv",
     lambda: csv(HEADER + "c1;CPTS Paris;75056\n"), "cpts", "parent_expanded"),
    # The content decides, as in `python -m geodata validate` (issue 16, point 11).
    ("xlsx_named_csv", "cpts.csv", xlsx_bytes, "cpts", "extension_mismatch"),
    ("csv_named_xlsx", "cpts.xlsx", lambda: csv(CPTS_OK), "cpts", "extension_mismatch"),
]


def _codes(departement: str) -> list[str]:
    frame = units()
    return sorted(frame.loc[frame["departement"] == departement, "code"])


def _bowtie(code: str):
    """The commune's bounding box drawn as a self-intersecting "bow tie"."""
    west, south, east, north = commune_shape(code).bounds
    return shapely.Polygon([(west, south), (east, north), (east, south), (west, north)])


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("uploads")
    use_temporary_store(folder)
    yield make_app(folder)
    catalog.use_store(None)


def _snapshot():
    store = catalog.zoning_store()
    return store.revision("11"), {key: zoning for key, zoning in store.current("11").items()}


def _confirm(app, name, data, zoning_type, pending=None):
    with editor_request(app):
        return confirm_import(1, data_url(data), name, zoning_type, "", "note", "", pending)


class TestRefused:
    @pytest.mark.parametrize(("case", "name", "build", "zoning_type", "code", "text"), REFUSED,
                             ids=[case[0] for case in REFUSED])
    def test_refused_with_a_french_message_and_the_store_unchanged(
            self, app, case, name, build, zoning_type, code, text):
        data = build()
        before = _snapshot()

        upload, zoning, report = uploads.receive(data_url(data), name, zoning_type, units(),
                                                 aliases())

        assert zoning is None and not report.ok
        assert code in [issue.code for issue in report.errors], report.to_text()
        described = "\n".join(issue.describe() for issue in report.errors)
        assert text in described
        assert name in described  # the file is named
        result, _ = _confirm(app, name, data, zoning_type,
                             {"sha256": upload.sha256 if upload else "", "type": zoning_type})
        assert "rien n'a été enregistré" in result.children
        assert _snapshot() == before

    def test_messages_name_the_line(self, app):
        _, _, report = uploads.receive(
            data_url(csv(HEADER + "c1;CPTS Nord;93001\nc1;CPTS Nord;99999\n")), "cpts.csv",
            "cpts", units(), aliases())
        assert report.errors[0].describe() .startswith("cpts.csv, ligne 3, colonne « code_insee »")

    def test_oversize_is_refused_before_decoding(self, app, monkeypatch):
        monkeypatch.setenv("CARTOCOORD_MAX_UPLOAD_MB", "0.001")
        before = _snapshot()
        _, zoning, report = uploads.receive(data_url(csv(CPTS_OK * 20)), "cpts.csv", "cpts",
                                            units(), aliases())
        assert zoning is None and report.errors[0].code == "too_large"
        assert "taille maximale" in report.errors[0].message
        assert _snapshot() == before

    def test_bad_base64_is_refused(self):
        _, zoning, report = uploads.receive("data:text/csv;base64,@@@@", "cpts.csv", "cpts",
                                            units(), aliases())
        assert zoning is None and report.errors[0].code == "corrupt_upload"

    def test_missing_file(self):
        _, zoning, report = uploads.receive(None, None, "cpts", units(), aliases())
        assert zoning is None and report.errors[0].message == "Aucun fichier reçu."

    def test_bad_crs_text_is_refused(self):
        _, zoning, report = uploads.receive(data_url(csv(CPTS_OK)), "cpts.csv", "cpts", units(),
                                            aliases(), crs_text="+proj=longlat +init=x")
        assert zoning is None and report.errors[0].code == "bad_crs"


class TestRepaired:
    @pytest.mark.parametrize(("case", "name", "build", "zoning_type", "code"), REPAIRED,
                             ids=[case[0] for case in REPAIRED])
    def test_repaired_with_a_message_then_stored(self, app, case, name, build, zoning_type,
                                                 code):
        data = build()
        upload, zoning, report = uploads.receive(data_url(data), name, zoning_type, units(),
                                                 aliases())

        assert zoning is not None, report.to_text()
        assert code in [issue.code for issue in report.issues], report.to_text()
        revision, _ = _snapshot()
        result, cleared = _confirm(app, name, data, zoning_type,
                                   {"sha256": upload.sha256, "type": zoning_type})
        assert "enregistrée" in result.children and cleared is None
        stored = catalog.zoning_store().current("11")[zoning_type]
        assert stored.members == zoning.members and not stored.illustrative
        assert _snapshot()[0] > revision

    def test_lambert93_without_prj_is_read_when_the_crs_is_given(self, app):
        _, zoning, report = uploads.receive(data_url(shapefile_zip(keep_prj=False)), "cpts.zip",
                                            "cpts", units(), aliases(), crs_text="2154")
        assert zoning is not None, report.to_text()
        assert {code for _, code in zoning.members} >= {"93001", "93005"}

    def test_zipped_shapefile_with_prj(self, app):
        _, zoning, report = uploads.receive(data_url(shapefile_zip(keep_prj=True)), "cpts.zip",
                                            "cpts", units(), aliases())
        assert zoning is not None, report.to_text()

    def test_xlsx(self, app):
        _, zoning, report = uploads.receive(data_url(xlsx_bytes()), "cpts.xlsx", "cpts",
                                            units(), aliases())
        assert zoning is not None and len(zoning.fiches) == 2, report.to_text()


class TestConfirmation:
    def test_file_changed_since_preview_is_not_stored(self, app):
        before = _snapshot()
        result, _ = _confirm(app, "cpts.csv", csv(CPTS_OK), "cpts",
                             {"sha256": "0" * 64, "type": "cpts"})
        assert "a changé depuis l'aperçu" in result.children
        assert _snapshot() == before

    def test_type_changed_since_preview_is_not_stored(self, app):
        data = csv(CPTS_OK)
        upload, _, _ = uploads.receive(data_url(data), "cpts.csv", "cpts", units(), aliases())
        before = _snapshot()
        result, _ = _confirm(app, "cpts.csv", data, "cpts",
                             {"sha256": upload.sha256, "type": "dac"})
        assert "a changé depuis l'aperçu" in result.children
        assert _snapshot() == before


class TestStaging:
    def test_files_are_parsed_in_a_private_folder_then_deleted(self, tmp_path, monkeypatch):
        root = tmp_path / "uploads"
        root.mkdir()
        monkeypatch.setenv("CARTOCOORD_UPLOAD_TMP", str(root))
        upload = uploads.decode_upload(data_url(csv(CPTS_OK)), "../../cpts.csv")
        seen = {}
        with intake.staged(upload) as path:
            seen["path"], seen["mode"] = path, stat.S_IMODE(os.stat(path.parent).st_mode)
            assert path.read_bytes() == csv(CPTS_OK)
        assert seen["path"].name == "cpts.csv" and seen["path"].parent.parent == root
        assert seen["mode"] == 0o700
        assert list(root.iterdir()) == []

    def test_folder_is_deleted_when_reading_fails(self, tmp_path, monkeypatch):
        root = tmp_path / "uploads"
        root.mkdir()
        monkeypatch.setenv("CARTOCOORD_UPLOAD_TMP", str(root))
        uploads.receive(data_url(lying_zip()), "cpts.zip", "cpts", units(), aliases())
        uploads.receive(data_url(csv(CPTS_OK)), "cpts.csv", "cpts", units(), aliases())
        assert list(root.iterdir()) == []

    def test_gis_archive_is_rebuilt_from_checked_entries(self):
        upload = uploads.decode_upload(data_url(
            zip_bytes({"dossier/cpts.geojson": geojson([]), "__MACOSX/._cpts.geojson": b"x"})),
            "cpts.zip")
        with intake.staged(upload) as path, zipfile.ZipFile(path) as rebuilt:
            assert rebuilt.namelist() == ["dossier/cpts.geojson"]
            # Compressed: a process killed while reading leaves no more than it received.
            assert rebuilt.infolist()[0].compress_type == zipfile.ZIP_DEFLATED

    def test_folders_of_dead_processes_are_removed_at_start_up(self, tmp_path, monkeypatch):
        """Issue 16, point 8: a process killed while reading left the whole upload."""
        monkeypatch.setenv("CARTOCOORD_UPLOAD_TMP", str(tmp_path))
        child = subprocess.Popen(["sleep", "0"])
        child.wait()  # a process id that no longer runs
        dead = tmp_path / f"cartocoord-upload-{child.pid}-abc"
        alive = tmp_path / f"cartocoord-upload-{os.getpid()}-def"
        legacy = tmp_path / "cartocoord-upload-xyz"
        other = tmp_path / "autre-dossier"
        for folder in (dead, alive, legacy, other):
            folder.mkdir()
            (folder / "cpts.csv").write_text("x")
        os.utime(legacy, (time.time() - 7200, time.time() - 7200))

        create_app()

        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])


class TestNames:
    @pytest.mark.parametrize(("given", "expected"), [
        ("../../etc/passwd.csv", "passwd.csv"),
        ("C:\\Users\\moi\\CPTS 93.xlsx", "CPTS 93.xlsx"),
        ("a\x00b\x1b[31m.csv", "ab[31m.csv"),
        ("...", "fichier"),
        ("<script>alert(1)</script>.csv", "script.csv"),
        ("x" * 300 + ".csv", "x" * 96 + ".csv"),
    ])
    def test_safe_name(self, given, expected):
        assert uploads.safe_name(given) == expected

    @pytest.mark.parametrize(("text", "expected"), [
        ("", None), ("2154", "EPSG:2154"), ("epsg:27572", "EPSG:27572"),
        (" EPSG 3857 ", "EPSG:3857"),
    ])
    def test_parse_crs(self, text, expected):
        assert uploads.parse_crs(text) == expected


class TestLimits:
    def test_defaults_and_environment(self):
        assert uploads.UploadLimits.from_env({}).max_bytes == 50 * 1024**2
        limits = uploads.UploadLimits.from_env({"CARTOCOORD_MAX_UPLOAD_MB": "5",
                                                "CARTOCOORD_MAX_UNPACKED_MB": "20"})
        assert (limits.max_bytes, limits.max_unpacked_bytes) == (5 * 1024**2, 20 * 1024**2)

    def test_bad_setting_is_explained(self):
        with pytest.raises(ValueError, match="CARTOCOORD_MAX_UPLOAD_MB"):
            uploads.UploadLimits.from_env({"CARTOCOORD_MAX_UPLOAD_MB": "beaucoup"})

    def test_request_limit_covers_the_base64_file(self):
        limits = uploads.UploadLimits(max_bytes=3 * 1024**2)
        assert uploads.request_size_limit(limits) == 4 * 1024**2 + 1024**2

    def test_unpacked_size_limit(self):
        limits = uploads.UploadLimits(max_unpacked_bytes=1024**2, max_ratio=10**9)
        data = zip_bytes({"a.geojson": b"{" + b" " * 2 * 1024**2})
        with pytest.raises(uploads.UploadRefused, match="se décompresse"):
            uploads.decode_upload(data_url(data), "a.zip", limits)

    def test_too_many_entries(self):
        limits = uploads.UploadLimits(max_entries=3)
        data = zip_bytes({f"{n}.geojson": b"{}" for n in range(4)})
        with pytest.raises(uploads.UploadRefused, match="4 fichiers"):
            uploads.decode_upload(data_url(data), "a.zip", limits)
