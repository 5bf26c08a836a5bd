"""Data behind a view, for spreadsheets and GIS: communes and territories as CSV, GeoJSON.

CSV files are meant for Excel in French: UTF-8 with a byte order mark, ``;`` between
fields, decimal comma, no thousands separator, French headers. Missing values (secret
statistique, nothing to aggregate) are empty cells, never 0.

Sources travel **in columns** rather than in comment rows: every row carries the source
of the indicator, of the geography and of the perimeters (the illustrative notice when
the perimeters are made up). The file stays a plain rectangular table that Excel,
LibreOffice and ``pandas.read_csv(sep=";", decimal=",")`` read without options, and a
row copied or filtered elsewhere keeps its sources.

The GeoJSON (RFC 7946: WGS84, exterior rings counter-clockwise, 5 decimals) has one
feature per territory with its fiche as properties and an ``illustratif`` flag, plus
``sources`` and, for made-up perimeters, ``avertissement`` at the top level.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import shapely

from dashboard.export.constants import (
    COMMUNE_COLUMNS,
    COORDINATE_DECIMALS,
    EXPORT_DECIMALS,
    NO,
    NOT_COVERED,
    OTHER_COLUMN,
    SOURCE_COLUMNS,
    SOURCE_SEPARATOR,
    TERRITORIES_NAME,
    TERRITORY_COLUMNS,
    VALUE_COLUMN,
    YES,
)
from dashboard.export.spreadsheet import csv_bytes
from dashboard.export.texts import (
    Sources,
    scope_name,
    view_sources,
    zoning_labels,
)
from dashboard.formatting import french_list
from dashboard.strings import HOVER_TERRITORY_SHARE, ILLUSTRATIVE_NOTICE
from dashboard.views.data import AppData, split_ref
from dashboard.views.map_geometry import shown_units
from dashboard.views.map_view import classify_view
from dashboard.views.panorama import structure_rows
from dashboard.views.shares import member_share
from dashboard.views.state import BY_COMMUNE, ViewState
from geodata.observations.indicators import Indicator
from geodata.zonings import FICHE_LABELS, Zoning
from geodata.zonings.model import FICHE_FIELDS, OTHER_INFO

#: Fiche fields written in ``territoires.csv`` after the contacts, in the fiche's order.
CSV_FICHE_FIELDS = ("date_creation", "president", "coordination", "adresse", "perimetre",
                    "missions", "public_cible", "modalites_mobilisation", "mode_action",
                    "criteres_inclusion", "source", "date_mise_a_jour")


def territory_rows(data: AppData, state: ViewState) -> pd.DataFrame:
    """List the territories of the shown zonings that touch the shown départements.

    Columns: ``zoning``, ``type``, ``id`` (territory id), ``nom``, ``statut``,
    ``departements``, ``communes``, ``partagees`` and ``partagees_detail`` (communes
    counted in part), ``population`` (whole territory, shared communes for their part),
    ``value`` and ``coverage`` of the view's indicator, then every other fiche field.
    Ordered by zoning as in the view, then by name. All territories when no département
    is chosen.
    """
    rows = structure_rows(data)
    rows = rows[rows["zoning"].isin(state.zonings)]
    if state.departements:
        wanted = set(state.departements)
        rows = rows[rows["departements"].str.split(", ").map(lambda deps: bool(wanted & set(deps)))]
    indicator = data.indicator(state.indicator)
    frames = []
    for key in state.zonings:
        zoning = data.zonings[key]
        shown = rows[rows["zoning"] == key].copy()
        if shown.empty:  # an emptied zoning
            continue
        shown["id"] = [split_ref(ref)[1] for ref in shown["id"]]
        membership = zoning.membership.rename(columns={"territory_id": "territory"})
        values = data.observations.aggregate(indicator, membership)
        fiches = zoning.territories.drop(columns=["nom", "type", "statut"])
        shown = shown.join(values.rename_axis("id"), on="id").join(fiches, on="id")
        frames.append(shown.iloc[sorted(range(len(shown)),
                                        key=lambda i: _natural(shown["nom"].iat[i]))])
    columns = ["zoning", "type", "id", "nom", "statut", "departements", "communes",
               "partagees", "partagees_detail", "population", "value", "coverage",
               *(name for name in FICHE_FIELDS if name not in ("nom", "type", "statut"))]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def communes_csv(data: AppData, state: ViewState) -> bytes:
    """Write the view's indicator for each shown commune and the territories covering it.

    Columns: code, name, département, population, indicator value, class on the map
    (when communes are coloured), one column per shown zoning naming the covering
    territories ("zone blanche" when none), then the three source columns.
    """
    indicator = data.indicator(state.indicator)
    units = shown_units(data, state.departements, "detail")
    codes = units["code"].tolist()
    frame = pd.DataFrame({
        COMMUNE_COLUMNS["code"]: codes,
        COMMUNE_COLUMNS["nom"]: units["nom"].tolist(),
        COMMUNE_COLUMNS["departement"]: units["departement"].tolist(),
        COMMUNE_COLUMNS["population"]: [_number(p) for p in units["population"]],
        _value_column(indicator): [_number(value) for value in
                                   data.table[indicator.code].reindex(codes)],
    })
    if state.colour_by == BY_COMMUNE:
        _, classification = classify_view(data, state)
        labels = np.array(["", *classification.labels], dtype=object)
        frame[COMMUNE_COLUMNS["classe"]] = labels[classification.class_of + 1]
    for key in state.zonings:
        zoning = data.zonings[key]
        frame[zoning.type.label] = [_covering(zoning, code) for code in codes]
    return _csv(_with_sources(frame, view_sources(data, state)))


def territories_csv(data: AppData, state: ViewState) -> bytes:
    """Write the shown territories with their fiche, size and the view's indicator."""
    indicator = data.indicator(state.indicator)
    rows = territory_rows(data, state)
    labels = TERRITORY_COLUMNS
    columns = {
        labels["type"]: rows["type"],
        labels["id"]: rows["id"],
        labels["nom"]: rows["nom"],
        labels["statut"]: rows["statut"],
        labels["porteur"]: rows["porteur"].fillna(""),
        labels["departements"]: rows["departements"],
        labels["communes"]: [_number(n) for n in rows["communes"]],
        labels["partagees"]: rows["partagees_detail"],
        labels["population"]: [_number(n) for n in rows["population"]],
        _value_column(indicator): [_number(v) for v in rows["value"]],
        labels["coverage"]: [_number(round(100 * c, 1)) for c in rows["coverage"]],
        labels["telephone"]: rows["telephone"].fillna(""),
        labels["courriel"]: rows["courriel"].fillna(""),
        labels["site"]: rows["site"].fillna(""),
    }
    for name in CSV_FICHE_FIELDS:
        columns[FICHE_LABELS[name]] = rows[name].fillna("").astype(str)
    columns[labels["illustratif"]] = [YES if flag else NO for flag in rows["illustratif"]]
    for label in dict.fromkeys(label for others in rows["autres"] for label, _ in others):
        header = label if label not in columns else OTHER_COLUMN.format(label=label)
        columns[header] = [dict(others).get(label, "") for others in rows["autres"]]
    return _csv(_with_sources(pd.DataFrame(columns), view_sources(data, state)))


