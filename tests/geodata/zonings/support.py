"""Helpers shared by the zoning tests (fixtures live in ``conftest.py``)."""

from __future__ import annotations

from collections.abc import Callable

from geodata.zonings import Issue, ValidationReport, Zoning

#: ``validate(path, zoning_type=None, **options)``: the ``validate`` fixture.
Validate = Callable[..., tuple[Zoning | None, ValidationReport]]


def issues(report: ValidationReport, code: str) -> list[Issue]:
    """The issues of one kind, for assertions on their message and location."""
    return [issue for issue in report.issues if issue.code == code]
