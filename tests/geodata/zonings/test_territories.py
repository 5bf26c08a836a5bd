"""Fiche values as typed in spreadsheets, normalised."""

from __future__ import annotations

import pytest

from geodata.zonings import Statut
from geodata.zonings.report import IssueLog
from geodata.zonings.territories import parse_value


def parse(role: str, raw: str) -> tuple[object, list[str]]:
    log = IssueLog("f.csv")
    value = parse_value(role, raw, log, log.at(line=2))
    return value, [issue.code for issue in log.issues]


@pytest.mark.parametrize(("role", "raw", "expected"), [
    ("telephone", "0145678900", "01 45 67 89 00"),
    ("telephone", "145678900", "01 45 67 89 00"),
    ("telephone", "01.45.67.89.00", "01 45 67 89 00"),
    ("telephone", "+33 1 45 67 89 00", "01 45 67 89 00"),
    ("telephone", "+33 (0)1 45 67 89 00", "01 45 67 89 00"),
    ("telephone", "0033145678900", "01 45 67 89 00"),
    ("telephone", "01 45 67 89 00 / 06.12.34.56.78", "01 45 67 89 00 / 06 12 34 56 78"),
    ("telephone", "+32 2 123 45 67", "+32 2 123 45 67"),
    ("site", "www.cpts-nord.fr", "https://www.cpts-nord.fr"),
    ("site", "cpts-nord.fr/contact", "https://cpts-nord.fr/contact"),
    ("site", "http://cpts.fr", "http://cpts.fr"),
    ("site", "cpts-santé.fr", "https://cpts-santé.fr"),
    ("date_creation", "15/03/2021", "2021-03-15"),
    ("date_creation", "2021-03-15 00:00:00", "2021-03-15"),
    ("date_creation", "03/2021", "2021-03"),
    ("date_mise_a_jour", "2024", "2024"),
    ("statut", "En cours de création", Statut.EN_PROJET),
    ("statut", "ACI signé", Statut.EN_FONCTIONNEMENT),
    ("statut", "Projet de santé validé, en fonctionnement", Statut.EN_FONCTIONNEMENT),
    ("courriel", "mailto:a@b.fr ; c@d.fr;", "a@b.fr, c@d.fr"),
    ("site", "www.cpts.fr", "https://www.cpts.fr"),
    ("illustratif", "Oui", True),
    ("illustratif", "", False),
    ("missions", "  Accès  aux soins \n\n Prévention ;", "Accès aux soins\nPrévention"),
    ("porteur", "  Association\n« Santé »  ;", "Association « Santé »"),
])
def test_values_are_normalised(role: str, raw: str, expected: object) -> None:
    assert parse(role, raw) == (expected, [])


@pytest.mark.parametrize(("role", "raw", "code"), [
    ("date_creation", "31/02/2021", "bad_date"),
    ("statut", "inconnu", "bad_statut"),
    ("courriel", "contact", "bad_email"),
    ("illustratif", "peut-être", "bad_flag"),
])
def test_odd_values_warn(role: str, raw: str, code: str) -> None:
    assert parse(role, raw)[1] == [code]


@pytest.mark.parametrize("raw", ["javascript:alert(1)", "non communiqué", "contact@cpts.fr",
                                 "ftp://cpts.fr", "site en construction", "http://"])
def test_what_cannot_be_a_host_name_is_refused(raw: str) -> None:
    assert parse("site", raw) == (None, ["bad_site"])


def test_phone_without_digits_warns() -> None:
    assert parse("telephone", "non communiqué") == ("non communiqué", ["bad_phone"])
