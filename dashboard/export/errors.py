"""Why an export failed, with a French message for the user and an HTTP status for routes."""

from __future__ import annotations


class ExportError(RuntimeError):
    """An export could not be made; ``str(error)`` is a French sentence for the user."""

    status = 500


class ExportOptionsError(ExportError, ValueError):
    """An option (paper, resolution, title…) is not one the export accepts."""

    status = 400


class ExportUnavailable(ExportError):
    """Chromium is missing or does not start: static exports are off, the rest works."""

    status = 503


class ExportTimeout(ExportError):
    """The export, or the exports queued before it, took too long."""

    status = 504
