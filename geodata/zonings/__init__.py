"""Coordination zonings (DAC, CPTS, CARSIC, périnatalité…): types, model, readers, checks.

A zoning file (composition table or outlines) is read and checked with
:func:`validate_file`, which returns the :class:`Zoning` (or None) and a French
:class:`ValidationReport`. Stored zonings are written with :func:`write_zoning` and read
back, through the same checks, with :func:`load_zoning_dir`.
"""

from __future__ import annotations

from .constants import MAX_FILE_BYTES
from .messages import FICHE_LABELS
from .model import FICHE_FIELDS, Coverage, Fiche, Statut, Zoning
from .report import Issue, Location, Severity, ValidationReport
from .storage import (
    ZoningDirError,
    load_zoning_dir,
    write_composition,
    write_fiches,
    write_zoning,
)
from .validation import validate_file
from .zoning_types import OutlineStyle, Rule, ZoningType, ZoningTypes, load_zoning_types

__all__ = [
    "FICHE_FIELDS",
    "FICHE_LABELS",
    "MAX_FILE_BYTES",
    "Coverage",
    "Fiche",
    "Issue",
    "Location",
    "OutlineStyle",
    "Rule",
    "Severity",
    "Statut",
    "ValidationReport",
    "Zoning",
    "ZoningDirError",
    "ZoningType",
    "ZoningTypes",
    "load_zoning_dir",
    "load_zoning_types",
    "validate_file",
    "write_composition",
    "write_fiches",
    "write_zoning",
]
