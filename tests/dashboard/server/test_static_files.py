"""Scripts and style sheets compressed once, at a high level, in the background."""

from __future__ import annotations

import gzip

import pytest
from backports import zstd
from flask import Flask, Response

from dashboard.server.static_files import (
    CompressedFiles,
    accepted_encoding,
    register_static_compression,
)

SCRIPT = b"var cartocoord = 'a script that compresses well';\n" * 400


@pytest.fixture
def files(tmp_path) -> CompressedFiles:
    return CompressedFiles(tmp_path)


@pytest.fixture
def client(files):
    server = Flask(__name__)

    @server.get("/assets/app.js")
    def script() -> Response:
        return Response(SCRIPT, mimetype="application/javascript")

    @server.get("/_dash-update-component")
    def callback() -> Response:
        return Response(SCRIPT, mimetype="application/json")

    register_static_compression(server, "/", files)
    return server.test_client()


class TestEncoding:
    @pytest.mark.parametrize(("header", "chosen"), [
        ("gzip, deflate, br, zstd", "zstd"), ("gzip, deflate", "gzip"), ("br", None),
        ("", None), ("zstd;q=0, gzip", "gzip"),
    ])
    def test_preferred_encoding_the_browser_accepts(self, header, chosen) -> None:
        assert accepted_encoding(header) == chosen


class TestServing:
    def test_first_request_passes_the_file_through_and_queues_it(self, client, files) -> None:
        first = client.get("/assets/app.js", headers={"Accept-Encoding": "zstd"})
        assert "Content-Encoding" not in first.headers and first.get_data() == SCRIPT
        files.wait()
        second = client.get("/assets/app.js", headers={"Accept-Encoding": "zstd"})
        assert second.headers["Content-Encoding"] == "zstd"
        assert zstd.decompress(second.get_data()) == SCRIPT
        assert "Accept-Encoding" in second.headers["Vary"]

    def test_compressed_at_the_highest_levels(self, files) -> None:
        assert files.compress(SCRIPT, "zstd") == zstd.compress(SCRIPT, 19)
        assert gzip.decompress(files.compress(SCRIPT, "gzip")) == SCRIPT

    def test_conditional_requests_answered_304(self, client, files) -> None:
        files.compress(SCRIPT, "gzip")
        response = client.get("/assets/app.js", headers={"Accept-Encoding": "gzip"})
        again = client.get("/assets/app.js", headers={"Accept-Encoding": "gzip",
                                                        "If-None-Match": response.headers["ETag"]})
        assert again.status_code == 304

    def test_kept_on_disk_for_other_processes(self, files, tmp_path) -> None:
        files.compress(SCRIPT, "zstd")
        other = CompressedFiles(tmp_path)
        assert other.get(SCRIPT, "zstd") == zstd.compress(SCRIPT, 19)

    def test_callbacks_are_left_to_flask_compress(self, client, files) -> None:
        files.compress(SCRIPT, "zstd")
        response = client.get("/_dash-update-component", headers={"Accept-Encoding": "zstd"})
        assert "Content-Encoding" not in response.headers


def test_a_file_another_worker_compresses_is_left_to_it(tmp_path) -> None:
    mine, other = CompressedFiles(tmp_path), CompressedFiles(tmp_path)
    key = (other.digest(SCRIPT), "zstd")
    assert other._claim(key)
    assert mine.get(SCRIPT, "zstd") is None
    mine.wait()
    assert not (tmp_path / f"{key[0]}.zstd").exists()  # not compressed twice
    other._store(key, SCRIPT)
    other._release(key)
    assert mine.get(SCRIPT, "zstd") == zstd.compress(SCRIPT, 19)
