"""Logos: checked like every upload, SVG rebuilt without anything active, kept by hash."""

from __future__ import annotations

import base64
import os
import struct
import zlib

import pytest

from dashboard.export import logo as logo_module
from dashboard.export.errors import ExportOptionsError
from dashboard.export.logo import (
    MAX_BYTES,
    MAX_PIXELS,
    LogoStore,
    check_logo,
    decode_upload,
    read_logo,
    sanitise_svg,
)


def png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, payload: bytes) -> bytes:
        return (struct.pack(">I", len(payload)) + kind + payload
                + struct.pack(">I", zlib.crc32(kind + payload)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                              0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00")) + chunk(b"IEND", b""))


def jpeg(width: int, height: int) -> bytes:
    """A JPEG's first bytes: SOI, an APP0 segment, then a baseline frame header."""
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00" + b"\x00" * 9
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


class TestChecks:
    def test_png_and_jpeg_pass_as_they_are(self) -> None:
        assert check_logo("logo.png", png(300, 100)) == ("image/png", png(300, 100))
        assert check_logo("LOGO.JPG", jpeg(640, 200))[0] == "image/jpeg"

    @pytest.mark.parametrize(("name", "data", "message"), [
        ("logo.gif", b"GIF89a", "PNG, JPEG ou SVG"),
        ("logo.png", b"", "vide"),
        ("logo.png", b"\xff\xd8\xff\xe0 not a png", "PNG, JPEG ou SVG"),  # a JPEG renamed
        ("logo.jpg", png(10, 10), "PNG, JPEG ou SVG"),
        ("logo.png", png(MAX_PIXELS + 1, 10), "pixels"),
        ("logo.jpg", jpeg(10, MAX_PIXELS + 1), "pixels"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (MAX_BYTES + 1), "512 ko"),
        ("logo.svg", b"<html><body/></html>", "SVG illisible"),
        ("logo.svg", b"<svg", "SVG illisible"),
        ("logo.svg", b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
                     b'<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "SVG illisible"),
        ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'>"
                     + b"<g/>" * 6000 + b"</svg>", "SVG illisible"),
        ("logo.svg", b"\xff\xfe<\x00s\x00", "SVG illisible"),
    ])
    def test_refusals_name_the_file_in_french(self, name, data, message) -> None:
        with pytest.raises(ExportOptionsError, match=message) as raised:
            check_logo(name, data)
        assert f"« {name} »" in str(raised.value)


class TestSvg:
    def test_active_content_is_removed_and_drawing_kept(self) -> None:
        dirty = (b'<svg xmlns="http://www.w3.org/2000/svg" '
                 b'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 4" '
                 b'onload="alert(1)">'
                 b'<style>@import url(http://evil.example/x.css); .a{fill:red}</style>'
                 b'<script>alert(2)</script>'
                 b'<foreignObject><iframe src="http://evil.example"/></foreignObject>'
                 b'<a href="javascript:alert(3)"><rect class="a" width="10" height="4"/></a>'
                 b'<rect width="5" height="4" fill="#000091" onclick="alert(4)" '
                 b'style="fill:url(http://evil.example/p.svg#p)"/>'
                 b'<use xlink:href="http://evil.example/s.svg#x"/><use href="#keep"/>'
                 b'<image href="data:image/png;base64,iVBORw0KGgo="/>'
                 b'<image href="file:///etc/passwd"/>'
                 b'<text x="1" y="3">ARS <tspan>IDF</tspan> 2026</text></svg>')
        clean = sanitise_svg("logo.svg", dirty).decode()
        for gone in ("onload", "script", "alert", "evil.example", "foreignObject", "iframe",
                     "@import", "javascript", "file:", "onclick", "<a"):
            assert gone not in clean, gone
        assert clean.startswith("<svg") and 'viewBox="0 0 10 4"' in clean
        assert 'fill="#000091"' in clean and 'href="#keep"' in clean
        assert 'href="data:image/png;base64,iVBORw0KGgo="' in clean
        assert ">ARS <tspan>IDF</tspan> 2026</text>" in clean

    def test_harmless_style_is_kept(self) -> None:
        svg = (b'<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:#000091}</style>'
               b'<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/>'
               b'</linearGradient></defs><rect class="a" style="fill:url(#g)"/></svg>')
        clean = sanitise_svg("logo.svg", svg).decode()
        assert ".a{fill:#000091}" in clean and 'style="fill:url(#g)"' in clean


class TestUploadAndStore:
    def test_upload_is_decoded_with_a_clean_name(self) -> None:
        contents = "data:image/png;base64," + base64.b64encode(png(4, 4)).decode()
        assert decode_upload(contents, "../../Logo ARS.png") == ("Logo ARS.png", png(4, 4))

    def test_oversized_upload_is_refused_before_decoding(self) -> None:
        with pytest.raises(ExportOptionsError, match="512 ko"):
            decode_upload("data:image/png;base64," + "A" * (MAX_BYTES * 2), "logo.png")
        with pytest.raises(ExportOptionsError, match="illisible"):
            decode_upload("data:image/png;base64,@@@", "logo.png")

    def test_store_keeps_checked_logos_by_hash(self, tmp_path) -> None:
        store = LogoStore(tmp_path)
        key = store.save("logo.png", png(8, 8))
        assert key.endswith(".png") and len(key) == 64 + 4
        assert store.save("autre-nom.png", png(8, 8)) == key  # same content, same file
        assert store.load(key) == "data:image/png;base64," + base64.b64encode(png(8, 8)).decode()
        for bad in (None, "", "../secret_key", key.replace(".png", ".exe"), "0" * 64 + ".png"):
            assert store.load(bad) is None
        with pytest.raises(ExportOptionsError):
            store.save("logo.svg", b"<script/>")
        assert len(list(tmp_path.iterdir())) == 1

    def test_store_keeps_the_most_recent_ones(self, tmp_path, monkeypatch) -> None:
        monkeypatch.setattr(logo_module, "MAX_STORED", 3)
        store = LogoStore(tmp_path)
        keys = []
        for size in range(1, 6):
            keys.append(store.save("logo.png", png(size, 1)))
            os.utime(tmp_path / keys[-1], (size, size))
        assert sorted(path.name for path in tmp_path.iterdir()) == sorted(keys[-3:])

    def test_read_logo_checks_a_file(self, tmp_path) -> None:
        path = tmp_path / "logo.svg"
        path.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><circle r="1"/></svg>')
        assert read_logo(path).startswith("data:image/svg+xml;base64,")
        with pytest.raises(ExportOptionsError, match="introuvable"):
            read_logo(tmp_path / "absent.png")
