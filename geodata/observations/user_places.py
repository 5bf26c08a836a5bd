"""Users' lists of places (PASS, CCAS, permanences…): read, placed on the map, reported.

A user hands over a table, one row per place: latitude and longitude (WGS84 degrees, or
Lambert-93 metres as FINESS and many GIS exports give them), or only a commune code
(the place is then put at the commune's centre and said to be so), with an optional
name, category and numeric value. :func:`read_place_file` reads it with the zoning
readers' own table reader (encodings, Excel, title lines:
:func:`geodata.zonings.tabular.read_sheets`), places each row in the unit that contains
it, and reports in French, as for a zoning file, how many rows were read, placed and
rejected, and why, line by line.

The file must already have passed :mod:`geodata.intake` (size, type by content, archive
checks, private temporary folder): the web and the command line both do that first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.clock import local_today
from geodata.observations.place_texts import (
    CATEGORY_WORDS,
    COUNT_WORDS,
    LAT_WORDS,
    LON_WORDS,
    MAX_CATEGORIES,
    MAX_PLACES,
    NAME_WORDS,
    NO_CATEGORY,
    OTHER_CATEGORIES,
    PAIR_WORDS,
    PLACE_MESSAGES,
    REPORT,
    VALUE_WORDS,
)
from geodata.observations.places import PlaceList
from geodata.zonings.codes import CodeBook, CodeKind
from geodata.zonings.columns import CODE_FALLBACK_KEYS, CODE_KEYS, key
from geodata.zonings.constants import (
    AREA_CRS,
    LAMBERT93_X,
    LAMBERT93_Y,
    MAX_HEADER_SCAN,
    OUTPUT_CRS,
)
from geodata.zonings.formats import Kind
from geodata.zonings.messages import fmt_int, plural
from geodata.zonings.report import FileProblem, Issue, IssueLog, ValidationReport
from geodata.zonings.tabular import Sheet, read_sheets
from geodata.zonings.text import clean, slugify

#: Columns of a user's places, beyond :data:`geodata.observations.places.PLACE_COLUMNS`.
PLACE_TABLE_COLUMNS = ("id", "nom", "code", "lon", "lat", "category", "value", "at_centre")
#: A number inside a « latitude, longitude » cell.
NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class RowReport:
    """Rows of a user's table read, placed and rejected, and the issues met, line by line.

    Subclasses give the ``headline`` and the lines under it (:meth:`detail_lines`).
    """

    source: str
    issues: tuple[Issue, ...]
    rows: int = 0
    placed: int = 0

    @property
    def rejected(self) -> int:
        """Rows that could not be placed."""
        return self.rows - self.placed

    @property
    def headline(self) -> str:
        """One French sentence: rows read, placed, rejected."""
        raise NotImplementedError

    def detail_lines(self) -> tuple[str, ...]:
        """Lines under the headline: what was made of the rows placed."""
        return ()

    def to_text(self) -> str:
        """Write the whole report, as the command line prints it."""
        body = ValidationReport(self.source, self.issues).to_text()
        lines = [self.headline, *self.detail_lines()]
        return "\n".join(lines) + ("\n\n" + body if self.issues else "")


@dataclass(frozen=True)
class PlaceReport(RowReport):
    """What :func:`read_place_file` made of a file: counts, issues, the layer if usable."""

    at_centre: int = 0
    layer: PlaceList | None = None

    @property
    def ok(self) -> bool:
        """Whether the file gives a layer (at least one place, no error)."""
        return self.layer is not None

    @property
    def headline(self) -> str:
        """One French sentence: rows read, placed, rejected."""
        if self.rows == 0 and not self.ok:
            return REPORT["unusable"].format(source=self.source)
        return REPORT["counts"].format(
            source=self.source, rows=plural(self.rows, *COUNT_WORDS["read"]),
            placed=plural(self.placed, *COUNT_WORDS["placed"]),
            rejected=plural(self.rejected, *COUNT_WORDS["rejected"]),
            centre=REPORT["centre"].format(count=fmt_int(self.at_centre)) if self.at_centre
            else "")

    def category_lines(self) -> tuple[str, ...]:
        """« PASS : 12 lieux » per category, largest first."""
        if self.layer is None:
            return ()
        counts = self.layer.places["category"].value_counts(sort=False)
        return tuple(REPORT["category"].format(
            category=category, count=plural(int(number), *COUNT_WORDS["places"]))
                     for category, number in counts.items())

    def detail_lines(self) -> tuple[str, ...]:
        """List the categories and their counts."""
        return self.category_lines()


@dataclass(frozen=True)
class _Columns:
    """Index of each role's column in the header row (None when absent)."""

    lat: int | None = None
    lon: int | None = None
    pair: int | None = None
    code: int | None = None
    nom: int | None = None
    category: int | None = None
    value: int | None = None


