from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from dashboard.formatting import (
    format_day,
    format_number,
    format_range,
    format_share,
    format_value,
    is_missing,
    parse_day,
)
from dashboard.strings import MISSING_SECRET, MISSING_UNAVAILABLE

NNBSP = "\u202f"  # thousands, and before "%"
NBSP = "\u00a0"  # before other units


class TestFormatValue:
    @pytest.mark.parametrize(("value", "unit", "decimals", "expected"), [
        (1234.5, "", 1, f"1{NNBSP}234,5"),
        (12.345, "%", 1, f"12,3{NNBSP}%"),
        (21480, "€", 0, f"21{NNBSP}480{NBSP}€"),
        (3456.2, "hab./km²", 0, f"3{NNBSP}456{NBSP}hab./km²"),
        (12_174_880, "habitants", 0, f"12{NNBSP}174{NNBSP}880{NBSP}habitants"),
        (3.1, "", 1, "3,1"),
        (12, "%", 1, f"12,0{NNBSP}%"),
        (-14.83, "%", 1, f"-14,8{NNBSP}%"),
        (-1234.56, "", 1, f"-1{NNBSP}234,6"),
        (np.float64(0.5), "", 2, "0,50"),
        (np.int64(999), "", 0, "999"),
    ])
    def test_french_typography(self, value, unit, decimals, expected) -> None:
        assert format_value(value, unit, decimals) == expected

    @pytest.mark.parametrize("value", [-0.04, -0.0, 0.0])
    def test_zero_has_no_sign(self, value: float) -> None:
        assert format_value(value, "", 1) == "0,0"

    @pytest.mark.parametrize("value", [float("nan"), None, pd.NA, np.nan, math.inf, "s", True])
    def test_missing_is_never_zero(self, value) -> None:
        assert format_value(value, "%", 1) == MISSING_SECRET == "secret statistique"

    def test_missing_text_is_a_parameter(self) -> None:
        assert format_value(None, "€", 0, missing=MISSING_UNAVAILABLE) == "n.d."

    def test_is_missing(self) -> None:
        assert not is_missing(0)
        assert not is_missing(np.float32(1.5))
        assert is_missing(float("-inf"))


class TestFormatRange:
    def test_unit_written_once(self) -> None:
        assert format_range(12, 18.46, "%", 1) == f"12,0 – 18,5{NNBSP}%"

    def test_equal_bounds_give_one_value(self) -> None:
        assert format_range(21480, 21480.2, "€", 0) == f"21{NNBSP}480{NBSP}€"

    def test_format_number_keeps_trailing_zeros(self) -> None:
        assert format_number(2.5, 3) == "2,500"


class TestFormatShare:
    @pytest.mark.parametrize(("share", "shown"), [
        (0.94, f"94{NNBSP}%"),
        (0.938, f"94{NNBSP}%"),
        (1.0, f"100{NNBSP}%"),
        (0.0, f"0{NNBSP}%"),
        (0.998, f">{NBSP}99{NNBSP}%"),
        (0.002, f"<{NBSP}1{NNBSP}%"),
    ])
    def test_sentence(self, share: float, shown: str) -> None:
        assert format_share(share) == f"{shown} de la population couverte"

    def test_missing_share(self) -> None:
        assert format_share(float("nan")) == "n.d."

    def test_template(self) -> None:
        assert format_share(0.5, "{share} des communes") == f"50{NNBSP}% des communes"


class TestDays:
    @pytest.mark.parametrize(("text", "expected"), [
        ("30/06/2024", date(2024, 6, 30)), ("3/6/2024", date(2024, 6, 3)),
        (" 30-06-2024 ", date(2024, 6, 30)), ("30.06.2024", date(2024, 6, 30)),
        ("2026-11-23", date(2026, 11, 23)),
        ("31/02/2024", None), ("06/30/2024", None), ("2026-02-30", None), ("30/06/24", None),
        ("", None), (None, None), ("<script>", None),
    ])
    def test_parse_french_or_iso(self, text, expected) -> None:
        assert parse_day(text) == expected

    def test_format_round_trips(self) -> None:
        assert format_day("2024-06-03") == "03/06/2024"
        assert parse_day(format_day("2024-06-03")) == date(2024, 6, 3)
        assert format_day(None) == "" and format_day("") == ""
