"""Checks of the export options given in a URL or on the command line (French errors)."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.export.constants import ERROR_CHOICE, ERROR_TOO_LONG
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