def read_place_file(path: Path, kind: Kind, units: gpd.GeoDataFrame, aliases: pd.DataFrame,
                    *, source: str | None = None, label: str | None = None,
                    today: dt.date | None = None) -> PlaceReport:
    """Read a list of places and put each in the unit that contains it.

    Parameters
    ----------
    path : path
        A staged, checked file (:func:`geodata.intake.staged`): CSV or XLSX.
    kind : Kind
        ``Kind.CSV`` or ``Kind.XLSX``.
    units : geopandas.GeoDataFrame
        The map's units (``code``, ``nom``, geometry in WGS84).
    aliases : pandas.DataFrame
        :func:`geodata.base.load_code_aliases`: former communes, cities given whole.
    source, label : str, optional
        The layer's source line and name; by default the file's name and import date.

    Returns
    -------
    PlaceReport
        Never raises for a bad file: an unreadable one gives a report with one error.
    """
    name = path.name
    log = IssueLog(name, PLACE_MESSAGES)
    today = today or local_today()
    try:
        sheet, start, columns = _header(_first_table(read_sheets(path, kind, log)))
        headers = sheet.rows[start][1]
        _describe_columns(log, headers, columns)
        rows = sheet.rows[start + 1:]
        if len(rows) > MAX_PLACES:
            raise FileProblem("too_many_places", rows=fmt_int(len(rows)),
                              limit=fmt_int(MAX_PLACES))
    except FileProblem as problem:
        log.problem(problem)
        return PlaceReport(name, tuple(log.issues))
    book = CodeBook.from_frames(units, aliases)
    places = _place_rows(rows, headers, columns, units, book, log)
    at_centre = int(places["at_centre"].sum()) if len(places) else 0
    if places.empty:
        log.error("nothing_placed")
        return PlaceReport(name, tuple(log.issues), rows=len(rows))
    places = _group_categories(places, log)
    stem = Path(name).stem
    layer = PlaceList(
        key=slugify(label or stem) or "lieux", label=clean(label or stem) or stem,
        source=source or REPORT["source"].format(name=name, day=today.strftime("%d/%m/%Y")),
        vintage=today.isoformat(), places=places,
        whole_cities={code: book.alias_units[code] for code in
                      sorted(set(places["code"]) - set(book.names))},
        city_names={code: book.name_of(code) or code for code in
                    sorted(set(places["code"]) - set(book.names))},
        value_label=clean(headers[columns.value]) if columns.value is not None else "")
    return PlaceReport(name, tuple(log.issues), rows=len(rows), placed=len(places),
                       at_centre=at_centre, layer=layer)


def _first_table(sheets: Sequence[Sheet]) -> Sheet:
    """Return the first sheet with a header and at least one row."""
    for sheet in sheets:
        if len(sheet.rows) >= 2:
            return sheet
    raise FileProblem("no_rows")


def _header(sheet: Sheet) -> tuple[Sheet, int, _Columns]:
    """Find the header row among the first rows (agency files often start with a title).

    Raises
    ------
    FileProblem
        When no row names columns that place the rows (the first row's are quoted).
    """
    for index, (_, cells) in enumerate(sheet.rows[:MAX_HEADER_SCAN]):
        try:
            return sheet, index, _detect(cells)
        except FileProblem:
            continue
    return sheet, 0, _detect(sheet.rows[0][1])


def _detect(headers: Sequence[str]) -> _Columns:
    """Find each role's column; coordinates (a pair, or two columns) or a code is needed."""
    keys = [key(header) for header in headers]
    taken: set[int] = set()

    def find(words: frozenset[str], contains: bool = False) -> int | None:
        for index, name in enumerate(keys):
            if index in taken or not name:
                continue
            if name in words or (contains and any(word in name for word in words)):
                taken.add(index)
                return index
        return None

    lat, lon = find(LAT_WORDS), find(LON_WORDS)
    if lat is None or lon is None:
        lat = lon = None
    pair = find(PAIR_WORDS) if lat is None else None
    code = _first(_first(find(CODE_KEYS), lambda: find(frozenset({"insee"}), contains=True)),
                  lambda: find(CODE_FALLBACK_KEYS))
    if lat is None and pair is None and code is None:
        raise FileProblem("no_location", found=", ".join(f"« {h} »" for h in headers[:12]))
    nom = _first(find(NAME_WORDS), lambda: find(NAME_WORDS, contains=True))
    category = _first(find(CATEGORY_WORDS), lambda: find(CATEGORY_WORDS, contains=True))
    value = find(VALUE_WORDS)
    return _Columns(lat, lon, pair, code, nom, category, value)


