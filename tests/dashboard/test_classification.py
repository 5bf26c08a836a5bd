from __future__ import annotations

import time
import warnings

import mapclassify
import numpy as np
import pandas as pd
import pytest

from dashboard.classification import (
    MISSING_CLASS,
    ClassificationError,
    classify,
    fisher_jenks,
    reclassify,
)
from dashboard.strings import NOTE_NO_VALUE, NOTE_ONE_VALUE

NNBSP = "\u202f"
CLUSTERED = [1.0, 1.1, 1.2, 5.0, 5.1, 5.2, 10.0, 10.1, 10.2]


class TestEqualIntervals:
    def test_known_breaks(self) -> None:
        result = classify(range(11), "egal", k=5, decimals=0)
        assert result.bins == (2.0, 4.0, 6.0, 8.0, 10.0)
        assert result.lower == 0.0
        # Right-closed classes: 2 is in the first class, 3 in the second.
        assert result.class_of.tolist() == [0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
        assert result.counts == (3, 2, 2, 2, 2)
        assert result.labels == ("0 – 2", "2 – 4", "4 – 6", "6 – 8", "8 – 10")

    def test_empty_classes_are_kept(self) -> None:
        result = classify([0, 1, 2, 100], "egal", k=4)
        assert result.counts == (3, 0, 0, 1)

    @pytest.mark.parametrize("seed", range(4))
    @pytest.mark.parametrize("k", [3, 5, 9])
    def test_same_breaks_as_mapclassify(self, seed: int, k: int) -> None:
        values = np.random.default_rng(seed).lognormal(3, 1, 300)
        expected = mapclassify.EqualInterval(values, k=k).bins
        assert classify(values, "egal", k=k).bins == pytest.approx(list(expected))


class TestQuantiles:
    def test_known_breaks(self) -> None:
        result = classify(np.arange(1, 11), "quantiles", k=5)
        assert result.bins == pytest.approx((2.8, 4.6, 6.4, 8.2, 10.0))
        assert result.counts == (2, 2, 2, 2, 2)

    def test_ties_never_leave_an_empty_class(self) -> None:
        values = [1.0] * 6 + list(range(2, 11))
        result = classify(values, "quantiles", k=5)
        assert 0 not in result.counts
        assert result.k == 4
        assert result.note == "Valeurs ex æquo : 4 classes au lieu de 5."

    @pytest.mark.parametrize("seed", range(4))
    @pytest.mark.parametrize("k", [3, 5, 9])
    def test_same_breaks_as_mapclassify(self, seed: int, k: int) -> None:
        values = np.round(np.random.default_rng(seed).gamma(2, 5, 301), 2)
        expected = mapclassify.Quantiles(values, k=k).bins
        assert classify(values, "quantiles", k=k).bins == pytest.approx(list(expected))


class TestJenks:
    def test_clustered_data(self) -> None:
        result = classify(CLUSTERED, "jenks", k=3)
        assert result.bins == (1.2, 5.2, 10.2)
        assert result.counts == (3, 3, 3)

    @pytest.mark.parametrize("seed", range(4))
    @pytest.mark.parametrize("k", [3, 5, 7])
    def test_same_breaks_as_mapclassify(self, seed: int, k: int) -> None:
        values = np.round(np.random.default_rng(seed).gamma(2, 5, 150), 1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Numba not installed"
            expected = mapclassify.FisherJenks(values, k=k).bins
        assert fisher_jenks(values, k) == pytest.approx(list(expected))

    def test_deterministic_and_order_free(self) -> None:
        values = np.random.default_rng(7).normal(20, 5, 500)
        first = classify(values, "jenks", k=6).bins
        assert classify(values[::-1], "jenks", k=6).bins == first
        assert classify(np.random.default_rng(1).permutation(values), "jenks", k=6).bins == first

    def test_many_distinct_values_are_grouped_fast(self) -> None:
        values = np.random.default_rng(3).gamma(2, 5, 20_000)
        start = time.perf_counter()
        result = classify(values, "jenks", k=9)
        assert time.perf_counter() - start < 2
        assert result.k == 9
        assert all(count > 0 for count in result.counts)
        assert list(result.bins) == sorted(result.bins)
        assert result.bins[-1] == values.max()


class TestMissing:
    def test_missing_values_are_never_classified(self) -> None:
        values = pd.Series([10.0, None, 20.0, "s", float("nan"), 30.0, pd.NA, float("inf")],
                           dtype=object)
        result = classify(values, "egal", k=3)
        assert result.class_of.tolist() == [0, -1, 1, -1, -1, 2, -1, -1]
        assert result.missing_count == 5
        assert sum(result.counts) + result.missing_count == len(values)

    def test_nullable_float_array(self) -> None:
        values = pd.array([1.0, None, 2.0, 3.0], dtype="Float64")
        assert classify(values, "quantiles", k=3).class_of.tolist() == [0, -1, 1, 2]

    def test_all_missing(self) -> None:
        result = classify([None, float("nan")], "jenks", k=5)
        assert result.k == 0
        assert result.lower is None
        assert result.labels == () and result.counts == ()
        assert result.class_of.tolist() == [MISSING_CLASS, MISSING_CLASS]
        assert result.missing_count == 2
        assert result.note == NOTE_NO_VALUE

    def test_empty_input(self) -> None:
        assert classify([], "quantiles").k == 0


class TestFewValues:
    @pytest.mark.parametrize("method", ["quantiles", "egal", "jenks"])
    def test_single_value(self, method: str) -> None:
        result = classify([12.0, 12.0, None], method, k=5, unit="%")
        assert result.bins == (12.0,)
        assert result.labels == (f"12,0{NNBSP}%",)
        assert result.class_of.tolist() == [0, 0, -1]
        assert result.note == NOTE_ONE_VALUE

    @pytest.mark.parametrize("method", ["quantiles", "egal", "jenks"])
    def test_clamped_to_distinct_values(self, method: str) -> None:
        result = classify([1, 1, 2, 2, 3, 3, 4], method, k=6)
        assert result.k == 4
        assert result.note == "Seulement 4 valeurs distinctes : 4 classes au lieu de 6."

    @pytest.mark.parametrize("method", ["quantiles", "jenks", "egal"])
    def test_all_or_nothing_values_get_a_class_each_named_alone(self, method: str) -> None:
        # 34 communes with a QPV (100 %) and 5 without (0 %), as in Seine-Saint-Denis.
        result = classify([100.0] * 34 + [0.0] * 5, method, k=5, unit="%", decimals=1)
        assert result.counts == (5, 34)
        assert result.labels == (f"0,0{NNBSP}%", f"100,0{NNBSP}%")
        assert result.note == "Seulement 2 valeurs distinctes : 2 classes au lieu de 5."

    @pytest.mark.parametrize(("k", "expected"), [(1, 3), (2, 3), (5, 5), (9, 9), (15, 9)])
    def test_k_clamped_to_3_9(self, k: int, expected: int) -> None:
        assert classify(np.arange(100.0), "egal", k=k).k == expected


class TestManual:
    def test_breaks_and_labels(self) -> None:
        result = classify([5, 12, 15, 18.5, 22, 30], "manuel", breaks=[12, 18.5], unit="%")
        assert result.bins == (12.0, 18.5, 30.0)
        assert result.class_of.tolist() == [0, 0, 1, 1, 2, 2]
        assert result.labels == (f"5,0 – 12,0{NNBSP}%", f"12,0 – 18,5{NNBSP}%",
                                 f"18,5 – 30,0{NNBSP}%")

    def test_one_break_makes_two_classes(self) -> None:
        assert classify([1, 2, 3, 4], "manuel", breaks=[2]).counts == (2, 2)

    def test_k_is_ignored(self) -> None:
        assert classify(range(10), "manuel", k=9, breaks=[3, 6.5]).k == 3

    def test_typed_french_numbers(self) -> None:
        result = classify([0, 30000], "manuel", breaks=["6,5", "20\u202f000,5"])
        assert result.bins == (6.5, 20000.5, 30000.0)

    @pytest.mark.parametrize(("breaks", "message"), [
        ([], "Indiquez au moins un seuil."),
        ([5, 3], "Les seuils doivent être strictement croissants (5,0 ; 3,0)."),
        ([3, 3], "strictement croissants"),
        ([0.5], f"Le seuil 0,5{NNBSP}% est hors de l'étendue des valeurs affichées "
                f"(1,0 – 6,0{NNBSP}%)."),
        ([2, 6], "hors de l'étendue"),
        ([2, "x"], "Le seuil « x » n'est pas un nombre."),
        (list(range(1, 10)), "Indiquez au plus 8 seuils (9 classes)."),
    ])
    def test_errors_in_french(self, breaks: list, message: str) -> None:
        with pytest.raises(ClassificationError, match=message.replace("(", r"\(")
                           .replace(")", r"\)").replace(".", r"\.")):
            classify([1, 2, 3, 4, 5, 6], "manuel", breaks=breaks, unit="%")

    def test_all_missing_needs_no_valid_breaks(self) -> None:
        assert classify([None], "manuel", breaks=[1, 2]).k == 0


class TestResult:
    def test_unknown_method(self) -> None:
        with pytest.raises(ClassificationError, match="inconnue"):
            classify([1, 2, 3], "kmeans")

    def test_class_of_is_read_only(self) -> None:
        result = classify([1, 2, 3], "egal")
        with pytest.raises(ValueError):
            result.class_of[0] = 2

    def test_labels_gain_decimals_when_rounding_merges_bounds(self) -> None:
        result = classify([1.01, 1.02, 1.03, 1.04, 1.05, 1.06], "egal", k=3, decimals=1)
        assert result.labels == ("1,01 – 1,03", "1,03 – 1,04", "1,04 – 1,06")

    def test_labels_with_thousands(self) -> None:
        result = classify([15000, 20000, 25000], "manuel", breaks=[20000], unit="€",
                          decimals=0)
        assert result.labels == (f"15{NNBSP}000 – 20{NNBSP}000\u00a0€",
                                 f"20{NNBSP}000 – 25{NNBSP}000\u00a0€")


class TestClassesOfOtherValues:
    """Stand-in values (a commune's, shown on its IRIS) take the classes of the map."""

    def test_within_below_above_and_missing(self) -> None:
        classification = classify([1, 2, 3, 4], "egal", k=3)
        assert reclassify(classification, [0, 1, 2.5, 4, 9, None, "s"]).class_of.tolist() == [
            0, 0, 1, 2, 2, -1, -1]

    def test_without_classes_everything_is_missing(self) -> None:
        assert reclassify(classify([None, None]), [1.0, 2.0]).class_of.tolist() == [-1, -1]
