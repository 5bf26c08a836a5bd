"""Checks of the export options given in a URL or on the command line (French errors)."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from pathlib import Path

from dashboard.export.constants import (
    DPIS,
    ERROR_CHOICE,
    ERROR_LOGO_MISSING,
    ERROR_LOGO_TYPE,
    ERROR_TOO_LONG,
    LOGO_MIME_TYPES,
)
from dashboard.export.errors import ExportOptionsError


def check_choice(name: str, value: object, choices: Sequence[object]) -> None:
    """Raise :class:`ExportOptionsError` unless ``value`` is one of ``choices``."""
    if value not in choices:
        raise ExportOptionsError(ERROR_CHOICE.format(
            value=value, name=name, choices=", ".join(str(choice) for choice in choices)))


def check_length(name: str, text: str | None, longest: int) -> None:
    """Raise :class:`ExportOptionsError` if ``text`` is longer than ``longest`` characters."""
    if text is not None and len(text) > longest:
        raise ExportOptionsError(ERROR_TOO_LONG.format(name=name, max=longest))


def parse_dpi(text: str | int) -> int:
    """Read the resolution of a PNG: 150 or 300."""
    dpi = int(text) if str(text).isdigit() else text
    check_choice("dpi", dpi, DPIS)
    return dpi


def logo_data_uri(path: Path) -> str:
    """Read a PNG, JPEG or SVG logo into a ``data:`` URI the page figure can embed."""
    mime = LOGO_MIME_TYPES.get(path.suffix.lower())
    if mime is None:
        raise ExportOptionsError(ERROR_LOGO_TYPE.format(
            path=path, formats=", ".join(LOGO_MIME_TYPES)))
    if not path.is_file():
        raise ExportOptionsError(ERROR_LOGO_MISSING.format(path=path))
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