def _first(found: int | None, otherwise: Callable[[], int | None]) -> int | None:
    """Return the column found, else the one a looser search finds (column 0 is a column)."""
    return otherwise() if found is None else found


def _describe_columns(log: IssueLog, headers: Sequence[str], columns: _Columns) -> None:
    """Say which column was read for what (information)."""
    roles = {"lat": columns.lat, "lon": columns.lon, "pair": columns.pair,
             "code": columns.code, "nom": columns.nom, "category": columns.category,
             "value": columns.value}
    used = ", ".join(f"{REPORT['roles'][role]} = « {headers[index]} »"
                     for role, index in roles.items() if index is not None)
    log.info("columns_used", columns=used)


def parse_number(text: str) -> float | None:
    """Read a number typed in a French or English spreadsheet (``48,85``), else None."""
    compact = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?", compact):
        return None
    value = float(compact.replace(",", "."))
    return value if math.isfinite(value) else None


def _cell(cells: Sequence[str], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return clean(cells[index])


def _coordinates(cells: Sequence[str], columns: _Columns) -> tuple[float, float] | None | str:
    """``(lon, lat)`` of a row; None when it has none; a message key when they are wrong."""
    if columns.pair is not None:
        text = _cell(cells, columns.pair)
        if not text:
            return None
        numbers = NUMBER.findall(text.replace(", ", " ").replace(",", "."))
        if len(numbers) != 2:
            return "bad_coordinates"
        lat, lon = float(numbers[0]), float(numbers[1])
        return lon, lat
    lat_text, lon_text = _cell(cells, columns.lat), _cell(cells, columns.lon)
    if not lat_text and not lon_text:
        return None
    lat, lon = parse_number(lat_text), parse_number(lon_text)
    if lat is None or lon is None:
        return "bad_coordinates"
    return lon, lat


def _to_degrees(points: pd.DataFrame, log: IssueLog) -> pd.DataFrame:
    """Bring Lambert-93 metres to degrees; swap latitude and longitude given crosswise."""
    metres = points["lon"].abs().gt(1000) | points["lat"].abs().gt(1000)
    lambert = (metres & points["lon"].between(*LAMBERT93_X) & points["lat"].between(*LAMBERT93_Y))
    if lambert.any():
        projected = gpd.GeoSeries(gpd.points_from_xy(points.loc[lambert, "lon"],
                                                     points.loc[lambert, "lat"]),
                                  crs=AREA_CRS).to_crs(OUTPUT_CRS)
        points.loc[lambert, "lon"] = projected.x.to_numpy()
        points.loc[lambert, "lat"] = projected.y.to_numpy()
        log.info("lambert93", count=plural(int(lambert.sum()), *COUNT_WORDS["lambert93"]))
    crosswise = points["lat"].abs().lt(20) & points["lon"].abs().between(40, 60)
    if crosswise.any():
        lon, lat = points["lon"].to_numpy(copy=True), points["lat"].to_numpy(copy=True)
        points["lon"] = np.where(crosswise, lat, lon)
        points["lat"] = np.where(crosswise, lon, lat)
        log.warning("swapped", count=plural(int(crosswise.sum()), *COUNT_WORDS["swapped"]))
    return points


def _place_rows(rows: Sequence[tuple[int, tuple[str, ...]]], headers: Sequence[str],
                columns: _Columns, units: gpd.GeoDataFrame, book: CodeBook,
                log: IssueLog) -> pd.DataFrame:
    """One row per place that could be placed; a warning for each row that could not."""
    records = []
    for line, cells in rows:
        where = log.at(line=line)
        found = _coordinates(cells, columns)
        code_text = _cell(cells, columns.code)
        if isinstance(found, str):
            log.warning(found, where, lat=_cell(cells, columns.lat or columns.pair),
                        lon=_cell(cells, columns.lon or columns.pair))
            continue
        if found is None and not code_text:
            log.warning("no_place", where)
            continue
        value_text = _cell(cells, columns.value)
        value = parse_number(value_text) if value_text else np.nan
        if value is None:
            log.warning("bad_value", where, value=value_text[:40],
                        column=headers[columns.value])
            value = np.nan
        records.append({"line": line, "nom": _cell(cells, columns.nom)[:200],
                        "category": _cell(cells, columns.category)[:80] or NO_CATEGORY,
                        "value": value, "code_text": code_text,
                        "lon": found[0] if found else np.nan,
                        "lat": found[1] if found else np.nan})
    frame = pd.DataFrame(records, columns=["line", "nom", "category", "value", "code_text",
                                           "lon", "lat"])
    located = frame["lon"].notna()
    frame.loc[located] = _to_degrees(frame.loc[located].copy(), log)
    frame["code"] = _containing_units(frame, units)
    frame["at_centre"] = False
    kept = []
    centres = _centres(units)
    for row in frame.itertuples(index=False):
        where = log.at(line=row.line)
        if not pd.isna(row.lon):
            if pd.isna(row.code):
                log.warning("outside", where, lat=f"{row.lat:.5f}", lon=f"{row.lon:.5f}")
                continue
            if row.code_text:
                resolution = book.resolve(row.code_text)
                if resolution.units and row.code not in resolution.units:
                    log.warning("code_disagrees", where, code=resolution.code,
                                commune=book.name_of(row.code) or row.code)
            kept.append(row._replace(nom=row.nom or book.name_of(row.code) or row.code))
            continue
        resolution = book.resolve(row.code_text)
        if resolution.kind in (CodeKind.INVALID, CodeKind.UNKNOWN, CodeKind.POSTAL):
            log.warning(f"code_{resolution.kind}", where, code=row.code_text[:20])
            continue
        if resolution.kind is CodeKind.FORMER and len(resolution.units) == 1:
            code = resolution.units[0]
            log.info("former_code", where, code=resolution.code, commune=book.name_of(code))
        else:
            code = resolution.code
        lon, lat = centres.get(code) or _union_centre(units, resolution.units)
        kept.append(row._replace(code=code, lon=lon, lat=lat, at_centre=True,
                                 nom=row.nom or book.name_of(code) or code))
    places = pd.DataFrame(kept, columns=frame.columns)
    places["id"] = "l" + places["line"].astype(str)
    places["lon"] = places["lon"].astype(float).round(5)
    places["lat"] = places["lat"].astype(float).round(5)
    places["value"] = places["value"].astype(float)
    places["at_centre"] = places["at_centre"].astype(bool)
    return places[list(PLACE_TABLE_COLUMNS)].reset_index(drop=True)


def _containing_units(frame: pd.DataFrame, units: gpd.GeoDataFrame) -> list[str | None]:
    """Code of the unit containing each located row (None: outside every unit or no point)."""
    codes: list[str | None] = [None] * len(frame)
    located = np.flatnonzero(frame["lon"].notna().to_numpy())
    if not len(located):
        return codes
    points = shapely.points(frame["lon"].to_numpy()[located], frame["lat"].to_numpy()[located])
    tree = shapely.STRtree(units.geometry.to_numpy())
    point_index, unit_index = tree.query(points, predicate="intersects")
    unit_codes = units["code"].to_numpy()
    for point, unit in zip(point_index.tolist(), unit_index.tolist(), strict=True):
        codes[located[point]] = unit_codes[unit]
    return codes


def _centres(units: gpd.GeoDataFrame) -> dict[str, tuple[float, float]]:
    """Return a point inside each unit, near its centre, rounded to about a metre."""
    points = units.geometry.representative_point()
    return {code: (round(point.x, 5), round(point.y, 5))
            for code, point in zip(units["code"], points, strict=True)}


def _union_centre(units: gpd.GeoDataFrame, codes: Sequence[str]) -> tuple[float, float]:
    """Return a point inside the union of some units (a city given as a whole)."""
    union = shapely.union_all(units.loc[units["code"].isin(codes)].geometry.to_numpy())
    point = union.representative_point()
    return round(point.x, 5), round(point.y, 5)


def _group_categories(places: pd.DataFrame, log: IssueLog) -> pd.DataFrame:
    """Keep the most frequent categories; the others become « Autres catégories »."""
    counts = places["category"].value_counts()
    if len(counts) <= MAX_CATEGORIES:
        return places
    kept = set(counts.index[:MAX_CATEGORIES - 1])
    grouped = places["category"].where(places["category"].isin(kept), OTHER_CATEGORIES)
    log.warning("too_many_categories", count=fmt_int(len(counts)),
                limit=fmt_int(MAX_CATEGORIES - 1))
    return places.assign(category=grouped)