def territories_geojson(data: AppData, state: ViewState) -> dict:
    """Return the shown territories as a GeoJSON FeatureCollection, fiches as properties.

    Geometry is the whole territory at the detailed level, even when it extends beyond
    the shown départements.
    """
    indicator = data.indicator(state.indicator)
    rows = territory_rows(data, state)
    sources = view_sources(data, state)
    features = []
    for key in state.zonings:
        shown = rows[rows["zoning"] == key]
        geometries = data.territory_geometries(key, "detail").reindex(shown["id"])
        shapes = _rfc7946(geometries.to_numpy())
        for row, shape in zip(shown.to_dict("records"), shapes, strict=True):
            properties = {name: _json_value(row[name]) for name in (
                "zoning", "type", "id", "nom", "statut", "departements", "communes",
                "population", *(f for f in FICHE_FIELDS
                                if f not in ("nom", "type", "statut", OTHER_INFO)))}
            properties["communes_partagees"] = row["partagees_detail"] or None
            properties[OTHER_INFO] = dict(row[OTHER_INFO]) or None
            properties[indicator.code] = _json_value(row["value"])
            properties[f"{indicator.code}_couverture"] = _json_value(row["coverage"])
            properties["illustratif"] = bool(row["illustratif"])
            features.append({"type": "Feature", "id": f"{key}:{row['id']}",
                             "geometry": None if shape is None else shape.__geo_interface__,
                             "properties": properties})
    name = TERRITORIES_NAME.format(zonings=french_list(zoning_labels(data, state.zonings)),
                                   scope=scope_name(data, state.departements))
    collection = {"type": "FeatureCollection", "name": name, "sources": list(sources.lines)}
    if sources.illustrative:
        collection["avertissement"] = ILLUSTRATIVE_NOTICE
    collection["features"] = features
    return collection


