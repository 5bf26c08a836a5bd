"""Users' own observations: the numeric columns of their INSEE-shaped files, added to the map.

:func:`import_observation` reads a file as
:func:`~geodata.observations.insee_files.read_insee_file` does, adds its new columns to an
indicator table as user indicators, and reports in French what matched and what was left
out (unknown codes, former communes, whole cities given instead of their arrondissements).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geodata.observations.indicators import INDICATORS, Indicator, user_indicator
from geodata.observations.insee_files import (
    FORMER_COMMUNE,
    MAX_FILE_BYTES,
    SPLIT_CITIES,
    IndicatorFileError,
    Source,
    display_name,
    read_insee_columns,
)

#: Decimals tried when guessing how to display an imported column.
MAX_DECIMALS = 3
#: Examples quoted in a report message.
MAX_EXAMPLES = 5
#: Why a readable file still cannot be imported (French, for the user).
NO_NEW_COLUMN = ("Le fichier « {name} » n'apporte aucune nouvelle colonne numérique "
                 "(colonnes déjà présentes ou ignorées : {columns}).")
NO_MATCH = ("Aucun code commune du fichier « {name} » ne correspond aux communes de la "
            "carte (codes lus, par exemple : {examples}).")


def _fr(number: int) -> str:
    """Integer with French thousands separators (narrow no-break space)."""
    return f"{number:,}".replace(",", "\u202f")


@dataclass(frozen=True)
class ImportReport:
    """What :func:`import_observation` did with a file, for the user (see :attr:`messages`).

    Attributes
    ----------
    filename : str
    indicators : tuple of Indicator
        One user indicator per new column, to keep in the user's session.
    units, matched : int
        Units on the map, and those with a row in the file.
    filled : dict
        Per new column, units with a value (not missing nor secret).
    missing_units : tuple of str
        « Nom (code) » of the units without a row in the file.
    unknown_codes : tuple of str
        Codes of the region's départements that match no unit (typos, obsolete codes).
    former_codes : tuple of (str, str)
        Former communes in the file and the unit they merged into; their rows are unused.
    split_cities : tuple of str
        Whole cities (75056…) given while the map uses their arrondissements; unused.
    outside_rows : int
        Rows of communes outside the region's départements, ignored.
    ignored_columns, existing_columns : tuple of str
        Columns left out as text or unnamed, and columns already in the table (kept as is).
    """

    filename: str
    indicators: tuple[Indicator, ...]
    units: int
    matched: int
    filled: dict[str, int] = field(default_factory=dict)
    missing_units: tuple[str, ...] = ()
    unknown_codes: tuple[str, ...] = ()
    former_codes: tuple[tuple[str, str], ...] = ()
    split_cities: tuple[str, ...] = ()
    outside_rows: int = 0
    ignored_columns: tuple[str, ...] = ()
    existing_columns: tuple[str, ...] = ()

    @property
    def messages(self) -> tuple[str, ...]:
        """French sentences summing the import up, most important first."""
        added = ", ".join(f"« {indicator.code} »" for indicator in self.indicators)
        messages = [f"Indicateurs ajoutés depuis « {self.filename} » : {added}.",
                    f"Unités de la carte présentes dans le fichier : {_fr(self.matched)} "
                    f"sur {_fr(self.units)}."]
        messages += [f"« {column} » : valeur renseignée pour {_fr(count)} sur "
                     f"{_fr(self.units)} (les autres : absentes, vides ou secret statistique)."
                     for column, count in self.filled.items() if count < self.units]
        if self.missing_units:
            messages.append(f"Unités absentes du fichier : {_fr(len(self.missing_units))} "
                            f"(par exemple : {_examples(self.missing_units)}).")
        if self.unknown_codes:
            messages.append(f"Codes inconnus, ignorés : {_fr(len(self.unknown_codes))} "
                            f"(par exemple : {_examples(self.unknown_codes)}).")
        if self.former_codes:
            pairs = [f"{code} (fusionnée dans {current})" for code, current in self.former_codes]
            messages.append(f"Anciennes communes, ignorées : {_examples(pairs)}.")
        if self.split_cities:
            messages.append("Communes données entières alors que la carte utilise leurs "
                            f"arrondissements, ignorées : {', '.join(self.split_cities)}.")
        if self.outside_rows:
            messages.append(f"Lignes hors de la région, ignorées : {_fr(self.outside_rows)}.")
        if self.ignored_columns:
            messages.append("Colonnes non numériques, ignorées : "
                            f"{', '.join(self.ignored_columns)}.")
        if self.existing_columns:
            messages.append("Colonnes déjà présentes, non remplacées : "
                            f"{', '.join(self.existing_columns)}.")
        return tuple(messages)


def _examples(items: tuple[str, ...] | list[str]) -> str:
    shown = ", ".join(items[:MAX_EXAMPLES])
    return shown + (" …" if len(items) > MAX_EXAMPLES else "")


def import_observation(table: pd.DataFrame, path: Source, units: pd.DataFrame, *,
                       filename: str | None = None, aliases: pd.DataFrame | None = None,
                       max_bytes: int = MAX_FILE_BYTES) -> tuple[pd.DataFrame, ImportReport]:
    """Add the numeric columns of a user's INSEE-shaped file to an indicator table.

    Parameters
    ----------
    table : pandas.DataFrame
        Indicator table indexed by unit code (:func:`load_filosofi`); never modified.
    path : path, bytes or file object
        The file, as for :func:`read_insee_file`.
    units : pandas.DataFrame
        The map's units (``code``, ``nom``, ``departement``).
    filename : str, optional
        Name shown to the user and used as the new indicators' source.
    aliases : pandas.DataFrame, optional
        :func:`geodata.base.load_code_aliases`, to recognise former communes.

    Returns
    -------
    merged_table : pandas.DataFrame
        A new frame: ``table`` plus one column per new column of the file.
    report : ImportReport
        The new user indicators and what was matched, ignored or unknown.

    Raises
    ------
    IndicatorFileError
        When the file is unreadable, brings no new numeric column, or matches no unit.
    """
    name = display_name(path, filename)
    observed, ignored = read_insee_columns(path, name, max_bytes)
    reserved = {*table.columns, *(indicator.code for indicator in INDICATORS)}
    new = [column for column in observed.columns if column not in reserved]
    existing = tuple(column for column in observed.columns if column in reserved)
    if not new:
        columns = ", ".join([*existing, *ignored]) or "aucune"
        raise IndicatorFileError(NO_NEW_COLUMN.format(name=name, columns=columns), filename=name)
    unit_codes = pd.Index(units["code"])
    matched = observed.index.isin(unit_codes)
    if not matched.any():
        examples = _examples(list(observed.index))
        raise IndicatorFileError(NO_MATCH.format(name=name, examples=examples), filename=name)

    values = observed.loc[matched, new].reindex(table.index)
    merged = table.join(values)
    indicators = tuple(user_indicator(column, name, decimals_of(observed[column]))
                       for column in new)
    missing = ~unit_codes.isin(observed.index)
    report = ImportReport(
        filename=name,
        indicators=indicators,
        units=len(unit_codes),
        matched=int(matched.sum()),
        filled={column: int(values[column].notna().sum()) for column in new},
        missing_units=tuple(f"{nom} ({code})" for nom, code in
                            zip(units["nom"][missing], unit_codes[missing], strict=True)),
        ignored_columns=ignored,
        existing_columns=existing,
        **_classify_unmatched(observed.index[~matched], units, aliases),
    )
    return merged, report


def _classify_unmatched(codes: pd.Index, units: pd.DataFrame,
                        aliases: pd.DataFrame | None) -> dict:
    """Sort the file's unmatched codes: split cities, former communes, unknown, outside."""
    unit_codes = set(units["code"])
    departements = set(units["departement"])
    former = {} if aliases is None else dict(
        aliases.loc[aliases["kind"] == FORMER_COMMUNE, ["alias", "codes"]].to_numpy())
    split, former_pairs, unknown, outside = [], [], [], 0
    for code in codes:
        if code in SPLIT_CITIES and unit_codes.intersection(SPLIT_CITIES[code]):
            split.append(code)
        elif code in former:
            former_pairs.append((code, former[code]))
        elif code[:3 if code.startswith("97") else 2] in departements:
            unknown.append(code)
        else:
            outside += 1
    return {"split_cities": tuple(split), "former_codes": tuple(former_pairs),
            "unknown_codes": tuple(unknown), "outside_rows": outside}


def decimals_of(values: pd.Series) -> int:
    """Fewest decimals that show every value of an imported column exactly."""
    known = values.dropna().to_numpy()
    return next((decimals for decimals in range(MAX_DECIMALS)
                 if np.allclose(known, known.round(decimals), rtol=0, atol=1e-9)),
                MAX_DECIMALS)
