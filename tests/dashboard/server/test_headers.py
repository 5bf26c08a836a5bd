"""The Content-Security-Policy and HSTS (issue 16, point 12)."""

from __future__ import annotations

import pytest

from dashboard.server import headers
from dashboard.server.app_factory import create_app


@pytest.fixture(scope="module")
def response():
    return create_app().server.test_client().get("/")


def test_policy_on_the_page(response) -> None:
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.split(" ", 1) for part in policy.split("; "))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"].startswith("'self' 'sha256-")
    assert "unsafe-eval" not in policy and "unsafe-inline" not in directives["script-src"]
    assert directives["object-src"] == "'none'"


def test_hashes_match_the_inline_scripts(response) -> None:
    """Every inline script of the page is allowed by a hash (else the page stays blank)."""
    import base64
    import hashlib
    import re

    page = response.get_data(as_text=True)
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>",
                         page, flags=re.S)
    policy = response.headers["Content-Security-Policy"]
    assert scripts
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy


def test_no_hsts_over_plain_http(response) -> None:
    assert "Strict-Transport-Security" not in response.headers
    assert headers.hsts_seconds({}) is None


def test_hsts_when_cookies_are_secure() -> None:
    assert headers.hsts_seconds({"CARTOCOORD_SECURE_COOKIES": "1"}) == 365 * 24 * 3600
    assert headers.hsts_seconds({"CARTOCOORD_SECURE_COOKIES": "1",
                                 "CARTOCOORD_HSTS_SECONDS": "600"}) == 600
    with pytest.raises(ValueError, match="CARTOCOORD_HSTS_SECONDS"):
        headers.hsts_seconds({"CARTOCOORD_SECURE_COOKIES": "1", "CARTOCOORD_HSTS_SECONDS": "x"})


def test_hsts_header_sent(monkeypatch) -> None:
    monkeypatch.setenv("CARTOCOORD_SECURE_COOKIES", "1")
    response = create_app().server.test_client().get("/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == \
        "max-age=31536000; includeSubDomains"