def _covering(zoning: Zoning, code: str) -> str:
    """Territories of a commune, with their shares when it is split (« A (28,9 %) / B … »)."""
    tids = zoning.territories_of(code)
    if not tids:
        return NOT_COVERED
    names = []
    for tid in tids:
        share = member_share(zoning, tid, code)
        name = zoning.fiches[tid].nom
        names.append(HOVER_TERRITORY_SHARE.format(name=name, share=share) if share else name)
    return " / ".join(names)


def _natural(text: str) -> tuple[str | int, ...]:
    """Sort key putting "CPTS 9" before "CPTS 10"."""
    return tuple(int(part) if part.isdigit() else part.casefold()
                 for part in re.split(r"(\d+)", text))


def _value_column(indicator: Indicator) -> str:
    return (VALUE_COLUMN.format(label=indicator.label, unit=indicator.unit)
            if indicator.unit else indicator.label)


def _number(value: object) -> str:
    """Format for Excel in French: decimal comma, no thousands separator; "" if missing.

    Values keep their precision (up to 6 decimals, trailing zeros dropped): the file is
    data, not display, and a rounded territory value could not be recomputed.
    """
    if value is None or pd.isna(value):
        return ""
    return f"{float(value):.{EXPORT_DECIMALS}f}".rstrip("0").rstrip(".").replace(".", ",")


def _with_sources(frame: pd.DataFrame, sources: Sources) -> pd.DataFrame:
    return frame.assign(**{
        SOURCE_COLUMNS["indicator"]: sources.indicator,
        SOURCE_COLUMNS["geography"]: sources.geography,
        SOURCE_COLUMNS["perimeters"]: SOURCE_SEPARATOR.join(sources.perimeters),
    })


def _csv(frame: pd.DataFrame) -> bytes:
    """Write ``frame`` for French Excel; imported text can never run as a formula."""
    return csv_bytes(frame.columns, frame.itertuples(index=False))


def _json_value(value: object) -> object:
    """Convert a value for JSON: None for missing, plain int, float and str."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        return round(float(value), 6)
    return value if isinstance(value, bool | int) else str(value)


def _rfc7946(geometries: np.ndarray) -> list[shapely.Geometry | None]:
    """Orient exterior rings counter-clockwise and round; None for a missing shape."""
    present = np.array([shape is not None and not shapely.is_missing(shape)
                        for shape in geometries])
    result: list[shapely.Geometry | None] = [None] * len(geometries)
    if present.any():
        shapes = shapely.orient_polygons(np.asarray(geometries[present], dtype=object),
                                         exterior_cw=False)
        shapes = shapely.transform(shapes, lambda xy: np.round(xy, COORDINATE_DECIMALS))
        for index, shape in zip(np.flatnonzero(present), shapes, strict=True):
            result[index] = shape
    return result
