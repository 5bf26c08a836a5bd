"""Classify indicator values into colour classes, the way the map and its legend need them.

Four methods, named as in the URL (:data:`dashboard.constants.METHODS`): ``quantiles`` (same
number of units per class), ``egal`` (equal intervals), ``jenks`` (natural breaks,
Fisher-Jenks: exact and deterministic) and ``manuel`` (breaks typed by the user). Breaks
are mapclassify's (the tests check them against it, a development dependency only: it
imports scipy and scikit-learn, seconds of start-up). Classes are closed on the right:
class ``i`` holds ``bins[i-1] < v <= bins[i]``.
Missing values (secret statistique) are never classified: their class is -1.

Examples
--------
>>> c = classify([1, 2, 3, 4, 5, 6, None], "egal", k=3)
>>> c.class_of.tolist(), c.counts, c.missing_count
([0, 0, 1, 1, 2, 2, -1], (2, 2, 2), 1)
>>> c.labels
('1,0 – 2,7', '2,7 – 4,3', '4,3 – 6,0')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.constants import (
    JENKS_MAX_GROUPS,
    MAX_BREAKS,
    MAX_CLASSES,
    MAX_EXTRA_DECIMALS,
    METHODS,
    MIN_CLASSES,
)
from dashboard.formatting import format_number, format_range, format_value
from dashboard.strings import (
    ERROR_NO_BREAK,
    ERROR_NOT_INCREASING,
    ERROR_NOT_NUMBER,
    ERROR_OUT_OF_RANGE,
    ERROR_TOO_MANY_BREAKS,
    ERROR_UNKNOWN_METHOD,
    NOTE_FEW_VALUES,
    NOTE_NO_VALUE,
    NOTE_ONE_VALUE,
    NOTE_TIES,
)

MISSING_CLASS = -1


class ClassificationError(ValueError):
    """User breaks cannot classify the values; the message is French, for the user."""


@dataclass(frozen=True, eq=False)
class Classification:
    """Classes of a set of values, ready for colouring and for the legend.

    Attributes
    ----------
    method : str
        One of :data:`dashboard.constants.METHODS`.
    bins : tuple of float
        Upper bound of each class, increasing; ``len(bins)`` is the number of classes
        (0 when no value is known).
    lower : float or None
        Smallest classified value, lower bound of the first class (None if no value).
    class_of : numpy.ndarray
        Class of each value, in input order: 0 to ``k - 1``, or -1 when missing.
        Read-only.
    counts : tuple of int
        Number of values in each class (a class of equal intervals may be empty).
    labels : tuple of str
        French label of each class: "12,0 – 18,5 %".
    missing_count : int
        Number of missing values.
    note : str or None
        French remark for the legend when fewer classes than requested were made.
    """

    method: str
    bins: tuple[float, ...]
    lower: float | None
    class_of: np.ndarray
    counts: tuple[int, ...]
    labels: tuple[str, ...]
    missing_count: int
    note: str | None = None

    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.bins)


def as_values(values: Iterable[object]) -> np.ndarray:
    """Float array of ``values``, with NaN for None, ``pd.NA``, text ("s") and infinities."""
    numbers = pd.to_numeric(pd.Series(list(values), dtype=object), errors="coerce")
    array = numbers.to_numpy(dtype=float, na_value=np.nan, copy=True)
    array[~np.isfinite(array)] = np.nan
    return array


def classify(values: Iterable[object], method: str = "quantiles", k: int = 5,
             breaks: Iterable[object] = (), *, unit: str = "",
             decimals: int = 1) -> Classification:
    """Classify ``values`` for a choropleth.

    Parameters
    ----------
    values : iterable of float
        One value per map unit; NaN/None/``pd.NA`` are missing and get class -1.
    method : {"quantiles", "egal", "jenks", "manuel"}
        Classification method.
    k : int
        Wanted number of classes, clamped to 3..9, then to the number of distinct values
        (the ``note`` says so). Ignored by ``manuel``.
    breaks : iterable of float or str
        ``manuel`` only: 1 to 8 inner breaks, strictly increasing, within the values;
        text may use a decimal comma and spaces ("20 000,5").
    unit, decimals : str, int
        Unit and decimals of the indicator, for the class labels.

    Returns
    -------
    Classification

    Raises
    ------
    ClassificationError
        For unusable manual breaks or an unknown method (French message).
    """
    if method not in METHODS:
        raise ClassificationError(ERROR_UNKNOWN_METHOD.format(method=method))
    array = as_values(values)
    known = array[~np.isnan(array)]
    if known.size == 0:
        return Classification(method, (), None, _read_only(np.full(array.shape, MISSING_CLASS)),
                              (), (), int(array.size), NOTE_NO_VALUE)
    note = None
    if method == "manuel":
        bins = _manual_bins(breaks, known, unit, decimals)
    else:
        requested = min(max(int(k), MIN_CLASSES), MAX_CLASSES)
        distinct = np.unique(known).size
        wanted = min(requested, distinct)
        # Fewer values than classes: one class per value, whatever the method (quantiles
        # of 34 « 100 % » and 5 « 0 % » would otherwise merge them into one class).
        bins = (list(np.unique(known)) if distinct < requested
                else _automatic_bins(method, known, wanted))
        if distinct == 1:
            note = NOTE_ONE_VALUE
        elif distinct < requested:
            note = NOTE_FEW_VALUES.format(distinct=distinct, k=len(bins), requested=requested)
        elif len(bins) < requested:
            note = NOTE_TIES.format(k=len(bins), requested=requested)
    class_of = np.full(array.shape, MISSING_CLASS)
    present = ~np.isnan(array)
    class_of[present] = np.searchsorted(np.asarray(bins), array[present], side="left")
    counts = np.bincount(class_of[present], minlength=len(bins))
    lower = float(known.min())
    labels = _labels(lower, bins, unit, decimals)
    held = [np.unique(array[class_of == index]) for index in range(len(bins))]
    if method != "manuel" and all(values.size == 1 for values in held):
        # Few values (all or nothing per commune): each class holds one, named alone.
        labels = tuple(format_value(float(values[0]), unit, decimals) for values in held)
    return Classification(
        method=method,
        bins=tuple(float(b) for b in bins),
        lower=lower,
        class_of=_read_only(class_of),
        counts=tuple(int(count) for count in counts),
        labels=labels,
        missing_count=int((~present).sum()),
        note=note,
    )


def reclassify(classification: Classification, values: Iterable[object]) -> Classification:
    """Put other values into the classes of ``classification`` (same bounds and labels).

    An atlas classifies the whole region once, then colours each département's page
    with those classes, so that one colour means one range on every page. Values above
    the last bound fall into the last class, below the first into the first.

    Examples
    --------
    >>> region = classify([1, 2, 3, 4, 5, 6], "egal", k=3)
    >>> part = reclassify(region, [1.5, 5.5, None])
    >>> part.class_of.tolist(), part.counts, part.labels == region.labels
    ([0, 2, -1], (1, 0, 1), True)
    """
    array = as_values(values)
    present = ~np.isnan(array)
    class_of = np.full(array.shape, MISSING_CLASS)
    if classification.k:
        class_of[present] = np.minimum(np.searchsorted(np.asarray(classification.bins),
                                                       array[present], side="left"),
                                       classification.k - 1)
    else:
        present[:] = False
    counts = np.bincount(class_of[present], minlength=classification.k)
    return Classification(classification.method, classification.bins, classification.lower,
                          _read_only(class_of), tuple(int(count) for count in counts),
                          classification.labels, int((~present).sum()), classification.note)


def _read_only(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)
    return array


def _automatic_bins(method: str, known: np.ndarray, k: int) -> list[float]:
    """Upper bounds of ``k`` classes (fewer when ties make quantiles coincide)."""
    if k == 1:
        return [float(known.max())]
    if method == "jenks":
        return fisher_jenks(known, k)
    shares = np.arange(1, k + 1) / k
    if method == "quantiles":
        # Linear interpolation between order statistics, as mapclassify's Quantiles.
        bins = np.unique(np.percentile(known, 100 * shares))
        # Ties can leave a quantile class empty (e.g. 30 % of the values equal the 20th
        # percentile): merge it into the next class rather than show an empty class.
        counts = np.bincount(np.searchsorted(bins, known, side="left"), minlength=bins.size)
        bins = bins[counts > 0]
    else:
        low, high = known.min(), known.max()
        bins = low + (high - low) * shares
        bins[-1] = high  # no rounding may leave the maximum out of the last class
    return [float(b) for b in bins]


def fisher_jenks(values: np.ndarray, k: int) -> list[float]:
    """Natural breaks: upper bounds of the ``k`` classes of least within-class variance.

    Exact Fisher-Jenks by dynamic programming over sorted distinct values, vectorised with
    numpy (mapclassify's ``FisherJenks`` takes seconds without numba; ``NaturalBreaks`` is
    k-means with random starts). Above :data:`JENKS_MAX_GROUPS` distinct values, runs of
    consecutive sorted values are grouped first; sums stay exact, only breaks between
    groups are considered. Requires at least ``k`` distinct values.
    """
    distinct, counts = np.unique(values, return_counts=True)
    centred = distinct - values.mean()  # smaller squares, less cancellation below
    starts = np.linspace(0, distinct.size, min(distinct.size, JENKS_MAX_GROUPS) + 1)
    starts = np.unique(np.round(starts).astype(int))[:-1]
    weight = np.add.reduceat(counts, starts).astype(float)
    total = np.add.reduceat(counts * centred, starts)
    squares = np.add.reduceat(counts * centred ** 2, starts)
    tops = distinct[np.r_[starts[1:], distinct.size] - 1]
    cum = [np.r_[0.0, np.cumsum(series)] for series in (weight, total, squares)]
    first, last = np.ogrid[:tops.size, :tops.size]
    with np.errstate(divide="ignore", invalid="ignore"):
        # cost[j, i]: squared deviations of groups j..i forming one class.
        cost = ((cum[2][last + 1] - cum[2][first])
                - (cum[1][last + 1] - cum[1][first]) ** 2
                / (cum[0][last + 1] - cum[0][first]))
    cost = np.where(first <= last, np.maximum(cost, 0.0), np.inf)
    best = cost[0]
    starts_of_last_class = []
    for _ in range(1, k):
        # A class starting at group j >= 1 after the best split of groups 0..j-1.
        candidates = best[:-1, None] + cost[1:, :]
        start = np.argmin(candidates, axis=0)
        best = candidates[start, np.arange(tops.size)]
        starts_of_last_class.append(start + 1)
    ends, end = [tops.size - 1], tops.size - 1
    for start in reversed(starts_of_last_class):
        end = start[end] - 1
        ends.append(end)
    return [float(tops[index]) for index in reversed(ends)]


def _manual_bins(breaks: Iterable[object], known: np.ndarray, unit: str,
                 decimals: int) -> list[float]:
    """User breaks plus the maximum, or a French error saying what to fix."""
    raw = list(breaks)
    if not raw:
        raise ClassificationError(ERROR_NO_BREAK)
    if len(raw) > MAX_BREAKS:
        raise ClassificationError(ERROR_TOO_MANY_BREAKS.format(max=MAX_BREAKS,
                                                               classes=MAX_BREAKS + 1))
    # Typed breaks are French: decimal comma, spaces between thousands ("20 000,5").
    numbers = as_values("".join(text.replace(",", ".").split()) if isinstance(text, str)
                        else text for text in raw)
    for text, number in zip(raw, numbers, strict=True):
        if np.isnan(number):
            raise ClassificationError(ERROR_NOT_NUMBER.format(value=text))
    if np.any(np.diff(numbers) <= 0):
        shown = " ; ".join(format_number(number, decimals) for number in numbers)
        raise ClassificationError(ERROR_NOT_INCREASING.format(breaks=shown))
    low, high = float(known.min()), float(known.max())
    for number in numbers:
        if not low <= number < high:
            raise ClassificationError(ERROR_OUT_OF_RANGE.format(
                value=format_value(number, unit, decimals),
                low=format_number(low, decimals), high=format_value(high, unit, decimals)))
    return [*map(float, numbers), high]


def _labels(lower: float, bins: list[float], unit: str, decimals: int) -> tuple[str, ...]:
    """Range labels, with up to two more decimals if rounding would merge distinct bounds."""
    bounds = [lower, *bins]
    distinct = len(set(bounds))
    for extra in range(MAX_EXTRA_DECIMALS + 1):
        shown = decimals + extra
        if len({format_number(bound, shown) for bound in bounds}) == distinct:
            break
    return tuple(format_range(low, high, unit, shown)
                 for low, high in zip(bounds[:-1], bounds[1:], strict=True))
