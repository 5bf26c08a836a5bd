"""Group the rows (or features) of a file into territories and build their fiches."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from .columns import Columns
from .messages import FALSE_WORDS, FICHE_LABELS, TRUE_WORDS, quoted_list
from .model import Fiche, Statut
from .report import IssueLog, Location
from .text import clean, normalize, slugify
from .zoning_types import ZoningType

#: Words of a status cell meaning "en projet" or "en fonctionnement" (normalised).
#: Checked in this order: "projet de santé validé, en fonctionnement" is functioning.
STATUT_WORDS = {
    Statut.EN_FONCTIONNEMENT: ("fonctionnement", "fonctionnelle", "fonctionnel", "active",
                               "actif", "operationnel", "operationnelle", "activite", "signe",
                               "signee", "ouvert", "ouverte", "en service", "valide",
                               "validee", "aci"),
    Statut.EN_PROJET: ("projet", "preprojet", "construction", "creation", "emergence",
                       "lettre d intention"),
}
DATE_FORMATS = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?"), ("year", "month", "day")),
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"), ("day", "month", "year")),
    (re.compile(r"(\d{1,2})[/.-](\d{4})"), ("month", "year")),
    (re.compile(r"(\d{4})-(\d{1,2})"), ("year", "month")),
    (re.compile(r"(\d{4})"), ("year",)),
)
EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[a-zA-Z]{2,}")
EMAIL_SEPARATORS = re.compile(r"[\s,;]+")
#: A French number whose leading zero a spreadsheet dropped has 9 digits.
PHONE_DIGITS = 10
#: Separators of several numbers in one cell (« 01 23 45 67 89 / 06 12 34 56 78 »).
PHONE_SEPARATORS = re.compile(r"\s*(?:/|;|,|\bou\b)\s*")
#: International prefixes of France: « +33 1 23 45 67 89 », « 0033 (0)1 23 45 67 89 ».
FRENCH_PREFIX = re.compile(r"^(?:\+|00)33\s*(?:\(0\))?")
#: What a site column may hold: a host name (accents allowed), an optional port and path.
HOST_NAME = re.compile(
    r"(?:(?!-)[\w-]{1,63}(?<!-)\.)+[^\W\d_]{2,63}\.?(?::\d{1,5})?(?:[/?#]\S*)?",
    re.IGNORECASE)
WEB_SCHEMES = ("http://", "https://")
MULTILINE_FIELDS = frozenset({"missions", "public_cible", "modalites_mobilisation",
                              "perimetre", "mode_action", "criteres_inclusion"})
DATE_FIELDS = frozenset({"date_creation", "date_mise_a_jour"})
DEFAULT_ID = "territoire"


@dataclass
class _Draft:
    name: str
    first: Location
    values: dict[str, object] = field(default_factory=dict)
    origins: dict[str, Location] = field(default_factory=dict)
    variants: set[str] = field(default_factory=set)
    #: Unmatched columns: label → first value met.
    others: dict[str, str] = field(default_factory=dict)


class TerritoryCollector:
    """Territories met while reading a file, by id when the file has one, else by name.

    Names are compared without case, accents or punctuation, so "CPTS Saint-Denis" and
    "cpts st denis" are one territory (the first spelling is kept). A fiche value met
    twice with different contents keeps the first one and warns. Columns matching no
    field are kept per territory (« Autres informations ») unless their value changes
    from row to row of one territory: then they describe communes, not the territory.
    """

    def __init__(self, zoning_type: ZoningType, log: IssueLog) -> None:
        self._type = zoning_type
        self._log = log
        self._drafts: dict[str, _Draft] = {}
        self._by_name: dict[str, str] = {}
        #: Unmatched columns met, in order, and those whose value varies within a territory.
        self._other_labels: dict[str, None] = {}
        self._per_row: set[str] = set()

    def name(self, territory_id: str) -> str:
        """Name of a territory as first spelt in the file."""
        return self._drafts[territory_id].name

    def first_location(self, territory_id: str) -> Location:
        """First line or feature of a territory, for messages about it."""
        return self._drafts[territory_id].first

    def locations(self) -> dict[str, Location]:
        """First line or feature of each territory."""
        return {tid: draft.first for tid, draft in self._drafts.items()}

    def add(self, name: str, given_id: str, values: Mapping[str, str], where: Location,
            columns: Columns, others: Mapping[str, str] | None = None) -> str:
        """Record one row of territory ``name`` and return the territory id.

        ``values`` are the raw cells of the fiche fields, ``others`` those of the
        unmatched columns, by label.
        """
        tid = clean(given_id) or self._by_name.get(normalize(name)) or self._new_id(name)
        draft = self._drafts.get(tid)
        if draft is None:
            draft = self._drafts[tid] = _Draft(name, where)
            self._by_name.setdefault(normalize(name), tid)
        elif name != draft.name and name not in draft.variants:
            draft.variants.add(name)
            first = draft.first.describe(with_file=False)
            if normalize(name) == normalize(draft.name):
                self._log.info("name_variant", where, variant=name, name=draft.name, first=first)
            else:
                self._log.warning("id_name_conflict", where, id=tid, name=draft.name,
                                  other=name, first=first)
        for role, raw in values.items():
            if clean(raw):
                self._set(draft, role, raw, replace(where, column=columns.header(role)))
        for label, raw in (others or {}).items():
            self._other(draft, label, raw)
        return tid

    def fiches(self) -> dict[str, Fiche]:
        """Fiche of each territory met, in the order of the file; says what was kept aside."""
        kept = [label for label in self._other_labels if label not in self._per_row]
        if kept:
            self._log.info("other_columns", columns=quoted_list(kept, limit=20))
        if self._per_row:
            self._log.info("per_row_columns", columns=quoted_list(
                (label for label in self._other_labels if label in self._per_row), limit=20))
        return {
            tid: Fiche(nom=draft.name, type=self._type.key, **draft.values,
                       autres=tuple((label, value) for label, value in draft.others.items()
                                    if label not in self._per_row))
            for tid, draft in self._drafts.items()
        }

    def _other(self, draft: _Draft, label: str, raw: str) -> None:
        """Keep the value of an unmatched column; a second different value marks it per row."""
        lines = (clean(line) for line in raw.splitlines())
        value = "\n".join(line for line in lines if line)
        if not value:
            return
        self._other_labels.setdefault(label)
        first = draft.others.setdefault(label, value)
        if first != value:
            self._per_row.add(label)

    def _new_id(self, name: str) -> str:
        base = slugify(name) or DEFAULT_ID
        tid, rank = base, 1
        while tid in self._drafts:
            rank += 1
            tid = f"{base}-{rank}"
        return tid

    def _set(self, draft: _Draft, role: str, raw: str, where: Location) -> None:
        value = parse_value(role, raw, self._log, where)
        if value is None or (role == "courriel" and _beside_emails(raw)):
            # What the field could not hold is still information: kept aside.
            self._other(draft, where.column or FICHE_LABELS[role], raw)
        if value is None:
            return
        if role not in draft.values:
            draft.values[role], draft.origins[role] = value, where
        elif value != draft.values[role]:
            first = replace(draft.origins[role], column=None).describe(with_file=False)
            self._log.warning("fiche_conflict", where, label=FICHE_LABELS[role],
                              territory=draft.name, value=value, kept=draft.values[role],
                              first=first)


def parse_value(role: str, raw: str, log: IssueLog, where: Location) -> object:
    """Fiche value of a raw cell, normalised; warns (and keeps what it can) when odd."""
    if role == "statut":
        return _statut(raw, log, where)
    if role in DATE_FIELDS:
        return _date(raw, log, where)
    if role == "telephone":
        return _phone(raw, log, where)
    if role == "courriel":
        return _emails(raw, log, where)
    if role == "site":
        return _site(raw, log, where)
    if role == "illustratif":
        return _flag(raw, log, where)
    if role in MULTILINE_FIELDS:
        lines = (clean(line) for line in raw.splitlines())
        return "\n".join(line for line in lines if line)
    return clean(raw)


def _statut(raw: str, log: IssueLog, where: Location) -> Statut | None:
    words = f" {normalize(raw)} "
    for statut, markers in STATUT_WORDS.items():
        if any(f" {marker}" in words for marker in markers):
            return statut
    log.warning("bad_statut", where, value=clean(raw))
    return None


def _date(raw: str, log: IssueLog, where: Location) -> str:
    text = clean(raw)
    for pattern, parts in DATE_FORMATS:
        found = pattern.fullmatch(text)
        if not found:
            continue
        values = dict(zip(parts, map(int, found.groups()), strict=True))
        try:
            dt.date(values["year"], values.get("month", 1), values.get("day", 1))
        except ValueError:
            break
        iso = f"{values['year']:04d}"
        if "month" in values:
            iso += f"-{values['month']:02d}"
        if "day" in values:
            iso += f"-{values['day']:02d}"
        return iso
    log.warning("bad_date", where, value=text)
    return text


def _beside_emails(raw: str) -> bool:
    """Whether a cell holding e-mail addresses says something else too."""
    rest = EMAIL.sub("", raw.replace("mailto:", ""))
    return bool(EMAIL.search(raw)) and bool(re.search(r"\w", rest))


def _phone(raw: str, log: IssueLog, where: Location) -> str:
    """French numbers as ``01 23 45 67 89`` (several joined by `` / ``); others as typed."""
    text = clean(raw)
    numbers = [part for part in PHONE_SEPARATORS.split(text) if part]
    formatted = [_french_number(number) for number in numbers]
    if any(number is None for number in formatted):
        if not re.search(r"\d{2}", text):
            log.warning("bad_phone", where, value=text)
        return text
    return " / ".join(number for number in formatted if number)


def _french_number(text: str) -> str | None:
    """``01 23 45 67 89`` for a French number in any usual spelling; None otherwise."""
    national = FRENCH_PREFIX.sub("0", text.strip())
    if national.startswith("+") or re.search(r"[^\d\s.\-()]", national):
        return None
    digits = re.sub(r"\D", "", national)
    if len(digits) == PHONE_DIGITS - 1:
        digits = "0" + digits
    if len(digits) != PHONE_DIGITS or not digits.startswith("0"):
        return None
    return " ".join(digits[i:i + 2] for i in range(0, PHONE_DIGITS, 2))


def _emails(raw: str, log: IssueLog, where: Location) -> str:
    """Read the e-mail addresses of a cell, joined by commas.

    Addresses found amid other words (« Dr Martin : martin@cpts.fr ») are kept with a
    warning; the collector keeps the whole text aside. Without any address, the text is
    kept as typed, with a warning.
    """
    parts = [part.removeprefix("mailto:") for part in EMAIL_SEPARATORS.split(raw) if part]
    if all(EMAIL.fullmatch(part) for part in parts):
        return ", ".join(parts)
    text = clean(raw)
    found = list(dict.fromkeys(EMAIL.findall(text)))
    if found:
        log.warning("email_extracted", where, value=text, emails=", ".join(found))
        return ", ".join(found)
    log.warning("bad_email", where, value=text)
    return text


def _site(raw: str, log: IssueLog, where: Location) -> str | None:
    """Give a web address its scheme: ``https://`` added to a bare host name.

    Only what cannot be a host name is refused (with a warning): another scheme
    (``javascript:``, ``ftp:``), words, an e-mail address.
    """
    text = clean(raw)
    address = "".join(text.split())
    lowered = address.lower()
    if lowered.startswith(WEB_SCHEMES):
        host = address.split("://", 1)[1]
    else:
        host = address.removeprefix("//")
        address = "https://" + host
    if "@" in host.split("/", 1)[0] or not HOST_NAME.fullmatch(host):
        log.warning("bad_site", where, value=text)
        return None
    return address


def _flag(raw: str, log: IssueLog, where: Location) -> bool:
    word = normalize(raw)
    if word in TRUE_WORDS:
        return True
    if word not in FALSE_WORDS:
        log.warning("bad_flag", where, value=clean(raw), label=FICHE_LABELS["illustratif"])
    return False
